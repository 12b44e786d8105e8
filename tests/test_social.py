"""Workshops 00 and 01: built-in patterns flagged where shown, an assumption that can be switched
off, and a bootstrap that says how sure we can be (each part starting on its own: test_parts.py)."""

from __future__ import annotations

import re

import nbformat
import pytest

from kit import load, load_scenario, workshops
from kit.editions import workshops_dir
from kit.social import account_summary, audience_bands, opportunity_gap_interval, opportunity_share
from kit.synth.assumptions import ASSUMPTIONS

# --------------------------------------------------------------------------- built-in patterns are flagged

# A chart (or figure) of 01 that shows a pattern the generator builds in, and the assumption
# (kit/synth/assumptions.py) the text beside it must name.
FLAGGED = {
    "charts.hour_rhythm_chart": "broadcaster_share",
    "charts.conversation_pays_chart": "conversation_lift",
    "charts.threshold_explorer": "activity_conversations",
    "charts.reciprocity_chart": "follow_back_local",
    "charts.engagement_vs_audience_chart": "post_engagement_exponent",
    "self_focus(posts": "self_promotion_mean",
}


def test_flagged_assumptions_exist_in_the_register():
    assert set(FLAGGED.values()) <= set(ASSUMPTIONS)


def test_every_built_in_pattern_is_flagged_beside_its_chart():
    cells = nbformat.read(workshops_dir() / "01-social-not-media.ipynb", as_version=4).cells
    for call, key in FLAGGED.items():
        at = [i for i, c in enumerate(cells) if c.cell_type == "code" and call in c.source]
        assert at, f"01 no longer shows {call}: update FLAGGED"
        for i in at:
            near = "\n".join(c.source for c in cells[max(0, i - 2) : i + 3] if c.cell_type == "markdown")
            assert f"`{key}" in near, f"01: {call} shows a built-in pattern; the text beside it must name `{key}`"


def test_01_keeps_the_sources_as_they_state_them():
    raw = "\n".join(
        c.source
        for c in nbformat.read(workshops.get("01").learner_path(), as_version=4).cells
        if c.cell_type == "markdown"
    )
    text = " ".join(re.sub(r"(?m)^> ?", "", raw).split())  # one line, block quotes unwrapped
    assert "posting activity tracked friends, not followers" not in text
    assert "levelled off" in text and "Huberman" in text
    assert "most job leads" not in text.lower()
    assert re.search(r"16\.7% often, 55\.6% occasionally and 27\.8% rarely", text)
    assert "People You May Know" in text and "not the members' own outreach" in text
    assert "We will not take this on faith" not in text


# --------------------------------------------------------------------------- switching an assumption off


def test_switching_the_lift_off_makes_the_pattern_vanish():
    from kit.synth import generate

    s = load_scenario()
    on = audience_bands(account_summary(load("posts"), load("accounts"), s))["rank_correlation"]
    off_s = s.with_assumptions(conversation_lift=0)
    town = generate(off_s)
    off = audience_bands(account_summary(town["posts"], town["accounts"], off_s))["rank_correlation"]
    assert on.min() > 0.2, on.tolist()
    assert off.abs().max() < 0.3 and off.mean() < on.mean() - 0.3, (on.tolist(), off.tolist())


# --------------------------------------------------------------------------- how sure can we be


def test_the_bootstrap_brackets_the_gap_and_is_repeatable():
    a, o, m = load("linkedin_activity"), load("linkedin_outcomes"), load("linkedin_members")
    share = opportunity_share(a, o, m)
    gap = opportunity_gap_interval(a, o, m, resamples=500)
    assert gap["gap"] == pytest.approx(share["active"] - share["passive"])
    assert gap["low"] < gap["gap"] < gap["high"]
    assert 0.05 < gap["high"] - gap["low"] < 0.6  # a real spread, not a point
    assert opportunity_gap_interval(a, o, m, resamples=500).equals(gap)
    wider = opportunity_gap_interval(a, o, m, resamples=500, level=0.99)
    assert wider["low"] <= gap["low"] and wider["high"] >= gap["high"]


# --------------------------------------------------------------------------- the hour's edges


def test_the_hour_includes_its_start_excludes_its_end_on_the_local_clock():
    """On either side of the clock change, to the second (a fraction of a second counts as before
    the next whole second), in any zone the times are given in, naive local times too."""
    import pandas as pd

    from kit.social import in_hashtag_hour

    s = load_scenario()
    last = s.evenings()[-1]  # after the clocks go back: +00:00
    times = [f"{d} {t}" for d in (s.first_date, last) for t in ("19:29:59.5", "19:30:00", "20:29:59.9", "20:30:00")]
    local = pd.Series(pd.to_datetime(times + [None], format="ISO8601")).dt.tz_localize(s.timezone)
    expected = [False, True, True, False] * 2 + [False]
    assert in_hashtag_hour(local).tolist() == expected
    assert in_hashtag_hour(local.dt.tz_convert("Asia/Kolkata")).tolist() == expected
    day_before = local - pd.Timedelta(days=1)
    assert not in_hashtag_hour(day_before).any()
    from kit.social import _in_window

    assert _in_window(local.dt.tz_localize(None), s).tolist() == expected
