"""The data agrees with itself: every table, every relation, on every test scenario.

Keys are unique and references resolve (from each table's schema); the text of a post and its
entity columns say the same; replies and shares point at earlier posts; and every count that
another table can recount agrees with it, or is at least it where the column is a platform total
(as its description in the data dictionary says).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kit.data import load
from kit.scenario import load_scenario
from kit.synth import specs
from kit.synth.followers import window
from kit.synth.town import hashtags_in, mentions_in

from .conftest import DATASETS
from .scenarios import SCENARIOS, built, use

SPECS = specs()


@pytest.fixture(scope="module", params=list(SCENARIOS))
def scenario(request):
    folder = DATASETS if request.param == "default" else built()[request.param]
    with use(folder):
        yield request.param


@pytest.fixture
def t(scenario):
    class Tables(dict):
        def __missing__(self, name):
            self[name] = load(name)
            return self[name]

    return Tables()


# --------------------------------------------------------------------------- every table's schema


def test_only_event_logs_go_without_a_primary_key():
    assert [n for n, spec in SPECS.items() if not spec.primary_key] == ["linkedin_activity"]


@pytest.mark.parametrize("name", [n for n, spec in SPECS.items() if spec.primary_key])
def test_primary_key_is_unique_and_complete(t, name):
    spec = SPECS[name]
    df = t[name]
    key = list(spec.primary_key)
    assert df[key].notna().all().all(), f"{name}: empty key values"
    assert not df.duplicated(key).any(), f"{name}: duplicate {key}"


FOREIGN = [(name, col, table, ref) for name, spec in SPECS.items() for col, table, ref in spec.foreign_keys]


@pytest.mark.parametrize("name, col, table, ref", FOREIGN, ids=[f"{n}.{c}->{tb}.{r}" for n, c, tb, r in FOREIGN])
def test_every_reference_resolves(t, name, col, table, ref):
    values = t[name][col].dropna()
    missing = ~values.isin(t[table][ref])
    assert len(values) and not missing.any(), f"{name}.{col}: {values[missing].head().tolist()} not in {table}.{ref}"


@pytest.mark.parametrize("name", list(SPECS))
def test_required_columns_are_filled_and_enums_hold(t, name):
    df = t[name]
    for f in SPECS[name].fields:
        if f.required:
            assert df[f.name].notna().all(), f"{name}.{f.name} has empty values"
        if f.enum:
            assert df[f.name].dropna().astype(str).isin(f.enum).all(), f"{name}.{f.name}"


# --------------------------------------------------------------------------- posts: text and columns


def _split(col: pd.Series) -> pd.Series:
    return col.fillna("").astype(str)


@pytest.mark.parametrize("column, parse", [("mentions", mentions_in), ("hashtags", hashtags_in)])
def test_every_entity_in_the_text_is_in_its_column_and_back(t, column, parse):
    posts = t["posts"]
    from_text = posts["text"].astype(str).map(parse)
    bad = from_text != _split(posts[column])
    assert not bad.any(), posts.loc[bad, ["text", column]].head().to_dict("records")
    # and the simple filters a learner writes agree: text contains the tag <=> the column has it
    tag = load_scenario().hashtag
    by_text = posts["text"].str.contains(tag, regex=False)
    by_column = _split(posts["hashtags"]).str.split().map(lambda tags: tag in tags)
    assert (by_text == by_column).all()
    assert ((posts["text"].str.contains("@", regex=False)) == posts["mentions"].notna()).all()


def test_has_link_says_whether_the_text_has_one(t):
    posts = t["posts"]
    assert (posts["text"].str.contains("https://", regex=False) == posts["has_link"]).all()


def test_authors_handles_match_the_accounts(t):
    posts, accounts = t["posts"], t["accounts"]
    handle = posts["account_id"].map(accounts.set_index("account_id")["handle"])
    assert (handle == posts["handle"]).all()


@pytest.mark.parametrize("ref, kinds", [("reply_to_post_id", {"reply"}), ("shared_post_id", {"retweet", "quote"})])
def test_replies_and_shares_point_at_earlier_posts(t, ref, kinds):
    posts = t["posts"].set_index("post_id")
    has = posts[ref].notna()
    assert set(posts.loc[has, "kind"].astype(str)) == kinds, "only the right kinds carry the reference"
    assert posts.loc[posts["kind"].isin(kinds), ref].notna().all(), "every post of those kinds has one"
    target = posts.loc[has, ref].astype(int)
    assert target.isin(posts.index).all()
    earlier = posts.loc[target.to_numpy(), "created_at"].to_numpy() < posts.loc[has, "created_at"].to_numpy()
    assert earlier.all(), f"{(~earlier).sum()} posts answer or share a post made after them"


def test_shares_are_of_originals_and_retweets_repeat_them(t):
    posts = t["posts"].set_index("post_id")
    shared = posts[posts["shared_post_id"].notna()]
    original = posts.loc[shared["shared_post_id"].astype(int).to_numpy()]
    assert (original["kind"].astype(str) != "retweet").all(), "sharing a retweet shares its original"
    assert (original["account_id"].to_numpy() != shared["account_id"].to_numpy()).all(), "nobody shares their own post"
    rt = shared["kind"] == "retweet"
    assert (shared.loc[rt, "text"].to_numpy() == original.loc[rt.to_numpy(), "text"].to_numpy()).all()
    assert (shared.loc[rt, "content"] == "share").all()


def test_conversation_without_a_mention_exists_and_so_do_mentions_outside_conversation(t):
    """Discrimination needs both: replies and quotes with no @, and originals with one."""
    posts = t["posts"]
    none = posts["mentions"].isna()
    for kind in ("reply", "quote", "retweet"):
        assert (none & (posts["kind"] == kind)).any(), f"every {kind} carries a mention"
    assert (~none & (posts["kind"] == "original")).any()


@pytest.mark.parametrize(
    "column, kind, ref", [("replies", "reply", "reply_to_post_id"), ("retweets", "retweet", "shared_post_id")]
)
def test_engagement_counts_are_at_least_the_rows_in_the_sample(t, column, kind, ref):
    posts = t["posts"]
    rows = posts.loc[posts["kind"] == kind, ref].value_counts()
    counted = posts.set_index("post_id")[column]
    assert (counted.reindex(rows.index) >= rows).all()
    assert (counted.loc[rows.index] > 0).all()


# --------------------------------------------------------------------------- accounts and follows


@pytest.mark.parametrize("column, edge", [("followers_count", "followed_id"), ("following_count", "follower_id")])
def test_profile_counts_are_platform_totals_at_least_the_sampled_edges(t, column, edge):
    accounts, follows = t["accounts"].set_index("account_id"), t["follows"]
    rows = follows[edge].value_counts().reindex(accounts.index, fill_value=0)
    assert (accounts[column] >= rows).all()
    hub = accounts.index[accounts["kind"] == "hub"][0]
    if column == "followers_count":  # the hub's profile total is far above its rows in the sample
        assert accounts.at[hub, column] > 2 * rows[hub]
    text = (DATASETS / "README.md").read_text()
    assert f"| `{column}` |" in text and "at least" in text.split(f"| `{column}` |")[1].split("\n")[0]


def test_nobody_follows_themselves(t):
    f = t["follows"]
    assert (f["follower_id"] != f["followed_id"]).all()


# --------------------------------------------------------------------------- followers of the sample accounts


def test_sample_accounts_count_their_follower_rows(t):
    sample, followers = t["sample_accounts"].set_index("handle"), t["followers"]
    rows = followers["account"].astype(str).value_counts()
    assert (sample["followers_in_sample"] == rows.reindex(sample.index)).all()
    assert (sample["followers_count"] >= sample["followers_in_sample"]).all()
    complete = sample["role"].isin(["celebrity", "brand"]) == False  # noqa: E712
    assert (sample.loc[complete, "followers_count"] == sample.loc[complete, "followers_in_sample"]).all()


def test_account_stats_agree_with_the_sample_accounts_and_their_followers(t):
    s = load_scenario()
    sample = t["sample_accounts"].set_index("handle")
    stats = t["account_stats"].set_index("handle").loc[sample.index]
    assert (stats["followers"] == sample["followers_count"]).all()
    assert (stats["posts_90d"] == sample["posts_90d"]).all()
    assert (stats["replies_sent_90d"] == sample["replies_sent_90d"]).all()
    f = t["followers"]
    start, _ = window(s)
    scale = sample["followers_count"] / sample["followers_in_sample"]
    new = (f["followed_on"] >= pd.Timestamp(start)).groupby(f["account"].astype(str)).sum()
    assert (stats["new_followers_90d"] == (new.reindex(sample.index) * scale).round().astype(int)).all()
    complete = scale == 1
    assert complete.sum() == 5
    for col, src in (("likes_received", "likes"), ("retweets_received", "retweets"), ("replies_received", "replies")):
        given = f[src].groupby(f["account"].astype(str)).sum().reindex(sample.index)
        assert (stats.loc[complete, col] >= given[complete]).all(), col


def test_follower_ages_and_dates_fit_the_window(t):
    s = load_scenario()
    start, end = window(s)
    f = t["followers"]
    days_since = (pd.Timestamp(end) - f["followed_on"]).dt.days
    assert (f["followed_on"] <= pd.Timestamp(end)).all()
    assert (f["account_age_days"] > days_since).all(), "an account exists before it follows anyone"
    truth = t["follower_truth"]
    assert sorted(truth["follower_id"]) == sorted(f["follower_id"])
    bought = f[f["follower_id"].isin(truth.loc[truth["bought"], "follower_id"])]
    assert bought["account"].nunique() <= 1 and (bought["followed_on"].max() - bought["followed_on"].min()).days <= 2


def test_enquiries_come_from_the_accounts_followers_after_they_followed(t):
    s = load_scenario()
    start, end = window(s)
    e = t["enquiries"].merge(t["followers"], on="follower_id", suffixes=("", "_f"))
    assert len(e) == len(t["enquiries"])
    assert (e["account"].astype(str) == e["account_f"].astype(str)).all()
    assert (e["enquired_on"] >= e["followed_on"]).all()
    assert e["enquired_on"].between(pd.Timestamp(start), pd.Timestamp(end)).all()
    assert (e["value_gbp"].notna() == e["became_customer"]).all()
    sells = t["sample_accounts"].set_index("handle")["sells_to_followers"]
    assert e["account"].astype(str).map(sells).all()
    bots = t["follower_truth"].set_index("follower_id")["is_bot"]
    assert not e["follower_id"].map(bots).any()


# --------------------------------------------------------------------------- LinkedIn-style log


def test_linkedin_log_and_outcomes_agree(t):
    s = load_scenario()
    act, out, members = t["linkedin_activity"], t["linkedin_outcomes"], t["linkedin_members"]
    q0 = pd.Timestamp(s.quarter_start)
    assert act["date"].between(q0, q0 + pd.Timedelta(days=7 * 13 - 1)).all()
    assert (out["quarter_start"] == q0).all()
    assert sorted(out["member_id"]) == sorted(members["member_id"])
    messages = (act["action"] == "message").groupby(act["member_id"]).sum()
    conv = out.set_index("member_id")["conversations"]
    assert (conv <= messages.reindex(conv.index, fill_value=0)).all()


def test_the_scenarios_hours_hold_posts_and_the_clock_time_recurs_on_other_days(t):
    """Posts at the hour's clock time exist on days without the hour (the date filter matters)."""
    s = load_scenario()
    local = t["posts"]["created_at"]
    clock = local.dt.strftime("%H:%M:%S")
    at_clock = (clock >= f"{s.start:%H:%M:%S}") & (clock < f"{s.end:%H:%M:%S}")
    on_evening = local.dt.date.isin(s.evenings())
    assert (at_clock & on_evening).sum() > 100
    assert (at_clock & ~on_evening).sum() >= 20
    assert np.isin(local.dt.date.unique(), s.evenings()).mean() < 0.5
    assert isinstance(s.first_date, dt.date)
