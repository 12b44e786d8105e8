"""Loaded before any other plugin (``-p tests.early`` in pyproject's addopts).

nbval's plugin imports nbformat, which imports jsonschema, which imports its optional IRI
grammar (``rfc3987_syntax``): ~1.5 s of CPU in every pytest process and xdist worker on these
machines, before ``conftest.py`` is read. Importing the kit first blocks that optional import, as
it does in every process the kit starts (see ``kit/__init__.py``).

Where PYTHONDONTWRITEBYTECODE is set (as on these machines), pytest would also rewrite the asserts
of every plugin, conftest and test module afresh in every process (~2.7 s of each worker's
collection), and Python compile the kit's modules afresh. Both caches live in git-ignored
__pycache__ folders and are checked against their source, so the test run keeps them.
"""

import sys

sys.dont_write_bytecode = False

import kit  # noqa: E402, F401
