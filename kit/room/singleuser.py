"""A learner's server in a room: sync their workspace, then hand over to JupyterHub's server.

The hub starts ``python -m kit.room.singleuser ARGS`` as the learner (their own account, or the
shared one). This syncs the room's workshops into ``~/seminar-work`` by the workspace rules (a
notebook the learner changed is never overwritten), gives Numba a cache of its own seeded with
the room's compiled party model, and then becomes ``jupyterhub-singleuser`` on that folder.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

LAB_SETTINGS = Path(__file__).resolve().parents[1] / "labsettings"
WORKSPACE = "seminar-work"


def prepare(home: Path, workshops: list[str] | None, seed: str | None) -> Path:
    """The learner's workspace, synced; Numba's cache seeded. Returns the workspace folder."""
    from kit.workspace import sync

    ws = home / WORKSPACE
    sync(ws, only=workshops or None)
    cache = home / ".cache" / "kit-numba"
    if seed and Path(seed).is_dir():  # the room's compiled party model, into a cache of their own
        shutil.copytree(seed, cache, dirs_exist_ok=True)
    os.environ["NUMBA_CACHE_DIR"] = str(cache)
    return ws


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    os.umask(0o077)  # what the learner writes is theirs alone
    home = Path(os.environ.get("HOME") or Path.home())
    names = [w for w in os.environ.get("KIT_ROOM_WORKSHOPS", "").split(",") if w]
    ws = prepare(home, names, os.environ.get("KIT_ROOM_NUMBA_SEED"))
    os.environ["KIT_WORKSPACE"] = str(ws)
    os.chdir(ws)
    args = [f"--ServerApp.root_dir={ws}", "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            f"--LabApp.workspaces_dir={ws / '.kit' / 'lab-workspaces'}", *argv]
    os.execv(sys.executable, [sys.executable, "-m", "jupyterhub.singleuser", *args])


if __name__ == "__main__":
    main()
