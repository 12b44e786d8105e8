"""Which export workshop 06 reads (kit.mine): the learner's own import, else a demo; never private data in a build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit import mine, private, workspace
from kit.imports import read_export

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def imported(tmp_path, monkeypatch):
    """A workspace holding an import of the hand-built Mastodon export, made the active one."""
    ws = tmp_path / "work"
    workspace.sync(ws)
    private.save(read_export(FIXTURES / "mastodon"), ws, source="archive.tar.gz")
    monkeypatch.setenv(workspace.ENV, str(ws))
    return ws


@pytest.mark.parametrize("platform", sorted(mine.DEMOS))
def test_every_demo_export_is_there_and_reads_as_its_platform(platform):
    exp = mine.my_export(platform)
    assert exp.demo and exp.platform == platform and exp.owner
    assert any(len(t) for t in exp.tables.values())
    assert "synthetic" in mine.describe(exp)


def test_outside_a_workspace_the_demo_x_archive_is_used():
    exp = mine.my_export()
    assert exp.demo and exp.platform == mine.DEFAULT_DEMO
    with pytest.raises(private.PrivateError, match=r"kit import PATH"):
        mine.my_export(demo=False)


def test_an_import_in_the_workspace_is_used_and_other_platforms_fall_back_to_demos(imported):
    exp = mine.my_export()
    assert not exp.demo and exp.platform == "mastodon" and exp.owner == "@cornerbakery"
    text = mine.describe(exp)
    assert "your own Mastodon export" in text and "private/" in text and "never sent anywhere" in text
    assert "no followers list" in text  # what it cannot tell comes with it
    assert mine.my_export("linkedin").demo  # no LinkedIn import: its demo
    assert mine.my_export(demo=True).demo


def test_a_build_never_sees_private_data(imported):
    """kit build (and nbval) run outside any workspace: a learner's import cannot reach an edition."""
    assert not mine.my_export().demo
    with workspace.outside():
        assert mine.my_export().demo
    for path in ROOT.glob("workshops/**/06-*.ipynb"):
        outputs = json.dumps([c.get("outputs", []) for c in json.loads(path.read_text())["cells"]])
        assert "cornerbakery" not in outputs.lower() and "town.example" not in outputs, path


def test_in_a_room_the_demo_says_an_import_would_be_stored_on_the_server(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana")
    assert "stored on that server" in mine.describe(mine.my_export())
