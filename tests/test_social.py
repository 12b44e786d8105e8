"""Workshops 00 and 01: parts that start on their own, built-in patterns flagged where shown,
an assumption that can be switched off, and a bootstrap that says how sure we can be."""

from __future__ import annotations

import ast
import builtins
import re
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from kit import load, load_scenario, workshops
from kit.editions import workshops_dir
from kit.social import account_summary, audience_bands, opportunity_gap_interval, opportunity_share
from kit.synth.assumptions import ASSUMPTIONS

MINE = [workshops.get("00").learner_path(), workshops.get("01").learner_path()]
_TM = TransformerManager()


# --------------------------------------------------------------------------- each part starts on its own

def _names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell binds, names it reads before binding them itself)."""
    tree = ast.parse(_TM.transform_cell(source))
    bound, read = set(), set()
    for stmt in tree.body:
        loads = {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        local = set()
        for n in ast.walk(stmt):
            if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.comprehension, ast.ListComp,
                              ast.GeneratorExp, ast.SetComp, ast.DictComp)):
                args = getattr(n, "args", None)
                if isinstance(args, ast.arguments):
                    local |= {a.arg for a in args.args + args.kwonlyargs}
                if isinstance(n, ast.comprehension):
                    local |= {t.id for t in ast.walk(n.target) if isinstance(t, ast.Name)}
        read |= loads - bound - local
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
                bound.add(n.id)
            elif isinstance(n, (ast.Import, ast.ImportFrom)):
                bound |= {(a.asname or a.name).split(".")[0] for a in n.names}
            elif isinstance(n, (ast.FunctionDef, ast.ClassDef)):
                bound.add(n.name)
    return bound, read


def _parts(path: Path):
    """The setup cell's names, then each part: (title, [code sources])."""
    nb = nbformat.read(path, as_version=4)
    parts, title, setup = [], None, None
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            title = cell.source.splitlines()[0]
            parts.append((title, []))
        elif cell.cell_type == "code" and parts:
            if setup is None and "setup()" in cell.source:
                setup = cell.source
                continue
            parts[-1][1].append(cell.source)
    assert setup, f"{path.name}: no setup cell (the one calling setup())"
    return setup, [(t, cells) for t, cells in parts if cells]


@pytest.mark.parametrize("path", MINE, ids=lambda p: p.stem)
def test_each_part_needs_only_the_setup_cell(path):
    setup, parts = _parts(path)
    known = _names(setup)[0] | set(dir(builtins)) | {"display", "get_ipython"}
    problems = []
    for title, cells in parts:
        have = set(known)
        for source in cells:
            bound, read = _names(source)
            missing = read - have
            if missing:
                problems.append(f"{title}: uses {sorted(missing)} from an earlier part")
            have |= bound
    assert not problems, "\n".join(problems)


def test_the_part_walk_catches_a_name_from_an_earlier_part():
    bound, read = _names("summary = account_summary(posts, accounts)")
    assert "summary" in bound and {"account_summary", "posts", "accounts"} <= read
    assert "x" not in _names("f = lambda x: x + 1")[1]


# --------------------------------------------------------------------------- built-in patterns are flagged

# A chart (or figure) of 01 that shows a pattern the generator builds in, and the assumption
# (kit/synth/assumptions.py) the text beside it must name.
FLAGGED = {
    "charts.hour_rhythm_chart": "broadcaster_share",
    "charts.conversation_pays_chart": "conversation_lift",
    "charts.threshold_explorer": "activity_conversations",
    "charts.reciprocity_chart": "follow_back_local",
    "charts.engagement_vs_audience_chart": "post_engagement_exponent",
    "self_focus(posts": "self_promotion_mean",
}


def test_flagged_assumptions_exist_in_the_register():
    assert set(FLAGGED.values()) <= set(ASSUMPTIONS)


def test_every_built_in_pattern_is_flagged_beside_its_chart():
    cells = nbformat.read(workshops_dir() / "01-social-not-media.ipynb", as_version=4).cells
    for call, key in FLAGGED.items():
        at = [i for i, c in enumerate(cells) if c.cell_type == "code" and call in c.source]
        assert at, f"01 no longer shows {call}: update FLAGGED"
        for i in at:
            near = "\n".join(c.source for c in cells[max(0, i - 2): i + 3] if c.cell_type == "markdown")
            assert f"`{key}" in near, f"01: {call} shows a built-in pattern; the text beside it must name `{key}`"


def test_01_keeps_the_sources_as_they_state_them():
    raw = "\n".join(c.source for c in nbformat.read(MINE[1], as_version=4).cells if c.cell_type == "markdown")
    text = " ".join(re.sub(r"(?m)^> ?", "", raw).split())  # one line, block quotes unwrapped
    assert "posting activity tracked friends, not followers" not in text
    assert "levelled off" in text and "Huberman" in text
    assert "most job leads" not in text.lower()
    assert re.search(r"16\.7% often, 55\.6% occasionally and 27\.8% rarely", text)
    assert "People You May Know" in text and "not the members' own outreach" in text
    assert "We will not take this on faith" not in text


# --------------------------------------------------------------------------- switching an assumption off

def test_switching_the_lift_off_makes_the_pattern_vanish():
    from kit.synth import generate

    s = load_scenario()
    on = audience_bands(account_summary(load("posts"), load("accounts"), s))["rank_correlation"]
    off_s = s.with_assumptions(conversation_lift=0)
    town = generate(off_s)
    off = audience_bands(account_summary(town["posts"], town["accounts"], off_s))["rank_correlation"]
    assert on.min() > 0.2, on.tolist()
    assert off.abs().max() < 0.3 and off.mean() < on.mean() - 0.3, (on.tolist(), off.tolist())


# --------------------------------------------------------------------------- how sure can we be

def test_the_bootstrap_brackets_the_gap_and_is_repeatable():
    a, o, m = load("linkedin_activity"), load("linkedin_outcomes"), load("linkedin_members")
    share = opportunity_share(a, o, m)
    gap = opportunity_gap_interval(a, o, m, resamples=500)
    assert gap["gap"] == pytest.approx(share["active"] - share["passive"])
    assert gap["low"] < gap["gap"] < gap["high"]
    assert 0.05 < gap["high"] - gap["low"] < 0.6  # a real spread, not a point
    assert opportunity_gap_interval(a, o, m, resamples=500).equals(gap)
    wider = opportunity_gap_interval(a, o, m, resamples=500, level=0.99)
    assert wider["low"] <= gap["low"] and wider["high"] >= gap["high"]
