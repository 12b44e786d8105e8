"""Workshop 04 (the hashtag hour): the hour as a venue, reach through the hub, answering
requests, whom to follow, and first impressions. Pure functions over the town's tables.

* the venue: :func:`turnout` (posters, newcomers and regulars per evening) and
  :func:`peak_minute` (the hour's busiest minute, local time);
* reach: :func:`audience` (who could see a post: followers of its author and of everyone who
  shared it), :func:`reach_of`, :func:`reach_table`, and :func:`cascade_runs` (an independent
  cascade on the follow graph, over many seeds);
* ask and answer: :func:`looks_like_request` (a readable rule), :func:`answers_per_account`,
  :func:`reaction_rates`;
* whom to follow: :func:`friends_of_friends`, :func:`suggest` (common neighbours, Jaccard,
  Adamic-Adar from networkx, or the most followed), :func:`precision_at_k`;
* first impressions: :func:`last_five`, :func:`profile_features`, :func:`rubric_score`,
  :func:`follow_rate_by_score`.

>>> follows = pd.DataFrame({"follower_id": [2, 3, 4, 4, 5], "followed_id": [1, 1, 1, 3, 3]})
>>> posts = pd.DataFrame({"post_id": [10, 11], "account_id": [1, 3], "kind": ["original", "retweet"],
...                       "shared_post_id": [None, 10]})
>>> sorted(audience(10, posts, follows))   # 1's followers, and 3's (who retweeted it)
[2, 3, 4, 5]
"""

from __future__ import annotations

import re

import networkx as nx
import numpy as np
import pandas as pd

from .social import classify_posts, hour_posts

__all__ = [
    "turnout",
    "peak_minute",
    "audience",
    "reach_of",
    "reach_table",
    "follow_graph",
    "cascade_runs",
    "REQUEST_WORDS",
    "looks_like_request",
    "replies_to_requests",
    "answers_per_account",
    "reaction_rates",
    "friends_of_friends",
    "suggest",
    "METHODS",
    "precision_at_k",
    "last_five",
    "profile_features",
    "RUBRIC",
    "rubric_score",
    "follow_rate_by_score",
    "rank_agreement",
    "example_account",
    "example_post",
]


# --------------------------------------------------------------------------- 1. the venue


def turnout(posts: pd.DataFrame, scenario=None) -> pd.DataFrame:
    """Per evening of the hour: accounts that posted, newcomers (their first hour), and
    returners (posted in an earlier hour too).

    >>> from kit.scenario import load_scenario
    >>> s = load_scenario()
    >>> (a, _), (b, _) = s.hour_windows()[:2]
    >>> demo = pd.DataFrame({"handle": ["@A", "@B", "@A", "@C"],
    ...                      "created_at": [a, a, b, b + pd.Timedelta(minutes=5)]})
    >>> turnout(demo).iloc[:2].to_dict("list")
    {'posters': [2, 2], 'newcomers': [2, 1], 'returners': [0, 1]}
    """
    hour = hour_posts(posts, scenario)
    evening = hour["created_at"].dt.date
    day = hour["created_at"].dt.normalize()  # the same evenings as datetimes: a fast groupby min
    in_first = day.eq(day.groupby(hour["handle"]).transform("min"))  # the account's first evening
    from .scenario import load_scenario

    days = pd.Index((scenario or load_scenario()).evenings(), name="evening")
    posters = hour.groupby(evening)["handle"].nunique()
    new = hour.loc[in_first].groupby(evening[in_first])["handle"].nunique()
    out = pd.DataFrame({"posters": posters.reindex(days, fill_value=0), "newcomers": new.reindex(days, fill_value=0)})
    out["returners"] = out["posters"] - out["newcomers"]
    return out.astype(int)


def peak_minute(posts: pd.DataFrame, scenario=None) -> pd.Series:
    """Posts in each minute of the hour (0 = the start), all evenings together, local time.

    >>> from kit.scenario import load_scenario
    >>> a, _ = load_scenario().hour_windows()[0]
    >>> demo = pd.DataFrame({"created_at": [a, a + pd.Timedelta(seconds=30), a + pd.Timedelta(minutes=7)]})
    >>> peak_minute(demo).loc[[0, 7]].tolist()
    [2, 1]
    """
    from .scenario import load_scenario

    s = scenario or load_scenario()
    hour = hour_posts(posts, s)
    t = hour["created_at"]
    minute = (t.dt.hour * 60 + t.dt.minute) - (s.start.hour * 60 + s.start.minute)
    return minute.value_counts().reindex(range(s.duration_minutes), fill_value=0).rename("posts").rename_axis("minute")


# --------------------------------------------------------------------------- 2. reach


def _sharers(post_id: int, posts: pd.DataFrame) -> pd.Series:
    shared = pd.to_numeric(posts["shared_post_id"], errors="coerce")
    return posts.loc[shared.eq(post_id), "account_id"]


def audience(post_id: int, posts: pd.DataFrame, follows: pd.DataFrame, without=()) -> set:
    """The accounts in the sample who could see a post: followers of its author and of every
    account that retweeted or quoted it (each once), never the author. ``without``: sharers to
    leave out (e.g. the hub, for "what if the hub had not retweeted it").

    >>> f = pd.DataFrame({"follower_id": [2, 3, 3, 1], "followed_id": [1, 1, 9, 9]})
    >>> p = pd.DataFrame({"post_id": [5, 6], "account_id": [1, 9], "kind": ["original", "retweet"],
    ...                   "shared_post_id": [None, 5]})
    >>> sorted(audience(5, p, f)), sorted(audience(5, p, f, without=[9]))   # 3 follows both: once
    ([2, 3], [2, 3])
    """
    author = posts.loc[posts["post_id"].eq(post_id), "account_id"]
    if author.empty:
        raise KeyError(f"no post {post_id} in the posts table")
    spreaders = {int(author.iloc[0])} | (set(_sharers(post_id, posts).astype(int)) - set(without))
    seen = set(follows.loc[follows["followed_id"].isin(spreaders), "follower_id"].astype(int))
    return seen - {int(author.iloc[0])}


def reach_of(
    post_id: int, posts: pd.DataFrame, follows: pd.DataFrame, accounts: pd.DataFrame, hub_id: int | None = None
) -> pd.Series:
    """One post's reach: the author's own audience, with the sharers, without the hub's
    retweet, and an estimate beyond the sample (see :func:`reach_table`)."""
    return reach_table(posts, follows, accounts, hub_id=hub_id, posts_only=[post_id]).iloc[0]


def reach_table(
    posts: pd.DataFrame, follows: pd.DataFrame, accounts: pd.DataFrame, hub_id: int | None = None, posts_only=None
) -> pd.DataFrame:
    """Per shared original post: ``own`` (the author's followers in the sample), ``audience``
    (with everyone who shared it), ``without_hub`` (the hub's retweet left out), ``beyond``
    (followers outside the sample of the author and every sharer: ``followers_count`` minus
    the rows in ``follows``, assumed not to overlap, so an upper bound) and ``total``
    (audience + beyond), with the author's ``followers_count`` and ``hub_shared``. ``posts_only``:
    just these posts (each once, in this order).

    Every post's audience is counted at once: one row per (post, source, follower), where the
    sources are the author and the sharers, then the different followers per post.

    >>> posts = pd.DataFrame({"post_id": [1, 2, 3], "account_id": [10, 20, 99],
    ...                       "shared_post_id": [None, 1, 1]})
    >>> follows = pd.DataFrame({"follower_id": [20, 30, 30, 40], "followed_id": [10, 10, 20, 99]})
    >>> accounts = pd.DataFrame({"account_id": [10, 20, 99], "kind": ["business", "person", "hub"],
    ...                          "followers_count": [2, 1, 500]})
    >>> reach_table(posts, follows, accounts).loc[1, ["own", "audience", "without_hub", "beyond", "total"]].tolist()
    [2, 3, 2, 499, 502]
    """
    if hub_id is None:
        hub_id = int(accounts.loc[accounts["kind"].eq("hub"), "account_id"].iloc[0])
    shared = pd.to_numeric(posts["shared_post_id"], errors="coerce")
    ids = posts_only if posts_only is not None else sorted(shared.dropna().astype(int).unique())
    ids = pd.Index(pd.unique(np.asarray(ids, dtype="int64")))
    authors = posts.set_index("post_id")["account_id"].astype("int64").loc[ids].to_numpy()
    # who passed each post on: its author, then everyone else who shared it (once each); each
    # post as its row in ``ids``
    sharing = pd.DataFrame(
        {"post": ids.get_indexer(shared.fillna(-1).astype("int64")), "source": posts["account_id"].astype("int64")}
    )
    sharing = sharing[sharing["post"].ge(0)].drop_duplicates()
    sharing = sharing[sharing["source"].to_numpy() != authors[sharing["post"].to_numpy()]]
    post = np.r_[np.arange(ids.size), sharing["post"].to_numpy()]  # row of each post in ``ids``
    source = np.r_[authors, sharing["source"].to_numpy()]
    is_author = np.arange(post.size) < ids.size
    # everyone who follows a source could see the post (the author left out)
    nodes, follower, followed = _numbered(follows)
    n = nodes.size
    ptr, nbr = _adjacency(followed, follower, n)
    code = pd.Index(nodes).get_indexer(source)  # each source's node number; -1: nobody follows it
    known = code >= 0
    came, viewer = _step(ptr, nbr, code[known])
    row = np.flatnonzero(known)[came]
    seen = nodes[viewer] != authors[post[row]]

    def viewers(keep):  # how many different accounts could see each post, over the rows kept
        pairs = _unique(post[row[keep]] * max(n, 1) + viewer[keep])
        return np.bincount(pairs // max(n, 1), minlength=ids.size)

    shown = accounts.set_index("account_id")["followers_count"]
    outside = (shown - follows["followed_id"].value_counts().reindex(shown.index, fill_value=0)).clip(lower=0)
    beyond = np.bincount(post, weights=outside.reindex(source, fill_value=0).to_numpy(), minlength=ids.size)
    table = pd.DataFrame(
        {
            "author_id": authors,
            "followers_count": shown.reindex(authors, fill_value=0).to_numpy().astype("int64"),
            "hub_shared": np.isin(np.arange(ids.size), post[~is_author & (source == hub_id)]),
            "sharers": np.bincount(post[~is_author], minlength=ids.size),
            "own": viewers(seen & is_author[row]),
            "audience": viewers(seen),
            "without_hub": viewers(seen & (is_author[row] | (source[row] != hub_id))),
            "beyond": beyond.astype("int64"),
        },
        index=ids.rename("post_id"),
    )
    table["total"] = table["audience"] + table["beyond"]
    return table


def follow_graph(follows: pd.DataFrame) -> nx.DiGraph:
    """The follow graph: an edge follower -> followed for every row."""
    g = nx.DiGraph()
    g.add_edges_from(zip(follows["follower_id"].astype(int), follows["followed_id"].astype(int)))
    return g


def _followers_lists(g) -> tuple[dict, np.ndarray, np.ndarray]:
    """Each node of ``g`` (a follow graph, or the follows table it is built from) with its number
    0..n-1, and each one's followers as :func:`_adjacency` arrays over those numbers."""
    if isinstance(g, pd.DataFrame):
        nodes, follower, followed = _numbered(g)
        number = {v: i for i, v in enumerate(nodes.tolist())}
    else:
        number = {v: i for i, v in enumerate(g)}
        pairs = np.array([(number[u], number[v]) for u, v in g.edges()], dtype="int64").reshape(-1, 2)
        follower, followed = pairs[:, 0], pairs[:, 1]
    ptr, nbr = _adjacency(followed, follower, len(number))
    return number, ptr, nbr


def cascade_runs(g, author: int, p: float = 0.05, runs: int = 200, seed: int = 0, also=()) -> pd.Series:
    """An independent cascade, ``runs`` times: the author's post is seen by its followers; each
    follower who sees it shares it with chance ``p`` (once), and their followers see it, and so
    on. ``also``: accounts that share it for sure (the hub, for "what if the hub retweets
    me"). ``g``: the follow graph (:func:`follow_graph`) or the follows table. Returns the number
    of accounts that saw it in each run (the author left out).

    Every run draws, for each account, whether it would share once it sees the post (the same
    chance as deciding when it first sees it); the runs spread side by side, one step at a time.

    >>> g = follow_graph(pd.DataFrame({"follower_id": [2, 3, 4], "followed_id": [1, 1, 3]}))
    >>> cascade_runs(g, 1, p=0.0, runs=3).tolist(), cascade_runs(g, 1, p=1.0, runs=2).tolist()
    ([2, 2, 2], [3, 3])
    """
    number, ptr, nbr = _followers_lists(g)
    n = len(number)
    me = number.get(author, -1)
    start = np.array(sorted({number[a] for a in [author, *also] if a in number}), dtype="int64")
    would_share = np.random.default_rng(seed).random((runs, n)).ravel() < p
    done = np.zeros(n, dtype=bool)
    done[start] = True
    seen = np.zeros(runs * n, dtype=bool)
    sharing = (np.arange(runs)[:, None] * n + start).ravel()  # run * n + account, for every run at once
    while sharing.size:
        run, who = np.divmod(sharing, n)
        came, follower = _step(ptr, nbr, who)
        fresh = np.zeros(runs * n, dtype=bool)
        fresh[(run[came] * n + follower)[follower != me]] = True
        reached = np.flatnonzero(fresh & ~seen)  # each newly seen once, in order
        seen[reached] = True
        sharing = reached[would_share[reached] & ~done[reached % n]]
    return pd.Series(seen.reshape(runs, n).sum(axis=1), name="saw it")


# --------------------------------------------------------------------------- 3. ask and answer

REQUEST_WORDS = ("recommend", "anyone", "any tips", "looking for", "who do you use", "know a")


def looks_like_request(posts: pd.DataFrame, words=REQUEST_WORDS, needs_question_mark: bool = True) -> pd.Series:
    """A readable rule: the text has a question mark and one of ``words``, and the post is not a
    retweet (a retweet repeats someone else's text).

    >>> demo = pd.DataFrame({"kind": ["original", "original", "retweet", "original"],
    ...                      "text": ["Can anyone recommend a plumber?", "Recommendations please",
    ...                               "Can anyone recommend a plumber?", "Looking for cake? We have it"]})
    >>> looks_like_request(demo).tolist()     # the last is an advert: a false alarm
    [True, False, False, True]
    """
    text = posts["text"].fillna("").str.lower()
    any_word = "|".join(re.escape(w.lower()) for w in words)  # one pass over the texts for all words
    hit = text.str.contains(any_word, regex=True) if words else pd.Series(False, index=posts.index)
    if needs_question_mark:
        hit &= text.str.contains("?", regex=False)
    return (hit & posts["kind"].ne("retweet")).rename("looks_like_request")


def replies_to_requests(posts: pd.DataFrame) -> pd.DataFrame:
    """Replies to posts labelled as requests (``asks_recommendation``), by someone other than
    the asker, with the asker's ``asker_id``."""
    asks = posts.loc[posts["asks_recommendation"].astype(bool), ["post_id", "account_id"]]
    asker = dict(zip(asks["post_id"], asks["account_id"]))
    to = pd.to_numeric(posts["reply_to_post_id"], errors="coerce")
    r = posts[posts["kind"].eq("reply") & to.isin(list(asker))].copy()
    r["asker_id"] = to[r.index].map(asker).astype(int)
    return r[r["account_id"].ne(r["asker_id"])]


def answers_per_account(posts: pd.DataFrame, accounts: pd.DataFrame, kind: str = "business") -> pd.Series:
    """How many times each account (of ``kind``) replied to someone else's request; accounts
    that never did are left out. Indexed by handle, largest first."""
    r = replies_to_requests(posts)
    ids = accounts.loc[accounts["kind"].eq(kind), "account_id"]
    r = r[r["account_id"].isin(ids)]
    return r["handle"].value_counts().rename("answers").rename_axis("handle")


def reaction_rates(
    reactions: pd.DataFrame, accounts: pd.DataFrame, posts: pd.DataFrame, by: str = "sector"
) -> pd.DataFrame:
    """Replies by businesses to requests, and the share that were thanked, followed and
    brought an enquiry, per ``by`` (a column of ``accounts``, e.g. sector) and per whether the
    reply was an answer (content "answer")."""
    acc = accounts.set_index("account_id")
    r = reactions.merge(posts[["post_id", "content"]], left_on="reply_post_id", right_on="post_id")
    r = r[r["replier_id"].map(acc["kind"]).eq("business")]
    r = r.assign(
        **{
            by: r["replier_id"].map(acc[by]).astype(str),
            "reply": np.where(r["content"].astype(str).eq("answer"), "an answer", "other reply"),
        }
    )
    g = r.groupby([by, "reply"], observed=True)
    out = g[["thanked", "followed", "enquired"]].mean()
    out.insert(0, "replies", g.size())
    return out


# --------------------------------------------------------------------------- 4. whom to follow

METHODS = ("common_neighbours", "jaccard", "adamic_adar", "most_followed")


def friends_of_friends(follows: pd.DataFrame, account_id: int) -> pd.Series:
    """For one account: every account followed by the accounts it follows, with how many of its
    follows follow each (the friend-of-friend count), leaving out itself and those it already
    follows. Largest first.

    >>> f = pd.DataFrame({"follower_id": [1, 1, 2, 2, 3, 3], "followed_id": [2, 3, 4, 3, 4, 1]})
    >>> friends_of_friends(f, 1).to_dict()   # 2 and 3 both follow 4; 2 follows 3, already followed
    {4: 2}
    """
    mine = follows.loc[follows["follower_id"].eq(account_id), "followed_id"]
    theirs = follows.loc[follows["follower_id"].isin(mine), "followed_id"]
    counts = theirs.value_counts()
    counts = counts.drop(index=[account_id, *mine], errors="ignore")
    return counts.rename("friends_in_common").rename_axis("account_id")


def _numbered(follows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The accounts in ``follows`` (sorted) and each row's follower and followed as their
    numbers 0..n-1 in that list."""
    a = follows["follower_id"].to_numpy(dtype="int64")
    b = follows["followed_id"].to_numpy(dtype="int64")
    nodes, codes = np.unique(np.concatenate([a, b]), return_inverse=True)
    return nodes, codes[: a.size], codes[a.size :]


def _adjacency(src: np.ndarray, dst: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Node i's neighbours are ``nbr[ptr[i]:ptr[i + 1]]`` (nodes numbered 0..n-1)."""
    order = np.lexsort((dst, src))
    return np.searchsorted(src[order], np.arange(n + 1)), dst[order]


def _step(ptr: np.ndarray, nbr: np.ndarray, frm: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One step from every node in ``frm``: (the position in ``frm`` it came from, the neighbour)."""
    counts = ptr[frm + 1] - ptr[frm]
    came = np.repeat(np.arange(frm.size), counts)
    within = np.arange(came.size) - np.repeat(np.cumsum(counts) - counts, counts)
    return came, nbr[ptr[frm][came] + within]


def _two_steps(ptr, nbr, frm):
    """Every walk a -> w -> v from a in ``frm``: arrays a, w, v."""
    came, w = _step(ptr, nbr, frm)
    came2, v = _step(ptr, nbr, w)
    return frm[came[came2]], w[came2], v


def _scored_pairs(follows: pd.DataFrame, ids: np.ndarray, undirected: bool) -> pd.DataFrame:
    """Every friend of a friend of each account in ``ids`` (never itself, never a follow it has),
    with ``common_neighbours`` (the friend-of-friend count, as :func:`friends_of_friends` counts
    it) and, with ``undirected``, ``jaccard`` (|N(a) & N(v)| / |N(a) | N(v)|) and ``adamic_adar``
    (over the common neighbours w, the sum of 1 / log(degree of w)) on the graph without
    directions: networkx's definitions (``nx.jaccard_coefficient``, ``nx.adamic_adar_index`` on
    ``nx.Graph`` of the follows), for all pairs at once."""
    nodes, ca, cb = _numbered(follows)
    n = max(nodes.size, 1)
    edge_keys = _unique(ca * n + cb)
    ca, cb = edge_keys // n, edge_keys % n
    frm = np.searchsorted(nodes, ids[np.isin(ids, nodes)])  # the accounts in the graph, as node numbers
    fa, _, fv = _two_steps(*_adjacency(ca, cb, n), frm)
    walks = _Walks(_unique(frm), n)
    keys, counts = walks.count(fa, fv)
    known = np.isin(keys, edge_keys, assume_unique=True)
    keep = (keys // n != keys % n) & ~known
    keys, counts = keys[keep], counts[keep]
    out = {"account_id": nodes[keys // n], "suggested_id": nodes[keys % n], "common_neighbours": counts.astype(float)}
    if undirected:
        und = _unique(np.concatenate([ca * n + cb, cb * n + ca]))
        ua, ub = und // n, und % n
        size = np.bincount(ua, minlength=n)  # |N(w)|; networkx's degree counts a self-loop twice
        degree = size + np.bincount(ca[ca == cb], minlength=n)
        ptr = np.searchsorted(ua, np.arange(n + 1))  # und is sorted by (a, b) already
        pa, pw, pv = _two_steps(ptr, ub, frm)
        walk = pa != pv
        # every friend of a friend is two steps away here too: each of ``keys`` is among these pairs
        shared, weight = walks.at(pa[walk], pv[walk], keys, 1 / np.log(degree[pw[walk]]))
        out["jaccard"] = shared / (size[keys // n] + size[keys % n] - shared)
        out["adamic_adar"] = weight
    return pd.DataFrame(out)


def _unique(x: np.ndarray) -> np.ndarray:
    """``np.unique(x)`` for integers, by sorting (NumPy 2.4's np.unique hashes, then sorts what
    it found: ~3 ms here on 38,000 follows against 1 ms)."""
    x = np.sort(x)
    return x[np.r_[True, x[1:] != x[:-1]]] if x.size else x


class _Walks:
    """Walks a -> ... -> v from the ``origins`` (sorted node numbers) among ``n`` nodes, counted
    per pair (a, v), the pair as the number a * n + v.

    With few origins, one bin per (origin, node) (np.bincount); else the pairs are sorted
    (np.unique), which takes 2-3 times as long on the bundled town's 259 accounts.
    """

    BINS = 2**24  # at most this many bins (8 bytes each)

    def __init__(self, origins: np.ndarray, n: int):
        self.origins, self.n = origins, n
        self.dense = origins.size * n <= self.BINS
        self.row = np.zeros(n, dtype=np.int64)  # each origin's row of bins
        self.row[origins] = np.arange(origins.size) * n

    def _bins(self, a, v):
        """Each walk's bin, and how many bins there are."""
        if self.dense:
            return self.row[a] + v, self.origins.size * self.n, None
        pair, inverse = np.unique(a * self.n + v, return_inverse=True)
        return inverse, pair.size, pair

    def count(self, a, v):
        """The pairs walked, sorted, and how many walks each."""
        bins, size, pair = self._bins(a, v)
        c = np.bincount(bins, minlength=size)
        if pair is not None:
            return pair, c
        hit = np.flatnonzero(c)
        return self.origins[hit // self.n] * self.n + hit % self.n, c[hit]

    def at(self, a, v, pairs, weights):
        """For each of ``pairs`` (each walked at least once): how many walks, and the sum of their
        ``weights``, from one binning of the walks."""
        bins, size, pair = self._bins(a, v)
        where = self.row[pairs // self.n] + pairs % self.n if pair is None else np.searchsorted(pair, pairs)
        return (np.bincount(bins, minlength=size)[where], np.bincount(bins, weights=weights, minlength=size)[where])


def _top(pairs: pd.DataFrame, score: str, account_ids, k: int) -> pd.DataFrame:
    """The ``k`` best per account, ties to the smaller id, in the order of ``account_ids``, from
    ``pairs`` sorted by account, then suggested id (as :func:`_scored_pairs` gives them; the sort
    below is stable). Scores are kept to 12 places, so two equal but for float rounding (a sum in
    another order) tie."""
    acc, sug = pairs["account_id"].to_numpy(), pairs["suggested_id"].to_numpy()
    sc = np.round(pairs[score].to_numpy(dtype=float), 12)
    order = np.lexsort((-sc, acc))
    acc, sug, sc = acc[order], sug[order], sc[order]
    first = np.r_[0, np.flatnonzero(np.diff(acc)) + 1] if acc.size else np.zeros(0, dtype=int)
    rank = np.arange(acc.size) - np.repeat(first, np.diff(np.r_[first, acc.size])) + 1
    best = rank <= k
    acc, rank, sug, sc = acc[best], rank[best], sug[best], sc[best]
    wanted = np.asarray(list(account_ids), dtype="int64")  # each one's rows, in this order
    start = np.searchsorted(acc, wanted)
    n = np.searchsorted(acc, wanted, side="right") - start  # how many rows each has
    rows = np.repeat(start, n) + np.arange(n.sum()) - np.repeat(np.cumsum(n) - n, n)
    return pd.DataFrame(
        {
            "account_id": acc[rows],
            "rank": rank[rows].astype("int64"),
            "suggested_id": sug[rows].astype("int64"),
            "score": sc[rows],
        }
    )


def suggest_each(follows: pd.DataFrame, account_ids, k: int = 5, methods=METHODS, candidates=None) -> dict:
    """{method: :func:`suggest`'s table} for several methods, sharing the work they have in common."""
    for method in methods:
        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    ids = pd.unique(np.asarray(list(account_ids), dtype="int64"))
    out: dict[str, pd.DataFrame] = {}
    pairs = None
    if set(methods) - {"most_followed"}:
        pairs = _scored_pairs(follows, np.sort(ids), undirected=bool({"jaccard", "adamic_adar"} & set(methods)))
    for method in methods:
        if method == "most_followed":
            out[method] = _most_followed(follows, account_ids, ids, k, candidates)
        else:
            out[method] = _top(pairs, method, account_ids, k)
    return out


def _most_followed(follows: pd.DataFrame, account_ids, ids, k: int, candidates) -> pd.DataFrame:
    """The ``k`` most followed accounts (ties: the smaller id) among ``candidates`` that each of
    ``account_ids`` does not follow yet and is not."""
    a = follows["follower_id"].to_numpy(dtype="int64")
    b = follows["followed_id"].to_numpy(dtype="int64")
    width = int(max(a.max(initial=0), b.max(initial=0), ids.max(initial=0))) + 1
    edges = _unique(a * width + b)  # each follow once
    popular, counts = np.unique(edges % width, return_counts=True)
    if candidates is not None:
        keep = np.isin(popular, np.asarray(list(candidates), dtype="int64"))
        popular, counts = popular[keep], counts[keep]
    order = np.lexsort((popular, -counts))  # most followed first, ties to the smaller id
    # no account follows more than ``most`` others, so its k best are among the first k + most + 1
    most = int(np.bincount(edges // width).max(initial=0))
    popular, counts = popular[order][: k + most + 1], counts[order][: k + most + 1]
    asking = np.asarray([int(x) for x in account_ids], dtype="int64")
    # for every account asking, every popular account: allowed unless followed already or itself
    pair = asking[:, None] * width + popular[None, :]
    allowed = ~np.isin(pair, edges) & (asking[:, None] != popular[None, :])
    rank = np.cumsum(allowed, axis=1)
    row, col = np.nonzero(allowed & (rank <= k))
    return pd.DataFrame(
        {
            "account_id": asking[row],
            "rank": rank[row, col].astype("int64"),
            "suggested_id": popular[col],
            "score": counts[col].astype(float),
        }
    )


def suggest(
    follows: pd.DataFrame, account_ids, k: int = 5, method: str = "common_neighbours", candidates=None
) -> pd.DataFrame:
    """The top ``k`` suggestions of whom to follow for each account, from ``follows`` only:
    friends of friends scored by ``method`` (common neighbours = follows in common; ``jaccard``
    and ``adamic_adar`` as networkx defines them, on the graph without directions), or the
    ``most_followed`` accounts it does not follow yet among ``candidates`` (all accounts if None;
    workshop 04 passes the local businesses, what a fair baseline for a local business would
    suggest). Never itself, never an account it already follows. Ties go to the smaller account
    id. Columns: account_id, rank, suggested_id, score.

    >>> f = pd.DataFrame({"follower_id": [1, 1, 2, 2, 3, 3], "followed_id": [2, 3, 4, 3, 4, 1]})
    >>> suggest(f, [1], k=2)[["suggested_id", "score"]].to_dict("list")
    {'suggested_id': [4], 'score': [2.0]}
    >>> suggest(f, [1], k=2, method="jaccard")[["suggested_id", "score"]].to_dict("list")  # 2, 3 of 2, 3
    {'suggested_id': [4], 'score': [1.0]}
    """
    return suggest_each(follows, account_ids, k=k, methods=(method,), candidates=candidates)[method]


def precision_at_k(suggested: pd.DataFrame, new_follows: pd.DataFrame, follows: pd.DataFrame | None = None) -> float:
    """The share of suggestions that became a follow later (in ``new_follows``). A suggestion
    of a follow already in ``follows`` never counts as a hit (held-out follows only).

    >>> s = pd.DataFrame({"account_id": [1, 1, 2], "suggested_id": [4, 5, 4]})
    >>> later = pd.DataFrame({"follower_id": [1, 2], "followed_id": [4, 9]})
    >>> round(precision_at_k(s, later), 3)
    0.333
    """
    if suggested.empty:
        return float("nan")
    later = _pairs(new_follows, "follower_id", "followed_id")
    if follows is not None:
        later = later[~later.isin(_pairs(follows, "follower_id", "followed_id"))]
    return float(_pairs(suggested, "account_id", "suggested_id").isin(later).mean())


def _pairs(frame: pd.DataFrame, a: str, b: str) -> pd.MultiIndex:
    """The rows of ``frame`` as (a, b) pairs of account ids."""
    return pd.MultiIndex.from_arrays([frame[a].astype("int64"), frame[b].astype("int64")])


def example_account(accounts: pd.DataFrame, new_follows: pd.DataFrame) -> int:
    """The business whose later follows include the most friend-of-friend ones (ties: the
    smallest id): the worked account of 04.4."""
    biz = accounts.loc[accounts["kind"].eq("business"), "account_id"]
    later = new_follows[new_follows["follower_id"].isin(biz) & new_follows["route"].astype(str).eq("friend_of_friend")]
    counts = later["follower_id"].value_counts().rename_axis("id").reset_index(name="n")
    return int(counts.sort_values(["n", "id"], ascending=[False, True])["id"].iloc[0])


def example_post(posts: pd.DataFrame, accounts: pd.DataFrame) -> int:
    """A post the hub retweeted, by the business with the fewest followers among those the hub
    retweeted (ties: the earliest post): the worked post of 04.2."""
    hub = accounts.loc[accounts["kind"].eq("hub"), "account_id"].iloc[0]
    rt = posts[posts["account_id"].eq(hub) & posts["kind"].eq("retweet")]
    shared = posts[posts["post_id"].isin(pd.to_numeric(rt["shared_post_id"]))]
    shared = shared[shared["account_id"].isin(accounts.loc[accounts["kind"].eq("business"), "account_id"])]
    size = shared["account_id"].map(accounts.set_index("account_id")["followers_count"])
    # a post somebody besides the hub shared too, so "the sharers" is more than the hub
    others = pd.to_numeric(posts["shared_post_id"], errors="coerce")
    n_sharers = shared["post_id"].map(
        posts[others.notna()].groupby(others.dropna().astype(int))["account_id"].nunique()
    )
    pick = shared.assign(size=size, n=n_sharers).sort_values(["n", "size", "post_id"], ascending=[False, True, True])
    return int(pick["post_id"].iloc[0])


# --------------------------------------------------------------------------- 5. first impressions


def last_five(posts: pd.DataFrame) -> pd.DataFrame:
    """Each account's last five posts (by time; what a visitor scrolling its profile sees)."""
    return posts.sort_values(["created_at", "post_id"]).groupby("handle", observed=True).tail(5)


def profile_features(profiles: pd.DataFrame, accounts: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """What a newcomer sees, per business (indexed by handle), each 0-1: bio, avatar, local
    (a stated location), person_named, conversation (the share of its last five posts that
    converse, as in workshop 01), links_only (all five carry a link)."""
    last = last_five(posts)
    talk = (classify_posts(last) == "conversation").groupby(last["handle"], observed=True)
    links = last["has_link"].astype(bool).groupby(last["handle"], observed=True).all()
    style = accounts.set_index("handle")["name_style"].astype(str)
    p = profiles.set_index("handle")
    out = pd.DataFrame(
        {
            "bio": p["bio"].notna(),
            "avatar": p["has_avatar"].astype(bool),
            "local": p["location"].notna(),
            "person_named": style.reindex(p.index).eq("person"),
            "conversation": talk.mean().reindex(p.index).fillna(0.0),
            "links_only": links.reindex(p.index).fillna(False).astype(bool),
        }
    )
    return out.astype(float)


RUBRIC = {"bio": 1.0, "avatar": 1.0, "local": 1.0, "person_named": 1.0, "conversation": 2.0, "links_only": -1.0}


def rubric_score(features: pd.DataFrame, weights: dict | None = None) -> pd.Series:
    """A transparent first-impression score: the weighted sum of the features, rescaled so the
    worst possible profile scores 0 and the best 1 (a negative weight counts against).

    >>> f = pd.DataFrame({"bio": [1.0, 0.0], "links_only": [0.0, 1.0]}, index=["@A", "@B"])
    >>> rubric_score(f, {"bio": 1.0, "links_only": -1.0}).tolist()
    [1.0, 0.0]
    """
    w = {k: float(v) for k, v in (RUBRIC if weights is None else weights).items() if k in features}
    raw = sum(features[k] * v for k, v in w.items())
    low = sum(min(v, 0.0) for v in w.values())
    high = sum(max(v, 0.0) for v in w.values())
    if high == low:
        return pd.Series(0.0, index=features.index, name="score")
    return ((raw - low) / (high - low)).rename("score")


def follow_rate_by_score(
    visits: pd.DataFrame, scores: pd.Series, accounts: pd.DataFrame, bands=(0, 0.25, 0.5, 0.75, 1.0)
) -> pd.DataFrame:
    """Newcomers' visits and the share that followed, by band of the visited profile's score."""
    handle = visits["account_id"].map(accounts.set_index("account_id")["handle"])
    score = handle.map(scores)
    band = pd.cut(score, list(bands), include_lowest=True)
    g = visits["followed"].astype(bool).groupby(band, observed=False)
    return pd.DataFrame({"visits": g.size(), "followed": g.mean()}).rename_axis("score band")


def rank_agreement(visits: pd.DataFrame, scores: pd.Series, accounts: pd.DataFrame) -> float:
    """The chance that a visit that ended in a follow went to a higher-scored profile than one
    that did not (ties count half): 0.5 is no better than a coin, 1 is perfect (the AUC).

    >>> acc = pd.DataFrame({"account_id": [1, 2], "handle": ["@A", "@B"]})
    >>> v = pd.DataFrame({"account_id": [1, 2, 2], "followed": [True, False, False]})
    >>> rank_agreement(v, pd.Series({"@A": 0.9, "@B": 0.1}), acc)
    1.0
    """
    s = visits["account_id"].map(accounts.set_index("account_id")["handle"]).map(scores).to_numpy(float)
    y = visits["followed"].astype(bool).to_numpy()
    pos, neg = s[y], s[~y]
    if not len(pos) or not len(neg):
        return float("nan")
    ranks = pd.Series(np.concatenate([pos, neg])).rank().to_numpy()
    return float((ranks[: len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))
