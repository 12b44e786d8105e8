"""Charts for workshop 06 (your own account). Logic lives in ``kit.own``.

Each chart takes the export's own tables (not an exercise's answer) and binds the topic module
privately (``_own``), so nothing public here returns an answer. Titles state what the learner's
data shows; a demo export's charts name its account and say it is synthetic.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import own as _own
from .theme import STYLE_COLOURS, finish
from .words import count, pct

_ACTIVE_COLOURS = {"active": "#0072B2", "passive": "#E69F00"}


def _demo(export) -> bool:
    return bool(getattr(export, "demo", False))


def _whose(export) -> str:
    """ "your", or the demo account's possessive ("@WrenBookkeeper's")."""
    return f"{export.owner or 'the demo account'}'s" if _demo(export) else "your"


def _who(export, you: str = "You", they: str | None = None) -> str:
    """ "You" (with its verb), or the demo account (with ``they``'s verb)."""
    return f"{export.owner or 'The demo account'}{' ' + they if they else ''}" if _demo(export) else you


def _sub(export, text: str) -> str:
    return f"{text}. Demo export: a synthetic account" if _demo(export) else text


def monthly_chart(export, zone: str | None = None):
    """The conversation share of each month, with the share over all months as a rule."""
    posts = export.tables["posts"]
    monthly = _own.monthly_conversation_share(posts, zone).reset_index()
    overall = _own.conversation_share(posts)
    counts = posts.groupby(_own.months(posts["created_at"], zone)).size()
    monthly["posts"] = monthly["month"].map(counts).astype(int)
    monthly["label"] = pd.to_datetime(monthly["month"]).dt.strftime("%b %Y")
    best = monthly.loc[monthly["conversation_share"].idxmax()] if len(monthly) else None
    bars = (
        alt.Chart(monthly)
        .mark_bar(color=STYLE_COLOURS["conversation"])
        .encode(
            x=alt.X("label:O", title="Month", sort=list(monthly["label"]), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "conversation_share:Q",
                title="Share of posts that talk with someone",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            tooltip=[alt.Tooltip("label:N", title="month"), alt.Tooltip("conversation_share:Q", format=".0%"), "posts"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"overall": [overall]}))
        .mark_rule(color="#333333", strokeDash=[6, 4], size=2)
        .encode(y=alt.Y("overall:Q", title=None))
    )
    title = f"{pct(overall)} of {_whose(export)} posts talk with someone" + (
        f"; highest in {best['label']}" if best is not None and len(monthly) > 1 else ""
    )
    return finish(
        (bars + rule).properties(width=560),
        title=title,
        subtitle=_sub(export, "Conversation: a reply, a retweet or quote, or an @mention. Dashed: all months"),
        description=(
            "Bar chart of the share of posts that are conversation in each month: "
            + "; ".join(
                f"{r.label} {pct(r.conversation_share)} of {count(r.posts, 'post')}" for r in monthly.itertuples()
            )
            + f". Over all months: {pct(overall)}."
        ),
    )


def hour_chart(export, zone: str):
    """Posts in each hour of the day, on ``zone``'s clock."""
    by_hour = _own.posts_by_hour(export.tables["posts"], zone)
    data = by_hour.reset_index()
    top = int(by_hour.idxmax()) if by_hour.sum() else None
    chart = (
        alt.Chart(data)
        .mark_bar(color=STYLE_COLOURS["conversation"])
        .encode(
            x=alt.X("hour:O", title=f"Hour of the day ({zone})"),
            y=alt.Y("posts:Q", title="Posts"),
            tooltip=["hour", "posts"],
        )
        .properties(width=600)
    )
    title = (
        f"{_who(export, 'You post', 'posts')} most between {top:02d}:00 and {top + 1:02d}:00"
        if top is not None
        else "No posts to show"
    )
    return finish(
        chart,
        title=title,
        subtitle=_sub(export, f"Every post, by the hour it was made on the clock in {zone}"),
        description=(
            f"Bar chart of posts per hour of the day in {zone}: "
            + ", ".join(f"{h:02d}h {n}" for h, n in by_hour.items() if n)
            + "."
        ),
    )


def sessions_chart(export, gap: pd.Timedelta = _own.SESSION_GAP):
    """Sessions by how many posts they held, split into all-broadcast and with conversation."""
    s = _own.sessions(export.tables["posts"], gap)
    s = s.assign(
        kind=(s["conversation"] > 0).map({True: "talked with someone", False: "log on, post, log off"}),
        size=s["posts"].clip(upper=5).map(lambda n: "5+" if n >= 5 else str(n)),
    )
    data = s.groupby(["size", "kind"]).size().rename("sessions").reset_index()
    share = float((s["conversation"] == 0).mean()) if len(s) else float("nan")
    colours = {
        "talked with someone": STYLE_COLOURS["conversation"],
        "log on, post, log off": STYLE_COLOURS["broadcast"],
    }
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(
                "size:O",
                title="Posts in the session",
                axis=alt.Axis(labelAngle=0),
                scale=alt.Scale(domain=["1", "2", "3", "4", "5+"]),
            ),
            y=alt.Y("sessions:Q", title="Sessions", stack="zero"),
            color=alt.Color(
                "kind:N", title="Session", scale=alt.Scale(domain=list(colours), range=list(colours.values()))
            ),
            tooltip=["size", "kind", "sessions"],
        )
        .properties(width=480)
    )
    minutes = int(gap / pd.Timedelta(minutes=1))
    return finish(
        chart,
        title=f"{pct(share)} of {_whose(export)} sessions were log on, post, log off",
        subtitle=_sub(export, f"A session: posts with no gap longer than {minutes} minutes (the kit's rule)"),
        description=(
            f"Stacked bar chart of {count(len(s), 'session')} by how many posts each held, "
            f"split into sessions with some conversation and sessions of broadcasts only. "
            f"{pct(share)} were broadcasts only."
        ),
    )


def friends_chart(export, top: int = 15):
    """The accounts addressed most, with the line at the "friend" threshold (twice)."""
    n = _own.addressed(export.tables["posts"])
    friends = int((n >= _own.FRIEND_TIMES).sum())
    data = n.head(top).reset_index()
    bars = (
        alt.Chart(data)
        .mark_bar(color=STYLE_COLOURS["conversation"])
        .encode(
            y=alt.Y("account:N", title=None, sort="-x"),
            x=alt.X("posts:Q", title="Posts that addressed them", axis=alt.Axis(tickMinStep=1, format="d")),
            tooltip=["account", "posts"],
        )
    )
    rule = (
        alt.Chart(pd.DataFrame({"x": [_own.FRIEND_TIMES]}))
        .mark_rule(color="#333333", strokeDash=[6, 4], size=2)
        .encode(x=alt.X("x:Q", title="Posts that addressed them"))
    )
    return finish(
        (bars + rule).properties(width=480),
        title=f"{_who(export, 'You have', 'has')} {count(friends, 'friend')} in Huberman's sense",
        subtitle=_sub(export, f"A friend: someone addressed at least {_own.FRIEND_TIMES} times (dashed line)"),
        description=(
            f"Bar chart of the {min(top, len(n))} accounts addressed most, by the number of "
            f"posts addressing them: "
            + ", ".join(f"{a} {v}" for a, v in n.head(top).items())
            + f". {count(friends, 'account')} were addressed at least twice."
        ),
    )


def linkedin_weekly_chart(export):
    """Active and passive LinkedIn actions per week and, where the export has them, the messages
    and invitations others sent (a line): what followed."""
    received = export.tables.get("linkedin_received")
    weekly = _own.weekly_linkedin_actions(export.tables["linkedin_activity"], received=received)
    data = weekly[["active", "passive"]].reset_index().melt("week", var_name="kind", value_name="actions")
    data["week"] = pd.to_datetime(data["week"])
    share = weekly["active"].sum() / (weekly["active"].sum() + weekly["passive"].sum()) if len(weekly) else float("nan")
    x = alt.X("yearmonthdate(week):O", title="Week starting", axis=alt.Axis(format="%d %b", labelAngle=-45))
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("actions:Q", title="Actions", stack="zero"),
            color=alt.Color(
                "kind:N",
                title="Action",
                scale=alt.Scale(domain=list(_ACTIVE_COLOURS), range=list(_ACTIVE_COLOURS.values())),
            ),
            tooltip=[alt.Tooltip("week:T", format="%d %b %Y"), "kind", "actions"],
        )
    )
    subtitle = "Active: a message, comment, post or invitation. Passive: a like, follow or endorsement"
    description = (
        f"Stacked bar chart of active and passive LinkedIn actions over "
        f"{count(len(weekly), 'week')}; {pct(share)} were active."
    )
    if "received" in weekly:
        line = weekly[["received"]].reset_index().assign(week=lambda d: pd.to_datetime(d["week"]))
        chart = chart + alt.Chart(line).mark_line(color="#000000", point=True, strokeWidth=2).encode(
            x=x,
            y=alt.Y("received:Q", title="Actions"),
            tooltip=[alt.Tooltip("week:T", format="%d %b %Y"), alt.Tooltip("received:Q", title="received")],
        )
        subtitle = "Bars: your actions. Line: messages and invitations others sent you"
        description += (
            f" A line shows the messages and invitations others sent each week "
            f"({int(weekly['received'].sum())} in all)."
        )
    return finish(
        chart.properties(width=620),
        title=f"{pct(share)} of {_whose(export)} LinkedIn actions were active",
        subtitle=_sub(export, subtitle),
        description=description,
    )


def keep(chart, name: str = "my-chart") -> str:
    """Save ``chart`` as a PNG in your workspace's ``private/charts/`` folder; say where.

    Outside a workspace (a notebook opened from the kit's own folder) nothing is written.
    """
    import re

    from ..private import private_dir
    from ..workspace import active

    ws = active()
    if ws is None:
        return (
            "Not saved: this notebook is not running in your workspace. Open it with "
            "`uv run kit lab` and run this cell again to keep the chart."
        )
    folder = private_dir(ws.root) / "charts"
    folder.mkdir(exist_ok=True)
    path = folder / (re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "my-chart")
    path = path.with_suffix(".png")
    chart.save(str(path), scale_factor=2)
    return f"Saved {path} (private to you, like your import)."
