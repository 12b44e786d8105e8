"""The cocktail party: an agent-based model of networking, online and off (workshop 03).

Guests at a party behave like business profiles on social media: the **wallflower** (a profile
nobody uses), the **broadcaster** (posting links, never replying), the **butterfly** (mass
following), the **impostor** (inflated claims) and the **conversationalist** (replies and answers
questions). People buy from those they *know*, then *like*, then *trust*; the model tracks those
stages for every pair of guests.

The package, one job per module:

* :mod:`~kit.party.rules`: every rule's number, with its source (``Rules``);
* :mod:`~kit.party.personas`: the persona table (add a row to add a persona), its validation,
  the room's entries;
* :mod:`~kit.party.model`: the party itself, minute by minute (compiled);
* :mod:`~kit.party.result`: one party's tables (``PartyResult``);
* :mod:`~kit.party.runs`: one party (``simulate``) or many (``over_seeds``);
* :mod:`~kit.party.tournament`: the fair tournament;
* :mod:`~kit.party.davis`: the Davis Southern Women data;
* :mod:`~kit.party.room`: the room's fixed parties.

Workshop 03's exercises, their reference solutions and their anticipated mistakes live in
:mod:`kit.solutions.party`, outside the learner's namespace: nothing here returns an answer.
"""

from .davis import _davis_scores as _davis_scores  # private: it holds 03.5's answer (the charts read it)
from .davis import (
    davis_attendance,
    davis_circles,
    davis_could_have_met,
    davis_network,
    davis_shared_events,
    davis_women,
)
from .personas import (
    DEFAULT_PERSONAS,
    PARAMETER_COLUMNS,
    TEXT_COLUMNS,
    guest_entry,
    online_twins,
    personas_table,
    read_entries,
)
from .result import PAIR_MEASURES, PartyResult, max_group_size, persona_pairs
from .room import ROOM_GUESTS, ROOM_MINUTES, room_call, room_outcomes, room_party
from .rules import (
    CLAIM_MEMORY,
    EXPOSURE_RATE,
    KNOW_MINUTES,
    LIKE_MINUTES,
    MAX_GROUP,
    MAX_GUESTS,
    REPLY_SHARE,
    RETURN_PROB,
    RULES,
    SEASON_EVENINGS,
    SEEDS,
    TRUST_MINUTES,
    WARM_UP,
    Rules,
)
from .runs import OUTCOMES, over_seeds, per_seed, simulate, summarise
from .tournament import DEFAULT_GUESTS, GUESTS_PER_ENTRY, tournament

__all__ = [
    "CLAIM_MEMORY",
    "DEFAULT_GUESTS",
    "DEFAULT_PERSONAS",
    "EXPOSURE_RATE",
    "GUESTS_PER_ENTRY",
    "KNOW_MINUTES",
    "LIKE_MINUTES",
    "MAX_GROUP",
    "MAX_GUESTS",
    "OUTCOMES",
    "PAIR_MEASURES",
    "PARAMETER_COLUMNS",
    "REPLY_SHARE",
    "RETURN_PROB",
    "ROOM_GUESTS",
    "ROOM_MINUTES",
    "RULES",
    "SEASON_EVENINGS",
    "SEEDS",
    "TEXT_COLUMNS",
    "TRUST_MINUTES",
    "WARM_UP",
    "PartyResult",
    "Rules",
    "davis_attendance",
    "davis_circles",
    "davis_could_have_met",
    "davis_network",
    "davis_shared_events",
    "davis_women",
    "guest_entry",
    "max_group_size",
    "online_twins",
    "over_seeds",
    "per_seed",
    "persona_pairs",
    "personas_table",
    "read_entries",
    "room_call",
    "room_outcomes",
    "room_party",
    "simulate",
    "summarise",
    "tournament",
]


def warm() -> bool:
    """Get the party ready on this machine before any learner waits: the model compiled (or loaded
    from Numba's cache) and the default tournament's default rows on disk. ``kit warm``, ``kit
    lab``, ``kit build``, ``kit present``, a room and the test run call it. Returns whether this
    process had to compile the model."""
    from . import model
    from .tournament import warm as keep_default_rows  # (``tournament`` here is the function)

    fresh = model.warm()
    keep_default_rows()
    return fresh
