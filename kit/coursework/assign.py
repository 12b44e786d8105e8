"""``kit assign``: one personal assignment per learner of a roster.

``assign("01", roster, out)`` writes::

    out/
      instructor/                 keep this: it is what grading reads
        coursework.json           the assignment: workshop, learners, seeds, deadlines, hashes
        towns/<learner>/          each learner's town (scenario file and tables)
        exercises.py              the assignment's own exercises, if any (their references)
      for-learners/<learner>/     hand each learner their folder: a workspace of its own
        .kit-workspace.json       marks an assignment: solutions off, hints on
        scenarios/<town>/         their town's data (a copy of the instructor's)
        NN-....ipynb              the workshop's learner edition, and the assignment's exercises

Nothing of an assignment-only exercise but its title, what it asks and its hints reaches
``for-learners/``; its reference answer stays in ``instructor/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

from .roster import Learner

__all__ = ["assign", "AssignError", "FORMAT"]

FORMAT = 1
LEARNERS, INSTRUCTOR = "for-learners", "instructor"


class AssignError(ValueError):
    """The assignment cannot be made: the message says what to change."""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "town"


def _public(ex) -> dict:
    return {"title": ex.title, "ask": ex.ask, "hints": list(ex.hints)}


def _hidden_cells(extra: list) -> list:
    if not extra:
        return []
    cells = [
        nbformat.v4.new_markdown_cell(
            "## Assignment exercises\n\nThese exercises are this assignment's own. Checking one keeps your "
            "answer for grading: your instructor marks it against a reference only they have, so the "
            "check cannot say here whether it is right. Hints work as before."
        )
    ]
    for n, ex in enumerate(extra, 1):
        cells.append(nbformat.v4.new_markdown_cell(f"### {ex.id} · {ex.title}\n\n{ex.ask}".strip()))
        cells.append(
            nbformat.v4.new_code_cell(
                f'# YOUR CODE HERE: replace ... with your answer\nanswer_{n} = ...\ncheck("{ex.id}", answer_{n})'
            )
        )
        cells.append(nbformat.v4.new_code_cell(f'helpers("{ex.id}")'))
    return cells


def _intro(w, learner: Learner, town: str) -> str:
    d = learner.deadline
    due = f" It is due **{d:%A} {d.day} {d:%B %Y} at {d:%H:%M}** ({d.tzname() or d.strftime('%z')})." if d else ""
    return (
        f"> **Your assignment, {learner.name}.** This is workshop {w.number} with data of your own: "
        f"the town of {town}, drawn for you, so your numbers differ from everyone else's.{due} "
        "Checks still say what is right or wrong for the workshop's exercises; solutions are "
        "switched off, hints stay on (how many you asked for is shown to your instructor). "
        "Save the notebook and hand in this folder."
    )


def _notebook(w, learner: Learner, assignment_id: str, town: str, extra: list):
    nb = nbformat.read(w.learner_path(), as_version=4)
    nb.metadata.setdefault("kit", {})["assignment"] = {"id": assignment_id, "learner": learner.id, "workshop": w.number}
    header = next((i for i, c in enumerate(nb.cells) if "kit-header" in c.metadata.get("tags", [])), 0)
    nb.cells.insert(header + 1, nbformat.v4.new_markdown_cell(_intro(w, learner, town)))
    nb.cells.extend(_hidden_cells(extra))
    nbformat.validate(nb)
    return nb


def _town(job: tuple) -> tuple[str, dict]:
    from .towns import draw

    base, number, assignment_id, learner_id, town, folder, extra_module = job
    return learner_id, draw(base, number, assignment_id, learner_id, town, Path(folder), extra_module)


def assign(
    number: str,
    learners: list[Learner],
    out: str | Path,
    *,
    scenario: str | Path | None = None,
    extra: str | Path | None = None,
    assignment_id: str | None = None,
    jobs: int = 2,
    say=print,
) -> Path:
    """Make workshop ``number``'s assignment for every learner into ``out``; returns ``out``.

    ``scenario``: the scenario file the towns vary (by default the kit's); ``extra``: a Python
    file registering the assignment's own exercises (ids ``NN.<anything>``, not the workshop's).
    Learners already assigned in ``out`` keep their town and their folder (nothing they changed
    is overwritten); new roster rows are added.
    """
    from .. import workshops
    from ..scenario import load_scenario, scenario_path
    from ..workspace import write_atomic
    from .towns import registered

    try:
        w = workshops.get(number)
    except KeyError as e:
        raise AssignError(str(e).strip("'\"")) from None
    out = Path(out).expanduser().resolve()
    inst, given = out / INSTRUCTOR, out / LEARNERS
    src = Path(scenario).expanduser().resolve() if scenario else scenario_path(workspace=False)
    load_scenario(src)  # a broken scenario file: one clear ScenarioError, before anything is written
    base = src.read_text(encoding="utf-8")
    assignment_id = assignment_id or f"{w.number}-{dt.date.today().isoformat()}"
    record_path = inst / "coursework.json"
    record = json.loads(record_path.read_text(encoding="utf-8")) if record_path.exists() else None
    if record and record.get("workshop") != w.number:
        raise AssignError(
            f"{out}: already holds the assignment of workshop {record.get('workshop')}; choose another folder"
        )
    record = record or {
        "format": FORMAT,
        "id": assignment_id,
        "workshop": w.number,
        "notebook": w.notebook,
        "learners": {},
    }
    inst.mkdir(parents=True, exist_ok=True)
    extra_module = None
    if extra:
        extra_module = str(inst / "exercises.py")
        if Path(extra).resolve() != Path(extra_module):
            shutil.copyfile(extra, extra_module)
        record["exercises_module"] = "exercises.py"
    from ..exercises import exercises

    workshop_ids = {ex.id for ex in exercises(w.number)}
    with registered(extra_module) as extra_exercises:
        _check_own(w, extra, extra_exercises, workshop_ids)
        _hand_out(w, learners, record, inst, given, base, extra_module, extra_exercises, jobs, say)
    write_atomic(record_path, (json.dumps(record, indent=1, sort_keys=True) + "\n").encode())
    say(f"{len(learners)} learners' assignments are in {given}; keep {inst}: grading reads it")
    return out


def _check_own(w, extra, extra_exercises, workshop_ids: set) -> None:
    if not extra:
        return
    bad = [ex.id for ex in extra_exercises if not ex.id.startswith(w.number + ".")]
    taken = [ex.id for ex in extra_exercises if ex.id in workshop_ids]
    if bad or taken or not extra_exercises:
        what = (
            f"exercise {(bad or taken)[0]} must have an id {w.number}.<name> that workshop {w.number} does not use"
            if bad or taken
            else "registers no exercises"
        )
        raise AssignError(f"{extra}: {what}")


def _hand_out(w, learners, record, inst, given, base, extra_module, extra_exercises, jobs, say) -> None:
    from ..scenario import load_scenario
    from ..workspace import MARKER, _empty_state, _write_state, notebook_hash

    new = [x for x in learners if x.id not in record["learners"]]
    jobs_in = [(base, w.number, record["id"], x.id, x.town, str(inst / "towns" / x.id), extra_module) for x in new]
    drawn: dict[str, dict] = {}
    if jobs_in:
        say(f"drawing {len(jobs_in)} towns ({max(1, min(jobs, len(jobs_in)))} at a time) ...")
        if jobs > 1 and len(jobs_in) > 1:
            with ProcessPoolExecutor(max_workers=jobs) as pool:
                for i, (lid, info) in enumerate(pool.map(_town, jobs_in), 1):
                    drawn[lid] = info
                    say(
                        f"  [{i}/{len(jobs_in)}] {lid}: seed {info['seed']}"
                        + (f" (redrawn {len(info['redrawn'])}x)" if info["redrawn"] else "")
                    )
        else:
            for i, job in enumerate(jobs_in, 1):
                lid, info = _town(job)
                drawn[lid] = info
                say(f"  [{i}/{len(jobs_in)}] {lid}: seed {info['seed']}")
    for x in new:
        town_dir = inst / "towns" / x.id
        town = load_scenario(town_dir / "scenario.toml").town
        folder = given / x.id
        data = folder / "scenarios" / _slug(town)
        if data.exists():
            shutil.rmtree(data)
        shutil.copytree(town_dir, data)
        nb = _notebook(w, x, record["id"], town, extra_exercises)
        nbformat.write(nb, folder / w.notebook)
        state = _empty_state()
        state["scenario"] = str(data.relative_to(folder))
        state["notebooks"] = {w.notebook: {"synced": notebook_hash(folder / w.notebook)}}
        state["assignment"] = {
            "id": record["id"],
            "workshop": w.number,
            "learner": x.id,
            "hidden": {ex.id: _public(ex) for ex in extra_exercises},
        }
        _write_state(folder, state)
        record["learners"][x.id] = {
            "name": x.name,
            "deadline": x.deadline.isoformat() if x.deadline else None,
            "town": town,
            "seed": drawn[x.id]["seed"],
            "attempts": drawn[x.id]["attempts"],
            "redrawn": drawn[x.id]["redrawn"],
            "handed_out": notebook_hash(folder / w.notebook),
        }
        assert (folder / MARKER).is_file()


def load_record(out: str | Path) -> dict:
    """The assignment ``kit assign`` wrote into ``out`` (its ``instructor/coursework.json``)."""
    path = Path(out).expanduser().resolve() / INSTRUCTOR / "coursework.json"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignError(
            f"{path}: no assignment here; make one with `kit assign NN --learners roster.csv --out {Path(out)}`"
        ) from None
    except ValueError as e:
        raise AssignError(f"{path}: not readable JSON ({e})") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT or "learners" not in record:
        raise AssignError(f"{path}: not an assignment record of this kit (format {FORMAT})")
    return record
