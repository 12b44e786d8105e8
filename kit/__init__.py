"""Seminar kit: data, models and self-checking exercises for social-media workshops.

The notebooks start with::

    from kit import load, load_scenario, check, hint, solution
    from kit.ui import setup; setup()

Imports here are lazy so ``import kit`` stays cheap; charts and widgets live in ``kit.ui``.
"""

import sys
from importlib import import_module

# jsonschema (under Altair, nbformat, nbclient and Jupyter's servers) imports its optional IRI
# format checker, ``rfc3987_syntax``, which builds a grammar at import time: ~0.9 s of CPU in every
# process that imports it, on these machines (a kernel, a learner's server, each ``kit`` command).
# Nothing the kit runs validates IRIs, so every process that imports the kit skips that optional
# import: Python refuses a module set to None in sys.modules, and jsonschema then leaves the IRI
# format check out.
sys.modules.setdefault("rfc3987_syntax", None)

__version__ = "0.1.0"

_LAZY = {
    "load": ("kit.data", "load"),
    "tables": ("kit.data", "tables"),
    "check": ("kit.exercises", "check"),
    "hint": ("kit.exercises", "hint"),
    "solution": ("kit.exercises", "solution"),
    "load_scenario": ("kit.scenario", "load_scenario"),
}

__all__ = sorted(_LAZY)


def __getattr__(name):
    if name in _LAZY:
        module, attr = _LAZY[name]
        return getattr(import_module(module), attr)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
