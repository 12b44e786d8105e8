"""Tests for kit.party: the cocktail-party model and the Davis helpers.

Each behavioural test averages over several seeds, so it checks a rule of
the model rather than one lucky party.
"""

import inspect

import numpy as np
import pandas as pd
import pytest

from kit import party

SEEDS = range(5)


def mean_by_persona(column, seeds=SEEDS, **kwargs):
    """Mean of a guests column per persona, pooled over several seeds."""
    frames = [party.simulate(seed=s, **kwargs).guests for s in seeds]
    g = pd.concat(frames, ignore_index=True)
    return g.groupby("persona", observed=True)[column].mean()


def pooled_by_persona(seeds=SEEDS, **kwargs):
    frames = [party.simulate(seed=s, **kwargs).by_persona() for s in seeds]
    return sum(frames) / len(frames)


# --------------------------------------------------------------------------
# Group size (Dunbar et al. 1995)
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs",
    [
        dict(guests=40, minutes=90),
        dict(guests=400, minutes=60),
        dict(guests=500, minutes=30, mix={"butterfly": 1}),  # maximum joining pressure
        dict(guests=60, minutes=40, evenings=3),
    ],
)
def test_group_size_never_above_four(kwargs):
    for seed in SEEDS:
        r = party.simulate(seed=seed, **kwargs)
        conv = r.conversations
        assert conv["size"].max() <= 4
        assert conv["size"].min() >= 2
        assert party.max_group_size(conv) <= 4
        assert (conv["members"].map(len) == conv["size"]).all()
        # nobody is in two conversations in the same minute
        exploded = conv.explode("members")
        assert not exploded.duplicated(["evening", "minute", "members"]).any()
        # the cap is really hit: groups of four do form (else the test is vacuous)
        assert (conv["size"] == 4).any()


def test_group_cap_test_would_catch_a_broken_rule(monkeypatch):
    monkeypatch.setattr(party, "MAX_GROUP", 6)
    r = party.simulate(guests=300, minutes=30, mix={"butterfly": 1}, seed=0)
    assert party.max_group_size(r.conversations) > 4


def test_fifth_joiner_splits_groups():
    # splits happen: some guest goes from a group of 4 to a group of 2 or 3
    # with new or fewer members, without having left (their group got split)
    r = party.simulate(guests=200, minutes=60, mix={"butterfly": 1, "conversationalist": 1})
    labels = r.labels[0]
    sizes = np.zeros_like(labels)
    for t in range(labels.shape[0]):
        row = labels[t]
        counts = np.bincount(row[row >= 0])
        sizes[t, row >= 0] = counts[row[row >= 0]]
    assert sizes.max() == 4
    assert (sizes[:-1] == 4).any()


# --------------------------------------------------------------------------
# Personas and outcomes
# --------------------------------------------------------------------------
def test_broadcaster_liked_less_than_conversationalist():
    liked = mean_by_persona("liked_by", guests=100, minutes=90, evenings=2)
    assert liked["broadcaster"] < liked["conversationalist"]
    # also per seed on the continuous score, not just on the threshold
    for seed in SEEDS:
        t = party.simulate(guests=100, seed=seed).ties
        both = pd.concat(
            [
                t[["persona_b", "liking_a_to_b"]].set_axis(["persona", "liking"], axis=1),
                t[["persona_a", "liking_b_to_a"]].set_axis(["persona", "liking"], axis=1),
            ]
        ).groupby("persona")["liking"].mean()
        assert both["broadcaster"] < both["conversationalist"]


def test_impostor_trust_falls_with_evenings():
    trust1 = mean_by_persona("mean_trust_received", guests=60, evenings=1)
    trust4 = mean_by_persona("mean_trust_received", guests=60, evenings=4)
    ratio1 = trust1["impostor"] / trust1["conversationalist"]
    ratio4 = trust4["impostor"] / trust4["conversationalist"]
    # claims buy early interest, exposure destroys it later
    assert ratio1 > 1
    assert ratio4 < 0.5 * ratio1
    exposed1 = pooled_by_persona(guests=60, evenings=1)["share_exposed"]
    exposed4 = pooled_by_persona(guests=60, evenings=4)["share_exposed"]
    assert exposed4["impostor"] > exposed1["impostor"]
    # honest personas are never exposed
    assert exposed4.drop("impostor").eq(0).all()


def test_impostor_gets_early_interest():
    liked = mean_by_persona("liked_by", guests=100, evenings=1)
    assert liked["impostor"] > liked["conversationalist"]


def test_conversationalist_builds_most_trust_over_evenings():
    trusted = mean_by_persona("trusted_by", seeds=range(3), guests=40, evenings=6)
    assert trusted.idxmax() == "conversationalist"
    assert trusted["conversationalist"] > 0
    assert trusted["impostor"] < 0.25 * trusted["conversationalist"]


def test_wallflowers_meet_fewer_people_than_butterflies():
    met = mean_by_persona("people_met", guests=80)
    assert met["wallflower"] < met["butterfly"]
    assert met.idxmin() == "wallflower"


def test_butterflies_meet_many_but_are_remembered_by_a_smaller_share():
    bp = pooled_by_persona(guests=100)
    assert bp.loc["butterfly", "people_met"] > bp.loc["conversationalist", "people_met"]
    assert bp.loc["butterfly", "share_remembered"] < bp.loc["conversationalist", "share_remembered"]


def test_short_chats_are_forgotten():
    t = party.simulate(guests=60, seed=2).ties
    one_minute = t[t["minutes_together"] == 1]
    assert len(one_minute) > 0
    assert not one_minute["knows"].any()
    assert party.share_forgotten(t, None) > 0
    assert (t.loc[t["knows"], "attention_minutes"] >= party.KNOW_MINUTES).all()


def test_funnel_is_monotonic():
    r = party.simulate(guests=40, evenings=6, seed=1)
    t = r.ties
    assert t["trusts"].any(), "need some trust for the test to mean something"
    assert not (t["likes"] & ~t["knows"]).any()
    assert not (t["trusts"] & ~t["likes"]).any()
    assert not (t["a_likes_b"] & ~t["knows"]).any()
    assert not (t["b_trusts_a"] & ~t["b_likes_a"]).any()
    counts = party.funnel_counts(t)
    assert list(counts.index) == ["talked", "knows", "likes", "trusts"]
    assert counts.is_monotonic_decreasing
    g = r.guests
    assert (g["trusted_by"] <= g["liked_by"]).all()
    assert (g["liked_by"] <= g["remembered_by"]).all()
    assert (g["remembered_by"] <= g["people_met"]).all()
    # continuous scores agree with the flags
    assert (t["familiarity"].between(0, 1)).all()
    assert (t.loc[~t["trusts"], "trust"] < 1).all()


def test_minutes_talking_and_listening_add_up():
    r = party.simulate(guests=30, minutes=50, seed=4)
    g = r.guests
    in_conv = (r.labels >= 0).sum(axis=(0, 1))
    np.testing.assert_allclose(g["minutes_talking"] + g["minutes_listening"], in_conv)
    by = g.groupby("persona", observed=True)
    share = by["minutes_talking"].sum() / (by["minutes_talking"].sum() + by["minutes_listening"].sum())
    assert share["broadcaster"] > share["conversationalist"]


# --------------------------------------------------------------------------
# Personas are data
# --------------------------------------------------------------------------
def test_default_table_has_expected_columns():
    table = party.personas_table()
    for col in ("join_rate", "talk_share", "stay_minutes", "claim", "honesty",
                "description", "online_twin"):
        assert col in table.columns
    assert set(table.index) == {"wallflower", "broadcaster", "butterfly",
                                "conversationalist", "impostor"}
    table.loc["wallflower", "join_rate"] = 0.99
    assert party.DEFAULT_PERSONAS.loc["wallflower", "join_rate"] != 0.99


def test_no_persona_names_in_the_simulation_code():
    code = "".join(
        inspect.getsource(f)
        for f in (party._one_minute, party.simulate, party._build_result,
                  party._like_matrix, party._favourites)
    )
    for name in party.DEFAULT_PERSONAS.index:
        assert name not in code


def test_adding_a_persona_row_works():
    table = party.personas_table()
    table.loc["listener"] = [0.3, 0.1, 10.0, 0.0, 1.0, "Asks and listens.", "Answers questions."]
    bp = pooled_by_persona(guests=60, personas=table, evenings=2)
    assert "listener" in bp.index
    assert bp.loc["listener", "n"] == 10
    # a listener is liked more than a broadcaster: the row's numbers matter
    assert bp.loc["listener", "liked_by"] > bp.loc["broadcaster", "liked_by"]


def test_persona_column_instead_of_index_and_missing_text_columns():
    table = pd.DataFrame({"persona": ["quiet", "loud"], "join_rate": [0.1, 0.5],
                          "talk_share": [0.2, 0.9], "stay_minutes": [5, 5],
                          "claim": [0, 0], "honesty": [1, 1]})
    r = party.simulate(guests=10, minutes=20, personas=table)
    assert set(r.guests["persona"]) == {"quiet", "loud"}
    assert (r.personas["description"] == "").all()


def test_mix_largest_remainder_and_assignment():
    def counts(r):
        c = r.guests["persona"].value_counts()
        return c[c > 0].to_dict()

    r = party.simulate(guests=10, minutes=5, mix={"conversationalist": 2, "impostor": 1})
    assert counts(r) == {"conversationalist": 7, "impostor": 3}
    # a tie in the remainders goes to the persona listed first in the table
    r = party.simulate(guests=5, minutes=5, mix={"butterfly": 1, "wallflower": 1})
    assert counts(r) == {"wallflower": 3, "butterfly": 2}
    names = ["impostor", "wallflower", "butterfly", "impostor"]
    r = party.simulate(minutes=5, assignment=names)
    assert list(r.guests["persona"]) == names


def test_tournament_ranks_entries():
    entries = pd.DataFrame({"persona": ["listener", "shouter"], "join_rate": [0.3, 0.3],
                            "talk_share": [0.15, 0.95], "stay_minutes": [12.0, 12.0],
                            "claim": [0.0, 0.0], "honesty": [1.0, 1.0]})
    board = party.tournament(entries, guests_per_entry=5, minutes=60, evenings=3,
                             seeds=range(3))
    assert list(board["rank"]) == list(range(1, len(board) + 1))
    assert set(board.loc[board["is_entry"], "entry"]) == {"listener", "shouter"}
    assert board["trusted_by"].is_monotonic_decreasing
    rank = board.set_index("entry")["rank"]
    assert rank["listener"] < rank["shouter"]
    assert (board.loc[board["is_entry"], "guests"] == 15).all()


# --------------------------------------------------------------------------
# Reproducibility
# --------------------------------------------------------------------------
def test_same_seed_same_party_different_seed_different_party():
    a = party.simulate(guests=50, minutes=40, evenings=2, seed=7)
    b = party.simulate(guests=50, minutes=40, evenings=2, seed=7)
    c = party.simulate(guests=50, minutes=40, evenings=2, seed=8)
    pd.testing.assert_frame_equal(a.guests, b.guests)
    pd.testing.assert_frame_equal(a.ties, b.ties)
    pd.testing.assert_frame_equal(a.conversations, b.conversations)
    assert not a.guests.equals(c.guests)
    assert not a.conversations.equals(c.conversations)


def test_result_tables_are_tidy():
    r = party.simulate(guests=20, minutes=30, seed=0)
    conv = r.conversations
    assert list(conv.columns) == ["evening", "minute", "group", "members", "size"]
    assert conv["minute"].between(1, 30).all()
    t = r.ties
    assert (t["guest_a"] < t["guest_b"]).all()
    assert not t.duplicated(["guest_a", "guest_b"]).any()
    for col in ("minutes_together", "knows", "likes", "trusts", "familiarity", "liking", "trust"):
        assert col in t.columns
    for col in ("guest", "persona", "people_met", "remembered_by", "liked_by", "trusted_by",
                "exposed", "minutes_talking", "minutes_listening"):
        assert col in r.guests.columns
    # people_met agrees with the ties table
    met = pd.concat([t["guest_a"], t["guest_b"]]).value_counts()
    got = r.guests.set_index("guest")["people_met"]
    assert (got[got > 0] == met.reindex(got[got > 0].index)).all()


# --------------------------------------------------------------------------
# Bad input
# --------------------------------------------------------------------------
@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(mix={"unicorn": 1}), "unknown persona"),
        (dict(mix={"butterfly": -1}), ">= 0"),
        (dict(mix={"butterfly": 0}), "more than 0"),
        (dict(assignment=["butterfly", "unicorn"]), "unknown persona"),
        (dict(guests=1), "guests"),
        (dict(minutes=0), "minutes"),
        (dict(evenings=1.5), "evenings"),
        (dict(guests=10, mix={"butterfly": 1}, assignment=["butterfly"] * 3), "not both"),
    ],
)
def test_bad_arguments_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        party.simulate(**kwargs)


def test_bad_persona_tables_raise():
    table = party.personas_table().drop(columns="honesty")
    with pytest.raises(ValueError, match="missing parameter column.*honesty"):
        party.simulate(personas=table)
    table = party.personas_table()
    table.loc["butterfly", "join_rate"] = 1.5
    with pytest.raises(ValueError, match="join_rate.*between 0 and 1.*butterfly"):
        party.simulate(personas=table)
    table = party.personas_table()
    table.loc["impostor", "stay_minutes"] = 0
    with pytest.raises(ValueError, match="stay_minutes.*at least 1"):
        party.simulate(personas=table)
    table = party.personas_table()
    table["claim"] = table["claim"].astype(object)
    table.loc["impostor", "claim"] = "a lot"
    with pytest.raises(ValueError, match="numeric"):
        party.simulate(personas=table)
    with pytest.raises(ValueError, match="DataFrame"):
        party.simulate(personas={"butterfly": 1})


def test_tournament_rejects_default_names():
    entries = party.personas_table().loc[["butterfly"]]
    with pytest.raises(ValueError, match="already used"):
        party.tournament(entries, minutes=5, seeds=[0])


# --------------------------------------------------------------------------
# Davis Southern Women
# --------------------------------------------------------------------------
def test_davis_attendance():
    att = party.davis_attendance()
    assert list(att.columns) == ["woman", "event"]
    assert att["woman"].nunique() == 18
    assert att["event"].nunique() == 14
    assert not att.duplicated().any()


def test_davis_projection_is_symmetric_and_counts_shared_events():
    both = party.davis_could_have_met(both_directions=True)
    matrix = both.pivot(index="woman_a", columns="woman_b", values="shared_events").fillna(0)
    matrix = matrix.reindex(index=matrix.columns)
    pd.testing.assert_frame_equal(matrix, matrix.T, check_names=False)
    once = party.davis_could_have_met()
    assert len(both) == 2 * len(once)
    assert not (once["woman_a"] == once["woman_b"]).any()
    # check against the attendance table
    att = party.davis_attendance()
    events = att.groupby("woman")["event"].apply(set)
    for row in once.itertuples():
        assert row.shared_events == len(events[row.woman_a] & events[row.woman_b]) > 0


def test_davis_brokers():
    brokers = party.davis_brokers(top=5)
    assert len(brokers) == 5
    assert list(brokers.columns[:3]) == ["woman", "betweenness", "degree"]
    assert brokers["betweenness"].is_monotonic_decreasing
    assert len(party.davis_brokers(top=None)) == 18
    assert party.most_connected_woman() == brokers["woman"].iloc[0]


# --------------------------------------------------------------------------
# Reference solutions
# --------------------------------------------------------------------------
def test_reference_solutions_agree_with_the_result():
    r = party.simulate(guests=60, evenings=4, seed=3)
    rate = party.trust_rate_by_persona(r.guests)
    expected = r.by_persona()["trusted_by"]
    pd.testing.assert_series_equal(rate.reindex(expected.index), expected, check_names=False)
    # a rate per guest, not a total count
    totals = r.guests.groupby("persona", observed=True)["trusted_by"].sum()
    assert (rate.reindex(totals.index) <= totals).all()
    assert (rate.reindex(totals.index) < totals)[totals > 0].all()
    t = r.ties
    assert party.share_forgotten(t, None) == pytest.approx((~t["knows"]).mean())
    assert party.share_forgotten(t, 2) == pytest.approx((t["minutes_together"] < 2).mean())
    assert party.share_forgotten(t.iloc[0:0], 2) == 0.0
    assert party.max_group_size(r.conversations) == r.conversations["size"].max()
