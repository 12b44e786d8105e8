"""Each learner's own town: the scenario with a seed of their own, redrawn until it discriminates.

A learner's town is the assignment's scenario file with ``seed`` (and, if the roster names one,
``town``) replaced. Its seed comes from the assignment, the learner and an attempt number, so
``kit assign`` run twice gives every learner the same town. After generating it, every
anticipated mistake of the workshop's exercises that computes an answer (a known shortcut, a
slip) is worked out on it: if one gives the expected answer, a learner who took that shortcut
would pass, so the town is redrawn with the next attempt's seed (:data:`MAX_TRIES` at most).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from pathlib import Path

__all__ = ["town_text", "seed_for", "coincidences", "draw", "registered", "reading", "TownError", "MAX_TRIES"]

MAX_TRIES = 25


class TownError(RuntimeError):
    """No seed among :data:`MAX_TRIES` gives a town that tells the right answer from every slip."""


def seed_for(assignment: str, learner: str, attempt: int) -> int:
    """A seed of this learner's own (the same every time ``kit assign`` runs).

    >>> seed_for("hw-01", "ana", 0) == seed_for("hw-01", "ana", 0) != seed_for("hw-01", "bo", 0)
    True
    """
    digest = hashlib.sha256(f"{assignment}|{learner}|{attempt}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 2_000_000_000 + 1


def town_text(base: str, seed: int, town: str = "") -> str:
    """The scenario file ``base`` with another seed (and town name).

    >>> print(town_text('town = "Dorchester"\\nseed = 1   # a note', 7, "Bridport"))
    town = "Bridport"   # this learner's own
    seed = 7   # this learner's own
    """
    text, n = re.subn(r"(?m)^seed\s*=.*$", f"seed = {int(seed)}   # this learner's own", base)
    if n != 1:
        raise TownError("the scenario file has no single `seed = ...` line to give each learner their own")
    if town:
        name = town.replace("\\", "").replace('"', "'")
        text = re.sub(r"(?m)^town\s*=.*$", f'town = "{name}"   # this learner\'s own', text)
    return text


@contextlib.contextmanager
def reading(folder: Path):
    """Read the data of ``folder`` (and no workspace's) inside the block; restore after."""
    from ..scenario import reading_from
    from ..workspace import outside

    with reading_from(folder), outside():
        yield


def coincidences(number: str, folder: Path, extra: list | None = None) -> list[str]:
    """``"01.2: m3"`` for each mistake of workshop ``number`` (and the ``extra`` exercises) whose
    computed answer equals the expected one on the data in ``folder``."""
    from ..exercises import same

    found = []
    with reading(folder):
        for ex in workshop_and_own(number, extra or []):
            try:
                expected = ex.expected()
            except Exception:  # noqa: BLE001 - a town the reference cannot answer: redraw it
                found.append(f"{ex.id}: the reference could not compute an answer")
                continue
            for m in ex.mistakes:
                if m.answer is None:
                    continue
                try:
                    theirs = m.answer()
                except Exception:  # noqa: BLE001 - that slip cannot be made on this town: fine
                    continue
                if same(theirs, expected, ex.rel_tol, ex.abs_tol, ex.places):
                    found.append(f"{ex.id}: {m.key}")
    return found


def draw(
    base: str, number: str, assignment: str, learner: str, town: str, folder: Path, extra_module: str | None = None
) -> dict:
    """Generate ``learner``'s town into ``folder``; returns ``{"seed", "attempts", "redrawn"}``.

    ``extra_module``: the path of the assignment's own exercises (registered here, in this
    process, so their mistakes are tried too).
    """
    with registered(extra_module) as extra:
        return _draw(base, number, assignment, learner, town, folder, extra)


def _draw(base, number, assignment, learner, town, folder, extra) -> dict:
    from ..scenario import load_scenario
    from ..synth import build
    from ..workspace import write_atomic

    redrawn = []
    for attempt in range(MAX_TRIES):
        seed = seed_for(assignment, learner, attempt)
        if folder.exists():
            shutil.rmtree(folder)
        write_atomic(folder / "scenario.toml", town_text(base, seed, town).encode())
        build(load_scenario(folder / "scenario.toml"), out_dir=folder)
        same_as_right = coincidences(number, folder, extra)
        if not same_as_right:
            return {"seed": seed, "attempts": attempt + 1, "redrawn": redrawn}
        redrawn.append({"seed": seed, "because": same_as_right})
    raise TownError(
        f"{learner}: in {MAX_TRIES} seeds a known slip always gave the right answer "
        f"({redrawn[-1]['because'][0]}); check that exercise's mistakes"
    )


@contextlib.contextmanager
def registered(path: str | os.PathLike | None):
    """Register the exercises of an assignment's own module (a ``.py`` file) for the block; yield
    them. After the block the registry is as it was, so no other workshop's lists ever hold them."""
    import importlib.util

    from ..exercises import _REGISTRY

    if not path:
        yield []
        return
    path = Path(path)
    before = dict(_REGISTRY)
    name = "kit_assignment_" + hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:12]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise TownError(f"{path}: not a Python file of exercises")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as e:
        _REGISTRY.clear()
        _REGISTRY.update(before)
        raise TownError(f"{path}: failed to load ({type(e).__name__}: {e})") from None
    try:
        yield [ex for k, ex in sorted(_REGISTRY.items()) if before.get(k) is not ex]
    finally:
        _REGISTRY.clear()
        _REGISTRY.update(before)


def workshop_and_own(number: str, own: list) -> list:
    """The workshop's exercises, then the assignment's own (each once)."""
    from ..exercises import exercises

    ids = {ex.id for ex in own}
    return [*(ex for ex in exercises(number) if ex.id not in ids), *own]
