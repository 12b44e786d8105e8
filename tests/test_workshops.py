"""Lint every workshop notebook: metadata, visible header, timings, checks, size, editions.

Every test runs over the manifest (:mod:`kit.workshops`); none lists the workshops itself.
"""

import json
import re
import shutil

import nbformat
import pytest

from kit import workshops
from kit.editions import REQUIRED_META, instructor_dir, render_header, workshops_dir
from kit.exercises import exercises

INSTRUCTOR = [w.instructor_path() for w in workshops.WORKSHOPS]
LEARNER = [w.learner_path() for w in workshops.WORKSHOPS]
ALL = INSTRUCTOR + LEARNER


def _nb(path):
    return nbformat.read(path, as_version=4)


def test_every_manifest_workshop_has_both_editions_and_nothing_else_is_there():
    assert workshops.WORKSHOPS and workshops.validate() == workshops.WORKSHOPS
    for folder, paths in ((instructor_dir(), INSTRUCTOR), (workshops_dir(), LEARNER)):
        assert [p for _, p in workshops.notebooks(folder)] == paths
        assert sorted(folder.glob("[0-9][0-9]-*.ipynb")) == sorted(paths)  # no notebook outside it


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_metadata_declares_and_header_shows_the_plan(path):
    nb = _nb(path)
    kit = nb.metadata["kit"]
    for key in REQUIRED_META:
        assert kit.get(key), f"{path.name}: metadata.kit.{key} missing"
    assert isinstance(kit["questions"], list) and isinstance(kit["objectives"], list)
    header = nb.cells[0]
    assert "kit-header" in header.metadata.get("tags", [])
    assert header.source == render_header(kit).source
    for item in kit["questions"] + kit["objectives"] + kit["keypoints"]:
        assert item in header.source


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_instructor_timings_add_up_to_the_slot(path):
    nb = _nb(path)
    kit = nb.metadata["kit"]
    notes = [c.source for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert notes, f"{path.name} has no instructor notes"
    minutes = [int(m) for n in notes for m in re.findall(r"⏱\s*\**\s*(\d+)\s*min", n)]
    assert sum(minutes) == kit["teaching_minutes"] + kit["exercise_minutes"], minutes


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.name)
def test_learner_edition_has_no_solutions_or_instructor_notes(path):
    nb = _nb(path)
    text = "\n".join(c.source for c in nb.cells)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert not [c for c in nb.cells if "instructor" in c.metadata.get("tags", [])]
    assert nb.metadata["kit"]["edition"] == "learner"


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_exercise_is_checked_with_checked_output(path):
    nb = _nb(path)
    number = path.name[:2]
    ids = {e.id for e in exercises(number)}
    checked = set()
    for c in nb.cells:
        for found in re.findall(r'check\("(\d\d\.\d+)"', c.source):
            assert "nbval-check-output" in c.metadata.get("tags", []), f"{found}: output not checked"
            checked.add(found)
    assert checked == ids, f"{path.name}: exercises in kit {sorted(ids)} vs notebook {sorted(checked)}"
    if number != workshops.WORKSHOPS[0].number:  # the opener has one warm-up; every workshop has 4+
        assert len(ids) >= 4


@pytest.mark.parametrize("path", ALL, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebooks_stay_small_and_carry_no_javascript(path):
    assert path.stat().st_size < 300_000
    raw = path.read_text()
    nb = json.loads(raw)
    assert "widgets" not in nb["metadata"]
    for cell in nb["cells"]:
        if not cell.get("outputs"):
            assert cell.get("execution_count") is None, f"{path.name}: run order without output"
        for out in cell.get("outputs", []):
            for mime in out.get("data", {}):
                assert mime in ("text/plain", "text/html", "text/markdown"), (path.name, mime)
            assert out.get("output_type") != "error", f"{path.name}: stored error output"


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.name)
def test_sources_are_cited(path):
    """Every research figure names its source: the notebooks cite the CONTENT brief's studies."""
    text = "\n".join(c.source for c in _nb(path).cells if c.cell_type == "markdown")
    assert "synthetic" in text.lower()
    # "a 95% interval" is the kit's own statistic (the spread over the model's parties), not a figure
    for m in re.finditer(r"\b\d+(?:\.\d+)?%(?!\s+interval)", text):
        start = text.rfind("\n", 0, m.start()) + 1  # the figure's own line, found by position
        end = text.find("\n", m.end()) % (len(text) + 1)
        para = text[max(0, start - 400) : end + 200]
        assert re.search(r"\b(19|20)\d\d\b", para), f"{path.name}: '{m.group()}' without a year/source nearby"


# --------------------------------------------------------------------------- the manifest

ROOT = workshops_dir().parent


def test_the_manifest_is_plain_data():
    """kit/workshops.py imports nothing from the kit at import time: it names modules as strings."""
    import ast

    tree = ast.parse((ROOT / "kit" / "workshops.py").read_text())
    imported = [
        n.module if isinstance(n, ast.ImportFrom) else a.name
        for n in tree.body
        if isinstance(n, (ast.Import, ast.ImportFrom))
        for a in (n.names if isinstance(n, ast.Import) else [None])
    ]
    assert all(
        isinstance(n, ast.ImportFrom) and n.level == 0 or isinstance(n, ast.Import)
        for n in tree.body
        if isinstance(n, (ast.Import, ast.ImportFrom))
    )
    assert set(imported) <= {"__future__", "json", "re", "dataclasses", "pathlib"}, imported


@pytest.mark.parametrize("w", workshops.WORKSHOPS, ids=lambda w: w.number)
def test_each_entry_names_modules_that_exist_and_its_notebook_agrees(w):
    import importlib

    for module in (w.topic, w.charts, w.solutions):
        assert (ROOT / workshops.module_path(module)).exists(), module  # a module file or a package folder
        importlib.import_module(module)
    for path in (w.instructor_path(), w.learner_path()):
        kit = _nb(path).metadata["kit"]
        assert kit["title"].startswith(f"{w.number} · {w.title}"), (path.name, kit["title"])
    assert w.about.endswith(".") and "\n" not in w.about and len(w.about) <= 200


def test_the_agenda_is_the_manifest_with_the_notebooks_minutes():
    from kit.start import agenda, agenda_text

    table = agenda()
    assert list(table.index) == workshops.numbers()
    for w in workshops.WORKSHOPS:
        kit = _nb(w.instructor_path()).metadata["kit"]
        row = table.loc[w.number]
        assert row["minutes"] == kit["teaching_minutes"] + kit["exercise_minutes"]
        assert (row["title"], row["notebook"], row["topic"]) == (w.title, w.name, w.about)
    text = str(agenda_text())
    assert text.count("\n") == len(workshops.WORKSHOPS) - 1
    # the opener shows this very agenda: its stored output must not be stale
    opener = workshops.WORKSHOPS[0]
    for path in (opener.instructor_path(), opener.learner_path()):
        shown = [
            o["data"]["text/markdown"]
            for c in _nb(path).cells
            if "agenda_text()" in c.source
            for o in c.get("outputs", [])
            if "text/markdown" in o.get("data", {})
        ]
        assert shown == [text], path.name


def test_the_readme_table_is_generated_from_the_manifest():
    table = workshops.readme_table()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert table in readme, (
        "README.md's workshop table differs from kit.workshops.readme_table(); "
        "paste the function's output under '## The workshops'"
    )
    section = readme.split("## The workshops", 1)[1].split("\n## ", 1)[0]
    assert [line for line in section.splitlines() if line.startswith("|")] == table.splitlines()
    for w in workshops.WORKSHOPS:  # each row: its notebook, modules and the registry's exercises
        row = next(line for line in table.splitlines() if f"[`{w.name}`]" in line)
        ids = [e.id for e in exercises(w.number)]
        assert ids and ids[0] in row and ids[-1] in row and workshops.module_path(w.solutions) in row
    changed = workshops.readme_table({w.number: [] for w in workshops.WORKSHOPS})
    assert changed not in readme  # the check can fail: another table is not in the README


def test_a_missing_notebook_or_one_without_an_entry_is_an_error_naming_it(tmp_path, monkeypatch):
    from kit import editions
    from kit.workspace import WorkspaceError, sync

    folder = tmp_path / "editions"
    folder.mkdir()
    first, *rest = workshops.WORKSHOPS
    for w in rest:
        (folder / w.notebook).write_bytes(w.learner_path().read_bytes())
    with pytest.raises(workshops.ManifestError, match=re.escape(str(folder / first.notebook)) + ": missing"):
        workshops.notebooks(folder)
    with pytest.raises(WorkspaceError, match=re.escape(first.notebook) + ": missing; kit/workshops.py declares"):
        sync(tmp_path / "ws", folder)
    (folder / first.notebook).write_bytes(first.learner_path().read_bytes())
    (folder / "42-not-declared.ipynb").write_text("{}")
    with pytest.raises(WorkspaceError, match="42-not-declared.ipynb: no workshop in kit/workshops.py"):
        sync(tmp_path / "ws", folder)
    assert not (tmp_path / "ws").exists()  # nothing half-synced

    work = tmp_path / "kit-workshops"
    shutil.copytree(workshops_dir(), work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    monkeypatch.setattr(workshops, "workshops_dir", lambda: work)
    (work / "instructor" / first.notebook).unlink()
    problems = editions.check_editions()
    assert len(problems) == 1 and f"{first.notebook}: missing; kit/workshops.py declares" in problems[0]
    with pytest.raises(editions.EditionError, match=re.escape(first.notebook) + ": missing"):
        editions.build(execute=False, log=lambda *_: None)


# --------------------------------------------------------------------------- adding a workshop

PACKAGE = "throwaway_workshop_96"
THROWAWAY_FILES = {
    "__init__.py": '"""A throwaway workshop, made by tests/test_workshops.py."""\n',
    "topic.py": '"""Its topic module: pure functions."""\n\n\ndef tally(values):\n    return sum(values)\n',
    "charts.py": '"""Its charts and widgets (thin; none needed here)."""\n',
    "solutions.py": '''"""Its exercises and reference solutions."""
from kit.exercises import Exercise, Mistake, register

from .topic import tally

VALUES = (1, 2, 3)


def total():
    return tally(VALUES)


register(Exercise(id="96.1", title="Add them up", expected=total, solution=total,
                  hints=("Add the three numbers.",), ask="One number.",
                  mistakes=(Mistake("You counted the numbers; add them up instead.",
                                    answer=lambda: len(VALUES), key="count"),)))
''',
}


def _throwaway_entry():
    return workshops.Workshop(
        "96",
        "throwaway",
        "A throwaway",
        topic=f"{PACKAGE}.topic",
        charts=f"{PACKAGE}.charts",
        solutions=f"{PACKAGE}.solutions",
        about="Proves that a workshop is one manifest entry plus its files.",
    )


def _throwaway_notebook():
    from nbformat.v4 import new_code_cell, new_markdown_cell

    from kit.editions import new_workshop_notebook

    return new_workshop_notebook(
        [
            new_markdown_cell(
                "**Instructor note.**\n\n- ⏱ 3 min: the idea.\n- ⏱ 2 min: the exercise.",
                metadata={"tags": ["instructor"]},
            ),
            new_code_cell("from kit import check"),
            new_code_cell(
                '### BEGIN SOLUTION\nanswer = 1 + 2 + 3\n### END SOLUTION\ncheck("96.1", answer)',
                metadata={"tags": ["nbval-check-output"]},
            ),
        ],
        kit={
            "title": "96 · A throwaway",
            "questions": ["Is adding a workshop one entry?"],
            "objectives": ["Add a workshop."],
            "keypoints": ["One entry plus its files."],
            "teaching_minutes": 3,
            "exercise_minutes": 2,
        },
    )


def test_adding_a_workshop_is_one_manifest_entry_plus_its_files(tmp_path, monkeypatch):
    """A throwaway workshop (notebook, topic/charts/solutions modules, one entry) is picked up by
    kit build and --check, exercises(), check(), solution(), the agenda, the README table and
    the workspace sync, with no other edit."""
    import sys

    from kit import editions
    from kit.exercises import _REGISTRY, check, solution
    from kit.start import agenda, agenda_text
    from kit.workspace import sync

    # its files: a package on sys.path (in this process and in the kernels kit build starts)
    package = tmp_path / "modules" / PACKAGE
    package.mkdir(parents=True)
    for name, text in THROWAWAY_FILES.items():
        (package / name).write_text(text)
    monkeypatch.syspath_prepend(str(package.parent))
    work = tmp_path / "kit-workshops"
    shutil.copytree(workshops_dir(), work, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    cells = tmp_path / "cells.json"
    shutil.copy(editions.solutions_file(), cells)
    monkeypatch.setattr(workshops, "workshops_dir", lambda: work)
    monkeypatch.setattr(editions, "solutions_file", lambda: cells)
    entry = _throwaway_entry()
    source = work / "instructor" / entry.notebook
    nbformat.write(_throwaway_notebook(), source)

    # a notebook without its entry is named, and nothing is built
    assert any(f"{source}: no workshop in kit/workshops.py declares" in p for p in editions.check_editions())
    with pytest.raises(editions.EditionError, match=entry.notebook):
        editions.build(execute=False, log=lambda *_: None)

    # the one entry (the kernels kit build runs get the same manifest through an IPython startup file)
    monkeypatch.setattr(workshops, "WORKSHOPS", workshops.WORKSHOPS + (entry,))
    startup = tmp_path / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    (startup / "00-throwaway.py").write_text(
        f"import sys\nsys.path.insert(0, {str(package.parent)!r})\nimport kit.workshops as w\n"
        f"w.WORKSHOPS = w.WORKSHOPS + (w.Workshop(**{entry.__dict__!r}),)\n"
    )
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    try:
        assert any(f"{entry.notebook}: missing; run `kit build`" in p for p in editions.check_editions())
        written = editions.build([entry.name], log=lambda *_: None)
        assert work / entry.notebook in written and source in written and cells in written
        assert editions.check_editions() == []  # every workshop, the new one too, and cells.json

        learner = _nb(work / entry.notebook)
        code = [c for c in learner.cells if c.cell_type == "code"]
        assert "answer = ..." in code[-1].source and "1 + 2 + 3" not in code[-1].source
        assert "96.1" in str(code[-1].outputs) and "answer" in str(code[-1].outputs).lower()
        solved = [c for c in _nb(source).cells if c.cell_type == "code"][-1]
        assert "Well done" in str(solved.outputs), solved.outputs

        assert [e.id for e in exercises("96")] == ["96.1"] and "96.1" in {e.id for e in exercises()}
        assert check("96.1", 6).correct
        assert check("96.1", 3).detail == "count" and "add them up" in check("96.1", 3).message
        assert "answer = 1 + 2 + 3" in solution("96.1").markdown

        table = agenda()
        assert table.loc["96", "title"] == "A throwaway" and table.loc["96", "minutes"] == 5
        assert str(agenda_text()).splitlines()[-1].startswith("- **96 · A throwaway** (5 min, `96-throwaway`)")

        row = workshops.readme_table().splitlines()[-1]
        assert row == (
            f"| [`96-throwaway`](workshops/96-throwaway.ipynb) | {entry.about} | "
            f"`{PACKAGE}/topic.py` | `{PACKAGE}/charts.py` | `{PACKAGE}/solutions.py` | 96.1 |"
        )
        assert workshops.readme_table() not in (ROOT / "README.md").read_text()  # the README test would say so

        report = sync(tmp_path / "ws")
        assert entry.notebook in report.added and len(report.added) == len(workshops.WORKSHOPS)
    finally:
        _REGISTRY.pop("96.1", None)
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]
