"""Reference solutions, one module per workshop, outside the learner's namespace.

Each module registers its workshop's exercises (``register(Exercise(...))``) with the reference
functions their checks compute expected answers with. Notebooks never import these modules;
``check``/``hint``/``solution`` find them through the exercise registry.
"""
