"""Charts and explorers for workshop 03 (the cocktail party). The model lives in ``kit.party``.

Three modules, one job each, all read through this one name (``from kit.ui import party as charts``):

* :mod:`.charts` — the model's charts: outcomes, met versus remembered, group sizes, pairs, the
  know-like-trust funnel, the tournament leaderboard;
* :mod:`.davis` — the real Davis Southern Women network;
* :mod:`.explorers` — the widgets (party explorer, guest designer, tournament desk), which draw
  with :mod:`.charts`.
"""

from .charts import (
    INTERVAL_LINE,
    LINE_COLOUR,
    MEASURES,
    ROOM_COLOUR,
    STAGES,
    funnel_chart,
    group_sizes_chart,
    leaderboard_chart,
    met_vs_remembered_chart,
    outcomes_chart,
    pairs_chart,
    persona_colours,
    place,
)
from .davis import CIRCLE_COLOURS, CIRCLE_NAMES, davis_chart
from .explorers import (
    EXAMPLE_ENTRIES,
    Explorer,
    GuestDesigner,
    PartyExplorer,
    TournamentDesk,
    entry_line,
    explorer,
    guest_designer,
    tournament_desk,
)

__all__ = [
    "STAGES",
    "MEASURES",
    "ROOM_COLOUR",
    "LINE_COLOUR",
    "INTERVAL_LINE",
    "CIRCLE_NAMES",
    "CIRCLE_COLOURS",
    "EXAMPLE_ENTRIES",
    "persona_colours",
    "outcomes_chart",
    "met_vs_remembered_chart",
    "group_sizes_chart",
    "pairs_chart",
    "funnel_chart",
    "place",
    "leaderboard_chart",
    "davis_chart",
    "Explorer",
    "PartyExplorer",
    "explorer",
    "entry_line",
    "GuestDesigner",
    "guest_designer",
    "TournamentDesk",
    "tournament_desk",
]
