"""The research the workshops cite, each reference once, as the seminar content brief gives it.

Notebooks cite in their prose ("Hutto, Yardi and Gilbert (CHI 2013)"); a handout lists the full
references of the sources a notebook's text cites (:func:`cited_in`), so nothing is listed that
the workshop does not discuss, and a source's wording lives here only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Source", "SOURCES", "cited_in"]


@dataclass(frozen=True)
class Source:
    """A reference, and the pattern that finds a citation of it in a notebook's text."""

    key: str
    cue: str  # a regular expression: the surname and year (or venue) as notebooks write them
    reference: str


SOURCES: tuple[Source, ...] = (
    Source("kwak2010", r"Kwak\b.{0,80}2010",
           "Kwak, H., Lee, C., Park, H. & Moon, S. What is Twitter, a social network or a news media? WWW 2010."),
    Source("huberman2009", r"Huberman\b.{0,80}2009",
           "Huberman, B. A., Romero, D. M. & Wu, F. Social networks that matter: Twitter under the "
           "microscope. First Monday, 2009."),
    Source("cha2010", r"\bCha\b.{0,80}2010",
           "Cha, M., Haddadi, H., Benevenuto, F. & Gummadi, K. P. Measuring user influence in Twitter: "
           "the million follower fallacy. ICWSM 2010."),
    Source("hutto2013", r"Hutto\b.{0,80}2013",
           "Hutto, C. J., Yardi, S. & Gilbert, E. A longitudinal study of follow predictors on Twitter. "
           "CHI 2013."),
    Source("naaman2010", r"Naaman\b.{0,80}2010",
           "Naaman, M., Boase, J. & Lai, C.-H. Is it really about me? CSCW 2010."),
    Source("nielsen2009", r"Nielsen.{0,80}2009|NielsenWire",
           "Martin, D. NielsenWire, 28 April 2009 (Twitter users' return from one month to the next)."),
    Source("dunbar1995", r"Dunbar\b.{0,80}1995",
           "Dunbar, R. I. M., Duncan, N. D. C. & Nettle, D. Size and structure of freely forming "
           "conversational groups. Human Nature, 1995."),
    Source("goncalves2011", r"Gon[cç]alves\b.{0,80}2011",
           "Gonçalves, B., Perra, N. & Vespignani, A. Modeling users' activity on Twitter networks: "
           "validation of Dunbar's number. PLoS ONE, 2011."),
    Source("hall2019", r"\bHall\b.{0,80}2019",
           "Hall, J. A. How many hours does it take to make a friend? Journal of Social and Personal "
           "Relationships, 2019."),
    Source("moreland1992", r"Moreland\b.{0,80}1992",
           "Moreland, R. L. & Beach, S. R. Exposure effects in the classroom: the development of affinity "
           "among students. Journal of Experimental Social Psychology, 1992."),
    Source("granovetter1973", r"Granovetter\b.{0,80}1973",
           "Granovetter, M. S. The strength of weak ties. American Journal of Sociology, 1973."),
    Source("rajkumar2022", r"Rajkumar\b.{0,80}2022",
           "Rajkumar, K., Saint-Jacques, G., Bojinov, I., Brynjolfsson, E. & Aral, S. A causal test of "
           "the strength of weak ties. Science, 2022."),
    Source("varol2017", r"Varol\b.{0,80}2017",
           "Varol, O., Ferrara, E., Davis, C. A., Menczer, F. & Flammini, A. Online human-bot "
           "interactions: detection, estimation, and characterization. ICWSM 2017."),
    Source("rivaliq2023", r"Rival ?IQ",
           "Rival IQ. Social Media Industry Benchmark Report, 2023."),
    Source("davis1941", r"Davis\b.{0,80}(1941|Southern Women|Natchez)|Natchez|Southern Women",
           "Davis, A., Gardner, B. B. & Gardner, M. R. Deep South: a social anthropological study of "
           "caste and class. University of Chicago Press, 1941 (the Southern Women data, in networkx)."),
)


def cited_in(text: str) -> list[Source]:
    """The sources ``text`` cites, in the order of :data:`SOURCES`.

    >>> [s.key for s in cited_in("Hutto, Yardi and Gilbert (CHI 2013) followed 507 users")]
    ['hutto2013']
    >>> cited_in("no citation here")
    []
    """
    flat = " ".join(text.split())
    return [s for s in SOURCES if re.search(s.cue, flat, flags=re.S)]
