"""Workshop 03's tournament in a room: learners send their guests, the instructor's desk takes them.

A learner's guest designer (in a room) has a "Send to the room" button: :func:`send` keeps the
guest's line (the same CSV line the designer shows) in the learner's workspace, at
``.kit/room-entry.csv`` — one line, the latest sent. On the room's machine the instructor's
tournament desk reads every learner's line with :func:`collect`, so nobody retypes them. Names are
the learners' own; a line that does not read as a guest is left out and named.

Nothing here imports JupyterHub: a notebook's kernel imports it.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENTRY", "in_room", "send", "collect"]

ENTRY = "room-entry.csv"


def _header() -> str:
    """The desk's header line: ``persona`` and the party's parameters, as ``read_entries`` reads them."""
    from ..party import PARAMETER_COLUMNS

    return ", ".join(("persona", *PARAMETER_COLUMNS))


def in_room() -> bool:
    """Whether this kernel runs in a learner's server of a ``kit room``."""
    return os.environ.get("KIT_ROOM") == "1"


def send(line: str) -> str:
    """Keep ``line`` as this learner's entry for the room's tournament; say what happened."""
    from ..party import read_entries
    from ..workspace import active, write_atomic

    read_entries(f"{_header()}\n{line}")  # a ValueError names what is wrong with it
    ws = active()
    if ws is None:
        raise ValueError("this notebook is not in a workspace, so there is nowhere to keep your entry")
    path = ws.root / ".kit" / ENTRY
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, (line.strip() + "\n").encode("utf-8"))
    return "Sent: the instructor's tournament desk will take it. Send again to replace it."


def collect(room: str | os.PathLike | None = None) -> tuple[str, list[str]]:
    """(the desk's text: a header and one line per learner who sent a guest, and the problems).

    Reads ``ROOM/homes/*/seminar-work/.kit/room-entry.csv`` (the room's owner may read them all).
    """
    from ..party import read_entries
    from .run import default_dir
    from .singleuser import WORKSPACE

    homes = Path(room or default_dir()) / "homes"
    lines, problems = [], []
    for path in sorted(homes.glob(f"*/{WORKSPACE}/.kit/{ENTRY}")):
        who = path.parents[2].name
        try:
            text = path.read_text(encoding="utf-8").strip().splitlines()[0]
            read_entries(f"{_header()}\n{text}", rename=False)
        except (OSError, IndexError, ValueError, UnicodeDecodeError) as e:
            problems.append(f"{who}: left out ({e})")
            continue
        lines.append(text)
    return "\n".join([_header(), *lines]), problems
