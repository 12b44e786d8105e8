"""The data layer: table schemas, writing the datasets, and ``load(name)``.

This module knows tables and types, never topics. Each table is declared once as a
:class:`TableSpec`; that one declaration becomes the machine-readable schema
(``datasets/datapackage.json``, a Frictionless Data Package) and the data dictionary
(``datasets/README.md``), and ``load`` reads the schema back to give typed DataFrames.

>>> posts = load("posts")
>>> str(posts["created_at"].dt.tz)  # time-zone-aware, in the scenario's zone
'Europe/London'
>>> posts.attrs["synthetic"]
True
>>> load("postz")
Traceback (most recent call last):
...
kit.data.DataError: no table called 'postz' in .../datapackage.json; available: ...
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import re
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .scenario import data_dir, load_scenario

__all__ = ["Field", "TableSpec", "DataError", "load", "tables", "write_tables", "package_path", "package"]

TYPES = ("string", "integer", "number", "boolean", "date", "datetime")
_OFFSET = re.compile(r"(?:Z|[+-]\d\d:\d\d)$")


class DataError(ValueError):
    """A table is unknown, missing or damaged. The message names the file and what was expected."""


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    unit: str = ""
    enum: tuple = ()
    required: bool = True

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"field {self.name}: type {self.type!r} not one of {TYPES}")

    def frictionless(self) -> dict:
        out = {"name": self.name, "type": self.type, "description": self.description}
        if self.unit:
            out["unit"] = self.unit
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            out["constraints"] = constraints
        if self.type == "boolean":
            out["trueValues"], out["falseValues"] = ["true"], ["false"]
        if self.type == "datetime":
            out["format"] = "%Y-%m-%dT%H:%M:%S%z"
        return out


@dataclass(frozen=True)
class TableSpec:
    """One table: its name, meaning, columns, keys and the calibration it promises."""

    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # (column, table, column)
    calibration: tuple[str, ...] = field(default=())

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def frictionless(self) -> dict:
        schema = {"fields": [f.frictionless() for f in self.fields], "missingValues": [""]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": col, "reference": {"resource": table, "fields": ref}}
                for col, table, ref in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": self.path,
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": schema,
            "calibration": list(self.calibration),
        }


def package_path() -> Path:
    return data_dir() / "datapackage.json"


# --------------------------------------------------------------------------- writing


def _iso_seconds(col: pd.Series) -> pd.Series:
    """Aware timestamps as ISO 8601 to the second with the offset as +01:00 (what isoformat gives).

    Vectorised: the local clock time by NumPy, each distinct offset formatted once (strftime
    took 0.2 s for the posts table).

    >>> _iso_seconds(pd.Series(pd.to_datetime(["2026-10-05 19:30:05", "2026-11-02 19:30:00"]))
    ...              .dt.tz_localize("Europe/London")).tolist()
    ['2026-10-05T19:30:05+01:00', '2026-11-02T19:30:00+00:00']
    """
    wall = col.dt.tz_localize(None)  # the local clock time
    utc = col.dt.tz_convert("UTC").dt.tz_localize(None)
    offset = (wall - utc).dt.total_seconds().fillna(0).astype("int64")

    def hh_mm(seconds: int) -> str:
        sign, seconds = ("+", seconds) if seconds >= 0 else ("-", -seconds)
        return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"

    stamps = np.datetime_as_string(wall.to_numpy().astype("datetime64[s]"), unit="s")
    offsets = offset.map({s: hh_mm(s) for s in offset.unique()})
    return pd.Series(stamps, index=col.index).astype(object) + offsets.astype(object)


def _serialise(df: pd.DataFrame, spec: TableSpec, where: str) -> pd.DataFrame:
    """Turn a generated frame into the exact text columns written to CSV."""
    names = [f.name for f in spec.fields]
    if list(df.columns) != names:
        raise DataError(f"{where}: generator produced columns {list(df.columns)}, schema says {names}")
    out = pd.DataFrame(index=df.index)
    for f in spec.fields:
        col = df[f.name]
        blank = col.isna()
        if f.type == "datetime":
            if getattr(col.dt, "tz", None) is None:
                raise DataError(f"{where}: column {f.name} must be time-zone aware")
            text = _iso_seconds(col)
        elif f.type == "date":
            text = pd.to_datetime(col).dt.strftime("%Y-%m-%d")
        elif f.type == "boolean":
            text = pd.Series(np.where(col.fillna(False).astype(bool), "true", "false"), index=col.index)
        elif f.type == "number":
            text = col.map(lambda x: "" if pd.isna(x) else f"{x:.6g}")
        elif f.type == "integer":
            text = (
                col.map(lambda x: "" if pd.isna(x) else str(int(x))) if blank.any() else col.astype("int64").astype(str)
            )
        else:
            text = col.fillna("").astype(str)
        out[f.name] = text.astype(object).where(~blank, "")
    return out


def write_tables(
    frames: dict[str, tuple[TableSpec, pd.DataFrame]], out_dir: Path, package_meta: dict, dictionary: str
) -> list[Path]:
    """Write every table, the data package and the dictionary, all or nothing.

    Everything is written to a temporary folder first; only when every file is complete are
    they moved into ``out_dir``. Files in ``out_dir`` that the kit does not generate are left
    alone.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".build-") as tmp:
        tmp = Path(tmp)
        resources = []
        for name, (spec, df) in frames.items():
            text = _serialise(df, spec, f"table {name}")
            text.to_csv(tmp / spec.path, index=False, lineterminator="\n")
            resources.append(spec.frictionless())
        package = dict(package_meta, resources=resources)
        (tmp / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n")
        (tmp / "README.md").write_text(dictionary)
        for item in sorted(tmp.iterdir()):
            target = out_dir / item.name
            os.replace(item, target)
            written.append(target)
    _package.cache_clear()
    _read.cache_clear()
    return written


# --------------------------------------------------------------------------- reading


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime_ns
    except FileNotFoundError:
        return -1


@lru_cache(maxsize=4)
def _package(path: Path, mtime: float) -> dict:
    if mtime == -1:
        raise DataError(f"{path}: data package not found; run `kit data build` to generate the datasets")
    try:
        package = json.loads(path.read_text())
        {r["name"]: r["schema"]["fields"] for r in package["resources"]}
    except (json.JSONDecodeError, KeyError, TypeError) as e:
        raise DataError(f"{path}: not a valid data package ({e}); run `kit data build` to regenerate") from None
    return package


def package() -> dict:
    """The data package (``datapackage.json``), read once and re-read when the file changes."""
    p = package_path()
    return _package(p, _mtime(p))


def tables() -> list[str]:
    """The names of every table in the data package."""
    return [r["name"] for r in package()["resources"]]


def _resource(name: str) -> dict:
    resources = package()["resources"]
    for r in resources:
        if r["name"] == name:
            return r
    names = ", ".join(r["name"] for r in resources)
    raise DataError(f"no table called {name!r} in {package_path()}; available: {names}")


def _parse(raw: pd.DataFrame, fields: list[dict], path: Path, tz: str) -> pd.DataFrame:
    expected = [f["name"] for f in fields]
    if list(raw.columns) != expected:
        missing = [c for c in expected if c not in raw.columns]
        extra = [c for c in raw.columns if c not in expected]
        detail = "; ".join(filter(None, [missing and f"missing {missing}", extra and f"unexpected {extra}"]))
        raise DataError(f"{path}: columns do not match the schema ({detail or 'wrong order'}); expected {expected}")
    out = {}
    for f in fields:
        name, kind = f["name"], f["type"]
        col = raw[name]
        blank = col.isna()
        if f.get("constraints", {}).get("required") and blank.any():
            row = int(blank.idxmax()) + 2
            raise DataError(f"{path}: column {name} is empty on line {row}; expected a {kind}")

        def bad(mask, what, name=name, col=col):
            row = int(mask.idxmax()) + 2
            raise DataError(f"{path}: column {name}, line {row}: {col[mask].iloc[0]!r} is not {what}")

        if kind == "integer":
            num = col if _is_number(col) else pd.to_numeric(col, errors="coerce")
            if (num.isna() & ~blank).any():
                bad(num.isna() & ~blank, "a whole number")
            out[name] = num.astype("Int64" if blank.any() or not f.get("constraints", {}).get("required") else "int64")
        elif kind == "number":
            num = col if _is_number(col) else pd.to_numeric(col, errors="coerce")
            if (num.isna() & ~blank).any():
                bad(num.isna() & ~blank, "a number")
            out[name] = num.astype("float64")
        elif kind == "boolean":
            if (~blank & ~col.isin(("true", "false"))).any():
                bad(~blank & ~col.isin(("true", "false")), "true or false")
            true = (col == "true").astype(bool)
            out[name] = true.astype("boolean").mask(blank) if blank.any() else true
        elif kind == "datetime":
            naive = ~blank & ~col.fillna("").str.contains(_OFFSET)
            if naive.any():
                bad(naive, "a time-zone-aware timestamp (expected an offset such as +01:00)")
            try:
                parsed = pd.to_datetime(col, format="ISO8601", utc=True)
            except (ValueError, TypeError):
                bad(~blank, "an ISO 8601 timestamp")
            out[name] = parsed.dt.tz_convert(tz)
        elif kind == "date":
            parsed = pd.to_datetime(col, format="%Y-%m-%d", errors="coerce")
            if (parsed.isna() & ~blank).any():
                bad(parsed.isna() & ~blank, "a date like 2026-10-05")
            out[name] = parsed
        else:
            enum = f.get("constraints", {}).get("enum")
            if enum:
                outside = ~blank & ~col.isin(enum)
                if outside.any():
                    bad(outside, f"one of {enum}")
                out[name] = pd.Categorical(col, categories=enum)
            else:
                out[name] = col.astype("string")
    return pd.DataFrame(out)


def _is_number(col: pd.Series) -> bool:
    """A column the CSV reader already parsed as numbers (see ``_read``), not text."""
    return pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)


def _numbers(fields: list[dict]) -> defaultdict:
    """read_csv dtypes: numeric fields parsed by the C reader (a required integer as int64, any
    other integer as Int64, a number as float64, as ``_parse`` would give them), the rest text."""

    def dtype(f):
        if f["type"] == "number":
            return "float64"
        return "int64" if f.get("constraints", {}).get("required") else "Int64"

    return defaultdict(lambda: str, {f["name"]: dtype(f) for f in fields if f["type"] in ("integer", "number")})


@lru_cache(maxsize=32)
def _read(path: Path, mtime: float, fields_json: str, tz: str) -> pd.DataFrame:
    """A table file, typed: parsed once per kernel (this cache), and once per file's contents on
    this machine (:func:`kept`: a new kernel reads the parsed table back in a few milliseconds)."""
    if mtime == -1:
        raise DataError(f"{path}: table file not found; run `kit data build` to generate the datasets")
    content = path.read_bytes()
    key = hashlib.sha256(
        f"{code_version()}|{fields_json}|{tz}|".encode() + hashlib.blake2b(content, digest_size=20).digest()
    ).hexdigest()[:32]
    table = kept("tables", f"{path.stem}-{key}")
    if table is None:
        table = _parse_csv(content, json.loads(fields_json), path, tz)
        keep("tables", f"{path.stem}-{key}", table)
    return table


def _parse_csv(content: bytes, fields: list[dict], path: Path, tz: str) -> pd.DataFrame:
    try:
        # numbers parsed by the C reader, ~5x faster than text then pd.to_numeric (the followers
        # table took 0.24 s); tests/test_data.py holds it to the text path's values, exactly
        raw = pd.read_csv(io.BytesIO(content), dtype=_numbers(fields), keep_default_na=False, na_values=[""])
    except (ValueError, OverflowError, TypeError):
        raw = None  # a value that is not a number, a blank required integer: the text path says where
    try:
        if raw is None:
            raw = pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, na_values=[""])
    except (pd.errors.ParserError, UnicodeDecodeError) as e:
        raise DataError(f"{path}: not a readable CSV file ({e})") from None
    except pd.errors.EmptyDataError:
        raise DataError(f"{path}: the file is empty; expected a CSV header and rows") from None
    return _parse(raw, fields, path, tz)


# --------------------------------------------------------------------------- kept between kernels

KEEP = 48  # tables kept in each cache folder, the most recently used


def cache_dir() -> Path:
    """The kit's folder in the user's cache (the offline chart bundle is kept there too).

    It holds parsed tables (``tables/``) and generated ones (``generated/``), each under a key of
    everything it was made from, so nothing in it can be stale; delete it at will.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "seminar-kit"


@lru_cache(maxsize=1)
def code_version() -> str:
    """What a kept table depends on besides its inputs: the source of the data layer and the
    generators (``kit/data.py``, ``kit/scenario.py``, ``kit/synth/``) and the versions of Python,
    NumPy and pandas (parsing, random streams, pickles). Empty if the source cannot be read."""
    here = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{sys.version_info[:2]}|{np.__version__}|{pd.__version__}".encode())
    try:
        for path in [here / "data.py", here / "scenario.py", *sorted((here / "synth").glob("*.py"))]:
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return ""
    return h.hexdigest()


def kept(folder: str, key: str) -> pd.DataFrame | None:
    """The table kept under ``key``, or None (none yet, no code version, half-written, unreadable)."""
    path = cache_dir() / folder / f"{key}.pickle"
    if not code_version():
        return None
    try:
        with open(path, "rb") as f:
            table = pickle.load(f)
    except Exception:
        return None
    try:
        os.utime(path)  # recently used: kept longest
    except OSError:  # a read-only cache (a grading sandbox reads the grader's): still a hit
        pass
    return table if isinstance(table, pd.DataFrame) else None


def keep(folder: str, key: str, table: pd.DataFrame) -> None:
    """Keep ``table`` under ``key`` for the next kernel. Best effort and atomic: a read-only home
    only means doing the work again next time."""
    if not code_version():
        return
    where = cache_dir() / folder
    try:
        where.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=where, suffix=".tmp", delete=False) as f:
            pickle.dump(table, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(f.name, where / f"{key}.pickle")
        tables = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in tables[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def load(name: str) -> pd.DataFrame:
    """Load one table as a typed DataFrame (a fresh copy: change it freely).

    Timestamps are time-zone aware in the scenario's zone; fixed vocabularies are categoricals;
    ``df.attrs`` records the source file and that the data is synthetic.
    """
    resource = _resource(name)
    path = data_dir() / resource["path"]
    df = _read(path, _mtime(path), json.dumps(resource["schema"]["fields"]), load_scenario().timezone).copy()
    df.attrs.update(table=name, source=str(path), synthetic=True)
    return df
