"""The scenario: the one file an instructor edits to re-target the kit.

``datasets/scenario.toml`` names the town, the hashtag, the evening, the time zone, the sizes and
the seed. Every table in ``datasets/`` is generated from it and every exercise check derives its
expected answer from those tables, so changing the scenario changes everything consistently.

>>> s = load_scenario()
>>> s.hashtag.startswith("#")
True
>>> len(s.evenings()) == s.weeks
True
>>> s.evenings()[0].weekday() == s.weekday_number
True
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import tomllib
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["Scenario", "ScenarioError", "load_scenario", "data_dir", "scenario_path"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class ScenarioError(ValueError):
    """The scenario file is missing, malformed, or holds a value out of range."""


def data_dir(workspace: bool = True) -> Path:
    """The folder holding ``scenario.toml`` and the generated tables.

    ``SEMINAR_KIT_DATA`` overrides it (used by tests and by instructors keeping several towns).
    Otherwise, in a learner workspace that uses a scenario of its own
    (``kit.workspace.use_scenario``), it is that scenario's folder inside the workspace; else
    the bundled ``datasets/``. ``workspace=False`` ignores the workspace (``kit data build``).
    """
    override = os.environ.get("SEMINAR_KIT_DATA")
    if override:
        return Path(override).expanduser().resolve()
    if workspace:
        from .workspace import scenario_dir

        own = scenario_dir()
        if own is not None:
            return own
    return _BUNDLED


_BUNDLED = Path(__file__).resolve().parent.parent / "datasets"  # resolved once: every check asks


def inputs_digest() -> str:
    """One hex digest of what the kit computes from: every source file of ``kit/`` and every file
    of the data folder (:func:`data_dir` outside any workspace) with its name. Kept runs
    (:func:`kit.published.key`) and a room's prepared caches (:func:`kit.room.env.seed`) are keyed
    on it. About 5 ms for the bundled town."""
    kit = Path(__file__).resolve().parent
    data = data_dir(workspace=False)
    h = hashlib.sha256(str(data).encode() + b"\0")
    for root, pattern in ((kit, "*.py"), (data, "*")):
        for path in sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


@contextlib.contextmanager
def reading_from(folder: str | os.PathLike):
    """Read the data in ``folder`` (``SEMINAR_KIT_DATA``) inside the block; restore after.

    >>> with reading_from("/tmp/elsewhere"):
    ...     str(data_dir()) == str(Path("/tmp/elsewhere").resolve())
    True
    """
    before = os.environ.get("SEMINAR_KIT_DATA")
    os.environ["SEMINAR_KIT_DATA"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("SEMINAR_KIT_DATA", None)
        else:
            os.environ["SEMINAR_KIT_DATA"] = before


def scenario_path(workspace: bool = True) -> Path:
    """The scenario file the kit reads (see :func:`data_dir`)."""
    return data_dir(workspace) / "scenario.toml"


@dataclass(frozen=True)
class Scenario:
    """Everything the kit needs to know about the seminar's town and evening."""

    town: str
    county: str
    hashtag: str
    hub_account: str
    weekday: str
    start: dt.time
    duration_minutes: int
    timezone: str
    first_date: dt.date
    weeks: int
    businesses: int
    residents: int
    outsiders: int
    linkedin_members: int
    quarter_start: dt.date
    seed: int
    # overrides of the assumptions register (kit/synth/assumptions.py), as sorted (name, value)
    # pairs; empty means every built-in pattern at its default size
    assumptions: tuple = ()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def weekday_number(self) -> int:
        return WEEKDAYS.index(self.weekday)

    @property
    def end(self) -> dt.time:
        """The local clock time the hour ends (exclusive)."""
        return (dt.datetime.combine(self.first_date, self.start) + dt.timedelta(minutes=self.duration_minutes)).time()

    def evenings(self) -> list[dt.date]:
        """The dates of every hashtag hour in the data, oldest first."""
        return [self.first_date + dt.timedelta(weeks=w) for w in range(self.weeks)]

    def hour_windows(self) -> list[tuple[dt.datetime, dt.datetime]]:
        """(start, end) of every hashtag hour as time-zone-aware local datetimes.

        The end is exclusive: a post at exactly the end time is after the hour.
        """
        length = dt.timedelta(minutes=self.duration_minutes)
        out = []
        for day in self.evenings():
            start = dt.datetime.combine(day, self.start, tzinfo=self.tz)
            out.append((start, start + length))
        return out

    def describe(self) -> str:
        return (
            f"{self.hashtag}: {self.weekday}s {self.start:%H:%M}-{self.end:%H:%M} "
            f"({self.timezone}), {self.town}, {self.county}; {self.weeks} weeks from "
            f"{self.first_date:%d %b %Y}"
        )

    def as_dict(self) -> dict:
        """The scenario's keys and values (``assumptions`` only when some are overridden)."""
        d = asdict(self)
        if self.assumptions:
            d["assumptions"] = dict(self.assumptions)
        else:
            del d["assumptions"]
        return d

    def assumption(self, name: str):
        """The size of one built-in pattern: the scenario's override, else the register's default.

        Mapping-valued assumptions come back as a dict.

        >>> load_scenario().assumption("conversation_lift")
        1.5
        """
        from .synth.assumptions import ASSUMPTIONS

        value = dict(self.assumptions).get(name, ASSUMPTIONS[name].default)
        return dict(value) if isinstance(value, tuple) else value

    def assumption_values(self) -> dict:
        """Every assumption's size in this scenario (defaults filled in)."""
        from .synth.assumptions import ASSUMPTIONS

        return {name: self.assumption(name) for name in ASSUMPTIONS}

    def with_assumptions(self, **sizes) -> Scenario:
        """A copy of the scenario with some assumptions resized (0 often switches one off).

        >>> s = load_scenario().with_assumptions(conversation_lift=0)
        >>> s.assumption("conversation_lift")
        0.0
        """
        from .synth.assumptions import validate

        merged = {**dict(self.assumptions), **sizes}
        pairs, problems = validate(merged)
        if problems:
            raise ScenarioError("with_assumptions: " + "; ".join(problems))
        return replace(self, assumptions=pairs)


_REQUIRED = {
    "town": str,
    "county": str,
    "hashtag": str,
    "hub_account": str,
    "weekday": str,
    "start": str,
    "duration_minutes": int,
    "timezone": str,
    "first_date": dt.date,
    "weeks": int,
    "businesses": int,
    "residents": int,
    "outsiders": int,
    "linkedin_members": int,
    "quarter_start": dt.date,
    "seed": int,
}
_RANGES = {
    "duration_minutes": (15, 240),
    "weeks": (1, 52),
    "businesses": (10, 2000),
    "residents": (10, 20000),
    "outsiders": (10, 20000),
    "linkedin_members": (10, 5000),
}


def parse_scenario(values: dict, source: str = "scenario") -> Scenario:
    """Validate a scenario mapping; raise one ScenarioError naming every problem."""
    problems = []
    missing = [k for k in _REQUIRED if k not in values]
    if missing:
        problems.append(f"missing keys: {', '.join(missing)}")
    values = dict(values)
    overrides = values.pop("assumptions", {})
    unknown = [k for k in values if k not in _REQUIRED]
    if unknown:
        problems.append(f"unknown keys: {', '.join(unknown)} (expected only {', '.join(_REQUIRED)})")
    for key, kind in _REQUIRED.items():
        if key in values and not isinstance(values[key], kind) or (kind is int and isinstance(values.get(key), bool)):
            problems.append(f"{key} should be {kind.__name__}, got {values[key]!r}")
    if problems:
        raise ScenarioError(f"{source}: " + "; ".join(problems))

    v = dict(values)
    try:
        v["start"] = dt.time.fromisoformat(v["start"])
    except ValueError:
        problems.append(f'start should be a local time like "19:30", got {v["start"]!r}')
    try:
        ZoneInfo(v["timezone"])
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f'timezone should be an IANA name like "Europe/London", got {v["timezone"]!r}')
    if v["weekday"] not in WEEKDAYS:
        problems.append(f"weekday should be one of {', '.join(WEEKDAYS)}, got {v['weekday']!r}")
    elif v["first_date"].weekday() != WEEKDAYS.index(v["weekday"]):
        problems.append(
            f"first_date {v['first_date']} is a {WEEKDAYS[v['first_date'].weekday()]}, not a {v['weekday']}"
        )
    if not v["hashtag"].startswith("#") or " " in v["hashtag"]:
        problems.append(f'hashtag should look like "#dorsethour", got {v["hashtag"]!r}')
    if not v["hub_account"].startswith("@") or " " in v["hub_account"]:
        problems.append(f'hub_account should look like "@DorsetHourHub", got {v["hub_account"]!r}')
    for key, (lo, hi) in _RANGES.items():
        if not lo <= v[key] <= hi:
            problems.append(f"{key} should be between {lo} and {hi}, got {v[key]}")
    if isinstance(v["start"], dt.time) and not problems:
        ends = v["start"].hour * 60 + v["start"].minute + v["duration_minutes"]
        if ends >= 24 * 60:  # the hour's filters (and 01.1's method) compare clock times within one date
            problems.append(
                f"the hour must end before midnight: start {v['start']:%H:%M} plus "
                f"{v['duration_minutes']} minutes runs into the next day; start it earlier "
                "or make it shorter"
            )
    if problems:
        raise ScenarioError(f"{source}: " + "; ".join(problems))
    if not isinstance(overrides, dict):
        problems.append(f"assumptions should be a table ([assumptions] with name = size lines), got {overrides!r}")
    else:
        from .synth.assumptions import validate

        v["assumptions"], more = validate(overrides)
        problems += more
    if problems:
        raise ScenarioError(f"{source}: " + "; ".join(problems))
    return Scenario(**v)


@lru_cache(maxsize=4)
def _load(path: Path, mtime: float) -> Scenario:
    try:
        with open(path, "rb") as f:
            values = tomllib.load(f)
    except FileNotFoundError:
        raise ScenarioError(
            f"{path}: scenario file not found (expected datasets/scenario.toml; "
            "set SEMINAR_KIT_DATA to use another folder)"
        ) from None
    except tomllib.TOMLDecodeError as e:
        raise ScenarioError(f"{path}: not valid TOML ({e})") from None
    return parse_scenario(values, source=str(path))


def load_scenario(path: str | os.PathLike | None = None) -> Scenario:
    """Read and validate ``datasets/scenario.toml`` (or another scenario file)."""
    p = Path(path) if path else scenario_path()
    p = p.resolve()
    try:
        mtime = p.stat().st_mtime
    except FileNotFoundError:
        mtime = -1.0
    return _load(p, mtime)
