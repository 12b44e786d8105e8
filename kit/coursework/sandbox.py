"""Run one submission in a sandbox of its own (bubblewrap), with time, memory and process limits.

Inside the sandbox the submission sees, read-only: the system (``/usr``), the kit's Python and
its environment, a clean copy of the kit's code (``kit/``) with its reference solutions
(``kit/solutions/``) hidden, and its learner's town (``/data``). It can write only its own
folder (``/submission``, holding a read-only copy of the notebook) and a private ``/tmp``. It has no network
(a network namespace of its own), no other process to see (a PID namespace), and every process
it starts dies with it. Its folder and ``/tmp`` are bounded memory (:data:`FOLDER_BYTES`,
:data:`TMP_BYTES`); of this machine's disk it can write only the answers file and its report. Nothing of the instructor's (the gradebook, other submissions, the
assignment's own exercises) is in it.

Limits (:data:`LIMITS`): address space per process, file size, processes (a user id of its own
per concurrent slot, so a fork bomb cannot starve another submission), and a time limit per
cell and for the whole run; over the whole-run limit everything in the sandbox is killed and the
submission is graded on the answers it had written.

Without ``bwrap`` (Debian package ``bubblewrap``) grading still runs, with the limits only, and
every result says ``isolation: none``: install it before grading anything you do not trust.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..exercises.mode import GRADING_ENV, MAX_CHANNEL

__all__ = ["Run", "run", "LIMITS", "isolation"]

LIMITS = {"RLIMIT_AS": 3 * 2**30, "RLIMIT_FSIZE": 64 * 2**20, "RLIMIT_NPROC": 256, "RLIMIT_CORE": 0}
FOLDER_BYTES, TMP_BYTES = 128 * 2**20, 512 * 2**20  # the submission's folder and /tmp (memory)
MEMORY_BYTES = 4 * 2**30  # all its processes together, where this machine lets the grader make a cgroup
PIDS = 512
CGROUPS = Path("/sys/fs/cgroup")
CELL_SECONDS = 60
TOTAL_SECONDS = 300
BASE_UID = 61000  # grading as root: each grader process and slot runs as a user id of its own from here
INSIDE = "/submission"


@dataclass
class Run:
    """How one submission's run went: the answers it wrote (JSON lines, unparsed) and the report."""

    channel: bytes = b""
    report: dict = field(default_factory=dict)
    seconds: float = 0.0
    killed: str = ""
    isolation: str = "bubblewrap"


def isolation() -> str:
    """``bubblewrap`` if this machine can sandbox submissions, else ``none``."""
    return "bubblewrap" if shutil.which("bwrap") else "none"


def _dirs_for(path: Path, made: set) -> list[str]:
    """bwrap arguments making each missing parent of ``path`` a readable folder."""
    args = []
    for parent in reversed(path.parents):
        p = str(parent)
        if p == "/" or p in made:
            continue
        made.add(p)
        args += ["--perms", "0755", "--dir", p]
    return args


def _binds(data: Path, work: Path) -> list[str]:
    import kit

    kit_dir = Path(kit.__file__).resolve().parent
    roots = {Path(sys.base_prefix).resolve(), Path(sys.prefix).resolve(), kit_dir}
    args, made = [], set()
    for top in ("/bin", "/lib", "/lib64", "/sbin", "/lib32", "/libx32"):
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    # /tmp first: a checkout (or its environment) that lives under /tmp is bound on top of it, not hidden
    args += ["--ro-bind", "/usr", "/usr", "--size", str(TMP_BYTES), "--perms", "1777", "--tmpfs", "/tmp"]
    for root in sorted(roots, key=lambda p: len(p.parts)):
        if str(root).startswith("/usr/"):
            continue
        args += _dirs_for(root, made) + ["--ro-bind", str(root), str(root)]
        made.add(str(root))
    if (kit_dir / "solutions").is_dir():
        args += ["--tmpfs", str(kit_dir / "solutions")]  # reference solutions: not in the sandbox
    # its folder and /tmp are memory of a bounded size; on this machine's disk it can write only
    # the two files the grader reads back (each under the file-size limit)
    args += [
        "--ro-bind",
        str(data),
        "/data",
        "--size",
        str(FOLDER_BYTES),
        "--perms",
        "0777",
        "--tmpfs",
        INSIDE,
        "--ro-bind",
        str(work / "submission.ipynb"),
        f"{INSIDE}/submission.ipynb",
    ]
    for name in ("answers.jsonl", "result.json"):
        args += ["--bind", str(work / name), f"{INSIDE}/{name}"]
    args += ["--proc", "/proc", "--dev", "/dev"]
    bundle = _chart_bundle()
    if bundle is not None:  # the offline chart library, built once here, not in every kernel (~1 s)
        args += [
            "--perms",
            "0755",
            "--dir",
            "/tmp/cache",
            "--perms",
            "0755",
            "--dir",
            "/tmp/cache/seminar-kit",
            "--ro-bind",
            str(bundle),
            f"/tmp/cache/seminar-kit/{bundle.name}",
        ]
    return args


_BUNDLE: list = []


def _chart_bundle() -> Path | None:
    """A readable copy of the kit's offline chart library (:mod:`kit.ui.offline`), made once per
    grading process; None if it cannot be made (each kernel then builds its own)."""
    if _BUNDLE:
        return _BUNDLE[0]
    found = None
    try:
        from ..ui.offline import _bundle_path, enable_offline_charts

        path = _bundle_path()
        if not path.is_file():
            enable_offline_charts()  # builds it and keeps it in the cache
        folder = Path(tempfile.mkdtemp(prefix="kit-grade-charts-"))
        atexit.register(shutil.rmtree, folder, True)
        found = folder / path.name
        shutil.copyfile(path, found)
        os.chmod(folder, 0o755)
        os.chmod(found, 0o644)
    except Exception:  # noqa: BLE001 - only slower without it
        found = None
    _BUNDLE.append(found)
    return found


def _env() -> dict:
    path = f"{Path(sys.prefix) / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    return {
        "PATH": path,
        "HOME": "/tmp/home",
        "LANG": "C.UTF-8",
        "SEMINAR_KIT_DATA": "/data",
        GRADING_ENV: f"{INSIDE}/answers.jsonl",
        "KIT_WORKSPACE": "",
        "XDG_CACHE_HOME": "/tmp/cache",
        "JUPYTER_RUNTIME_DIR": "/tmp/jupyter",
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": "/tmp/ipython",
        "MPLBACKEND": "Agg",
        "NUMBA_CACHE_DIR": "/tmp/numba",
        "PYTHONDONTWRITEBYTECODE": "1",
        "VIRTUAL_ENV": sys.prefix,
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }


def _cgroups(name: str, memory: int) -> list[Path]:
    """Control groups (v1 ``memory`` and ``pids``) holding the whole run, where this machine lets
    the grader make them (root, a writable /sys/fs/cgroup): its processes together get at most
    ``memory`` bytes (the kernel's out-of-memory killer stops the biggest beyond) and :data:`PIDS`
    processes. Empty when there are none: the per-process limits still hold."""
    made = []
    for controller, values in (
        ("memory", [("memory.limit_in_bytes", memory), ("memory.memsw.limit_in_bytes", memory)]),
        ("pids", [("pids.max", PIDS)]),
    ):
        base = CGROUPS / controller
        if not (base / "cgroup.procs").is_file():
            continue
        group = base / name
        try:
            group.mkdir()
        except OSError:
            continue
        try:
            for i, (file, value) in enumerate(values):
                if i == 0 or (group / file).exists():
                    (group / file).write_text(str(value))
            made.append(group)
        except OSError:
            _remove([group])
    return made


def _remove(groups: list[Path]) -> None:
    for group in groups:
        for _ in range(50):  # the last processes may take a moment to be gone
            try:
                group.rmdir()
                break
            except OSError:
                time.sleep(0.05)


def _tail(path: Path, n: int = 300) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(max(0, os.path.getsize(path) - n))
            return f.read(n).decode(errors="replace")
    except OSError:
        return ""


def _read_capped(path: Path, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(limit)
    except OSError:
        return b""


def run(
    notebook: Path,
    data: Path,
    *,
    slot: int = 0,
    cell_timeout: int = CELL_SECONDS,
    total_timeout: int = TOTAL_SECONDS,
    limits: dict | None = None,
    memory: int = MEMORY_BYTES,
) -> Run:
    """Run ``notebook`` against the town in ``data``; never raises for anything the notebook does."""
    limits = {**LIMITS, **(limits or {})}
    result = Run(isolation=isolation())
    work = Path(tempfile.mkdtemp(prefix="kit-grade-"))
    try:
        shutil.copyfile(notebook, work / "submission.ipynb")
        for name in ("answers.jsonl", "result.json"):
            (work / name).touch()
        # as root in a sandbox: a user id of its own (never shared by two runs), so the process limit
        # holds; otherwise the process limit would count all of this user's processes: left out
        root = os.geteuid() == 0 and result.isolation == "bubblewrap"
        uid = BASE_UID + (os.getpid() % 4000) * 16 + slot % 16 if root else -1
        if root:
            for name in ("answers.jsonl", "result.json"):
                os.chown(work / name, uid, uid)
        here = INSIDE if result.isolation == "bubblewrap" else str(work)  # where the runner sees the files
        inner = [
            sys.executable,
            "-m",
            "kit.coursework.runner",
            f"{here}/submission.ipynb",
            f"{here}/result.json",
            "--cell-timeout",
            str(cell_timeout),
            "--uid",
            str(uid),
            "--limits",
            json.dumps(limits if root else {k: v for k, v in limits.items() if k != "RLIMIT_NPROC"}),
        ]
        env = _env()
        if result.isolation == "bubblewrap":
            cmd = [
                "bwrap",
                "--unshare-pid",
                "--unshare-net",
                "--unshare-ipc",
                "--unshare-uts",
                "--unshare-cgroup-try",
                "--die-with-parent",
                "--new-session",
                "--clearenv",
                *(["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if root else ["--unshare-user"]),
                *_binds(data.resolve(), work),
            ]
            for k, v in env.items():
                cmd += ["--setenv", k, v]
            cmd += ["--chdir", INSIDE, "--", *inner]
        else:  # no sandbox: limits and a clean environment only
            env[GRADING_ENV] = str(work / "answers.jsonl")
            env["SEMINAR_KIT_DATA"] = str(data.resolve())
            env["HOME"] = env["XDG_CACHE_HOME"] = env["JUPYTER_RUNTIME_DIR"] = env["IPYTHONDIR"] = str(work / ".home")
            cmd = inner
        groups = _cgroups(f"kit-grade-{os.getpid()}-{slot}-{work.name[-8:]}", memory) if root else []
        if groups:  # the shell joins the groups, then becomes bwrap: every process after is inside
            joins = "; ".join(f"echo $$ > {g / 'cgroup.procs'}" for g in groups)
            cmd = ["/bin/sh", "-c", f'{joins}; exec "$@"', "sh", *cmd]
            result.isolation = "bubblewrap+cgroup"
        t0 = time.monotonic()
        # its error output goes to a file, never into the grader's memory (each process in the
        # sandbox may write at most RLIMIT_FSIZE of it)
        errors = open(work / "stderr.log", "wb")  # noqa: SIM115 - closed below, after the run
        proc = subprocess.Popen(
            cmd,
            env=env if result.isolation == "none" else {"PATH": os.environ.get("PATH", "")},
            cwd=work,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        try:
            proc.wait(timeout=total_timeout)
            if proc.returncode != 0:
                result.killed = f"the run ended with code {proc.returncode}: {_tail(work / 'stderr.log')}"
        except subprocess.TimeoutExpired:
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                proc.kill()
            proc.wait()
            result.killed = f"stopped after {total_timeout} s (the whole run's time limit)"
        finally:
            errors.close()
            _remove(groups)
        result.seconds = round(time.monotonic() - t0, 2)
        result.channel = _read_capped(work / "answers.jsonl", MAX_CHANNEL)
        raw = _read_capped(work / "result.json", 2**20)
        try:
            report = json.loads(raw) if raw else {}
            result.report = report if isinstance(report, dict) else {}
        except ValueError:
            result.report = {}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result
