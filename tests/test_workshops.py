"""Lint every workshop notebook: metadata, visible header, timings, checks, size, editions.

Every test runs over the manifest (:mod:`kit.workshops`); none lists the workshops itself.
"""

import json
import re

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
    for pct in re.findall(r"\b\d+(?:\.\d+)?%", text):
        line = next(line for line in text.splitlines() if pct in line)
        para = text[max(0, text.find(line) - 400): text.find(line) + len(line) + 200]
        assert re.search(r"\b(19|20)\d\d\b", para), f"{path.name}: '{pct}' without a year/source nearby"
