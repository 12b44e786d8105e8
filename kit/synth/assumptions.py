"""The assumptions register: every pattern the generators build into the synthetic data, once.

Synthetic data illustrates; it does not prove. Each :class:`Assumption` names one pattern the
generator was *told* to produce, what it does, its size (the default value the generators read)
and its source: the study it illustrates, or "the seminar's claim" where there is none, or "the
kit's realism choice" for what only makes the data messy enough that shortcuts give different
answers. ``datasets/README.md`` renders this register in its own section.

Every size is a scenario parameter: an optional ``[assumptions]`` table in ``scenario.toml`` (or
``scenario.with_assumptions(conversation_lift=0)`` in code) overrides the default, so an
instructor or an exercise can switch a pattern off and watch it vanish.

>>> ASSUMPTIONS["conversation_lift"].default
1.5
>>> ASSUMPTIONS["conversation_lift"].off
0.0
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Assumption", "REGISTER", "ASSUMPTIONS", "defaults", "validate"]

SEMINAR = "the seminar's claim (no published figure found)"
REALISM = "the kit's realism choice (so that shortcuts give different answers)"


@dataclass(frozen=True)
class Assumption:
    """One built-in pattern: its scenario key, size, effect and source."""

    name: str
    default: float | tuple[tuple[str, float], ...]
    what: str  # what the generator does with the size
    pattern: str  # what it produces in the data, as a notebook would show it
    source: str
    tables: tuple[str, ...]
    low: float = 0.0
    high: float = 10.0
    off: float | None = None  # the value that switches the pattern off, if there is one

    @property
    def is_mapping(self) -> bool:
        return isinstance(self.default, tuple)

    def size_text(self, value=None) -> str:
        v = self.default if value is None else value
        if isinstance(v, tuple):
            return ", ".join(f"{k} {x:g}" for k, x in v)
        return f"{v:g}"


REGISTER: tuple[Assumption, ...] = (
    # ---------------------------------------------------------------- posts, accounts, follows
    Assumption(
        "conversation_lift",
        1.5,
        "Expected engagement (likes + retweets + replies) of every post is multiplied by "
        "1 + size x the author's chattiness (0-1).",
        "Conversation goes with engagement per post, also within bands of similar audience size "
        "(workshop 01): about 0.5 on average. Set it to 0 and it falls to about 0 (0.06 "
        "averaged over eight seeds; one town of 120 businesses varies by about 0.2 either way).",
        "the seminar's claim, in the spirit of Hutto, Yardi & Gilbert, CHI 2013 (replies and "
        "mentions help *follower growth*; they did not measure engagement per post)",
        ("posts",),
        off=0.0,
    ),
    Assumption(
        "conversation_followers",
        1.2,
        "A business's profile follower count is multiplied by 0.7 + size x its chattiness.",
        "Conversational businesses have more followers (why the bands are needed).",
        "Hutto, Yardi & Gilbert, CHI 2013: social behaviour (replies, mentions) predicts follower gain",
        ("accounts",),
        off=0.0,
    ),
    Assumption(
        "broadcaster_share",
        0.35,
        "Share of accounts that mostly broadcast (chattiness drawn near 0, Beta(1, 14)); the "
        "rest converse about half the time (Beta(3, 3)).",
        "A minority of businesses never converse during the hour (01.4).",
        SEMINAR,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "self_promotion_mean",
        0.75,
        "Mean share of a business's original posts that are about itself (a Beta distribution "
        "with this mean and concentration 6).",
        "About 80% of businesses are 'meformers' (self_focus above one half): 80% in the "
        "bundled town, 72-83% over other seeds. Tuned to match the study, so a match is no "
        "evidence.",
        "Naaman, Boase & Lai, CSCW 2010: ~80% of users mostly post about themselves",
        ("posts",),
        low=0.01,
        high=0.99,
    ),
    Assumption(
        "follow_back_local",
        0.60,
        "Chance that a local account follows back a local follower: follow_back_base + size x its chattiness.",
        "Reciprocity is higher inside the local cluster than overall.",
        "overall level: Kwak, Lee, Park & Moon, WWW 2010 (22.1% of connected pairs); higher locally: " + SEMINAR,
        ("follows",),
        high=0.9,
        off=0.0,
    ),
    Assumption(
        "follow_back_base",
        0.10,
        "Chance that any follow is returned (non-local pairs; the floor for local ones).",
        "Overall reciprocity near 22%.",
        "Kwak, Lee, Park & Moon, WWW 2010: 22.1% of connected pairs follow each other",
        ("follows",),
        high=1.0,
    ),
    Assumption(
        "hub_follow_back",
        0.45,
        "Chance that the hub follows back a local account that follows it.",
        "The hub follows a good share of the town.",
        SEMINAR,
        ("follows",),
        high=1.0,
    ),
    Assumption(
        "regulars_share",
        0.8,
        "Share of a local account's replies, retweets and quotes aimed at its own small circle "
        "of regulars (2 + Poisson(3 + 10 x chattiness) accounts), when one of them has posted.",
        "Friends (accounts addressed at least twice) are far fewer than accounts followed.",
        "Huberman, Romero & Wu, First Monday 2009: the people one addresses at least twice are "
        "far fewer than one's follows",
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "post_engagement_exponent",
        0.6,
        "Expected engagement per post grows like followers ** size.",
        "Engagement per post per follower falls as audiences grow.",
        "the seminar's claim (that small accounts see higher rates); industry benchmarks, e.g. Rival "
        "IQ 2023, give brands with 5,000+ followers a median of a few hundredths of a percent",
        ("posts",),
        high=1.5,
    ),
    Assumption(
        "hashtag_lift",
        2.0,
        "Posts that use the hashtag get size x the engagement.",
        "Tagged posts in the hour are seen and answered more.",
        SEMINAR,
        ("posts",),
        off=1.0,
    ),
    Assumption(
        "content_engagement",
        (
            ("self_promotion", 0.7),
            ("information", 1.6),
            ("question", 1.8),
            ("answer", 1.3),
            ("chat", 1.0),
            ("share", 0.4),
        ),
        "Expected engagement of a post is multiplied by the size for its content label.",
        "Useful posts (information, questions) get more back than self-promotion.",
        "the seminar's claim, after Hutto, Yardi & Gilbert, CHI 2013 (informational content "
        "helps and self-focused content hurts *follower growth*)",
        ("posts",),
    ),
    Assumption(
        "link_penalty",
        0.8,
        "A self-promotion post with a link gets this share of the engagement it would get without one.",
        "Link-and-logo broadcasts get a little less back.",
        SEMINAR,
        ("posts",),
        high=1.0,
        off=1.0,
    ),
    Assumption(
        "tag_in_hour",
        0.92,
        "Chance an original post made during the hour carries the hashtag.",
        "Most, not all, posts in the hour are tagged: filtering by the tag is not filtering by the time.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "tag_outside_hour",
        0.08,
        "Chance an original post outside the hour carries the hashtag (offers, reminders).",
        "Tagged posts exist outside the hour.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "tag_conversation",
        0.5,
        "Chance a reply or quote made during the hour carries the hashtag.",
        "Many replies in the hour skip the tag.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "quote_addresses_author",
        0.4,
        "Share of quote posts whose comment @-addresses the quoted author; the rest are a "
        "comment alone with no @mention (the platform links the quoted post instead).",
        "Quotes without a mention exist: 'no mention' is not 'broadcast'.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "reply_mention_dropped",
        0.15,
        "Share of replies whose text lacks the leading @handle (threads in which the client "
        "hides it); they are still replies (reply_to_post_id is set).",
        "Replies without a mention exist: 'no mention' is not 'broadcast'.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "evening_post_share",
        0.2,
        "Share of posts on days without the hour made in the evening (18:00-22:30 local), "
        "the rest in the working day (07:00-18:00).",
        "Posts at the hour's clock time on other days exist: the date filter matters.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "partner_tag_rate",
        0.015,
        "Chance a business's self-promotion or information post tags a partner business "
        '("... (with @Partner)"), whatever the business\'s chattiness.',
        "Broadcasters' posts sometimes carry a mention: 'not a reply, retweet or quote' is not 'broadcast'.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "thread_share",
        0.1,
        "Chance a business follows one of its own posts outside the hour with a reply to it a "
        "few minutes later (a thread), naming itself at the start as every reply in the town "
        "names the account it answers (unless reply_mention_dropped drops it).",
        "Threads exist: a reply is not always to someone else, and counting whom you address "
        "must leave yourself out (06.4).",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "praise_retweet",
        0.2,
        "Chance a business retweets, the next morning, a post of the hour that names it (a "
        "thank-you, a shout-out, an answer recommending it); a quarter of it for a post of one "
        "of its regulars that names someone else.",
        "Retweets carry other people's mentions: counting whom you address must leave your retweets out (06.4).",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "hour_absentees",
        0.1,
        "Share of businesses that never take part in the hour and only post on their own schedule.",
        "Some businesses post at the hour's clock time on other days but never in the hour.",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "rhetorical_questions",
        0.15,
        'Share of the questions nobody answered that are reworded as rhetorical ("Is anyone '
        'else amazed how busy ... is tonight?"): a question, but no request.',
        'A question mark is not a request: a rule that looks for "?" and "anyone" flags them (04.3\'s precision).',
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "plain_requests",
        0.2,
        "Share of the questions not made rhetorical that are reworded as a request with no "
        'question mark ("Recommendations please for a good ... in ...").',
        'Requests without a "?": a rule that needs one misses them (04.3\'s recall).',
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "advert_questions",
        0.06,
        "Chance a business's self-promotion post opens with a question about its own product "
        '("Looking for ...?"): an advert, not a request.',
        'Adverts phrased as questions: a rule that looks for "looking for" and "?" flags them (04.3\'s precision).',
        REALISM,
        ("posts",),
        high=1.0,
    ),
    Assumption(
        "requests_in_replies",
        0.08,
        'Chance a chatty reply ends by asking for a recommendation ("also, does anyone know a good ...?").',
        "Requests inside replies: a rule applied to original posts only misses them (04.3).",
        REALISM,
        ("posts",),
        high=1.0,
    ),
    # ---------------------------------------------------------------- the venue (workshop 04)
    Assumption(
        "later_follows",
        0.8,
        "Follows formed during the weeks (`new_follows`, besides those after an answer), per "
        "local business or resident.",
        "A few hundred later follows to test a whom-to-follow recommender on (04.4).",
        REALISM,
        ("new_follows",),
        high=5.0,
    ),
    Assumption(
        "later_follow_routes",
        (("friend_of_friend", 0.45), ("hashtag", 0.25), ("hub", 0.15), ("offline", 0.15)),
        "Share of the later follows made by each route: friend_of_friend = an account that an "
        "account the follower follows also follows (one of the follower's follows at random, "
        "then one of its follows at random: triadic closure); hashtag = two accounts in the same evening's hour; hub = a "
        "hub follower follows the author of a post the hub retweeted; offline = a random "
        "local business (nothing in the data predicts it).",
        "Most later follows are friends of friends in so small and dense a town, whatever "
        "their route, but each account has hundreds of candidates: ranking them is the hard "
        "part, and a friend-of-friend score finds few (04.4). Its precision is set by these "
        "shares and the town's density, so it is no evidence of how well such recommenders work.",
        "the seminar's claim that platforms suggest friends of friends (CONTENT brief, article "
        "2); the shares are the kit's choice",
        ("new_follows",),
        high=1.0,
    ),
    Assumption(
        "answer_reactions",
        (("thanked", 0.5), ("followed", 0.3), ("enquired", 0.15), ("not_an_answer", 0.3)),
        "After a reply to their request, the chance the asker thanks, follows (if not already) "
        "and asks the replier for a quote; a reply that is not an answer (content other than "
        "answer) gets not_an_answer times each chance.",
        "Answering a request brings thanks, follows and enquiries; chatting under it brings fewer (04.3).",
        SEMINAR + " (CONTENT brief, article 1: answering makes you the local authority)",
        ("reactions", "new_follows"),
        high=1.0,
    ),
    Assumption(
        "b2b_enquiry_lift",
        2.0,
        "A B2B replier's enquiry chance is multiplied by the size.",
        "B2B answerers get more enquiries per answer than B2C ones.",
        SEMINAR + " (CONTENT brief, article 1: B2B firms gain most)",
        ("reactions",),
        off=1.0,
    ),
    Assumption(
        "first_impression",
        (
            ("baseline", -2.6),
            ("bio", 0.7),
            ("avatar", 0.8),
            ("local", 0.5),
            ("person_named", 0.6),
            ("conversation", 1.8),
            ("links_only", -0.9),
        ),
        "Log-odds that a visitor follows a business's profile: baseline + the size for each "
        "feature it shows (bio, own picture, a stated location, named after a person; "
        "conversation = the share of its last five posts that converse, 0-1; links_only = all "
        "five carry a link), plus Normal(0, 0.5) noise per visit.",
        "Profiles with a bio, a picture and conversation in their last posts are followed more "
        "often (04.5). A rubric with these weights matches the data by construction.",
        SEMINAR + " (CONTENT brief, article 2: people judge your profile and last few posts in "
        "seconds; article 4: people follow people more readily than company-named accounts)",
        ("profile_visits",),
        low=-10.0,
    ),
    # ---------------------------------------------------------------- broadcast or community (workshop 05)
    Assumption(
        "growth_effects",
        (
            ("baseline", -0.05),
            ("informational", 0.9),
            ("self_focused", -0.45),
            ("replies", 0.55),
            ("broadcasting", -0.9),
            ("mutual", 1.0),
        ),
        "A year's log follower growth (log of followers_end / followers_start) = baseline + the "
        "size times each share (informational_share, self_share, reply_share, broadcast_share, "
        "mutual_share) + Normal(0, 0.12) noise.",
        "Content (informational help, self-focus hurts), behaviour (replies help, broadcasting "
        "hurts) and network (mutual follows) each move growth by a similar amount (05.2-05.3).",
        "Hutto, Yardi & Gilbert, CHI 2013 (507 users, 15 months): content, social behaviour and "
        "network structure mattered about equally; the sizes are the kit's",
        ("growth_accounts",),
        low=-10.0,
    ),
    Assumption(
        "volume_effect",
        0.0,
        "A year's log follower growth rises by the size per unit of log(posts per week).",
        "Posting more has no effect of its own on growth: any raw correlation with volume comes "
        "from what volume travels with (05.2-05.3).",
        "no source measured it (the CONTENT brief: teach 'quality beats volume' as the content "
        "effect, not more): the kit's choice",
        ("growth_accounts",),
        low=-2.0,
        high=2.0,
    ),
    Assumption(
        "effort_confounding",
        1.0,
        "Who runs the account (team: the owner alone, two or three people, a marketing person) "
        "raises both its posts per week and its share of replies, by the size times its step up "
        "the three teams.",
        "Accounts that post more also reply more, so volume goes with growth without causing it "
        "(05.2); within one kind of team it does not (05.3). Set it to 0 and the raw "
        "correlation falls to about 0.",
        REALISM,
        ("growth_accounts",),
        off=0.0,
        high=3.0,
    ),
    Assumption(
        "month_one_retention",
        0.4,
        "Share of newcomers who post again in the month after the one they joined in.",
        "About 40% of new accounts return in their second month (05.4). Tuned to match, so a match is no evidence.",
        "Nielsen (D. Martin, NielsenWire, 28 April 2009): more than 60% of US Twitter users "
        "failed to return the following month",
        ("newcomers", "newcomer_months"),
        high=1.0,
    ),
    Assumption(
        "later_retention",
        0.75,
        "Chance that a newcomer still posting in one month posts in the next, from the second month on.",
        "The survival curve keeps falling, more slowly (05.5).",
        "the kit's choice (no source for later months)",
        ("newcomers", "newcomer_months"),
        high=1.0,
    ),
    Assumption(
        "first_week_quitters",
        0.5,
        "Of the newcomers who never post after their first month, the share whose last post is in their first week.",
        "About 30% of newcomers stop within a week in our data: our assumption, not Nielsen's "
        "figure, which is about the following month.",
        "the kit's choice (no source)",
        ("newcomers",),
        high=1.0,
    ),
    # ---------------------------------------------------------------- LinkedIn-style log
    Assumption(
        "active_member_share",
        0.5,
        "Share of members who network actively (many active actions); the rest mostly tend their profile.",
        "Two clear styles of use (01.5).",
        SEMINAR,
        ("linkedin_activity",),
        high=1.0,
    ),
    Assumption(
        "weekly_posters",
        0.08,
        "Share of members with a weekly habit: exactly one post a week (13 active actions in "
        "the quarter) and nothing else active.",
        "Members sit exactly on the 'about one a week' threshold, so >= and > give different groups.",
        REALISM,
        ("linkedin_activity",),
        high=1.0,
    ),
    Assumption(
        "activity_conversations",
        0.09,
        "Expected conversations with new contacts per active action (on top of 0.3), capped "
        "at the member's messages sent; conversations then raise opportunities.",
        "Outcomes rise with active behaviour (01.5). Set it and activity_referrals to 0 and "
        "active members do no better than passive ones.",
        "the seminar's claim (the CONTENT brief's cocktail-party argument); Rajkumar et al., "
        "Science 2022 varied recommended ties, not members' outreach, so it is no source for this",
        ("linkedin_outcomes",),
        off=0.0,
    ),
    Assumption(
        "activity_referrals",
        0.025,
        "Expected referrals per active action (on top of 0.05); referrals raise opportunities.",
        "Outcomes rise with active behaviour (01.5).",
        SEMINAR,
        ("linkedin_outcomes",),
        off=0.0,
    ),
    Assumption(
        "views_per_completeness",
        0.15,
        "Expected profile views per percentage point of profile completeness.",
        "A complete but unused profile brings views, not opportunities.",
        SEMINAR,
        ("linkedin_outcomes",),
        off=0.0,
    ),
    # ---------------------------------------------------------------- followers of the sample accounts
    Assumption(
        "bot_share",
        (
            ("cafe", 0.04),
            ("bakery", 0.06),
            ("printer", 0.10),
            ("consultant", 0.05),
            ("celebrity", 0.12),
            ("brand", 0.11),
            ("gift shop", 0.05),
        ),
        "Exact share of each sample account's (organic) follower rows that are bots.",
        "Bots are 9-15% of all follower rows.",
        "Varol, Ferrara, Davis, Menczer & Flammini, ICWSM 2017: an estimated 9-15% of active Twitter accounts are bots",
        ("follower_truth",),
        high=1.0,
    ),
    Assumption(
        "bought_bot_share",
        0.8,
        "Share of the gift shop's bought batch that are bots (the rest are people in a "
        "follower farm: real but indifferent).",
        "About half of the gift shop's followers are bots.",
        SEMINAR + " (CONTENT brief, article 4)",
        ("follower_truth",),
        high=1.0,
    ),
    Assumption(
        "spam_bot_share",
        0.25,
        "Share of bots that are prolific spammers: thousands of posts, and they like and "
        "retweet indiscriminately (the rest barely post).",
        "'Few posts' flags most bots but not all; some bots interact.",
        REALISM,
        ("followers",),
        high=1.0,
    ),
    Assumption(
        "numbered_bot_handles",
        0.7,
        "Share of bots whose handle is a first name plus a long number.",
        "A numbered handle is a strong but imperfect bot signal (02.4).",
        REALISM,
        ("followers",),
        high=1.0,
    ),
    Assumption(
        "birth_year_handles",
        0.12,
        "Share of real followers whose handle ends in a birth year (four digits).",
        "The numbered-handle rule also flags real people: precision below 1 (02.4).",
        REALISM,
        ("followers",),
        high=1.0,
    ),
    Assumption(
        "local_interaction",
        1.8,
        "A local follower's interaction rate is multiplied by the size (others by 0.8).",
        "Local followers interact far more (02.3's 'within reach').",
        SEMINAR,
        ("followers",),
        off=0.8,
    ),
    Assumption(
        "enquiry_interest",
        5.0,
        "Log-odds of an enquiry rise by the size per unit of interest_match (also +1.3 for "
        "local, +0.7 for a mutual follow, +0.5 x log(1 + replies + retweets)).",
        "Within-reach followers enquire many times more often: the know-like-trust funnel (02.5).",
        SEMINAR + " ('people buy from people they know, like and trust')",
        ("enquiries",),
        high=20.0,
        off=0.0,
    ),
    Assumption(
        "stats_engagement_exponent",
        0.55,
        "In account_stats, likes and replies per post grow like followers ** size.",
        "Engagement rate falls with audience size (02.1).",
        "the seminar's claim (Rival IQ 2023 sampled only brands with 5,000+ followers)",
        ("account_stats",),
        high=1.5,
    ),
    Assumption(
        "retweet_exponent",
        0.3,
        "In account_stats, retweets per post grow like followers ** size, times a wide "
        "per-account shareability (log-normal, sigma 1.7).",
        "Top accounts by followers and by retweets overlap little (02.2).",
        "Cha, Haddadi, Benevenuto & Gummadi, ICWSM 2010: follower count is a weak predictor of retweets and mentions",
        ("account_stats",),
        high=1.5,
    ),
    Assumption(
        "person_growth_lift",
        1.5,
        "Person-named accounts gain followers this many times faster relative to their size.",
        "Person-named accounts grow faster than company-named ones.",
        SEMINAR + " (CONTENT brief, article 4)",
        ("account_stats",),
        off=1.0,
    ),
)

ASSUMPTIONS: dict[str, Assumption] = {a.name: a for a in REGISTER}


def defaults() -> dict:
    return {a.name: a.default for a in REGISTER}


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def validate(values: dict) -> tuple[tuple[tuple[str, object], ...], list[str]]:
    """Check ``[assumptions]`` overrides: (normalised overrides as sorted pairs, problems)."""
    problems: list[str] = []
    out: dict[str, object] = {}
    for key, value in values.items():
        a = ASSUMPTIONS.get(key)
        if a is None:
            problems.append(f"unknown assumption {key!r} (expected one of {', '.join(ASSUMPTIONS)})")
            continue
        if a.is_mapping:
            known = dict(a.default)
            if isinstance(value, tuple):
                value = dict(value)
            if not isinstance(value, dict):
                problems.append(
                    f"assumptions.{key} should be a table like {{{', '.join(f'{k!r} = {v:g}' for k, v in a.default[:2])}, ...}}, got {value!r}"
                )
                continue
            bad = [k for k in value if k not in known]
            if bad:
                problems.append(
                    f"assumptions.{key}: unknown keys {', '.join(map(repr, bad))} "
                    f"(expected {', '.join(map(repr, known))})"
                )
                continue
            for k, x in value.items():
                if not _number(x) or not a.low <= x <= a.high:
                    problems.append(
                        f"assumptions.{key}.{k} should be a number between {a.low:g} and {a.high:g}, got {x!r}"
                    )
            merged = {**known, **value}
            out[key] = tuple((k, float(merged[k])) for k in known)
        else:
            if not _number(value) or not a.low <= value <= a.high:
                problems.append(f"assumptions.{key} should be a number between {a.low:g} and {a.high:g}, got {value!r}")
                continue
            out[key] = float(value)
    return tuple(sorted(out.items())), problems
