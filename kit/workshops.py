"""The workshops, declared once: everything that lists them reads :data:`WORKSHOPS`.

Each :class:`Workshop` names its number, slug, title, its modules (as strings: this module
imports nothing from the kit) and a one-line topic. Its notebook is
``workshops/instructor/NN-slug.ipynb`` (the source) and ``workshops/NN-slug.ipynb`` (the
learner edition); its minutes are its instructor notebook's ``metadata.kit``
(``teaching_minutes + exercise_minutes``), never written here. What reads the manifest: 00's
agenda (:mod:`kit.start`), the exercise registry (``kit.exercises.WORKSHOP_MODULES``), ``kit
build`` and ``kit build --check`` (:mod:`kit.editions`), the workspace sync
(:mod:`kit.workspace`), the tests, and the README's workshop table (:func:`readme_table`).

Adding a workshop is one entry here plus its files (see CONTRIBUTING.md).

>>> w = get("01")
>>> w.notebook, w.solutions
('01-social-not-media.ipynb', 'kit.solutions.social')
>>> for_exercise("03.2").title
'The cocktail party'
>>> for_exercise("97.1")
Traceback (most recent call last):
...
KeyError: 'no workshop 97 (for exercise 97.1) in kit/workshops.py; the workshops are 00, 01, ...'
>>> minutes(get("00"))
20
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Workshop",
    "WORKSHOPS",
    "ManifestError",
    "get",
    "for_exercise",
    "numbers",
    "minutes",
    "notebooks",
    "workshops_dir",
    "instructor_dir",
    "module_path",
    "exercise_range",
    "readme_table",
    "validate",
]


class ManifestError(ValueError):
    """The manifest and the notebook files disagree (the message names the file or entry)."""


@dataclass(frozen=True)
class Workshop:
    """One workshop.

    number:    two digits, "01"; exercise "01.k" belongs to it
    slug:      the notebook's name after the number, "social-not-media"
    title:     short, "Social, not media" (the notebook's ``metadata.kit.title`` starts with
               "01 · Social, not media")
    topic:     the topic module, "kit.social" (pure functions over the tables)
    charts:    the charts and widgets module, "kit.ui.social"
    solutions: the module registering its exercises and reference solutions, "kit.solutions.social"
    about:     one line: what it teaches (00's agenda and the README's table show it)
    reads_tables: its checks are computed from the scenario's tables (False for a workshop whose
               answers do not depend on the scenario, like 03's party model)
    """

    number: str
    slug: str
    title: str
    topic: str
    charts: str
    solutions: str
    about: str
    reads_tables: bool = True

    def __post_init__(self):
        if not re.fullmatch(r"\d\d", self.number):
            raise ManifestError(f"workshop {self.number!r}: the number must be two digits, like '04'")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.slug):
            raise ManifestError(
                f"workshop {self.number}: the slug {self.slug!r} must be lower-case words "
                "joined by '-', like 'social-not-media'"
            )

    @property
    def name(self) -> str:
        """The notebook's name without ``.ipynb``: "01-social-not-media" (what ``kit build`` takes)."""
        return f"{self.number}-{self.slug}"

    @property
    def notebook(self) -> str:
        return f"{self.name}.ipynb"

    def instructor_path(self) -> Path:
        return instructor_dir() / self.notebook

    def learner_path(self) -> Path:
        return workshops_dir() / self.notebook


WORKSHOPS: tuple[Workshop, ...] = (
    Workshop(
        "00",
        "start-here",
        "Start here",
        topic="kit.start",
        charts="kit.ui.start",
        solutions="kit.solutions.start",
        about="How a notebook works; how checks, hints and solutions work; the series agenda.",
    ),
    Workshop(
        "01",
        "social-not-media",
        "Social, not media",
        topic="kit.social",
        charts="kit.ui.social",
        solutions="kit.solutions.social",
        about="Active versus passive networking: broadcasting versus conversation, the "
        "log-on-post-log-off habit, a LinkedIn profile versus active use.",
    ),
    Workshop(
        "02",
        "quality-of-followers",
        "Quality of followers",
        topic="kit.followers",
        charts="kit.ui.followers",
        solutions="kit.solutions.followers",
        about="Why 10 interested followers beat 10,000 strangers: engagement rates, follower "
        "quality, fake followers, the know-like-trust funnel.",
    ),
    Workshop(
        "03",
        "cocktail-party",
        "The cocktail party",
        topic="kit.party",
        charts="kit.ui.party",
        solutions="kit.solutions.party",
        reads_tables=False,
        about="The cocktail-party analogy as a simulation the room plays with, a persona "
        "tournament, the real Davis Southern Women network.",
    ),
    Workshop(
        "04",
        "hashtag-hour",
        "The hashtag hour",
        topic="kit.hashtag",
        charts="kit.ui.hashtag",
        solutions="kit.solutions.hashtag",
        about="The local hashtag hour as a venue: who turns up, reach through the hub, answering "
        "requests, whom to follow, and the first impression your profile makes.",
    ),
    Workshop(
        "05",
        "broadcast-or-community",
        "Broadcast or community?",
        topic="kit.broadcast",
        charts="kit.ui.broadcast",
        solutions="kit.solutions.broadcast",
        about="The mass-communication counterpoint as a fair debate: the time a relationship "
        "costs, seeding from your contact list, quality versus volume, and who persists.",
    ),
    Workshop(
        "06",
        "your-own-account",
        "Your own account",
        topic="kit.own",
        charts="kit.ui.own",
        solutions="kit.solutions.own",
        reads_tables=False,
        about="Your own export from X, LinkedIn, Mastodon or Bluesky, imported privately (or a "
        "demo export): your conversation share, sessions, rhythm and friends.",
    ),
)

# --------------------------------------------------------------------------- lookups
# Every helper reads the module's WORKSHOPS when called, so a test may patch in an entry.


def validate(workshops=None) -> tuple[Workshop, ...]:
    """The manifest, checked: numbers unique and in order, slugs unique."""
    ws = tuple(WORKSHOPS if workshops is None else workshops)
    nums = [w.number for w in ws]
    if nums != sorted(set(nums)):
        raise ManifestError(f"kit/workshops.py: workshop numbers must be unique and in order, not {nums}")
    slugs = [w.slug for w in ws]
    if len(set(slugs)) != len(slugs):
        raise ManifestError(f"kit/workshops.py: two workshops share a slug: {slugs}")
    return ws


def numbers() -> list[str]:
    """The workshops' numbers, in order.

    >>> numbers()[:2]
    ['00', '01']
    """
    return [w.number for w in WORKSHOPS]


def get(number: str) -> Workshop:
    """The workshop numbered ``number`` ("01"); ``KeyError`` names the known ones."""
    for w in WORKSHOPS:
        if w.number == str(number):
            return w
    raise KeyError(f"no workshop {number} in kit/workshops.py; the workshops are {', '.join(numbers())}")


def for_exercise(exercise_id: str) -> Workshop:
    """The workshop exercise ``"NN.k"`` belongs to."""
    number = str(exercise_id).split(".")[0]
    try:
        return get(number)
    except KeyError:
        raise KeyError(
            f"no workshop {number} (for exercise {exercise_id}) in kit/workshops.py; the "
            f"workshops are {', '.join(numbers())}"
        ) from None


def module_path(module: str) -> str:
    """Where a module named in the manifest lives, relative to the checkout.

    >>> module_path("kit.ui.social"), module_path("kit.party")  # a module, a package
    ('kit/ui/social.py', 'kit/party/')
    """
    folder = module.replace(".", "/")
    return (
        f"{folder}/" if (Path(__file__).resolve().parent.parent / folder / "__init__.py").exists() else f"{folder}.py"
    )


# --------------------------------------------------------------------------- files


def workshops_dir() -> Path:
    """The learner editions' folder, ``workshops/`` (the instructor editions are in ``instructor/``)."""
    return Path(__file__).resolve().parent.parent / "workshops"


def instructor_dir() -> Path:
    return workshops_dir() / "instructor"


NOTEBOOK_GLOB = "[0-9][0-9]-*.ipynb"


def notebooks(folder: Path, workshops=None) -> list[tuple[Workshop, Path]]:
    """Each workshop's notebook in ``folder``, in manifest order.

    A workshop whose notebook is missing, or a notebook file (``NN-*.ipynb``) with no workshop
    in the manifest, is a :class:`ManifestError` naming it.
    """
    ws = validate(workshops)
    folder = Path(folder)
    declared = {w.notebook for w in ws}
    strays = sorted(p.name for p in folder.glob(NOTEBOOK_GLOB) if p.name not in declared)
    if strays:
        raise ManifestError(
            f"{folder / strays[0]}: no workshop in kit/workshops.py declares this notebook "
            f"(declared: {', '.join(sorted(declared))}); add an entry for it or rename it"
        )
    missing = [w for w in ws if not (folder / w.notebook).is_file()]
    if missing:
        w = missing[0]
        raise ManifestError(
            f"{folder / w.notebook}: missing; kit/workshops.py declares workshop {w.number} "
            f"({w.title!r}) with this notebook"
        )
    return [(w, folder / w.notebook) for w in ws]


def _metadata(w: Workshop) -> dict:
    """``metadata.kit`` of the workshop's instructor notebook (its learner edition if the instructor
    edition is not there: a learner workspace's kit may ship none)."""
    paths = [w.instructor_path(), w.learner_path()]
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            continue
        try:
            return json.loads(text)["metadata"]["kit"]
        except (ValueError, KeyError, TypeError) as e:
            raise ManifestError(
                f"{path}: not a workshop notebook with metadata.kit ({type(e).__name__}: {e})"
            ) from None
    raise ManifestError(f"{paths[0]}: missing; kit/workshops.py declares workshop {w.number} ({w.title!r})")


def minutes(w: Workshop) -> int:
    """The workshop's length: its notebook's ``teaching_minutes + exercise_minutes``."""
    kit = _metadata(w)
    try:
        return int(kit["teaching_minutes"]) + int(kit["exercise_minutes"])
    except (KeyError, TypeError, ValueError) as e:
        raise ManifestError(
            f"{w.instructor_path()}: metadata.kit needs whole-number teaching_minutes and "
            f"exercise_minutes ({type(e).__name__}: {e})"
        ) from None


# --------------------------------------------------------------------------- the README's table


def exercise_range(ids) -> str:
    """Exercise ids written short: a run 1..n as "NN.1–NN.n", otherwise listed.

    >>> exercise_range(["01.1", "01.2", "01.3"]), exercise_range(["00.1"]), exercise_range(["04.1", "04.3"])
    ('01.1–01.3', '00.1', '04.1, 04.3')
    >>> exercise_range([])
    '—'
    """
    ids = sorted(ids, key=lambda i: (i.split(".")[0], int(i.split(".")[1])))
    if not ids:
        return "—"
    ks = [int(i.split(".")[1]) for i in ids]
    prefixes = {i.split(".")[0] for i in ids}
    if len(ids) > 1 and len(prefixes) == 1 and ks == list(range(ks[0], ks[0] + len(ks))):
        return f"{ids[0]}–{ids[-1]}"
    return ", ".join(ids)


def readme_table(exercise_ids: dict[str, list[str]] | None = None) -> str:
    """The README's table of workshops (Markdown), from the manifest and the exercise registry.

    ``exercise_ids`` maps a workshop number to its exercise ids; by default the registry is asked
    (which imports each workshop's solutions module by name). ``tests/test_workshops.py`` fails
    when README.md does not contain this table exactly.

    >>> print(readme_table({"00": ["00.1"], "01": [], "02": [], "03": []}).splitlines()[2])
    | [`00-start-here`](workshops/00-start-here.ipynb) | How a notebook works; how checks, hints and solutions work; the series agenda. | `kit/start.py` | `kit/ui/start.py` | `kit/solutions/start.py` | 00.1 |
    """
    if exercise_ids is None:
        from .exercises.registry import exercises  # the engine, found lazily: the manifest stays data

        exercise_ids = {w.number: [e.id for e in exercises(w.number)] for w in WORKSHOPS}
    rows = [
        "| notebook | what it teaches | topic module | charts & widgets | reference solutions | exercises |",
        "|---|---|---|---|---|---|",
    ]
    for w in validate():
        rows.append(
            f"| [`{w.name}`](workshops/{w.notebook}) | {w.about} | `{module_path(w.topic)}` | "
            f"`{module_path(w.charts)}` | `{module_path(w.solutions)}` | "
            f"{exercise_range(exercise_ids.get(w.number, []))} |"
        )
    return "\n".join(rows)
