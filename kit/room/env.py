"""What a room prepares before it opens: a Python its learners' accounts may run, the party
model compiled once for all of them, and the instructor editions closed to learners.

When each learner has an operating-system account of their own, they must be able to run the
kit's Python. A uv environment usually links to an interpreter under the installing user's home
(``/root/.pyenv`` here), which other accounts may not enter: then the room builds its own
environment once per kit version, in ``/var/cache/seminar-kit`` (``KIT_ROOM_CACHE``), from a
Python every account may run and the same locked versions as ``.venv`` (``uv export``), with the
kit installed from this checkout (editable, so the learner editions and datasets are this
checkout's). ``kit room --prepare`` builds it ahead of the seminar.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from ..workshops import instructor_dir
from ..workspace import _kit_root
from .state import RoomError

__all__ = [
    "runnable_by_all",
    "learner_python",
    "seed",
    "prepare",
    "cache_root",
    "close_instructor_editions",
    "open_instructor_editions",
]


def runnable_by_all(path: str | os.PathLike) -> bool:
    """Whether any account could run ``path``: the file and every folder above it open to others.

    >>> runnable_by_all("/bin/sh")
    True
    """
    real = Path(os.path.realpath(path))
    try:
        if not real.stat().st_mode & stat.S_IXOTH:
            return False
        return all(p.stat().st_mode & stat.S_IXOTH for p in real.parents)
    except OSError:
        return False


def _system_python() -> str | None:
    """A Python 3.11+ that every account may run (Debian's, usually)."""
    want = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for name in (want, "python3"):
        for folder in ("/usr/bin", "/usr/local/bin", *os.environ.get("PATH", "").split(os.pathsep)):
            cand = Path(folder) / name
            if cand.exists() and runnable_by_all(cand):
                out = subprocess.run(
                    [str(cand), "-c", "import sys; print(sys.version_info >= (3, 11))"], capture_output=True, text=True
                )
                if out.stdout.strip() == "True":
                    return str(cand)
    return None


def cache_root() -> Path:
    """Where a room keeps what it builds for learners' accounts (every account may read it)."""
    return Path(os.environ.get("KIT_ROOM_CACHE") or "/var/cache/seminar-kit")


def _stamp(root: Path) -> str:
    h = hashlib.sha256(str(root).encode())  # the environment installs this checkout (editable)
    for name in ("uv.lock", "pyproject.toml"):
        p = root / name
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:16]


def _open_to_all(path: Path) -> None:
    for p in [path, *path.rglob("*")]:
        if not p.is_symlink():
            os.chmod(p, 0o755 if p.is_dir() else (0o755 if os.access(p, os.X_OK) else 0o644))


def learner_python(accounts: str, say=print) -> str:
    """The Python the learners' servers run: this one where every account may run it (or all
    share this account), else an environment built once per kit version (~40 s) in
    :func:`cache_root` and then reused by every room."""
    if accounts == "shared" or runnable_by_all(sys.executable):
        return sys.executable
    root = _kit_root()
    env = cache_root() / f"room-env-{_stamp(root)}"
    python = env / "bin" / "python"
    if (env / ".kit-ready").exists() and python.exists():
        return str(python)
    base = _system_python()
    uv = shutil.which("uv")
    if base is None or uv is None:
        raise RoomError(
            f"the learners' accounts cannot run this Python ({sys.executable}: a folder above it is closed to "
            "other accounts), and "
            + (
                "no Python 3.11+ that every account may run was found (install Debian's python3)"
                if base is None
                else "uv is not on PATH to build one"
            )
            + ". Or start the room with --shared-account (weaker isolation)."
        )
    say(f"Preparing the learners' Python in {env} (once per kit version, under a minute) ...", flush=True)
    if env.exists():
        shutil.rmtree(env)
    env.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(env.parent, 0o755)
    steps = [[uv, "venv", "--quiet", "--python", base, str(env)]]
    with tempfile.TemporaryDirectory() as tmp:
        req = Path(tmp) / "locked.txt"  # the exact versions of .venv's lock; never kept
        steps.append(
            [
                uv,
                "export",
                "--quiet",
                "--frozen",
                "--no-hashes",
                "--no-dev",
                "--no-emit-project",
                "--project",
                str(root),
                "-o",
                str(req),
            ]
        )
        steps.append(
            [
                uv,
                "pip",
                "install",
                "--quiet",
                "--python",
                str(python),
                "--compile-bytecode",
                "-r",
                str(req),
                "-e",
                str(root),
            ]
        )
        for cmd in steps:
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode:
                raise RoomError(
                    f"building the learners' Python failed at `{' '.join(cmd[:3])} ...`: "
                    f"{(done.stderr or done.stdout).strip()[-400:]}"
                )
    _open_to_all(env)
    (env / ".kit-ready").write_text(_stamp(root) + "\n")
    return str(python)


#: written in the seed folder once it is made: what it was made from
SEEDED = ".kit-seeded"
SEED_SCRIPT = """
from kit import data
from kit.party import warm
from kit.ui.offline import enable_offline_charts
enable_offline_charts()
for name in data.tables():
    data.load(name)
warm()
"""


def seed(python: str) -> Path:
    """What every learner's first kernel would otherwise work out for itself, done once for the
    room with ``python``: workshop 03's party model compiled (``numba/``) and the kit's own cache
    (``seminar-kit/``: the parsed tables and the offline chart bundle). Each learner's server
    copies it into its own cache at start (Numba needs a cache folder it can write), so thirty
    kernels do not each compile, parse and bundle at once. Made again only when the kit's source
    or the room's data changed since it was last made with ``python`` (the folder's name covers
    the environment): a restarted room does not pay ~1.4 CPU-s of imports for nothing."""
    from ..scenario import inputs_digest

    folder = cache_root() / f"seed-{_stamp(_kit_root())}"
    made, key = folder / SEEDED, f"{python}\n{inputs_digest()}\n"
    if made.is_file() and made.read_text() == key:
        return folder
    made.unlink(missing_ok=True)
    (folder / "numba").mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NUMBA_CACHE_DIR": str(folder / "numba"), "XDG_CACHE_HOME": str(folder)}
    done = subprocess.run([python, "-c", SEED_SCRIPT], env=env, capture_output=True, text=True)
    if done.returncode:
        raise RoomError(f"preparing the learners' caches failed: {done.stderr.strip()[-400:]}")
    _open_to_all(folder)
    made.write_text(key)
    return folder


def prepare(accounts: str, say=print) -> tuple[str, Path | None]:
    """Everything a room builds before learners come (``kit room --prepare`` does only this):
    the learners' Python, and for separate accounts the :func:`seed` their servers copy."""
    python = learner_python(accounts, say=say)
    if accounts == "shared":
        from kit.party import warm

        warm()  # one account: Numba's cache beside the source, and the kit's, serve everyone
        return python, None
    return python, seed(python)


def close_instructor_editions() -> Path | None:
    """Close ``workshops/instructor`` to other accounts while the room runs (learners' accounts
    must not read the instructor editions); returns the folder, or None if it is not there."""
    folder = instructor_dir()
    if folder.is_dir():
        os.chmod(folder, stat.S_IMODE(folder.stat().st_mode) & ~0o077)
        return folder
    return None


def open_instructor_editions() -> None:
    """Give ``workshops/instructor`` back its usual permissions (``kit room --stop``)."""
    folder = instructor_dir()
    if folder.is_dir():
        os.chmod(folder, stat.S_IMODE(folder.stat().st_mode) | 0o055)
