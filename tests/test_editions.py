"""One source, two editions: the learner edition is generated and never drifts."""

import json
import shutil

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell

from kit import editions, workshops
from kit.editions import EditionError, check_editions, new_workshop_notebook, to_learner
from kit.exercises import exercises

META = {
    "title": "T",
    "questions": ["q"],
    "objectives": ["o"],
    "keypoints": ["k"],
    "teaching_minutes": 5,
    "exercise_minutes": 5,
}


def test_solution_becomes_a_stub_keeping_scaffolding():
    nb = new_workshop_notebook(
        [
            new_code_cell(
                "data = [1, 2]\n### BEGIN SOLUTION\nhelper = 3\ntotal = sum(data) + helper\n### END SOLUTION\ncheck('x', total)"
            )
        ],
        META,
    )
    (cell,) = [c for c in to_learner(nb).cells if c.cell_type == "code"]
    assert cell.source == (
        "data = [1, 2]\n# YOUR CODE HERE: replace ... with your answer\ntotal = ...\ncheck('x', total)"
    )


def test_markdown_solutions_and_instructor_cells_are_removed():
    nb = new_workshop_notebook(
        [
            new_markdown_cell("Discuss.<!-- BEGIN SOLUTION -->Because X.<!-- END SOLUTION -->"),
            new_markdown_cell("⏱ 5 min secret", metadata={"tags": ["instructor"]}),
        ],
        META,
    )
    learner = to_learner(nb)
    text = "\n".join(c.source for c in learner.cells)
    assert "Because X" not in text and "*Your answer here.*" in text and "secret" not in text
    assert learner.metadata["kit"]["edition"] == "learner"


@pytest.mark.parametrize(
    "source, message",
    [
        ("### BEGIN SOLUTION\nx = 1", "without ### END SOLUTION"),
        ("x = 1\n### END SOLUTION", "without ### BEGIN SOLUTION"),
        ("### BEGIN SOLUTION\nx = = 1\n### END SOLUTION", "not valid Python"),
    ],
)
def test_malformed_markers_name_the_cell(source, message):
    nb = new_workshop_notebook([new_code_cell(source)], META)
    with pytest.raises(EditionError, match=f"cell 2: .*{message}"):
        to_learner(nb)


def test_header_is_rendered_from_metadata():
    nb = new_workshop_notebook([], META)
    nb.metadata["kit"]["questions"] = ["A new question?"]
    assert "A new question?" in to_learner(nb).cells[0].source
    with pytest.raises(EditionError, match="missing questions"):
        editions.render_header({**META, "questions": []})


def test_committed_editions_are_in_sync():
    assert check_editions() == []


def test_drift_is_detected(tmp_path, monkeypatch):
    work = tmp_path / "workshops"
    shutil.copytree(editions.workshops_dir(), work)
    monkeypatch.setattr(editions, "workshops_dir", lambda: work)
    monkeypatch.setattr(editions, "instructor_dir", lambda: work / "instructor")
    cells = tmp_path / "cells.json"
    shutil.copy(editions.solutions_file(), cells)
    monkeypatch.setattr(editions, "solutions_file", lambda: cells)
    assert check_editions() == []
    learner = work / workshops.get("01").notebook
    nb = nbformat.read(learner, as_version=4)
    nb.cells[3].source += "\n# hand edit"
    nbformat.write(nb, learner)
    problems = check_editions()
    assert len(problems) == 1 and "differs from what" in problems[0]
    # rebuilding (without running) fixes it
    editions.build(execute=False, log=lambda *_: None)
    assert check_editions() == []


def test_shipped_solutions_match_the_instructor_editions():
    """solution() in a workspace reads kit/solutions/cells.json: it must say what the source says."""
    shipped = json.loads(editions.solutions_file().read_text())["cells"]
    assert shipped == editions.solution_cells()
    assert {k.split(".")[0] for k in shipped} == set(workshops.numbers())  # every workshop's cells
    assert set(shipped) == {e.id for e in exercises()}  # every exercise's cell, and no other


def test_solutions_drift_is_detected_and_rebuilt(tmp_path, monkeypatch):
    cells = tmp_path / "cells.json"
    doc = json.loads(editions.solutions_file().read_text())
    doc["cells"]["01.2"] = "answer = 0.5  # stale"
    doc["cells"]["09.9"] = "gone"
    cells.write_text(json.dumps(doc))
    monkeypatch.setattr(editions, "solutions_file", lambda: cells)
    problems = check_editions()
    assert any("01.2 differs" in p for p in problems) and any("09.9" in p for p in problems)
    assert [p for p in check_editions(["02-quality-of-followers"]) if "cells.json" in p] == []
    assert editions.write_solutions() == cells
    assert editions._check_solutions() == [] and editions.write_solutions() is None  # unchanged: not rewritten
    cells.unlink()
    assert any("missing" in p for p in check_editions())
