"""Workshop 06's measures (kit.own) and charts (kit.ui.own) on one account's own export."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from kit import own
from kit.imports import read_export
from kit.ui import own as charts

from .chart_contract import assert_chart_contract

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


def _posts(times, kinds=None, mentions=None, handle="@me"):
    n = len(times)
    return pd.DataFrame(
        {
            "created_at": pd.to_datetime(times, utc=True, format="ISO8601"),
            "kind": kinds or ["original"] * n,
            "mentions": mentions or [None] * n,
            "handle": handle,
        }
    )


def test_conversation_is_a_reply_a_share_or_a_mention():
    p = _posts(
        ["2026-01-01"] * 5, ["original", "reply", "retweet", "quote", "original"], [None, None, None, None, "@ana"]
    )
    assert own.conversation_share(p) == 0.8
    assert math.isnan(own.conversation_share(p.iloc[:0]))


def test_months_are_the_learners_calendar_months():
    # 23:30 UTC on 31 March is 00:30 on 1 April in London (summer time)
    p = _posts(["2026-03-31 23:30", "2026-03-10 12:00"], ["reply", "original"])
    assert own.monthly_conversation_share(p, "Europe/London").to_dict() == {"2026-03": 0.0, "2026-04": 1.0}
    assert own.monthly_conversation_share(p).to_dict() == {"2026-03": 0.5}  # in UTC


def test_a_session_ends_after_a_gap_longer_than_thirty_minutes():
    p = _posts(
        ["2026-01-05 09:00", "2026-01-05 09:30", "2026-01-05 10:00:01", "2026-01-05 10:05"],
        ["original", "original", "original", "reply"],
    )
    s = own.sessions(p)
    assert s["posts"].tolist() == [2, 2] and s["conversation"].tolist() == [0, 1]
    assert own.broadcast_session_share(p) == 0.5
    shuffled = p.sample(frac=1, random_state=1)  # the order of the rows does not matter
    assert own.broadcast_session_share(shuffled) == 0.5
    assert own.sessions(p, gap=pd.Timedelta(hours=2))["posts"].tolist() == [4]


def test_hours_are_read_on_the_learners_clock_and_every_hour_is_listed():
    p = _posts(["2026-07-01 18:30", "2026-07-01 18:40", "2026-01-10 18:30"])
    london = own.posts_by_hour(p, "Europe/London")
    assert list(london.index) == list(range(24)) and london.sum() == 3
    assert london[19] == 2 and london[18] == 1  # summer time: 18:30 UTC is 19:30 on the clock
    assert own.posts_by_hour(p, "UTC")[18] == 3


def test_friends_are_addressed_twice_and_never_the_owner():
    p = _posts(["2026-01-01"] * 4, mentions=["@ana @bo", "@Ana", "@ana @ME", "@me @cy"])
    assert own.addressed(p).to_dict() == {"@ana": 2, "@bo": 1, "@Ana": 1, "@cy": 1}
    assert own.friends(p) == {"@ana"}
    assert own.friends(p, times=1) == {"@ana", "@bo", "@Ana", "@cy"}
    shared = _posts(["2026-01-01"] * 3, ["retweet", "retweet", "quote"], ["@star", "@star", "@star"])
    assert own.addressed(shared).to_dict() == {"@star": 1}  # a retweet's mentions are not yours


def test_linkedin_weeks_start_on_monday_and_count_active_and_passive():
    a = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-01-04", "2026-01-05", "2026-01-11", "2026-01-12"]),
            "action": ["comment", "like", "message", "profile_edit"],
        }
    )
    w = own.weekly_linkedin_actions(a)
    assert [str(d) for d in w.index] == ["2025-12-29", "2026-01-05", "2026-01-12"]
    assert w["active"].tolist() == [1, 1, 0] and w["passive"].tolist() == [0, 1, 1]
    assert w["active_share"].tolist() == [1.0, 0.5, 0.0]


@pytest.mark.parametrize("name", ["x", "mastodon", "linkedin"])
@pytest.mark.parametrize("demo", [False, True])
def test_every_chart_follows_the_contract_on_real_formats(name, demo):
    export = read_export(FIXTURES / name)
    export.demo = demo
    made = []
    if "posts" in export.tables:
        made += [
            charts.monthly_chart(export, "Europe/London"),
            charts.hour_chart(export, "Europe/London"),
            charts.sessions_chart(export),
            charts.friends_chart(export),
        ]
    if "linkedin_activity" in export.tables:
        made.append(charts.linkedin_weekly_chart(export))
    assert made
    for chart in made:
        spec = assert_chart_contract(chart)
        title, sub = spec["title"]["text"], str(spec["title"].get("subtitle", ""))
        assert ("synthetic" in sub) == demo, (title, sub)
        assert export.owner in title if demo else (title.startswith("You") or " your " in title), title


def test_a_kept_chart_goes_to_the_private_folder_and_nowhere_outside_a_workspace(tmp_path, monkeypatch):
    from kit import workspace

    export = read_export(FIXTURES / "x")
    chart = charts.hour_chart(export, "Europe/London")
    monkeypatch.setenv(workspace.ENV, "")  # no workspace: nothing is written
    assert charts.keep(chart, "rhythm").startswith("Not saved")
    ws = tmp_path / "work"
    workspace.sync(ws)
    monkeypatch.setenv(workspace.ENV, str(ws))
    said = charts.keep(chart, "my rhythm/../x")
    saved = ws / "private" / "charts" / "my-rhythm-x.png"
    assert str(saved) in said and saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
