"""The learner workspace: where a learner's notebooks, records and private data live.

A workspace is a folder outside the kit's tracked files (``my-work/`` at the checkout's root by
default) holding copies of the learner editions. A marker file, ``.kit-workspace.json``, holds
the sync state (a hash of the edition last copied in, per notebook) and the scenario the
workspace uses; ``.kit/log.jsonl`` holds what the kit recorded while the learner worked.

Syncing keeps nbgitpuller's promise: a notebook missing from the workspace is copied in; a
notebook the learner changed (its cell sources differ from the edition last synced) is never
overwritten: when the kit's edition has moved on, the new one is placed beside it under a clear
name and the learner is told once; a copy the learner did not change is updated silently.

Outside a workspace (nbval, CI, an instructor edition) :func:`active` is ``None`` and
:func:`record` writes nothing.

The notebooks synced are the manifest's (:mod:`kit.workshops`); ``workshops=`` gives another
list (here, one demo workshop):

>>> import tempfile
>>> from kit.workshops import Workshop
>>> demo = (Workshop("01", "demo", "Demo", "kit.social", "kit.ui.social", "kit.solutions.social", "A demo."),)
>>> editions, ws = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp()) / "work"
>>> _ = (editions / "01-demo.ipynb").write_text(_demo_notebook("x = ..."))
>>> sync(ws, editions, workshops=demo).added
['01-demo.ipynb']
>>> sync(ws, editions, workshops=demo).unchanged
['01-demo.ipynb']
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "active",
    "record",
    "sync",
    "SyncReport",
    "Workspace",
    "WorkspaceError",
    "default_location",
    "resolve_location",
    "open_workspace",
    "use_scenario",
    "scenario_dir",
    "notices",
    "outside",
    "notebook_hash",
    "MARKER",
    "ENV",
]

MARKER = ".kit-workspace.json"
ENV = "KIT_WORKSPACE"
LOG = Path(".kit") / "log.jsonl"
SCENARIOS = "scenarios"
_FORMAT = 1


class WorkspaceError(ValueError):
    """A workspace cannot be opened or changed. The message names the folder and what to do."""


# --------------------------------------------------------------------------- files


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader sees the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def notebook_hash(path: Path) -> str | None:
    """A hash of a notebook's cells (type and source only: outputs, counts and ids are ignored).

    ``None`` when the file is not a readable notebook (a learner's half-saved file counts as
    changed, so it is never overwritten).
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
        cells = []
        for c in nb["cells"]:
            src = c.get("source", "")
            cells.append([c.get("cell_type", ""), "".join(src) if isinstance(src, list) else src])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return hashlib.sha256(json.dumps(cells, ensure_ascii=False).encode()).hexdigest()


def _demo_notebook(source: str) -> str:
    return json.dumps(
        {
            "cells": [{"cell_type": "code", "source": source, "metadata": {}, "outputs": [], "execution_count": None}],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
    )


# --------------------------------------------------------------------------- the workspace


@dataclass(frozen=True)
class Workspace:
    """An opened workspace folder (it holds a marker file)."""

    root: Path

    @property
    def marker(self) -> Path:
        return self.root / MARKER

    @property
    def log_path(self) -> Path:
        return self.root / LOG

    def state(self) -> dict:
        return _read_state(self.marker)

    def data_dir(self) -> Path | None:
        """The folder of the scenario this workspace uses, or ``None`` for the bundled data."""
        name = _read_state(self.marker, copy=False).get("scenario")
        if not name:
            return None
        return self.root / name


def _empty_state() -> dict:
    return {
        "format": _FORMAT,
        "about": "The seminar kit's record of this workspace: which edition of each "
        "notebook was copied in (a hash of its cells), the scenario it uses, and messages for you. "
        "Your notebooks are never overwritten once you change them.",
        "scenario": None,
        "notebooks": {},
        "notices": [],
    }


_STATE_CACHE: dict = {}


def _read_state(marker: Path, copy: bool = True) -> dict:
    """The workspace's state (a fresh copy to change, unless ``copy=False``: read only)."""
    try:
        st = marker.stat()
    except OSError:
        return _empty_state()
    key = (str(marker), st.st_mtime_ns, st.st_size)
    cached = _STATE_CACHE.get(str(marker))
    if cached and cached[0] == key:
        return json.loads(json.dumps(cached[1])) if copy else cached[1]
    try:
        state = json.loads(marker.read_text(encoding="utf-8"))
        if not isinstance(state, dict):
            raise ValueError("not an object")
    except (OSError, ValueError):
        state = _empty_state()
    base = _empty_state()
    base.update(state)
    _STATE_CACHE[str(marker)] = (key, base)
    return json.loads(json.dumps(base))


def _write_state(root: Path, state: dict) -> None:
    write_atomic(Path(root) / MARKER, (json.dumps(state, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode())


def _find_marker(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def active() -> Workspace | None:
    """The workspace the current process works in, or ``None``.

    ``KIT_WORKSPACE`` names it (``kit lab`` sets it for JupyterLab and its kernels); set but
    empty means "no workspace". Otherwise the current folder or one above it holding
    ``.kit-workspace.json`` is the workspace. A folder without the marker is not a workspace.
    """
    try:
        env = os.environ.get(ENV)
        if env is not None:
            if not env.strip():
                return None
            root = Path(env).expanduser()
            return Workspace(root.resolve()) if (root / MARKER).is_file() else None
        found = _find_marker(Path.cwd())
        return Workspace(found.resolve()) if found else None
    except OSError:
        return None


@contextlib.contextmanager
def outside():
    """Run a block (and the kernels it starts) as if no workspace were active.

    ``kit build`` and ``kit data build`` use it, so nothing they run records into, or reads the
    scenario of, a learner's workspace.
    """
    old = os.environ.get(ENV)
    os.environ[ENV] = ""
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(ENV, None)
        else:
            os.environ[ENV] = old


def scenario_dir() -> Path | None:
    """The data folder of the active workspace's own scenario (``None``: use the bundled data)."""
    try:
        ws = active()
        return ws.data_dir() if ws else None
    except OSError:
        return None


def _notebook_name() -> str | None:
    name = os.environ.get("JPY_SESSION_NAME")  # set by jupyter_server for a notebook's kernel
    if name:
        return Path(name).name
    try:
        session = __import__("__main__").__dict__.get("__session__")
    except Exception:  # noqa: BLE001
        session = None
    return Path(session).name if isinstance(session, str) and session else None


def record(event: dict) -> None:
    """Append one event (a check's outcome, a hint asked for) to the workspace's log.

    ``event`` holds plain data only, e.g. ``{"type": "check", "exercise": "01.2",
    "status": "wrong", "rung": "percent"}`` — never the learner's answer itself.
    Inside a workspace it becomes one JSON line of ``.kit/log.jsonl`` with a UTC timestamp and
    the notebook's name. Does nothing outside a workspace; never raises.

    >>> with outside():
    ...     record({"type": "check"})  # nothing is written anywhere
    """
    try:
        ws = active()
        if ws is None:
            return None
        line = {"time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
        nb = _notebook_name()
        if nb:
            line["notebook"] = nb
        line.update(dict(event))
        text = json.dumps(line, ensure_ascii=False, default=str, sort_keys=False) + "\n"
        ws.log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(ws.log_path, "a", encoding="utf-8") as f:
            f.write(text)
    except Exception:  # noqa: BLE001 - recording must never get in a learner's way
        return None
    return None


# --------------------------------------------------------------------------- where


def _kit_root() -> Path:
    return Path(__file__).resolve().parent.parent


def default_location() -> Path:
    """``my-work/`` at the checkout's root; ``~/seminar-kit-work`` when installed without one."""
    root = _kit_root()
    if (root / "pyproject.toml").is_file() and (root / "workshops").is_dir():
        return root / "my-work"
    return Path.home() / "seminar-kit-work"


def resolve_location(folder: str | os.PathLike | None = None) -> Path:
    """The workspace folder to use: ``folder``, else ``KIT_WORKSPACE``, else the default."""
    chosen = folder or os.environ.get(ENV, "").strip() or default_location()
    return Path(chosen).expanduser().resolve()


def _refuse_tracked(root: Path, editions_dir: Path) -> None:
    kit_root = _kit_root()
    tracked = [editions_dir.resolve(), (kit_root / "datasets").resolve(), (kit_root / "kit").resolve()]
    for t in tracked:
        if root == t or t in root.parents or root in t.parents:
            raise WorkspaceError(
                f"{root}: a workspace must be a folder of its own, outside the kit's "
                f"tracked files (this one would overlap {t}); choose another folder, "
                f"e.g. {default_location()}"
            )


def _editions_dir() -> Path:
    from .editions import workshops_dir

    return workshops_dir()


# --------------------------------------------------------------------------- sync


@dataclass
class SyncReport:
    """What a sync did, notebook by notebook, and what to tell the learner (once)."""

    root: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # the learner's changes, left alone
    new_versions: dict[str, str] = field(default_factory=dict)  # notebook -> file placed beside it
    messages: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [f"Your workspace: {self.root}"]
        if self.added:
            lines.append(f"  copied in: {', '.join(self.added)}")
        if self.updated:
            lines.append(f"  updated (you had not changed them): {', '.join(self.updated)}")
        if self.kept:
            lines.append(f"  kept as you left them: {', '.join(self.kept)}")
        lines += [f"  ! {m}" for m in self.messages]
        return "\n".join(lines)


def _beside_name(name: str, root: Path, today: dt.date) -> str:
    stem = name[: -len(".ipynb")]
    base = f"{stem} (new version {today.isoformat()})"
    candidate, n = f"{base}.ipynb", 2
    while (root / candidate).exists():
        candidate, n = f"{base} {n}.ipynb", n + 1
    return candidate


def sync(
    workspace_dir: str | os.PathLike,
    editions_dir: str | os.PathLike | None = None,
    today: dt.date | None = None,
    workshops=None,
    only=None,
) -> SyncReport:
    """Bring the kit's learner editions into a workspace without losing anything the learner did.

    Creates the folder and its marker if needed. The notebooks synced are the learner editions
    in ``editions_dir`` (never ``instructor/``) of the manifest's workshops (``workshops``, by
    default :data:`kit.workshops.WORKSHOPS`): a declared workshop without its edition there, or
    an ``NN-*.ipynb`` edition no workshop declares, is a :class:`WorkspaceError` naming it.
    ``only`` (workshop numbers, e.g. ``["01", "03"]``: a room's choice) copies just those.
    Nothing else in the workspace is touched. Every file is written atomically. An assignment's
    workspace (``kit assign``) is left as it is: it holds its assignment only.
    """
    from . import workshops as manifest

    root = Path(workspace_dir).expanduser().resolve()
    src_dir = Path(editions_dir).resolve() if editions_dir else _editions_dir()
    try:
        editions = [path for w, path in manifest.notebooks(src_dir, workshops) if not only or w.number in only]
    except manifest.ManifestError as e:
        raise WorkspaceError(str(e)) from None
    if not editions:
        raise WorkspaceError(f"{src_dir}: no learner editions (NN-*.ipynb) to copy into the workspace")
    today = today or dt.datetime.now(dt.UTC).date()
    root.mkdir(parents=True, exist_ok=True)
    state = _read_state(root / MARKER)
    books = state.setdefault("notebooks", {})
    report = SyncReport(root)
    if state.get("assignment"):  # `kit assign` made it: it holds its assignment and nothing else
        report.unchanged.extend(sorted(books))
        return report
    for edition in editions:
        name = edition.name
        kit_hash = notebook_hash(edition)
        if kit_hash is None:
            raise WorkspaceError(
                f"{edition}: not a readable notebook; the kit's learner edition is damaged "
                "(an instructor can regenerate it with `uv run kit build`)"
            )
        target = root / name
        entry = books.get(name, {})
        if not target.exists():
            write_atomic(target, edition.read_bytes())
            books[name] = {"synced": kit_hash}
            report.added.append(name)
            continue
        mine = notebook_hash(target)
        base = entry.get("synced")
        if mine is not None and mine == base:  # the learner has not changed it
            if kit_hash != base:
                write_atomic(target, edition.read_bytes())
                entry["synced"] = kit_hash
                entry.pop("new_version", None)
                report.updated.append(name)
            else:
                report.unchanged.append(name)
            books[name] = entry
            continue
        if mine == kit_hash:  # changed by hand into exactly the kit's new edition
            entry["synced"] = kit_hash
            books[name] = entry
            report.unchanged.append(name)
            continue
        report.kept.append(name)
        if kit_hash == base or entry.get("new_version", {}).get("hash") == kit_hash:
            books[name] = entry
            continue  # nothing new from the kit, or already placed beside and told
        beside = _beside_name(name, root, today)
        write_atomic(root / beside, edition.read_bytes())
        entry["new_version"] = {"hash": kit_hash, "file": beside, "date": today.isoformat()}
        books[name] = entry
        text = (
            f"{name}: the kit has a new version of this workshop. Your copy, with your changes, is "
            f'untouched; the new version is beside it as "{beside}".'
        )
        report.new_versions[name] = beside
        report.messages.append(text)
        state.setdefault("notices", []).append(
            {"notebook": name, "text": text, "shown": False, "date": today.isoformat()}
        )
    state["editions"] = str(src_dir)
    state["format"] = _FORMAT
    _write_state(root, state)
    return report


def open_workspace(
    folder: str | os.PathLike | None = None, editions_dir: str | os.PathLike | None = None
) -> tuple[Workspace, SyncReport]:
    """Resolve, check and sync a workspace (what ``kit lab`` does before starting JupyterLab)."""
    src = Path(editions_dir).resolve() if editions_dir else _editions_dir()
    root = resolve_location(folder)
    _refuse_tracked(root, src)
    if root.exists() and not root.is_dir():
        raise WorkspaceError(f"{root}: exists and is not a folder; choose a folder for your workspace")
    return Workspace(root), sync(root, src)


def notices(notebook: str | None = None, workspace: Workspace | None = None) -> list[str]:
    """Messages for the learner not shown in a notebook yet (each is returned once, then marked)."""
    try:
        ws = workspace or active()
        if ws is None:
            return []
        state = ws.state()
        out = []
        for n in state.get("notices", []):
            if not n.get("shown") and (notebook is None or n.get("notebook") == notebook):
                n["shown"] = True
                out.append(n["text"])
        if out:
            _write_state(ws.root, state)
        return out
    except Exception:  # noqa: BLE001
        return []


# --------------------------------------------------------------------------- a scenario of its own


def _scenario_name(path: Path) -> str:
    raw = path.parent.name if path.name == "scenario.toml" else path.stem
    name = re.sub(r"[^A-Za-z0-9_-]+", "-", raw).strip("-").lower()
    return name or "my-scenario"


def use_scenario(
    path: str | os.PathLike | None, workspace: Workspace | str | os.PathLike | None = None, log=None
) -> Path | None:
    """Make the workspace read the data of another scenario, generated into the workspace.

    ``path`` is a scenario file (like ``datasets/scenario.toml``); it is validated, copied to
    ``scenarios/<name>/scenario.toml`` in the workspace (unless it is already there) and every
    table is generated beside it with the kit's generator. ``kit.data.load()`` then reads those
    tables in this workspace. ``None`` or ``"default"`` goes back to the bundled data.
    Nothing is ever written into the kit's ``datasets/``. Returns the data folder used.
    """
    from .scenario import load_scenario

    ws = (
        workspace
        if isinstance(workspace, Workspace)
        else (Workspace(Path(workspace).expanduser().resolve()) if workspace else active())
    )
    if ws is None or not ws.marker.is_file():
        raise WorkspaceError(
            "not in a learner workspace: open one with `uv run kit lab` (or pass "
            "workspace=...) before choosing its scenario"
        )
    state = ws.state()
    if path is None or str(path) == "default":
        state["scenario"] = None
        _write_state(ws.root, state)
        return None
    src = Path(path).expanduser()
    if not src.is_absolute() and not src.exists():
        src = ws.root / src
    src = src.resolve()
    scenario = load_scenario(src)  # raises ScenarioError naming the file and what is wrong
    scenarios = ws.root / SCENARIOS
    if src.parent.parent == scenarios.resolve() and src.name == "scenario.toml":
        target = src.parent  # already in the workspace: regenerate in place
    else:
        name, n = _scenario_name(src), 2
        target = scenarios / name
        text = src.read_bytes()
        while (target / "scenario.toml").exists() and (target / "scenario.toml").read_bytes() != text:
            target, n = scenarios / f"{name}-{n}", n + 1  # never overwrite a scenario the learner edited
        if not (target / "scenario.toml").exists():
            write_atomic(target / "scenario.toml", text)
    from .synth import build

    result = build(scenario, out_dir=target)
    if log:
        log(f"generated {len(result['rows'])} tables for {scenario.describe()} in {target}")
    state["scenario"] = str(target.relative_to(ws.root))
    _write_state(ws.root, state)
    return target
