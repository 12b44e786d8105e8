"""Workshop 04's charts and explorers: every chart keeps the chart contract, every explorer
redraws on every control without an error and says what it computed."""

from __future__ import annotations

import re

import pytest

from kit import hashtag as h
from kit.data import load
from kit.ui import hashtag as charts

from .chart_contract import assert_chart_contract


@pytest.fixture(scope="module")
def town():
    return {
        name: load(name)
        for name in ("posts", "accounts", "follows", "new_follows", "reactions", "profiles", "profile_visits")
    }


def test_every_chart_keeps_the_contract(town):
    p, a, f, nf = town["posts"], town["accounts"], town["follows"], town["new_follows"]
    hub = int(a.loc[a["kind"] == "hub", "account_id"].iloc[0])
    author = int(p.loc[p["post_id"] == h.example_post(p, a), "account_id"].iloc[0])
    score = h.rubric_score(h.profile_features(town["profiles"], a, p))
    made = {
        "turnout": charts.turnout_chart(p),
        "peak": charts.peak_chart(p),
        "reach": charts.reach_chart(h.reach_table(p, f, a), a),
        "cascade": charts.cascade_chart(charts._cascade_runs(f, author, hub, 0.02, runs=20)),
        "network": charts._network(charts._layout(f, author, hub), True),
        "network_off": charts._network(charts._layout(f, author, hub), False),
        "rules": charts.request_rules_chart(p),
        "reactions": charts.reactions_chart(h.reaction_rates(town["reactions"], a, p)),
        "recommender": charts.recommender_chart(charts.recommender_results(f, nf)),
        "rubric": charts.rubric_chart(h.follow_rate_by_score(town["profile_visits"], score, a)),
    }
    rows = __import__("pandas").DataFrame(
        {"rank": [1, 2], "suggested": ["@A", "@B"], "score": [3.0, 1.0], "later": ["friend_of_friend", "no"]}
    )
    made["suggestions"] = charts._suggestions_chart(rows, "@Me", "common_neighbours")
    for name, chart in made.items():
        spec = assert_chart_contract(chart)
        assert spec["description"].strip(), name


def test_the_reach_chart_says_what_is_built_in_and_cites_kwak(town):
    spec = charts.reach_chart(
        h.reach_table(town["posts"], town["follows"], town["accounts"]), town["accounts"]
    ).to_dict()
    assert "Kwak" in spec["description"] and "upper bound" in spec["description"]


def test_the_recommender_results_agree_with_the_public_measures(town):
    """The chart's table counts hits and precision itself (one pass); each method's figures are
    those of ``h.suggest`` and ``h.precision_at_k``, as the notebook's reader would compute them."""
    f, nf, a = town["follows"], town["new_follows"], town["accounts"]
    results = charts.recommender_results(f, nf, a, k=5)
    who = sorted(nf["follower_id"].astype(int).unique())
    for method, rows in results.groupby("method"):
        s = h.suggest(f, who, k=5, method=method, candidates=charts._local_businesses(a))
        assert rows["precision"].iloc[0] == h.precision_at_k(s, nf, f), method
        assert rows["suggestions"].iloc[0] == len(s), method
        assert rows["hits"].iloc[0] == round(h.precision_at_k(s, nf, f) * len(s)), method


def test_the_peak_chart_counts_every_minute_once(town):
    """Minute 59 is its own bar (a binning slip once put 58 and 59 together)."""
    spec = charts.peak_chart(town["posts"]).to_dict()
    assert spec["encoding"]["x"]["bin"]["extent"] == [0, 60]


def _html(widget) -> str:
    import ipywidgets as W

    out = []

    def walk(w):
        if isinstance(w, W.HTML):
            out.append(w.value)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(out)


def _controls(widget):
    import ipywidgets as W

    found = []

    def walk(w):
        if isinstance(w, (W.Dropdown, W.Checkbox, W.IntSlider, W.FloatSlider)):
            found.append(w)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return found


def test_the_reach_explorer_redraws_on_every_control(town):
    view = charts.reach_explorer(town["posts"], town["follows"], town["accounts"])
    before = _html(view)
    assert "follow this business" in before and "hub's retweet adds" in before
    who, hub_on, share = _controls(view)
    hub_on.value = False
    assert "Without the hub" in _html(view)
    share.value = 0.05
    who.value = who.options[-1][1]  # the biggest business
    assert _html(view) != before


def test_the_follow_explorer_never_suggests_a_followed_account(town):
    view = charts.follow_explorer(town["follows"], town["new_follows"], town["accounts"])
    who, how, k = _controls(view)
    f = town["follows"]
    handle = town["accounts"].set_index("account_id")["handle"]
    for method in h.METHODS:
        how.value = method
        k.value = 7
        text = _html(view)
        assert text.count("<tr") == 8, method  # a header and seven suggestions
        followed = set(handle.reindex(f.loc[f["follower_id"] == who.value, "followed_id"]))
        shown = set(re.findall(r"<td>(@\w+)</td>", text))
        assert len(shown) == 7 and not shown & followed, method
        assert handle[who.value] not in shown


def test_the_profile_form_scores_and_advises():
    view = charts.profile_form()
    controls = {c.description: c for c in _controls(view)}
    assert "0.50" in _html(view) or "score" in _html(view)
    for c in controls.values():
        if hasattr(c, "max") and not isinstance(c.value, bool):
            c.value = c.max
        elif c.description.startswith("All of your"):
            c.value = False
        else:
            c.value = True
    text = _html(view)
    assert "<b>1.00</b>" in text and "nothing: every box" in text
