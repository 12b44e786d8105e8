"""A learner's server in a room: sync their workspace, then run JupyterHub's server.

The hub starts ``python -m kit.room.singleuser ARGS`` as the learner (their own account, or the
shared one). This syncs the room's workshops into ``~/seminar-work`` by the workspace rules (a
notebook the learner changed is never overwritten), seeds the learner's own caches with what the
room prepared (workshop 03's compiled model, the parsed tables, the offline chart bundle: see
:func:`kit.room.env.seed`), and then runs ``jupyterhub-singleuser`` on that folder in the same
process, so nothing is imported twice.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

WORKSPACE = "seminar-work"
STARTUP = "00-kit-room-preload.py"
#: a kernel's startup file: load what every setup cell imports while the learner reads (no names kept)
PRELOAD = """# Written by kit room at each start of your server: loads the kit's libraries as your kernel starts.
def _kit_room_preload():
    try:
        import kit.room.preload  # noqa: F401
    except Exception:  # never stop a kernel from starting
        pass


_kit_room_preload()
del _kit_room_preload
"""


def prepare(home: Path, workshops: list[str] | None, seed: str | None) -> Path:
    """The learner's workspace, synced; their caches seeded from the room's ``seed`` folder; the
    kernels' startup file written. Returns the workspace folder."""
    from kit.workspace import sync

    ws = home / WORKSPACE
    sync(ws, only=workshops or None)
    cache = home / ".cache"
    if seed and Path(seed).is_dir():  # the room's compiled model and parsed tables, into caches of their own
        for part, mine in (("numba", "kit-numba"), ("seminar-kit", "seminar-kit")):
            if (Path(seed) / part).is_dir():
                shutil.copytree(Path(seed) / part, cache / mine, dirs_exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(cache / "kit-numba")
    os.environ["XDG_CACHE_HOME"] = str(cache)
    startup = home / ".ipython" / "profile_default" / "startup" / STARTUP
    startup.parent.mkdir(parents=True, exist_ok=True)
    startup.write_text(PRELOAD, encoding="utf-8")
    return ws


def no_yarn_config() -> None:
    """JupyterLab asks yarn for its npm registry on import (``jupyterlab.commands._yarn_config``, a
    Node process: ~0.2 s and ~0.25 CPU-s before the server can answer), for installing extensions,
    which a learner's server never does: its extension manager is read-only
    (:data:`kit.cli.UNUSED_SEARCHES`). Thirty learners joining at once save ~8 CPU-s. If a later
    JupyterLab drops the function, this does nothing and the server starts as before."""
    import jupyterlab.commands as commands

    if hasattr(commands, "_yarn_config"):
        commands._yarn_config = lambda logger: {"yarn config": {}, "npm config": {}}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.umask(0o077)  # what the learner writes is theirs alone
    home = Path(os.environ.get("HOME") or Path.home())
    names = [w for w in os.environ.get("KIT_ROOM_WORKSHOPS", "").split(",") if w]
    ws = prepare(home, names, os.environ.get("KIT_ROOM_SEED"))
    os.environ["KIT_WORKSPACE"] = str(ws)
    os.chdir(ws)
    from kit.cli import lab_options

    sys.argv = ["jupyterhub-singleuser", *lab_options(ws), *argv]
    no_yarn_config()
    from jupyterhub.singleuser import main as serve  # in this process: nothing is imported twice

    serve()


if __name__ == "__main__":
    main()
