"""JupyterHub's configuration for a room, applied from the room's folder.

``kit room`` writes ``ROOM/jupyterhub_config.py``, which calls :func:`configure` with the
traitlets config object ``c``. Everything a room needs is set here in one place: the sign-in
(:mod:`kit.room.auth`), one operating-system account per learner or a shared one, each learner's
server (:mod:`kit.room.singleuser`), the instructor's page (:mod:`kit.room.view`), the idle
culler, and every internal port on loopback.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

from .state import INSTRUCTOR, ROOM_TAG, Settings

KERNEL_IDLE = 20 * 60  # a learner's kernel idle this long is shut down (their notebook is kept)
SERVER_IDLE = 60 * 60  # a learner's server idle this long is stopped (their workspace is kept)
TEMPLATES = Path(__file__).resolve().parent / "templates"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _no_instructor_server(spawner):
    if spawner.user.name == INSTRUCTOR:
        raise RuntimeError("The instructor has no server in the room: the room's page is at /services/room/")


def configure(c, room: str | os.PathLike, python: str, proxy: str, seed: str | None = None) -> None:
    room = Path(room)
    s = Settings.load(room)
    homes = room / "homes"
    c.JupyterHub.bind_url = f"http://{s.ip}:{s.port}"
    c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{free_port()}"
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{free_port()}"
    c.ConfigurableHTTPProxy.command = [proxy]
    c.ConfigurableHTTPProxy.pid_file = str(room / "proxy.pid")
    c.JupyterHub.db_url = f"sqlite:///{room / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(room / "cookie_secret")
    c.JupyterHub.pid_file = str(room / "hub.pid")
    c.JupyterHub.cleanup_servers = True  # stopping the room stops every server; workspaces stay
    c.JupyterHub.template_paths = [str(TEMPLATES)]
    c.JupyterHub.concurrent_spawn_limit = 100

    if s.accounts == "system":
        c.JupyterHub.authenticator_class = "kit.room.auth.SystemRoomAuthenticator"
        c.LocalAuthenticator.create_system_users = True
        c.LocalAuthenticator.add_user_cmd = [
            "useradd",
            "--create-home",
            "--home-dir",
            f"{homes}/USERNAME",
            "--shell",
            "/usr/sbin/nologin",
            "--comment",
            "seminar kit room learner",
            "-K",
            "UMASK=0077",
            "-K",
            "HOME_MODE=0700",
        ]
        c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
        args = []
    else:
        c.JupyterHub.authenticator_class = "kit.room.auth.RoomAuthenticator"
        c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
        c.SimpleLocalProcessSpawner.home_dir_template = f"{homes}/{{username}}"
        args = ["--ServerApp.terminals_enabled=False"]  # one shared account: no shell for anyone
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--allow-root")
    c.Authenticator.room_dir = str(room)
    c.Authenticator.allow_all = True  # anyone with the room code; the name's first taker keeps it
    c.Authenticator.admin_users = {INSTRUCTOR}

    c.Spawner.cmd = [python, "-m", "kit.room.singleuser"]
    c.Spawner.args = [
        *args,
        f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
        "--MappingKernelManager.cull_interval=120",
        # kernels on Unix sockets: thirty servers picking TCP ports at once collide
        "--AsyncMappingKernelManager.kernel_manager_class=kit.room.kernels.IPCServerKernelManager",
    ]
    c.Spawner.environment = {
        "KIT_ROOM": "1",
        "KIT_ROOM_WORKSHOPS": ",".join(s.workshops),
        ROOM_TAG: str(room),
        **({"KIT_ROOM_SEED": str(seed)} if seed else {}),
    }
    c.Spawner.default_url = f"/lab/tree/{_first_notebook(s.workshops)}"
    c.Spawner.start_timeout = 300  # a whole room joining at once on two cores
    c.Spawner.http_timeout = 180
    c.Spawner.pre_spawn_hook = _no_instructor_server

    view_port = free_port()
    c.JupyterHub.services = [
        {
            "name": "room",
            "url": f"http://127.0.0.1:{view_port}",
            "display": True,
            "oauth_no_confirm": True,
            "command": [sys.executable, "-m", "kit.room.view", str(room)],
            "environment": {ROOM_TAG: str(room)},
        },
        {
            "name": "idle-culler",
            "environment": {ROOM_TAG: str(room)},
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={SERVER_IDLE}", "--cull-every=300"],
        },
    ]
    c.JupyterHub.load_roles = [
        {"name": "room-instructor", "users": [INSTRUCTOR], "scopes": ["access:services!service=room"]},
        {"name": "room-view", "services": ["room"], "scopes": ["list:users", "read:users", "read:servers"]},
        {
            "name": "idle-culler",
            "services": ["idle-culler"],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        },
    ]


def _first_notebook(workshops: list[str]) -> str:
    from kit import workshops as manifest

    w = manifest.get(workshops[0]) if workshops else manifest.WORKSHOPS[0]
    return w.learner_path().name
