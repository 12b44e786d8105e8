"""The one error a bad export raises: :class:`ExportError`, a plain sentence naming the file.

Every reader in :mod:`kit.imports` turns whatever goes wrong with the *input* (a damaged zip, a
cut-off JSON array, a date in an unknown format, a missing column) into one ``ExportError`` whose
message names the file, the member inside the archive when there is one, and what was expected,
so that someone who is not a programmer can act on it ("download the archive again", "this is
not a Mastodon export"). Nothing is written anywhere while reading, so a failed read leaves
nothing half-written.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ExportError", "where"]


class ExportError(ValueError):
    """An export cannot be read. The message names the file (and member) and what was expected."""


def where(path: str | Path, member: str | None = None) -> str:
    """How a message names a file: ``archive.zip`` or ``archive.zip (data/tweets.js inside it)``.

    >>> where("/tmp/x.zip", "data/tweets.js")
    'x.zip (data/tweets.js inside it)'
    >>> where("/tmp/outbox")
    'outbox'
    """
    name = Path(path).name or str(path)
    return f"{name} ({member} inside it)" if member else name
