"""The research the workshops cite, each reference once, as the seminar content brief gives it.

Notebooks cite in their prose ("Hutto, Yardi and Gilbert (CHI 2013)"); a handout lists the full
references of the sources a notebook's text cites (:func:`cited_in`), so nothing is listed that
the workshop does not discuss, and a source's wording lives here only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Source", "SOURCES", "cited_in"]


@dataclass(frozen=True)
class Source:
    """A reference, and the pattern that finds a citation of it in a notebook's text."""

    key: str
    cue: str  # a regular expression: the surname and year (or venue) as notebooks write them
    reference: str


SOURCES: tuple[Source, ...] = (
    Source(
        "kwak2010",
        r"Kwak\b.{0,120}2010",
        "Kwak, H., Lee, C., Park, H. & Moon, S. What is Twitter, a social network or a news media? WWW 2010.",
    ),
    Source(
        "huberman2009",
        r"Huberman\b.{0,120}(2008|2009)",
        "Huberman, B. A., Romero, D. M. & Wu, F. Social networks that matter: Twitter under the "
        "microscope. First Monday, 2009.",
    ),
    Source(
        "cha2010",
        r"\bCha\b.{0,120}2010",
        "Cha, M., Haddadi, H., Benevenuto, F. & Gummadi, K. P. Measuring user influence in Twitter: "
        "the million follower fallacy. ICWSM 2010.",
    ),
    Source(
        "hutto2013",
        r"Hutto\b.{0,120}2013",
        "Hutto, C. J., Yardi, S. & Gilbert, E. A longitudinal study of follow predictors on Twitter. CHI 2013.",
    ),
    Source(
        "naaman2010",
        r"Naaman\b.{0,120}2010",
        "Naaman, M., Boase, J. & Lai, C.-H. Is it really about me? Message content in social awareness "
        "streams. CSCW 2010.",
    ),
    Source(
        "nielsen2009",
        r"NielsenWire|Martin.{0,40}Nielsen",
        "Martin, D. Twitter quitters post roadblock to long-term growth. NielsenWire, 28 April 2009.",
    ),
    Source(
        "dunbar1993",
        r"Dunbar\b.{0,120}1993",
        "Dunbar, R. I. M. Coevolution of neocortical size, group size and language in humans. "
        "Behavioral and Brain Sciences, 1993.",
    ),
    Source(
        "zhou2005",
        r"Zhou\b.{0,120}2005",
        "Zhou, W.-X., Sornette, D., Hill, R. A. & Dunbar, R. I. M. Discrete hierarchical organization "
        "of social group sizes. Proceedings of the Royal Society B, 2005.",
    ),
    Source(
        "dunbar1995",
        r"Dunbar\b.{0,120}1995",
        "Dunbar, R. I. M., Duncan, N. D. C. & Nettle, D. Size and structure of freely forming "
        "conversational groups. Human Nature, 1995.",
    ),
    Source(
        "goncalves2011",
        r"Gon[cç]alves\b.{0,120}2011",
        "Gonçalves, B., Perra, N. & Vespignani, A. Modeling users' activity on Twitter networks: "
        "validation of Dunbar's number. PLoS ONE, 2011.",
    ),
    Source(
        "hall2019",
        r"\bHall\b.{0,120}(2018|2019)",
        "Hall, J. A. How many hours does it take to make a friend? Journal of Social and Personal Relationships, 2019.",
    ),
    Source(
        "moreland1992",
        r"Moreland\b.{0,120}1992",
        "Moreland, R. L. & Beach, S. R. Exposure effects in the classroom: the development of affinity "
        "among students. Journal of Experimental Social Psychology, 1992.",
    ),
    Source(
        "granovetter1973",
        r"Granovetter\b.{0,120}1973",
        "Granovetter, M. S. The strength of weak ties. American Journal of Sociology, 1973.",
    ),
    Source(
        "rajkumar2022",
        r"Rajkumar\b.{0,120}2022",
        "Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. A causal test of "
        "the strength of weak ties. Science, 2022.",
    ),
    Source(
        "varol2017",
        r"Varol\b.{0,120}2017",
        "Varol, O., Ferrara, E., Davis, C. A., Menczer, F. & Flammini, A. Online human-bot "
        "interactions: detection, estimation, and characterization. ICWSM 2017.",
    ),
    Source(
        "huang2017",
        r"Huang\b.{0,120}2017",
        "Huang, K., Yeomans, M., Brooks, A. W., Minson, J. & Gino, F. It doesn't hurt to ask: "
        "question-asking increases liking. Journal of Personality and Social Psychology, 2017.",
    ),
    Source(
        "anderson2012",
        r"Anderson (and colleagues|et al\.?|, Brion)\b.{0,120}2012",
        "Anderson, C., Brion, S., Moore, D. A. & Kennedy, J. A. A status-enhancement account of "
        "overconfidence. Journal of Personality and Social Psychology, 2012.",
    ),
    Source(
        "kennedy2013",
        r"Kennedy, Anderson\b.{0,160}2013",
        "Kennedy, J. A., Anderson, C. & Moore, D. A. When overconfidence is revealed to others: "
        "testing the status-enhancement theory of overconfidence. Organizational Behavior and Human "
        "Decision Processes, 2013.",
    ),
    Source("rivaliq2023", r"Rival ?IQ.{0,60}2023", "Rival IQ. 2023 Social Media Industry Benchmark Report."),
    Source(
        "adamic2003",
        r"Adamic\b.{0,120}2003",
        "Adamic, L. A. & Adar, E. Friends and neighbors on the Web. Social Networks, 2003.",
    ),
    Source(
        "libennowell2007",
        r"Liben-Nowell\b.{0,120}2007",
        "Liben-Nowell, D. & Kleinberg, J. The link-prediction problem for social networks. Journal "
        "of the American Society for Information Science and Technology, 2007.",
    ),
    Source(
        "davis1941",
        r"Davis,? (Burleigh )?Gardner|Deep South|Natchez|Southern Women",
        "Davis, A., Gardner, B. B. & Gardner, M. R. Deep South: a social anthropological study of "
        "caste and class. University of Chicago Press, 1941 (the Southern Women data, in networkx).",
    ),
)


def cited_in(text: str) -> list[Source]:
    """The sources ``text`` cites, in the order of :data:`SOURCES`.

    >>> [s.key for s in cited_in("Hutto, Yardi and Gilbert (CHI 2013) followed 507 users")]
    ['hutto2013']
    >>> cited_in("no citation here")
    []
    """
    flat = " ".join(unicodedata.normalize("NFC", text).split())
    return [s for s in SOURCES if re.search(s.cue, flat, flags=re.S)]
