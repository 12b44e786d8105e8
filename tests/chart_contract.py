"""The rule every kit chart follows, checked the same way for every workshop."""

from __future__ import annotations

import vl_convert


def axis_titles(spec) -> list:
    """Titles of every x/y encoding bound to a field, anywhere in a (layered/faceted) spec."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for ch in ("x", "y"):
                enc = node.get("encoding", {}).get(ch)
                if isinstance(enc, dict) and "field" in enc:
                    found.append(enc.get("title", "NO TITLE"))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def assert_chart_contract(chart) -> dict:
    """A finding as title (fits a projector), a description, plain-word axes, a spec that compiles."""
    spec = chart.to_dict()
    vl_convert.vegalite_to_vega(spec)  # compiles as the browser must: a broken spec draws nothing
    title = spec["title"]["text"] if isinstance(spec["title"], dict) else spec["title"]
    assert isinstance(title, str) and 15 < len(title) <= 64, title  # fits a projector at 21 px
    assert len(spec.get("description", "")) > 40, "every chart needs a text description"
    titles = axis_titles(spec)
    assert titles and "NO TITLE" not in titles, titles
    for t in titles:
        assert t is None or "_" not in t, f"axis title {t!r} is a column name, not plain words"
    return spec
