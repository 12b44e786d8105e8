"""Words for charts and widgets: one way, in every workshop, to write a share, a count or a name.

Chart labels are text made here, in Python, so a chart and its description never round a number
differently.
"""

from __future__ import annotations

TITLE_LIMIT = 64  #: characters in a title that still fits a projector at 21 px


def plural(word: str) -> str:
    """The plural of a persona's (or any simple noun's) name.

    >>> plural("butterfly"), plural("impostor"), plural("day"), plural("business")
    ('butterflies', 'impostors', 'days', 'businesses')
    """
    word = str(word)
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(n: int, word: str) -> str:
    """A number and its noun, singular for one.

    >>> count(1, "entry"), count(30, "entry"), count(0, "guest")
    ('1 entry', '30 entries', '0 guests')
    """
    return f"{n} {word if n == 1 else plural(word)}"


def pct(v: float) -> str:
    """A share as a whole percentage.

    >>> pct(0.456), pct(1.0), pct(0.004)
    ('46%', '100%', '0%')
    """
    return f"{v:.0%}"


def share(v: float) -> str:
    """A share for a sentence: "none" for nothing, never a "0%" that hides a few.

    >>> share(0.0), share(0.004), share(0.456)
    ('none', 'under 1%', '46%')
    """
    return "none" if v == 0 else "under 1%" if v < 0.005 else pct(v)


def one(v: float) -> str:
    """One decimal, rounded once: a chart's labels and its description show the same text.

    >>> one(2.25), one(0.04), one(3)
    ('2.2', '0.0', '3.0')
    """
    return f"{v:.1f}"


def about(x: float) -> str:
    """A large count rounded to two significant figures, for a title.

    >>> about(70848), about(412), about(7)
    ('71,000', '410', '7')
    """
    digits = max(0, len(str(int(round(x)))) - 2)
    return f"{round(x, -digits):,.0f}"


def ordinal(n: int) -> str:
    """A place in a ranking.

    >>> [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def cap(text: str) -> str:
    """The first letter in capitals, the rest untouched (unlike ``str.capitalize``).

    >>> cap("butterflies meet the most people"), cap("“Ana” wins"), cap("")
    ('Butterflies meet the most people', '“Ana” wins', '')
    """
    return text[:1].upper() + text[1:]


def short(name: str, limit: int = 18) -> str:
    """A name cut to ``limit`` characters (with "…"), for a title.

    >>> short("good listener"), short("the very patient good listener")
    ('good listener', 'the very patient …')
    """
    name = str(name)
    return name if len(name) <= limit else name[: limit - 1] + "…"


def join(names) -> str:
    """Names in a sentence.

    >>> join(["wallflowers"]), join(["a", "b"]), join(["a", "b", "c"])
    ('wallflowers', 'a and b', 'a, b and c')
    """
    names = [str(n) for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fit(*titles: str, limit: int = TITLE_LIMIT) -> str:
    """The first of several wordings, most informative first, that fits in a title (else the last).

    >>> fit("Conversationalists and broadcasters tie on liking; no one is trusted yet",
    ...     "Conversationalists and broadcasters tie on liking")
    'Conversationalists and broadcasters tie on liking'
    """
    return next((t for t in titles if len(t) <= limit), titles[-1])
