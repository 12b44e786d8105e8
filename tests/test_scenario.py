import datetime as dt

import pytest

from kit.scenario import ScenarioError, load_scenario, parse_scenario

GOOD = dict(town="Kendal", county="Cumbria", hashtag="#cumbriahour", hub_account="@CumbriaHour",
            weekday="Tuesday", start="20:00", duration_minutes=60, timezone="Europe/London",
            first_date=dt.date(2026, 3, 17), weeks=4, businesses=50, residents=100, outsiders=200,
            linkedin_members=60, quarter_start=dt.date(2026, 1, 1), seed=7)


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


@pytest.mark.parametrize("change, message", [
    ({"timezone": "Mars/Olympus"}, "IANA"),
    ({"weekday": "Funday"}, "weekday should be one of"),
    ({"first_date": dt.date(2026, 3, 18)}, "is a Wednesday, not a Tuesday"),
    ({"start": "8pm"}, "local time like"),
    ({"hashtag": "cumbriahour"}, "hashtag should look like"),
    ({"weeks": 0}, "weeks should be between"),
    ({"businesses": "many"}, "businesses should be int"),
    ({"colour": "blue"}, "unknown keys: colour"),
])
def test_bad_scenarios_get_one_clear_error(change, message):
    with pytest.raises(ScenarioError, match=message):
        parse_scenario({**GOOD, **change}, source="my.toml")


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
