"""The private store of a learner's own imports (kit.private): owner-only, untracked, all or nothing."""

from __future__ import annotations

import os
import stat
import subprocess
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import private


def _export(platform="x", owner="@DorsetShop"):
    posts = pd.DataFrame(
        {
            "post_id": [1, 2, 3],
            "handle": ["@DorsetShop", "@DorsetShop", "@DorsetShop"],
            "created_at": pd.to_datetime(
                ["2025-01-01T09:00:00Z", "2025-03-30T00:30:00Z", "2025-10-26T01:30:00Z"], utc=True
            ),
            "kind": pd.Categorical(
                ["original", "reply", "retweet"], categories=["original", "reply", "retweet", "quote"]
            ),
            "reply_to_post_id": pd.array([None, 1, None], dtype="Int64"),
            "text": ['Thanks @Ana_B, "great" day,\nsee you', "@ana_b @zoe@dorset.example hi", ""],
            "mentions": ["@Ana_B", "@ana_b @zoe@dorset.example", None],
            "has_link": pd.array([True, False, None], dtype="boolean"),
            "likes": pd.array([3, None, 0], dtype="Int64"),
            "source": platform,
        }
    )
    connections = pd.DataFrame(
        {
            "first_name": ["Zoë", "Ana"],
            "last_name": ["Hardy", "Bell"],
            "email_address": ["zoe@example.org", None],
            "url": ["https://www.linkedin.example/in/zoe", None],
        }
    )
    return SimpleNamespace(
        platform=platform,
        owner=owner,
        cannot_tell=["X archives hold ids only"],
        tables={"posts": posts, "connections": connections},
    )


def test_a_saved_import_comes_back_with_every_value_and_type(tmp_path):
    exp = _export()
    private.save(exp, tmp_path, source="/somewhere/twitter-2025.zip")
    back = private.load("x", tmp_path)
    assert (back.platform, back.owner, back.cannot_tell, back.source) == (
        "x",
        "@DorsetShop",
        ["X archives hold ids only"],
        "twitter-2025.zip",
    )
    for name, df in exp.tables.items():
        got = back.tables[name]
        assert list(got.columns) == list(df.columns)
        pd.testing.assert_frame_equal(got, df, check_dtype=False)
        assert [str(t) for t in got.dtypes] == [str(t) for t in df.dtypes], name
    assert back.tables["posts"]["text"][2] == ""  # an empty text is not a missing one
    assert private.imported(tmp_path) == ["x"]


def test_the_private_folder_is_owner_only_and_git_never_tracks_it(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    private.save(_export(), tmp_path / "my-work", pseudonymise=True)
    folder = tmp_path / "my-work" / "private"
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert stat.S_IMODE((folder / ".salt").stat().st_mode) == 0o600
    status = subprocess.run(
        ["git", "-C", str(tmp_path), "status", "--porcelain", "--untracked-files=all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "private" not in status, status
    assert (tmp_path / "my-work" / "private" / "imports" / "x" / "posts.json").is_file()


def test_a_failed_import_leaves_the_last_one_and_no_half_written_folder(tmp_path, monkeypatch):
    private.save(_export(), tmp_path)
    calls = {"n": 0}
    real = private._write_table

    def second_table_fails(path, df):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(path, df)

    monkeypatch.setattr(private, "_write_table", second_table_fails)
    newer = _export(owner="@Newer")
    with pytest.raises(OSError):
        private.save(newer, tmp_path)
    monkeypatch.undo()
    assert private.load("x", tmp_path).owner == "@DorsetShop"
    leftovers = [p.name for p in (tmp_path / "private" / "imports").iterdir()]
    assert leftovers == ["x"], leftovers


def test_pseudonyms_hide_handles_names_and_mentions_and_stay_stable(tmp_path):
    exp = _export()
    private.save(exp, tmp_path, pseudonymise=True)
    back = private.load("x", tmp_path)
    assert back.pseudonymised
    on_disk = b"".join(p.read_bytes() for p in (tmp_path / "private" / "imports" / "x").iterdir())
    for secret in ("DorsetShop", "Ana_B", "ana_b", "zoe@dorset", "Zoë", "Hardy", "zoe@example.org", "linkedin.example"):
        assert secret.encode() not in on_disk, secret
    posts = back.tables["posts"]
    ana = private.pseudonym("@Ana_B", tmp_path)
    assert ana == private.pseudonym("ana_b", tmp_path)  # case and @ do not matter
    assert posts["mentions"][0] == ana and posts["mentions"][1].split()[0] == ana
    assert posts["text"][0].startswith(f"Thanks {ana}, ")  # the rest of the text is kept
    assert posts["handle"].nunique() == 1 and back.owner == posts["handle"][0]
    assert set(back.tables["connections"].columns) == {"first_name", "last_name"}  # email, URL dropped
    again = private.pseudonymise(exp, tmp_path)  # the same salt: the same pseudonyms
    assert again.tables["posts"]["mentions"].tolist()[:2] == posts["mentions"].tolist()[:2]
    other = tmp_path / "another-workspace"
    assert private.pseudonym("@Ana_B", other) != ana  # another workspace, another salt


def test_forget_deletes_every_import_and_the_salt(tmp_path):
    private.save(_export("x"), tmp_path, pseudonymise=True)
    private.save(_export("mastodon"), tmp_path)
    assert private.imported(tmp_path) == ["mastodon", "x"]
    assert [p.name for p in private.forget(tmp_path)] == ["mastodon", "x"]
    assert private.imported(tmp_path) == []
    assert not (tmp_path / "private" / ".salt").exists()
    assert private.forget(tmp_path) == []  # nothing left: not an error


def test_loading_says_what_to_do_when_nothing_or_several_are_imported(tmp_path):
    with pytest.raises(private.PrivateError, match=r"nothing imported yet; run `uv run kit import PATH`"):
        private.load(workspace=tmp_path)
    private.save(_export("x"), tmp_path)
    private.save(_export("bluesky"), tmp_path)
    with pytest.raises(private.PrivateError, match=r"several imports \(bluesky, x\): say which"):
        private.load(workspace=tmp_path)
    with pytest.raises(private.PrivateError, match=r"no mastodon import .* imported: bluesky, x"):
        private.load("mastodon", tmp_path)
    assert private.load("bluesky", tmp_path).platform == "bluesky"
