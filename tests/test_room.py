"""``kit room``: the real JupyterHub on loopback, learners joining as a browser does.

Unit tests first (names, PINs, the instructor's summary, the shared-account warning), then one
room started for this module: three learners join at once and run workshop 01 in their own
kernels, the instructor's page shows their checks, nobody reads anyone else's work or the
instructor editions, and work survives a rejoin and a restart of the room. Run as root (CI, these
machines), the room gives each learner an operating-system account; the accounts it made are
deleted afterwards.
"""

from __future__ import annotations

import json
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from traitlets.config import Config

from kit.room import hubconfig, run
from kit.room.probe import JoinError, Learner
from kit.room.progress import read_log, summary
from kit.room.singleuser import WORKSPACE
from kit.room.state import Registry, Settings, username_for

from .offline import CHROMIUM, CHROMIUM_ARGS, keep_local

ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# --------------------------------------------------------------------------- without a hub


def test_the_first_to_take_a_name_keeps_it(tmp_path):
    reg = Registry(tmp_path)
    assert reg.claim("Ana", "1234") == ("ana", "")
    assert reg.claim("ANA", "1234") == ("ana", "")  # the same learner coming back
    user, why = reg.claim("ana", "9999")
    assert user is None and "already taken" in why and "Ana" in why
    assert reg.claim("Bo", "12")[0] is None  # a PIN is 4 to 8 digits
    assert "4 to 8 digits" in reg.claim("Bo", "abcd")[1]
    assert reg.claim("!!!", "1234")[0] is None
    stored = json.loads((tmp_path / "learners.json").read_text())
    assert "1234" not in json.dumps(stored)  # only a salted hash
    assert (tmp_path / "learners.json").stat().st_mode & 0o077 == 0


def test_names_become_safe_account_names():
    assert username_for("Zoë Smith-Jones") == "zoe-smith-jones"
    assert username_for("../../etc") == "etc"
    assert username_for("9 lives") == "l-9-lives"
    assert len(username_for("x" * 100)) <= 20


def test_the_summary_reads_outcomes_and_skips_junk(tmp_path):
    log = tmp_path / "log.jsonl"
    log.write_text(
        '{"type": "check", "exercise": "01.1", "status": "wrong"}\nnot json\n[1]\n'
        '{"type": "check", "exercise": "01.1", "status": "unanswered"}\n'
        '{"type": "hint", "exercise": "01.2", "n": 0}\n'
    )
    s = summary(read_log(log))
    assert s["01.1"] == {"state": "tried", "checks": 1, "hints": 0}
    assert s["01.2"]["state"] == ""  # a hint button pressed with no hint left shows nothing new
    assert read_log(tmp_path / "missing.jsonl") == []


def test_a_shared_account_room_says_what_does_not_hold_and_turns_terminals_off(tmp_path):
    for accounts in ("shared", "system"):
        Settings.new(["01"], accounts=accounts).save(tmp_path)
        c = Config()
        hubconfig.configure(c, tmp_path, python="/usr/bin/python3", proxy="/bin/true")
        text = run.banner(Settings.load(tmp_path))
        off = "--ServerApp.terminals_enabled=False" in c.Spawner.args
        if accounts == "shared":
            assert off and "WARNING" in text and "read or change another learner's files" in text
            assert c.JupyterHub.spawner_class.endswith("SimpleLocalProcessSpawner")
        else:
            assert not off and "WARNING" not in text
            assert c.JupyterHub.spawner_class.endswith(".LocalProcessSpawner")
        assert c.JupyterHub.bind_url == "http://127.0.0.1:8000"  # loopback unless asked
        assert any(s["name"] == "idle-culler" for s in c.JupyterHub.services)
        assert any("cull_idle_timeout" in a for a in c.Spawner.args)


def test_a_room_folder_learners_cannot_reach_is_refused_before_anything_starts(tmp_path):
    if run.accounts_mode() != "system":
        pytest.fail("these machines run the tests as root")
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    with pytest.raises(run.RoomError, match="closed to other accounts"):
        run.start(["01"], room=closed / "room", say=lambda *a, **k: None)
    assert not (closed / "room" / "room.json").exists()


def test_the_learners_caches_are_prepared_again_only_when_the_kit_or_the_data_changed(tmp_path, monkeypatch, data_copy):
    from kit.room import env

    ran = []

    def fake_run(cmd, env, **kw):
        ran.append(env["XDG_CACHE_HOME"])
        return subprocess.CompletedProcess(cmd, 1 if fail else 0, "", "a failed import")

    monkeypatch.setattr(env, "cache_root", lambda: tmp_path / "cache")
    monkeypatch.setattr(env.subprocess, "run", fake_run)
    fail = False
    folder = env.seed("/usr/bin/python3")
    assert env.seed("/usr/bin/python3") == folder and len(ran) == 1  # a restarted room: nothing to redo
    env.seed("/other/python")
    assert len(ran) == 2  # another Python for the learners
    (data_copy / "posts.csv").write_bytes((data_copy / "posts.csv").read_bytes() + b"\n")
    env.seed("/other/python")
    assert len(ran) == 3  # the room's data changed
    (data_copy / "posts.csv").write_bytes((data_copy / "posts.csv").read_bytes() + b"\n")
    fail = True
    with pytest.raises(env.RoomError, match="a failed import"):
        env.seed("/other/python")
    fail = False
    env.seed("/other/python")
    assert len(ran) == 5 and ran[-1] == str(folder)  # a failed run left nothing that says it was made


def test_a_learners_server_asks_node_for_nothing_as_jupyterlab_loads():
    """JupyterLab's import asks yarn for a registry it needs only to install extensions; the
    room's server (:func:`kit.room.singleuser.no_yarn_config`) skips it: no process is started."""
    script = (
        "import json, subprocess\n"
        "started = []\n"
        "def refuse(*a, **k):\n    started.append(a[0])\n    raise OSError('no processes here')\n"
        "subprocess.check_output = subprocess.run = subprocess.Popen = refuse\n"
        "from kit.room.singleuser import no_yarn_config\n"
        "no_yarn_config()\n"
        "import jupyterlab.labapp\n"
        "print(json.dumps([started, jupyterlab.commands.AppOptions().registry]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-600:]
    started, registry = json.loads(done.stdout.strip().splitlines()[-1])
    assert started == [] and registry.startswith("https://"), (started, registry)  # yarn's default: unused


def test_guests_sent_from_learners_notebooks_reach_the_tournament_desk(tmp_path, monkeypatch):
    from kit.room import entries
    from kit.ui.party.explorers import GuestDesigner, TournamentDesk
    from kit.workspace import sync

    room_dir = tmp_path / "room"
    monkeypatch.setenv("KIT_ROOM", "1")
    for user, name in (("ana", "Ana's listener"), ("ben", "Ben, the charmer")):
        ws = room_dir / "homes" / user / WORKSPACE
        sync(ws, only=["03"])
        monkeypatch.setenv("KIT_WORKSPACE", str(ws))
        designer = GuestDesigner(name=name, talk_share=0.2, seeds=(0, 1))
        assert designer.send_entry().startswith("Sent")
    broken = room_dir / "homes" / "cy" / WORKSPACE / ".kit" / entries.ENTRY
    broken.parent.mkdir(parents=True)
    broken.write_text("just a name\n")
    text, problems = entries.collect(room_dir)
    assert text.splitlines()[1:] == ["Ana's listener, 0.3, 0.2, 10, 0, 1", '"Ben, the charmer", 0.3, 0.2, 10, 0, 1']
    assert len(problems) == 1 and problems[0].startswith("cy: left out")
    desk = TournamentDesk(room=room_dir, seeds=(0, 1))
    desk.take_entries()
    assert set(desk.board.loc[desk.board["is_entry"], "entry"]) == {"Ana's listener", "Ben, the charmer"}
    assert "cy: left out" in desk.status.value
    empty = TournamentDesk(room=tmp_path / "nobody", seeds=(0, 1))
    empty.take_entries()
    assert "No learner has sent a guest yet" in empty.status.value
    monkeypatch.delenv("KIT_ROOM")
    assert not hasattr(GuestDesigner(seeds=(0, 1)), "send")  # at home: no button, the line to copy


def test_a_missing_proxy_is_one_clear_error_and_doctor_says_what_the_room_lacks(monkeypatch):
    from kit.doctor import doctor

    assert {c.name: c.ok for c in doctor(room=True)}["room: proxy"]  # .ci/run installs it
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(run.RoomError, match="npm install -g configurable-http-proxy"):
        run.proxy_command()
    proxy = {c.name: c for c in doctor(room=True)}["room: proxy"]
    assert not proxy.ok and "npm install -g configurable-http-proxy" in proxy.fix
    assert "room: proxy" not in {c.name for c in doctor()}  # a learner's doctor does not ask


# --------------------------------------------------------------------------- one room


def test_a_hub_that_ignores_sigterm_is_killed_and_gone_not_left_a_zombie():
    """``_end`` kills a hub that does not stop in time, and waits for it: our own killed child
    stays a zombie (which ``_alive`` counts as running) until it is reaped. A fresh clone's CI run
    once found a failed start's hub still "alive" that way."""
    import time

    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"],
        start_new_session=True,
    )
    time.sleep(0.5)  # its handler is set
    run._end(stubborn.pid, timeout=1.0)
    assert not run._alive(stubborn.pid)


def test_a_port_in_use_is_one_clear_error_at_once_and_leaves_nothing_running(tmp_path):
    """The proxy cannot listen, yet keeps running, and the hub says it is up: the room used to wait
    90 s for an answer that never came (seen when another test took the port meanwhile)."""
    import socket
    import time

    folder = Path(tempfile.mkdtemp(prefix="kit-room-port-", dir="/tmp"))
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen(1)
        port = held.getsockname()[1]
        t = time.monotonic()
        try:
            with pytest.raises(run.PortTaken, match=rf"port {port} is already in use.*--port {port + 1}"):
                run.start(["01"], "127.0.0.1", port, folder, shared=True, say=lambda *a, **k: None)
            assert time.monotonic() - t < 60  # not the 90 s wait for the hub's answer
            assert not run._leftovers(folder) and not run._alive(Settings.load(folder).pid)
        finally:
            run.stop(folder, say=lambda *a, **k: None)
            shutil.rmtree(folder, ignore_errors=True)


def _start_room(workshops, folder, tries: int = 3):
    """``run.start`` on a free port, again on another if something took it meanwhile (the suite's
    other servers and connections draw from the same ports)."""
    for attempt in range(tries):
        port = hubconfig.free_port()
        try:
            settings, proc = run.start(workshops, "127.0.0.1", port, folder, say=lambda *a, **k: None)
            return port, settings, proc
        except run.PortTaken:
            if attempt == tries - 1:
                raise
            run.stop(folder, say=lambda *a, **k: None)


@pytest.fixture(scope="module")
def room():
    # not under pytest's own temporary folder: it is closed to other accounts (mode 700), and each
    # learner's account must pass through the room's folder to reach their home
    folder = Path(tempfile.mkdtemp(prefix="kit-room-test-", dir="/tmp"))
    port, settings, proc = _start_room(["01", "03"], folder)
    tag = secrets.token_hex(2)
    yield {"dir": folder, "settings": settings, "base": f"http://127.0.0.1:{port}/", "tag": tag}
    run.stop(folder, say=lambda *a, **k: None)
    if settings.accounts == "system":
        for user in Registry(folder).all():
            subprocess.run(["userdel", user], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def learner(room, name, pin="2468") -> Learner:
    return Learner(room["base"], room["settings"].code, f"{name} {room['tag']}", pin)


def test_three_learners_join_at_once_and_each_runs_01_in_their_own_kernel(room):
    people = [learner(room, n) for n in ("Ana", "Ben", "Cy")]

    transport = (
        "import json\nfrom ipykernel.connect import get_connection_info\n"
        "print(json.loads(get_connection_info())['transport'])"
    )

    def work(p):
        seconds = p.join()
        return seconds, p.files(), p.run("01-social-not-media.ipynb", then=(transport,))

    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(work, people))
    for p, (_, files, runs) in zip(people, results):
        assert files == ["01-social-not-media.ipynb", "03-cocktail-party.ipynb"]  # --workshops 01,03
        assert runs and all(r.ok for r in runs), [r.error for r in runs if not r.ok]
        assert runs[-1].output.strip() == "ipc"  # Unix sockets: no two learners' kernels race for a port
        home = room["dir"] / "homes" / p.user
        if room["settings"].accounts == "system":
            assert pwd.getpwnam(p.user).pw_dir == str(home)
            assert home.stat().st_uid == pwd.getpwnam(p.user).pw_uid
            assert home.stat().st_mode & 0o077 == 0
        assert (home / WORKSPACE / "01-social-not-media.ipynb").is_file()


def test_the_party_model_compiled_before_the_room_opened_serves_every_learners_kernel(room):
    ana = learner(room, "Ana")
    ana.join()
    cache = room["dir"] / "homes" / ana.user / ".cache" / "kit-numba"
    before = {p: p.stat().st_mtime for p in cache.rglob("*") if p.is_file()}
    runs = ana.run("03-cocktail-party.ipynb")
    assert runs and all(r.ok for r in runs), [r.error for r in runs if not r.ok]
    after = {p: p.stat().st_mtime for p in cache.rglob("*") if p.is_file()}
    assert before and after == before  # Numba found everything compiled: nothing new, nothing rewritten


def test_a_learners_server_starts_without_the_extensions_it_does_not_need(room):
    """No Voilà, no classic shim (kit.cli.UNUSED_EXTENSIONS): each costs every learner's server CPU
    and memory at start. JupyterLab and the language-server proxy its page asks for stay."""
    ana = learner(room, "Ana")
    ana.join()
    lab = ana.session.get(ana.url(f"user/{ana.user}/lab"), timeout=60)
    assert lab.status_code == 200 and "@voila-dashboards/jupyterlab-preview" in lab.text  # in disabledExtensions
    home = f"user/{ana.user}/"
    assert ana.session.get(ana.url(home + "voila/render/01-social-not-media.ipynb"), timeout=30).status_code == 404
    lsp = ana.session.get(ana.url(home + "lsp/status"), timeout=30)
    assert lsp.status_code == 200 and lsp.json()["sessions"] == {}  # the page asks; nothing searched for
    config = json.loads(
        re.search(r'id="jupyter-config-data" type="application/json">(.*?)</script>', lab.text, re.S)[1]
    )
    assert config["extensionManager"]["name"] == "read-only"  # no installing from PyPI in a room


def test_the_instructors_page_shows_each_learners_checks_and_nobody_elses(room):
    ana, ben = learner(room, "Ana"), learner(room, "Ben")
    for p in (ana, ben):
        p.sign_in()
        p.wait_for_server()
    right = "from kit.exercises import find, check\ncheck('01.1', find('01.1').expected())"
    assert ana.run("01-social-not-media.ipynb", cells=1, then=(right,))[-1].ok
    ben.run("01-social-not-media.ipynb", cells=1, then=("check('01.1', 12345)", "hint('01.2')"))
    teacher = Learner(room["base"], room["settings"].code, "instructor", room["settings"].instructor_pin)
    page = teacher.sign_in()
    assert page.status_code == 200 and page.url.endswith("/services/room/")
    assert f"Ana {room['tag']}" in page.content.decode()
    data = teacher.session.get(teacher.url("services/room/api/progress")).json()
    rows = {lr["name"]: lr for lr in data["learners"]}
    assert rows[ana.user]["exercises"]["01.1"]["state"] == "right"
    assert rows[ben.user]["exercises"]["01.1"]["state"] == "tried"
    assert rows[ben.user]["exercises"]["01.2"]["state"] == "hint"
    assert "03.1" in data["exercises"]
    assert "12345" not in json.dumps(data)  # outcomes only: no answer leaves the workspace
    send = 'from kit.room.entries import send\nprint(send("Ana\'s listener, 0.3, 0.2, 12, 0, 1"))'
    assert "Sent" in ana.run("03-cocktail-party.ipynb", cells=0, then=(send,))[-1].output
    data = teacher.session.get(teacher.url("services/room/api/progress")).json()
    assert "Ana's listener, 0.3, 0.2, 12, 0, 1" in data["entries"]
    assert ana.session.get(ana.url("services/room/api/progress")).status_code == 403


def test_signing_in_says_what_is_wrong(room):
    code = room["settings"].code
    cases = [
        (Learner(room["base"], "QQQQ" if code != "QQQQ" else "WWWW", "Dee", "1234"), "room's code"),
        (learner(room, "Ana", pin="1111"), "already taken"),
        (learner(room, "Eve", pin="12"), "4 to 8 digits"),
        (
            Learner(
                room["base"], code, "instructor", "000000" if room["settings"].instructor_pin != "000000" else "111111"
            ),
            "instructor's PIN",
        ),
    ]
    if room["settings"].accounts == "system":
        cases.append((Learner(room["base"], code, "root", "1234"), "cannot be used here"))
    for who, words in cases:
        resp = who.sign_in()
        assert resp.status_code == 403 and words in who.login_error(resp), (who.name, who.login_error(resp))
        with pytest.raises(JoinError):
            who.join(timeout=5)


def test_a_learner_cannot_reach_another_learners_server_or_files_or_the_instructor_editions(room):
    ana, ben = learner(room, "Ana"), learner(room, "Ben")
    for p in (ana, ben):
        p.sign_in()
        p.wait_for_server()
    theirs = ana.session.get(ana.url(f"user/{ben.user}/api/contents"), allow_redirects=True)
    assert theirs.status_code in (403, 404) or "contents" not in theirs.text[:200]
    if room["settings"].accounts != "system":
        pytest.fail("these machines run the tests as root: the isolation checks need one account per learner")
    ben_notebook = room["dir"] / "homes" / ben.user / WORKSPACE / "01-social-not-media.ipynb"
    targets = [
        ben_notebook,
        ROOT / "workshops" / "instructor" / "01-social-not-media.ipynb",
        room["dir"] / "learners.json",
        room["dir"] / "room.json",
        room["dir"] / "jupyterhub.sqlite",
    ]
    probe = (
        "import json\nout = {}\nfor p in %r:\n    try:\n        open(p, 'rb').read(1); out[p] = 'read'\n"
        "    except PermissionError:\n        out[p] = 'refused'\nprint(json.dumps(out))"
    ) % [str(t) for t in targets]
    got = json.loads(ana.run("01-social-not-media.ipynb", cells=0, then=(probe,))[-1].output)
    assert all(t.exists() for t in targets)
    assert got == {str(t): "refused" for t in targets}


def test_work_survives_a_rejoin_and_a_restart_of_the_room(room):
    ana = learner(room, "Ana")
    ana.join()
    nb = ana.notebook("01-social-not-media.ipynb")
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "my note: call the printer"})
    ana.save("01-social-not-media.ipynb", nb)
    again = learner(room, "Ana")  # a new browser: same name and PIN
    again.join()
    assert "call the printer" in json.dumps(again.notebook("01-social-not-media.ipynb"))

    folder, code = room["dir"], room["settings"].code
    said = []
    assert run.stop(folder, say=said.append)
    # the hub stopped every server and service itself: nothing left over, and nothing crashed
    assert not [m for m in said if "process(es)" in m], said
    assert "Traceback" not in (folder / "hub.log").read_text(errors="replace")
    settings, _ = run.start(None, None, None, folder, say=lambda *a, **k: None)
    assert settings.code == code and settings.workshops == ["01", "03"]  # the same room
    back = learner(room, "Ana")
    back.join()
    assert "call the printer" in json.dumps(back.notebook("01-social-not-media.ipynb"))
    assert not (folder / "homes" / ana.user / WORKSPACE / "01-social-not-media (new version").exists()


def test_a_hub_that_died_without_stopping_leaves_nothing_that_keeps_its_learners_out(room):
    """A hub killed outright (a crash, or one that did not stop in time) leaves its learners'
    servers running, pointing at its old port: a restarted room must end them, or their learners
    get a 403 from their own server (seen before this test existed)."""
    import signal

    ana = learner(room, "Ana")
    ana.join()
    nb = ana.notebook("03-cocktail-party.ipynb")
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": "my note: before the crash"})
    ana.save("03-cocktail-party.ipynb", nb)
    folder = room["dir"]
    hub = Settings.load(folder).pid
    os.killpg(hub, signal.SIGKILL)
    os.waitpid(hub, 0)
    left = run._leftovers(folder)
    assert left, "a killed hub left nothing running: this test no longer tests a leftover"
    run.start(None, None, None, folder, say=lambda *a, **k: None)
    assert not set(left) & set(run._leftovers(folder)), "the restarted room kept the dead hub's processes"
    back = learner(room, "Ana")
    back.join()  # signs in to a fresh server of its own
    assert "before the crash" in json.dumps(back.notebook("03-cocktail-party.ipynb"))


def test_in_a_browser_a_learner_and_the_instructor_each_see_their_view_and_nothing_leaves(room):
    if not CHROMIUM.exists():  # a room test runs only where a room can: Chromium is part of that
        pytest.fail("Chromium is missing at /usr/bin/chromium; .ci/run must apt-get install chromium")

    from playwright.sync_api import sync_playwright

    shots = ROOT / "artifacts" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    s = room["settings"]
    refusals: list[list[str]] = []  # per browser context, the requests it refused
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            for name, pin in ((f"Dee {room['tag']}", "1357"), ("instructor", s.instructor_pin)):
                context = browser.new_context(viewport={"width": 1280, "height": 860})
                refusals.append(keep_local(context))
                page = context.new_page()
                page.goto(room["base"] + "hub/login", timeout=60_000)
                page.fill("#room_code_input", s.code.lower())  # typed as seen, in any case
                page.fill("#username_input", name)
                page.fill("#password_input", pin)
                page.click("#login_submit")
                if name == "instructor":
                    page.wait_for_selector("h1:has-text('The room')", timeout=60_000)
                    assert f"Dee {room['tag']}" in page.inner_text("table")  # the learner who just joined
                    page.screenshot(path=str(shots / "room-instructor.png"))
                else:
                    page.wait_for_selector(".jp-Notebook .jp-RenderedMarkdown h1", state="visible", timeout=180_000)
                    page.wait_for_function(
                        "() => document.body.innerText.includes('| Idle')", polling=500, timeout=120_000
                    )  # innerText lays the page out: not every frame
                    assert page.url.endswith("/lab/tree/01-social-not-media.ipynb")  # its own server, the room's first
                    listing = page.locator(".jp-DirListing-item").all_inner_texts()
                    assert any("03-cocktail-party" in t for t in listing) and not any("06-" in t for t in listing)
                    page.screenshot(path=str(shots / "room-learner.png"))
                context.close()
        finally:
            browser.close()
    outside = [url for refused in refusals for url in refused]
    assert not outside, outside
