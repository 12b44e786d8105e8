"""The rules of the party: every number the model uses, with where it comes from.

Each rule changes something a chart or an exercise of workshop 03 shows (a test perturbs each
one and watches the room's outcomes move); a rule that changed nothing would be removed.

Sources (summarised, not quoted)
--------------------------------
* Dunbar, R. I. M., Duncan, N. D. C. & Nettle, D. (1995). Size and structure of freely forming
  conversational groups. *Human Nature* 6(1). Observed conversations rarely keep more than four
  speakers; bigger groups break into separate conversations. Hence :data:`MAX_GROUP` and the split.
* Hall, J. A. (2019). How many hours does it take to make a friend? *Journal of Social and
  Personal Relationships* 36(4). Roughly 50 hours together to turn an acquaintance into a casual
  friend, roughly 90 hours to a friend, and over 200 hours to a close friend. The party is scaled
  down by a large, arbitrary factor: :data:`TRUST_MINUTES` liking-minutes stand in for the ~50
  hours, so trust takes several long talks, usually over several evenings. The scale is a
  teaching choice, not a measurement.
* Huang, K., Yeomans, M., Brooks, A. W., Minson, J. & Gino, F. (2017). It doesn't hurt to ask:
  Question-asking increases liking. *Journal of Personality and Social Psychology* 113(3). In
  chats between strangers, people told to ask many questions were liked more by their partners
  than people told to ask few. Turning "asks questions" into "liking grows with the minutes the
  other person listened" is our mapping. Asking is talking, too: a guest who never says a word
  asks nothing and answers nothing, so their listening counts in full only once they talk for
  :data:`REPLY_SHARE` of the time (our choice of number), less below it, and not at all in silence.
* Anderson, C., Brion, S., Moore, D. A. & Kennedy, J. A. (2012). A status-enhancement account of
  overconfidence. *Journal of Personality and Social Psychology* 103(4). Overconfident people
  attained higher status in groups, because others saw them as more competent. Turning that into
  *attention* (a claim makes a short chat memorable: :data:`CLAIM_MEMORY`) is our mapping; the
  model gives a claim no liking and no trust.
* Kennedy, J. A., Anderson, C. & Moore, D. A. (2013). When overconfidence is revealed to others.
  *Organizational Behavior and Human Decision Processes* 122(2). In three studies, group members
  did not penalise people revealed as overconfident and still viewed them positively. The model's
  rule, that exposure ends liking and trust, follows the seminar's claim, not this finding.
* Moreland, R. L. & Beach, S. R. (1992). Exposure effects in the classroom. *Journal of
  Experimental Social Psychology* 28(3). Women who attended a lecture course more often, without
  talking to anyone, were later rated as more attractive and more similar. The model leaves this
  out: only conversation counts, and coming back matters because it gives more chances to talk.
* Know, like, trust: a marketing rule of thumb, not a research finding; the model only uses it as
  the order of the stages.
"""

from __future__ import annotations

import dataclasses
import functools

import numpy as np


@dataclasses.dataclass(frozen=True)
class Rules:
    """The model's rules as one value, so a test or an adapter can change one and rerun.

    >>> Rules().know_minutes, Rules(know_minutes=4).know_minutes
    (2.0, 4)
    """

    max_group: int = 4  #: Dunbar, Duncan & Nettle (1995): about four people per conversation.
    warm_up: float = 3.0  #: the n-th minute of a chat counts n / warm_up: small talk comes first.
    know_minutes: float = 2.0  #: attention minutes in one evening below which the evening is forgotten.
    like_minutes: float = 1.5  #: liking-minutes (minutes A listened while B talked) before B likes A.
    trust_minutes: float = 7.5  #: liking-minutes for trust (Hall 2019's ~50 h, scaled down).
    exposure_rate: float = 0.04  #: per conversation joined, P(found out) = rate * claim * (1 - honesty).
    claim_memory: float = (
        2.0  #: a chat with a guest of claim 1 counts (1 + claim_memory) times towards being remembered.
    )
    return_prob: float = 0.6  #: from the second evening, share of approaches aimed at the person liked most.
    reply_share: float = 0.3  #: talk_share from which a guest's listening counts in full (asking, answering).

    def as_array(self) -> np.ndarray:
        """The values in the order the compiled model reads them (a fresh array)."""
        return _as_array(self).copy()

    def __post_init__(self):
        for f in dataclasses.fields(self):
            v = getattr(self, f.name)
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not np.isfinite(v) or v < 0:
                raise ValueError(f"rule {f.name} must be a number >= 0, got {v!r}")
        if self.max_group < 2 or self.warm_up < 1:
            raise ValueError("max_group must be at least 2 and warm_up at least 1")
        for name in ("exposure_rate", "return_prob", "reply_share"):  # shares and chances
            if getattr(self, name) > 1:
                raise ValueError(f"rule {name} is a share or a chance: at most 1, got {getattr(self, name)!r}")
        if self.trust_minutes < self.like_minutes:
            raise ValueError(
                f"trust_minutes ({self.trust_minutes!r}) must be at least like_minutes ({self.like_minutes!r}): "
                "trust comes after liking"
            )
        if self.max_group != int(self.max_group):  # it counts people: 2.9 would run as 2 without a word
            raise ValueError(f"rule max_group counts people: a whole number, got {self.max_group!r}")


@functools.lru_cache(maxsize=64)
def _as_array(rules: Rules) -> np.ndarray:
    return np.array([float(getattr(rules, f.name)) for f in dataclasses.fields(rules)])


RULES = Rules()  #: the rules the kit runs with
MAX_GROUP = RULES.max_group
WARM_UP = RULES.warm_up
KNOW_MINUTES = RULES.know_minutes
LIKE_MINUTES = RULES.like_minutes
TRUST_MINUTES = RULES.trust_minutes
EXPOSURE_RATE = RULES.exposure_rate
CLAIM_MEMORY = RULES.claim_memory
RETURN_PROB = RULES.return_prob
REPLY_SHARE = RULES.reply_share

MAX_GUESTS = 2000  #: memory guard: the model keeps a few guests x guests matrices (~80 MB at 2,000)
SEASON_EVENINGS = 6  #: weekly evenings in the "season" (and in every tournament)
SEEDS = 20  #: parties behind every average the workshop shows (and every tournament)
