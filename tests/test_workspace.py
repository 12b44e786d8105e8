"""A learner's work is never lost: the workspace, its sync, its records and its own scenario.

Every test types an answer into a workspace copy of a learner edition the way JupyterLab saves
it (sources changed, outputs and counts added), then runs what could lose it: a second sync (a
restart of ``kit lab``), a new version of the edition, ``kit build``, ``kit data build`` and
``kit doctor``. Nothing here starts JupyterLab (tests/test_cli.py and tests/test_browser.py do).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from kit import cli, editions, workshops, workspace
from kit.cli import lab_command, main, parser
from kit.workspace import MARKER, WorkspaceError, active, notices, record, sync, use_scenario

ROOT = Path(__file__).resolve().parent.parent
WORKSHOPS = ROOT / "workshops"
DATASETS = ROOT / "datasets"
NB = workshops.get("01").notebook  # the tests type an answer into its 01.1 stub
ANSWER = "hour_post_count = int(on_an_evening.sum())  # my answer"
DAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def no_workspace_env(monkeypatch, tmp_path):
    """Each test starts outside any workspace, in a folder of its own."""
    monkeypatch.delenv("KIT_WORKSPACE", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def kit_copy(tmp_path, monkeypatch):
    """A private copy of workshops/ (both editions) and of the shipped solutions file."""
    work = tmp_path / "kit-workshops"
    shutil.copytree(WORKSHOPS, work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    cells = tmp_path / "cells.json"
    shutil.copy(editions.solutions_file(), cells)
    monkeypatch.setattr(editions, "workshops_dir", lambda: work)
    monkeypatch.setattr(editions, "instructor_dir", lambda: work / "instructor")
    monkeypatch.setattr(editions, "solutions_file", lambda: cells)
    monkeypatch.setattr(cli, "workshops_dir", lambda: work)
    return work


def _answer(path: Path, text: str = ANSWER) -> bytes:
    """Type an answer into the first exercise stub and save as JupyterLab does; return the bytes."""
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if cell["cell_type"] == "code" and "hour_post_count = ..." in src:
            cell["source"] = src.replace("hour_post_count = ...", text).splitlines(keepends=True)
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["✓ 01.1\n"]}]
            cell["execution_count"] = 3
            break
    else:
        raise AssertionError(f"no 01.1 stub in {path}")
    data = (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode()
    path.write_bytes(data)
    return data


def _new_edition(path: Path, note: str = "A new paragraph from the kit.") -> bytes:
    """The kit's edition moves on: one more markdown cell."""
    nb = json.loads(path.read_text())
    nb["cells"].append({"cell_type": "markdown", "metadata": {}, "source": [note]})
    data = (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode()
    path.write_bytes(data)
    return data


def _weeks(scenario_text: str, weeks: int) -> str:
    """The same scenario covering another number of weeks."""
    changed, n = re.subn(r"(?m)^weeks\s*=\s*\d+", f"weeks = {weeks}", scenario_text)
    assert n == 1, "scenario.toml has no weeks = N line"
    return changed


def _snapshot(folder: Path) -> dict:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def learner_editions(tmp_path):
    folder = tmp_path / "editions"
    folder.mkdir()
    for w in workshops.WORKSHOPS:
        shutil.copy(WORKSHOPS / w.notebook, folder / w.notebook)
    return folder


# --------------------------------------------------------------------------- sync


def test_first_sync_copies_the_learner_editions_only(tmp_path, learner_editions):
    ws = tmp_path / "work"
    report = sync(ws, WORKSHOPS, today=DAY)
    names = sorted(p.name for p in ws.iterdir() if not p.name.startswith("."))
    assert names == sorted(w.notebook for w in workshops.WORKSHOPS)
    assert "instructor" not in names and report.added == names
    for name in names:
        assert (ws / name).read_bytes() == (WORKSHOPS / name).read_bytes()
    state = json.loads((ws / MARKER).read_text())
    assert set(state["notebooks"]) == set(names)
    assert state["notebooks"][NB]["synced"] == workspace.notebook_hash(WORKSHOPS / NB)


def test_saved_answer_survives_a_second_sync(tmp_path, learner_editions):
    ws = tmp_path / "work"
    sync(ws, learner_editions, today=DAY)
    mine = _answer(ws / NB)
    report = sync(ws, learner_editions, today=DAY)
    assert (ws / NB).read_bytes() == mine
    assert NB in report.kept and not report.messages and not report.new_versions
    assert not list(ws.glob("*new version*"))


def test_unchanged_copy_is_updated_silently(tmp_path, learner_editions):
    ws = tmp_path / "work"
    sync(ws, learner_editions, today=DAY)
    nb = json.loads((ws / NB).read_text())  # running cells (outputs, counts) is not a change
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["execution_count"] = 7
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}]
    (ws / NB).write_text(json.dumps(nb))
    new = _new_edition(learner_editions / NB)
    report = sync(ws, learner_editions, today=DAY)
    assert report.updated == [NB] and not report.messages
    assert (ws / NB).read_bytes() == new
    assert not list(ws.glob("*new version*"))


def test_new_version_is_placed_beside_and_the_learner_told_once(tmp_path, learner_editions):
    ws = tmp_path / "work"
    sync(ws, learner_editions, today=DAY)
    mine = _answer(ws / NB)
    new = _new_edition(learner_editions / NB)

    first = sync(ws, learner_editions, today=DAY)
    beside = ws / "01-social-not-media (new version 2026-12-01).ipynb"
    assert (ws / NB).read_bytes() == mine
    assert beside.read_bytes() == new
    assert first.new_versions == {NB: beside.name}
    assert len(first.messages) == 1 and beside.name in first.messages[0] and NB in first.messages[0]

    again = sync(ws, learner_editions, today=DAY)  # told once: no second message, no second copy
    assert not again.messages and (ws / NB).read_bytes() == mine
    assert sorted(p.name for p in ws.glob("01-*")) == sorted([NB, beside.name])

    # the same news shown once in a notebook, too
    shown = notices(NB, workspace=workspace.Workspace(ws))
    assert len(shown) == 1 and beside.name in shown[0]
    assert notices(NB, workspace=workspace.Workspace(ws)) == []

    # the kit moves on again the same day: a second new version, a new name, told again
    newer = _new_edition(learner_editions / NB, "Yet another paragraph.")
    third = sync(ws, learner_editions, today=DAY)
    second_beside = ws / "01-social-not-media (new version 2026-12-01) 2.ipynb"
    assert second_beside.read_bytes() == newer and beside.read_bytes() == new
    assert len(third.messages) == 1 and (ws / NB).read_bytes() == mine


def test_a_deleted_notebook_is_copied_back_and_a_damaged_one_never_overwritten(tmp_path, learner_editions):
    ws = tmp_path / "work"
    sync(ws, learner_editions, today=DAY)
    other = workshops.WORKSHOPS[0].notebook
    (ws / other).unlink()
    (ws / NB).write_text("{ half-saved")
    _new_edition(learner_editions / NB)
    report = sync(ws, learner_editions, today=DAY)
    assert other in report.added
    assert (ws / NB).read_text() == "{ half-saved"
    assert NB in report.new_versions


def test_files_that_are_not_kit_editions_are_left_alone(tmp_path, learner_editions):
    ws = tmp_path / "work"
    ws.mkdir()
    (ws / "my-notes.ipynb").write_text("mine")
    (ws / "instructor").mkdir()  # not ours either: not touched, not filled
    sync(ws, learner_editions, today=DAY)
    assert (ws / "my-notes.ipynb").read_text() == "mine"
    assert list((ws / "instructor").iterdir()) == []


def test_an_existing_folder_with_changed_copies_is_adopted_safely(tmp_path, learner_editions):
    """No state yet (e.g. a copied folder): a copy that differs from the kit's is the learner's."""
    ws = tmp_path / "work"
    ws.mkdir()
    shutil.copy(learner_editions / NB, ws / NB)
    mine = _answer(ws / NB)
    report = sync(ws, learner_editions, today=DAY)
    assert (ws / NB).read_bytes() == mine and NB in report.new_versions


def test_workspace_cannot_be_the_tracked_files(tmp_path):
    for bad in (WORKSHOPS, WORKSHOPS / "sub", ROOT, DATASETS):
        with pytest.raises(WorkspaceError, match="outside the kit's tracked files"):
            workspace.open_workspace(bad)


def test_where_the_workspace_is(tmp_path, monkeypatch):
    assert workspace.default_location() == ROOT / "my-work"
    assert workspace.resolve_location() == ROOT / "my-work"
    monkeypatch.setenv("KIT_WORKSPACE", str(tmp_path / "elsewhere"))
    assert workspace.resolve_location() == tmp_path / "elsewhere"
    assert workspace.resolve_location(tmp_path / "given") == tmp_path / "given"
    installed = tmp_path / "site-packages"  # installed without a checkout: a folder in the home
    installed.mkdir()
    monkeypatch.setattr(workspace, "_kit_root", lambda: installed)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert workspace.default_location() == tmp_path / "home" / "seminar-kit-work"


# --------------------------------------------------------------------------- kit lab


def _lab_args(*argv):
    args, extra = parser().parse_known_args(["lab", *argv])
    args.extra = extra
    return args


def test_lab_preparation_opens_the_workspace_and_a_restart_keeps_the_answer(tmp_path):
    ws = tmp_path / "work"
    cmd, env, folder, text = lab_command(_lab_args("--workspace", str(ws), "--no-browser"))
    assert folder == ws and env["KIT_WORKSPACE"] == str(ws) and str(ws) in text
    assert f"--ServerApp.root_dir={ws}" in cmd and not any("instructor" in c for c in cmd)
    settings = Path(next(c.split("=", 1)[1] for c in cmd if c.startswith("--LabApp.app_settings_dir=")))
    overrides = json.loads((settings / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    mine = _answer(ws / NB)
    for _ in range(2):  # restarting kit lab
        lab_command(_lab_args("--workspace", str(ws)))
        assert (ws / NB).read_bytes() == mine
    assert not (ws / "instructor").exists()


def test_instructor_lab_is_not_a_workspace():
    cmd, env, folder, text = lab_command(_lab_args("--instructor"))
    assert folder == WORKSHOPS / "instructor" and env["KIT_WORKSPACE"] == ""
    assert not (folder / MARKER).exists()


# --------------------------------------------------------------------------- kit build / data build / doctor


@pytest.fixture
def learner_in_workspace(tmp_path, monkeypatch, kit_copy):
    """A workspace synced from the private kit copy, with an answer saved; cwd inside it."""
    ws = tmp_path / "work"
    sync(ws, kit_copy, today=DAY)
    mine = _answer(ws / NB)
    monkeypatch.setenv("KIT_WORKSPACE", str(ws))
    monkeypatch.chdir(ws)
    return ws, mine


def test_saved_answer_survives_kit_build(learner_in_workspace, kit_copy, capsys):
    ws, mine = learner_in_workspace
    before = _snapshot(ws)
    # the instructor changes workshop 01; `kit build` regenerates the learner edition
    inst = kit_copy / "instructor" / NB
    nb = json.loads(inst.read_text())
    nb["cells"].append(
        {"cell_type": "markdown", "id": "kit-test-note", "metadata": {}, "source": ["A new closing note."]}
    )
    inst.write_text(json.dumps(nb, indent=1))
    assert main(["build", "--no-execute", "01-social-not-media"]) == 0
    assert "A new closing note." in (kit_copy / NB).read_text()
    assert _snapshot(ws) == before, "kit build wrote into the workspace"
    report = sync(ws, kit_copy, today=DAY)  # the next kit lab
    assert (ws / NB).read_bytes() == mine
    assert "A new closing note." in (ws / report.new_versions[NB]).read_text()


def test_saved_answer_survives_kit_data_build(learner_in_workspace, data_copy, capsys):
    ws, mine = learner_in_workspace
    before = _snapshot(ws)
    assert main(["data", "build"]) == 0
    assert str(data_copy) in capsys.readouterr().out
    assert _snapshot(ws) == before and (ws / NB).read_bytes() == mine


def test_kit_data_build_targets_the_bundled_data_even_in_a_workspace_with_its_own_scenario(
    learner_in_workspace, monkeypatch, capsys
):
    ws, _ = learner_in_workspace
    monkeypatch.delenv("SEMINAR_KIT_DATA", raising=False)
    own = _own_scenario_by_copy(ws)
    from kit.scenario import data_dir

    assert data_dir() == own  # the workspace's scenario is what load() reads here
    seen = {}

    def fake_build(scenario=None, out_dir=None):  # record where it would write; write nothing
        from kit.scenario import load_scenario

        seen["out"], seen["scenario"] = Path(out_dir), scenario or load_scenario()
        return {"rows": {}, "seconds": 0.0, "files": []}

    monkeypatch.setattr("kit.synth.build", fake_build)
    assert main(["data", "build"]) == 0
    assert seen["out"] == DATASETS and ws not in seen["out"].parents
    assert data_dir() == own  # and the workspace still reads its own


def _own_scenario_by_copy(ws: Path) -> Path:
    """Point a workspace at a scenario of its own without generating (a copy of the bundled data)."""
    own = ws / "scenarios" / "copy"
    shutil.copytree(DATASETS, own, ignore=shutil.ignore_patterns(".build-*"))
    state = json.loads((ws / MARKER).read_text())
    state["scenario"] = "scenarios/copy"
    (ws / MARKER).write_text(json.dumps(state))
    return own


def test_saved_answer_survives_kit_doctor(learner_in_workspace, capsys):
    ws, mine = learner_in_workspace
    before = _snapshot(ws)
    main(["doctor"])
    out = capsys.readouterr().out
    assert _snapshot(ws) == before and (ws / NB).read_bytes() == mine
    assert "kit build" not in out and "learner editions" not in out
    assert f"workspace: {ws}" in out
    main(["doctor", "--instructor"])
    assert "learner editions" in capsys.readouterr().out


def test_doctor_in_a_notebook_never_advises_kit_build(data_copy):
    """Even when the data is stale and the editions drift, a learner is never told to run kit build."""
    from kit.doctor import doctor

    (data_copy / "scenario.toml").write_text(_weeks((data_copy / "scenario.toml").read_text(), 9))
    report = doctor()
    text = str(report)
    assert not report.ok and "kit data build" in text
    assert "kit build" not in text.replace("kit data build", "")


# --------------------------------------------------------------------------- record


def test_record_writes_nothing_outside_a_workspace(tmp_path):
    assert active() is None
    record({"type": "check", "exercise": "01.2", "status": "wrong"})
    assert not list(tmp_path.rglob("log.jsonl"))
    assert not list(ROOT.glob("**/.kit/log.jsonl"))


def test_record_appends_one_line_inside_a_workspace(tmp_path, monkeypatch):
    ws = tmp_path / "work"
    sync(ws, WORKSHOPS, today=DAY)
    monkeypatch.setenv("KIT_WORKSPACE", str(ws))
    monkeypatch.setenv("JPY_SESSION_NAME", str(ws / NB))
    record({"type": "check", "exercise": "01.2", "status": "wrong", "rung": "percent"})
    record({"type": "hint", "exercise": "01.2", "n": 1})
    lines = [json.loads(x) for x in (ws / ".kit" / "log.jsonl").read_text().splitlines()]
    assert [x["type"] for x in lines] == ["check", "hint"]
    assert lines[0]["notebook"] == NB and lines[0]["rung"] == "percent"
    assert dt.datetime.fromisoformat(lines[0]["time"]).utcoffset() == dt.timedelta(0)


def test_a_kernel_finds_its_workspace_from_its_folder(tmp_path, monkeypatch):
    ws = tmp_path / "work"
    sync(ws, WORKSHOPS, today=DAY)
    (ws / "sub").mkdir()
    monkeypatch.chdir(ws / "sub")
    assert active().root == ws
    record({"type": "check", "exercise": "00.1", "status": "correct"})
    assert (ws / ".kit" / "log.jsonl").read_text().count("\n") == 1


def test_record_never_raises_and_needs_the_marker(tmp_path, monkeypatch):
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.setenv("KIT_WORKSPACE", str(plain))  # no marker: not a workspace
    record({"type": "check"})
    assert not (plain / ".kit").exists()
    ws = tmp_path / "work"
    sync(ws, WORKSHOPS, today=DAY)
    monkeypatch.setenv("KIT_WORKSPACE", str(ws))
    (ws / ".kit").write_text("a file where the folder should be")
    assert record({"type": "check", "odd": object()}) is None
    assert record(None) is None
    monkeypatch.setenv("KIT_WORKSPACE", "")  # set but empty: explicitly no workspace
    monkeypatch.chdir(ws)
    assert active() is None


def test_kernels_run_by_kit_build_are_outside_the_workspace(learner_in_workspace):
    ws, _ = learner_in_workspace
    assert active() is not None
    with workspace.outside():
        assert active() is None
        record({"type": "check"})
    assert active().root == ws and not (ws / ".kit" / "log.jsonl").exists()


# --------------------------------------------------------------------------- solution()


def test_solution_works_without_instructor_editions(tmp_path, monkeypatch):
    monkeypatch.setattr(editions, "instructor_dir", lambda: tmp_path / "no-instructor-here")
    shipped = json.loads(editions.solutions_file().read_text())["cells"]
    for exercise_id in sorted(shipped):  # every workshop's, from the shipped file alone
        cell = editions.notebook_solution(exercise_id)
        assert cell == shipped[exercise_id] and f'check("{exercise_id}"' in cell
        assert "### BEGIN SOLUTION" not in cell and "= ..." not in cell.split("check(")[0]
    from kit import solution

    assert 'check("00.1"' in repr(solution("00.1"))


def test_solutions_file_falls_back_to_the_instructor_notebook_only_when_missing(tmp_path, monkeypatch):
    expected = editions.notebook_solution("01.2")
    monkeypatch.setattr(editions, "solutions_file", lambda: tmp_path / "missing.json")
    assert editions.notebook_solution("01.2") == expected


# --------------------------------------------------------------------------- a scenario of its own


def test_a_workspace_reads_its_own_scenario_generated_inside_it(tmp_path, monkeypatch):
    from kit.data import load
    from kit.scenario import ScenarioError, data_dir, load_scenario

    monkeypatch.delenv("SEMINAR_KIT_DATA", raising=False)
    bundled_before = _snapshot(DATASETS)
    bundled_posts = len(load("posts"))
    ws = tmp_path / "work"
    sync(ws, WORKSHOPS, today=DAY)
    mine = ws / "my-town.toml"
    mine.write_text(_weeks((DATASETS / "scenario.toml").read_text(), 3))
    with pytest.raises(WorkspaceError, match="not in a learner workspace"):
        use_scenario(mine)
    monkeypatch.setenv("KIT_WORKSPACE", str(ws))
    target = use_scenario(mine)
    assert target == ws / "scenarios" / "my-town" and (target / "datapackage.json").exists()
    assert data_dir() == target and load_scenario().weeks == 3
    posts = load("posts")
    assert posts.attrs["source"].startswith(str(target)) and len(posts) < bundled_posts
    assert _snapshot(DATASETS) == bundled_before, "use_scenario wrote into datasets/"

    monkeypatch.setenv("SEMINAR_KIT_DATA", str(DATASETS))  # the override still wins
    assert data_dir() == DATASETS
    monkeypatch.delenv("SEMINAR_KIT_DATA")

    bad = ws / "bad.toml"
    bad.write_text("town = 3\n")
    with pytest.raises(ScenarioError, match="bad.toml"):
        use_scenario(bad)
    assert data_dir() == target  # a bad file changes nothing

    assert use_scenario("default") is None
    assert data_dir() == DATASETS and len(load("posts")) == bundled_posts
    with workspace.outside():
        assert data_dir() == DATASETS


def test_use_scenario_never_overwrites_a_scenario_the_learner_edited(tmp_path, monkeypatch):
    monkeypatch.delenv("SEMINAR_KIT_DATA", raising=False)
    ws = tmp_path / "work"
    sync(ws, WORKSHOPS, today=DAY)
    edited = ws / "scenarios" / "town" / "scenario.toml"
    edited.parent.mkdir(parents=True)
    edited.write_text("# my edits\n" + (DATASETS / "scenario.toml").read_text())
    other = tmp_path / "town.toml"
    other.write_text((DATASETS / "scenario.toml").read_text())
    monkeypatch.setattr("kit.synth.build", lambda scenario, out_dir: {"rows": {}, "seconds": 0, "files": []})
    target = use_scenario(other, workspace=ws)
    assert target == ws / "scenarios" / "town-2"
    assert edited.read_text().startswith("# my edits")


def test_kernels_started_by_kit_build_record_nothing_in_the_workspace(learner_in_workspace, tmp_path):
    """kit build runs notebooks with a kernel: it must not count as the learner working."""
    from nbformat.v4 import new_code_cell, new_notebook

    ws, _ = learner_in_workspace
    nb = new_notebook(
        cells=[
            new_code_cell(
                "import kit.workspace as w\nw.record({'type': 'check', 'exercise': '99.1'})\n"
                "from kit.scenario import data_dir\nprint(w.active(), data_dir())"
            )
        ]
    )
    ran = editions.run_notebook(nb, tmp_path)
    assert "None" in ran.cells[0].outputs[0]["text"]
    assert not (ws / ".kit" / "log.jsonl").exists()


def test_doctor_in_a_workspace_with_its_own_stale_scenario_says_how_to_regenerate_it(learner_in_workspace, monkeypatch):
    from kit.doctor import doctor

    ws, mine = learner_in_workspace
    monkeypatch.delenv("SEMINAR_KIT_DATA", raising=False)
    own = _own_scenario_by_copy(ws)
    (own / "scenario.toml").write_text(_weeks((own / "scenario.toml").read_text(), 9))
    before = _snapshot(ws)
    text = str(doctor())
    assert "✗ datasets match scenario" in text
    assert 'use_scenario("scenarios/copy/scenario.toml")' in text
    assert "kit data build" not in text and "kit build" not in text
    assert _snapshot(ws) == before
