"""The coursework commands: ``kit assign``, ``kit collect``, ``kit grade`` (added to ``kit``'s parser)."""

from __future__ import annotations

__all__ = ["add_parsers"]


def _refused(command: str, error: Exception) -> int:
    from ..cli import _refused as refused  # the kit command's one way to say why it stops

    return refused(command, error)


def _errors():
    from ..scenario import ScenarioError
    from .assign import AssignError
    from .collect import CollectError
    from .roster import RosterError
    from .towns import TownError

    return (AssignError, CollectError, RosterError, ScenarioError, TownError, KeyError, OSError)


def _assign(args) -> int:
    from . import roster
    from .assign import assign

    try:
        due = roster.parse_deadline(args.deadline, "--deadline") if args.deadline else None
        learners = roster.read(args.learners, deadline=due)
        assign(
            args.workshop.strip().zfill(2),
            learners,
            args.out,
            scenario=args.scenario,
            extra=args.exercises,
            assignment_id=args.id,
            jobs=args.jobs,
        )
    except _errors() as e:
        return _refused("assign", e)
    return 0


def _collect(args) -> int:
    from .collect import collect

    try:
        collect(args.assignment, args.source)
    except _errors() as e:
        return _refused("collect", e)
    return 0


def _grade(args) -> int:
    from .grade import grade

    try:
        grade(args.assignment, jobs=args.jobs, cell_timeout=args.cell_timeout, total_timeout=args.timeout)
    except _errors() as e:
        return _refused("grade", e)
    return 0


def add_parsers(sub) -> None:
    a = sub.add_parser(
        "assign",
        help="hand out a workshop as personal homework: a town of their own per learner",
        description="Make one assignment per learner of a roster: the workshop's learner edition "
        "with the learner's own town (the scenario with a seed of their own, redrawn "
        "if a known slip would give the right answer). Solutions are switched off, "
        "hints stay on. Writes DIR/for-learners/<learner>/ (hand these out) and "
        "DIR/instructor/ (keep it: grading reads it).",
    )
    a.add_argument("workshop", help="the workshop's number, e.g. 01")
    a.add_argument(
        "--learners",
        required=True,
        metavar="ROSTER.csv",
        help="a CSV file: learner,name,deadline,town (only learner is required)",
    )
    a.add_argument("--out", required=True, metavar="DIR", help="the assignment's folder")
    a.add_argument("--deadline", metavar="ISO", help="for rows without one, e.g. 2026-12-10T18:00:00+00:00")
    a.add_argument(
        "--exercises",
        metavar="FILE.py",
        help="the assignment's own exercises (registered like a workshop's; their references stay with you)",
    )
    a.add_argument("--scenario", metavar="FILE", help="the scenario to vary (default: the kit's)")
    a.add_argument("--id", help="the assignment's name (default: NN-today's date)")
    a.add_argument("--jobs", type=int, default=2, help="towns drawn at once (default 2)")
    a.set_defaults(func=_assign)

    c = sub.add_parser(
        "collect",
        help="take in an assignment's submissions: a folder, a zip, or a room",
        description="Find each learner's notebook in SOURCE (a folder, a .zip of files, or a "
        "`kit room` folder) and report what is missing, late (by this machine's "
        "clock), empty, renamed, duplicated or nobody's.",
    )
    c.add_argument("assignment", metavar="DIR", help="the folder `kit assign --out` wrote")
    c.add_argument("source", metavar="SOURCE", help="where the submissions are")
    c.set_defaults(func=_collect)

    g = sub.add_parser(
        "grade",
        help="run every collected submission afresh in a sandbox and write a gradebook",
        description="Re-run each submission from scratch in an isolated kernel (bubblewrap: no "
        "network, read-only kit, the learner's own town), check its answers outside "
        "the sandbox, and write DIR/instructor/graded/: gradebook.csv, a feedback "
        "page per learner and a summary.",
    )
    g.add_argument("assignment", metavar="DIR", help="the folder `kit assign --out` wrote")
    g.add_argument("--jobs", type=int, default=2, help="submissions run at once (default 2)")
    g.add_argument("--cell-timeout", type=int, default=60, metavar="S", help="seconds per cell (default 60)")
    g.add_argument("--timeout", type=int, default=300, metavar="S", help="seconds per submission (default 300)")
    g.set_defaults(func=_grade)
