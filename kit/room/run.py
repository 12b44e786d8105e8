"""Starting and stopping a room: ``kit room`` and ``kit room --stop``.

A room is JupyterHub (the real one, with configurable-http-proxy from npm) run from the room's
folder (``my-room/`` in the checkout unless ``--dir`` says otherwise). Starting again with the
same folder is the same room: the same code, the same learners and their work.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .env import close_instructor_editions, open_instructor_editions, prepare
from .state import INSTRUCTOR, ROOM_TAG, RoomError, Settings

SHARED_WARNING = (
    "This room runs every learner under ONE operating-system account (the one you started it with), "
    "because it cannot create accounts without root. So: a learner could read or change another "
    "learner's files from Python, and could read the instructor editions. Terminals are turned off. "
    "For one account per learner, start the room as root (e.g. `sudo uv run kit room`) on a machine "
    "you can give over to the seminar."
)


def default_dir() -> Path:
    from ..workspace import _kit_root

    root = _kit_root()
    if (root / "pyproject.toml").is_file():
        return root / "my-room"
    return Path.home() / "seminar-kit-room"


def proxy_fix() -> str:
    """What to do when configurable-http-proxy is missing (``kit room`` and ``kit doctor`` say it)."""
    return "run `npm install -g configurable-http-proxy` once where there is Wi-Fi" + (
        "" if shutil.which("npm") else " (npm comes with Node.js: `apt-get install nodejs npm`)"
    )


def proxy_command() -> str:
    """configurable-http-proxy's path; a :class:`RoomError` saying how to install it if missing."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    npm = shutil.which("npm")
    if npm:
        prefix = subprocess.run([npm, "prefix", "-g"], capture_output=True, text=True).stdout.strip()
        cand = Path(prefix) / "bin" / "configurable-http-proxy"
        if prefix and cand.exists():
            return str(cand)
    raise RoomError(f"configurable-http-proxy (JupyterHub's proxy, from npm) is not installed: {proxy_fix()}")


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def lan_address() -> str:
    """This machine's address on its network (what learners type when the room listens on the LAN)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent: this only picks the interface
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def address(s: Settings) -> str:
    host = lan_address() if s.ip in ("0.0.0.0", "") else s.ip
    return f"http://{host}:{s.port}/"


def _config(room: Path, python: str, proxy: str, seed: Path | None) -> Path:
    cfg = room / "jupyterhub_config.py"
    cfg.write_text(
        "# written by `kit room`; rewritten at every start\n"
        "from kit.room.hubconfig import configure\n\n"
        f"configure(c, {str(room)!r}, python={python!r}, proxy={proxy!r}, "
        f"seed={str(seed) if seed else None!r})\n",
        encoding="utf-8",
    )
    return cfg


class PortTaken(RoomError):
    """A port the room needs was in use: the proxy or the hub could not listen on it."""


_IN_USE = re.compile(rb"EADDRINUSE: address already in use \S*:(\d+)|Address already in use")


def _port_taken(s: Settings, log: Path, since: int) -> PortTaken | None:
    """The error to raise if the log, past byte ``since`` (this start's part), says a port was
    taken. The proxy then keeps running without listening, and the hub says it is up."""
    try:
        with open(log, "rb") as f:
            f.seek(since)
            found = _IN_USE.search(f.read())
    except OSError:
        return None
    if found is None:
        return None
    port = int(found[1]) if found[1] else None
    if port == s.port:
        return PortTaken(
            f"port {s.port} is already in use on this machine (another program, or another room): "
            f"start the room on another one, e.g. `kit room --port {s.port + 1}`"
        )
    return PortTaken(
        f"a port the hub picked for itself{f' ({port})' if port else ''} was taken by another program "
        f"as it started: start the room again (log: {log})"
    )


def _wait_up(s: Settings, proc: subprocess.Popen, log: Path, say, timeout: float = 90.0, since: int = 0) -> None:
    url = f"http://{'127.0.0.1' if s.ip in ('0.0.0.0', '') else s.ip}:{s.port}/hub/health"
    start, dots = time.monotonic(), 0
    while time.monotonic() - start < timeout:
        taken = _port_taken(s, log, since)
        if taken is not None:
            raise taken
        if proc.poll() is not None:
            tail = log.read_text(errors="replace").strip().splitlines()[-8:]
            raise RoomError("the hub stopped while starting:\n  " + "\n  ".join(tail) + f"\n(whole log: {log})")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    if dots:
                        say("")
                    return
        except OSError:
            pass
        time.sleep(0.5)
        if time.monotonic() - start > 2 * (dots + 1):
            say("." if dots else "Starting the hub .", end="", flush=True)
            dots += 1
    proc.terminate()
    raise RoomError(f"the hub did not answer at {url} within {timeout:.0f} s (log: {log})")


def accounts_mode(shared: bool = False) -> str:
    """ "system" (one operating-system account per learner) when running as root, else "shared"."""
    return "system" if (hasattr(os, "geteuid") and os.geteuid() == 0 and not shared) else "shared"


def start(
    workshops: list[str] | None = None,
    ip: str | None = None,
    port: int | None = None,
    room: str | os.PathLike | None = None,
    shared: bool = False,
    say=print,
) -> tuple[Settings, subprocess.Popen]:
    """Start the room's hub (in the background) and return its settings and process."""
    from kit import workshops as manifest

    room = Path(room or default_dir()).resolve()
    if workshops:
        for w in workshops:
            manifest.get(w)  # KeyError names the known ones
    proxy = proxy_command()
    accounts = accounts_mode(shared)
    s = Settings.load(room)
    if s is not None and _alive(s.pid):
        raise RoomError(f"a room is already running from {room} (process {s.pid}): `kit room --stop` ends it")
    if s is None:
        s = Settings.new(workshops or manifest.numbers(), ip or "127.0.0.1", port or 8000, accounts)
    else:
        s.workshops = list(workshops or s.workshops)
        s.ip, s.port, s.accounts = ip or s.ip, port or s.port, accounts
    closed = [str(p) for p in room.parents if p.exists() and not p.stat().st_mode & 0o001]
    if accounts == "system" and closed:
        raise RoomError(
            f"learners' accounts could not reach their homes in {room}: {closed[0]} is closed to other "
            "accounts. Choose a room folder they can pass through, e.g. `--dir /srv/seminar-room`."
        )
    room.mkdir(parents=True, exist_ok=True)
    os.chmod(room, 0o711)  # learners' accounts pass through to their own homes, and see nothing else
    (room / "homes").mkdir(exist_ok=True)
    os.chmod(room / "homes", 0o711)
    python, seed = prepare(accounts, say=say)
    if accounts == "system":
        close_instructor_editions()
    cfg = _config(room, python, proxy, seed)
    log = room / "hub.log"
    log.touch(mode=0o600)
    since = log.stat().st_size  # the log grows over the room's starts: read only this one's part
    _stop_leftovers(room, say)  # a hub that crashed or was killed may have left its servers running
    with open(log, "ab") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(cfg)],
            cwd=room,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, ROOM_TAG: str(room)},
            preexec_fn=lambda: os.umask(0o077),
        )  # its database and log: the room's owner only
    s.pid = proc.pid
    s.save(room)
    try:
        _wait_up(s, proc, log, say, since=since)
    except BaseException:
        _end(proc.pid)
        _stop_leftovers(room, lambda *a, **k: None)  # a service or the proxy still on its way out
        raise
    return s, proc


def banner(s: Settings) -> str:
    lines = [
        f"The room is open. Put this on the projector:\n\n    {address(s)}\n    room code: {s.code}\n",
        "Learners type the room code, a name and a PIN of their choosing (4-8 digits); the same "
        "name and PIN bring them back to their work.",
        f"You: sign in as \u201c{INSTRUCTOR}\u201d with PIN {s.instructor_pin} to see the room's page "
        f"({address(s)}services/room/).",
        f"Workshops: {', '.join(s.workshops)}. Stop with Ctrl-C here, or `uv run kit room --stop`.",
    ]
    if s.ip in ("127.0.0.1", "localhost", "::1"):
        lines.append("It listens on this machine only; `--ip 0.0.0.0` opens it to the venue's network.")
    if s.accounts == "shared":
        lines.append("\nWARNING: " + SHARED_WARNING)
    else:
        lines.append("Each learner gets an operating-system account of their own: nobody can read another's work.")
    return "\n".join(lines)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from ``/proc``; empty where there is none)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _end(pid: int, timeout: float = 30.0, proxy: int | None = None) -> None:
    """Stop the hub ``pid``. It stops its services one after another, then its learners' servers,
    each with SIGINT and a wait that polls less and less often: on a busy machine that added up to
    tens of seconds. So every server and service (the hub's children but its ``proxy``) gets the
    same SIGINT at once, and the hub finds them stopping or gone."""
    try:
        os.kill(pid, signal.SIGTERM)  # the hub stops every server and its proxy, then exits
    except ProcessLookupError:
        return
    for child in _children(pid):
        if child != proxy:
            with contextlib.suppress(OSError):
                os.kill(child, signal.SIGINT)
    if _gone(pid, timeout, poll=0.2):
        return
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        return
    _gone(pid, 5.0)


def _gone(pid: int, timeout: float, poll: float = 0.05) -> bool:
    """Wait up to ``timeout`` s for ``pid`` to exit; whether it did. Our own child is waited for
    (reaped): until then it stays a zombie, which :func:`_alive` counts as running, and a failed
    start once left one behind that way on a busy machine."""
    end = time.monotonic() + timeout
    while True:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                return True
        except ChildProcessError:  # not ours: its parent reaps it
            if not _alive(pid):
                return True
        if time.monotonic() >= end:
            return False
        time.sleep(poll)


def _pid_in(file: Path) -> int | None:
    try:
        return int(file.read_text().strip())
    except (OSError, ValueError):
        return None


def _leftovers(room: Path) -> list[int]:
    """Processes this room started that are still running without their hub: a learner's server
    left behind points at the old hub's port, so after a restart its learner could not sign in."""
    tag = f"{ROOM_TAG}={room}".encode() + b"\0"
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if int(proc.name) != os.getpid() and tag in (proc / "environ").read_bytes():
                found.append(int(proc.name))
        except (OSError, ValueError):
            continue
    return found


def _stop_leftovers(room: Path, say, timeout: float = 10.0) -> int:
    """End what :func:`_leftovers` finds (SIGTERM, then SIGKILL after ``timeout``); how many."""
    pids = _leftovers(room)
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    end = time.monotonic() + timeout
    while time.monotonic() < end and any(_alive(p) for p in pids):
        time.sleep(0.2)
    for pid in pids:
        with contextlib.suppress(OSError):
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
                _gone(pid, 2.0)
    if pids:
        say(
            f"Stopped {len(pids)} process(es) an earlier run of this room had left running (its learners' "
            "servers are started afresh; their work is kept)."
        )
    return len(pids)


def stop(room: str | os.PathLike | None = None, say=print) -> bool:
    """Stop the room started from ``room``; every workspace is kept. False if none was running."""
    room = Path(room or default_dir()).resolve()
    s = Settings.load(room)
    running = s is not None and _alive(s.pid)
    if running:
        _end(s.pid, proxy=_pid_in(room / "proxy.pid"))
    _stop_leftovers(room, say)  # what a hub that did not stop in time (or had crashed) left running
    if s is not None:
        if s.accounts == "system":
            open_instructor_editions()
        s.pid = None
        s.save(room)
    say(
        f"The room is stopped; every learner's work is kept in {room / 'homes'}."
        if running
        else f"No room is running from {room}."
    )
    return running
