"""Solutions one step away, not zero (issue 7, §4): what a notebook imports holds no answer.

The rule, checked for every learner edition in ``workshops/`` by reading its code cells in order
(statically: nothing is run):

* Every ``import`` / ``from ... import`` brings names into the learner's namespace. A name bound
  to a module brings its public attributes too, one level deep (``social.broadcast_share`` is
  reachable after ``from kit import social``; ``import kit.social`` makes both ``kit.X`` and
  ``kit.social.X`` reachable).
* At each ``check("NN.k", ...)``, no reachable callable may be exercise NN.k's reference
  (``Exercise.solution``) or any callable its solutions module declares as answer-giving for it
  (``GIVES_ANSWER = {"NN.k": (callable, ...)}`` in the module ``WORKSHOP_MODULES`` names).
  A measure the notebook reuses may be imported *after* the exercise that builds it.
* No notebook imports ``kit.solutions`` at all: ``check``/``hint``/``solution`` find it.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import types
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from kit import workshops
from kit.exercises import WORKSHOP_MODULES, exercises

LEARNER = [w.learner_path() for w in workshops.WORKSHOPS]
_TM = TransformerManager()


# --------------------------------------------------------------------------- what an exercise gives away


def answer_givers(exercise_id: str) -> list:
    """The reference solution of ``exercise_id`` and every callable declared as giving its answer."""
    prefix = exercise_id.split(".")[0]
    found = [e for e in exercises(prefix) if e.id == exercise_id]
    assert found, f"check({exercise_id!r}) in a notebook, but no such exercise is registered"
    module = importlib.import_module(WORKSHOP_MODULES[prefix])
    declared = getattr(module, "GIVES_ANSWER", {})
    return [found[0].solution, *declared.get(exercise_id, ())]


def _same_callable(a, b) -> bool:
    a, b = inspect.unwrap(a), inspect.unwrap(b)
    if a is b:
        return True
    key = lambda f: (getattr(f, "__module__", None), getattr(f, "__qualname__", None))  # noqa: E731
    return key(a)[1] is not None and key(a) == key(b)


# --------------------------------------------------------------------------- what a notebook imports


def _module(name: str):
    return importlib.import_module(name)


def _public(module: types.ModuleType) -> dict:
    """A module's public attributes as tab completion shows them (plus lazy ``__all__`` names)."""
    names = {n for n in dir(module) if not n.startswith("_")}
    names |= {n for n in getattr(module, "__all__", ()) if not n.startswith("_")}
    out = {}
    for n in sorted(names):
        try:
            out[n] = getattr(module, n)
        except Exception:  # a lazy attribute that cannot load is not reachable
            continue
    return out


def _from_import(module_name: str, attr: str):
    module = _module(module_name)
    try:
        return getattr(module, attr)
    except AttributeError:
        return _module(f"{module_name}.{attr}")  # `from kit import social` loads the submodule


class Namespace:
    """The names a notebook has imported so far, and the callables they make reachable."""

    def __init__(self):
        self.bound: dict[str, object] = {}  # name -> object (modules count as their public names)
        self.extra_modules: list[types.ModuleType] = []  # a.b.c reachable after `import a.b.c`
        self.solutions_imports: list[str] = []

    def add(self, node: ast.stmt, where: str) -> None:
        if isinstance(node, ast.Import):
            for alias in node.names:
                self._note_solutions(alias.name, where)
                if alias.asname:
                    self.bound[alias.asname] = _module(alias.name)
                else:
                    parts = alias.name.split(".")
                    self.bound[parts[0]] = _module(parts[0])
                    self.extra_modules += [_module(".".join(parts[:i])) for i in range(2, len(parts) + 1)]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                self._note_solutions(f"{node.module}.{alias.name}", where)
                if alias.name == "*":
                    self.bound.update(_public(_module(node.module)))
                else:
                    self.bound[alias.asname or alias.name] = _from_import(node.module, alias.name)

    def _note_solutions(self, dotted: str, where: str) -> None:
        if dotted == "kit.solutions" or dotted.startswith("kit.solutions."):
            self.solutions_imports.append(f"{where}: imports {dotted}")

    def reachable(self) -> dict[str, object]:
        """Dotted name -> callable, for every callable reachable through an imported name."""
        out = {}
        for name, obj in self.bound.items():
            if isinstance(obj, types.ModuleType):
                out.update({f"{name}.{k}": v for k, v in _public(obj).items() if callable(v)})
            elif callable(obj):
                out[name] = obj
        for mod in self.extra_modules:
            out.update({f"{mod.__name__}.{k}": v for k, v in _public(mod).items() if callable(v)})
        return out


def _checked_ids(node: ast.AST) -> list[str]:
    ids = []
    for call in ast.walk(node):
        if not isinstance(call, ast.Call) or not call.args:
            continue
        f = call.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        first = call.args[0]
        if name == "check" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            ids.append(first.value)
    return ids


def leaks(cells: list[str], answers: bool = True) -> tuple[list[str], list[str], list[str]]:
    """Walk code cells in order: (answer-givers reachable at a check, kit.solutions imports, checks seen).

    ``answers=False`` only collects the imports and the checks (no registry needed).
    """
    ns, problems, seen = Namespace(), [], []
    for n, source in enumerate(cells, 1):
        tree = ast.parse(_TM.transform_cell(source))
        for stmt in tree.body:
            for node in ast.walk(stmt):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    ns.add(node, f"code cell {n}")
            for exercise_id in _checked_ids(stmt):
                seen.append(exercise_id)
                if not answers:
                    continue
                givers = answer_givers(exercise_id)
                for dotted, obj in ns.reachable().items():
                    hit = next((g for g in givers if _same_callable(obj, g)), None)
                    if hit is not None:
                        problems.append(
                            f"code cell {n}: check({exercise_id!r}) while `{dotted}` "
                            f"({hit.__module__}.{hit.__qualname__}) gives its answer"
                        )
    return problems, ns.solutions_imports, seen


def _code_cells(path: Path) -> list[str]:
    return [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.name)
def test_no_answer_is_reachable_before_its_check(path):
    problems, _, seen = leaks(_code_cells(path))
    assert seen, f"{path.name}: no check(...) cell found"
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.name)
def test_notebooks_never_import_the_solutions(path):
    _, solutions, _ = leaks(_code_cells(path), answers=False)
    assert not solutions, f"{path.name}:\n" + "\n".join(solutions)


def test_the_walk_finds_leaks_it_should():
    """The rule can fail: a module import, a direct import and a solutions import are all caught."""
    cells = ["from kit import check, load\nfrom kit import social", "posts = load('posts')\ncheck('01.3', ...)"]
    problems, _, _ = leaks(cells)
    assert any("social.social_ratio" in p for p in problems), problems

    problems, _, _ = leaks(["from kit.social import hour_posts\ncheck('01.1', ...)"])
    assert any("`hour_posts`" in p for p in problems), problems

    problems, _, _ = leaks(["import kit.social\ncheck('01.4', ...)"])
    assert any("kit.social.log_on_post_log_off" in p for p in problems), problems

    _, solutions, _ = leaks(["from kit.solutions import social as s\ncheck('01.2', 0.5)"])
    assert solutions and "kit.solutions" in solutions[0]


def test_a_measure_imported_after_its_exercise_is_fine():
    cells = ["from kit import check", "check('01.1', ...)", "from kit.social import hour_posts", "check('01.2', ...)"]
    problems, _, seen = leaks(cells)
    assert seen == ["01.1", "01.2"] and not problems, problems


@pytest.mark.parametrize("workshop", workshops.numbers())
def test_declared_answer_givers_are_callables(workshop):
    module = importlib.import_module(WORKSHOP_MODULES[workshop])
    ids = {e.id for e in exercises(workshop)}
    for exercise_id, givers in getattr(module, "GIVES_ANSWER", {}).items():
        assert exercise_id in ids, f"{module.__name__}.GIVES_ANSWER names unknown {exercise_id}"
        assert all(callable(g) for g in givers), exercise_id
