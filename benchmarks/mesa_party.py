"""The cocktail party written per agent in Mesa 3: the yardstick for the kit's NumPy model.

The same rules as ``frozen_party.simulate`` (one evening, the default personas, an even mix),
written the way an agent-based modeller would write them in Mesa: each guest is a
``mesa.Agent`` that decides for itself, a conversation is a small Python object holding its
members, and the ``mesa.Model`` activates the guests minute by minute through its
``AgentSet``. Nothing is vectorised; this is the honest per-agent baseline the issue asks the
kit to beat. ``bench_mesa.py`` checks that its outcomes agree with the frozen model's (not bit
for bit: the random streams differ) and times both. It takes the rules' constants and the
persona table from ``frozen_party`` (so ``benchmarks/`` must be on ``sys.path``, as it is when
``bench_mesa.py`` runs).

Within a minute the rules are synchronous (every free guest decides on the state left after
leaving, and the floor is shared once the groups are formed), so the model activates the
guests in stages, as Mesa's staged activation does: ``leave``, ``decide``, ``approach``,
``settle`` (tenure and the exposure risk of joining), ``talk``. Conversations that lose all
but one member end, and groups above ``MAX_GROUP`` split, between the stages.
"""

from __future__ import annotations

import math

import mesa
import pandas as pd
from frozen_party import (
    CLAIM_BOOST,
    DEFAULT_PERSONAS,
    EXPOSURE_RATE,
    KNOW_MINUTES,
    LIKE_MINUTES,
    MAX_GROUP,
    TRUST_MINUTES,
    WARM_UP,
)


class Chat:
    """One conversation: its members, in the order they came."""

    __slots__ = ("members",)

    def __init__(self, *members: Guest):
        self.members = list(members)


class Guest(mesa.Agent):
    """A guest: the persona's numbers, the conversation they are in, and what they remember."""

    def __init__(self, model: Party, persona: str, row: dict):
        super().__init__(model)
        self.persona = persona
        self.join_rate = row["join_rate"]
        self.talk_share = row["talk_share"]
        self.leave_p = 1.0 / row["stay_minutes"]
        self.claim = row["claim"]
        self.expose_p = EXPOSURE_RATE * row["claim"] * (1.0 - row["honesty"])
        self.chat: Chat | None = None
        self.was_free = True  # free when this minute's approaches began
        self.approaching = False
        self.tenure = 0  # minutes in the current conversation
        self.exposed = False
        self.aware: set[Guest] = set()  # guests this one knows were exposed
        self.attention: dict[Guest, float] = {}  # attention minutes with each guest met
        self.liking: dict[Guest, float] = {}  # liking-minutes: the minutes each one listened

    def leave(self):
        """Leave the conversation with probability 1 / stay_minutes."""
        if self.chat is not None and self.random.random() < self.leave_p:
            self.chat.members.remove(self)
            self.chat = None

    def decide(self):
        """A free guest approaches someone with probability join_rate."""
        self.was_free = self.chat is None
        self.approaching = self.was_free and self.random.random() < self.join_rate

    def approach(self, guests: list[Guest], cum_weights: list[float]):
        """Join the conversation of the person approached, or start one with them."""
        if not self.approaching:
            return
        target = self.random.choices(guests, cum_weights=cum_weights)[0]
        if target.chat is None:  # a free guest: the two of them start talking
            target.chat = Chat(target)
            self.model.chats.append(target.chat)
        target.chat.members.append(self)
        self.chat = target.chat

    def settle(self):
        """Count the minutes in this conversation; joining one risks exposure."""
        if self.chat is None:
            self.tenure = 0
        elif self.was_free:
            self.tenure = 1
            if not self.exposed and self.expose_p > 0 and self.random.random() < self.expose_p:
                self.exposed = True
        else:
            self.tenure += 1

    def talk(self):
        """Share the floor and give each other member 1/(size-1) of a minute's attention."""
        if self.chat is None:
            return
        members = self.chat.members
        total = sum(m.talk_share for m in members)
        share = 1.0 / (len(members) - 1)
        for other in members:
            if other is self:
                continue
            idle = 1.0 - (other.talk_share / total if total > 0 else 1.0 / len(members))
            w = share * min(min(self.tenure, other.tenure) / WARM_UP, 1.0)
            self.attention[other] = self.attention.get(other, 0.0) + w
            self.liking[other] = self.liking.get(other, 0.0) + idle * w
            if other.exposed:
                self.aware.add(other)

    def knows(self, other: Guest) -> bool:
        return self.attention.get(other, 0.0) >= KNOW_MINUTES

    def liking_minutes(self, other: Guest) -> float:
        """What this guest feels for another they met: listening plus the claim boost."""
        return 0.0 if other in self.aware else self.liking[other] + other.claim * CLAIM_BOOST


class Party(mesa.Model):
    """One evening: ``guests`` guests, an even mix of the default personas."""

    def __init__(self, guests: int = 40, seed: int = 0):
        super().__init__(rng=seed)
        rows = DEFAULT_PERSONAS.to_dict("index")
        names = list(rows)
        personas = [names[i % len(names)] for i in range(guests)]  # an even mix, then shuffled
        self.random.shuffle(personas)
        for persona in personas:
            Guest(self, persona, rows[persona])
        self.guests = list(self.agents)
        self.chats: list[Chat] = []

    def step(self):
        """One minute of the party."""
        self.agents.shuffle_do("leave")
        for chat in self.chats:  # a conversation left with one person ends
            if len(chat.members) == 1:
                chat.members.pop().chat = None
        self.chats = [c for c in self.chats if c.members]
        self.agents.shuffle_do("decide")
        # people talking are easy to approach, free guests as often as they approach others
        weights = [0.0 if g.approaching else (1.0 if g.chat else g.join_rate) for g in self.guests]
        cum = [0.0] * len(weights)
        total = 0.0
        for i, w in enumerate(weights):
            total += w
            cum[i] = total
        if total > 0:
            self.agents.shuffle_do("approach", self.guests, cum)
        self.split()
        self.agents.do("settle")
        self.agents.do("talk")

    def split(self):
        """Groups above MAX_GROUP break into ceil(size / MAX_GROUP) conversations."""
        for chat in [c for c in self.chats if len(c.members) > MAX_GROUP]:
            members = chat.members
            self.random.shuffle(members)
            parts = math.ceil(len(members) / MAX_GROUP)
            chat.members = members[0::parts]
            for k in range(1, parts):
                part = Chat(*members[k::parts])
                self.chats.append(part)
                for m in part.members:
                    m.chat = part

    def gossip(self):
        """After the evening, news of an exposure spreads one step: to those who know someone who knew."""
        heard = {g: set().union(*(o.aware for o in g.attention if g.knows(o))) for g in self.guests}
        for g, news in heard.items():
            g.aware |= news
            g.aware.discard(g)

    def outcomes(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """Per guest: people_met, remembered_by, liked_by, trusted_by, exposed; per pair who talked: knows."""
        if any(g.exposed for g in self.guests):
            self.gossip()
        rows, ties = [], []
        for g in self.guests:
            met = g.attention
            knew = [o for o in met if o.knows(g)]
            feel = [o.liking_minutes(g) for o in knew]
            rows.append(
                (
                    g.unique_id,
                    g.persona,
                    len(met),
                    len(knew),
                    sum(f >= LIKE_MINUTES for f in feel),
                    sum(f >= TRUST_MINUTES for f in feel),
                    g.exposed,
                )
            )
            ties.extend(
                (g.unique_id, o.unique_id, a, a >= KNOW_MINUTES) for o, a in met.items() if g.unique_id < o.unique_id
            )
        guests = pd.DataFrame(
            rows, columns=["guest", "persona", "people_met", "remembered_by", "liked_by", "trusted_by", "exposed"]
        )
        return guests, pd.DataFrame(ties, columns=["guest_a", "guest_b", "attention_minutes", "knows"])


def simulate(guests: int = 40, minutes: int = 120, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run one evening and return (guests, ties), as ``frozen_party.simulate(...).guests/.ties`` (fewer columns)."""
    party = Party(guests, seed)
    for _ in range(minutes):
        party.step()
    return party.outcomes()
