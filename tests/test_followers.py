"""Workshop 02 (quality of followers): the generated data's calibration, the topic module's
measures, the exercises' feedback, and the charts and explorers."""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

from kit import followers as fk
from kit import load
from kit.exercises import check, exercises, same
from kit.scenario import load_scenario
from kit.social import rank_correlation
from kit.solutions import followers as sol
from kit.synth import GENERATORS
from kit.synth import followers as gen

from .chart_contract import assert_chart_contract

# --------------------------------------------------------------------------- helpers


def _bundled():
    return {
        name: load(name) for name in ("sample_accounts", "followers", "follower_truth", "enquiries", "account_stats")
    }


def _generated(seed):
    s = dataclasses.replace(load_scenario(), seed=seed)
    return gen.generate(s)


def _calibration_problems(d) -> list[str]:
    """Every calibration promise in the TableSpecs, checked on one set of tables."""
    problems = []
    sample, f, truth, enq = d["sample_accounts"], d["followers"], d["follower_truth"], d["enquiries"]
    stats = d["account_stats"].set_index("handle")
    m = f.merge(truth, on="follower_id")
    buyer = sample.loc[sample["role"] == "gift shop", "handle"].iloc[0]
    overall = m["is_bot"].mean()
    organic = m.loc[m["account"] != buyer, "is_bot"].mean()
    bought = m.loc[m["account"] == buyer, "is_bot"].mean()
    if not 0.09 <= overall <= 0.15:
        problems.append(f"bots overall {overall:.3f} outside 9-15% (Varol et al. 2017)")
    if not 0.09 <= organic <= 0.15:
        problems.append(f"bots among organic accounts {organic:.3f} outside 9-15%")
    if not bought >= 0.4:
        problems.append(f"bought account has only {bought:.3f} bots")
    talked = ((m["replies"] + m["retweets"]) > 0).groupby(m["account"]).mean()
    if not (talked < 0.5).all():
        problems.append(f"most followers should never converse: {talked.round(2).to_dict()}")
    acts = m["replies"] + m["retweets"] + m["likes"] + m["clicks"]
    near = fk.within_reach(m) & ~m["is_bot"]
    if not acts[near].mean() > 3 * acts[~near & ~m["is_bot"]].mean():
        problems.append("local, interested followers do not interact far more than the rest")
    for col in ("retweets_received", "mentions_received"):
        rho = rank_correlation(stats["followers"], stats[col])
        if not 0 < rho < 0.6:
            problems.append(f"rank correlation followers vs {col} is {rho:.2f}, not weak (0-0.6)")
    overlap = len(sol.top_overlap(stats, 20))
    if overlap >= 10:
        problems.append(f"top-20 overlap followers/retweets {overlap} is not 'little'")
    rate = fk.engagement_rate(stats)
    rho = rank_correlation(stats["followers"], rate)
    if not rho < -0.3:
        problems.append(f"engagement rate does not fall with audience (rank correlation {rho:.2f})")
    big = rate[stats["followers"] >= 100_000].median()
    small = rate[stats["followers"] < 1_000].median()
    if not (big < 0.001 and small > 0.005):
        problems.append(f"median rates big {big:.5f}, small {small:.4f}")
    # the funnel: nested stages; local interested followers far likelier; bots and bought never
    stages = fk.funnel_stages(m, enq)
    if (stages["trust"] & ~stages["like"]).any() or (stages["like"] & ~stages["know"]).any():
        problems.append("funnel stages are not nested")
    asked = m["follower_id"].isin(enq["follower_id"])
    if (asked & (m["is_bot"] | m["bought"])).any():
        problems.append("a bot or bought follower enquired")
    shops = fk.selling_followers(m, sample)
    reach = fk.within_reach(shops)
    asked_shop = shops["follower_id"].isin(enq["follower_id"])
    if not asked_shop[reach].mean() > 5 * asked_shop[~reach].mean():
        problems.append("within-reach followers are not many times likelier to enquire")
    spikes = set(fk.bursts(f, sample).index)
    expected = set(sample.loc[sample["role"].isin(["celebrity", "gift shop"]), "handle"])
    if spikes != expected:
        problems.append(f"bursts (10x the usual pace) are {sorted(spikes)}, not the celebrity and the buyer")
    growth = stats["new_followers_90d"] / stats["followers"]
    by_style = growth.groupby(stats["name_style"]).median()
    if not by_style["person"] > by_style["company"]:
        problems.append(f"person-named accounts do not grow faster: {by_style.to_dict()}")
    return problems


# --------------------------------------------------------------------------- data calibration


def test_bundled_data_meets_every_calibration_promise():
    assert _calibration_problems(_bundled()) == []


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_calibration_holds_for_other_seeds(seed):
    assert _calibration_problems(_generated(seed)) == []


def test_calibration_check_can_fail():
    d = _bundled()
    d["follower_truth"] = d["follower_truth"].assign(is_bot=False)
    d["account_stats"] = d["account_stats"].assign(retweets_received=d["account_stats"]["followers"])
    problems = _calibration_problems(d)
    assert any("bots overall" in p for p in problems)
    assert any("retweets_received" in p for p in problems)


def test_quality_rises_with_interactions_and_with_enquiries():
    d = _bundled()
    f = d["followers"]
    q = fk.quality_score(f)
    talk = f["replies"] + f["retweets"]
    assert q[talk > 0].mean() > q[talk == 0].mean() + 0.15
    assert rank_correlation(talk + f["likes"] + f["clicks"], q) > 0.5
    table = fk.enquiry_rate_by_quality(fk.selling_followers(f, d["sample_accounts"]), d["enquiries"])
    assert table["enquiry_rate"].is_monotonic_increasing
    assert table["enquiry_rate"].iloc[-1] > 20 * max(table["enquiry_rate"].iloc[0], 0.001)


def test_bursts_celebrity_tens_of_thousands_and_bought_batch():
    d = _bundled()
    burst = fk.biggest_burst(d["followers"], d["sample_accounts"])
    role = d["sample_accounts"].set_index("role")["handle"]
    assert burst.loc[role["celebrity"], "new_followers"] >= 10_000
    assert 650 <= burst.loc[role["gift shop"], "new_followers"] <= 800
    bought = d["follower_truth"].merge(d["followers"], on="follower_id").query("bought")
    assert bought["followed_on"].nunique() <= 2 and len(bought) == 700
    # every account has a busiest 4 days; only the two real spikes count as bursts
    assert len(burst) == len(d["sample_accounts"])
    spikes = fk.bursts(d["followers"], d["sample_accounts"])
    assert set(spikes.index) == {role["celebrity"], role["gift shop"]}
    calm = burst.drop(spikes.index)
    assert (calm["times_usual"] < fk.BURST_FACTOR / 2).all(), calm
    assert role["brand"] in calm.index  # the brand's sampled rows are noise, not a burst


def test_tables_are_modest_and_reproducible():
    """(How fast they are generated is measured by benchmarks/bench_kit.py.)"""
    s = load_scenario()
    a = gen.generate(s)
    b = gen.generate(s)
    assert sum(len(v) for v in a.values()) <= 30_000
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert gen in GENERATORS
    # the celebrity and brand are documented samples; everyone else is listed in full
    sa = a["sample_accounts"]
    counts = a["followers"]["account"].value_counts()
    assert (counts.reindex(sa["handle"]).to_numpy() == sa["followers_in_sample"].to_numpy()).all()
    full = sa["followers_count"] == sa["followers_in_sample"]
    assert set(sa.loc[~full, "role"]) == {"celebrity", "brand"}


def test_learner_table_hides_the_answer_key():
    f = load("followers")
    assert not {"is_bot", "bought"} & set(f.columns)
    assert set(load("follower_truth")["follower_id"]) == set(f["follower_id"])


def test_top_lists_have_no_ties_at_the_cut():
    stats = load("account_stats")
    for col in ("followers", "retweets_received"):
        v = stats[col].sort_values(ascending=False).to_numpy()
        assert v[19] != v[20], col


# --------------------------------------------------------------------------- measures


def test_precision_recall_on_a_hand_made_frame():
    # 10 followers; 6 bots (ids 0-5); the rule flags 0, 1, 2 (bots) and 6 (a person)
    is_bot = pd.Series([True] * 6 + [False] * 4)
    flagged = pd.Series([True, True, True, False, False, False, True, False, False, False])
    pr = fk.precision_recall(flagged, is_bot)
    assert pr["precision"] == pytest.approx(3 / 4)
    assert pr["recall"] == pytest.approx(3 / 6)
    table = fk.confusion(flagged, is_bot)
    assert table.loc["flagged", "bot"] == 3 and table.loc["flagged", "human"] == 1
    assert table.loc["not flagged", "bot"] == 3 and table.loc["not flagged", "human"] == 3
    assert table.to_numpy().sum() == 10
    assert np.isnan(fk.precision_recall(pd.Series([False] * 3), pd.Series([True, False, False]))["precision"])


def test_readable_rules_are_what_they_say():
    demo = pd.DataFrame(
        {
            "has_avatar": [False, False, True],
            "has_bio": [False, False, False],
            "following_count": [500, 40, 5000],
            "followers_count": [50, 40, 10],
            "account_age_days": [30, 4000, 89],
            "posts_count": [9, 10, 0],
            "handle": ["@abc1234", "@abc123", "@x2007"],
        }
    )
    assert fk.default_fake_rule(demo).tolist() == [True, False, False]
    signs = fk.fake_signals(demo)
    assert signs["follows_many"].tolist() == [True, False, True]
    assert signs["new_account"].tolist() == [True, False, True]
    assert signs["few_posts"].tolist() == [True, False, True]
    assert signs["number_handle"].tolist() == [True, False, True]


def test_what_part_3_says_about_the_rules_holds():
    """ "A strict rule is usually right when it flags someone but misses many bots; a loose rule
    catches more bots and wrongly flags real people"; the gift shop's followers are about half bots."""
    f = load("followers").merge(load("follower_truth"), on="follower_id")
    signs = fk.fake_signals(f)
    t = fk.evaluate_rules({"strict": fk.default_fake_rule(f), "loose": signs.sum(axis=1) >= 2}, f["is_bot"])
    assert t.loc["strict", "precision"] > 0.8 and t.loc["strict", "recall"] < 0.7
    assert (
        t.loc["loose", "recall"] > t.loc["strict", "recall"]
        and t.loc["loose", "precision"] < t.loc["strict", "precision"]
    )
    shop = load("sample_accounts").set_index("role").loc["gift shop", "handle"]
    assert 0.4 <= f.loc[f["account"] == shop, "is_bot"].mean() <= 0.6


def test_weights_change_the_ranking():
    f = load("followers")
    default = fk.account_quality(f)
    interest_only = fk.account_quality(f, {k: 0 for k in fk.DEFAULT_WEIGHTS} | {"interest": 1})
    assert list(default.index) != list(interest_only.index)
    # and at follower level: the top 100 change
    a = fk.quality_score(f).nlargest(100).index
    b = fk.quality_score(f, {"local": 5, "conversation": 0}).nlargest(100).index
    assert set(a) != set(b)
    # weights only scale when all are multiplied together
    doubled = fk.quality_score(f, {k: 2 * v for k, v in fk.DEFAULT_WEIGHTS.items()})
    assert np.allclose(doubled, fk.quality_score(f))
    for bad in ({"colour": 1}, {"local": -1}, {k: 0 for k in fk.DEFAULT_WEIGHTS}):
        with pytest.raises(ValueError):
            fk.quality_score(f, bad)


def test_engagement_rate_and_overlap_on_a_tiny_table():
    demo = pd.DataFrame(
        {
            "handle": ["@a", "@b", "@c"],
            "followers": [100, 1000, 10],
            "posts_90d": [10, 20, 5],
            "likes_received": [50, 100, 5],
            "retweets_received": [30, 1, 2],
            "replies_received": [20, 0, 3],
        }
    )
    assert fk.engagement_rate(demo).to_dict() == pytest.approx({"@a": 0.1, "@b": 101 / 20 / 1000, "@c": 0.2})
    assert sol.top_overlap(demo, k=2) == {"@a"}


def test_funnel_rates_and_expectation():
    rates = {"know": 0.5, "like": 0.2, "trust": 0.1}
    assert sol.expected_enquiries(100, rates) == pytest.approx(1.0)
    f = load("followers")
    shop = fk.selling_followers(f, load("sample_accounts"))
    table = fk.funnel_rates(shop, load("enquiries"), by=fk.reach_groups(shop))
    product = table["know"] * table["like"] * table["trust"]
    assert np.allclose(product, table["per_follower"])  # nested stages: the chain multiplies out
    assert table.loc["within reach", "per_follower"] > table.loc["out of reach", "per_follower"]


def test_funnel_simulation_is_seeded_and_vectorised():
    rates = {"know": 0.7, "like": 0.75, "trust": 0.2}
    a = fk.simulate_funnel(10, rates, runs=1000, seed=5)
    b = fk.simulate_funnel(10, rates, runs=1000, seed=5)
    c = fk.simulate_funnel(10, rates, runs=1000, seed=6)
    assert (a == b).all() and not (a == c).all()
    assert a.shape == (1000,) and a.min() >= 0 and a.max() <= 10
    big = fk.simulate_funnel(10, rates, runs=50_000, seed=1)
    assert big.mean() == pytest.approx(sol.expected_enquiries(10, rates), rel=0.03)
    assert (fk.simulate_funnel(10_000, {"know": 0.3, "like": 0.3, "trust": 0.0}, runs=100) == 0).all()
    # (100,000 runs of 100,000 followers in under 1 s: measured by benchmarks/bench_kit.py)


def test_funnel_spread_widens_and_narrows_as_expected():
    rates = {"know": 0.5, "like": 0.2, "trust": 0.1}
    small = fk.simulate_funnel(100, rates, runs=20_000, seed=2)
    large = fk.simulate_funnel(10_000, rates, runs=20_000, seed=2)
    # more followers: a wider spread in enquiries, but narrower relative to the average
    assert large.std() > small.std()
    assert large.std() / large.mean() < small.std() / small.mean() / 5
    # doubt about the rates widens the spread around the same average
    doubtful = fk.simulate_funnel(10_000, rates, runs=20_000, seed=2, certainty=30)
    assert doubtful.std() > 2 * large.std()
    assert doubtful.mean() == pytest.approx(large.mean(), rel=0.1)
    sims = fk.compare_audiences({"a": (10, rates), "b": (1000, rates)}, runs=500, seed=3)
    assert list(sims.columns) == ["a", "b"] and len(sims) == 500
    assert sims.equals(fk.compare_audiences({"a": (10, rates), "b": (1000, rates)}, runs=500, seed=3))


# --------------------------------------------------------------------------- exercises

EXERCISES = exercises("02")


def test_topic_module_is_pure_and_holds_no_one_off_answers():
    """kit.followers registers no exercise and never imports the solutions (run in a fresh process)."""
    import subprocess
    import sys

    code = (
        "import sys, kit.followers, kit.ui.followers, kit.exercises as e; "
        "print(sorted(k for k in e._REGISTRY if k.startswith('02')), "
        "sorted(m for m in sys.modules if m.startswith('kit.solutions')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[] []", out
    for name in ("top_overlap", "expected_enquiries"):
        assert not hasattr(fk, name), name
    for ex in EXERCISES:
        assert ex.solution.__module__ in ("kit.solutions.followers", "kit.followers"), ex.id
        assert "Exercise" not in (ex.solution.__doc__ or ""), ex.id  # docstrings do not say "the answer to 02.x"


def test_workshop_02_has_at_least_four_exercises():
    # numbered 02.1, 02.2, ... with none missing (tests/test_workshops.py: exactly the notebook's checks)
    assert [e.id for e in EXERCISES] == [f"02.{k}" for k in range(1, len(EXERCISES) + 1)]
    assert len(EXERCISES) >= 4


@pytest.mark.parametrize("ex", EXERCISES, ids=[e.id for e in EXERCISES])
def test_reference_passes_and_stub_is_unanswered(ex):
    assert check(ex.id, ex.expected()).status == "correct"
    assert check(ex.id, ...).status == "unanswered"
    assert len(ex.hints) >= 3


@pytest.mark.parametrize("ex", EXERCISES, ids=[e.id for e in EXERCISES])
def test_every_mistake_differs_and_gets_its_own_message(ex):
    expected = ex.expected()
    with_answers = [m for m in ex.mistakes if m.answer is not None]
    assert len(with_answers) >= 3
    for m in with_answers:
        wrong = m.answer()
        assert not same(wrong, expected, ex.rel_tol, ex.abs_tol), m.why
        fb = check(ex.id, wrong)
        assert fb.status == "wrong" and fb.message == m.why, (m.why, fb.message)


def test_reference_solutions_written_as_a_learner_would_pass():
    stats = load("account_stats").set_index("handle")
    interactions = stats["likes_received"] + stats["retweets_received"] + stats["replies_received"]
    assert check("02.1", interactions / stats["posts_90d"] / stats["followers"]).correct
    top = stats.sort_values("followers", ascending=False).head(20).index
    rt = stats.sort_values("retweets_received", ascending=False).head(20).index
    assert check("02.2", sorted(set(top) & set(rt))).correct
    f = load("followers")
    assert check("02.3", (f["local"] & (f["interest_match"] >= 0.5)).groupby(f["account"]).mean()).correct
    g = f.merge(load("follower_truth"), on="follower_id")
    flagged = ~g["has_avatar"] & ~g["has_bio"] & (g["following_count"] >= 10 * g["followers_count"])
    caught = flagged & g["is_bot"]
    answer = {"precision": caught.sum() / flagged.sum(), "recall": caught.sum() / g["is_bot"].sum()}
    assert check("02.4", pd.Series(answer)).correct
    assert check("02.4", answer).correct  # a plain dict is fine too
    # only one of the two numbers wrong: still told which slip it is
    half = dict(answer, precision=(flagged == g["is_bot"]).mean())
    assert "accuracy" in check("02.4", pd.Series(half)).message
    half = dict(answer, recall=int(caught.sum()))
    assert "counts" in check("02.4", pd.Series(half)).message
    # the learner edition pre-fills the Series: with a ... left in it, it is not answered yet
    for stub in ({"precision": ..., "recall": ...}, dict(answer, recall=...)):
        fb = check("02.4", pd.Series(stub))
        assert fb.status == "unanswered" and "Replace the ..." in fb.message, fb.message


def test_funnel_exercise_follows_the_measured_rates():
    f = load("followers")
    shop = fk.selling_followers(f, load("sample_accounts"))
    rates = fk.funnel_rates(shop, load("enquiries"), by=fk.reach_groups(shop))
    engaged = rates.loc["within reach"]
    assert check("02.5", 10 * engaged["know"] * engaged["like"] * engaged["trust"]).correct
    assert "multiply" in check("02.5", 10 * (engaged["know"] + engaged["like"] + engaged["trust"])).message


def test_what_part_4_says_about_the_bundled_data_holds():
    """The funnel text's claims: no enquiry among the weakly interested (so trust is a guess),
    know and like rounded into WEAK_RATES, a near-tie at trust 1/1,000 that the ten win slightly
    more often, and the ten thousand winning easily at 1/100."""
    f, enq = load("followers"), load("enquiries")
    shop = fk.selling_followers(f, load("sample_accounts"))
    weakly = shop[shop["interest_match"] < 0.2]
    measured = fk.funnel_rates(weakly, enq).loc["all"]
    assert not weakly["follower_id"].isin(enq["follower_id"]).any()
    assert round(measured["know"], 1) == fk.WEAK_RATES["know"]
    assert abs(measured["like"] - fk.WEAK_RATES["like"]) < 0.1
    rates = fk.funnel_rates(shop, enq, by=fk.reach_groups(shop))
    per_engaged = rates.loc["within reach", "per_follower"]
    per_weak = fk.WEAK_RATES["know"] * fk.WEAK_RATES["like"]
    assert 0.7 < per_engaged / (per_weak * 0.001) / 1000 < 1.5  # "nearly even"
    assert 50 < per_engaged / (per_weak * 0.01) < 200  # "only about a hundred times"
    sims = fk.compare_audiences(
        {"10": (10, rates.loc["within reach"]), "10,000": (10_000, fk.WEAK_RATES)},
        runs=fk.FUNNEL_RUNS,
        seed=fk.FUNNEL_SEED,
    )
    assert (sims["10"] > sims["10,000"]).mean() > (sims["10,000"] > sims["10"]).mean()  # "a few more quarters"


# --------------------------------------------------------------------------- charts and explorers


def _charts():
    from kit.ui import followers as ch

    d = _bundled()
    f, sa = d["followers"], d["sample_accounts"]
    scored = f.merge(d["follower_truth"], on="follower_id")
    shop = fk.selling_followers(f, sa)
    rates = fk.funnel_rates(shop, d["enquiries"], by=fk.reach_groups(shop))
    sims = fk.compare_audiences(
        {"10 engaged": (10, rates.loc["within reach"]), "10,000 weakly interested": (10_000, fk.WEAK_RATES)}, runs=2000
    )
    rules = {"first rule": fk.default_fake_rule(scored), "no picture": ~scored["has_avatar"]}
    return {
        "engagement": ch.engagement_chart(d["account_stats"]),
        "engagement_retweets": ch.engagement_chart(d["account_stats"], "retweets_received"),
        "influence": ch.influence_chart(d["account_stats"]),
        "reach": ch.reach_chart(f, sa),
        "new_followers": ch.new_followers_chart(f, sa),
        "quality": ch.quality_chart(f, sa),
        "quality_pays": ch.quality_pays_chart(fk.enquiry_rate_by_quality(shop, d["enquiries"])),
        "rules": ch.rules_chart(fk.evaluate_rules(rules, scored["is_bot"])),
        "funnel": ch.funnel_chart(sims),
    }


@pytest.mark.parametrize("name", list(_charts()))
def test_chart_contract(name):
    spec = assert_chart_contract(_charts()[name])
    assert len(spec["title"]["text"]) <= 60, spec["title"]["text"]  # fits a notebook's width


def test_charts_say_what_they_leave_out_and_report_only_real_bursts():
    charts = _charts()
    infl = charts["influence"].to_dict()
    stats = load("account_stats")
    none = int((stats["retweets_received"] == 0).sum())
    assert none > 0 and f"the {none} with no retweets are left off" in " ".join(infl["title"]["subtitle"])
    new = charts["new_followers"].to_dict()
    sa = load("sample_accounts").set_index("role")["handle"]
    text = new["description"].split("Bursts")[1] + " ".join(new["title"]["subtitle"])
    assert sa["celebrity"] in text and sa["gift shop"] in text
    assert sa["brand"] not in text and sa["cafe"] not in text
    pays = charts["quality_pays"].to_dict()
    assert "circular" in " ".join(pays["title"]["subtitle"])


def _pick(jchart, handles):
    """Simulate clicking points in a JupyterChart (what the browser sends back)."""
    jchart._vl_selections = {"picked": {"value": {"vlPoint": {"or": [{"handle": h} for h in handles]}}, "store": []}}


def test_engagement_explorer_lists_the_clicked_accounts():
    from kit.ui import followers as ch

    box = ch.engagement_explorer()
    choose, jchart, table = box.children
    assert "picked" in jchart.selections.trait_names()
    handles = list(load("account_stats")["handle"][:2])
    _pick(jchart, handles)
    assert box.picked == handles
    assert all(h in table.value for h in handles)
    assert list(ch.selected_rows(box)["handle"]) == handles
    # a new chart (another measure) brings new selections: clicks must still reach the table
    choose.value = "mentions_received"
    assert "mentions" in jchart.chart.to_dict()["title"]["text"]
    assert box.picked == [] and "Click a point" in table.value
    _pick(jchart, handles[:1])
    assert box.picked == handles[:1] and handles[0] in table.value


def test_weights_explorer_reranks_and_resets():
    from kit.ui import followers as ch

    box = ch.weights_explorer()
    before = box.jchart.chart.to_dict()["title"]["subtitle"]
    box.sliders["local"].value = 0
    after = box.jchart.chart.to_dict()["title"]["subtitle"]
    assert "local 0" in after and after != before
    for s in box.sliders.values():
        s.value = 0
    assert "All weights are 0" in box.children[2].value  # the chart keeps its last good state
    box.reset.click()
    assert box.reset.layout.width == "auto" and "defaults" in box.reset.description
    assert box.jchart.chart.to_dict()["title"]["subtitle"] == before


def test_funnel_explorer_reacts():
    from kit.ui import followers as ch

    box = ch.funnel_explorer({"know": 0.7, "like": 0.75, "trust": 0.2}, runs=500)
    before = box.jchart.chart.to_dict()["title"]["text"]
    box.controls["trust"].value = 0.0
    after = box.jchart.chart.to_dict()["title"]["text"]
    assert after != before and "weakly interested won 0%" in after


def test_funnel_explorer_starts_as_the_static_chart():
    from kit.ui import followers as ch

    f, sa, e = load("followers"), load("sample_accounts"), load("enquiries")
    shop = fk.selling_followers(f, sa)
    engaged = fk.funnel_rates(shop, e, by=fk.reach_groups(shop)).loc["within reach"]
    sims = fk.compare_audiences(
        {"10 engaged": (10, engaged), "10,000 weakly interested": (10_000, fk.WEAK_RATES)}, runs=10_000, seed=1
    )  # as in the notebook
    box = ch.funnel_explorer(engaged)
    assert box.jchart.chart.to_dict()["title"] == ch.funnel_chart(sims).to_dict()["title"]
    intro = box.children[0].value
    assert "Left" not in intro and "Green bars" in intro and "Orange bars" in intro
    assert box.controls["doubt"].layout.width == "auto"


# --------------------------------------------------------------------------- honest findings in the notebook


def _notebook_markdown(edition: str) -> str:
    import nbformat

    from kit.editions import instructor_dir, workshops_dir

    folder = instructor_dir() if edition == "instructor" else workshops_dir()
    nb = nbformat.read(folder / "02-quality-of-followers.ipynb", as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_every_built_in_pattern_of_02_is_flagged_by_its_register_name():
    """Each assumption behind 02's tables is named (as in the data dictionary) in the learner edition."""
    from kit.synth.assumptions import ASSUMPTIONS

    text = _notebook_markdown("learner")
    ours = {"followers", "follower_truth", "enquiries", "account_stats", "sample_accounts"}
    built_in = {a.name for a in ASSUMPTIONS.values() if set(a.tables) & ours}
    assert built_in, "the register lists no assumption behind 02's tables"
    cited = set(re.findall(r"`([a-z_]+)`", text))
    assert built_in <= cited, f"not flagged in 02: {sorted(built_in - cited)}"
    for phrase in ("built this pattern in", "seminar's claim", "illustrates, it does not prove"):
        assert phrase in text.replace("\n", " "), phrase
