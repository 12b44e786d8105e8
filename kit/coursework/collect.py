"""``kit collect``: take in submissions from a folder, a zip of files, or a ``kit room``.

Each notebook found is matched to a learner of the assignment, first by *where* it is (the top
folder's or a top file's name is a learner's id; in a room, the learner's account), then by what
the notebook says (``metadata.kit.assignment``, written by ``kit assign``). What is found is
reported, never crashed on:

* **missing**: a learner with no notebook; **empty**: a notebook still as it was handed out;
* **late**: received after the learner's deadline, by this machine's clock: when the file reached
  this machine (its change time here, which a copy keeping the learner's dates cannot set back;
  for a zip, the zip file's own), never a date the submission carries;
* **renamed**: not under the name it was handed out with; **duplicate**: several notebooks for
  one learner (the latest is kept, the others are listed); **unmatched**: a notebook that is no
  learner's, or another assignment's; **handed out to another learner**: the notebook's own
  record names someone else (a copy?).

Kept in ``instructor/submissions/``: ``<learner>.ipynb``, their workspace log of hints asked
(``<learner>.log.jsonl``, if there was one) and ``collected.json``, the report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import stat
from dataclasses import dataclass
from pathlib import Path

from .assign import INSTRUCTOR, load_record

__all__ = ["collect", "CollectError", "Found"]

MAX_NOTEBOOK = 32 * 2**20
MAX_LOG = 4 * 2**20
LOG = ".kit/log.jsonl"


class CollectError(ValueError):
    """The place to collect from cannot be read at all (one clear message)."""


@dataclass
class Found:
    where: str  # the path shown in the report
    name: str  # the notebook's file name
    data: bytes
    received: float  # seconds since the epoch, this machine's clock
    location: str | None  # a learner id from where it was found
    log: bytes = b""


def _clean(text, limit: int = 200) -> str:
    from .grade import clean

    return clean(text, limit)


def _meta(data: bytes) -> dict:
    try:
        nb = json.loads(data)
        entry = nb.get("metadata", {}).get("kit", {}).get("assignment", {})
        return entry if isinstance(entry, dict) else {}
    except (ValueError, AttributeError):
        return {}


def _location(parts: list[str], ids: dict[str, str]) -> str | None:
    """The learner a path names by its *first* part only: the top folder (``ana/...``) or, for a
    file at the top, its name (``ana.ipynb``, ``ana-01.ipynb``). A folder inside a learner's own
    folder never names someone else, so nobody can hand in for a classmate."""
    if not parts:
        return None
    stem = parts[0].removesuffix(".ipynb").lower()
    if stem in ids:
        return ids[stem]
    if len(parts) == 1:
        for sep in ("-", "_", " ", "."):
            head = stem.split(sep, 1)[0]
            if head in ids:
                return ids[head]
    return None


def _received(st: os.stat_result) -> float:
    """When a file reached this machine: its change time here, which a copy keeping the learner's
    dates (unzip, ``cp -p``, ``touch -d``) cannot set back; or its modification time, if later."""
    return max(st.st_ctime, st.st_mtime)


def _read(path: Path, limit: int) -> bytes | None:
    try:
        if path.stat().st_size > limit:
            return None
        return path.read_bytes()
    except OSError:
        return None


def _from_folder(root: Path, ids: dict[str, str], skipped: list) -> list[Found]:
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("__pycache__", "scenarios"))
        for fname in sorted(files):
            if not fname.endswith(".ipynb"):
                continue
            full = Path(folder) / fname
            rel = full.relative_to(root)
            if stat.S_ISLNK(os.lstat(full).st_mode):
                skipped.append(f"{rel}: a link, not a file (not followed)")
                continue
            data = _read(full, MAX_NOTEBOOK)
            if data is None:
                skipped.append(f"{rel}: unreadable or over {MAX_NOTEBOOK // 2**20} MB")
                continue
            log = b""
            for up in [Path(folder), *Path(folder).parents]:
                if (up / LOG).is_file() and not (up / LOG).is_symlink():  # a link could point anywhere
                    log = _read(up / LOG, MAX_LOG) or b""
                    break
                if up == root:
                    break
            found.append(Found(str(rel), fname, data, _received(full.stat()), _location(list(rel.parts), ids), log))
    return found


def _from_archive(path: Path, ids: dict[str, str], skipped: list) -> list[Found]:
    from ..imports.archive import open_source
    from ..imports.errors import ExportError

    try:
        src = open_source(path)
    except ExportError as e:
        raise CollectError(f"{path}: cannot read the submissions: {e}") from None
    received = _received(path.stat())
    found, logs = [], {}
    with src:
        for name in src.names:
            if name.endswith(LOG):
                try:
                    logs[name[: -len(LOG)]] = src.read(name, MAX_LOG)
                except ExportError:
                    pass
        books = [n for n in src.names if n.endswith(".ipynb") and not any(p.startswith(".") for p in n.split("/"))]
        tops = {n.split("/", 1)[0] for n in books}
        wrapper = next(iter(tops)) if len(tops) == 1 and all("/" in n for n in books) else None
        if wrapper is not None and wrapper.lower() in ids:
            wrapper = None  # one learner's folder, not a wrapper round everyone's
        for name in books:
            parts = name.split("/")[1:] if wrapper else name.split("/")
            try:
                data = src.read(name, MAX_NOTEBOOK)
            except ExportError as e:
                skipped.append(f"{name}: {e}")
                continue
            prefix = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
            found.append(
                Found(f"{path.name}:{name}", parts[-1], data, received, _location(parts, ids), logs.get(prefix, b""))
            )
    return found


def _from_room(room: Path, ids: dict[str, str], skipped: list) -> list[Found]:
    from ..room.singleuser import WORKSPACE

    found = []
    homes = room / "homes"
    for home in sorted(homes.iterdir()) if homes.is_dir() else []:
        ws = home / WORKSPACE
        if not ws.is_dir():
            continue
        for f in _from_folder(ws, ids, skipped):
            f.where = f"{home.name}/{f.where}"
            f.location = ids.get(home.name.lower())  # the account, never a folder inside it
            found.append(f)
    return found


def collect(out: str | Path, source: str | Path, now: dt.datetime | None = None, say=print) -> dict:
    """Collect the submissions for the assignment in ``out`` from ``source``; returns the report."""
    from ..workspace import notebook_hash, write_atomic

    out = Path(out).expanduser().resolve()
    record = load_record(out)
    source = Path(source).expanduser()
    if not source.exists():
        raise CollectError(
            f"{source}: no such file or folder; expected a folder of submissions, a zip of "
            "them, or a room's folder (kit room)"
        )
    ids = {lid.lower(): lid for lid in record["learners"]}
    skipped: list[str] = []
    if source.is_dir() and (source / "room.json").is_file():
        found, kind = _from_room(source, ids, skipped), "room"
    elif source.is_dir():
        found, kind = _from_folder(source, ids, skipped), "folder"
    else:
        found, kind = _from_archive(source, ids, skipped), "archive"
    now = now or dt.datetime.now(dt.UTC)
    by_learner: dict[str, list[tuple[Found, dict]]] = {}
    unmatched = []
    for f in found:
        meta = _meta(f.data)
        f.where, f.name = _clean(f.where), _clean(f.name)
        if meta.get("id") not in (None, record["id"]):
            unmatched.append(f"{f.where}: the notebook of another assignment ({_clean(meta.get('id'))})")
            continue
        lid = f.location or ids.get(str(meta.get("learner", "")).lower())
        if lid is None:
            unmatched.append(
                f"{f.where}: no learner of this assignment (by folder, file name or the notebook's own record)"
            )
            continue
        by_learner.setdefault(lid, []).append((f, meta))
    subs = out / INSTRUCTOR / "submissions"
    if subs.exists():
        shutil.rmtree(subs)
    subs.mkdir(parents=True)
    report = {
        "source": str(source),
        "kind": kind,
        "collected_at": now.isoformat(timespec="seconds"),
        "learners": {},
        "unmatched": unmatched,
        "skipped": skipped,
    }
    for lid, info in record["learners"].items():
        entry = {"status": "missing", "flags": []}
        candidates = sorted(by_learner.get(lid, []), key=lambda fm: fm[0].received)
        if candidates:
            f, meta = candidates[-1]
            write_atomic(subs / f"{lid}.ipynb", f.data)
            if f.log:
                write_atomic(subs / f"{lid}.log.jsonl", f.log)
            received = dt.datetime.fromtimestamp(min(f.received, now.timestamp()), dt.UTC)
            entry.update(file=f.where, received=received.isoformat(timespec="seconds"), status="submitted")
            if f.name != record["notebook"]:
                entry["flags"].append(f"renamed: {f.name} (handed out as {record['notebook']})")
            if len(candidates) > 1:
                entry["flags"].append(
                    "duplicate: kept the latest; also found " + ", ".join(c.where for c, _ in candidates[:-1])
                )
            owner = _clean(meta.get("learner", ""))
            if owner and owner.lower() != lid.lower():
                entry["flags"].append(f"handed out to another learner: the notebook's record says {owner}")
            if info.get("deadline"):
                due = dt.datetime.fromisoformat(info["deadline"])
                if received > due:
                    entry["status"] = "late"
                    entry["late_minutes"] = int((received - due).total_seconds() // 60)
            if notebook_hash(subs / f"{lid}.ipynb") == info.get("handed_out"):
                entry["status"] = "empty"
        report["learners"][lid] = entry
    write_atomic(subs / "collected.json", (json.dumps(report, indent=1, sort_keys=True) + "\n").encode())
    counts: dict[str, int] = {}
    for e in report["learners"].values():
        counts[e["status"]] = counts.get(e["status"], 0) + 1
    say(
        f"collected from {source} ({kind}): "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + (f"; {len(unmatched)} unmatched" if unmatched else "")
        + (f"; {len(skipped)} skipped" if skipped else "")
    )
    for lid, e in report["learners"].items():
        for flag in e["flags"]:
            say(f"  {lid}: {flag}")
    for u in unmatched + skipped:
        say(f"  {u}")
    return report
