"""Workshop 05's models and data: rules that would catch a broken model (more minutes never keep
up fewer relationships; retention never rises with time; a contact list's followers stay within
a 95% interval of its size times the conversion), the data agreeing with itself, the built-in
confounding doing what the register says, and every chart and explorer."""

from __future__ import annotations

import dataclasses

import ipywidgets as W
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import broadcast as b
from kit.data import load
from kit.scenario import load_scenario
from kit.solutions import broadcast as ref
from kit.synth import generate
from kit.ui import broadcast as charts

from .chart_contract import assert_chart_contract

plans = st.tuples(st.integers(0, 2000), st.integers(1, 60), st.integers(1, 12))


@settings(max_examples=200, deadline=None)
@given(plans, st.integers(1, 500))
def test_more_minutes_never_keep_up_fewer_relationships(plan, more):
    minutes, each, every = plan
    ties = b.ties_sustained(minutes, each, every)
    assert isinstance(ties, int) and ties >= 0
    assert b.ties_sustained(minutes + more, each, every) >= ties
    assert b.ties_sustained(minutes, each, every + 1) >= ties  # a looser tie costs less
    assert ties == ref.ties(minutes, each, every)
    assert ties * each <= minutes * every < (ties + 1) * each  # whole relationships, rounded down


def test_a_plan_with_no_time_per_conversation_is_refused():
    with pytest.raises(ValueError, match="above 0"):
        b.ties_sustained(100, 0, 2)


def test_the_budget_covers_the_cafe_but_not_the_firm():
    table = charts.debate_table(100, 7, 3)
    assert list(table.index) == list(b.BUSINESSES)
    cafe = b.budget(100, 40, 0, 7, 3)
    firm = b.budget(100, 400, 0, 7, 3)
    assert cafe["covered"] == 1.0 and firm["covered"] == pytest.approx(42 / 400)
    assert b.budget(0, 0, 0)["covered"] == 1.0  # nobody to talk to: nothing uncovered


def _cohort(draw_last):
    rows = [(i, m, (3 if m <= last else 0)) for i, last in enumerate(draw_last) for m in range(6)]
    return pd.DataFrame(rows, columns=["account_id", "month", "posts"])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=60))
def test_retention_never_rises_with_time(lasts):
    s = b.survival(_cohort(lasts))
    assert s.iloc[0] == 1.0 and (s.diff().dropna() <= 1e-12).all()
    assert np.allclose(ref.survival_curve(_cohort(lasts)).to_numpy(), s.to_numpy())
    mom = b.month_on_month(_cohort(lasts)).dropna()
    assert ((mom >= 0) & (mom <= 1)).all()


@pytest.fixture(scope="module")
def bundled():
    return {n: load(n) for n in ("growth_accounts", "newcomers", "newcomer_months")}


@pytest.fixture(scope="module")
def other():
    return generate(dataclasses.replace(load_scenario(), seed=7), cache=False)


@pytest.mark.parametrize("which", ["bundled", "other"])
def test_the_cohort_agrees_with_itself(which, bundled, other):
    t = bundled if which == "bundled" else other
    m, n = t["newcomer_months"], t["newcomers"]
    assert (m.groupby("account_id")["month"].apply(tuple) == tuple(range(6))).all()
    assert (m["posts"] >= 0).all() and (m.loc[m["month"] == 0, "posts"] > 0).all()
    active = m.pivot(index="account_id", columns="month", values="posts") > 0
    assert (active.astype(int).diff(axis=1).fillna(0) <= 0).all().all(), "nobody comes back after a gap"
    last = active.sum(axis=1) - 1
    month_of_last = ((n.set_index("account_id")["last_post"] - n.set_index("account_id")["joined"]).dt.days // 30)
    assert (month_of_last.reindex(last.index) == last).all()
    assert 0.33 <= ref.month_one_retention(m) <= 0.47  # tuned to Nielsen's ~40%
    assert b.active_share(m)[1] == pytest.approx(ref.month_one_retention(m))
    s = b.survival(m)
    assert (s.diff().dropna() <= 0).all()
    assert np.allclose(s.to_numpy(), ref.survival_curve(m).to_numpy())


def test_switching_month_one_retention_moves_it():
    s = load_scenario().with_assumptions(month_one_retention=0.7)
    assert 0.63 <= ref.month_one_retention(generate(s, cache=False)["newcomer_months"]) <= 0.77


def test_a_contact_list_brings_its_size_times_the_conversion_within_a_95_percent_interval():
    n, c = 400, 0.2
    runs = b.seed_growth(n, c, 15, months=6, runs=400, seed=3)
    final = runs[runs["month"] == 6]["from_list"]
    lo, hi = b.binomial_interval(n, c)
    assert abs(final.mean() - n * c) < 4 * np.sqrt(n * c * (1 - c) / len(final))
    assert ((final >= lo) & (final <= hi)).mean() >= 0.93
    alone = b.seed_growth(0, 0.0, 15, months=6, runs=50, seed=3)
    assert (alone["from_list"] == 0).all()
    assert (runs["engaged"] <= runs["from_list"] + runs["organic"]).all()
    for col in ("from_list", "organic", "engaged"):
        assert (runs.groupby("run")[col].diff().dropna() >= 0).all(), col
    reach = b.months_to(runs, 10_000)
    assert reach.isna().all()
    assert b.months_to(runs, 0).eq(1).all()


def test_volume_goes_with_growth_only_through_the_team(bundled):
    a = bundled["growth_accounts"]
    raw = b.volume_correlation(a)
    inside = b.within_groups(a)
    assert raw == pytest.approx(ref.raw_correlation(a))
    assert np.allclose(inside.to_numpy(), ref.within_team(a).reindex(inside.index).to_numpy())
    assert raw > inside.max() + 0.15
    off = generate(load_scenario().with_assumptions(effort_confounding=0), cache=False)["growth_accounts"]
    assert abs(b.volume_correlation(off)) < 0.15
    on = generate(load_scenario().with_assumptions(volume_effect=0.5), cache=False)["growth_accounts"]
    assert b.within_groups(on).min() > 0.2


def test_content_behaviour_and_network_matter_about_equally(bundled):
    a = bundled["growth_accounts"]
    fx = dict(load_scenario().assumption("growth_effects"))
    content = (fx["informational"] * a["informational_share"] + fx["self_focused"] * a["self_share"]).std()
    behaviour = (fx["replies"] * a["reply_share"] + fx["broadcasting"] * a["broadcast_share"]).std()
    network = (fx["mutual"] * a["mutual_share"]).std()
    sizes = [content, behaviour, network]
    assert max(sizes) < 2 * min(sizes), sizes


def test_every_chart_keeps_the_contract(bundled):
    made = [charts.budget_chart(), charts.budget_chart(contacts=0), charts.budget_chart(contacts=40_000),
            charts.seeding_chart(charts.seeding_runs(runs=50)),
            charts.volume_chart(bundled["growth_accounts"]), charts.effects_chart(bundled["growth_accounts"]),
            charts.survival_chart(bundled["newcomer_months"], bundled["newcomers"])]
    for chart in made:
        assert_chart_contract(chart)


def _controls(widget):
    found = []

    def walk(w):
        if isinstance(w, (W.IntSlider, W.FloatSlider, W.IntText)):
            found.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return found


@pytest.mark.parametrize("make", [charts.budget_explorer, charts.seeding_explorer])
def test_both_explorers_redraw_on_every_control(make):
    view = make()
    live = [c for c in view.children if hasattr(c, "spec")][0]
    for control in _controls(view):
        before = live.spec
        control.value = control.max if hasattr(control, "max") and not isinstance(control, W.IntText) else 4000
        assert live.spec != before or control.description.startswith("Target"), control.description
