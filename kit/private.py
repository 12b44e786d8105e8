"""A learner's own imported data: kept in their workspace's ``private/`` folder, and nowhere else.

``kit import PATH`` reads an export (:mod:`kit.imports`) and :func:`save` keeps its tables here;
workshop 06 reads them back with :func:`load`; ``kit forget`` (:func:`forget`) deletes them all.

* **Where:** ``<workspace>/private/``, made readable by its owner only (mode 0700 on POSIX), with
  a ``.gitignore`` of ``*`` so git never tracks it, even if the workspace sits inside a checkout.
* **All or nothing:** an import is written into a temporary folder beside its final place, then
  renamed; a failed or interrupted import leaves the previous one as it was.
* **Pseudonyms** (:func:`pseudonymise`): handles, names, the @mentions in texts and the
  platform's own ids and URIs (a Mastodon URI holds the handle, a Bluesky DID is the account)
  become stable salted pseudonyms (``@user-3f9a2c1b``, ``ref-…``), the same ones every time in
  this workspace; the salt is a random file in ``private/`` that never leaves it. Links in texts
  become ``<link>``; emails and profile URLs are dropped.

Each import is one folder, ``private/imports/<platform>/``: ``about.json`` (platform, owner,
what the export cannot tell, the file it came from, when, whether pseudonymised, each column's
type) and one JSON file per table (columns of values, null where missing). Importing the same platform again replaces the last import.

>>> import tempfile, pandas as pd
>>> from types import SimpleNamespace
>>> ws = Path(tempfile.mkdtemp())
>>> exp = SimpleNamespace(platform="x", owner="@shop", cannot_tell=["no follower handles"],
...     tables={"posts": pd.DataFrame({"handle": ["@shop"], "text": ["thanks @ana!"],
...                                    "mentions": ["@ana"]})})
>>> where = save(exp, ws, source="archive.zip", pseudonymise=True)
>>> back = load("x", ws)
>>> back.owner == pseudonym("@shop", ws), back.tables["posts"]["mentions"][0] == pseudonym("@ana", ws)
(True, True)
>>> back.tables["posts"]["text"][0].endswith("!") and "@ana" not in back.tables["posts"]["text"][0]
True
>>> [p.name for p in forget(ws)]
['x']
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .imports import Export

__all__ = [
    "PRIVATE",
    "Imported",
    "private_dir",
    "save",
    "load",
    "imported",
    "forget",
    "pseudonym",
    "pseudonymise",
    "PrivateError",
]

PRIVATE = "private"
IMPORTS = "imports"
_SALT = ".salt"
_ABOUT = "about.json"
# an @handle in a text: X/Bluesky style (@name, @name.bsky.social) or Mastodon's @user@host
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?(?:@[A-Za-z0-9.-]+[A-Za-z0-9])?")
_URL = re.compile(r"(?:https?://|www\.)\S+")
_HANDLE_COLUMNS = ("handle", "owner", "author", "reply_to_handle")
_NAME_COLUMNS = ("first_name", "last_name", "name", "display_name")
_DROP_COLUMNS = ("email", "email_address", "url", "profile_url")  # identify a person outright


class PrivateError(ValueError):
    """The private folder cannot be used. The message names the folder and what to do."""


@dataclass
class Imported(Export):
    """An import read back from ``private/``: an :class:`kit.imports.Export`, and where it came from."""

    source: str = ""
    imported_at: str = ""
    pseudonymised: bool = False


def private_dir(workspace: str | os.PathLike) -> Path:
    """``<workspace>/private``, made if missing: owner-only, and ignored by git."""
    root = Path(workspace) / PRIVATE
    try:
        root.mkdir(parents=True, exist_ok=True)
        if os.name == "posix":
            root.chmod(0o700)
        ignore = root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# everything here is the learner's own data: never tracked\n*\n", encoding="utf-8")
    except OSError as e:
        raise PrivateError(
            f"{root}: cannot make the private folder ({e.strerror}); "
            "choose a workspace you can write to (--workspace DIR)"
        ) from None
    return root


# --------------------------------------------------------------------------- pseudonyms


def _salt(workspace) -> bytes:
    path = private_dir(workspace) / _SALT
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        salt = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(salt.hex())
        return salt


def pseudonym(value: str, workspace, kind: str = "user") -> str:
    """The stable pseudonym of a handle (``@user-…``) or a name (``person-…``) in this workspace.

    Case and a leading @ do not matter: ``@Ana`` and ``ana`` get the same pseudonym.
    """
    key = str(value).strip().lstrip("@").lower()
    digest = hmac.new(_salt(workspace), f"{kind}:{key}".encode(), hashlib.sha256).hexdigest()[:8]
    return f"@{kind}-{digest}" if kind == "user" else f"{kind}-{digest}"


def _text(text, workspace):
    """A text with its @mentions pseudonymised and its links replaced by <link>."""
    if not isinstance(text, str):
        return text
    return _MENTION.sub(lambda m: pseudonym(m.group(0), workspace), _URL.sub("<link>", text))


def _tokens(value, workspace):
    """Space-separated handles (or Bluesky DIDs), each pseudonymised."""
    if not isinstance(value, str):
        return value
    return " ".join(pseudonym(t, workspace) for t in value.split())


def _is_reference(column: str) -> bool:
    """A column of the platform's own ids or URIs (they name the account: a URI holds its handle)."""
    return column.endswith("external") or column.endswith("external_id") or column in ("uri", "did")


def pseudonymise(export, workspace):
    """A copy of ``export`` with handles, names, @mentions, links and platform ids pseudonymised.

    Ids are replaced consistently (``ref-…``), so a reply still points at the post it answers.
    """
    tables = {}
    for name, df in export.tables.items():
        df = df.drop(columns=[c for c in df.columns if c.lower() in _DROP_COLUMNS]).copy()
        for col in df.columns:
            low = col.lower()
            if low in _HANDLE_COLUMNS or low == "mentions":
                fn = lambda v: _tokens(v, workspace)  # noqa: E731
            elif low == "text" or low.endswith("text") or low in ("message", "comment", "bio"):
                fn = lambda v: _text(v, workspace)  # noqa: E731
            elif low in _NAME_COLUMNS:
                fn = lambda v: pseudonym(v, workspace, "person")  # noqa: E731
            elif _is_reference(low):
                fn = lambda v: pseudonym(v, workspace, "ref")  # noqa: E731
            else:
                continue
            df[col] = df[col].map(fn, na_action="ignore")
        tables[name] = df
    owner = pseudonym(export.owner, workspace) if export.owner else export.owner
    return Imported(export.platform, owner, tables, list(export.cannot_tell), pseudonymised=True)


_pseudonymise = pseudonymise  # save()'s keyword of the same name hides the function there


# --------------------------------------------------------------------------- save and load


def _types(df: pd.DataFrame) -> dict:
    out = {}
    for col, dtype in df.dtypes.items():
        if isinstance(dtype, pd.DatetimeTZDtype):
            out[col] = {"type": "datetime", "tz": str(dtype.tz)}
        elif isinstance(dtype, pd.CategoricalDtype):
            out[col] = {"type": "category", "categories": [str(c) for c in dtype.categories]}
        else:
            out[col] = {"type": str(dtype)}
    return out


def _column(col: pd.Series) -> list:
    """A column as JSON values: missing is null (never confused with an empty text)."""
    if isinstance(col.dtype, pd.DatetimeTZDtype):
        col = col.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    values = col.astype(object).tolist()
    return [None if v is None or (not isinstance(v, str) and pd.isna(v)) else v for v in values]


def _write_table(path: Path, df: pd.DataFrame) -> None:
    columns = {str(c): _column(df[c]) for c in df.columns}
    path.write_text(json.dumps({"columns": columns}, ensure_ascii=False), encoding="utf-8")


def _read_table(path: Path, types: dict) -> pd.DataFrame:
    columns = json.loads(path.read_text(encoding="utf-8"))["columns"]
    out = {}
    for col, t in types.items():
        values = columns[col]
        if t["type"] == "datetime":
            out[col] = pd.to_datetime(pd.Series(values, dtype=object), utc=True).dt.tz_convert(t["tz"])
        elif t["type"] == "category":
            out[col] = pd.Categorical(values, categories=t["categories"])
        elif t["type"] == "object":
            out[col] = pd.Series(values, dtype=object)
        else:
            out[col] = pd.Series(values, dtype=object).astype(t["type"])
    return pd.DataFrame(out)


def save(export, workspace: str | os.PathLike, *, source: str = "", pseudonymise: bool = False) -> Path:
    """Keep ``export``'s tables in ``<workspace>/private/imports/<platform>/``, all or nothing."""
    if pseudonymise:
        export = _pseudonymise(export, workspace)
    folder = private_dir(workspace) / IMPORTS
    folder.mkdir(exist_ok=True)
    target = folder / export.platform
    tmp = Path(tempfile.mkdtemp(prefix=f".{export.platform}-", dir=folder))
    try:
        about = {
            "platform": export.platform,
            "owner": export.owner,
            "cannot_tell": list(export.cannot_tell),
            "source": Path(source).name if source else "",
            "imported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "pseudonymised": bool(pseudonymise or getattr(export, "pseudonymised", False)),
            "tables": {},
        }
        for name, df in export.tables.items():
            _write_table(tmp / f"{name}.json", df)
            about["tables"][name] = _types(df)
        (tmp / _ABOUT).write_text(json.dumps(about, indent=1, ensure_ascii=False), encoding="utf-8")
        old = None
        if target.exists():
            old = target.with_name(f".{export.platform}-old-{secrets.token_hex(4)}")
            target.rename(old)
        tmp.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def load(platform: str | None = None, workspace: str | os.PathLike | None = None) -> Imported:
    """The import of ``platform`` (or the only one) kept in the workspace's private folder."""
    workspace = _workspace(workspace)
    have = imported(workspace)
    if not have:
        raise PrivateError(
            f"{Path(workspace) / PRIVATE}: nothing imported yet; run "
            "`uv run kit import PATH` with your export (or a demo export)"
        )
    if platform is None:
        if len(have) > 1:
            raise PrivateError(f"several imports ({', '.join(have)}): say which, e.g. load({have[0]!r})")
        platform = have[0]
    if platform not in have:
        raise PrivateError(f"no {platform} import in {Path(workspace) / PRIVATE}; imported: {', '.join(have)}")
    folder = Path(workspace) / PRIVATE / IMPORTS / platform
    about = json.loads((folder / _ABOUT).read_text(encoding="utf-8"))
    tables = {name: _read_table(folder / f"{name}.json", types) for name, types in about["tables"].items()}
    return Imported(
        about["platform"],
        about["owner"],
        tables,
        about["cannot_tell"],
        about["source"],
        about["imported_at"],
        about["pseudonymised"],
    )


def imported(workspace: str | os.PathLike | None = None) -> list[str]:
    """The platforms imported into the workspace, sorted."""
    folder = Path(_workspace(workspace)) / PRIVATE / IMPORTS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if (p / _ABOUT).is_file() and not p.name.startswith("."))


def forget(workspace: str | os.PathLike | None = None) -> list[Path]:
    """Delete every import (and the pseudonym salt); return the import folders deleted."""
    root = Path(_workspace(workspace)) / PRIVATE
    folder = root / IMPORTS
    gone = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    shutil.rmtree(folder, ignore_errors=True)
    (root / _SALT).unlink(missing_ok=True)
    return [p for p in gone if not p.name.startswith(".")]


def _workspace(workspace):
    if workspace is not None:
        return workspace
    from .workspace import active

    ws = active()
    if ws is None:
        raise PrivateError(
            "not in a learner workspace: open the workshops with `uv run kit lab`, or pass a workspace folder"
        )
    return ws.root
