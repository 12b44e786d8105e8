import os

import pandas as pd
import pytest

from kit import data as kit_data
from kit.data import DataError, load, tables


def test_every_table_loads_typed():
    for name in tables():
        df = load(name)
        assert len(df) > 0, name
        assert df.attrs["synthetic"] is True
    posts = load("posts")
    assert str(posts["created_at"].dt.tz) == "Europe/London"
    assert isinstance(posts["kind"].dtype, pd.CategoricalDtype)
    assert posts["has_link"].dtype == bool
    assert posts["reply_to_post_id"].dtype == "Int64"
    assert pd.api.types.is_datetime64_any_dtype(load("accounts")["joined"])


def test_numbers_read_by_the_csv_reader_equal_the_text_path_exactly():
    """load() lets the C reader parse numeric columns; the values and dtypes are the text path's."""
    for r in kit_data.package()["resources"]:
        path, fields = kit_data.data_dir() / r["path"], r["schema"]["fields"]
        text = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        expected = kit_data._parse(text, fields, path, "Europe/London")
        got = kit_data._parse_csv(path.read_bytes(), fields, path, "Europe/London")
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_a_parsed_table_is_kept_per_contents_and_read_back_the_same(data_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = load("accounts")  # parsed, and kept
    assert len(list((kit_data.cache_dir() / "tables").glob("accounts-*.pickle"))) == 1

    def refuse(*args):
        raise AssertionError("parsed again")

    kit_data._read.cache_clear()  # as a new kernel
    with monkeypatch.context() as m:
        m.setattr(kit_data, "_parse_csv", refuse)
        again = load("accounts")  # read back, not parsed
    pd.testing.assert_frame_equal(again, first, check_exact=True)
    assert again.attrs == first.attrs
    _rewrite(
        data_copy / "accounts.csv",  # other contents: another key, parsed afresh
        lambda d: d.assign(followers_count=d["followers_count"].where(d.index != 0, "7")),
    )
    kit_data._read.cache_clear()
    assert load("accounts")["followers_count"].iloc[0] == 7
    for kept in (kit_data.cache_dir() / "tables").glob("accounts-*.pickle"):
        kept.write_bytes(b"half-written")  # damaged: parsed again, not trusted
    kit_data._read.cache_clear()
    assert load("accounts")["followers_count"].iloc[0] == 7


def test_a_blank_or_nan_count_is_still_named(data_copy):
    _rewrite(
        data_copy / "accounts.csv", lambda d: d.assign(followers_count=d["followers_count"].where(d.index != 2, ""))
    )
    with pytest.raises(DataError, match=r"accounts.csv: column followers_count is empty on line 4"):
        load("accounts")
    _rewrite(
        data_copy / "accounts.csv", lambda d: d.assign(followers_count=d["followers_count"].where(d.index != 2, "NaN"))
    )
    with pytest.raises(DataError, match=r"accounts.csv: column followers_count, line 4: 'NaN' is not a whole"):
        load("accounts")


def test_load_works_from_any_directory(tmp_path):
    here = os.getcwd()
    try:
        os.chdir(tmp_path)
        assert len(load("accounts")) > 0
    finally:
        os.chdir(here)


def test_load_returns_a_fresh_copy():
    a = load("accounts")
    a["handle"] = "changed"
    assert (load("accounts")["handle"] != "changed").all()


def test_unknown_table_lists_the_real_ones():
    with pytest.raises(DataError, match=r"no table called 'postz' .*available: accounts, posts"):
        load("postz")


def _rewrite(path, fn):
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    fn(df).to_csv(path, index=False)


def test_naive_timestamp_is_rejected_naming_the_file(data_copy):
    _rewrite(data_copy / "posts.csv", lambda d: d.assign(created_at=d["created_at"].str.slice(0, 19)))
    with pytest.raises(DataError, match=r"posts.csv: column created_at, line 2: .* time-zone-aware"):
        load("posts")


def test_wrong_column_is_rejected(data_copy):
    _rewrite(data_copy / "accounts.csv", lambda d: d.rename(columns={"handle": "username"}))
    with pytest.raises(
        DataError,
        match=r"accounts.csv: columns do not match the schema .*missing \['handle'\].*unexpected \['username'\]",
    ):
        load("accounts")


def test_bad_values_are_rejected(data_copy):
    _rewrite(data_copy / "posts.csv", lambda d: d.assign(kind=d["kind"].where(d.index != 3, "shout")))
    with pytest.raises(DataError, match=r"posts.csv: column kind, line 5: 'shout' is not one of"):
        load("posts")
    _rewrite(
        data_copy / "accounts.csv", lambda d: d.assign(followers_count=d["followers_count"].where(d.index != 0, "lots"))
    )
    with pytest.raises(DataError, match=r"accounts.csv: column followers_count, line 2: 'lots' is not a whole number"):
        load("accounts")


def test_missing_and_empty_files(data_copy):
    (data_copy / "follows.csv").unlink()
    with pytest.raises(DataError, match=r"follows.csv: table file not found; run `kit data build`"):
        load("follows")
    (data_copy / "follows.csv").write_text("")
    with pytest.raises(DataError, match=r"follows.csv: the file is empty"):
        load("follows")
    (data_copy / "datapackage.json").write_text("{not json")
    kit_data._package.cache_clear()
    with pytest.raises(DataError, match=r"datapackage.json: not a valid data package"):
        load("posts")


# --- in-memory generation: the same frames load() gives, writing nothing


def test_generate_gives_exactly_what_load_gives_and_writes_nothing(tmp_path, monkeypatch):
    from kit.scenario import load_scenario
    from kit.synth import generate

    monkeypatch.chdir(tmp_path)
    made = generate(load_scenario(), cache=False)
    assert list(tmp_path.iterdir()) == []
    assert sorted(made) == sorted(tables())
    for name, df in made.items():
        pd.testing.assert_frame_equal(df, load(name), check_exact=True, obj=name)
        assert df.attrs["synthetic"] is True


def test_generate_makes_only_the_tables_asked_for(monkeypatch):
    from kit import synth
    from kit.scenario import load_scenario

    def refuse(s):
        raise AssertionError("the followers generator ran for a town table")

    monkeypatch.setattr(synth.followers, "generate", refuse)
    town = synth.generate(load_scenario().with_assumptions(conversation_lift=0), cache=False)
    assert len(town["posts"]) and len(town["accounts"]) and len(town) == len(tables())
    with pytest.raises(KeyError, match="no table called 'postz'"):
        town["postz"]


def test_generated_tables_are_cached_per_scenario_and_read_back_the_same(tmp_path, monkeypatch):
    from kit import synth
    from kit.scenario import load_scenario

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    s = load_scenario().with_assumptions(conversation_lift=0)
    fresh = synth.generate(s, cache=False)["posts"]
    first = synth.generate(s)["posts"]  # made, and kept
    kept = list(synth.cache_dir().glob("posts-*.pickle"))
    assert len(kept) == 1
    calls = []
    monkeypatch.setattr(synth.town, "generate", lambda s: calls.append(s))
    again = synth.generate(s)["posts"]  # read back: the generator does not run
    assert calls == []
    for df in (first, again):
        pd.testing.assert_frame_equal(df, fresh, check_exact=True)
        assert df.attrs == fresh.attrs
    monkeypatch.undo()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    other = s.with_assumptions(conversation_lift=0.5)  # another key: made afresh
    assert not synth.generate(other)["posts"]["likes"].equals(fresh["likes"])
    assert len(list(synth.cache_dir().glob("posts-*.pickle"))) == 2
    kept[0].write_bytes(b"half-written")  # a damaged file is made again, not trusted
    pd.testing.assert_frame_equal(synth.generate(s)["posts"], fresh, check_exact=True)


def test_generate_follows_a_modified_scenario(data_copy):
    from kit.scenario import load_scenario
    from kit.synth import generate

    s = load_scenario().with_assumptions(conversation_lift=0)
    off = generate(s)["posts"]
    on = load("posts")
    assert len(off) == len(on) and (off["text"] == on["text"]).all()  # the same posts...
    assert (off["likes"] != on["likes"]).any()  # ...with engagement drawn without the lift
    assert str(off["created_at"].dt.tz) == s.timezone
