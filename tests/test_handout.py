"""``kit handout NN``: the printable handout, read back from the PDF with pdfplumber.

For every workshop with a handout: A4, one or two pages, no text under 10 pt, the questions, key
points, the one thing to do this week and the cited sources all in it, its marked charts as
pictures with their descriptions, the same bytes twice. Plus the static charts it is drawn
from, the sources registry against the notebooks, and the errors.
"""

from __future__ import annotations

import re

import nbformat
import pdfplumber
import pytest

from kit import handout, sources, workshops
from kit.cli import main

HANDOUTS = [
    w.number for w in workshops.WORKSHOPS if len(handout._marked(nbformat.read(w.learner_path(), as_version=4))) >= 2
]


def _flat(text: str) -> str:
    """Text as the PDF holds it, for comparison: markdown marks gone, spaces and hyphens normalised."""
    text = re.sub(r"[*`]", "", text)
    return re.sub(r"\s+", " ", text.replace("\u00ad", "")).strip()


@pytest.fixture(scope="module", params=HANDOUTS)
def made(request, tmp_path_factory):
    number = request.param
    h = handout.content(number)
    pdf = handout.render(h)
    path = tmp_path_factory.mktemp("handout") / f"{number}.pdf"
    path.write_bytes(pdf)
    return number, h, pdf, path


def test_the_workshops_with_charts_to_show_have_handouts():
    assert {"01", "02", "03", "06"} <= set(HANDOUTS)


def test_a_handout_is_one_or_two_a4_pages_with_no_text_under_10_pt(made):
    _, _, _, path = made
    with pdfplumber.open(path) as pdf:
        assert 1 <= len(pdf.pages) <= 2
        for page in pdf.pages:
            assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        sizes = [c["size"] for page in pdf.pages for c in page.chars]
        assert sizes and min(sizes) >= 10 - 1e-6
        assert any(abs(s - handout.BODY_PT) < 0.01 for s in sizes)  # the body text's size


def test_a_handout_holds_what_its_notebook_and_manifest_say(made):
    number, h, _, path = made
    w = workshops.get(number)
    kit = nbformat.read(w.learner_path(), as_version=4).metadata["kit"]
    with pdfplumber.open(path) as pdf:
        text = _flat(" ".join(page.extract_text() for page in pdf.pages))
        halves = _flat(
            " ".join(
                page.crop(box).extract_text() or ""
                for page in pdf.pages
                for box in ((0, 0, page.width / 2, page.height), (page.width / 2, 0, page.width, page.height))
            )
        )
        pictures = sum(len(page.images) for page in pdf.pages)
    assert _flat(kit["title"]) in text
    assert h.this_week and h.this_week == handout.this_week(nbformat.read(w.learner_path(), as_version=4))
    for line in [*kit["questions"], *kit["keypoints"], h.this_week, *h.sources]:
        assert _flat(line) in text, line
    assert pictures == len(h.charts) >= 2
    for _, description in h.charts:
        assert description and _flat(description) in halves  # the captions sit in two columns
    assert "synthetic" in text.lower()


def test_a_handout_is_the_same_bytes_for_the_same_notebook(made):
    number, h, pdf, _ = made
    assert handout.render(h) == pdf


def test_every_cited_source_is_in_the_registry_and_handouts_list_only_what_the_text_cites():
    for number in HANDOUTS:
        nb = nbformat.read(workshops.get(number).learner_path(), as_version=4)
        text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
        found = sources.cited_in(text)
        assert found, number
        # every "(Venue YEAR)" style citation the notebook makes names a registered source nearby
        for m in re.finditer(r"\b(CHI|WWW|ICWSM|CSCW|First Monday|Science|PLoS ONE) ?,? ?(19|20)\d\d", text):
            window = text[max(0, m.start() - 120) : m.end()]
            assert sources.cited_in(window), f"{number}: no registered source for {window[-80:]!r}"
    assert len({s.key for s in sources.SOURCES}) == len(sources.SOURCES)


def test_charts_as_pictures_carry_their_description_as_alternative_text(monkeypatch):
    import base64

    from kit.ui import setup
    from kit.ui import social as charts
    from kit.ui.static import ALT, picture, png

    setup()
    chart = charts.reciprocity_chart(*[__import__("kit").load(t) for t in ("follows", "accounts")])
    data, metadata = picture(chart)
    assert base64.b64decode(data["image/png"])[:8] == b"\x89PNG\r\n\x1a\n"
    assert base64.b64decode(data["image/png"]) == png(chart)  # rasterised from the SVG: the same picture
    assert data["image/svg+xml"].lstrip().startswith("<svg")
    assert metadata[ALT] == chart.description == data["text/plain"] and len(chart.description) > 20


def test_show_draws_a_picture_when_the_kernel_draws_charts_as_pictures(monkeypatch):
    import kit.ui as ui
    from kit.ui import social as charts
    from kit.ui.static import ALT, ENV

    ui.setup()
    chart = charts.reciprocity_chart(*[__import__("kit").load(t) for t in ("follows", "accounts")])
    shown = []
    monkeypatch.setattr(ui, "display", lambda *a, **k: shown.append((a, k)))
    monkeypatch.setenv(ENV, "static")
    ui.show(chart)
    (data,), kw = shown[0]
    assert kw["raw"] is True and "image/png" in data and kw["metadata"][ALT] == chart.description
    assert len(shown) == 2  # the caption still follows


def test_a_workshop_without_a_handout_gets_one_clear_error(capsys, tmp_path):
    assert main(["handout", "00", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "marks 0" in err and "01" in err and not list(tmp_path.iterdir())
    assert main(["handout", "42", "--out", str(tmp_path)]) == 2
    assert "no workshop 42" in capsys.readouterr().err


def test_kit_handout_writes_the_pdf_where_asked(tmp_path, capsys):
    assert main(["handout", "02", "--out", str(tmp_path / "out")]) == 0
    path = tmp_path / "out" / "02-quality-of-followers-handout.pdf"
    assert path.exists() and path.read_bytes()[:5] == b"%PDF-"
    assert str(path) in capsys.readouterr().out
    assert not list((tmp_path / "out").glob("*.tmp"))
