"""``kit handout NN``: a printable A4 handout of one workshop, generated, never hand-written.

From the manifest: the title. From the learner edition's ``metadata.kit``: the questions and the key
points. From its cells: the one thing to do this week (its "**One thing to do this week:**"
line), the charts of the cells
marked ``metadata.handout`` (two or three), drawn by running the notebook with charts as pictures
(:mod:`kit.ui.static`), each with its own text description; and the full references of the
sources its text cites (:mod:`kit.sources`). The PDF is built with ReportLab (fonts embedded, A4,
body text 10.5 pt) and is the same bytes for the same notebook and data.
"""

from __future__ import annotations

import base64
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from . import workshops
from .sources import cited_in

__all__ = ["HandoutError", "Handout", "ready", "content", "render", "build", "HANDOUT_KEY", "BODY_PT"]

HANDOUT_KEY = "handout"  # a chart cell's metadata key: true puts its chart on the handout
BODY_PT = 10.5
MAX_CHARTS = 3


class HandoutError(ValueError):
    """A workshop cannot make a handout: no marked charts, no ``this_week``, a chart that failed."""


@dataclass
class Handout:
    number: str
    title: str
    questions: list[str]
    keypoints: list[str]
    this_week: str
    charts: list[tuple[bytes, str]]  # (PNG, its description)
    sources: list[str]


def _marked(nb) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.metadata.get(HANDOUT_KEY)]


def _charts(w, nb, marked: list[int]) -> list[tuple[bytes, str]]:
    """The learner edition run with charts as pictures (:mod:`kit.published`); the pictures of the
    marked cells."""
    from . import published
    from .ui.static import ALT

    nb = published.run(w)
    out = []
    for i in marked:
        pictures = [
            o
            for o in nb.cells[i].outputs
            if o.get("output_type") == "display_data" and "image/png" in o.get("data", {})
        ]
        errors = [o for o in nb.cells[i].outputs if o.get("output_type") == "error"]
        if errors or not pictures:
            why = f"{errors[0]['ename']}: {errors[0]['evalue']}" if errors else "it drew no chart"
            raise HandoutError(f"{w.notebook}: cell {i + 1} is marked for the handout but {why}")
        o = pictures[0]
        out.append((base64.b64decode(o["data"]["image/png"]), o.get("metadata", {}).get(ALT, "")))
    return out


def ready(number: str):
    """``(workshop, notebook)`` when workshop ``number`` can make a handout; else one clear error."""
    w = workshops.get(number)
    nb = nbformat.read(w.learner_path(), as_version=4)
    marked = _marked(nb)
    if not 2 <= len(marked) <= MAX_CHARTS:
        have = ", ".join(
            n
            for n in workshops.numbers()
            if 2 <= len(_marked(nbformat.read(workshops.get(n).learner_path(), as_version=4))) <= MAX_CHARTS
        )
        raise HandoutError(
            f"{w.notebook}: a handout shows 2 or 3 charts, from the cells marked "
            f"metadata.{HANDOUT_KEY}; it marks {len(marked)}. These workshops have handouts: "
            f"{have or 'none'}"
        )
    if not this_week(nb):
        raise HandoutError(f'{w.notebook}: no "**One thing to do this week:** ..." line in its markdown')
    return w, nb


_WEEK = re.compile(r"\*\*One thing to do this week[:.]?\*\*[:.]?\s*(.+?)(?:\n\s*\n|\Z)", re.S)


def this_week(nb) -> str:
    """The notebook's own "**One thing to do this week:** ..." sentence, on one line ("" if none)."""
    for cell in nb.cells:
        m = _WEEK.search(cell.source) if cell.cell_type == "markdown" else None
        if m:
            text = " ".join(m.group(1).split())
            return text[0].upper() + text[1:]
    return ""


def content(number: str) -> Handout:
    """Everything workshop ``number``'s handout says, from its notebook and the manifest."""
    w, nb = ready(number)
    kit = nb.metadata["kit"]
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return Handout(
        number=w.number,
        title=kit.get("title", f"{w.number} · {w.title}"),
        questions=list(kit["questions"]),
        keypoints=list(kit["keypoints"]),
        this_week=this_week(nb),
        charts=_charts(w, nb, _marked(nb)),
        sources=[s.reference for s in cited_in(text)],
    )


def _inline(text: str) -> str:
    """Markdown's **bold**, *italic* and `code` as ReportLab's markup; everything else escaped."""
    s = html.escape(text, quote=False)
    s = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", s)
    s = re.sub(r"(?<!\w)\*(?!\s)(.+?)(?<!\s)\*(?!\w)", r"<i>\1</i>", s)
    return re.sub(r"`([^`]+)`", r'<font face="Courier">\1</font>', s)


def _fonts() -> None:
    """Bitstream Vera (shipped with ReportLab), embedded: every character the notebooks use."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "KitSans" in pdfmetrics.getRegisteredFontNames():
        return
    folder = Path(rl_config.__file__).parent / "fonts"
    for name, file in (
        ("KitSans", "Vera.ttf"),
        ("KitSans-Bold", "VeraBd.ttf"),
        ("KitSans-Italic", "VeraIt.ttf"),
        ("KitSans-BoldItalic", "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    addMapping("KitSans", 0, 0, "KitSans")
    addMapping("KitSans", 1, 0, "KitSans-Bold")
    addMapping("KitSans", 0, 1, "KitSans-Italic")
    addMapping("KitSans", 1, 1, "KitSans-BoldItalic")


def render(h: Handout) -> bytes:
    """The handout as PDF bytes: A4, at most two pages (checked by the tests)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, KeepTogether, ListFlowable, Paragraph, SimpleDocTemplate, Spacer, Table

    _fonts()
    body = ParagraphStyle("body", fontName="KitSans", fontSize=BODY_PT, leading=BODY_PT * 1.3)
    small = ParagraphStyle("small", parent=body, fontSize=10, leading=12.5)
    head = ParagraphStyle(
        "head",
        parent=body,
        fontName="KitSans-Bold",
        fontSize=13,
        leading=16,
        spaceBefore=8,
        spaceAfter=4,
        keepWithNext=1,
    )
    title = ParagraphStyle("title", parent=body, fontName="KitSans-Bold", fontSize=19, leading=23, spaceAfter=2)

    def bullets(items):
        return ListFlowable(
            [Paragraph(_inline(x), body) for x in items],
            bulletType="bullet",
            bulletFontName="KitSans",
            bulletFontSize=BODY_PT,
            leftIndent=12,
        )

    width = (A4[0] - 3.2 * cm - 0.6 * cm) / 2
    cells = []
    for data, text in h.charts:
        img = Image(io.BytesIO(data))
        img.drawHeight = img.drawHeight * width / img.drawWidth
        img.drawWidth = width
        cells.append([img, Paragraph(_inline(text), small)])
    rows = [[cells[i], cells[i + 1] if i + 1 < len(cells) else ""] for i in range(0, len(cells), 2)]
    charts = Table(rows, colWidths=[width + 0.3 * cm] * 2, style=[("VALIGN", (0, 0), (-1, -1), "TOP")])
    week = Table(
        [[Paragraph(f"<b>One thing to do this week.</b> {_inline(h.this_week)}", body)]],
        colWidths=[A4[0] - 3.2 * cm],
        style=[
            ("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#0072B2")),
            ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#EAF3FA")),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ],
    )
    story = [
        Paragraph(_inline(h.title), title),
        Paragraph(
            f"Seminar kit · workshop {h.number} · a handout generated from the workshop's "
            "notebook (<font face='Courier'>kit handout " + h.number + "</font>)",
            small,
        ),
        Paragraph("Questions", head),
        bullets(h.questions),
        Paragraph("Key points", head),
        bullets(h.keypoints),
        KeepTogether(
            [
                Paragraph("From the workshop", head),
                charts,
                Paragraph(
                    "The charts show the kit's synthetic data: it illustrates the research "
                    "below, it does not prove it.",
                    small,
                ),
            ]
        ),
        Spacer(1, 8),
        week,
        Paragraph("Sources", head),
        *[Paragraph(_inline(s), small) for s in h.sources],
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.4 * cm,
        bottomMargin=1.4 * cm,
        title=h.title,
        author="seminar kit",
        subject=f"Workshop {h.number} handout",
        invariant=1,
    )
    doc.build(story)
    return out.getvalue()


def build(number: str, folder: Path) -> Path:
    """Write workshop ``number``'s handout into ``folder``; return its path. Nothing is written
    if anything fails."""
    h = content(number)
    from .workspace import write_atomic

    path = folder / f"{workshops.get(number).notebook.removesuffix('.ipynb')}-handout.pdf"
    write_atomic(path, render(h))
    return path
