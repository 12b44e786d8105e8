"""Imported by a room learner's kernel as it starts, before any cell runs.

In a room the kernel starts when the learner opens a notebook, and the learner then reads its
introduction before running the setup cell: the libraries every workshop's setup cell imports
(pandas, Altair, the widgets, the kit's data, charts and exercises) load in that time instead of
in the setup cell, where thirty learners pressing it together would wait for each other. The
startup file :mod:`kit.room.singleuser` writes imports this module inside a function, so the
learner's namespace gets no new names; the setup cell's own imports then find them loaded.
"""

# kit.ui first: it skips jsonschema's costly optional IRI checker before Altair imports jsonschema
import kit.ui  # noqa: F401, I001

import altair  # noqa: E402,F401
import ipywidgets  # noqa: E402,F401
import pandas  # noqa: E402,F401

import kit.data  # noqa: E402,F401
import kit.exercises  # noqa: E402,F401
