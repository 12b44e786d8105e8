"""``kit doctor``: is this machine ready to run the workshops? Says what to do when not.

``doctor()`` (what a learner runs in a notebook) checks the environment and the data, and never
advises a command that touches a learner's work. Whether the learner editions drifted from the
instructor editions is an instructor's concern: ``doctor(instructor=True)`` /
``kit doctor --instructor`` adds it. Nothing here writes a file.

>>> report = run_checks()
>>> all(c.name for c in report)
True
>>> any(c.name == "learner editions" for c in report)
False
"""

from __future__ import annotations

import importlib
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = "✓" if self.ok else "✗"
        return f"{mark} {self.name}: {self.detail}" + ("" if self.ok else f"\n    → {self.fix}")


def _python() -> Check:
    v = sys.version_info
    ok = v >= (3, 11)
    return Check(
        "Python",
        ok,
        f"{v.major}.{v.minor}.{v.micro}",
        "install Python 3.11 or newer (uv does it: `uv python install 3.11`)",
    )


def _packages() -> list[Check]:
    from packaging.requirements import Requirement

    try:
        reqs = metadata.requires("seminar-kit") or []
    except metadata.PackageNotFoundError:
        return [
            Check(
                "kit installed", False, "the seminar-kit package is not installed", "run `uv sync` in the kit's folder"
            )
        ]
    out = []
    for text in reqs:
        req = Requirement(text)
        if req.marker and not req.marker.evaluate({"extra": ""}):
            continue
        try:
            have = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            out.append(Check(req.name, False, "not installed", "run `uv sync`"))
            continue
        ok = req.specifier.contains(have, prereleases=True)
        out.append(
            Check(
                req.name,
                ok,
                f"{have} (needs {req.specifier})",
                f"run `uv sync` to install a version in {req.specifier}",
            )
        )
    return out


def _data() -> list[Check]:
    from .data import DataError, load, tables
    from .scenario import ScenarioError, load_scenario, scenario_path
    from .workspace import active

    ws = active()
    own = ws.data_dir() if ws else None
    out = []
    if ws is not None:
        out.append(Check("workspace", True, f"{ws.root}" + (f" (its own scenario in {own})" if own else "")))
    where = scenario_path()
    if own is not None and not os.environ.get("SEMINAR_KIT_DATA"):
        rel = (own / "scenario.toml").relative_to(ws.root)
        rebuild = (
            f'regenerate your scenario\'s tables: `kit.workspace.use_scenario("{rel}")` '
            f'(or `uv run kit workspace use-scenario "{rel}"`)'
        )
        fix_scenario = f"fix {where} (see the comments in datasets/scenario.toml), then " + rebuild
    else:
        rebuild = "run `uv run kit data build`"
        fix_scenario = f"fix {where} (see the comments in it)"
    try:
        s = load_scenario()
    except ScenarioError as e:
        return out + [Check("scenario", False, str(e), fix_scenario)]
    out.append(Check("scenario", True, s.describe()))
    try:
        names = tables()
        for name in names:
            df = load(name)
            out.append(Check(f"table {name}", True, f"{len(df):,} rows"))
    except DataError as e:
        out.append(Check("datasets", False, str(e), rebuild))
        return out
    from .data import package

    stored = package().get("scenario", {})
    current = {k: str(v) for k, v in s.as_dict().items()}
    out.append(
        Check(
            "datasets match scenario",
            stored == current,
            "generated from the current scenario.toml"
            if stored == current
            else "scenario.toml changed since the data was built",
            rebuild,
        )
    )
    return out


def _charts() -> list[Check]:
    out = []
    for mod, why in (("vl_convert", "offline chart bundle"), ("anywidget", "interactive charts")):
        try:
            importlib.import_module(mod)
            out.append(Check(mod, True, f"importable ({why})"))
        except ImportError:
            out.append(Check(mod, False, f"missing ({why})", "run `uv sync`"))
    from .ui.offline import _bundle_path

    try:
        cached = _bundle_path().exists()
        out.append(
            Check(
                "offline charts",
                True,
                "bundle cached" if cached else "bundle will be built on first use (about a second)",
            )
        )
    except ImportError:
        pass
    share = Path(sys.prefix) / "share" / "jupyter" / "labextensions"
    for ext in ("anywidget", "@jupyter-widgets/jupyterlab-manager"):
        ok = (share / ext).exists()
        out.append(
            Check(
                f"JupyterLab extension {ext}",
                ok,
                "installed" if ok else "missing",
                "run `uv sync` (it ships with the Python package)",
            )
        )
    return out


def _editions() -> Check:
    from .editions import check_editions

    problems = check_editions()
    return Check(
        "learner editions",
        not problems,
        "in sync with instructor editions" if not problems else "; ".join(problems),
        "edit the instructor editions only, then run `uv run kit build` "
        "in the kit's folder (it rewrites workshops/, never a learner's workspace)",
    )


def _room() -> list[Check]:
    """What ``kit room`` still lacks on this machine (nothing is built or started here)."""
    from .room import env, run
    from .room.state import RoomError

    out = []
    try:
        out.append(Check("room: proxy", True, f"configurable-http-proxy at {run.proxy_command()}"))
    except RoomError:
        out.append(
            Check("room: proxy", False, "configurable-http-proxy (JupyterHub's proxy) not found", run.proxy_fix())
        )
    if run.accounts_mode() == "system":
        out.append(Check("room: accounts", True, "running as root: each learner gets an account of their own"))
        ready = env.runnable_by_all(sys.executable) or any(env.cache_root().glob("room-env-*/.kit-ready"))
        out.append(
            Check(
                "room: learners' Python",
                True,
                "ready"
                if ready
                else "will be built at the first `kit room` (under a minute; `kit room --prepare` does it now)",
            )
        )
    else:
        out.append(
            Check(
                "room: accounts",
                True,
                "not root: every learner would share this account "
                "(kit room says which guarantees then do not hold; run it as root for one account each)",
            )
        )
    return out


def _grading() -> Check:
    """Whether ``kit grade`` can sandbox submissions here (bubblewrap)."""
    import shutil

    found = shutil.which("bwrap")
    return Check(
        "grading: sandbox",
        found is not None,
        f"bubblewrap at {found}: `kit grade` runs each submission isolated"
        if found
        else "bubblewrap (bwrap) not found: `kit grade` would run submissions with limits but not isolated",
        "install it before grading homework: `sudo apt-get install bubblewrap` (Debian, Ubuntu)",
    )


def run_checks(instructor: bool = False, room: bool = False) -> list[Check]:
    """Environment and data checks; with ``instructor``, also whether the editions drifted and
    what a room still lacks (``room`` alone: just that)."""
    return [
        _python(),
        *_packages(),
        *_data(),
        *_charts(),
        *([_editions(), _grading()] if instructor else []),
        *(_room() if instructor or room else []),
    ]


class Report(list):
    def __str__(self):
        bad = sum(not c.ok for c in self)
        tail = "All good: ready for the seminar." if not bad else f"{bad} problem(s): follow the → lines."
        return "\n".join(c.line() for c in self) + "\n" + tail

    __repr__ = __str__

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self)


def doctor(instructor: bool = False, room: bool = False) -> Report:
    """Run the checks and return a report (prints nicely in a notebook).

    ``instructor=True`` adds the instructor's checks: the learner editions match their source, and
    what ``kit room`` still lacks (``room=True``: only the latter).
    """
    return Report(run_checks(instructor=instructor, room=room))
