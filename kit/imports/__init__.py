"""Importers: a learner's real export from X, LinkedIn, Mastodon or Bluesky, as the kit's own tables.

>>> from kit.imports import read_export, ExportError, Export
>>> exp = read_export(path)                       # doctest: +SKIP
>>> exp.platform, exp.owner, sorted(exp.tables)   # doctest: +SKIP
('mastodon', '@bakery', ['accounts', 'follows', 'posts'])

``read_export(path, include_private=False)`` takes a ``.zip``, a ``.tar.gz`` / ``.tgz`` (or any
tar), a folder of an unpacked export, or a Bluesky ``.car`` file. What it is is told by its
**content** (the zip or gzip signature, a CAR header, the files a folder holds), never by its
name, and the platform by the files inside:

========== =============================================== =================================
platform   recognised by                                   tables
========== =============================================== =================================
x          ``data/manifest.js``, ``data/tweets.js``...      posts, follows, accounts, likes
mastodon   ``outbox.json`` (+ ``actor.json``)               posts, follows, accounts
bluesky    a CAR repository (``.car``)                     posts, follows, accounts, likes
linkedin   ``Connections.csv``, ``Shares.csv``...           linkedin_activity, connections,
                                                           shares, comments,
                                                           linkedin_received
========== =============================================== =================================

``posts``, ``follows`` and ``linkedin_activity`` have the columns and types of the sample town's
tables (:mod:`kit.synth.town`, :mod:`kit.synth.linkedin`) plus ``source`` (the platform), so the
measures of workshops 01 and 02 run on them unchanged; :mod:`kit.imports.tables` says exactly
what each column holds for real data (``content``, a human coder's label, is always null).
``linkedin_received`` is what others did towards the owner (messages sent to them, incoming
invitations), one row each with its date, without names or texts. The export's owner is account
(or member) 1. ``Export.cannot_tell`` lists, in plain sentences, what
this export cannot tell (X: follower handles, like dates; Mastodon: followers; ...).

Each format's module documents its quirks and sources: :mod:`.x`, :mod:`.linkedin`,
:mod:`.mastodon`, :mod:`.bluesky`; :mod:`.archive` opens files safely (size and ratio limits
checked before anything is decompressed, no extraction to disk, paths that leave the archive
and links refused). Nothing from an export is ever executed.

A bad input raises :class:`ExportError` (a ``ValueError``) and nothing else: one sentence naming
the file, the member inside an archive, and what was expected. Reading writes nothing, so a
failed read leaves nothing half-written. Only private posts are dropped by default (Mastodon's
followers-only and direct posts); ``include_private=True`` keeps them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd

from .archive import Source, open_source
from .bluesky import is_bluesky, read_bluesky
from .errors import ExportError
from .linkedin import is_linkedin, read_linkedin
from .mastodon import is_mastodon, read_mastodon
from .x import is_x, read_x

__all__ = ["read_export", "Export", "ExportError", "PLATFORMS"]

PLATFORMS = ("x", "linkedin", "mastodon", "bluesky")


@dataclass
class Export:
    """One export, read: its platform, its owner, its tables and what it cannot tell."""

    platform: str
    owner: str | None
    tables: dict[str, pd.DataFrame]
    cannot_tell: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}: {len(v)} rows" for k, v in self.tables.items())
        return f"Export({self.platform}, owner={self.owner!r}; {sizes})"


def _platform(src: Source) -> str:
    tests = (("x", is_x), ("mastodon", is_mastodon), ("bluesky", is_bluesky), ("linkedin", is_linkedin))
    found = [p for p, test in tests if test(src)]
    while not found and src.strip_folder():
        found = [p for p, test in tests if test(src)]
    if len(found) > 1:
        raise ExportError(
            f"{src.label()}: holds files of more than one export ({', '.join(found)}); "
            f"expected one platform's export: read each on its own"
        )
    if not found:
        some = ", ".join(sorted(src.names)[:4]) or "nothing"
        raise ExportError(
            f"{src.label()}: not an export the kit can read (it holds {some}); expected an X archive "
            f"(data/tweets.js), a LinkedIn export (Connections.csv...), a Mastodon archive "
            f"(outbox.json) or a Bluesky repository (.car)"
        )
    return found[0]


def read_export(path: str | os.PathLike, include_private: bool = False) -> Export:
    """Read the export at ``path`` (zip, tar.gz, folder or CAR). Raises ExportError, only, on bad input."""
    with open_source(path) as src:
        platform = _platform(src)
        try:
            if platform == "x":
                owner, tables, cannot = read_x(src)
            elif platform == "mastodon":
                owner, tables, cannot = read_mastodon(src, include_private=include_private)
            elif platform == "bluesky":
                owner, tables, cannot = read_bluesky(src)
            else:
                owner, tables, cannot = read_linkedin(src)
        except RecursionError:
            raise ExportError(f"{src.label()}: nested too deeply to read; the file is damaged") from None
    return Export(platform, owner, tables, cannot)
