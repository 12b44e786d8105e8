"""Which export workshop 06 reads: your own (imported into your workspace) or a demo export.

:func:`my_export` gives the learner's own import when their workspace holds one (``kit import``
put it in ``private/``, :mod:`kit.private`), and otherwise a **demo export**: one of the four
real-format exports ``kit data build`` writes from the sample town into
``datasets/demo-exports/`` (synthetic accounts; nothing real). A demo is read in memory, once
per version of its file, and each call gets its own copy; nothing is written.

>>> sorted(DEMOS)
['bluesky', 'linkedin', 'mastodon', 'x']
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .scenario import data_dir

__all__ = ["DEMOS", "DEFAULT_DEMO", "demo_path", "my_export", "my_zone", "describe"]

#: the demo export of each platform, in ``datasets/demo-exports/``
DEMOS = {
    "x": "x-archive.zip",
    "linkedin": "linkedin-export.zip",
    "mastodon": "mastodon-archive.tar.gz",
    "bluesky": "bluesky-repo.car",
}
DEFAULT_DEMO = "x"
NAMES = {"x": "X", "linkedin": "LinkedIn", "mastodon": "Mastodon", "bluesky": "Bluesky"}


def demo_path(platform: str = DEFAULT_DEMO) -> Path:
    """The demo export of ``platform`` (x, linkedin, mastodon or bluesky)."""
    if platform not in DEMOS:
        raise ValueError(f"no demo export for {platform!r}: choose one of {', '.join(sorted(DEMOS))}")
    return data_dir() / "demo-exports" / DEMOS[platform]


def my_export(platform: str | None = None, *, demo: bool | None = None):
    """Your imported export of ``platform`` (or your only one), else that platform's demo export.

    ``demo=True`` always uses the demo; ``demo=False`` insists on your own (an error says how to
    import it). The result has ``platform``, ``owner``, ``tables``, ``cannot_tell`` and ``demo``.
    """
    from . import private
    from .workspace import active

    ws = active()
    have = [] if demo is True or ws is None else private.imported(ws.root)
    choice = platform or (
        have[0] if len(have) == 1 else DEFAULT_DEMO if DEFAULT_DEMO in have else have[0] if have else None
    )
    if choice in have:
        mine = private.load(choice, ws.root)
        mine.demo = False
        return mine
    if demo is False:
        raise private.PrivateError(
            f"no {platform + ' ' if platform else ''}export of yours is imported: run "
            "`uv run kit import PATH` in a terminal (PATH: your downloaded export), then run this "
            "cell again" + ("" if ws else " (inside your workspace: open it with `uv run kit lab`)")
        )
    exp = _demo(demo_path(platform or DEFAULT_DEMO))
    exp.demo = True
    return exp


def _demo(path: Path):
    """The demo export at ``path``, read once per version of the file (a fresh copy each call:
    change it freely). Every check of 06 reads it; parsing it each time cost 16 ms a check."""
    from .imports import Export

    try:
        st = path.stat()
        read = _read_demo(str(path), st.st_mtime_ns, st.st_size)
    except OSError:
        read = _read_demo(str(path), None, None)  # let the reader say what is wrong with it
    return Export(read.platform, read.owner, {k: v.copy() for k, v in read.tables.items()}, list(read.cannot_tell))


@functools.lru_cache(maxsize=8)
def _read_demo(path: str, mtime_ns, size):
    from .imports import read_export

    return read_export(path)


def my_zone(name) -> str:
    """``name`` if it is a time-zone name, else "UTC", saying so: a typo must not break every chart.

    >>> my_zone("Europe/Berlin")
    'Europe/Berlin'
    >>> my_zone("BST")  # doctest: +ELLIPSIS
    MY_ZONE = 'BST' is not a time-zone name: use one like "Europe/London", ... Using UTC until you change it.
    'UTC'
    """
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(str(name))
        if str(name).upper() != "UTC" and "/" not in str(name):
            raise ValueError(name)  # "GMT", "EST": fixed offsets, no summer time
        return str(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError):
        print(
            f'MY_ZONE = {name!r} is not a time-zone name: use one like "Europe/London", '
            '"Europe/Berlin" or "America/New_York" (a region and a city). Using UTC until you '
            "change it."
        )
        return "UTC"


_TABLE_NAMES = {"linkedin_activity": "LinkedIn actions"}


def describe(export) -> str:
    """One paragraph saying whose data this is, where it is kept, and what it cannot tell."""
    rows = ", ".join(
        f"{len(t):,} {_TABLE_NAMES.get(name, name.replace('_', ' '))}" for name, t in export.tables.items()
    )
    if getattr(export, "demo", False):
        head = (
            f"Using the demo {NAMES.get(export.platform, export.platform)} export of {export.owner or 'a sample account'} "
            f"(synthetic: an invented account of the sample town). To use your own, run "
            f"`uv run kit import PATH` in a terminal, then run this cell again."
        )
        if os.environ.get("JUPYTERHUB_USER"):
            head += (
                " In this room the notebooks run on a shared server: an export you import here "
                "is stored on that server (in your own workspace). At home it stays on your machine."
            )
    else:
        where = "in your workspace's private/ folder: never tracked, never sent anywhere"
        if os.environ.get("JUPYTERHUB_USER"):
            where += " (on this room's server: `uv run kit forget` deletes it)"
        head = (
            f"Using your own {NAMES.get(export.platform, export.platform)} export ({export.owner or 'owner unknown'}"
            f"{', pseudonymised' if getattr(export, 'pseudonymised', False) else ''}), kept {where}."
        )
    cannot = "".join(f"\n  - {line}" for line in export.cannot_tell)
    return f"{head}\n{rows}." + (f"\nWhat this export cannot tell:{cannot}" if cannot else "")
