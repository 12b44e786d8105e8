"""Workshop 05 (broadcast or community?): answers learners type for 05.1-05.5, and what the
check must say.

The names are the notebook's (``accounts`` with its ``growth`` column, ``months``, ``last``,
``newcomers``), rebuilt from :class:`Tables`; 05.1 passes the learner's own plan as inputs.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import Tables, odd, right, shortcut, slip

PLAN = {"minutes_per_week": 100, "minutes_per_conversation": 7, "tend_every_weeks": 3}
OTHER = {"minutes_per_week": 240, "minutes_per_conversation": 10, "tend_every_weeks": 4}


def _ties(p=PLAN):
    return p["minutes_per_week"] * p["tend_every_weeks"] // p["minutes_per_conversation"]


def acc(t: Tables) -> pd.DataFrame:
    a = t.growth_accounts.copy()
    a["growth"] = a["followers_end"] / a["followers_start"] - 1
    return a


def raw(t: Tables) -> float:
    a = acc(t)
    return a["posts_per_week"].corr(a["growth"])


def within(t: Tables) -> dict:
    return {team: g["posts_per_week"].corr(g["growth"]) for team, g in acc(t).groupby("team")}


def months(t: Tables) -> pd.DataFrame:
    return t.newcomer_months


def month_one(t: Tables) -> float:
    m = months(t)
    return (m.loc[m["month"] == 1, "posts"] > 0).mean()


def last(t: Tables) -> pd.Series:
    m = months(t)
    return m[m["posts"] > 0].groupby("account_id")["month"].max()


def curve(t: Tables) -> pd.Series:
    lst = last(t)
    return pd.Series({m: (lst >= m).mean() for m in range(6)})


def _plan(**kw):
    return dict(PLAN, **kw)


ATTEMPTS = [
    # ================================================================== 05.1 the time budget
    right("05.1", "// as in the hint", lambda t: _ties(), inputs=PLAN),
    right("05.1", "math.floor", lambda t: math.floor(100 * 3 / 7), inputs=PLAN),
    right("05.1", "int() of the division", lambda t: int(100 * 3 / 7), inputs=PLAN),
    right("05.1", "as a float 42.0", lambda t: float(_ties()), inputs=PLAN),
    right("05.1", "the learner's own plan", lambda t: _ties(OTHER), inputs=OTHER),
    right("05.1", "minutes per relationship per week first", lambda t: math.floor(100 / (7 / 3)), inputs=PLAN),
    shortcut("05.1", "forgot the interval", lambda t: 100 // 7, "tend", inputs=PLAN, rung="mistake"),
    shortcut("05.1", "divided by the interval", lambda t: 100 // (7 * 3), "multiply", inputs=PLAN, rung="mistake"),
    shortcut("05.1", "forgot the interval, own plan", lambda t: 240 // 10, "tend", inputs=OTHER, rung="mistake"),
    slip("05.1", "exact division, not whole", lambda t: 100 * 3 / 7, "round down", inputs=PLAN, rung="mistake"),
    slip("05.1", "rounded to nearest", lambda t: round(100 * 3 / 7), "round down", inputs=PLAN, rung="mistake"),
    slip("05.1", "math.ceil", lambda t: math.ceil(100 * 3 / 7), "round down", inputs=PLAN),
    slip("05.1", "hours x 60", lambda t: 100 * 60 * 3 // 7, "minutes", inputs=PLAN, rung="mistake"),
    slip("05.1", "the minutes, not the relationships", lambda t: 100 * 3, "divide", inputs=PLAN, rung="mistake"),
    slip("05.1", "one too many", lambda t: _ties() + 1, "round down", inputs=PLAN),
    slip(
        "05.1",
        "the first plan's answer typed for another plan",
        lambda t: _ties(),
        "variables",
        inputs=OTHER,
        rung="mistake",
    ),
    slip("05.1", "as text", lambda t: str(_ties()), "text", inputs=PLAN, rung="type"),
    slip("05.1", "in a list", lambda t: [_ties()], "list", inputs=PLAN),
    odd("05.1", "None (print)", lambda t: None, "none", inputs=PLAN, rung="none"),
    odd("05.1", "NaN", lambda t: math.nan, "nan", inputs=PLAN, rung="nan"),
    odd("05.1", "negative", lambda t: -_ties(), "minus", inputs=PLAN),
    odd("05.1", "a dict", lambda t: {"ties": _ties()}, "dictionary", inputs=PLAN, rung="container"),
    # ================================================================== 05.2 the raw correlation
    right("05.2", "Series.corr", raw),
    right("05.2", "corr the other way round", lambda t: acc(t)["growth"].corr(acc(t)["posts_per_week"])),
    right("05.2", "np.corrcoef", lambda t: np.corrcoef(acc(t)["posts_per_week"], acc(t)["growth"])[0, 1]),
    right("05.2", "from the correlation table", lambda t: acc(t)[["posts_per_week", "growth"]].corr().iloc[0, 1]),
    right("05.2", "rounded to 2 places", lambda t: round(raw(t), 2)),
    right(
        "05.2",
        "growth as end/start, minus 1 inline",
        lambda t: t.growth_accounts["posts_per_week"].corr(
            t.growth_accounts["followers_end"] / t.growth_accounts["followers_start"] - 1
        ),
    ),
    shortcut(
        "05.2",
        "with followers_end",
        lambda t: acc(t)["posts_per_week"].corr(acc(t)["followers_end"]),
        "size",
        rung="mistake",
    ),
    shortcut(
        "05.2",
        "with followers_start",
        lambda t: acc(t)["posts_per_week"].corr(acc(t)["followers_start"]),
        "size",
        rung="mistake",
    ),
    shortcut(
        "05.2",
        "with the difference end - start",
        lambda t: acc(t)["posts_per_week"].corr(acc(t)["followers_end"] - acc(t)["followers_start"]),
        "share of the start",
        rung="mistake",
    ),
    shortcut(
        "05.2",
        "reply_share instead of volume",
        lambda t: acc(t)["reply_share"].corr(acc(t)["growth"]),
        "posts_per_week",
        rung="mistake",
    ),
    slip("05.2", "r squared", lambda t: raw(t) ** 2, "squared", rung="mistake"),
    slip("05.2", "x100", lambda t: raw(t) * 100, "100"),
    slip("05.2", "rounded to 1 place", lambda t: round(raw(t), 1), "round"),
    slip("05.2", "the correlation table itself", lambda t: acc(t)[["posts_per_week", "growth"]].corr(), "table"),
    slip("05.2", "as text", lambda t: f"{raw(t):.2f}", "text", rung="type"),
    slip("05.2", "minus the correlation", lambda t: -raw(t), "minus"),
    odd("05.2", "None", lambda t: None, "none", rung="none"),
    odd("05.2", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("05.2", "a list", lambda t: [raw(t)], "list"),
    odd("05.2", "True", lambda t: True, "yes/no"),
    odd("05.2", "above 1", lambda t: 1.5, "between"),
    # ================================================================== 05.3 within teams
    right("05.3", "dict comprehension", within),
    right("05.3", "as a Series", lambda t: pd.Series(within(t))),
    right(
        "05.3",
        "groupby apply",
        lambda t: (
            acc(t).groupby("team")[["posts_per_week", "growth"]].apply(lambda g: g["posts_per_week"].corr(g["growth"]))
        ),
    ),
    right(
        "05.3",
        "a loop filling a dict",
        lambda t: {
            team: acc(t)
            .loc[acc(t)["team"] == team, "posts_per_week"]
            .corr(acc(t).loc[acc(t)["team"] == team, "growth"])
            for team in acc(t)["team"].unique()
        },
    ),
    right("05.3", "rounded to 2 places", lambda t: pd.Series(within(t)).round(2)),
    shortcut(
        "05.3",
        "grouped by sector",
        lambda t: {k: g["posts_per_week"].corr(g["growth"]) for k, g in acc(t).groupby("sector")},
        "team",
        rung="mistake",
    ),
    shortcut(
        "05.3",
        "median growth per team",
        lambda t: acc(t).groupby("team")["growth"].median(),
        "correlation",
        rung="mistake",
    ),
    shortcut(
        "05.3",
        "with followers_end",
        lambda t: {k: g["posts_per_week"].corr(g["followers_end"]) for k, g in acc(t).groupby("team")},
        "growth",
        rung="mistake",
    ),
    shortcut(
        "05.3",
        "reply_share per team",
        lambda t: {k: g["reply_share"].corr(g["growth"]) for k, g in acc(t).groupby("team")},
        "posts_per_week",
        rung="mistake",
    ),
    slip("05.3", "team sizes", lambda t: acc(t)["team"].value_counts(), "number", rung="mistake"),
    slip(
        "05.3",
        "mean volume per team",
        lambda t: acc(t).groupby("team")["posts_per_week"].mean(),
        "busier",
        rung="mistake",
    ),
    slip("05.3", "the raw correlation, one number", raw, "team"),
    slip("05.3", "a list of values", lambda t: list(within(t).values()), "label"),
    slip("05.3", "x100", lambda t: pd.Series(within(t)) * 100, "100"),
    slip(
        "05.3", "team names lower-cased... upper-cased", lambda t: {k.upper(): v for k, v in within(t).items()}, "label"
    ),
    slip("05.3", "reset index", lambda t: pd.Series(within(t)).reset_index(drop=True), "label"),
    odd("05.3", "None", lambda t: None, "none", rung="none"),
    odd("05.3", "empty dict", lambda t: {}, "empty"),
    odd("05.3", "NaN values", lambda t: {k: math.nan for k in within(t)}, "nan"),
    odd("05.3", "text", lambda t: "near 0", "text", rung="type"),
    odd("05.3", "one team only", lambda t: {k: v for k, v in list(within(t).items())[:1]}, "missing"),
    # ================================================================== 05.4 month-one retention
    right("05.4", "mean of posts > 0 in month 1", month_one),
    right(
        "05.4",
        "count over newcomers",
        lambda t: (months(t).loc[months(t)["month"] == 1, "posts"] > 0).sum() / t.newcomers.shape[0],
    ),
    right("05.4", "query", lambda t: (months(t).query("month == 1")["posts"] > 0).mean()),
    right("05.4", "from last", lambda t: (last(t) >= 1).mean()),
    right("05.4", "as a percentage string... no: as float", lambda t: float(month_one(t))),
    right(
        "05.4", "groupby month mean, then [1]", lambda t: (months(t)["posts"] > 0).groupby(months(t)["month"]).mean()[1]
    ),
    shortcut(
        "05.4",
        "month 0",
        lambda t: (months(t).loc[months(t)["month"] == 0, "posts"] > 0).mean(),
        "joined",
        rung="mistake",
    ),
    shortcut("05.4", "all months together", lambda t: (months(t)["posts"] > 0).mean(), "month 1", rung="mistake"),
    shortcut(
        "05.4",
        "month 2",
        lambda t: (months(t).loc[months(t)["month"] == 2, "posts"] > 0).mean(),
        "month 1",
        rung="mistake",
    ),
    shortcut(
        "05.4",
        "stopped in the first week",
        lambda t: ((t.newcomers["last_post"] - t.newcomers["joined"]).dt.days < 7).mean(),
        "first week",
        rung="mistake",
    ),
    slip("05.4", "the quit share", lambda t: 1 - month_one(t), "did not", rung="mistake"),
    slip(
        "05.4",
        "a count",
        lambda t: int((months(t).loc[months(t)["month"] == 1, "posts"] > 0).sum()),
        "count",
        rung="mistake",
    ),
    slip(
        "05.4",
        "mean posts in month 1",
        lambda t: months(t).loc[months(t)["month"] == 1, "posts"].mean(),
        "average",
        rung="mistake",
    ),
    slip("05.4", "x100", lambda t: month_one(t) * 100, "percent", rung="percent"),
    slip("05.4", "rounded to 1 place", lambda t: round(month_one(t), 1), "round"),
    slip("05.4", "the True/False column", lambda t: months(t).loc[months(t)["month"] == 1, "posts"] > 0, "true/false"),
    slip("05.4", "Nielsen's 40% typed in", lambda t: 0.4, "round"),
    odd("05.4", "None", lambda t: None, "none", rung="none"),
    odd("05.4", "NaN", lambda t: math.nan, "nan", rung="nan"),
    odd("05.4", "text", lambda t: "39%", "text", rung="type"),
    odd("05.4", "negative", lambda t: -month_one(t), "minus"),
    # ================================================================== 05.5 the survival curve
    right("05.5", "dict of (last >= m).mean()", curve),
    right(
        "05.5",
        "share posting each month (contiguous months)",
        lambda t: (months(t)["posts"] > 0).groupby(months(t)["month"]).mean(),
    ),
    right(
        "05.5",
        "counts over the number of newcomers",
        lambda t: pd.Series({m: (last(t) >= m).sum() / len(t.newcomers) for m in range(6)}),
    ),
    right("05.5", "as a dict", lambda t: curve(t).to_dict()),
    right(
        "05.5",
        "from last_post days",
        lambda t: pd.Series(
            {m: (((t.newcomers["last_post"] - t.newcomers["joined"]).dt.days // 30) >= m).mean() for m in range(6)}
        ),
    ),
    shortcut(
        "05.5",
        "counts",
        lambda t: pd.Series({m: int((last(t) >= m).sum()) for m in range(6)}),
        "numbers",
        rung="mistake",
    ),
    shortcut(
        "05.5",
        "month-on-month",
        lambda t: (lambda c: (c / c.shift(1)).iloc[1:])(curve(t)),
        "month-to-month",
        rung="mistake",
    ),
    shortcut(
        "05.5",
        "last exactly m",
        lambda t: pd.Series({m: (last(t) == m).mean() for m in range(6)}),
        ">=",
        rung="mistake",
    ),
    shortcut(
        "05.5",
        "posts as a share of month 0's",
        lambda t: (lambda p: p / p.iloc[0])(months(t).groupby("month")["posts"].sum()),
        "posts",
        rung="mistake",
    ),
    slip("05.5", "the quitters", lambda t: 1 - curve(t), "stopped", rung="mistake"),
    slip(
        "05.5",
        "> instead of >=",
        lambda t: pd.Series({m: (last(t) > m).mean() for m in range(6)}),
        ">=",
        rung="mistake",
    ),
    slip("05.5", "x100", lambda t: curve(t) * 100, "100"),
    slip("05.5", "months 1-5 only", lambda t: curve(t).iloc[1:], "missing"),
    right("05.5", "month labels as text", lambda t: curve(t).rename(index=str)),
    slip("05.5", "a list", lambda t: curve(t).tolist(), "list"),
    slip("05.5", "rounded to 1 place", lambda t: curve(t).round(1), "round"),
    slip("05.5", "the last Series itself", last, "one value per month"),
    odd("05.5", "None", lambda t: None, "none", rung="none"),
    odd("05.5", "empty Series", lambda t: pd.Series(dtype=float), "empty"),
    odd("05.5", "one number", lambda t: 0.39, "month"),
    odd("05.5", "NaN values", lambda t: curve(t) * math.nan, "nan"),
]
