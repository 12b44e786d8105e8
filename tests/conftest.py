"""Shared fixtures: a private copy of the datasets for tests that change or damage them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit import data as kit_data
from kit.scenario import _load

ROOT = Path(__file__).resolve().parent.parent
DATASETS = ROOT / "datasets"


def _clear_caches():
    kit_data._package.cache_clear()
    kit_data._read.cache_clear()
    _load.cache_clear()


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of datasets/ that the kit reads instead of the real one."""
    target = tmp_path / "datasets"
    shutil.copytree(DATASETS, target, ignore=shutil.ignore_patterns(".build-*"))
    monkeypatch.setenv("SEMINAR_KIT_DATA", str(target))
    _clear_caches()
    yield target
    monkeypatch.delenv("SEMINAR_KIT_DATA")
    _clear_caches()
