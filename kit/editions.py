"""One source, two editions: build learner notebooks from instructor notebooks.

The instructor edition (``workshops/instructor/NN-slug.ipynb``) is the only one anyone edits.
It marks solutions with nbgrader's syntax::

    ### BEGIN SOLUTION
    answer = posts["kind"].eq("reply").mean()
    ### END SOLUTION
    check("01.2", answer)

and tags instructor-only cells ``instructor``. The learner edition keeps everything else,
replaces each solution block with a stub (``answer = ...``: the names the rest of the cell uses),
drops instructor cells, and still runs top to bottom (``check`` says "not answered yet").

The header cell (tagged ``kit-header``) is rendered from the notebook's ``metadata.kit``
(questions, objectives, keypoints, minutes), so what the metadata declares is what learners see.

>>> nb = new_workshop_notebook(
...     [new_code_cell("### BEGIN SOLUTION\\nx = 41 + 1\\ny = 2\\n### END SOLUTION\\nprint(x)"),
...      new_markdown_cell("Timing: 5 min", metadata={"tags": ["instructor"]})],
...     kit={"title": "Demo", "questions": ["Q?"], "objectives": ["O"], "keypoints": ["K"],
...          "teaching_minutes": 1, "exercise_minutes": 4})
>>> learner = to_learner(nb)
>>> [c.source for c in learner.cells if c.cell_type == "code"]
['# YOUR CODE HERE: replace ... with your answer\\nx = ...\\nprint(x)']
>>> any("Timing" in c.source for c in learner.cells)
False
"""

from __future__ import annotations

import ast
import copy
import json
import re
import textwrap
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook  # noqa: F401  (new_code_cell: the doctest)

from . import workshops

__all__ = [
    "to_learner",
    "render_header",
    "build",
    "check_editions",
    "EditionError",
    "notebook_solution",
    "workshops_dir",
    "instructor_dir",
    "new_workshop_notebook",
    "REQUIRED_META",
    "solution_cells",
    "solutions_file",
    "write_solutions",
]

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MD_BEGIN, MD_END = "<!-- BEGIN SOLUTION -->", "<!-- END SOLUTION -->"
STUB = "# YOUR CODE HERE: replace ... with your answer"
REQUIRED_META = ("title", "questions", "objectives", "keypoints", "teaching_minutes", "exercise_minutes")
KEEP_MIME = ("text/plain", "text/html", "text/markdown")


class EditionError(ValueError):
    """An instructor notebook is malformed (unbalanced markers, bad metadata...)."""


def workshops_dir() -> Path:
    """The learner editions' folder (:func:`kit.workshops.workshops_dir`)."""
    return workshops.workshops_dir()


def instructor_dir() -> Path:
    return workshops_dir() / "instructor"


def _manifest_notebooks(folder: Path) -> list[tuple]:
    """The manifest's workshops and their notebooks in ``folder`` (an :class:`EditionError` naming
    a notebook with no manifest entry, or an entry with no notebook)."""
    try:
        return workshops.notebooks(folder)
    except workshops.ManifestError as e:
        raise EditionError(str(e)) from None


def new_workshop_notebook(cells, kit: dict):
    nb = new_notebook(cells=[render_header(kit)] + list(cells))
    nb.metadata["kit"] = dict(kit, edition="instructor")
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def render_header(kit: dict):
    """The visible header cell, rendered from the notebook's kit metadata."""
    missing = [k for k in REQUIRED_META if not kit.get(k)]
    if missing:
        raise EditionError(f"metadata.kit is missing {', '.join(missing)}")

    def bullets(items):
        return "\n".join(f"- {x}" for x in items)

    total = kit["teaching_minutes"] + kit["exercise_minutes"]
    src = (
        f"# {kit['title']}\n\n"
        f"**Time:** {total} minutes ({kit['teaching_minutes']} teaching, "
        f"{kit['exercise_minutes']} exercises)\n\n"
        f"**Questions**\n\n{bullets(kit['questions'])}\n\n"
        f"**Objectives** — by the end you can:\n\n{bullets(kit['objectives'])}\n\n"
        f"**Key points**\n\n{bullets(kit['keypoints'])}"
    )
    return new_markdown_cell(src, metadata={"tags": ["kit-header"], "editable": False})


def _names_assigned(code: str) -> list[str]:
    out = []
    for node in ast.parse(code).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
            targets = [node.target]
        for t in targets:
            for n in ast.walk(t):
                if isinstance(n, ast.Name) and n.id not in out:
                    out.append(n.id)
    return out


def _names_used(code: str) -> set[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


def _strip_code(source: str, where: str) -> str:
    lines = source.split("\n")
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == BEGIN:
            indent = line[: len(line) - len(line.lstrip())]
            try:
                j = next(k for k in range(i + 1, len(lines)) if lines[k].strip() == END)
            except StopIteration:
                raise EditionError(f"{where}: {BEGIN} without {END}") from None
            block = textwrap.dedent("\n".join(lines[i + 1 : j]))
            try:
                assigned = _names_assigned(block)
            except SyntaxError as e:
                raise EditionError(f"{where}: the solution block is not valid Python ({e})") from None
            later = _names_used("\n".join(lines[j + 1 :]))
            out.append(indent + STUB)
            out += [f"{indent}{name} = ..." for name in assigned if name in later]
            i = j + 1
            continue
        if line.strip() == END:
            raise EditionError(f"{where}: {END} without {BEGIN}")
        out.append(line)
        i += 1
    return "\n".join(out)


def solutions_file() -> Path:
    """The solved exercise cells the kit ships (``kit/solutions/cells.json``), written by ``kit build``.

    Learners' workspaces hold no instructor editions; ``solution("NN.k")`` reads this file.
    """
    return Path(__file__).resolve().parent / "solutions" / "cells.json"


_CHECK_CALL = re.compile(r'check\("(\d\d\.\d+)"')


def _solved(source: str) -> str:
    return "\n".join(line for line in source.split("\n") if line.strip() not in (BEGIN, END))


def solution_cells(folder: Path | None = None) -> dict[str, str]:
    """Every exercise's solved cell in the instructor editions: ``{"01.2": "answer = ...", ...}``.

    The cell of an exercise is the first code cell calling ``check("NN.k", ...)``, with its
    solution markers removed (as the learner would type it).
    """
    out: dict[str, str] = {}
    for w, path in _manifest_notebooks(folder or instructor_dir()):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for exercise_id in _CHECK_CALL.findall(cell.source):
                if exercise_id.split(".")[0] == w.number:
                    out.setdefault(exercise_id, _solved(cell.source))
    return dict(sorted(out.items()))


def _solutions_text(cells: dict[str, str]) -> str:
    doc = {
        "about": "Generated by `kit build` from workshops/instructor/: the solved cell of every exercise, "
        "for solution() in a learner workspace. Do not edit; `kit build --check` fails on drift.",
        "cells": cells,
    }
    return json.dumps(doc, indent=1, ensure_ascii=False) + "\n"


def write_solutions(path: Path | None = None) -> Path | None:
    """Regenerate the shipped solutions file from the instructor editions (atomically).

    Returns the path if its content changed, else ``None``.
    """
    path = path or solutions_file()
    text = _solutions_text(solution_cells())
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return None
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


_SHIPPED: dict = {}


def _shipped_cells() -> dict[str, str] | None:
    path = solutions_file()
    try:
        key = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    if _SHIPPED.get("key") != key:
        _SHIPPED.update(key=key, cells=json.loads(path.read_text(encoding="utf-8"))["cells"])
    return _SHIPPED["cells"]


def notebook_solution(exercise_id: str) -> str | None:
    """The instructor edition's own solution to an exercise, as the learner would type it.

    Read from the solutions file ``kit build`` ships (``kit/solutions/cells.json``), so it works
    in a workspace with no instructor editions; only if that file is missing, from the
    instructor notebook of the exercise's workshop. ``None`` if there is no such exercise cell.

    >>> print(notebook_solution("00.1").splitlines()[-1])
    check("00.1", n_businesses)
    >>> "### BEGIN SOLUTION" in notebook_solution("00.1")
    False
    """
    shipped = _shipped_cells()
    if shipped is not None:
        return shipped.get(exercise_id)
    try:
        path = instructor_dir() / workshops.for_exercise(exercise_id).notebook
    except KeyError:
        return None
    if path.is_file():
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and f'check("{exercise_id}"' in cell.source:
                return _solved(cell.source)
    return None


def _strip_markdown(source: str, where: str) -> str:
    if source.count(MD_BEGIN) != source.count(MD_END):
        raise EditionError(f"{where}: unbalanced {MD_BEGIN} / {MD_END}")
    return re.sub(re.escape(MD_BEGIN) + ".*?" + re.escape(MD_END), "*Your answer here.*", source, flags=re.S)


def to_learner(nb):
    """The learner edition of an instructor notebook (sources only; outputs cleared)."""
    kit = nb.metadata.get("kit", {})
    learner = copy.deepcopy(nb)
    cells = []
    for n, cell in enumerate(learner.cells, 1):
        tags = _tags(cell)
        if "instructor" in tags:
            continue
        where = f"cell {n}"
        if "kit-header" in tags:
            cell = _header_like(cell, kit)
        elif cell.cell_type == "code":
            cell.source = _strip_code(cell.source, where)
            cell.outputs, cell.execution_count = [], None
        elif cell.cell_type == "markdown":
            cell.source = _strip_markdown(cell.source, where)
        cells.append(cell)
    learner.cells = cells
    learner.metadata["kit"] = dict(kit, edition="learner")
    return learner


def _normalise_instructor(nb):
    nb = copy.deepcopy(nb)
    kit = nb.metadata.get("kit", {})
    nb.cells = [_header_like(c, kit) if "kit-header" in _tags(c) else c for c in nb.cells]
    return nb


def _header_like(old, kit: dict):
    """The header rendered from metadata, keeping the old cell's id (no churn on every build)."""
    cell = render_header(kit)
    if old.get("id"):
        cell["id"] = old["id"]
    return cell


def _slim_outputs(nb):
    """Keep only small text outputs: no widget views, no chart bundles, no JavaScript."""
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        kept = []
        for out in cell.get("outputs", []):
            if out.output_type in ("display_data", "execute_result"):
                data = {k: v for k, v in out.data.items() if k in KEEP_MIME}
                if "application/vnd.jupyter.widget-view+json" in out.data or not data:
                    continue
                out.data = data
                out.metadata = {}
            kept.append(out)
        cell.outputs = kept
        if not kept:  # nbval needs the count on cells with stored outputs; others show [ ]
            cell.execution_count = None
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    return nb


def run_notebook(nb, cwd: Path, timeout: int = 300, allow_errors: bool = False):
    """Run ``nb`` top to bottom in a fresh kit kernel started in ``cwd``, as if no learner
    workspace were active; no widget state is kept. ``kit build``, ``kit site`` and ``kit handout``
    run notebooks this way."""
    from nbclient import NotebookClient

    from .kernels import IPCKernelManager
    from .workspace import outside

    client = NotebookClient(
        nb,
        km=IPCKernelManager(kernel_name="python3"),
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        record_timing=False,
        store_widget_state=False,
        resources={"metadata": {"path": str(cwd)}},
    )
    with outside():  # the kernel neither records into nor reads the scenario of a learner workspace
        client.execute(cleanup_kc=True)  # a kernel it was handed stays up unless asked: a build of
    return nb  # every workshop kept each one running to the end


def _sources(nb) -> list[tuple]:
    return [(c.cell_type, c.source, tuple(_tags(c))) for c in nb.cells] + [
        ("metadata", repr(sorted(nb.metadata.get("kit", {}).items())), ())
    ]


def _pairs(names=None):
    """(instructor notebook, learner edition) of each manifest workshop (of ``names`` only, if given)."""
    sources = [p for _, p in _manifest_notebooks(instructor_dir())]
    if names:
        wanted = {Path(n).stem for n in names}
        unknown = sorted(wanted - {p.stem for p in sources})
        if unknown:
            raise EditionError(
                f"no workshop notebook named {', '.join(unknown)} in kit/workshops.py "
                f"(the workshops are {', '.join(p.stem for p in sources)})"
            )
        sources = [p for p in sources if p.stem in wanted]
    return [(p, workshops_dir() / p.name) for p in sources]


def _stray_learner_editions() -> list[str]:
    declared = {w.notebook for w in workshops.WORKSHOPS}
    return [
        f"{p}: no workshop in kit/workshops.py declares this notebook; add an entry for it or remove it"
        for p in sorted(workshops_dir().glob(workshops.NOTEBOOK_GLOB))
        if p.name not in declared
    ]


def check_editions(names=None) -> list[str]:
    """Problems where a learner edition drifted from its instructor source (empty = in sync).

    The notebooks are the manifest's (:mod:`kit.workshops`): an instructor or learner notebook
    with no manifest entry, or an entry with no instructor notebook, is a problem naming it.
    """
    try:
        pairs = _pairs(names)
    except EditionError as e:
        return [str(e)]
    problems = [] if names else _stray_learner_editions()
    for src, dst in pairs:
        inst = nbformat.read(src, as_version=4)
        try:
            expected = to_learner(inst)
        except EditionError as e:
            problems.append(f"{src}: {e}")
            continue
        if _sources(_normalise_instructor(inst)) != _sources(inst):
            problems.append(f"{src}: header cell does not match metadata.kit; run `kit build`")
        if not dst.exists():
            problems.append(f"{dst}: missing; run `kit build`")
            continue
        if _sources(nbformat.read(dst, as_version=4)) != _sources(expected):
            problems.append(
                f"{dst}: differs from what {src.name} generates; edit the instructor edition and run `kit build`"
            )
    problems += _check_solutions(names)
    return problems


def _check_solutions(names=None) -> list[str]:
    """Where the shipped solutions file disagrees with the instructor editions."""
    path = solutions_file()
    wanted = {Path(n).stem[:2] for n in names} if names else None
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except FileNotFoundError:
        return [f"{path}: missing; run `kit build`"]
    except (ValueError, KeyError, TypeError) as e:
        return [f"{path}: not a valid solutions file ({e}); run `kit build`"]
    expected = solution_cells()
    if wanted is not None:
        stored = {k: v for k, v in stored.items() if k[:2] in wanted}
        expected = {k: v for k, v in expected.items() if k[:2] in wanted}
    out = []
    for exercise_id in sorted(set(stored) | set(expected)):
        if exercise_id not in expected:
            out.append(f"{path}: holds {exercise_id}, which no instructor edition checks; run `kit build`")
        elif stored.get(exercise_id) != expected[exercise_id]:
            out.append(f"{path}: the solution of {exercise_id} differs from the instructor edition's; run `kit build`")
    return out


def build(names=None, execute: bool = True, log=print) -> list[Path]:
    """Write learner editions (and refresh both editions' stored outputs when ``execute``)."""
    written = []
    for src, dst in _pairs(names):
        inst = _normalise_instructor(nbformat.read(src, as_version=4))
        learner = to_learner(inst)
        if execute:
            log(f"running {src.relative_to(workshops_dir().parent)} ...")
            run_notebook(inst, src.parent)
            log(f"running {dst.relative_to(workshops_dir().parent)} ...")
            run_notebook(learner, dst.parent)
        else:
            old = nbformat.read(dst, as_version=4) if dst.exists() else None
            if old is not None and _sources(old) == _sources(learner):
                learner = old
        for nb, path in ((inst, src), (learner, dst)):
            nb = _slim_outputs(nb)
            nbformat.validate(nb)
            tmp = path.with_suffix(".ipynb.tmp")
            nbformat.write(nb, tmp)
            tmp.replace(path)
            written.append(path)
    shipped = write_solutions()
    if shipped is not None:
        written.append(shipped)
    return written
