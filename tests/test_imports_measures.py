"""The measures of workshops 01 and 02 run unchanged on imported tables (kit.social's functions)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kit import social
from kit.imports import read_export
from tests.test_imports_bluesky import repository

FIXTURES = Path(__file__).parent / "fixtures" / "exports"


@pytest.mark.parametrize("source", ["x", "mastodon", "bluesky"])
def test_posts_and_follows_measures(tmp_path, source):
    if source == "bluesky":
        (tmp_path / "repo.car").write_bytes(repository())
        exp = read_export(tmp_path / "repo.car")
    else:
        exp = read_export(FIXTURES / source)
    posts, follows = exp.tables["posts"], exp.tables["follows"]
    styles = social.classify_posts(posts)
    assert set(styles) <= {"conversation", "broadcast"} and (styles == "conversation").any()
    accounts = exp.tables["accounts"].assign(kind=lambda a: np.where(a["account_id"] == 1, "business", "resident"))
    ratio = social.social_ratio(posts, accounts)
    assert list(ratio.index) == [exp.owner] and 0 < ratio.iloc[0] <= 1
    r = social.reciprocity(follows)
    assert np.isnan(r) if follows.empty else 0 <= r <= 1


def test_linkedin_activity_profile():
    act = read_export(FIXTURES / "linkedin").tables["linkedin_activity"]
    profile = social.activity_profile(act, threshold=3)
    assert profile.loc[1, "active_actions"] == 5 and profile.loc[1, "passive_actions"] == 4
    assert profile.loc[1, "style"] == "active"
