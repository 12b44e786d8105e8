import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from kit.scenario import ScenarioError, load_scenario, parse_scenario

GOOD = dict(
    town="Kendal",
    county="Cumbria",
    hashtag="#cumbriahour",
    hub_account="@CumbriaHour",
    weekday="Tuesday",
    start="20:00",
    duration_minutes=60,
    timezone="Europe/London",
    first_date=dt.date(2026, 3, 17),
    weeks=4,
    businesses=50,
    residents=100,
    outsiders=200,
    linkedin_members=60,
    quarter_start=dt.date(2026, 1, 1),
    seed=7,
)


def test_bundled_scenario_is_the_dorset_default():
    s = load_scenario()
    assert (s.hashtag, s.weekday, s.timezone) == ("#dorsethour", "Monday", "Europe/London")
    assert s.start == dt.time(19, 30) and s.duration_minutes == 60


def test_hour_windows_follow_local_time_across_the_clock_change():
    s = load_scenario()
    windows = s.hour_windows()
    assert len(windows) == s.weeks
    assert {w[0].strftime("%H:%M") for w in windows} == {"19:30"}
    offsets = {w[0].utcoffset() for w in windows}
    assert offsets == {dt.timedelta(hours=1), dt.timedelta(0)}, "the bundled weeks cross the clock change"


def test_parse_accepts_another_town():
    s = parse_scenario(GOOD)
    assert s.evenings()[0].weekday() == 1


@pytest.mark.parametrize(
    "change, message",
    [
        ({"timezone": "Mars/Olympus"}, "IANA"),
        ({"weekday": "Funday"}, "weekday should be one of"),
        ({"first_date": dt.date(2026, 3, 18)}, "is a Wednesday, not a Tuesday"),
        ({"start": "8pm"}, "local time like"),
        ({"hashtag": "cumbriahour"}, "hashtag should look like"),
        ({"weeks": 0}, "weeks should be between"),
        ({"businesses": "many"}, "businesses should be int"),
        ({"colour": "blue"}, "unknown keys: colour"),
        ({"start": "23:30", "duration_minutes": 60}, "must end before midnight: start 23:30 plus 60 minutes"),
    ],
)
def test_bad_scenarios_get_one_clear_error(change, message):
    with pytest.raises(ScenarioError, match=message):
        parse_scenario({**GOOD, **change}, source="my.toml")


def test_a_late_hour_is_counted_to_its_last_second_and_one_ending_at_midnight_is_refused():
    with pytest.raises(ScenarioError, match="must end before midnight: start 23:00 plus 60 minutes"):
        parse_scenario({**GOOD, "start": "23:00", "duration_minutes": 60})
    s = parse_scenario({**GOOD, "start": "22:59", "duration_minutes": 60})
    from kit.social import in_hashtag_hour

    start, end = s.hour_windows()[0]
    times = pd.Series([start, end - dt.timedelta(seconds=1), end])
    assert in_hashtag_hour(times, s).tolist() == [True, True, False]


def test_missing_key_is_named():
    bad = dict(GOOD)
    del bad["seed"]
    with pytest.raises(ScenarioError, match="my.toml: missing keys: seed"):
        parse_scenario(bad, source="my.toml")


def test_malformed_file_names_the_file(tmp_path):
    p = tmp_path / "scenario.toml"
    p.write_text("town = \n")
    with pytest.raises(ScenarioError, match=f"{p}: not valid TOML"):
        load_scenario(p)
    with pytest.raises(ScenarioError, match="scenario file not found"):
        load_scenario(tmp_path / "nope.toml")


# --- the assumptions register as scenario parameters


def test_assumptions_default_to_the_register_and_can_be_overridden():
    from kit.synth.assumptions import ASSUMPTIONS

    s = parse_scenario(GOOD)
    assert s.assumptions == () and s.assumption("conversation_lift") == ASSUMPTIONS["conversation_lift"].default
    t = parse_scenario({**GOOD, "assumptions": {"conversation_lift": 0, "bot_share": {"cafe": 0.2}}})
    assert t.assumption("conversation_lift") == 0.0
    assert t.assumption("bot_share")["cafe"] == 0.2 and t.assumption("bot_share")["brand"] == 0.11
    assert "assumptions" in t.as_dict() and "assumptions" not in s.as_dict()
    u = s.with_assumptions(conversation_lift=0)
    assert u.assumption("conversation_lift") == 0.0 and s.assumption("conversation_lift") == 1.5
    assert u.with_assumptions(hashtag_lift=1).assumption("conversation_lift") == 0.0


@pytest.mark.parametrize(
    "table, message",
    [
        ({"conversaton_lift": 0}, "unknown assumption 'conversaton_lift'"),
        ({"conversation_lift": "off"}, "assumptions.conversation_lift should be a number between 0 and 10"),
        ({"conversation_lift": -1}, "assumptions.conversation_lift should be a number between"),
        ({"self_promotion_mean": 1.0}, "assumptions.self_promotion_mean should be a number between 0.01 and 0.99"),
        ({"bot_share": 0.1}, "assumptions.bot_share should be a table"),
        ({"bot_share": {"bakery": 2}}, "assumptions.bot_share.bakery should be a number between 0 and 1"),
        ({"bot_share": {"pub": 0.1}}, "assumptions.bot_share: unknown keys 'pub'"),
        ("off", "assumptions should be a table"),
    ],
)
def test_bad_assumptions_get_one_clear_error(table, message):
    with pytest.raises(ScenarioError, match=f"my.toml: .*{message}"):
        parse_scenario({**GOOD, "assumptions": table}, source="my.toml")
    s = parse_scenario(GOOD)
    if isinstance(table, dict):
        with pytest.raises(ScenarioError, match="with_assumptions: "):
            s.with_assumptions(**table)


def test_an_assumptions_table_in_the_file_is_read(tmp_path):
    p = tmp_path / "scenario.toml"
    p.write_text(
        (Path(__file__).parent.parent / "datasets" / "scenario.toml").read_text()
        + "\n[assumptions]\nconversation_lift = 0\n"
    )
    assert load_scenario(p).assumption("conversation_lift") == 0.0
