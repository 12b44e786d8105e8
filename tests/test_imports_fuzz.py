"""Fuzzing: valid fixtures mutated by Hypothesis (cut short, bytes flipped or inserted, keys
dropped, values swapped for other types) must read as an Export or fail as an ExportError,
never any other exception (no KeyError, TypeError, UnicodeDecodeError... leaking out).

The same 60 examples per test on every run, so a run of the suite (CI's too) never fails on a
new random draw. To hunt for more, draw many new ones::

    KIT_FUZZ_EXAMPLES=5000 uv run pytest tests/test_imports_fuzz.py -n 0 --hypothesis-seed=7

(Random draws found three readers' slips on 2026-12-08: a lone CR in Mastodon's
following_accounts.csv in an ordinary run; at 5,000, an X mention whose ``indices`` was ``{}`` and
a Bluesky tree link that decoded as a list.)
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.imports import Export, ExportError, read_export
from tests.test_imports_bluesky import repository

FIXTURES = Path(__file__).parent / "fixtures" / "exports"
HUNT = int(os.environ.get("KIT_FUZZ_EXAMPLES", "0"))  # > 0: that many new random examples per test
SETTINGS = settings(
    max_examples=HUNT or 60, derandomize=not HUNT, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _members(platform: str) -> dict[str, bytes]:
    folder = FIXTURES / platform
    return {f.relative_to(folder).as_posix(): f.read_bytes() for f in sorted(folder.rglob("*")) if f.is_file()}


MEMBERS = {p: _members(p) for p in ("x", "linkedin", "mastodon", "x-old", "linkedin-old")}
CAR = repository()


def _pack(platform: str, members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    if platform == "mastodon":
        with tarfile.open(fileobj=buf, mode="w:gz") as t:
            for name, data in members.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                t.addfile(info, io.BytesIO(data))
    else:
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
    return buf.getvalue()


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"export{suffix}"
        path.write_bytes(data)
        try:
            result = read_export(path, include_private=True)
        except ExportError as e:
            assert str(e) and "\n" not in str(e)
            return
        assert isinstance(result, Export)


@st.composite
def byte_damage(draw, data: bytes) -> bytes:
    how = draw(st.sampled_from(["truncate", "flip", "insert", "delete"]))
    at = draw(st.integers(0, max(len(data) - 1, 0)))
    if how == "truncate":
        return data[:at]
    if how == "flip":
        return data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1 :]
    if how == "insert":
        return data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    return data[:at] + data[at + draw(st.integers(1, 64)) :]


_ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-2, 10**20),
    st.text(max_size=12),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def _spots(value, path=()):
    """Every (path) to a dict key or list item in a JSON value."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield (*path, k)
            yield from _spots(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield (*path, i)
            yield from _spots(v, (*path, i))


@st.composite
def json_damage(draw, value):
    """Drop a key (or item) somewhere, or set it to a value of another type."""
    value = json.loads(json.dumps(value))
    spots = list(_spots(value))
    if not spots:
        return value
    spot = draw(st.sampled_from(spots))
    parent = value
    for step in spot[:-1]:
        parent = parent[step]
    if draw(st.booleans()):
        del parent[spot[-1]]
    else:
        parent[spot[-1]] = draw(_ODD)
    return value


def _js_parts(text: str) -> tuple[str, str]:
    at = text.index("=") + 1
    return text[:at] + " ", text[at:]


@SETTINGS
@given(st.sampled_from(sorted(MEMBERS)), st.data())
def test_a_damaged_member_reads_or_fails_as_export_error(platform, data):
    members = dict(MEMBERS[platform])
    name = data.draw(st.sampled_from(sorted(members)))
    raw = members[name]
    if name.endswith((".js", ".json")) and data.draw(st.booleans()):
        text = raw.decode("utf-8")
        prefix, body = _js_parts(text) if name.endswith(".js") else ("", text)
        try:
            value = json.loads(body)
        except json.JSONDecodeError:  # a manifest with trailing commas: damage its bytes instead
            members[name] = data.draw(byte_damage(raw))
        else:
            members[name] = (prefix + json.dumps(data.draw(json_damage(value)))).encode()
    else:
        members[name] = data.draw(byte_damage(raw))
    _read(_pack(platform, members), ".tar.gz" if platform == "mastodon" else ".zip")


@SETTINGS
@given(st.sampled_from(["x", "linkedin", "mastodon", "car"]), st.data())
def test_a_damaged_archive_or_car_reads_or_fails_as_export_error(platform, data):
    whole = CAR if platform == "car" else _pack(platform, MEMBERS[platform])
    _read(data.draw(byte_damage(whole)), ".bin")


@SETTINGS
@given(st.data())
def test_a_damaged_car_record_reads_or_fails_as_export_error(data):
    """Flip bytes inside the CAR's blocks (past its header): records, tree nodes, the commit."""
    at = data.draw(st.integers(60, len(CAR) - 1))
    flipped = CAR[:at] + bytes([CAR[at] ^ data.draw(st.integers(1, 255))]) + CAR[at + 1 :]
    _read(flipped, ".car")
