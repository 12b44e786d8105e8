"""The guests: the persona table, its validation, and the entries a room designs.

Personas are data, not code: every behaviour comes from the numbers in a row of
:data:`DEFAULT_PERSONAS`, and its colour, online twin and the workshop that measured that twin
are columns of the same row. To add a persona, add a row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

PARAMETER_COLUMNS = ("join_rate", "talk_share", "stay_minutes", "claim", "honesty")
TEXT_COLUMNS = ("description", "online_twin", "measured_in_workshop", "colour")
_UNIT_COLUMNS = ("join_rate", "talk_share", "claim", "honesty")
SPARE_COLOURS = ("#56B4E9", "#000000", "#F0E442", "#999999")  #: for rows without a colour

DEFAULT_PERSONAS = pd.DataFrame(
    [
        (
            "wallflower",
            0.02,
            0.25,
            3.0,
            0.0,
            1.0,
            "Stands against the wall; rarely joins a group and soon drifts off.",
            "A profile that exists but is never used.",
            "01: the complete but passive LinkedIn profile",
            "#009E73",
        ),
        (
            "broadcaster",
            0.20,
            0.90,
            5.0,
            0.0,
            1.0,
            "Talks about himself and his products; barely listens.",
            "Posts links and announcements, never replies.",
            "01: a low social ratio; log on, post, log off",
            "#E69F00",
        ),
        (
            "butterfly",
            0.70,
            0.50,
            1.2,
            0.0,
            1.0,
            "A few seconds with everyone; remembered by almost no one.",
            "Follows thousands of accounts, engages with none.",
            "02: follower quality, the other side of mass following",
            "#CC79A7",
        ),
        (
            "conversationalist",
            0.20,
            0.40,
            15.0,
            0.0,
            1.0,
            "Active, authentic, personal: asks, listens, comes back.",
            "Replies to comments and answers questions.",
            "01: a high social ratio (replies, shares, mentions)",
            "#0072B2",
        ),
        (
            "impostor",
            0.30,
            0.70,
            6.0,
            0.80,
            0.20,
            "Claims an importance he does not have, and is found out.",
            "Inflated follower counts, titles and testimonials.",
            "02: bought or fake followers",
            "#D55E00",
        ),
    ],
    columns=["persona", *PARAMETER_COLUMNS, *TEXT_COLUMNS],
).set_index("persona")


def personas_table() -> pd.DataFrame:
    """A copy of the default persona table (one row per persona), to edit and pass to ``simulate``.

    >>> table = personas_table()
    >>> list(table.index)
    ['wallflower', 'broadcaster', 'butterfly', 'conversationalist', 'impostor']
    >>> table.loc["listener"] = [0.3, 0.1, 8.0, 0.0, 1.0, "Mostly listens.", "Reads and answers.", "", ""]
    >>> len(table), len(DEFAULT_PERSONAS)
    (6, 5)
    """
    return DEFAULT_PERSONAS.copy()


def check_personas(personas: pd.DataFrame | None) -> pd.DataFrame:
    """Validate a persona table; return a clean copy indexed by persona, every column present.

    >>> check_personas(pd.DataFrame({"persona": ["x"], "join_rate": [0.1], "talk_share": [0.2],
    ...     "stay_minutes": [3], "claim": [0], "honesty": [1]})).loc["x", "colour"]
    '#56B4E9'
    """
    table = read_personas(personas)
    return table.copy() if table is DEFAULT_PERSONAS else table


def read_personas(personas: pd.DataFrame | None) -> pd.DataFrame:
    """:func:`check_personas` for a caller that only reads the table: the kit's own is returned
    as it is, not copied (it is valid as written: a test checks)."""
    if personas is None or personas is DEFAULT_PERSONAS:
        return DEFAULT_PERSONAS
    if not isinstance(personas, pd.DataFrame):
        raise ValueError(f"personas must be a pandas DataFrame, got {type(personas).__name__}")
    table = personas.copy()
    if "persona" in table.columns:
        table = table.set_index("persona")
    table.index = table.index.map(lambda v: str(v).strip())
    table.index.name = "persona"
    if len(table) == 0:
        raise ValueError("the persona table is empty: expected at least one row")
    if table.index.has_duplicates:
        raise ValueError(
            f"persona names must be unique; duplicated: {sorted(set(table.index[table.index.duplicated()]))}"
        )
    if (table.index == "").any():
        raise ValueError("every persona needs a name; a row has an empty one")
    missing = [c for c in PARAMETER_COLUMNS if c not in table.columns]
    if missing:
        raise ValueError(
            f"persona table is missing parameter column(s) {missing}; expected columns {list(PARAMETER_COLUMNS)}"
        )
    for col in TEXT_COLUMNS:
        table[col] = table[col].fillna("").astype(str) if col in table.columns else ""
    for col in PARAMETER_COLUMNS:
        values = pd.to_numeric(table[col], errors="coerce")
        bad = values.isna() | ~np.isfinite(values.fillna(0))
        if bad.any():
            raise ValueError(f"column {col!r} must be numeric; bad value for {list(table.index[bad])}")
        table[col] = values.astype(float)
    for col in _UNIT_COLUMNS:
        bad = (table[col] < 0) | (table[col] > 1)
        if bad.any():
            raise ValueError(f"column {col!r} must be between 0 and 1; out of range for {list(table.index[bad])}")
    bad = table["stay_minutes"] < 1
    if bad.any():
        raise ValueError(
            f"column 'stay_minutes' must be at least 1 (minutes); out of range for {list(table.index[bad])}"
        )
    spare = iter(SPARE_COLOURS * (1 + len(table) // len(SPARE_COLOURS)))
    table["colour"] = [c if c else DEFAULT_PERSONAS["colour"].get(p) or next(spare) for p, c in table["colour"].items()]
    return table[[*PARAMETER_COLUMNS, *TEXT_COLUMNS]]


def check_int(name: str, value, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < low or (high is not None and value > high):
        upper = f" and at most {high}" if high is not None else ""
        raise ValueError(f"{name} must be at least {low}{upper}, got {value}")
    return int(value)


def assign(table: pd.DataFrame, guests: int, mix: Mapping[str, float] | None, rng) -> np.ndarray:
    """Persona index per guest: largest-remainder quotas of the mix, then shuffled.

    >>> assign(DEFAULT_PERSONAS, 7, {"butterfly": 2, "impostor": 1}, np.random.default_rng(0))
    array([2, 2, 2, 4, 4, 2, 2])
    """
    names = list(table.index)
    if mix is None:
        shares = np.ones(len(names))
    else:
        if not isinstance(mix, Mapping):
            raise ValueError("mix must be a dict {persona: share}")
        unknown = [k for k in mix if k not in table.index]
        if unknown:
            raise ValueError(f"unknown persona(s) in mix: {unknown}; expected some of {names}")
        shares = np.zeros(len(names))
        for k, v in mix.items():
            try:
                v = float(v)
            except (TypeError, ValueError):
                raise ValueError(f"share for {k!r} must be a number, got {v!r}") from None
            if not np.isfinite(v) or v < 0:
                raise ValueError(f"share for {k!r} must be a number >= 0, got {v}")
            shares[names.index(k)] = v
        if shares.sum() <= 0:
            raise ValueError("mix shares must add up to more than 0")
    quota = shares / shares.sum() * guests
    counts = np.floor(quota).astype(int)
    left = guests - counts.sum()
    if left:  # largest fractional part first; ties go to the earlier row
        order = np.lexsort((np.arange(len(names)), -(quota - counts)))
        counts[order[:left]] += 1
    return rng.permutation(np.repeat(np.arange(len(names)), counts))


def assignment_kinds(table: pd.DataFrame, assignment: Sequence[str]) -> np.ndarray:
    """Persona index per guest from an explicit list of persona names."""
    if isinstance(assignment, str) or not isinstance(assignment, Iterable):
        raise ValueError("assignment must be a list of persona names, one per guest")
    assignment = [str(a) for a in assignment]
    unknown = sorted({a for a in assignment if a not in table.index})
    if unknown:
        raise ValueError(f"unknown persona(s) in assignment: {unknown}; expected some of {list(table.index)}")
    position = {p: i for i, p in enumerate(table.index)}
    return np.array([position[a] for a in assignment], dtype=np.int64)


def online_twins() -> pd.DataFrame:
    """Each default persona, its behaviour at the party, its online twin, and where the earlier
    workshops measured that twin.

    >>> online_twins().loc["broadcaster", "online_twin"]
    'Posts links and announcements, never replies.'
    """
    out = DEFAULT_PERSONAS[["description", "online_twin", "measured_in_workshop"]].copy()
    return out.rename(columns={"description": "at_the_party"})


def guest_entry(
    name: str, join_rate: float, talk_share: float, stay_minutes: float, claim: float = 0.0, honesty: float = 1.0
) -> pd.DataFrame:
    """A one-row persona table for a guest you design (ready for ``tournament``).

    >>> guest_entry("good listener", 0.3, 0.2, 12).loc["good listener"].to_dict()
    {'join_rate': 0.3, 'talk_share': 0.2, 'stay_minutes': 12.0, 'claim': 0.0, 'honesty': 1.0}
    """
    name = str(name).strip()
    if not name:
        raise ValueError("give your guest a name")
    row = pd.DataFrame(
        {
            "persona": [name],
            "join_rate": [join_rate],
            "talk_share": [talk_share],
            "stay_minutes": [stay_minutes],
            "claim": [claim],
            "honesty": [honesty],
        }
    )
    return check_personas(row)[list(PARAMETER_COLUMNS)]


def read_entries(text: str, rename: bool = True) -> pd.DataFrame:
    """Read the room's guests from pasted CSV text (a header line, one guest a line).

    Spaces around commas are ignored and blank lines skipped; the columns are ``persona`` and the
    five parameters. A name with a comma in it needs quotes (``"Ana, the listener"``): a line
    with too many or too few fields is named, with what it holds. A live room sends the same name
    twice and borrows default names, so with ``rename`` a repeated name becomes "name (2)" and a
    default persona's name "name (room)". Raises ValueError with a plain message.

    >>> csv = '''persona, join_rate, talk_share, stay_minutes, claim, honesty
    ... Ana's listener, 0.3, 0.2, 12, 0, 1
    ...
    ... Ben's charmer,  0.5, 0.6,  5, 0.5, 0.5
    ... Ana's listener, 0.4, 0.2, 12, 0, 1
    ... butterfly, 0.9, 0.5, 1, 0, 1'''
    >>> list(read_entries(csv).index)
    ["Ana's listener", "Ben's charmer", "Ana's listener (2)", 'butterfly (room)']
    >>> try:
    ...     read_entries(csv.splitlines()[0] + "\\nAna, the listener, 0.3, 0.2, 12, 0, 1")
    ... except ValueError as e:
    ...     print(str(e).replace(". ", ".\\n"))
    line 2 has 7 fields, expected 6 (persona and the five numbers): 'Ana, the listener, 0.3, 0.2, 12, 0, 1'.
    A name with a comma in it needs quotes: "Ana, the listener", 0.3, ...
    """
    lines = [ln for ln in str(text).strip().splitlines() if ln.strip()]
    if len(lines) < 2:
        raise ValueError("paste a header line and at least one guest (one guest per line)")
    rows = list(csv.reader(io.StringIO("\n".join(lines)), skipinitialspace=True))
    header = [c.strip() for c in rows[0]]
    if not header or header[0] != "persona":
        raise ValueError(f"the header must start with 'persona'; got {header}")
    twice = sorted({c for c in header if header.count(c) > 1})
    if twice:
        raise ValueError(
            f"the header names {twice} more than once; expected each of: persona, {', '.join(PARAMETER_COLUMNS)}"
        )
    missing = [c for c in PARAMETER_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"the header is missing {missing}; expected: persona, {', '.join(PARAMETER_COLUMNS)}")
    for number, (row, line) in enumerate(zip(rows[1:], lines[1:]), start=2):
        if len(row) != len(header):
            extra = row[len(header) :]
            comma = (
                ". It ends with a comma: take the last comma away"
                if extra and not any(c.strip() for c in extra)
                else f'. A name with a comma in it needs quotes: "{row[0]}, {row[1]}", {row[2]}, ...'
                if len(row) > len(header) and len(row) > 2
                else ""
            )
            raise ValueError(
                f"line {number} has {len(row)} fields, expected {len(header)} "
                f"(persona and the five numbers): {line.strip()!r}{comma}"
            )
        for column, value in zip(header[1:], row[1:]):
            try:
                float(value)
            except ValueError:
                raise ValueError(
                    f"line {number}, column {column!r}: {value.strip()!r} is not a number ({line.strip()!r})"
                ) from None
    table = pd.DataFrame(rows[1:], columns=header)
    table["persona"] = table["persona"].str.strip()
    if rename:
        wanted = [f"{n} (room)" if n in DEFAULT_PERSONAS.index else n for n in table["persona"]]
        names: list[str] = []
        taken = set(wanted)  # every name pasted, and every rename given so far
        for name in wanted:
            if name in names:  # the next "name (k)" nobody has
                k = 2
                while f"{name} ({k})" in taken:
                    k += 1
                name = f"{name} ({k})"
                taken.add(name)
            names.append(name)
        table["persona"] = names
    return check_personas(table)[list(PARAMETER_COLUMNS)]
