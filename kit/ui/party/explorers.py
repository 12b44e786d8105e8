"""Workshop 03's widgets: the party explorer, the guest designer and the tournament desk.

Every widget here is an :class:`Explorer`: a change computes once, then renders once.
``benchmarks/bench_party.py`` times :meth:`PartyExplorer.redraw`.
"""

from __future__ import annotations

import abc
import html
import re
import time

import ipywidgets as W
import pandas as pd

from ... import party
from ..live import LiveChart
from ..words import count, one
from .charts import MEASURES, leaderboard_chart, outcomes_chart, pairs_chart, place

WARNING = '<p style="color:#b35900;font-size:1.05em">⚠ {}</p>'
NOTE = '<div style="font-size:1.05em">{}</div>'


def _slider(kind, description, **kw):
    style = {"description_width": "150px"}
    return kind(description=description, continuous_update=False, style=style, layout=W.Layout(width="380px"), **kw)


class Explorer(abc.ABC):
    """The one pattern of every widget here: controls, then :meth:`compute`, then :meth:`render`.

    A change calls :meth:`redraw`: one ``compute()`` (the simulation, or the tournament), whose
    result is kept as ``data``, then one ``render(data)``, which returns the charts and the status
    line. Each chart is one ``alt.JupyterChart``, made at the first render and swapped (its
    ``.chart`` set) at every later one. A wrong input (``compute`` raising ValueError) shows one
    plain warning in ``status`` and leaves the last charts and ``data``. Subclasses build their
    controls, then call ``super().__init__``, which renders once.
    """

    def __init__(self, controls: W.Widget, watch=()):
        self.status = W.HTML()
        self.views: dict[str, LiveChart] = {}
        self.charts = W.VBox()
        self.data = None
        self.last_ms = float("nan")
        self.widget = W.VBox([controls, self.status, self.charts])
        for w in watch:
            w.observe(self.redraw, names="value")
        self.redraw()

    @abc.abstractmethod
    def compute(self):
        """The data for one render, from the controls; a wrong input raises ValueError."""

    @abc.abstractmethod
    def render(self, data) -> tuple[dict, str]:
        """``({name: chart}, status line in HTML)`` for ``data``."""

    def warn(self, text: str) -> None:
        """One plain warning in the status line, instead of a traceback."""
        kept = " (The charts below still show the last settings that worked.)" if self.views else ""
        self.status.value = WARNING.format(html.escape(text + kept))

    def redraw(self, _=None) -> float:
        """Compute and render once; return the time taken in ms (nan after a warning)."""
        start = time.perf_counter()
        try:
            data = self.compute()
        except ValueError as e:
            self.warn(str(e))
            return float("nan")
        charts, line = self.render(data)
        for name, chart in charts.items():
            if name in self.views:
                self.views[name].chart = chart
            else:
                self.views[name] = LiveChart(chart)
        if len(self.charts.children) != len(self.views):
            self.charts.children = tuple(self.views.values())
        self.data = data
        self.status.value = NOTE.format(line)
        self.last_ms = (time.perf_counter() - start) * 1000
        return self.last_ms


class PartyExplorer(Explorer):
    """The live explorer: persona mix, guests, evening length and evenings -> two charts.

    The outcomes are the average guest over :data:`party.SEEDS` parties (``over_seeds``, the first
    one numbered ``seed``), with their intervals; the map of who met whom is that first party
    alone (one draw). "Another party" moves on to the next :data:`party.SEEDS` parties.
    """

    def __init__(
        self,
        guests: int = party.ROOM_GUESTS,
        minutes: int = party.ROOM_MINUTES,
        evenings: int = 1,
        seed: int | None = None,
    ):
        if seed is None:
            from ...scenario import load_scenario

            seed = load_scenario().seed
        self.seed = int(seed)
        self.mix = {p: _slider(W.IntSlider, p, value=2, min=0, max=10) for p in party.DEFAULT_PERSONAS.index}
        self.guests = _slider(W.IntSlider, "Guests", value=guests, min=10, max=120, step=2)
        self.minutes = _slider(W.IntSlider, "Minutes per evening", value=minutes, min=15, max=180, step=15)
        self.evenings = _slider(W.IntSlider, "Evenings (weekly)", value=evenings, min=1, max=8)
        self.measure = W.Dropdown(
            options=[(v[0], k) for k, v in MEASURES.items()],
            value="talked",
            description="Map shows pairs who",
            style={"description_width": "150px"},
            layout=W.Layout(width="380px"),
        )
        self.again = W.Button(description="Another party (new seeds)", icon="refresh", layout=W.Layout(width="380px"))
        self.again.on_click(self.another)
        mix_box = W.VBox([W.HTML("<b>Persona mix</b> (relative shares: 0 = none)"), *self.mix.values()])
        settings = W.VBox(
            [W.HTML("<b>The party</b>"), self.guests, self.minutes, self.evenings, self.measure, self.again]
        )
        super().__init__(
            W.HBox([mix_box, settings]),
            watch=[*self.mix.values(), self.guests, self.minutes, self.evenings, self.measure],
        )

    @property
    def spread(self) -> pd.DataFrame | None:
        """The last ``over_seeds`` table (the bars)."""
        return None if self.data is None else self.data[0]

    @property
    def result(self) -> party.PartyResult | None:
        """The last one-draw party (the map)."""
        return None if self.data is None else self.data[1]

    def compute(self):
        mix = {p: s.value for p, s in self.mix.items()}
        if sum(mix.values()) == 0:
            raise ValueError("every persona share is 0: move at least one slider up")
        how = dict(guests=self.guests.value, minutes=self.minutes.value, mix=mix, evenings=self.evenings.value)
        return (party.over_seeds(**how, seeds=party.SEEDS, first_seed=self.seed), party.simulate(**how, seed=self.seed))

    def render(self, data):
        spread, result = data
        n = result.guests["persona"].value_counts()
        mix = ", ".join(count(int(n[p]), p) for p in result.personas.index if n.get(p, 0))
        line = (
            f"{result.settings['guests']} guests: {mix}. Bars: the average guest of parties "
            f"{self.seed} to {self.seed + party.SEEDS - 1}; map: party {self.seed} alone (one draw)."
        )
        return {"outcomes": outcomes_chart(spread), "pairs": pairs_chart(result, self.measure.value, cell=60)}, line

    def another(self, _=None) -> float:
        """The next :data:`party.SEEDS` parties, none of them shown before."""
        self.seed += party.SEEDS
        return self.redraw()


def explorer(**kwargs):
    """The live party explorer (a widget). Keyword arguments go to :class:`PartyExplorer`."""
    return PartyExplorer(**kwargs).widget


_PARAM_LABELS = {
    "join_rate": ("Joins groups (0 to 1)", dict(min=0.0, max=1.0, step=0.05)),
    "talk_share": ("Share of time talking", dict(min=0.0, max=1.0, step=0.05)),
    "stay_minutes": ("Stays, minutes", dict(min=1.0, max=30.0, step=1.0, readout_format=".0f")),
    "claim": ("Claims importance", dict(min=0.0, max=1.0, step=0.05)),
    "honesty": ("Honesty of claims", dict(min=0.0, max=1.0, step=0.05)),
}


class _Tournament(Explorer):
    """An explorer whose data is a tournament's board."""

    @property
    def board(self) -> pd.DataFrame | None:
        """The last board (``party.tournament``'s table)."""
        return self.data


def entry_line(name: str, values) -> str:
    """The line a learner sends for the room's tournament: CSV, so a name with a comma is quoted
    (``party.read_entries`` reads it back as one name).

    >>> entry_line("Ana, the listener", [0.3, 0.2, 12.0, 0.0, 1.0])
    '"Ana, the listener", 0.3, 0.2, 12, 0, 1'
    >>> entry_line("Ben's charmer", [0.5, 0.6, 5.0, 0.5, 0.5])
    "Ben's charmer, 0.5, 0.6, 5, 0.5, 0.5"
    """
    import csv
    import io

    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([name])
    return ", ".join([out.getvalue(), *(f"{v:g}" for v in values)])


class GuestDesigner(_Tournament):
    """Play a guest: design a persona with sliders and see how it fares against the defaults.

    It runs ``party.tournament`` with its defaults (the same parties, the same season), so the
    sliders and the notebook's code cell agree.
    """

    def __init__(
        self,
        name: str = "my guest",
        join_rate: float = 0.3,
        talk_share: float = 0.4,
        stay_minutes: float = 10.0,
        claim: float = 0.0,
        honesty: float = 1.0,
        seeds=party.SEEDS,
    ):
        self.seeds = seeds
        start = dict(
            join_rate=join_rate, talk_share=talk_share, stay_minutes=stay_minutes, claim=claim, honesty=honesty
        )
        self.name = W.Text(
            value=name,
            description="Your guest's name",
            continuous_update=False,
            style={"description_width": "150px"},
            layout=W.Layout(width="380px"),
        )
        self.params = {
            k: _slider(W.FloatSlider, label, value=start[k], **rng) for k, (label, rng) in _PARAM_LABELS.items()
        }
        controls = [self.name, *self.params.values()]
        from ...room.entries import in_room

        self.sent = W.HTML()
        if in_room():  # a live room: the instructor's desk takes the line from here
            self.send = W.Button(description="Send to the room", icon="paper-plane", layout=W.Layout(width="220px"))
            self.send.on_click(self.send_entry)
            controls.append(W.HBox([self.send, self.sent]))
        super().__init__(W.VBox(controls), watch=[self.name, *self.params.values()])

    def line(self) -> str:
        """The guest's line for the room's tournament."""
        return entry_line(self.name.value.strip(), [s.value for s in self.params.values()])

    def send_entry(self, _=None) -> str:
        """Keep this guest as the learner's entry for the room (:func:`kit.room.entries.send`)."""
        from ...room.entries import send

        try:
            said = send(self.line())
        except ValueError as e:
            said = f"Not sent: {e}"
        self.sent.value = html.escape(said)
        return said

    def entry(self) -> pd.DataFrame:
        return party.guest_entry(self.name.value, **{k: s.value for k, s in self.params.items()})

    def compute(self):
        return party.tournament(self.entry(), seeds=self.seeds)

    def render(self, board):
        name = self.name.value.strip()
        line = self.line()
        rename = (
            ""
            if name.lower() != "my guest"
            else "<br><b>First give your guest a name</b> the room will recognise (your first name "
            "and a word, e.g. “Ana's listener”): thirty guests called “my guest” would arrive "
            "as “my guest (2)” to “my guest (30)”."
        )
        how = (
            "press Send to the room, or send the instructor this line"
            if hasattr(self, "send")
            else "send the instructor this line"
        )
        return {"board": leaderboard_chart(board)}, (
            f"For the room's tournament, {how}: <code>{html.escape(line)}</code>{rename}"
        )


def guest_designer(**kwargs):
    """The "play a guest" widget. Keyword arguments go to :class:`GuestDesigner`."""
    return GuestDesigner(**kwargs).widget


EXAMPLE_ENTRIES = """persona, join_rate, talk_share, stay_minutes, claim, honesty
good listener, 0.3, 0.2, 12, 0, 1
show-off, 0.4, 0.9, 6, 0.6, 0.3
networker, 0.6, 0.5, 4, 0, 1"""

_RENAMED = re.compile(r" \((\d+|room)\)$")


def _entries_table(board: pd.DataFrame) -> str:
    """The room's entries as an HTML table: every name in full, readable on a projector."""
    pad = ' style="padding:2px 14px 2px 0;text-align:left"'
    rows = "".join(
        f"<tr><td{pad}>{place(r)}</td><td{pad}>{html.escape(str(r.entry))}</td>"
        f"<td{pad}>{one(r.trusted_by)} ({one(r.trusted_by_low)} to {one(r.trusted_by_high)})</td>"
        f"<td{pad}>{one(r.liked_by)}</td></tr>"
        for r in board[board["is_entry"]].itertuples()
    )
    head = "".join(f"<th{pad}>{h}</th>" for h in ("rank", "entry", "trusted by (95% interval)", "liked by"))
    return (
        f'<table style="font-size:1.05em"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table><p>Rank “=2”: a tie, the intervals overlap.</p>"
    )


class TournamentDesk(_Tournament):
    """The instructor's desk: paste the room's lines, run the tournament, rank the guests."""

    def __init__(
        self, text: str = EXAMPLE_ENTRIES, guests_per_entry: int = party.GUESTS_PER_ENTRY, seeds=party.SEEDS, room=None
    ):
        self.seeds = seeds
        self.room = room
        self.text = W.Textarea(value=text, layout=W.Layout(width="640px", height="180px"))
        self.per_entry = _slider(W.IntSlider, "Guests per entry", value=guests_per_entry, min=1, max=8)
        self.run = W.Button(
            description="Run the tournament", icon="trophy", button_style="primary", layout=W.Layout(width="220px")
        )
        self.run.on_click(self.redraw)
        self.take = W.Button(description="Take the room's entries", icon="download", layout=W.Layout(width="220px"))
        self.take.on_click(self.take_entries)
        super().__init__(
            W.VBox(
                [
                    W.HTML(
                        "<b>One guest per line</b> (name, then the five numbers), or take "
                        "the lines the room's learners sent (<code>kit room</code> on this machine)"
                    ),
                    self.text,
                    W.HBox([self.per_entry, self.run, self.take]),
                ]
            )
        )

    def take_entries(self, _=None) -> float:
        """Fill the desk with the guests the room's learners sent (:func:`kit.room.entries.collect`),
        then run the tournament."""
        from ...room.entries import collect

        text, problems = collect(self.room)
        if text.count("\n") == 0:
            self.warn(f"No learner has sent a guest yet (looked in {self.room or 'the room on this machine'}).")
            return float("nan")
        self.text.value = text
        ms = self.redraw()
        if problems:
            self.status.value += WARNING.format(html.escape("; ".join(problems)))
        return ms

    def compute(self):
        entries = party.read_entries(self.text.value)
        return party.tournament(entries, guests_per_entry=self.per_entry.value, seeds=self.seeds)

    def render(self, board):
        names = list(board.loc[board["is_entry"], "entry"])
        renamed = [n for n in names if _RENAMED.search(n)]
        note = (
            ""
            if not renamed
            else "<br>Renamed so that every guest is distinct: "
            + ", ".join(f"“{html.escape(n)}”" for n in renamed)
            + ". Ask their authors to pick their own names next time."
        )
        line = (
            f"{count(len(names), 'entry')} from the room, ranked among all {len(board)} (each entry "
            f"sent {self.per_entry.value} guests to every party):{note}"
        )
        return {"board": leaderboard_chart(board)}, line + _entries_table(board)


def tournament_desk(**kwargs):
    """The tournament widget for a live room. Keyword arguments go to :class:`TournamentDesk`."""
    return TournamentDesk(**kwargs).widget
