"""Coursework: ``kit assign``, ``kit collect``, ``kit grade`` on a roster of five synthetic learners.

Ana answers everything right; Bo gets some right, one as a percentage, and asks for hints; Cy
hands in the notebook as it was handed out; Dee tries everything a submission could do to
change its own grade; Eve is right but late. The assignment has one exercise of its own, whose
reference stays with the instructor.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import threading
import zipfile
from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.coursework import assign as assign_mod
from kit.coursework import collect as collect_mod
from kit.coursework import grade as grade_mod
from kit.coursework import roster, sandbox, towns
from kit.editions import notebook_solution
from kit.exercises import answers

from .conftest import ROOT
from .offline import CHROMIUM, CHROMIUM_ARGS, keep_local, require_chromium

HIDDEN_SENTINEL = "HIDDEN-REFERENCE-5f1c"
EXTRA = f'''"""This assignment's own exercise ({HIDDEN_SENTINEL}: this file never reaches a learner)."""
from kit import load
from kit.exercises import Exercise, Mistake, register


def _posts_of_businesses():
    accounts = load("accounts")
    posts = load("posts")
    return int(posts["account_id"].isin(accounts.loc[accounts["kind"] == "business", "account_id"]).sum())


register(Exercise(
    id="01.A1", title="How many posts are in your town's data?",
    expected=lambda: len(load("posts")), solution=lambda: len(load("posts")),
    hints=("Every row of `posts` is one post.", "`len(posts)` counts the rows."),
    ask="A whole number: every post in the data, whoever wrote it.",
    mistakes=(Mistake("You counted businesses' posts only; count every post.", answer=_posts_of_businesses,
                      key="businesses-only"),),
))
'''
# a cell's limit generous enough for a loaded machine (the whole suite on two cores: the first
# cell's imports took 3.6 s once), tight enough that Dee's endless loop costs little
LIMITS = {"cell_timeout": 10, "total_timeout": 120, "limits": {"RLIMIT_NPROC": 128}}
CHECK = "check("


def _kit_hash() -> str:
    h = hashlib.sha256()
    for p in sorted((ROOT / "kit").rglob("*")):
        if p.is_file() and "__pycache__" not in p.parts:
            h.update(str(p).encode() + p.read_bytes())
    return h.hexdigest()


def _answer(nb, exercise_id: str, source: str) -> None:
    for cell in nb.cells:
        if cell.cell_type == "code" and f'check("{exercise_id}"' in cell.source:
            cell.source = source
            return
    raise AssertionError(f"no check cell for {exercise_id}")


def _solved(exercise_id: str, slip: str = "") -> str:
    src = notebook_solution(exercise_id)
    lines = src.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(CHECK))
    var = lines[at].split(",", 1)[1].strip().rstrip(")")
    if slip:
        lines.insert(at, f"{var} = {slip.format(var=var)}")
    return "\n".join(lines)


def _malicious(nb, paths: dict, port: int) -> None:
    """Dee: one right answer, then every attack, each leaving its trace nowhere that counts."""
    _answer(nb, "01.1", _solved("01.1"))
    attacks = f"""
import os, socket, subprocess, json
from kit.exercises import answers as _a
tried = {{}}
for name, target in {dict(paths)!r}.items():
    try:
        with open(target) as f:
            f.read(10)
        tried["read " + name] = "read"
    except Exception as e:
        tried["read " + name] = type(e).__name__
    try:
        with open(target, "a") as f:
            f.write("hacked")
        tried["write " + name] = "wrote"
    except Exception as e:
        tried["write " + name] = type(e).__name__
try:
    import kit.solutions.social
    tried["solutions"] = "imported"
except Exception as e:
    tried["solutions"] = type(e).__name__
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=1).sendall(b"leak")
    tried["network"] = "connected"
except Exception as e:
    tried["network"] = type(e).__name__
with open(os.environ["KIT_GRADING"], "a") as f:  # forge an answer the check never saw
    f.write(json.dumps({{"type": "check", "exercise": "01.3", "answer": _a.encode(123.0), "inputs": {{}}}}) + "\\n")
    f.write("not json at all\\n")
kids = []
try:
    for _ in range(400):
        kids.append(subprocess.Popen(["sleep", "600"]))
except Exception as e:
    tried["processes"] = f"{{len(kids)}}: {{type(e).__name__}}"
check("01.99", tried)  # no such exercise: the grader ignores it; the test reads it from the channel
"""
    try_solution = """
try:
    from kit.exercises import find
    broadcast_share = find("01.2").expected()
except Exception:
    broadcast_share = 0.5
check("01.2", broadcast_share)
"""
    loops = [
        "x = bytearray(8 * 2**30)",
        "import time\nwhile True:  # endless, and a flood of output\n    print('x' * 10_000)\n    time.sleep(0.001)",
        'def check(*args, **kwargs):\n    return "✓ correct"\ncheck("01.4", 42)',
    ]
    i = next(k for k, c in enumerate(nb.cells) if 'check("01.1"' in c.source) + 1
    for src in [attacks, *loops]:
        nb.cells.insert(i, nbformat.v4.new_code_cell(src))
        i += 1
    _answer(nb, "01.2", try_solution)


def _notebook(folder: Path, name: str, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    nbformat.write(nb, folder / f"{name}.ipynb")
    return folder / f"{name}.ipynb"


@pytest.fixture(scope="module")
def beside(tmp_path_factory):
    """Runs of their own, started before the class is graded and run beside it (their waits
    overlap its work): one stuck past its time limit, one whose child would pass its memory."""
    from concurrent.futures import ThreadPoolExecutor

    folder = tmp_path_factory.mktemp("beside")
    stuck = _notebook(
        folder,
        "stuck",
        "from kit import check\ncheck('01.1', 7)",
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    time.sleep(0.01)",
        "check('01.2', 0.5)",
    )
    greedy = _notebook(
        folder,
        "greedy",
        "import subprocess, sys\nr = subprocess.run([sys.executable, '-c', "
        "'x = bytearray(900 * 2**20)'])\nfrom kit import check\ncheck('01.1', r.returncode)",
    )
    pool = ThreadPoolExecutor(max_workers=2)
    runs = {
        "stuck": pool.submit(sandbox.run, stuck, ROOT / "datasets", slot=8, cell_timeout=5, total_timeout=9),
        "greedy": pool.submit(sandbox.run, greedy, ROOT / "datasets", slot=9, memory=700 * 2**20),
    }
    yield runs
    pool.shutdown(wait=True)


@pytest.fixture(scope="module")
def course(tmp_path_factory, beside):
    """The five learners' assignment, handed out, worked on, collected and graded."""
    base = tmp_path_factory.mktemp("course")
    (base / "roster.csv").write_text(
        "learner,name,deadline,town\n"
        "ana,Ana Alves,2099-01-01T18:00:00+00:00,\n"
        'bo,"Berg, Bo",2099-01-01T18:00:00+00:00,Bridport\n'
        "cy,Cy Chen,2099-01-01T18:00:00+00:00,\n"
        "dee,Dee Dunn,2099-01-01T18:00:00+00:00,\n"
        "eve,Eve Ekdahl,2026-01-01T09:00:00+00:00,\n"
    )
    (base / "extra.py").write_text(EXTRA)
    out = base / "hw"
    assert (
        main(
            [
                "assign",
                "01",
                "--learners",
                str(base / "roster.csv"),
                "--out",
                str(out),
                "--exercises",
                str(base / "extra.py"),
                "--id",
                "hw-01",
            ]
        )
        == 0
    )
    given = out / "for-learners"
    handed = {
        lid: nbformat.read(given / lid / "01-social-not-media.ipynb", as_version=4)
        for lid in ("ana", "bo", "cy", "dee", "eve")
    }
    ids = [f"01.{k}" for k in range(1, 6)]
    for lid in ("ana", "eve"):
        for ex in ids:
            _answer(handed[lid], ex, _solved(ex))
        _answer(handed[lid], "01.A1", 'answer_1 = len(posts)\ncheck("01.A1", answer_1)')
    _answer(
        handed["eve"],
        "01.3",
        "from kit.social import social_ratio\n"  # right, for the wrong reason
        + _solved("01.3", slip="social_ratio(posts, accounts)"),
    )
    _answer(handed["bo"], "01.1", _solved("01.1"))
    _answer(handed["bo"], "01.2", _solved("01.2", slip="{var} * 100"))
    _answer(handed["bo"], "01.3", _solved("01.3"))
    _answer(
        handed["bo"],
        "01.A1",
        "answer_1 = int(posts['account_id'].isin(accounts.loc[accounts['kind'] == "
        "'business', 'account_id']).sum())\ncheck(\"01.A1\", answer_1)",
    )
    (given / "bo" / ".kit").mkdir()
    (given / "bo" / ".kit" / "log.jsonl").write_text(
        "".join(json.dumps({"type": "hint", "exercise": "01.4", "n": n}) + "\n" for n in (1, 2))
    )
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    traps = {
        "gradebook": out / "instructor" / "graded" / "gradebook.csv",
        "other": given / "ana" / "01-social-not-media.ipynb",
        "kit": ROOT / "kit" / "exercises" / "__init__.py",
        "extra": out / "instructor" / "exercises.py",
    }
    _malicious(handed["dee"], {k: str(v) for k, v in traps.items()}, listener.getsockname()[1])
    for lid, nb in handed.items():
        if lid != "cy":
            nbformat.write(nb, given / lid / "01-social-not-media.ipynb")
    os.rename(given / "bo" / "01-social-not-media.ipynb", given / "bo" / "bo homework.ipynb")
    before = {
        "kit": _kit_hash(),
        "other": (given / "ana" / "01-social-not-media.ipynb").read_bytes(),
        "extra": (out / "instructor" / "exercises.py").read_bytes(),
    }
    assert main(["collect", str(out), str(given)]) == 0
    report = collect_mod.collect(out, given, say=lambda _: None)
    said, channels, real_run = [], {}, sandbox.run

    def recording(notebook, data, **kw):  # what each submission wrote, for the tests to read
        run = real_run(notebook, data, **kw)
        channels[Path(notebook).stem] = run.channel
        return run

    sandbox.run = recording
    try:
        grade_mod.grade(out, jobs=2, say=said.append, **LIMITS)
    finally:
        sandbox.run = real_run
    connections = []
    try:
        while True:
            connections.append(listener.accept())
    except OSError:
        pass
    listener.close()
    graded = out / "instructor" / "graded"
    with open(graded / "gradebook.csv", newline="") as f:
        book = {row["learner"]: row for row in csv.DictReader(f)}
    return {
        "out": out,
        "given": given,
        "report": report,
        "book": book,
        "before": before,
        "said": said,
        "channels": channels,
        "connections": connections,
        "traps": traps,
        "graded": graded,
    }


# --------------------------------------------------------------------------- the workflow


def test_each_learner_gets_a_town_of_their_own_and_answers_differ(course):
    record = assign_mod.load_record(course["out"])
    seeds = {lid: x["seed"] for lid, x in record["learners"].items()}
    assert len(set(seeds.values())) == 5
    assert record["learners"]["bo"]["town"] == "Bridport" and record["learners"]["ana"]["town"] == "Dorchester"
    expected = set()
    for lid in seeds:
        with towns.reading(course["out"] / "instructor" / "towns" / lid):
            from kit.exercises import find

            expected.add(find("01.1").expected())
    assert len(expected) >= 4, "copying a neighbour's count would pass"
    town = course["given"] / "bo" / "scenarios" / "bridport"
    assert (town / "posts.csv").read_bytes() == (
        course["out"] / "instructor" / "towns" / "bo" / "posts.csv"
    ).read_bytes()


def test_the_gradebook_holds_each_learners_outcome(course):
    book = course["book"]
    assert set(book) == {"ana", "bo", "cy", "dee", "eve"}
    ana, bo, cy, dee, eve = (book[k] for k in ("ana", "bo", "cy", "dee", "eve"))
    ids = [f"01.{k}" for k in range(1, 6)] + ["01.A1"]
    assert [ana[i] for i in ids] == ["correct"] * 6 and ana["score"] == "1.000" and ana["status"] == "submitted"
    assert [bo[i] for i in ids] == ["correct", "wrong", "correct", "unanswered", "unanswered", "wrong"]
    assert bo["right"] == "2" and bo["01.4 hints"] == "2" and bo["hints_asked"] == "2"
    assert cy["status"] == "empty" and [cy[i] for i in ids] == ["unanswered"] * 6 and cy["score"] == "0.000"
    assert eve["status"] == "late" and int(eve["late_minutes"]) > 0 and eve["right"] == "6"
    assert dee["01.1"] == "correct" and dee["01.2"] != "correct" and dee["01.3"] == "wrong"
    assert dee["01.4"] == "not reached" and dee["right"] == "1"
    assert dee["used_a_kit_answer"] == "" and ana["used_a_kit_answer"] == ""  # the reference's own cells
    assert eve["used_a_kit_answer"] == "01.3:social_ratio" and eve["01.3"] == "correct"
    results = json.loads((course["graded"] / "results" / "bo.json").read_text())
    rows = {r["exercise"]: r for r in results["rows"]}
    assert rows["01.2"]["rung"] == "percent" and "100 times" in rows["01.2"]["message"]
    assert rows["01.A1"]["detail"] == "businesses-only"


def test_collect_reports_renamed_empty_late_and_unmatched(course, tmp_path):
    learners = course["report"]["learners"]
    assert any(f.startswith("renamed: bo homework.ipynb") for f in learners["bo"]["flags"])
    assert learners["cy"]["status"] == "empty" and learners["eve"]["status"] == "late"
    # a zip of files, with one learner missing, one duplicated, and a stranger's notebook
    z = tmp_path / "handed-in.zip"
    with zipfile.ZipFile(z, "w") as f:
        f.write(course["given"] / "ana" / "01-social-not-media.ipynb", "ana-01.ipynb")
        f.write(course["given"] / "ana" / "01-social-not-media.ipynb", "old/ana-01-draft.ipynb")
        f.write(course["given"] / "bo" / "bo homework.ipynb", "submissions/bo/01.ipynb")
        f.writestr("zed/01.ipynb", nbformat.writes(nbformat.v4.new_notebook()))
    work = tmp_path / "copy"
    shutil.copytree(course["out"], work)
    said = []
    report = collect_mod.collect(work, z, say=said.append)
    got = report["learners"]
    assert got["ana"]["status"] == "submitted" and any(f.startswith("duplicate") for f in got["ana"]["flags"])
    assert got["bo"]["status"] == "submitted" and got["cy"]["status"] == "missing"
    assert any("zed/01.ipynb" in u for u in report["unmatched"])
    assert any("missing" in s for s in said)
    # a room's workspaces: each learner's account is who they are
    room = tmp_path / "room"
    (room / "homes" / "ana" / "seminar-work").mkdir(parents=True)
    (room / "homes" / "eve" / "seminar-work" / ".kit").mkdir(parents=True)
    (room / "room.json").write_text("{}")
    shutil.copyfile(
        course["given"] / "ana" / "01-social-not-media.ipynb",
        room / "homes" / "ana" / "seminar-work" / "01-social-not-media.ipynb",
    )
    shutil.copyfile(
        course["given"] / "eve" / "01-social-not-media.ipynb",
        room / "homes" / "eve" / "seminar-work" / "01-social-not-media.ipynb",
    )
    (room / "homes" / "eve" / "seminar-work" / ".kit" / "log.jsonl").write_text(
        '{"type": "hint", "exercise": "01.3", "n": 1}\n'
    )
    got = collect_mod.collect(work, room, say=lambda _: None)
    assert got["kind"] == "room" and got["learners"]["ana"]["status"] == "submitted"
    assert got["learners"]["eve"]["status"] == "late" and got["learners"]["bo"]["status"] == "missing"
    assert (work / "instructor" / "submissions" / "eve.log.jsonl").is_file()
    # a hostile archive: one clear error naming it, and the last collection left as it was
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as f:
        f.writestr("../../etc/ana.ipynb", "{}")
    with pytest.raises(collect_mod.CollectError, match="evil.zip"):
        collect_mod.collect(work, evil, say=lambda _: None)
    assert (work / "instructor" / "submissions" / "eve.log.jsonl").is_file()
    # a copy of another learner's notebook handed in as one's own is flagged
    shutil.copyfile(course["given"] / "ana" / "01-social-not-media.ipynb", tmp_path / "dee-01.ipynb")
    solo = tmp_path / "solo"
    solo.mkdir()
    shutil.move(tmp_path / "dee-01.ipynb", solo / "dee-01.ipynb")
    flags = collect_mod.collect(work, solo, say=lambda _: None)["learners"]["dee"]["flags"]
    assert any("handed out to another learner" in f and "ana" in f for f in flags)


def test_nothing_a_submission_does_changes_any_grade_or_file(course):
    assert course["before"]["kit"] == _kit_hash(), "the submission edited the kit"
    assert (course["given"] / "ana" / "01-social-not-media.ipynb").read_bytes() == course["before"]["other"]
    assert (course["out"] / "instructor" / "exercises.py").read_bytes() == course["before"]["extra"]
    assert "hacked" not in (course["graded"] / "gradebook.csv").read_text()
    assert not course["connections"], "a submission reached a server on the grading machine"
    left = subprocess.run(["pgrep", "-f", "sleep 600"], capture_output=True, text=True).stdout.split()
    assert not left, f"processes a submission started outlived its run: {left}"
    dee = json.loads((course["graded"] / "results" / "dee.json").read_text())
    assert dee["run"]["isolation"].startswith("bubblewrap")
    assert dee["run"]["timeouts"], "the endless loops were not stopped at the cell limit"
    assert dee["run"]["dropped_output"], "the flood of output was kept"
    assert course["book"]["ana"]["right"] == "6", "the rest of the batch went on"
    tried = answers.decode(grade_mod.events(course["channels"]["dee"])["01.99"]["answer"])
    for name in course["traps"]:  # nothing of the instructor's, nor another learner's, is there to read
        assert tried[f"read {name}"] in ("FileNotFoundError", "PermissionError") or name == "kit", tried
        assert tried[f"write {name}"] != "wrote", tried
    assert tried["read kit"] == "read" and tried["write kit"] in ("PermissionError", "OSError")  # read-only
    assert tried["solutions"] == "ModuleNotFoundError" and tried["network"] in ("ConnectionRefusedError", "OSError")
    assert tried["processes"].endswith("BlockingIOError") and int(tried["processes"].split(":")[0]) < 128


def test_hidden_references_never_reach_a_learner_and_solutions_are_off(course, monkeypatch):
    for p in course["given"].rglob("*"):
        if p.is_file() and p.suffix in (".ipynb", ".json", ".toml", ".py", ".jsonl"):
            text = p.read_text(errors="replace")
            assert HIDDEN_SENTINEL not in text and "_posts_of_businesses" not in text, p
    state = json.loads((course["given"] / "cy" / ".kit-workspace.json").read_text())
    assert state["assignment"]["hidden"]["01.A1"] == {
        "title": "How many posts are in your town's data?",
        "ask": "A whole number: every post in the data, whoever wrote it.",
        "hints": ["Every row of `posts` is one post.", "`len(posts)` counts the rows."],
    }
    from kit import exercises
    from kit.workspace import ENV

    monkeypatch.setenv(ENV, str(course["given"] / "cy"))
    monkeypatch.delenv("SEMINAR_KIT_DATA", raising=False)
    fb = exercises.check("01.A1", 12)
    assert fb.status == "recorded" and "correct" not in fb.message.lower() and "kept for grading" in fb.message
    assert exercises.check("01.A1", ...).status == "unanswered"
    assert "switched off" in str(exercises.solution("01.2"))
    assert "Hint 1 of 2" in str(exercises.hint("01.A1"))
    last = str(exercises.hint("01.A1"))
    assert "Hint 2 of 2" in last and "Solutions are switched off" in last
    assert exercises.check("01.1", 12).status == "wrong"  # the workshop's own checks still teach
    from kit.workspace import open_workspace

    before = sorted(p.name for p in (course["given"] / "cy").iterdir())
    _, report = open_workspace(course["given"] / "cy")  # what `kit lab --workspace` does first
    assert sorted(p.name for p in (course["given"] / "cy").iterdir()) == before and not report.added


def test_feedback_pages_read_offline_in_chromium(course):
    require_chromium()
    from playwright.sync_api import sync_playwright

    pages = course["graded"] / "feedback"
    assert sorted(p.stem for p in pages.glob("*.html")) == ["ana", "bo", "cy", "dee", "eve"]

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(course["graded"]))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        page = browser.new_page(viewport={"width": 390, "height": 900})
        left = keep_local(page)
        page.goto(f"{url}/feedback/bo.html")
        text = page.inner_text("body")
        assert "Feedback for Berg, Bo" in text and "2 of 6" in text
        assert "100 times" in text and "You counted businesses' posts only" in text
        page.locator("details summary").first.click()
        assert page.locator("details").first.evaluate("d => d.open")
        assert page.evaluate("document.documentElement.scrollWidth") <= 391
        page.goto(f"{url}/summary.html")
        summary = page.inner_text("body")
        assert "percent" in summary and "1 empty" in summary and "1 late" in summary
        page.goto(f"{url}/feedback/dee.html")
        assert "Not reached" in page.inner_text("body")
        page.goto(f"{url}/feedback/eve.html")
        assert "calls social_ratio, a kit function that works out this answer" in page.inner_text("body")
        browser.close()
    server.shutdown()
    assert not left, f"requests tried to leave the machine: {left}"


# --------------------------------------------------------------------------- the parts


def test_a_town_where_a_slip_gives_the_right_answer_is_redrawn(tmp_path):
    extra = tmp_path / "odd.py"
    extra.write_text(
        "from kit import load_scenario\nfrom kit.exercises import Exercise, Mistake, register\n"
        'register(Exercise(id="01.Z9", title="odd", expected=lambda: load_scenario().seed % 2,\n'
        '    solution=lambda: 0, mistakes=(Mistake("Always 1.", answer=lambda: 1, key="one"),)))\n'
    )
    learner = next(f"l{k}" for k in range(100) if towns.seed_for("t", f"l{k}", 0) % 2 == 1)
    base = (ROOT / "datasets" / "scenario.toml").read_text()
    info = towns.draw(base, "01", "t", learner, "", tmp_path / "town", str(extra))
    assert info["redrawn"] and all(r["seed"] % 2 == 1 and "01.Z9: one" in r["because"] for r in info["redrawn"])
    assert info["seed"] % 2 == 0 and info["attempts"] == len(info["redrawn"]) + 1
    from kit.exercises import _REGISTRY

    _REGISTRY.pop("01.Z9", None)


def test_a_run_past_its_time_limit_is_killed_and_graded_on_what_it_wrote(beside):
    run = beside["stuck"].result()
    # stopped at its 9 s limit, not the default 300 s (the bound leaves room for a loaded machine:
    # a CI run with four workers busy took 29 s from start to the kill's end)
    assert "time limit" in run.killed and 9 <= run.seconds < 90
    checks = grade_mod.events(run.channel)
    assert set(checks) == {"01.1"} and answers.decode(checks["01.1"]["answer"]) == 7


def test_roster_problems_name_the_file_and_row(tmp_path):
    bad = tmp_path / "r.csv"
    for text, want in [
        ("name\nAna\n", "header naming at least the column 'learner'"),
        ("learner,deadline\nana,tomorrow\n", "row 2: deadline 'tomorrow' is not a date"),
        ("learner\nana\nANA\n", "row 3: learner id 'ANA' appears twice"),
        ("learner\n../etc\n", "must be letters, digits"),
        ("learner,name\nana,Ana,Alves\n", "3 fields where the header has 2"),
        ("learner,colour\nana,red\n", "unknown column 'colour'"),
    ]:
        bad.write_text(text)
        with pytest.raises(roster.RosterError, match=r"r\.csv") as e:
            roster.read(bad)
        assert want in str(e.value), (text, str(e.value))


def test_kit_commands_refuse_bad_input_in_one_line(tmp_path, capsys):
    assert main(["assign", "01", "--learners", str(tmp_path / "none.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "none.csv: cannot read the roster" in capsys.readouterr().err
    (tmp_path / "r.csv").write_text("learner\nana\n")
    assert main(["assign", "42", "--learners", str(tmp_path / "r.csv"), "--out", str(tmp_path / "o")]) == 2
    assert "no workshop 42" in capsys.readouterr().err
    assert main(["collect", str(tmp_path / "nothing"), str(tmp_path)]) == 2
    assert "no assignment here" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_without_bubblewrap_grading_still_runs_and_says_it_is_not_isolated(course, monkeypatch, capsys):
    from kit import doctor

    monkeypatch.setattr(sandbox, "isolation", lambda: "none")
    run = sandbox.run(
        course["out"] / "instructor" / "submissions" / "ana.ipynb", course["out"] / "instructor" / "towns" / "ana"
    )
    assert run.isolation == "none" and not run.killed and len(grade_mod.events(run.channel)) == 6
    monkeypatch.setattr("shutil.which", lambda name: None)
    check = doctor._grading()
    assert not check.ok and "not isolated" in check.detail and "apt-get install bubblewrap" in check.fix


# --------------------------------------------------------------------------- what a red team found


def test_forged_answers_reports_and_logs_never_stop_the_batch(tmp_path):
    from kit.exercises import find

    line = {"type": "check", "exercise": "01.1", "answer": answers.encode(1), "inputs": {"answer": answers.encode(1)}}
    rows = grade_mod.judge([find("01.1")], grade_mod.events((json.dumps(line) + "\n").encode()), ROOT / "datasets")
    assert rows[0]["status"] == "wrong" and rows[0]["rung"] == "unreadable"
    assert grade_mod.hints_asked(b'{"a":' * 100_000 + b"\n" + b'{"type": "hint", "exercise": "01.2", "n": 2}\n') == {
        "01.2": 2
    }
    forged = grade_mod.run_report({"stopped": ["not text"], "errors": "x", "cells": True, "timeouts": [1, "2"]})
    assert forged["stopped"] == "" and forged["errors"] == [] and forged["cells"] == 0 and forged["timeouts"] == [1]
    assert grade_mod.clean("bo\x1b[2K\r\x1b[1A mal: all fine") == "bo [2K  [1A mal: all fine"
    assert grade_mod._cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")' and grade_mod._cell("ran") == "ran"


def test_only_the_top_folder_or_file_says_whose_a_submission_is(tmp_path):
    ids = {"ana": "ana", "mal": "mal"}
    assert collect_mod._location(["mal", "ana", "01.ipynb"], ids) == "mal"
    assert collect_mod._location(["mal", "ana.ipynb"], ids) == "mal"
    assert collect_mod._location(["ana-01.ipynb"], ids) == "ana"
    assert collect_mod._location(["submissions", "ana", "01.ipynb"], ids) is None  # then: the notebook's record
    f = tmp_path / "late.ipynb"
    f.write_text("{}")
    os.utime(f, (1_577_836_800, 1_577_836_800))  # "handed in" on 1 January 2020, says the file
    assert collect_mod._received(f.stat()) > 1_700_000_000  # this machine got it just now


def test_a_flood_of_error_output_never_fills_the_graders_memory(tmp_path):
    import resource

    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import subprocess\nsubprocess.run('head -c 60000000 /dev/zero >&2', "
            "shell=True)\nfrom kit import check\ncheck('01.1', 7)"
        )
    ]
    path = tmp_path / "loud.ipynb"
    nbformat.write(nb, path)
    sandbox._chart_bundle()  # made once per grading process (it imports Altair): not what is measured
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    run = sandbox.run(path, ROOT / "datasets", cell_timeout=30, total_timeout=60)
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 25, f"the grader grew by {grown_mb:.0f} MB reading a submission's error output"
    assert set(grade_mod.events(run.channel)) == {"01.1"}


def test_a_submissions_processes_together_stay_under_its_memory_limit(beside):
    """Where the grader may make control groups (root, a writable /sys/fs/cgroup), a child process
    that would take the run past its memory is stopped, though under the per-process limit."""
    probe = sandbox._cgroups(f"kit-probe-{os.getpid()}", 2**30) if os.geteuid() == 0 else []
    sandbox._remove(probe)
    run = beside["greedy"].result()
    rc = answers.decode(grade_mod.events(run.channel)["01.1"]["answer"])
    if probe:
        assert run.isolation == "bubblewrap+cgroup" and rc == -9, (run.isolation, rc)
    else:  # no control groups here: the per-process limit (3 GB) is all there is, and it says so
        assert run.isolation == "bubblewrap" and rc == 0
    assert not list(sandbox.CGROUPS.glob("*/kit-grade-*")), "a control group was left behind"
