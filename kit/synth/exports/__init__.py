"""Demo exports: the sample town's own rows written in four real platforms' export formats.

``kit data build`` writes, under ``datasets/demo-exports/``, an X/Twitter archive, a LinkedIn
"Get a copy of your data" zip, a Mastodon backup and a Bluesky repository (CAR) export, each of
ONE account of the town chosen by a rule from the data (:func:`chosen`). A learner without an
account of their own imports one of them (``kit import``) and runs workshop 06 on it.

The writers are written from the formats as their sources describe them and share no code with
the importers in ``kit.imports`` (a round trip between the two is a test of both). Every file is
deterministic: the same scenario gives byte-identical archives (fixed member times, permissions
and order; identifiers derived from the data, never from the clock).

* :func:`make` returns every file's bytes in memory (nothing written, so a failing writer leaves
  the data folder alone); :func:`write` swaps them into ``out_dir/demo-exports/``.
* :func:`dictionary` is the data dictionary's "Demo exports" section.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ...scenario import Scenario

FOLDER = "demo-exports"
FILES = ("x-archive.zip", "linkedin-export.zip", "mastodon-archive.tar.gz", "bluesky-repo.car")

Tables = Callable[[str], pd.DataFrame]

__all__ = ["make", "write", "dictionary", "chosen", "FOLDER", "FILES"]


# --------------------------------------------------------------------------- who each export holds


def chosen(s: Scenario, table: Tables) -> dict[str, int]:
    """The account (or member) each export holds, by rule.

    X: the business that wrote the most replies among those whose posts tell workshop 06.4's
    slips from its method (:func:`_slips_show`), else the most replies of all. Mastodon and
    Bluesky: the next two businesses by replies, in that order. Ties: the lower account_id. So
    each export has originals, replies, retweets and quotes. LinkedIn: the member with the most
    active actions (everything but profile_edit, follow_company, like, endorse_skill; ties: the
    lower member_id).
    """
    accounts, posts = table("accounts"), table("posts")
    business = accounts.loc[accounts["kind"] == "business", "account_id"]
    replies = posts[posts["kind"] == "reply"].groupby("account_id").size().reindex(business, fill_value=0)
    ranked = [a for a, _ in sorted(replies.items(), key=lambda kv: (-kv[1], kv[0]))]
    x = next((a for a in ranked if _slips_show(posts[posts["account_id"] == a])), ranked[0])
    rest = [a for a in ranked if a != x]
    activity = table("linkedin_activity")
    passive = {"profile_edit", "follow_company", "like", "endorse_skill"}
    active = activity[~activity["action"].astype(str).isin(passive)].groupby("member_id").size()
    member = min(active.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return {"x": int(x), "mastodon": int(rest[0]), "bluesky": int(rest[1]), "linkedin": int(member)}


def _slips_show(posts: pd.DataFrame) -> bool:
    """True when one account's posts make both of 06.4's data slips change its answer: its own
    handle is named in two or more of its posts (a thread), and counting its retweets' mentions
    would lift some account to the two posts that make a friend."""
    if posts.empty:
        return False
    me = posts["handle"].iloc[0]

    def named(rows) -> pd.Series:
        return rows["mentions"].dropna().str.split().explode().value_counts()

    own = named(posts[posts["kind"] != "retweet"])
    shared = named(posts[posts["kind"] == "retweet"])
    lifted = [h for h, n in shared.items() if h != me and own.get(h, 0) < 2 <= own.get(h, 0) + n]
    return own.get(me, 0) >= 2 and bool(lifted)


# --------------------------------------------------------------------------- shared helpers


def end_of(s: Scenario) -> dt.datetime:
    """Midnight UTC after the scenario's last evening: every archive's fixed timestamp."""
    last = s.first_date + dt.timedelta(days=7 * s.weeks)
    return dt.datetime(last.year, last.month, last.day, tzinfo=dt.UTC)


def utc(ts) -> dt.datetime:
    """A pandas or datetime timestamp as a UTC datetime, to the second."""
    return pd.Timestamp(ts).tz_convert("UTC").to_pydatetime().replace(microsecond=0)


def digest(*parts) -> bytes:
    """A stable hash of the parts (for identifiers derived from the data)."""
    return hashlib.sha256("|".join(str(p) for p in parts).encode()).digest()


def zip_bytes(members: dict[str, bytes], when: dt.datetime) -> bytes:
    """A zip of the members, sorted, each with the same time and rw-r--r-- permissions."""
    buf = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            z.writestr(info, members[name])
    return buf.getvalue()


def tar_gz_bytes(members: dict[str, bytes], when: dt.datetime) -> bytes:
    """A gzip'd tar of the members, sorted, fixed mtime/uid/gid/owner; the gzip header's mtime 0."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name in sorted(members):
            info = tarfile.TarInfo(name)
            info.size, info.mtime, info.mode = len(members[name]), int(when.timestamp()), 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            t.addfile(info, io.BytesIO(members[name]))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as g:
        g.write(raw.getvalue())
    return out.getvalue()


# --------------------------------------------------------------------------- the build


def make(s: Scenario, table: Tables) -> dict[str, bytes]:
    """Every demo export's bytes, keyed by file name (nothing is written)."""
    from . import bluesky, linkedin, mastodon, x

    who = chosen(s, table)
    return {
        "x-archive.zip": x.archive(s, table, who["x"]),
        "linkedin-export.zip": linkedin.archive(s, table, who["linkedin"]),
        "mastodon-archive.tar.gz": mastodon.archive(s, table, who["mastodon"]),
        "bluesky-repo.car": bluesky.archive(s, table, who["bluesky"]),
    }


def write(files: dict[str, bytes], out_dir: str | os.PathLike) -> list[Path]:
    """Swap the files into ``out_dir/demo-exports/`` as a whole: written into a temporary folder
    beside it, which then replaces the old folder (other files in that folder are not kept: it
    is the kit's)."""
    out_dir = Path(out_dir)
    target = out_dir / FOLDER
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".build-") as tmp:
        fresh = Path(tmp) / FOLDER
        fresh.mkdir()
        for name, data in sorted(files.items()):
            (fresh / name).write_bytes(data)
        old = Path(tmp) / "old"
        if target.exists():
            os.replace(target, old)
        os.replace(fresh, target)
        if old.exists():
            shutil.rmtree(old)
    return [target / name for name in sorted(files)]


def dictionary(s: Scenario, table: Tables, files: dict[str, bytes]) -> str:
    """The data dictionary's "Demo exports" section."""
    from . import bluesky, linkedin, mastodon, x

    who = chosen(s, table)
    accounts = table("accounts").set_index("account_id")
    members = table("linkedin_members").set_index("member_id")
    lines = [
        "## Demo exports (synthetic)",
        "",
        "`demo-exports/` holds one export in each of four real platforms' formats, written from "
        "the tables above, so that `kit import` (and workshop 06) can run without a learner's own "
        "account. **They are synthetic**: every person, handle, id and message is invented; links "
        "point to reserved example domains (`example.org`, `*.example`) and the only real "
        "domains are the platforms' own (in the places their exports put them). Each holds ONE "
        "account, chosen by a rule from the data: X holds the business that wrote the most "
        "replies among those whose posts tell workshop 06.4's slips from its method (a thread "
        "naming itself twice or more, and a retweet that would lift someone it addresses once to "
        "a friend); Mastodon and Bluesky the next two businesses by replies (ties: the lower "
        "account_id); LinkedIn holds the member with the most active actions. They carry the quirks that break "
        "naive parsers on purpose (listed per file). Regenerated by `kit data build`, "
        "byte-identical for the same scenario.",
        "",
        "| file | bytes | account |",
        "|---|---|---|",
    ]
    for name, key in zip(FILES, ("x", "linkedin", "mastodon", "bluesky")):
        if key == "linkedin":
            m = members.loc[who[key]]
            acct = f"member {who[key]}, {m['name']} ({m['business_type']})"
        else:
            a = accounts.loc[who[key]]
            acct = f"account {who[key]}, {a['handle']} ({a['display_name']})"
        lines.append(f"| `{name}` | {len(files[name]):,} | {acct} |")
    lines.append("")
    for mod in (x, linkedin, mastodon, bluesky):
        lines += mod.DICTIONARY.strip("\n").split("\n") + [""]
    return "\n".join(lines)
