"""Workshop 05 (broadcast or community?): the time budget, seeding and survival rules on random
inputs (Hypothesis), the generated tables agreeing with themselves (bundled data and two other
scenarios), assumptions that move what they declare when resized, the references of 05.1-05.5
agreeing with the public functions, and every chart and explorer keeping the chart contract."""

from __future__ import annotations

import ipywidgets as W
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kit import broadcast as b
from kit.data import load
from kit.scenario import load_scenario
from kit.solutions import broadcast as sol
from kit.synth import generate
from kit.ui import broadcast as charts

from .chart_contract import assert_chart_contract
from .scenarios import scenario_text

SETTINGS = settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
TABLES = ("growth_accounts", "newcomers", "newcomer_months")

minutes = st.floats(0, 5000, allow_nan=False)
per_conversation = st.floats(0.5, 60, allow_nan=False)
weeks = st.floats(0.25, 26, allow_nan=False)

# --------------------------------------------------------------------------- 1. the time budget


@SETTINGS
@given(minutes, minutes, per_conversation, weeks)
def test_more_minutes_never_sustain_fewer_ties(m1, m2, each, every):
    lo, hi = sorted((m1, m2))
    a, z = b.ties_sustained(lo, each, every), b.ties_sustained(hi, each, every)
    assert isinstance(a, int) and isinstance(z, int)
    assert 0 <= a <= z and b.ties_sustained(lo, each, every + 1) >= a  # a looser tie costs less
    assert a <= lo * every / each + 1e-6  # never more than the minutes pay for


@SETTINGS
@given(minutes, per_conversation, weeks)
def test_ties_agree_with_the_05_1_reference(m, each, every):
    plan = dict(minutes_per_week=m, minutes_per_conversation=each, tend_every_weeks=every)
    assert b.ties_sustained(**plan) == sol.ties(**plan)


def test_ties_round_down_without_float_slips():
    assert b.ties_sustained(100, 7, 3) == 42 and b.ties_sustained(0.7, 0.7, 3) == 3
    assert b.ties_sustained(1.4, 0.7, 1.5) == 3 and b.ties_sustained(6.99, 7, 1) == 0


@SETTINGS
@given(st.integers(0, 100_000), st.integers(1, 60), st.integers(1, 26))
@example(1, 15, 11).via("a float slip: 1 * 15 / 11 * 11 / 15 < 1")
@example(3, 5, 11).via("a float slip")
def test_minutes_needed_is_the_inverse_of_ties(relationships, each, every):
    need = b.minutes_needed(relationships, each, every)
    assert b.ties_sustained(need, each, every) == relationships  # exactly enough, no rounding slip
    if relationships:
        assert b.ties_sustained(need - 0.5, each, every) < relationships


@SETTINGS
@given(minutes, st.integers(0, 50_000), st.integers(0, 50_000), per_conversation, weeks)
def test_budget_covers_a_share_of_the_contacts(m, customers, prospects, each, every):
    plan = b.budget(m, customers, prospects, each, every)
    assert plan["ties"] == b.ties_sustained(m, each, every)
    assert plan["contacts"] == customers + prospects
    assert 0 <= plan["covered"] <= 1
    if plan["contacts"] and plan["ties"] < plan["contacts"]:
        assert plan["covered"] == pytest.approx(plan["ties"] / plan["contacts"])
    assert plan["layer"] == b.layer_of(plan["ties"])


@pytest.mark.parametrize("each, every", [(0, 3), (-5, 3), (7, 0)])
def test_ties_sustained_rejects_a_zero_minute_conversation(each, every):
    with pytest.raises(ValueError, match="must be above 0"):
        b.ties_sustained(100, each, every)
    with pytest.raises(ValueError, match="must be above 0"):
        b.budget(100, 40, 0, each, every)


@pytest.mark.parametrize("each, every", [(0, 3), (7, 0)])
def test_minutes_needed_rejects_the_same_bad_plans(each, every):
    """The same plan ties_sustained refuses: a clear ValueError, not 0 minutes or ZeroDivisionError."""
    with pytest.raises(ValueError, match="must be above 0"):
        b.minutes_needed(40, each, every)


# --------------------------------------------------------------------------- 2. seeding from a contact list


@pytest.mark.parametrize("n, c", [(400, 0.2), (1000, 0.05), (200, 0.5), (3000, 0.1)])
def test_list_growth_stays_in_the_binomial_interval(n, c):
    lo, hi = b.binomial_interval(n, c)
    assert lo < n * c < hi
    finals = []
    for seed in range(3):
        g = b.seed_growth(n, c, 15, months=12, runs=400, seed=seed)
        final = g.loc[g["month"] == 12, "from_list"]
        inside = final.between(lo, hi).mean()
        assert inside >= 0.92, (seed, inside, (lo, hi))
        finals.append(final)
    pooled = pd.concat(finals)
    se = np.sqrt(n * c * (1 - c) / len(pooled))
    assert abs(pooled.mean() - n * c) < 3 * se, (pooled.mean(), n * c, se)


@SETTINGS
@given(
    st.integers(0, 300),
    st.floats(0, 1),
    st.floats(0, 30),
    st.integers(1, 8),
    st.integers(1, 15),
    st.integers(0, 2**16),
    st.integers(0, 200),
)
def test_seed_growth_counts_add_up(size, conv, organic, months, runs, seed, target):
    g = b.seed_growth(size, conv, organic, months=months, runs=runs, seed=seed)
    assert len(g) == runs * months and set(g["month"]) == set(range(1, months + 1))
    cols = ["from_list", "organic", "engaged"]
    assert (g[cols] >= 0).all().all() and (g["from_list"] <= size).all()
    assert (g["engaged"] <= g["from_list"] + g["organic"]).all()
    assert (g.groupby("run")[cols].diff().fillna(0) >= 0).all().all()  # cumulative: never falls
    alone = b.seed_growth(0, conv, organic, months=months, runs=runs, seed=seed)
    assert (alone["from_list"] == 0).all()
    assert b.months_to(g, 0).eq(1).all()
    reach = b.months_to(g, target)
    best = g.groupby("run")["engaged"].max()
    assert list(reach.index) == sorted(g["run"].unique())
    assert (reach.isna() == (best < target)).all()
    for run, month in reach.dropna().items():
        own = g[g["run"] == run].set_index("month")["engaged"]
        assert own[month] >= target and (own[own.index < month] < target).all()


# --------------------------------------------------------------------------- 3. random cohort tables


@st.composite
def cohorts(draw):
    """A cohort table as the data contract has it: every newcomer posted in month 0; later months
    are anything, gaps and returns included."""
    n = draw(st.integers(1, 10))
    rows = []
    for i in range(1, n + 1):
        rows.append((i, 0, draw(st.integers(1, 5))))
        rows += [(i, m, draw(st.integers(0, 3))) for m in range(1, 6)]
    return pd.DataFrame(rows, columns=["account_id", "month", "posts"])


def _check_survival(months: pd.DataFrame):
    s = b.survival(months)
    assert list(s.index) == list(range(6)) and s.iloc[0] == 1.0
    assert (s.diff().dropna() <= 1e-12).all(), s.to_dict()
    assert ((s >= 0) & (s <= 1)).all()
    ref = sol.survival_curve(months)
    assert np.allclose(s.to_numpy(), ref.to_numpy()), (s.to_dict(), ref.to_dict())
    mom = b.month_on_month(months)
    defined = s.shift(1).iloc[1:] > 0
    assert mom[defined].between(0, 1).all(), mom.to_dict()
    assert np.allclose(mom[defined] * s.shift(1).iloc[1:][defined], s.iloc[1:][defined])
    assert b.active_share(months)[1] == pytest.approx(sol.month_one_retention(months))
    return s


@SETTINGS
@given(cohorts())
def test_survival_never_rises_on_random_cohorts(months):
    s = _check_survival(months)
    assert (s <= b.active_share(months).cummax() + 1e-12).all()


# --------------------------------------------------------------------------- 4. the data agrees with itself


@pytest.fixture(scope="module", params=["bundled", "seed", "thursday-ny"])
def data(request, tmp_path_factory):
    """(scenario, tables): the bundled data, or another scenario generated in memory."""
    if request.param == "bundled":
        return load_scenario(), {n: load(n) for n in TABLES}
    path = tmp_path_factory.mktemp(request.param) / "scenario.toml"
    path.write_text(scenario_text(request.param))
    tables = generate(path, cache=False)
    return load_scenario(path), {n: tables[n] for n in TABLES}


def test_newcomer_months_are_a_cohort_table(data):
    _, t = data
    m, n = t["newcomer_months"], t["newcomers"]
    assert set(m["account_id"]) == set(n["account_id"]) and n["account_id"].is_unique
    assert (m.groupby("account_id")["month"].apply(sorted).map(lambda x: x == list(range(6)))).all()
    assert (m["posts"] >= 0).all()
    wide = m.pivot(index="account_id", columns="month", values="posts") > 0
    assert wide[0].all(), "a newcomer who never posted in month 0"
    active = wide.sum(axis=1)
    assert (wide.cummin(axis=1).sum(axis=1) == active).all(), "a newcomer came back after a gap"
    last_month = active - 1
    days = (n.set_index("account_id")["last_post"] - n.set_index("account_id")["joined"]).dt.days
    assert (days >= 0).all()
    assert (days // 30).reindex(last_month.index).eq(last_month).all()
    _check_survival(m)


def test_month_one_retention_is_tuned_to_nielsen(data):
    _, t = data
    one = b.active_share(t["newcomer_months"])[1]
    assert 0.33 <= one <= 0.47, one
    assert 0.2 <= b.quit_within(t["newcomers"]) <= 0.4  # 60% gone after month 0, half of them in week one


def test_month_one_retention_follows_its_assumption():
    s = load_scenario()
    high = generate(s.with_assumptions(month_one_retention=0.7), cache=False)
    one = b.active_share(high["newcomer_months"])[1]
    assert 0.63 <= one <= 0.77, one
    assert one > b.active_share(load("newcomer_months"))[1] + 0.2
    _check_survival(high["newcomer_months"])
    none = generate(s.with_assumptions(first_week_quitters=0.0), cache=False)
    assert b.quit_within(none["newcomers"]) == 0.0


def test_references_agree_with_the_public_functions(data):
    _, t = data
    a, m = t["growth_accounts"], t["newcomer_months"]
    assert sol.raw_correlation(a) == pytest.approx(b.volume_correlation(a))
    ref = sol.within_team(a)
    assert ref.to_dict() == pytest.approx(b.within_groups(a).to_dict())
    assert sol.month_one_retention(m) == pytest.approx(b.active_share(m)[1])
    assert sol.ties(**sol.PLAN) == b.ties_sustained(**sol.PLAN) == 42


# --------------------------------------------------------------------------- 5. confounding as declared


def test_volume_goes_with_growth_only_across_teams():
    a = load("growth_accounts")
    raw, inside = b.volume_correlation(a), b.within_groups(a)
    assert len(inside) == 3
    assert (raw - inside >= 0.15).all(), (raw, inside.to_dict())


def _by_team(a):
    g = a.assign(log_volume=np.log(a["posts_per_week"])).groupby("team", observed=True)
    return g[["reply_share", "log_volume"]].mean().reindex(list(charts.TEAM_COLOURS))


def test_without_effort_confounding_the_raw_correlation_vanishes():
    by_team = _by_team(load("growth_accounts"))
    assert (by_team.diff().dropna() > 0.1).all().all(), by_team  # bigger teams post more, reply more
    a = generate(load_scenario().with_assumptions(effort_confounding=0), cache=False)["growth_accounts"]
    assert abs(b.volume_correlation(a)) < 0.15, b.volume_correlation(a)
    flat = _by_team(a)
    assert (flat.max() - flat.min() < 0.15).all(), flat


def test_growth_follows_the_declared_effect_sizes(data):
    """Least squares on the table recovers growth_effects and volume_effect (noise 0.12)."""
    s, t = data
    a, fx = t["growth_accounts"], dict(s.assumption("growth_effects"))
    cols = ["informational_share", "self_share", "reply_share", "broadcast_share", "mutual_share"]
    X = np.column_stack([np.ones(len(a)), a[cols], np.log(a["posts_per_week"])])
    beta = np.linalg.lstsq(X, np.log(a["followers_end"] / a["followers_start"]), rcond=None)[0]
    want = [fx[k] for k in ("informational", "self_focused", "replies", "broadcasting", "mutual")]
    assert np.allclose(beta[1:6], want, atol=0.2), (beta.round(2), want)
    assert abs(beta[6] - s.assumption("volume_effect")) < 0.1, beta[6]


def test_a_volume_effect_shows_inside_every_team():
    a = generate(load_scenario().with_assumptions(volume_effect=0.5), cache=False)["growth_accounts"]
    inside = b.within_groups(a)
    assert (inside > 0.3).all(), inside.to_dict()
    assert (b.within_groups(load("growth_accounts")) < 0.3).all()


def test_content_behaviour_and_network_matter_about_equally(data):
    s, t = data
    a, fx = t["growth_accounts"], dict(s.assumption("growth_effects"))
    terms = {
        "content": fx["informational"] * a["informational_share"] + fx["self_focused"] * a["self_share"],
        "behaviour": fx["replies"] * a["reply_share"] + fx["broadcasting"] * a["broadcast_share"],
        "network": fx["mutual"] * a["mutual_share"],
    }
    sd = {k: float(v.std()) for k, v in terms.items()}
    # each part moves growth by a similar amount (not each one's correlation with growth: content
    # and behaviour overlap, since link-only posts are built from self-focus and not replying)
    assert max(sd.values()) <= 1.35 * min(sd.values()), sd
    diff = {
        c: float((lambda m: m.iloc[-1] - m.iloc[0])(b.growth_by_band(a, c)))
        for c in ("informational_share", "self_share", "reply_share", "broadcast_share", "mutual_share")
    }
    assert diff["informational_share"] > 0 and diff["reply_share"] > 0 and diff["mutual_share"] > 0, diff
    assert diff["self_share"] < 0 and diff["broadcast_share"] < 0, diff


# --------------------------------------------------------------------------- 6. charts and explorers


def test_every_chart_keeps_the_contract():
    a, n, m = (load(x) for x in TABLES)
    made = {
        "budget": charts.budget_chart(),
        "budget_0": charts.budget_chart(contacts=0),
        "budget_40k": charts.budget_chart(contacts=40_000),
        "budget_500": charts.budget_chart(0, 30, 1, contacts=500),
        "seeding": charts.seeding_chart(charts.seeding_runs(runs=100)),
        "seeding_none": charts.seeding_chart(charts.seeding_runs(0, 0.0, 0, runs=50), target=1000),
        "volume": charts.volume_chart(a),
        "effects": charts.effects_chart(a),
        "survival": charts.survival_chart(m),
        "survival_week": charts.survival_chart(m, n),
    }
    for name, chart in made.items():
        spec = assert_chart_contract(chart)
        assert spec["description"].strip(), name
    big = made["budget_40k"].to_dict()
    assert "40,000 contacts" in " ".join(big["title"]["subtitle"])
    domains = {str(lay["encoding"]["y"]["scale"]["domain"]) for lay in big["layer"] if "scale" in lay["encoding"]["y"]}
    assert domains == {"[0, 260]"}, domains  # 40,000 contacts would flatten the line to nothing
    assert "contacts" not in " ".join(made["budget_0"].to_dict()["title"]["subtitle"])


def test_the_debate_table_lists_the_three_businesses():
    table = charts.debate_table()
    assert list(table.index) == list(b.BUSINESSES) and len(table) == 3
    assert table["relationships"].tolist() == [40, 400, 40_000]
    assert table["hours a week for all"].is_monotonic_increasing
    assert b.budget(100, 40, 0, 7, 3)["covered"] == 1.0  # the café: every regular, one to one
    assert b.budget(100, 400, 0, 7, 3)["covered"] == pytest.approx(42 / 400)
    assert b.budget(0, 0, 0)["covered"] == 1.0  # nobody to talk to: nothing uncovered


def _walk(widget, kinds) -> list:
    """Every widget of ``kinds`` under ``widget``, in the order shown."""
    here = [widget] if isinstance(widget, kinds) else []
    return here + [w for child in getattr(widget, "children", ()) for w in _walk(child, kinds)]


def _spec(view):
    return _walk(view, charts.LiveChart)[0].spec


def test_the_budget_explorer_redraws_on_every_control():
    view = charts.budget_explorer()
    controls = _walk(view, (W.IntSlider, W.IntText))
    assert len(controls) == 5
    minutes, each, every, customers, prospects = controls
    for control, value in (
        (minutes, 600),
        (each, 1),
        (every, 12),
        (customers, 0),
        (prospects, 25),
        (customers, 40_000),
        (prospects, 0),
        (minutes, 0),
    ):
        before = (_spec(view), _walk(view, W.HTML)[0].value)
        control.value = value
        assert (_spec(view), _walk(view, W.HTML)[0].value) != before, control.description
    assert "40,000 contacts" in _walk(view, W.HTML)[0].value


def test_the_seeding_explorer_redraws_on_every_control():
    view = charts.seeding_explorer()
    controls = _walk(view, (W.IntSlider, W.FloatSlider))
    assert len(controls) == 6  # list, conversion, strangers, the two engagement rates, target
    for control in controls:
        for value in (control.min, control.max):
            before = _spec(view)
            control.value = value
            assert _spec(view) != before, (control.description, value)


def test_the_budget_chart_keeps_your_point_on_the_chart():
    """At short conversations the line climbs past 1,000: the scale still shows your point, and the
    line is clipped at the top instead of drawing outside the plot."""
    chart = charts.budget_chart(minutes_per_week=500, minutes_per_conversation=2, tend_every_weeks=3)
    spec = chart.to_dict()
    ties = b.ties_sustained(500, 2, 3)
    tops = [
        layer["encoding"]["y"]["scale"]["domain"][1]
        for layer in spec["layer"]
        if "scale" in layer["encoding"].get("y", {})
    ]
    assert ties > 260 and tops and all(t >= ties for t in tops), (ties, tops)
    assert any(layer["mark"].get("clip") for layer in spec["layer"] if isinstance(layer["mark"], dict))


def test_the_seeding_chart_states_the_rates_it_was_given():
    """The rates are guesses the learner sets: the chart says which ones it drew."""
    chart = charts.seeding_chart(
        charts.seeding_runs(400, 0.25, 15, runs=20, engaged_from_list=0.4, engaged_organic=0.1)
    )
    said = " ".join(chart.title.subtitle)
    assert "25% of the list follow; 40% of them engage, 10% of strangers" in said, said
    assert "25% of the list follow" in chart.description


def test_the_seeding_title_counts_runs_that_never_reach_the_target():
    """The month in the title is the median over every run, a run that never gets there counting as
    later than all (it was the median of the runs that got there: too early)."""
    reached = {0: 1, 1: 1, 2: 1, 3: 2, 4: 3, 5: 4}  # six runs reach 10, four never do
    rows = [
        {
            "case": case,
            "run": r,
            "month": m,
            "engaged": 10 if case == charts.INVITE and r in reached and m >= reached[r] else 0,
        }
        for case in (charts.INVITE, charts.ORGANIC)
        for r in range(10)
        for m in range(1, 13)
    ]
    title = charts.seeding_chart(pd.DataFrame(rows), target=10).title.text
    assert title.startswith("10 engaged: month 4 with the list, not in a year without"), title
