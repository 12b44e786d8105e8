"""Each part of every workshop (a "## " section) runs after the setup cell alone.

A learner who joins late, or a self-paced learner who jumps to part 3, runs the setup cell and
then that part. Statically, in cell order: every name a part's code reads must be bound by the
setup cell, by an earlier statement of the same part, or be a builtin. Parametrised over the
manifest's learner editions.
"""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from kit import workshops

LEARNER = [w.learner_path() for w in workshops.WORKSHOPS]
ALWAYS = set(dir(builtins)) | {"display", "get_ipython"}
_TM = TransformerManager()
_SCOPES = (
    ast.Lambda,
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.ListComp,
    ast.SetComp,
    ast.DictComp,
    ast.GeneratorExp,
)


def _stores(node) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}


def _local(node) -> set[str]:
    """Names a nested scope binds for itself (arguments, comprehension targets)."""
    out = set()
    for n in ast.walk(node):
        args = getattr(n, "args", None)
        if isinstance(args, ast.arguments):
            out |= {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
            out |= {a.arg for a in (args.vararg, args.kwarg) if a is not None}
        if isinstance(n, ast.comprehension):
            out |= _stores(n.target)
    return out


def _walk(body: list[ast.stmt], bound: set[str], read: set[str]) -> None:
    """Go through statements in order: record names read before anything bound them."""
    for stmt in body:
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            _reads(stmt.iter, bound, read)
            bound |= _stores(stmt.target)
            _walk(stmt.body + stmt.orelse, bound, read)
        elif isinstance(stmt, (ast.If, ast.While)):
            _reads(stmt.test, bound, read)
            _walk(stmt.body + stmt.orelse, bound, read)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                _reads(item.context_expr, bound, read)
                if item.optional_vars is not None:
                    bound |= _stores(item.optional_vars)
            _walk(stmt.body, bound, read)
        elif isinstance(stmt, ast.Try):
            _walk(stmt.body, bound, read)
            for h in stmt.handlers:
                if h.name:
                    bound.add(h.name)
                _walk(h.body, bound, read)
            _walk(stmt.orelse + stmt.finalbody, bound, read)
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            bound |= {(a.asname or a.name).split(".")[0] for a in stmt.names}
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(stmt.name)
            inner = set(bound) | _local(stmt) | {stmt.name}
            _walk(stmt.body, inner, read)
        else:
            _reads(stmt, bound, read)
            bound |= _stores(stmt)


def _reads(node, bound: set[str], read: set[str]) -> None:
    local = set().union(*(_local(n) for n in ast.walk(node) if isinstance(n, _SCOPES)))
    loads = {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
    read |= loads - bound - local - _stores(node)  # a walrus or a nested def binds as it goes


def names(source: str, bound: set[str] | None = None) -> tuple[set[str], set[str]]:
    """(names bound after the cell, names it read before they were bound)."""
    bound = set(bound or ())
    read: set[str] = set()
    _walk(ast.parse(_TM.transform_cell(source)).body, bound, read)
    return bound, read


def parts(path: Path) -> tuple[str, list[tuple[str, list[str]]]]:
    """The setup cell's source, then each "## " part: (title, [code sources])."""
    nb = nbformat.read(path, as_version=4)
    found, setup = [], None
    for cell in nb.cells:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            found.append((cell.source.splitlines()[0], []))
        elif cell.cell_type == "code" and found:
            if setup is None and "setup()" in cell.source:
                setup = cell.source
                continue
            found[-1][1].append(cell.source)
    assert setup, f"{path.name}: no setup cell (the one calling setup())"
    return setup, [(t, cells) for t, cells in found if cells]


def borrowed(setup: str, part: list[str]) -> set[str]:
    """Names the part reads that neither the setup cell nor the part itself bound first."""
    have = names(setup)[0] | ALWAYS
    missing: set[str] = set()
    for source in part:
        have, read = names(source, have)
        missing |= read
    return missing


@pytest.mark.parametrize("path", LEARNER, ids=lambda p: p.stem)
def test_each_part_needs_only_the_setup_cell(path):
    setup, found = parts(path)
    assert found, f"{path.name}: no parts"
    problems = [
        f"{title}: uses {sorted(m)} from an earlier part" for title, cells in found if (m := borrowed(setup, cells))
    ]
    assert not problems, "\n".join(problems)


def test_the_notebooks_have_their_parts():
    counts = {
        p.stem[:2]: sum(t.startswith(("## 1", "## 2", "## 3", "## 4", "## 5", "## 6", "## 7")) for t, _ in parts(p)[1])
        for p in LEARNER
    }
    assert counts["02"] == 4 and counts["03"] >= 6, counts


def test_the_walk_reads_in_order_and_knows_local_names():
    bound, read = names("summary = account_summary(posts, accounts)")
    assert "summary" in bound and {"account_summary", "posts", "accounts"} <= read
    assert "x" not in names("f = lambda x: x + 1")[1]
    assert names("for role in roles:\n    row = table[role]\n    print(row)")[1] - ALWAYS == {"roles", "table"}
    assert names("total = [v for v in values if v]")[1] == {"values"}
    assert "later" in names("print(later)\nlater = 1")[1]  # used before it is bound
    assert "%" not in str(names("%time x = 1")[1])  # IPython magics are read as Python


def test_a_part_that_borrows_a_name_fails():
    """Part 4 of 02 rebuilds shop_followers itself; without that line it would borrow part 2's."""
    path = workshops.get("02").learner_path()
    setup, found = parts(path)
    title, cells = next((t, c) for t, c in found if t.startswith("## 4"))
    assert not borrowed(setup, cells)
    cut = [s.replace("shop_followers = selling_followers(followers, sample)", "") for s in cells]
    assert cut != cells and "shop_followers" in borrowed(setup, cut)
