"""Other scenarios for tests that must hold on more than the bundled data.

``SCENARIOS`` names each scenario by the edits it makes to the bundled ``scenario.toml``:

* ``default``: the bundled Dorset scenario (Mondays 19:30 Europe/London, clocks go back inside
  the weeks);
* ``seed``: the same town and evening with another seed;
* ``thursday-ny``: another town, a Thursday 20:00 hour in America/New_York, whose clocks change
  on 1 November, inside the eight weeks from 15 October; a smaller town and another seed too.

:func:`build_all` generates each into its own folder (scenario file beside its tables, as
``kit.data.load`` expects); :func:`use` points the kit at one of them.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from .conftest import DATASETS, _clear_caches

SCENARIOS = {
    "default": [],
    "seed": [("seed = 20261005", "seed = 7")],
    "thursday-ny": [
        ('town = "Dorchester"', 'town = "Ithaca"'),
        ('county = "Dorset"', 'county = "Tompkins"'),
        ('hashtag = "#dorsethour"', 'hashtag = "#ithacahour"'),
        ('hub_account = "@DorsetHourHub"', 'hub_account = "@IthacaHourHub"'),
        ('weekday = "Monday"', 'weekday = "Thursday"'),
        ('start = "19:30"', 'start = "20:00"'),
        ('timezone = "Europe/London"', 'timezone = "America/New_York"'),
        ("first_date = 2026-10-05", "first_date = 2026-10-15"),
        ("businesses = 120", "businesses = 90"),
        ("seed = 20261005", "seed = 424242"),
    ],
}


def scenario_text(name: str) -> str:
    text = (DATASETS / "scenario.toml").read_text()
    for old, new in SCENARIOS[name]:
        assert old in text, f"bundled scenario.toml no longer has {old!r}"
        text = text.replace(old, new)
    return text


def build_all(root: Path) -> dict[str, Path]:
    """Generate every scenario into root/<name>/; returns {name: folder}."""
    from kit.synth import build

    out = {}
    for name in SCENARIOS:
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "scenario.toml").write_text(scenario_text(name))
        _clear_caches()
        build(folder / "scenario.toml", folder)
        out[name] = folder
    _clear_caches()
    return out


def _key() -> str:
    """What the built scenarios depend on: every scenario's text, every source file of ``kit/``
    and the versions of Python, NumPy and pandas (random streams, CSV text)."""
    import hashlib
    import sys

    import numpy as np
    import pandas as pd

    kit = Path(__file__).resolve().parent.parent / "kit"
    h = hashlib.sha256(f"{sys.version_info[:3]}|{np.__version__}|{pd.__version__}".encode())
    for name in SCENARIOS:
        h.update(name.encode() + b"\0" + scenario_text(name).encode() + b"\0")
    for path in sorted(kit.rglob("*.py")):
        h.update(str(path.relative_to(kit)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


@lru_cache(maxsize=1)
def built() -> dict[str, Path]:
    """Every scenario generated once (shared by the modules and the test workers that need them).

    Kept in the kit's cache under a key of everything the build depends on (:func:`_key`), so a
    later run, or another worker of this one, reads them instead of generating them again
    (3 s of CPU each time); a lock makes two workers build it once, and a half-built set is
    never used. The tests only read these folders.
    """
    import fcntl
    import os
    import time

    from kit.data import cache_dir

    try:
        home = cache_dir() / "test-scenarios"
        home.mkdir(parents=True, exist_ok=True)
    except OSError:  # no writable cache: a temporary folder for this session
        root = Path(tempfile.mkdtemp(prefix="kit-scenarios-"))
        atexit.register(shutil.rmtree, root, ignore_errors=True)
        return build_all(root)
    key = _key()
    done = home / key
    with open(home / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_dir():
            part = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=home))
            build_all(part)
            os.rename(part, done)
            # other keys unused for a day go (another checkout's run may be reading a recent one)
            stale = time.time() - 86_400
            for old in home.iterdir():
                if old.is_dir() and old != done and old.stat().st_mtime < stale:
                    shutil.rmtree(old, ignore_errors=True)
    os.utime(done)
    return {name: done / name for name in SCENARIOS}


@contextmanager
def use(folder: Path):
    """Point the kit (``SEMINAR_KIT_DATA``) at a built scenario folder for the duration.

    The kit's caches (tables, scenario, exercise answers) are keyed by file path and
    modification time, so switching folders needs no cache clearing and each folder's tables
    are read once per session.
    """
    from kit.scenario import reading_from

    with reading_from(folder):
        yield
