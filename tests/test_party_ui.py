"""Tests for workshop 03's charts and widgets (kit.ui.party) and the shared wording (kit.ui.words)."""

import inspect
import json

import numpy as np
import pandas as pd
import pytest

from kit import party
from kit.ui import party as charts
from kit.ui.party import explorers
from kit.ui.words import TITLE_LIMIT, plural

from .chart_contract import assert_chart_contract


def spec_title(chart) -> str:
    return chart.to_dict()["title"]["text"]


def records(spec: dict) -> list:
    return spec["datasets"][spec["data"]["name"]]


def text_layers(node) -> list:
    """Every text mark's encoding, anywhere in a layered or faceted spec."""
    if isinstance(node, dict):
        mark = node.get("mark")
        found = [node["encoding"]] if isinstance(mark, dict) and mark.get("type") == "text" else []
        return found + [e for v in node.values() for e in text_layers(v)]
    if isinstance(node, list):
        return [e for v in node for e in text_layers(v)]
    return []


def spread(trusted: dict, liked: dict | None = None, parties: int = 20) -> pd.DataFrame:
    """A hand-made ``over_seeds`` table: persona -> (mean, low, high) of trusted_by (and liked_by)."""
    rows = {}
    for p, (m, lo, hi) in trusted.items():
        lm, llo, lhi = (liked or {}).get(p, (m + 1, m + 0.5, m + 1.5))
        rows[p] = {
            "parties": parties,
            "people_met": 5.0,
            "people_met_low": 4.0,
            "people_met_high": 6.0,
            "remembered_by": 3.0,
            "remembered_by_low": 2.0,
            "remembered_by_high": 4.0,
            "liked_by": lm,
            "liked_by_low": llo,
            "liked_by_high": lhi,
            "trusted_by": m,
            "trusted_by_low": lo,
            "trusted_by_high": hi,
        }
    t = pd.DataFrame.from_dict(rows, orient="index").rename_axis("persona")
    t.attrs.update(guests=40, minutes=90, evenings=6, seeds=list(range(parties)))
    return t


def board(rows: list, parties: int = 20, evenings: int = 6) -> pd.DataFrame:
    """A hand-made tournament board: (rank, entry, is_entry, trusted mean, low, high) per guest."""
    out = pd.DataFrame(
        [
            {
                "rank": r,
                "entry": e,
                "is_entry": mine,
                "trusted_by": m,
                "trusted_by_low": lo,
                "trusted_by_high": hi,
                "liked_by": m + 1,
                "liked_by_low": m,
                "liked_by_high": m + 2,
                "remembered_by": m + 3,
                "remembered_by_low": m + 2,
                "remembered_by_high": m + 4,
                "guests": 3,
            }
            for r, e, mine, m, lo, hi in rows
        ]
    )
    out.insert(1, "tie", out["rank"].duplicated(keep=False))
    out.attrs.update(parties=parties, evenings=evenings, seeds=list(range(parties)))
    return out


# --------------------------------------------------------------------------- the chart contract


def test_workshop_03_charts_follow_the_contract():
    evening, season = party.room_party(1), party.room_party(party.SEASON_EVENINGS)
    made = [
        charts.outcomes_chart(evening),
        charts.outcomes_chart(season),
        charts.outcomes_chart(party.room_outcomes(1)),
        charts.outcomes_chart(party.room_outcomes(party.SEASON_EVENINGS)),
        charts.met_vs_remembered_chart(evening),
        charts.group_sizes_chart(evening),
        charts.pairs_chart(evening),
        charts.pairs_chart(season, "trusts"),
        charts.funnel_chart(evening, season),
        charts.leaderboard_chart(party.tournament(party.guest_entry("listener", 0.3, 0.2, 12), seeds=3)),
        charts.davis_chart(),
        charts.davis_chart(show_betweenness=False),
    ]
    for chart in made:
        assert_chart_contract(chart)
    for chart in (made[1], made[3]):  # a season: one draw, and 20 parties
        assert spec_title(chart).startswith("Conversationalists are trusted by the most people")
    davis = charts.davis_chart().to_dict()
    assert "Theresa sits on the routes between the two circles" == davis["title"]["text"]
    assert any("Evelyn, 8 events too: 3%" in line for line in davis["title"]["subtitle"])
    assert "Evelyn Jefferson went to 8 events, as many as anyone, and has 3%" in davis["description"]
    # shown before exercise 03.5: it must not give the answer away
    before = charts.davis_chart(show_betweenness=False).to_dict()
    assert "betweenness" not in json.dumps(before) and "Theresa" not in before["title"]["text"]
    title = spec_title(charts.met_vs_remembered_chart(evening))
    assert title.startswith("Butterflies meet the most people") and "remembered by few" in title


def test_outcomes_of_many_parties_show_means_and_intervals():
    table = party.room_outcomes(1)
    spec = charts.outcomes_chart(table).to_dict()
    subtitle = spec["title"]["subtitle"]
    assert "Mean of 20 parties; lines: 95% interval" in subtitle
    assert "40 guests, one evening of 90 minutes; synthetic" in subtitle
    assert "errorbar" in [layer["mark"]["type"] for layer in spec["spec"]["layer"]]
    for v in records(spec):
        column = {s: c for c, s in charts.STAGES.items()}[v["stage"]]
        assert v["low"] <= v["people"] <= v["high"]
        assert v["people"] == pytest.approx(table.loc[v["persona"], column])
        assert v["high"] == pytest.approx(table.loc[v["persona"], f"{column}_high"])
    assert "as the mean of 20 parties with its 95% interval" in spec["description"]


def test_one_party_is_labelled_as_one_draw():
    r = party.simulate(guests=40, minutes=90, seed=7)
    spec = charts.outcomes_chart(r).to_dict()
    assert "party number 7: one draw" in spec["title"]["subtitle"][1]
    assert "at one party (one draw)" in spec["description"]
    assert "errorbar" not in json.dumps(spec)
    assert not any("Mean of" in line for line in spec["title"]["subtitle"])


def test_outcomes_chart_says_plainly_what_it_needs():
    with pytest.raises(ValueError, match=r"party.simulate\(...\)\) or many \(party.over_seeds"):
        charts.outcomes_chart(pd.DataFrame({"a": [1]}))


def test_chart_labels_and_descriptions_round_the_same_way():
    """Labels are text made in Python, so the chart and its description never disagree."""
    for x in (party.room_party(party.SEASON_EVENINGS), party.room_outcomes(party.SEASON_EVENINGS)):
        spec = charts.outcomes_chart(x).to_dict()
        for v in records(spec):
            assert v["label"] in spec["description"]
            if "Mean of" in json.dumps(spec["title"]):
                assert f"{v['label']} ({v['interval']})" in spec["description"]
        assert text_layers(spec) and "format" not in json.dumps(text_layers(spec))
    spec = charts.leaderboard_chart(party.tournament(party.guest_entry("listener", 0.3, 0.2, 12), seeds=3)).to_dict()
    for v in records(spec):
        assert f"{v['place']}. {v['entry']} {v['label']}, interval {v['interval']}" in spec["description"]
    assert "format" not in json.dumps(text_layers(spec))


# --------------------------------------------------------------------------- titles


def test_outcomes_title_never_names_a_winner_nobody_liked():
    """With nobody liked, the first persona would "win" ("wallflowers are liked most")."""
    r = party.simulate(guests=6, minutes=2, seed=0, mix={"wallflower": 1, "butterfly": 1})
    assert r.guests["liked_by"].sum() == 0
    title = spec_title(charts.outcomes_chart(r))
    assert "liked most" not in title and "no one is liked or trusted" in title
    many = party.over_seeds(guests=6, minutes=2, mix={"wallflower": 1, "butterfly": 1}, seeds=3)
    assert many["liked_by"].max() == 0
    assert spec_title(charts.outcomes_chart(many)) == "After one evening, no one is liked or trusted"
    few = spread(
        {"wallflower": (0.0, 0.0, 0.0), "butterfly": (0.0, 0.0, 0.0)},
        liked={"wallflower": (0.01, 0.0, 0.03), "butterfly": (0.02, 0.0, 0.04)},
    )
    assert spec_title(charts.outcomes_chart(few)) == "After 6 evenings, hardly anyone is liked or trusted"


def test_outcomes_title_says_tie_when_the_top_two_intervals_overlap():
    apart = spread({"conversationalist": (2.0, 1.8, 2.2), "impostor": (1.0, 0.8, 1.2)})
    assert spec_title(charts.outcomes_chart(apart)) == "Conversationalists are trusted by the most people (2.0 each)"
    close = spread({"conversationalist": (2.0, 1.6, 2.4), "impostor": (1.7, 1.3, 2.1), "butterfly": (0.1, 0, 0.2)})
    assert spec_title(charts.outcomes_chart(close)) == "Conversationalists and impostors tie for the most trust"
    three = spread(
        {
            "conversationalist": (2.0, 1.0, 3.0),
            "impostor": (1.7, 1.0, 2.4),
            "broadcaster": (1.5, 0.9, 2.1),
            "butterfly": (1.4, 0.8, 2.0),
        }
    )
    assert spec_title(charts.outcomes_chart(three)) == "Conversationalists and 3 others tie for the most trust"
    untrusted = {"conversationalist": (0.0, 0.0, 0.0), "impostor": (0.0, 0.0, 0.0)}
    liked_tie = spread(untrusted, liked={"conversationalist": (1.6, 1.3, 1.9), "impostor": (1.4, 1.1, 1.7)})
    title = spec_title(charts.outcomes_chart(liked_tie))
    assert "tie on liking" in title and "conversationalists and impostors" in title.lower()
    liked_one = spread(untrusted, liked={"conversationalist": (1.6, 1.4, 1.8), "impostor": (0.4, 0.2, 0.6)})
    assert spec_title(charts.outcomes_chart(liked_one)) == "No one is trusted; conversationalists are liked most"


@pytest.mark.parametrize("stage", ["trusted_by", "liked_by"])
def test_tie_titles_fit_a_projector_for_every_pair_of_personas(stage):
    names = list(party.DEFAULT_PERSONAS.index)
    for a in names:
        for b in names:
            if a == b:
                continue
            values = {a: (1.0, 0.5, 1.5), b: (0.9, 0.4, 1.4)}
            t = (
                spread(values)
                if stage == "trusted_by"
                else spread({a: (0.0, 0.0, 0.0), b: (0.0, 0.0, 0.0)}, liked=values)
            )
            title = spec_title(charts.outcomes_chart(t))
            assert "tie" in title and len(title) <= TITLE_LIMIT, title
            assert plural(a) in title.lower()


def test_leaderboard_titles_say_who_ties():
    tie = board(
        [
            (1, "Ana's listener", True, 2.0, 1.6, 2.4),
            (1, "conversationalist", False, 1.9, 1.5, 2.3),
            (3, "impostor", False, 0.2, 0.0, 0.4),
        ]
    )
    assert spec_title(charts.leaderboard_chart(tie)) == "“Ana's listener” and the conversationalist tie for first"
    alone = board([(1, "Ana's listener", True, 2.0, 1.8, 2.2), (2, "conversationalist", False, 1.2, 1.0, 1.4)])
    assert spec_title(charts.leaderboard_chart(alone)) == "“Ana's listener” wins: trusted by 2.0 people each"
    behind = board(
        [
            (1, "conversationalist", False, 2.0, 1.8, 2.2),
            (2, "impostor", False, 1.2, 1.0, 1.4),
            (2, "Ana's listener", True, 1.1, 0.9, 1.3),
        ]
    )
    assert (
        spec_title(charts.leaderboard_chart(behind)) == "“Ana's listener” ties for 2nd of 3; the conversationalist wins"
    )
    room = board(
        [
            (1, "impostor", False, 2.0, 1.8, 2.2),
            (2, "Ben", True, 1.2, 1.0, 1.4),
            (3, "Ana's listener", True, 0.5, 0.3, 0.7),
        ]
    )
    assert spec_title(charts.leaderboard_chart(room)) == "The impostor wins; the room's best, “Ben”, comes 2nd of 3"
    room.loc[room["entry"] == "Ben", "entry"] = "Ben's charmer"  # too long for a title with the winner
    assert spec_title(charts.leaderboard_chart(room)) == "The room's best, “Ben's charmer”, comes 2nd of 3"
    everyone = board(
        [
            (1, "conversationalist", False, 0.3, 0.0, 0.6),
            (1, "impostor", False, 0.2, 0.0, 0.5),
            (1, "Ana's listener", True, 0.1, 0.0, 0.4),
        ]
    )
    assert spec_title(charts.leaderboard_chart(everyone)) == "All 3 guests tie: no gap is bigger than luck"
    nobody = board([(1, "wallflower", False, 0.0, 0.0, 0.0), (1, "Ana's listener", True, 0.0, 0.0, 0.0)])
    assert "no winner" in spec_title(charts.leaderboard_chart(nobody))
    for b in (tie, alone, behind, room, everyone, nobody):
        assert_chart_contract(charts.leaderboard_chart(b))


def test_leaderboard_explains_intervals_not_luck():
    spec = charts.leaderboard_chart(
        board(
            [(1, "conversationalist", False, 2.0, 1.8, 2.2), (2, "Ana's listener", True, 1.1, 0.9, 1.3)],
            parties=12,
            evenings=4,
        )
    ).to_dict()
    subtitle = " ".join(spec["title"]["subtitle"])
    assert "12 parties of 4 evenings each" in subtitle and "95% interval" in subtitle
    assert "Gaps of 0.1" not in json.dumps(spec) and "luck" not in subtitle
    assert "errorbar" in [layer["mark"]["type"] for layer in spec["layer"]]
    tied = board([(1, "a", True, 2.0, 1.6, 2.4), (1, "conversationalist", False, 1.9, 1.5, 2.3)])
    places = [v["place"] for v in records(charts.leaderboard_chart(tied).to_dict())]
    assert places == ["=1", "=1"]


# --------------------------------------------------------------------------- colours


def test_colours_come_from_the_persona_table():
    table = party.personas_table()
    table.loc["impostor", "colour"] = "#123456"
    table.loc["listener"] = [0.3, 0.1, 8.0, 0.0, 1.0, "Mostly listens.", "Reads and answers.", "", ""]
    r = party.simulate(guests=24, minutes=30, seed=1, personas=table)
    scale = charts.outcomes_chart(r).to_dict()["spec"]["layer"][0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"]))
    assert (
        colours["impostor"] == "#123456" and colours["butterfly"] == party.DEFAULT_PERSONAS.loc["butterfly", "colour"]
    )
    assert colours["listener"] == r.personas.loc["listener", "colour"] not in party.DEFAULT_PERSONAS["colour"].values
    spec = charts.leaderboard_chart(party.tournament(party.guest_entry("mine", 0.3, 0.2, 12), seeds=3)).to_dict()
    bar = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "bar")
    colours = dict(zip(bar["encoding"]["color"]["scale"]["domain"], bar["encoding"]["color"]["scale"]["range"]))
    assert colours["from the room"] == charts.ROOM_COLOUR
    assert colours["conversationalist"] == party.DEFAULT_PERSONAS.loc["conversationalist", "colour"]
    assert len(set(colours.values())) == len(colours)


# --------------------------------------------------------------------------- the explorer


@pytest.fixture
def counted(monkeypatch):
    """Counts the explorer's simulations: {function name: [keyword arguments of each call]}."""
    calls = {"simulate": [], "over_seeds": []}
    for name in calls:
        real = getattr(party, name)

        def wrapper(*args, _real=real, _name=name, **kwargs):
            calls[_name].append(kwargs)
            return _real(*args, **kwargs)

        monkeypatch.setattr(party, name, wrapper)
    return calls


def test_explorer_computes_once_per_change(counted):
    ex = charts.PartyExplorer(seed=3)
    assert [len(c) for c in counted.values()] == [1, 1]  # the first render, once
    ex.evenings.value = 2
    ex.mix["impostor"].value = 5
    ex.measure.value = "likes"
    assert [len(c) for c in counted.values()] == [4, 4]
    ex.another()
    assert [len(c) for c in counted.values()] == [5, 5]
    spread_call, map_call = counted["over_seeds"][-1], counted["simulate"][-1]
    assert spread_call["first_seed"] == map_call["seed"] == 3 + party.SEEDS == ex.seed
    assert spread_call["seeds"] == party.SEEDS >= 20


def test_explorer_redraws_on_a_change():
    ex = charts.PartyExplorer(seed=3)
    outcomes, pairs = ex.views["outcomes"], ex.views["pairs"]
    assert list(ex.charts.children) == [outcomes, pairs]
    before = outcomes.chart.to_dict()["title"]["subtitle"]
    ex.evenings.value = 3
    after = outcomes.chart.to_dict()["title"]["subtitle"]
    assert "40 guests, one evening of 90 minutes; synthetic" in before
    assert "40 guests, 3 evenings of 90 minutes; synthetic" in after
    assert "Mean of 20 parties; lines: 95% interval" in after
    assert ex.views["outcomes"] is outcomes  # swapped, not replaced
    ex.measure.value = "knows"
    assert "know each other" in pairs.chart.to_dict()["title"]["subtitle"][0]
    assert "party number 3: one draw" in pairs.chart.to_dict()["title"]["subtitle"][1]
    assert ex.spread.attrs["seeds"] == list(range(3, 3 + party.SEEDS))
    assert ex.result.settings["seed"] == 3
    ms = ex.another()
    assert ms > 0 and ex.last_ms == ms
    assert f"party number {3 + party.SEEDS}: one draw" in pairs.chart.to_dict()["title"]["subtitle"][1]
    assert all(not s.continuous_update for s in (*ex.mix.values(), ex.guests, ex.minutes, ex.evenings))
    assert "guests: 8 wallflowers" in ex.status.value and "one draw" in ex.status.value


def test_a_bad_input_warns_and_keeps_the_last_chart():
    ex = charts.PartyExplorer(seed=3)
    *others, last = ex.mix.values()
    for slider in others:
        slider.value = 0
    chart, data = ex.views["outcomes"].chart, ex.data
    last.value = 0  # no traceback: the callback catches it
    assert "⚠" in ex.status.value and "every persona share is 0" in ex.status.value
    assert "still show the last settings" in ex.status.value
    assert ex.views["outcomes"].chart is chart and ex.data is data and np.isnan(ex.redraw())
    ex.mix["butterfly"].value = 1
    assert set(ex.result.guests["persona"].astype(str)) == {"butterfly"}
    assert "⚠" not in ex.status.value


# --------------------------------------------------------------------------- the tournament widgets


def test_guest_designer_and_tournament_desk():
    g = charts.GuestDesigner(seeds=3)
    assert g.board["is_entry"].sum() == 1 and list(g.charts.children) == [g.views["board"]]
    chart = g.views["board"].chart
    g.name.value = "butterfly"
    assert "⚠" in g.status.value and "already used" in g.status.value
    assert g.views["board"].chart is chart and "my guest" in set(g.board["entry"])
    g.name.value = "listener"
    assert "listener, 0.3, 0.4, 10, 0, 1" in g.status.value and "listener" in set(g.board["entry"])
    assert "give your guest a name" not in g.status.value.lower()
    g.name.value = "my guest"
    assert "First give your guest a name" in g.status.value
    desk = charts.TournamentDesk(seeds=3)
    assert desk.board["is_entry"].sum() == 3
    assert "good listener" in desk.status.value and "<table" in desk.status.value
    assert "trusted by (95% interval)" in desk.status.value
    r = desk.board[desk.board["is_entry"]].iloc[0]
    assert f"{r.trusted_by:.1f} ({r.trusted_by_low:.1f} to {r.trusted_by_high:.1f})" in desk.status.value
    desk.text.value = (
        "persona, join_rate, talk_share, stay_minutes, claim, honesty\n"
        "my guest, 0.3, 0.4, 10, 0, 1\nmy guest, 0.5, 0.4, 10, 0, 1"
    )
    desk.redraw()
    assert "“my guest (2)”" in desk.status.value and "Renamed" in desk.status.value
    chart = desk.views["board"].chart
    desk.text.value = "just one line"
    desk.redraw()
    assert "⚠" in desk.status.value and "header line" in desk.status.value
    assert desk.views["board"].chart is chart


def test_the_entries_table_marks_ties_with_equals():
    b = board([(1, "a", True, 2.0, 1.6, 2.4), (1, "b", True, 1.9, 1.5, 2.3), (3, "c", True, 0.2, 0.0, 0.4)])
    table = explorers._entries_table(b)
    assert "<td" in table and ">=1<" in table and ">3<" in table and ">=3<" not in table
    assert "2.0 (1.6 to 2.4)" in table


def test_every_tournament_runs_the_same_parties():
    """The code cell, the designer and the desk agree: same seeds, same season, same size."""
    sig = inspect.signature(party.tournament).parameters
    assert sig["seeds"].default == party.SEEDS >= 20
    assert sig["evenings"].default == party.SEASON_EVENINGS
    for cls in (charts.GuestDesigner, charts.TournamentDesk):
        assert inspect.signature(cls).parameters["seeds"].default == party.SEEDS
    assert (
        inspect.signature(charts.TournamentDesk).parameters["guests_per_entry"].default
        == sig["guests_per_entry"].default
    )
    g = charts.GuestDesigner(name="mine")
    pd.testing.assert_frame_equal(g.board, party.tournament(party.guest_entry("mine", 0.3, 0.4, 10)))


def test_the_notebook_functions_give_widgets():
    import ipywidgets as W

    for make in (charts.guest_designer, charts.tournament_desk):
        assert isinstance(make(seeds=2), W.VBox)
    assert isinstance(charts.explorer(seed=1), W.VBox)


def test_a_designer_line_with_a_comma_in_the_name_reads_back_as_one_guest():
    from kit.ui.party import entry_line

    header = "persona, " + ", ".join(party.PARAMETER_COLUMNS)
    line = entry_line("Ana, the listener", [0.3, 0.2, 12.0, 0.0, 1.0])
    entries = party.read_entries(header + "\n" + line)
    assert list(entries.index) == ["Ana, the listener"]
    assert entries.loc["Ana, the listener"].tolist() == [0.3, 0.2, 12.0, 0.0, 1.0]
