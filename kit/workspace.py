"""The learner workspace: where a learner's notebooks, records and private data live.

(Interface stub; the workspace helper fills it in.) Outside a workspace (nbval, CI, an
instructor edition) :func:`active` is ``None`` and :func:`record` writes nothing.
"""

from __future__ import annotations

__all__ = ["active", "record"]


def active():
    """The workspace the current process works in, or ``None``."""
    return None


def record(event: dict) -> None:
    """Append one event (a check's outcome, a hint asked for) to the workspace's log.

    ``event`` holds plain data only, e.g. ``{"type": "check", "exercise": "01.2",
    "status": "wrong", "rung": "percent"}`` — never the learner's answer itself.
    Does nothing outside a workspace; never raises.
    """
    return None
