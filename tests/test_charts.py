"""Every chart the kit draws follows the theme: a finding as title, plain axes, a description."""

import altair as alt
import pytest

from kit import load, social
from kit.ui import caption, setup
from kit.ui import social as social_charts
from kit.ui import start as start_charts
from kit.ui.theme import PALETTE, finish

from .chart_contract import assert_chart_contract


def _charts():
    posts, accounts = load("posts"), load("accounts")
    summary = social.account_summary(posts, accounts)
    return {
        "accounts": start_charts.accounts_chart(accounts),
        "hour_rhythm": social_charts.hour_rhythm_chart(posts),
        "conversation_pays": social_charts.conversation_pays_chart(summary),
        "engagement_vs_audience": social_charts.engagement_vs_audience_chart(summary),
        "reciprocity": social_charts.reciprocity_chart(load("follows"), accounts),
        "linkedin": social_charts.linkedin_chart(),
    }


@pytest.mark.parametrize("name", list(_charts()))
def test_chart_contract(name):
    assert_chart_contract(_charts()[name])


def test_theme_is_projector_sized_and_colour_blind_safe():
    setup()
    cfg = alt.theme.get()()["config"]
    assert cfg["axis"]["labelFontSize"] >= 14 and cfg["title"]["fontSize"] >= 20
    assert cfg["range"]["category"] == PALETTE and PALETTE[0] == "#0072B2"


def test_finish_refuses_a_chart_without_description():
    with pytest.raises(ValueError):
        finish(alt.Chart(), title="Something", description="")


def test_setup_makes_charts_offline():
    setup()
    assert alt.renderers.active == "jupyter"
    assert alt.JupyterChart._is_offline
    assert "cdn" not in alt.JupyterChart._esm[:2000].lower()


def test_the_chart_bundle_goes_to_the_page_once_per_kernel():
    """Charts send a stub that waits for the one ChartLibrary; setup() again sends no second one."""
    from kit.ui import offline

    setup()
    library = offline._library
    assert isinstance(library, offline.ChartLibrary) and len(library.bundle) > 100_000
    assert "vega" in library.bundle.lower() and "cdn" not in library.bundle[:2000].lower()
    stub = alt.JupyterChart._esm
    assert len(stub) < 2_000 and f'"{library.key}"' in stub
    assert "__seminarKitCharts" in stub and "__seminarKitCharts" in library._esm
    assert "setup cell" in stub  # what the page says if the library never arrives
    setup()
    assert offline._library is library and alt.JupyterChart._esm == stub


def test_show_draws_what_the_jupyter_renderer_draws(monkeypatch):
    import kit.ui as ui

    setup()
    chart = _charts()["conversation_pays"]
    shown = []
    monkeypatch.setattr(ui, "display", shown.append)
    ui.show(chart)
    drawn, described = shown
    # the renderer's own path: the spec, a chart rebuilt from it, a JupyterChart of that
    by_renderer = alt.JupyterChart(alt.Chart.from_dict(chart.to_dict(context={"pre_transform": False})))
    assert isinstance(drawn, alt.JupyterChart) and drawn.spec == by_renderer.spec
    assert drawn._esm == by_renderer._esm and drawn.embed_options == by_renderer.embed_options
    assert described.data == caption(chart).data
    alt.renderers.enable("html")  # any other renderer gets the chart itself
    try:
        shown.clear()
        ui.show(chart)
        assert shown[0] is chart
    finally:
        setup()


def test_altair_builds_its_schema_table_once_and_the_charts_are_the_same(monkeypatch):
    from altair.utils import schemapi

    from kit.ui import followers as follower_charts

    def every_chart():
        followers, sample = load("followers"), load("sample_accounts")
        made = {name: chart.to_dict() for name, chart in _charts().items()}
        made["engagement"] = follower_charts.engagement_chart().to_dict()
        made["reach"] = follower_charts.reach_chart(followers, sample).to_dict()
        made["quality"] = follower_charts.quality_chart(followers, sample).to_dict()
        return made

    once = schemapi._FromDict
    assert once._kit_once  # kit.ui installed it
    with_table_once = every_chart()
    monkeypatch.setattr(schemapi, "_FromDict", once.__mro__[1])  # Altair's own
    assert every_chart() == with_table_once
    monkeypatch.undo()
    first = once(schemapi._subclasses(schemapi.SchemaBase))
    assert once(schemapi._subclasses(schemapi.SchemaBase)).class_dict is first.class_dict


def test_setup_freezes_what_is_imported_once():
    import gc

    import kit.ui as ui

    setup()
    assert ui._frozen and gc.get_freeze_count() > 0
    frozen = gc.get_freeze_count()
    leftover = [object() for _ in range(100)]  # made after the first setup(): never frozen
    setup()
    # no second freeze (it would add the leftovers and more); frozen objects may still die by
    # reference count, so the count may drop a little
    assert gc.get_freeze_count() <= frozen and leftover


def test_caption_carries_the_description():
    chart = _charts()["reciprocity"]
    assert "22.1%" in caption(chart).data


def test_explorers_build_and_react():
    box = social_charts.compare_accounts()
    (a, _b, week), table, jchart = box.children[0].children, box.children[1], box.children[2]
    before = table.value
    a.value = [o for o in a.options if o != a.value][0]
    assert table.value != before
    new_week = week.value % week.max + 1
    week.value = new_week
    assert f"Week {new_week} posts:" in jchart.chart.to_dict()["title"]["text"]
    slider, chart = social_charts.threshold_explorer().children
    slider.value = 30
    assert "30 active actions" in chart.chart.to_dict()["title"]["subtitle"]


def test_a_live_chart_with_a_selection_is_wired_as_altair_wires_it_without_validating(monkeypatch):
    """LiveChart hands a selection chart to Altair's own handler, through a copy that skips
    validation: the same spec, selection types and parameters as alt.JupyterChart gives."""
    import altair as alt

    from kit.data import load
    from kit.ui import followers as fw
    from kit.ui.live import LiveChart

    chart = fw.engagement_chart(load("account_stats"), "engagement_rate")
    ref, live = alt.JupyterChart(chart), LiveChart(chart)
    assert live.spec == ref.spec and live._selection_types == ref._selection_types == {"picked": "point"}
    assert live.chart is chart and "to_dict" not in vars(chart)  # the learner's chart is untouched
    other = fw.engagement_chart(load("account_stats"), "retweets_received")
    calls = []
    real = alt.utils.schemapi.validate_jsonschema
    monkeypatch.setattr(
        alt.utils.schemapi, "validate_jsonschema", lambda spec, *a, **k: calls.append(spec) or real(spec, *a, **k)
    )
    live.chart = other
    assert live.spec["encoding"]["y"]["field"] != ref.spec["encoding"]["y"]["field"]
    whole = [c for c in calls if isinstance(c, dict) and "$schema" in c]
    assert not whole, "the whole spec was validated on a swap"  # only the selection's own few lines
