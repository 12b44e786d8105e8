"""A real party: the Davis Southern Women data (18 women, 14 events, Natchez, the 1930s).

Davis, A., Gardner, B. B. & Gardner, M. R. (1941). *Deep South*. University of Chicago Press.
Attendance of 18 women at 14 social events, as shipped with networkx
(``davis_southern_women_graph``). The two circles here come from community detection (greedy
modularity), not from the authors' own grouping.

The women-to-women projection is built once and betweenness computed once
(:func:`_davis_scores`); everything else reads those.
"""

from __future__ import annotations

import functools

import networkx as nx
import numpy as np
import pandas as pd
from networkx.algorithms import bipartite


def davis_network() -> nx.Graph:
    """The Davis Southern Women bipartite graph (18 women, 14 events).

    >>> g = davis_network()
    >>> len(g.graph["top"]), len(g.graph["bottom"])
    (18, 14)
    """
    return _davis_graph().copy()


@functools.lru_cache(maxsize=1)
def _davis_graph() -> nx.Graph:
    return nx.davis_southern_women_graph()


def davis_attendance() -> pd.DataFrame:
    """Who went to which event: one row per (woman, event).

    >>> att = davis_attendance()
    >>> att["woman"].nunique(), att["event"].nunique(), len(att)
    (18, 14, 89)
    """
    g = davis_network()
    women = set(g.graph["top"])
    rows = [(u, v) if u in women else (v, u) for u, v in g.edges()]
    event_order = {e: i for i, e in enumerate(g.graph["bottom"])}
    woman_order = {w: i for i, w in enumerate(g.graph["top"])}
    rows.sort(key=lambda r: (woman_order[r[0]], event_order[r[1]]))
    return pd.DataFrame(rows, columns=["woman", "event"])


def davis_could_have_met(both_directions: bool = False) -> pd.DataFrame:
    """Pairs of women who attended at least one event together.

    Uses networkx's weighted bipartite projection: ``shared_events`` is the
    number of events both attended. Each pair appears once unless
    ``both_directions`` is True (handy for pivoting into a square matrix).

    >>> met = davis_could_have_met()
    >>> met.head(2)
                woman_a           woman_b  shared_events
    0  Evelyn Jefferson  Laura Mandeville              6
    1  Evelyn Jefferson   Theresa Anderson              7
    >>> len(davis_could_have_met(both_directions=True)) == 2 * len(met)
    True
    """
    women = davis_network().graph["top"]
    proj = _women_graph()
    pos = {w: i for i, w in enumerate(women)}
    rows = []
    for u, v, w in proj.edges(data="weight"):
        if pos[u] > pos[v]:
            u, v = v, u
        rows.append((u, v, int(w)))
        if both_directions:
            rows.append((v, u, int(w)))
    rows.sort(key=lambda r: (pos[r[0]], pos[r[1]]))
    return pd.DataFrame(rows, columns=["woman_a", "woman_b", "shared_events"])


@functools.lru_cache(maxsize=1)
def _women_graph() -> nx.Graph:
    """The women-to-women projection, built once (see :func:`davis_women`)."""
    g = _davis_graph()
    women = bipartite.weighted_projected_graph(g, g.graph["top"])
    for _, _, d in women.edges(data=True):
        d["distance"] = 1.0 / d["weight"]
    return women


def davis_women() -> nx.Graph:
    """The women-to-women network: an edge when two women went to an event together.

    Each edge has ``weight`` (events shared) and ``distance`` = 1 / weight,
    so women who often met are *close*. This is the graph exercise 03.5
    measures. (A fresh copy each call: change it freely.)

    >>> women = davis_women()
    >>> women.number_of_nodes(), women["Evelyn Jefferson"]["Theresa Anderson"]["weight"]
    (18, 7)
    """
    return _women_graph().copy()


@functools.lru_cache(maxsize=1)
def _davis_circles() -> tuple:
    g = davis_network()
    order = {e: i for i, e in enumerate(g.graph["bottom"])}
    groups = nx.community.greedy_modularity_communities(_women_graph(), weight="weight")

    def mean_event(group):
        return np.mean([order[e] for w in group for e in g[w]])

    groups = sorted(groups, key=mean_event)
    return tuple((w, k) for k, group in enumerate(groups, 1) for w in group)


def davis_circles() -> dict:
    """Each Davis woman's circle: 1 (mostly the earlier events) or 2 (the later ones).

    Found by a standard community-detection method (greedy modularity on the
    women-to-women network, weighted by shared events); not Davis, Gardner
    & Gardner's own grouping.

    >>> c = davis_circles()
    >>> c["Evelyn Jefferson"], c["Theresa Anderson"], c["Nora Fayette"], len(c)
    (1, 1, 2, 18)
    """
    return dict(_davis_circles())


def davis_shared_events() -> list:
    """Events attended by women of both circles, in date order.

    >>> davis_shared_events()
    ['E6', 'E7', 'E8', 'E9']
    """
    circle = davis_circles()
    att = davis_attendance()
    both = att.assign(circle=att["woman"].map(circle)).groupby("event")["circle"].nunique() == 2
    events = davis_network().graph["bottom"]
    return [e for e in events if both.get(e, False)]


@functools.lru_cache(maxsize=1)
def _davis_scores() -> pd.DataFrame:
    """One row per woman, in the data's order, computed once: events attended, betweenness,
    and how much of her betweenness comes from routes between the two circles.

    Private on purpose: exercise 03.5 asks for the top of the ``betweenness`` column, so the
    learner's namespace holds no public function that returns it. The charts drawn after the
    exercise read it through :func:`kit.ui.party.davis_chart`.

    ``betweenness`` is networkx's normalised betweenness on :func:`davis_women` with
    ``distance`` = 1 / shared events. ``between_circles`` is the part of it from pairs of women
    in different circles (:func:`davis_circles`), on the same scale, so
    ``between_circles <= betweenness``. ``ties_across`` counts her links of three or more
    shared events to women of the other circle.
    """
    g = davis_network()
    proj = _women_graph()
    circle = davis_circles()
    names = list(g.graph["top"])
    btw = nx.betweenness_centrality(proj, weight="distance")
    # the cross-circle part: networkx's subset betweenness over the pairs in different circles,
    # from each side (with float distances the two sides can split tied routes differently),
    # on networkx's scale, so that between_circles plus the within-circle part is betweenness
    one = [w for w in names if circle[w] == 1]
    two = [w for w in names if circle[w] == 2]
    a = nx.betweenness_centrality_subset(proj, one, two, normalized=False, weight="distance")
    b = nx.betweenness_centrality_subset(proj, two, one, normalized=False, weight="distance")
    scale = 2.0 / ((len(names) - 1) * (len(names) - 2))  # networkx's normalisation (undirected)
    cross = {w: (a[w] + b[w]) * scale for w in names}
    table = pd.DataFrame(
        {
            "woman": names,
            "circle": [circle[w] for w in names],
            "events": [g.degree(w) for w in names],
            "degree": [proj.degree(w) for w in names],
            "shared_events": [int(proj.degree(w, weight="weight")) for w in names],
            "ties_across": [
                sum(1 for v, d in proj[w].items() if circle[v] != circle[w] and d["weight"] >= 3) for w in names
            ],
            "betweenness": [btw[w] for w in names],
            "between_circles": [cross[w] for w in names],
        }
    )
    return table
