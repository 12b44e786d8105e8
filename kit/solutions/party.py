"""Reference solutions and exercises of workshop 03 (the cocktail party), outside the learner's
namespace.

The notebook imports :mod:`kit.party` (the model and the data) and never this module;
``check``/``hint``/``solution`` find it through the exercise registry
(``kit.exercises.WORKSHOP_MODULES["03"]``). Importing it registers 03.1 to 03.5.

Checks use the learner's own party. A notebook cell passes the party it simulated::

    check("03.1", pair_share, evening=evening)
    check("03.3", trust_rate, season=season)

and the expected answer, and every anticipated mistake, are computed from that party, so a
learner who changed the guests or the mix (part 3 invites it) is checked against what they
ran. Without a party, the check uses the room's party (:func:`kit.party.room_party`: 40 guests,
90 minutes, the scenario's seed; one evening for 03.1 and 03.2, the six-evening season for
03.3 and 03.4). 03.5 uses the Davis Southern Women data, which nobody changes.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd

from .. import party
from ..exercises import Exercise, Mistake, register, same

__all__ = ["pair_share", "share_forgotten", "trust_rate_by_persona", "stage_counts", "top_betweenness", "GIVES_ANSWER"]

STAGES = ["knows", "likes", "trusts"]
TOP = 3  # 03.5 asks for the three women with the highest betweenness


# --------------------------------------------------------------------------- reference solutions


def pair_share(conversations: pd.DataFrame) -> float:
    """Share of the conversation-minutes (rows) that were pairs (exercise 03.1).

    >>> pair_share(pd.DataFrame({"size": [2, 2, 3, 4]}))
    0.5
    """
    if len(conversations) == 0:
        return 0.0
    return float((conversations["size"] == 2).mean())


def share_forgotten(ties: pd.DataFrame, threshold: float | None = None) -> float:
    """Share of the pairs who talked that do not remember each other (exercise 03.2).

    By default this uses the model's own ``knows`` column (memory grows with *attention*, which
    is shared in bigger groups and warms up slowly). With a ``threshold`` it uses a cruder
    measure instead, an anticipated mistake: pairs who spent fewer than ``threshold`` minutes
    in the same conversation.

    >>> t = pd.DataFrame({"minutes_together": [1, 1, 5, 9], "knows": [False, False, True, True]})
    >>> share_forgotten(t, 2)
    0.5
    >>> share_forgotten(t, None)
    0.5
    """
    talked = ties[ties["minutes_together"] > 0]
    if len(talked) == 0:
        return 0.0
    if threshold is None:
        return float((~talked["knows"].astype(bool)).mean())
    return float((talked["minutes_together"] < threshold).mean())


def trust_rate_by_persona(guests: pd.DataFrame) -> pd.Series:
    """Average number of people who trust a guest, per persona (exercise 03.3).

    >>> g = pd.DataFrame({"persona": ["a", "a", "b"], "trusted_by": [2, 0, 3]})
    >>> trust_rate_by_persona(g).to_dict()
    {'a': 1.0, 'b': 3.0}
    """
    return guests.groupby("persona", observed=True)["trusted_by"].mean().astype(float)


def stage_counts(ties: pd.DataFrame) -> pd.Series:
    """How many pairs know, like and trust each other (exercise 03.4; never increasing).

    >>> t = pd.DataFrame({"knows": [True, True, False], "likes": [True, False, False],
    ...                   "trusts": [False, False, False]})
    >>> stage_counts(t).to_dict()
    {'knows': 2, 'likes': 1, 'trusts': 0}
    """
    return ties[STAGES].astype(bool).sum().astype(int)


def top_betweenness(women: nx.Graph, n: int = TOP) -> set:
    """The ``n`` women on the most strongest routes between the others (exercise 03.5).

    Betweenness on the women-to-women network with ``distance`` = 1 / shared events: the
    strongest routes run through women who shared many events.

    >>> sorted(top_betweenness(party.davis_women()))
    ['Nora Fayette', 'Sylvia Avondale', 'Theresa Anderson']
    """
    scores = nx.betweenness_centrality(women, weight="distance")
    return set(pd.Series(scores).nlargest(n).index)


#: Kit callables besides the references that return an exercise's answer in one obvious step
#: (``tests/test_namespace.py`` asserts none is reachable in the notebook before the check).
#: ``PartyResult.by_persona`` is a method, so no import reaches it; its ``trusted_by`` column is
#: 03.3's answer, and the notebook uses it only after 03.3. The Davis scores behind the charts
#: are private (``party._davis_scores``), since their top three are 03.5's answer.
GIVES_ANSWER: dict[str, tuple] = {
    "03.3": (party.PartyResult.by_persona,),
    "03.5": (party._davis_scores,),
}


# --------------------------------------------------------------------------- the learner's party


def _party(result, evenings: int, name: str) -> party.PartyResult:
    """The party a check runs on: the learner's (passed as ``name=``) or the room's."""
    if result is None:
        return party.room_party(evenings)
    if not isinstance(result, party.PartyResult):
        raise TypeError(f"{name}= should be your party (from party.simulate), not a {type(result).__name__}")
    return result


def _evening(evening=None) -> party.PartyResult:
    return _party(evening, 1, "evening")


def _season(season=None) -> party.PartyResult:
    return _party(season, party.SEASON_EVENINGS, "season")


def _sizes(evening=None) -> pd.Series:
    return _evening(evening).conversations["size"]


def _is_real(x) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, (bool, np.bool_))


def _is_score(x) -> bool:
    """A real number that is not NaN (NaN gets the ladder's own message)."""
    return _is_real(x) and not math.isnan(float(x))


def _first_evening(season=None) -> party.PartyResult:
    """The first evening of the room's season (for the "used `evening`" mistakes).

    A season the learner ran with other settings has no first evening we can rebuild (a party
    records its guests, not the mix it came from): then this raises, and the check skips the
    mistake.
    """
    room = party.room_party(party.SEASON_EVENINGS)
    if (
        season is None
        or season is room
        or (
            season.settings == room.settings
            and season.personas.equals(room.personas)
            and season.guests["persona"].astype(str).equals(room.guests["persona"].astype(str))
        )
    ):
        return party.room_party(1)
    raise LookupError("not the room's season: its first evening is unknown")


# --------------------------------------------------------------------------- 03.4's wrong funnels


def _funnel_either(ties: pd.DataFrame, two_way: tuple = ()) -> pd.Series:
    """Counting a pair when either guest feels it, except in the ``two_way`` stages."""
    return pd.Series(
        {
            stage: int(ties[stage].sum() if stage in two_way else (ties[f"a_{stage}_b"] | ties[f"b_{stage}_a"]).sum())
            for stage in STAGES
        }
    )


def _funnel_side(ties: pd.DataFrame, side: str) -> pd.Series:
    """Counting a pair when guest ``side`` ("a" or "b") feels it."""
    other = "b" if side == "a" else "a"
    return pd.Series({stage: int(ties[f"{side}_{stage}_{other}"].sum()) for stage in STAGES})


def _funnel_from_guests(guests: pd.DataFrame) -> pd.Series:
    return pd.Series(
        {
            "knows": int(guests["remembered_by"].sum()),
            "likes": int(guests["liked_by"].sum()),
            "trusts": int(guests["trusted_by"].sum()),
        }
    )


def _funnel_exclusive(ties: pd.DataFrame) -> pd.Series:
    k, lk, tr = (ties[c].astype(bool) for c in STAGES)
    return pd.Series({"knows": int((k & ~lk).sum()), "likes": int((lk & ~tr).sum()), "trusts": int(tr.sum())})


def _labels(answer) -> set:
    return (
        set(map(str, answer.index))
        if isinstance(answer, (pd.Series, pd.DataFrame))
        else (set(map(str, answer)) if isinstance(answer, Mapping) else set())
    )


def _with_talked(answer, expected) -> bool:
    """The right three counts plus how many pairs talked."""
    if not isinstance(answer, (pd.Series, Mapping)) or _labels(answer) != {"talked", *STAGES}:
        return False
    got = pd.Series(answer)
    got.index = got.index.map(str)
    return same(got[STAGES], expected)


# --------------------------------------------------------------------------- 03.5's wrong readings


def _scores() -> pd.Series:
    """Each woman's betweenness (computed once, in kit.party)."""
    return party._davis_scores().set_index("woman")["betweenness"]


def _davis_column(column: str) -> pd.Series:
    return party._davis_scores().set_index("woman")[column]


def _top_set(values: pd.Series, n: int = TOP) -> set:
    return set(values.nlargest(n).index)


def _tied_top(values: pd.Series) -> set:
    """Every woman holding the top value of ``values`` (ties all count)."""
    return set(values.index[values == values.max()])


def _is_top(values, n: int = TOP, largest: bool = True):
    """A mistake matcher: the answer is *a* top-``n`` of ``values()`` (any way of breaking ties),
    and not the right three."""

    def matches(answer, expected):
        got = _names(answer)
        if got is None or got == set(expected) or len(got) != n:
            return False
        v = values() if largest else -values()
        cut = v.nlargest(n).iloc[-1]
        return set(v.index[v > cut]) <= got <= set(v.index[v >= cut])

    return matches


def _names(answer) -> set | None:
    """The names in an answer given as a list, tuple, set, Index, array or a column of names."""
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, pd.Series):
        return set(map(str, answer.tolist())) if answer.dtype == object else None
    if isinstance(answer, (list, tuple, set, frozenset, pd.Index)):
        return {str(v) for v in answer}
    if hasattr(answer, "tolist") and getattr(answer, "ndim", 0) == 1:
        return {str(v) for v in answer.tolist()}
    return None


def _is_set(rule):
    """A mistake matcher: the answer's names are exactly ``rule()`` (and not the right three)."""

    def matches(answer, expected):
        got = _names(answer)
        return got is not None and got != set(expected) and got == rule()

    return matches


def _first_names(answer, expected) -> bool:
    got = _names(answer)
    return got is not None and got == {w.split()[0] for w in expected}


def _scores_of_right_women(answer, expected) -> bool:
    """nlargest(3) itself: a Series of scores labelled by the right women."""
    return isinstance(answer, pd.Series) and answer.dtype != object and set(map(str, answer.index)) == set(expected)


def _scores_series(answer, expected) -> bool:
    """Any other Series of numbers labelled by women (nlargest(1), the whole scores, ...)."""
    return (
        isinstance(answer, pd.Series)
        and answer.dtype.kind in "iuf"
        and len(answer) > 0
        and set(map(str, answer.index)) <= set(party.davis_network().graph["top"])
    )


def _numbers(answer, expected) -> bool:
    """A score, or a list / array / Index of scores, where names were asked for."""
    if _is_real(answer):
        return _is_score(answer)
    if isinstance(answer, pd.Series):
        return False
    vals = list(answer) if isinstance(answer, (list, tuple, set, frozenset, pd.Index, np.ndarray)) else []
    return bool(vals) and all(_is_score(v) for v in vals)


def _one_of_the_three(answer, expected) -> bool:
    got = _names(answer)
    return got is not None and len(got) == 1 and got <= set(expected)


def _events_not_women(answer, expected) -> bool:
    got = _names(answer)
    return bool(got) and got <= set(party.davis_network().graph["bottom"])


def _right_three_plus(answer, expected) -> bool:
    got = _names(answer)
    return got is not None and len(got) > TOP and set(expected) <= got


def _weight_as_distance_top() -> set:
    return _top_set(pd.Series(nx.betweenness_centrality(party.davis_women(), weight="weight")))


def _alphabetical_last() -> set:
    return set(sorted(_scores().index)[-TOP:])


# --------------------------------------------------------------------------- registrations

register(
    Exercise(
        id="03.1",
        title="Conversations of two",
        has_ratio=True,
        imports=("pd", "nx"),
        checks_on="the room's party (40 guests, one evening) unless you pass yours as evening=",
        ask="The answer is one number between 0 and 1: the share of the rows of `conversations` "
        "whose size is 2, on the party passed as evening= (else the room's).",
        expected=lambda evening=None: pair_share(_evening(evening).conversations),
        solution=pair_share,
        hints=(
            '`conversations["size"] == 2` is True for each row (one conversation during one '
            "minute) that was a pair, and False for the others.",
            "Put round brackets around the comparison and take the `.mean()` of it: the share of Trues.",
            '`pair_share = (conversations["size"] == 2).mean()`',
        ),
        mistakes=(
            Mistake(
                "You compared `conversations.size` with 2. With a dot, `.size` is the table's own "
                "number of cells, not its `size` column, so the comparison is one False. Use square "
                'brackets for the column: `conversations["size"] == 2`.',
                answer=lambda evening=None: bool(_evening(evening).conversations.size == 2),
            ),
            Mistake(
                "That is a count of conversation-minutes, not a share. Take the `.mean()` of the "
                "True/False column instead of its `.sum()`.",
                answer=lambda evening=None: int((_sizes(evening) == 2).sum()),
            ),
            Mistake(
                "That is the share of conversations with *more* than two people (here the same as "
                "not two): the opposite of what was asked.",
                answer=lambda evening=None: float((_sizes(evening) > 2).mean()),
            ),
            Mistake(
                "That is the share of *people-minutes* spent in pairs (a group of four counts four "
                "times). The question counts conversations: one row each.",
                answer=lambda evening=None: float(_sizes(evening)[_sizes(evening) == 2].sum() / _sizes(evening).sum()),
            ),
            Mistake(
                "You gave the share of every size. The question asks about pairs only: one number, "
                "the share of rows whose size is 2.",
                answer=lambda evening=None: _sizes(evening).value_counts(normalize=True),
            ),
            Mistake(
                "That is the share of groups of four. The question asks about pairs: size 2.",
                answer=lambda evening=None: float((_sizes(evening) == 4).mean()),
            ),
            Mistake(
                "That is the share of groups of three. The question asks about pairs: size 2.",
                answer=lambda evening=None: float((_sizes(evening) == 3).mean()),
            ),
            Mistake(
                "That is the average *size* of a conversation. The question asks what share of "
                "the rows were pairs: compare the sizes with 2 (`== 2`), then take the `.mean()`.",
                answer=lambda evening=None: float(_sizes(evening).mean()),
            ),
        ),
    ),
    Exercise(
        id="03.2",
        title="Chats forgotten by the end of the evening",
        has_ratio=True,
        imports=("pd", "nx"),
        checks_on="the room's party (40 guests, one evening) unless you pass yours as evening=",
        ask="The answer is one number between 0 and 1: the share of the pairs who talked that do "
        "not know each other, on the party passed as evening= (else the room's).",
        expected=lambda evening=None: share_forgotten(_evening(evening).ties),
        solution=share_forgotten,
        hints=(
            "`evening.ties` has one row per pair of guests who talked; the `knows` column says "
            "whether they remember each other.",
            '`~` turns True into False and back: `~ties["knows"]` is True for the forgotten pairs.',
            "The `.mean()` of a True/False column is the share of Trues.",
        ),
        mistakes=(
            Mistake(
                "That is a count of pairs, not a share. Divide by the number of pairs who "
                "talked (or take the `.mean()` of the True/False column).",
                answer=lambda evening=None: int((~_evening(evening).ties["knows"]).sum()),
            ),
            Mistake(
                "That is the share who *do* remember each other: the opposite of what was asked. "
                "Put `~` in front of the column.",
                answer=lambda evening=None: float(_evening(evening).ties["knows"].mean()),
            ),
            Mistake(
                "You used a one-way column: `a_knows_b` (or `b_knows_a`) says only whether one guest "
                "remembers the other. The question is about pairs who do not remember *each other*: "
                "use the two-way `knows` column.",
                matches=lambda a, e, evening=None: any(
                    same(a, float((~_evening(evening).ties[c]).mean())) for c in ("a_knows_b", "b_knows_a")
                ),
            ),
            Mistake(
                "You counted the pairs where *neither* remembers the other. A pair who do not "
                "remember each other also includes those where only one of them does: `knows` is "
                'True only when both do, so use `~ties["knows"]`.',
                answer=lambda evening=None: float(
                    (~(_evening(evening).ties["a_knows_b"] | _evening(evening).ties["b_knows_a"])).mean()
                ),
            ),
            Mistake(
                "You counted pairs with less than 2 minutes together. Memory here grows with "
                "*attention*: a minute in a group of four gives each pair only a third of a "
                "minute, a new chat warms up slowly, and each chat must get there by itself. "
                "Use the model's `knows` column.",
                answer=lambda evening=None: share_forgotten(_evening(evening).ties, party.KNOW_MINUTES),
            ),
            Mistake(
                "You rebuilt the memory rule from `attention_minutes`: close, but not all of it. "
                "That column adds up all of a pair's chats, and each chat must reach the threshold "
                "by itself (hellos do not add up); a claim of importance also sticks after a "
                "shorter chat. Use the `knows` column: it holds the whole rule.",
                answer=lambda evening=None: float(
                    (_evening(evening).ties["attention_minutes"] < party.KNOW_MINUTES).mean()
                ),
            ),
            Mistake(
                "You divided by every possible pair of guests, including pairs who never talked. "
                "The question is about the pairs who talked: the rows of `ties`.",
                answer=lambda evening=None: (
                    int((~_evening(evening).ties["knows"]).sum())
                    / (_evening(evening).settings["guests"] * (_evening(evening).settings["guests"] - 1) / 2)
                ),
            ),
            Mistake(
                "That is the share of pairs who do not *like* each other. The question is about "
                "remembering: use the `knows` column.",
                answer=lambda evening=None: float((~_evening(evening).ties["likes"]).mean()),
            ),
        ),
    ),
    Exercise(
        id="03.3",
        title="Trust per guest, by persona",
        has_ratio=True,
        imports=("pd", "nx"),
        label="persona",
        checks_on="the room's party (40 guests, six evenings) unless you pass yours as season=",
        ask="One number per persona (a Series indexed by persona): how many people trust the "
        "average guest, on the party passed as season= (else the room's).",
        expected=lambda season=None: trust_rate_by_persona(_season(season).guests),
        solution=trust_rate_by_persona,
        hints=(
            '`guests.groupby("persona")` splits the guests into one group per persona, and '
            '`["trusted_by"]` picks the column to summarise in each group.',
            "You want the number for the *average* guest of each persona: finish with `.mean()`, not `.sum()`.",
            '`trust_rate = guests.groupby("persona")["trusted_by"].mean()`',
        ),
        mistakes=(
            Mistake(
                "Those are totals: every guest of a persona added up. A total grows with the "
                "number of guests of that persona, so change the mix and the biggest persona "
                "would win: take the mean per guest (`.mean()`), not the sum.",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["trusted_by"].sum().astype(float)
                ),
            ),
            Mistake(
                "You divided each persona's total by all the guests at the party. Divide by the "
                "number of guests *of that persona* (that is what `.mean()` does).",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["trusted_by"].sum()
                    / len(_season(season).guests)
                ),
            ),
            Mistake(
                "That is `liked_by`. Liking comes first and is easier; the question asks about trust (`trusted_by`).",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["liked_by"].mean().astype(float)
                ),
            ),
            Mistake(
                "That is `remembered_by`. Being remembered comes first; the question asks about trust (`trusted_by`).",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["remembered_by"].mean().astype(float)
                ),
            ),
            Mistake(
                "That is the most trusted guest of each persona (`.max()`). The question asks "
                "about the average guest: `.mean()`.",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["trusted_by"].max().astype(float)
                ),
            ),
            Mistake(
                "`.count()` counts the guests of each persona, not the people who trust them. "
                "Take the `.mean()` of `trusted_by`.",
                answer=lambda season=None: (
                    _season(season).guests.groupby("persona", observed=True)["trusted_by"].count().astype(float)
                ),
            ),
            Mistake(
                "That is the trust after the *first* evening (`evening`). The question asks "
                "after the six evenings: use `season.guests`.",
                answer=lambda season=None: trust_rate_by_persona(_first_evening(season).guests),
            ),
        ),
    ),
    Exercise(
        id="03.4",
        title="Know, like, trust: the funnel",
        imports=("pd", "nx"),
        label="stage",
        checks_on="the room's party (40 guests, six evenings) unless you pass yours as season=",
        ask="The answer is a Series of three whole numbers, indexed knows, likes, trusts, on the "
        "party passed as season= (else the room's).",
        expected=lambda season=None: stage_counts(_season(season).ties),
        solution=stage_counts,
        hints=(
            '`season_ties[["knows", "likes", "trusts"]]` keeps the three True/False columns '
            "(note the double brackets: a list of column names).",
            "`.sum()` on True/False columns counts the Trues in each, giving one number per column.",
            '`funnel = season_ties[["knows", "likes", "trusts"]].sum()`',
        ),
        mistakes=(
            Mistake(
                "Right counts, plus one: the question asks for three numbers (knows, likes, "
                "trusts); leave out how many pairs talked.",
                matches=_with_talked,
            ),
            Mistake(
                "You counted a pair when *either* guest likes or trusts the other. A "
                "relationship is two-way: use the `likes` and `trusts` columns, which need both.",
                answer=lambda season=None: _funnel_either(_season(season).ties, two_way=("knows",)),
            ),
            Mistake(
                "You used the one-way columns of one side (`a_knows_b`, `a_likes_b`, "
                "`a_trusts_b`, or the `b_..._a` ones): they count a pair when one guest feels it, "
                "whatever the other feels. The funnel counts pairs who know, like and trust *each "
                "other*: the two-way columns `knows`, `likes`, `trusts`.",
                matches=lambda a, e, season=None: any(
                    same(a, _funnel_side(_season(season).ties, side)) for side in ("a", "b")
                ),
            ),
            Mistake(
                "You counted a pair when *either* guest knows, likes or trusts the other. A "
                "relationship is two-way: use the `knows`, `likes` and `trusts` columns, which need both.",
                answer=lambda season=None: _funnel_either(_season(season).ties),
            ),
            Mistake(
                "You added up the guests' columns (`remembered_by`, `liked_by`, ...), which "
                "count every feeling once per direction. Count *pairs* in `ties` instead.",
                answer=lambda season=None: _funnel_from_guests(_season(season).guests),
            ),
            Mistake(
                "You counted the pairs who stopped at each stage. The funnel counts everyone "
                "who *reached* a stage: a pair who trust each other also like and know each "
                "other, so each number includes the next.",
                answer=lambda season=None: _funnel_exclusive(_season(season).ties),
            ),
            Mistake(
                "Those are shares of the pairs who talked. The question asks for counts: use `.sum()`, not `.mean()`.",
                answer=lambda season=None: _season(season).ties[STAGES].mean(),
            ),
            Mistake(
                "Those are the counts after the *first* evening (`evening.ties`). The question "
                "asks about the season: use `season_ties`.",
                answer=lambda season=None: stage_counts(_first_evening(season).ties),
            ),
        ),
    ),
    Exercise(
        id="03.5",
        title="Who sits between the others",
        imports=("pd", "nx"),
        label="woman",
        checks_on="the Davis Southern Women data (networkx), which every notebook shares",
        ask="The answer is three women's names (a list or a set): the three with the highest betweenness in `scores`.",
        expected=lambda: top_betweenness(party.davis_women()),
        solution=top_betweenness,
        hints=(
            "`scores` is a dictionary: each woman's name and her betweenness. `pd.Series(scores)` "
            "turns it into a column labelled by name.",
            "`.nlargest(3)` keeps the three highest values *with their labels*; `.index` gives the "
            "labels (the names) without the values.",
            "`top_three = pd.Series(scores).nlargest(3).index`",
        ),
        mistakes=(
            Mistake(
                "Right women, but you gave their scores (a Series of numbers). The question asks "
                "for the names: add `.index` to take the labels.",
                matches=_scores_of_right_women,
            ),
            Mistake(
                "You gave a Series of scores. The question asks for the names of the three "
                "highest: `.nlargest(3)` keeps them, and `.index` gives their names.",
                matches=_scores_series,
            ),
            Mistake(
                "Evelyn, Theresa and Nora went to the most events (eight each): that is "
                "attendance, not betweenness. Evelyn went to eight and sits on few routes. Rank "
                "the betweenness `scores` of `women` (these three also top the network of women "
                "*and* events, if you measured that one).",
                matches=_is_top(lambda: _davis_column("events")),
            ),
            Mistake(
                'Someone used `weight="weight"`, which treats sharing many events as being *far* '
                'apart. Use the `scores` given (`weight="distance"`: many shared events = close).',
                matches=_is_set(_weight_as_distance_top),
            ),
            Mistake(
                "Those are the last three names in alphabetical order: `sorted(scores)` sorts the "
                "*names*. Turn the scores into a Series and use `.nlargest(3)`.",
                matches=_is_set(_alphabetical_last),
            ),
            Mistake(
                "Those women shared an event with the most other women (degree). In this dense "
                "network seven women tie on that (and on betweenness without distances), so it "
                "cannot pick out who sits between the circles. Rank the `scores` (distance = "
                "1 / shared events).",
                matches=_is_top(lambda: _davis_column("degree")),
            ),
            Mistake(
                "Those share the most events with others in total (weighted degree). That "
                "rewards going to big events; betweenness rewards being on the routes between "
                "women who rarely met. Rank the `scores` instead.",
                matches=_is_top(lambda: _davis_column("shared_events")),
            ),
            Mistake(
                "Those have the *lowest* betweenness (no route needs them). Take the highest: "
                "`.nlargest(3)`, not `.nsmallest(3)`.",
                matches=_is_top(_scores, largest=False),
            ),
            Mistake(
                "Right women, but first names only. Give the names as they are in `scores` (first name and surname).",
                matches=_first_names,
            ),
            Mistake(
                "She is one of the three. The question asks for the *three* women with the highest "
                "betweenness: `.nlargest(3)`.",
                matches=_one_of_the_three,
            ),
            Mistake(
                "The right three are in your answer, with more besides. Keep only the top three: `.nlargest(3)`.",
                matches=_right_three_plus,
            ),
            Mistake(
                "Those are betweenness scores, not names. `.nlargest(3).index` gives the names "
                "(the labels) of the three highest.",
                matches=_numbers,
            ),
            Mistake(
                "Those are events, not women: you measured the network of women *and* events. "
                "Use `scores`, measured on `women`.",
                matches=_events_not_women,
            ),
        ),
    ),
)
