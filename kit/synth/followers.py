"""Followers of sample accounts, an answer key for fake ones, enquiries, and 200 accounts' reach.

Generated from the scenario with its own seeded random stream. The shapes are calibrated against
published figures (see ``datasets/README.md``, each with its source):

* an estimated 9–15% of active accounts are bots (Varol, Ferrara, Davis, Menczer & Flammini,
  ICWSM 2017); the account that bought followers has far more;
* follower count is a weak predictor of retweets and mentions, and the top accounts by followers,
  by retweets and by mentions overlap little (Cha, Haddadi, Benevenuto & Gummadi, ICWSM 2010);
* engagement per post per follower falls as audiences grow (the seminar's claim; industry
  benchmarks such as Rival IQ 2023 put the median for brands with 5,000+ followers at a few
  hundredths of a percent);
* most followers never converse; enquiries come through a know → like → trust funnel, so
  local, interested followers who talk with an account are far likelier to become customers.

The celebrity's and the national brand's follower lists are simple random samples of their
followers (the sampling fraction is in ``sample_accounts``); every other list is complete.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..data import Field, TableSpec
from ..scenario import Scenario
from . import names

ROLES = ("cafe", "bakery", "printer", "consultant", "celebrity", "brand", "gift shop")
CATEGORIES = ("local business", "individual", "national brand", "celebrity", "media")
CHANNELS = ("reply", "direct message", "email", "phone", "in person")
WINDOW_DAYS = 90

SAMPLE_ACCOUNTS = TableSpec(
    name="sample_accounts",
    title="Sample accounts (synthetic)",
    description="SYNTHETIC. Seven accounts with contrasting strategies whose followers are listed "
    "in `followers`. Names and handles are invented.",
    fields=(
        Field("handle", "string", "The account's @handle (invented)."),
        Field(
            "role",
            "string",
            "A short name for the account's part in the workshop: the café that "
            "converses, the bakery and the printer that broadcast, the person-named consultant, "
            "the celebrity, the national brand, the gift shop that bought followers.",
            enum=ROLES,
        ),
        Field("display_name", "string", "The name shown on the profile."),
        Field("strategy", "string", "How the account uses the platform, in a sentence."),
        Field(
            "name_style",
            "string",
            "Whether the profile is named after a person or a company.",
            enum=("person", "company"),
        ),
        Field("category", "string", "What kind of account it is.", enum=CATEGORIES),
        Field(
            "sector",
            "string",
            "B2B or B2C for businesses that sell; empty otherwise.",
            enum=("B2B", "B2C"),
            required=False,
        ),
        Field("local", "boolean", "true if the account is in the scenario's county."),
        Field("joined", "date", "The date the account was created."),
        Field(
            "followers_count",
            "integer",
            "Followers shown on the profile at the end of the 90-day window.",
            unit="accounts",
        ),
        Field(
            "followers_in_sample",
            "integer",
            "Rows in `followers` for this account. Equal to "
            "followers_count except for the celebrity and the national brand, whose lists are "
            "simple random samples: multiply counts by followers_count / followers_in_sample "
            "to estimate totals.",
            unit="accounts",
        ),
        Field("posts_90d", "integer", "Posts the account made in the 90-day window.", unit="posts"),
        Field("replies_sent_90d", "integer", "Replies the account sent to others in the window.", unit="replies"),
        Field(
            "sells_to_followers",
            "boolean",
            "true if the account sells to its followers and its enquiries are recorded in `enquiries`.",
        ),
    ),
    primary_key=("handle",),
    calibration=(
        "One account bought followers in a single batch during the window (they arrive within "
        "two days); the celebrity gains tens of thousands of followers in a few days after a "
        "television appearance, with no relationship behind them (CONTENT brief, article 4).",
    ),
)

FOLLOWERS = TableSpec(
    name="followers",
    title="Followers of the sample accounts (synthetic)",
    description="SYNTHETIC. One row per follower of each sample account, with what a business "
    "owner can see about them: where they are, what they post about, how they "
    "interacted with the account over the 90-day window, and their public profile. "
    "Whether a follower is a bot is NOT here: it is in the answer key "
    "`follower_truth`, so rules for spotting fakes can be tested honestly.",
    fields=(
        Field("follower_id", "integer", "Unique id of the follower row."),
        Field("account", "string", "The sample account followed (sample_accounts.handle)."),
        Field("handle", "string", "The follower's @handle (invented)."),
        Field("followed_on", "date", "The day they started following the account."),
        Field("local", "boolean", "true if the follower is in the scenario's county."),
        Field(
            "interest_match",
            "number",
            "How closely the follower's own posts match what the account is about: 0 = never, 1 = all the time.",
            unit="0-1",
        ),
        Field("replies", "integer", "Replies to the account's posts in the 90-day window.", unit="replies"),
        Field("retweets", "integer", "The account's posts this follower retweeted in the window.", unit="retweets"),
        Field("likes", "integer", "The account's posts this follower liked in the window.", unit="likes"),
        Field("clicks", "integer", "Links in the account's posts this follower clicked in the window.", unit="clicks"),
        Field("follows_back", "boolean", "true if the sample account follows this follower too."),
        Field("account_age_days", "integer", "Age of the follower's account at the end of the window.", unit="days"),
        Field("posts_count", "integer", "Posts the follower has made since joining.", unit="posts"),
        Field("has_bio", "boolean", "true if the profile has a bio."),
        Field("has_avatar", "boolean", "true if the profile has its own picture (not the default)."),
        Field("following_count", "integer", "Accounts the follower follows.", unit="accounts"),
        Field("followers_count", "integer", "Accounts following the follower.", unit="accounts"),
    ),
    primary_key=("follower_id",),
    foreign_keys=(("account", "sample_accounts", "handle"),),
    calibration=(
        "Most followers never converse: fewer than half of every account's followers replied to "
        "or retweeted it in 90 days, and far fewer for broadcasters, the celebrity and the brand "
        "(CONTENT brief, article 4; Huberman, Romero & Wu, First Monday 2009: the people one "
        "really talks with are far fewer than one's followers).",
        "Local followers with a strong interest match interact far more than the rest.",
    ),
)

FOLLOWER_TRUTH = TableSpec(
    name="follower_truth",
    title="Answer key: which followers are bots (synthetic)",
    description="SYNTHETIC. The ground truth hidden from the learner-facing `followers` table: "
    "which follower rows are automated accounts, and which arrived in a bought "
    "batch. Open it only to score a rule, never to build one.",
    fields=(
        Field("follower_id", "integer", "The follower row (followers.follower_id)."),
        Field("is_bot", "boolean", "true if the follower is an automated (fake) account."),
        Field("bought", "boolean", "true if the follower arrived in a batch of bought followers."),
    ),
    primary_key=("follower_id",),
    foreign_keys=(("follower_id", "followers", "follower_id"),),
    calibration=(
        "Bots are 9–15% of all follower rows and 9–15% of the followers of the accounts that did "
        "not buy followers (Varol, Ferrara, Davis, Menczer & Flammini, ICWSM 2017: an estimated "
        "9–15% of active Twitter accounts are bots); about half of the followers of the account "
        "that bought a batch are bots.",
    ),
)

ENQUIRIES = TableSpec(
    name="enquiries",
    title="Enquiries and sales from followers (synthetic)",
    description="SYNTHETIC. Enquiries the small businesses among the sample accounts received "
    "from their followers in the 90-day window, and whether each became a sale. "
    "Generated from a know → like → trust funnel: only followers who interacted "
    "with the account (know) and clicked, replied or retweeted (like) enquire, the "
    "more so when local, interested and talked with.",
    fields=(
        Field("enquiry_id", "integer", "Unique id of the enquiry."),
        Field("account", "string", "The business enquired of (sample_accounts.handle)."),
        Field("follower_id", "integer", "The follower who enquired (followers.follower_id)."),
        Field(
            "enquired_on",
            "date",
            "The day of the enquiry (inside the window, never before the day the follower followed the account).",
        ),
        Field("channel", "string", "How the enquiry arrived.", enum=CHANNELS),
        Field("became_customer", "boolean", "true if the enquiry led to a sale in the window."),
        Field("value_gbp", "number", "Value of the sale; empty when there was none.", unit="GBP", required=False),
    ),
    primary_key=("enquiry_id",),
    foreign_keys=(("account", "sample_accounts", "handle"), ("follower_id", "followers", "follower_id")),
    calibration=(
        "A local, interested follower (interest_match at least 0.5) is many times likelier to "
        "enquire than any other follower; bots never enquire.",
    ),
)

ACCOUNT_STATS = TableSpec(
    name="account_stats",
    title="Reach and engagement of 200 accounts over 90 days (synthetic)",
    description="SYNTHETIC. Followers, posting and what came back over the 90-day window for "
    "200 accounts of very different sizes: local businesses, individuals, national "
    "brands, celebrities and media (the seven sample accounts are among them).",
    fields=(
        Field("handle", "string", "The account's @handle (invented)."),
        Field("category", "string", "What kind of account it is.", enum=CATEGORIES),
        Field(
            "name_style",
            "string",
            "Whether the profile is named after a person or a company.",
            enum=("person", "company"),
        ),
        Field("followers", "integer", "Followers at the end of the window.", unit="accounts"),
        Field("following", "integer", "Accounts it follows.", unit="accounts"),
        Field("posts_90d", "integer", "Posts it made in the window (at least 1).", unit="posts"),
        Field("replies_sent_90d", "integer", "Replies it sent to others in the window.", unit="replies"),
        Field(
            "likes_received",
            "integer",
            "Likes its posts received in the window, from anyone on "
            "the platform (for a sample account whose follower list is complete, at least the "
            "sum of `followers.likes` for it).",
            unit="likes",
        ),
        Field(
            "retweets_received",
            "integer",
            "Retweets of its posts in the window, from anyone (for "
            "a sample account with a complete list, at least the sum of `followers.retweets`).",
            unit="retweets",
        ),
        Field(
            "replies_received",
            "integer",
            "Replies to its posts in the window, from anyone (for a "
            "sample account with a complete list, at least the sum of `followers.replies`).",
            unit="replies",
        ),
        Field(
            "mentions_received",
            "integer",
            "Posts by others that @mentioned it in the window (not counting replies).",
            unit="mentions",
        ),
        Field(
            "new_followers_90d",
            "integer",
            "Followers gained in the window. For a sample account: "
            "its rows in `followers` with followed_on in the window, times followers_count / "
            "followers_in_sample (1 for a complete list).",
            unit="accounts",
        ),
    ),
    primary_key=("handle",),
    calibration=(
        "Follower count is a weak predictor of influence: its rank correlation with retweets "
        "received and with mentions received is below 0.6, and the top 20 accounts by followers "
        "and by retweets share fewer than half their members (Cha, Haddadi, Benevenuto & "
        "Gummadi, ICWSM 2010).",
        "Engagement per post per follower falls as followers grow (rank correlation below -0.3); "
        "accounts with 100,000+ followers sit at a few hundredths of a percent (as industry "
        "benchmarks such as Rival IQ 2023 put brands with 5,000+ followers; the fall itself is "
        "the seminar's claim).",
        "Person-named accounts gain followers faster relative to their size than company-named "
        "ones (the seminar's claim in article 4, built in as a modest effect; we found no "
        "published figure).",
    ),
)

SPECS = (SAMPLE_ACCOUNTS, FOLLOWERS, FOLLOWER_TRUTH, ENQUIRIES, ACCOUNT_STATS)


def _handle(*parts: str) -> str:
    words = " ".join(parts).split()
    text = "".join("".join(ch for ch in w[:1].upper() + w[1:] if ch.isalnum()) for w in words)
    return "@" + text[:15]


def window(s: Scenario) -> tuple[dt.date, dt.date]:
    """The 90-day window the follower activity covers: it ends the week of the last hashtag hour."""
    end = s.first_date + dt.timedelta(weeks=s.weeks) - dt.timedelta(days=1)
    return end - dt.timedelta(days=WINDOW_DAYS - 1), end


def _profiles(s: Scenario, rng: np.random.Generator) -> list[dict]:
    """The seven sample accounts and the knobs that drive their followers' behaviour."""
    first = rng.choice(names.FIRST, size=3, replace=False)
    last = rng.choice(names.LAST, size=3, replace=False)
    town, county = s.town, s.county
    start, end = window(s)
    # fmt: off
    return [
        dict(key="cafe", handle=_handle(town, "Cafe"), display_name=f"{town} Corner Café",
             strategy="A local café that replies to everyone, shares neighbours' posts and asks "
                      "questions; joins the hashtag hour every week.",
             name_style="company", category="local business", sector="B2C", local=True,
             joined="2015-04-11", rows=850, p_local=0.78, interest=(4.0, 3.0),
             level=2.2, talk=1.0, click=0.5, back=0.55, posts=160, replies_sent=240,
             sells=True, offset=0.6, value=(14.0, 0.5), bought=0),
        dict(key="bakery", handle=_handle(town, "Bakes"), display_name=f"{town} Bakehouse Ltd",
             strategy="A local bakery that posts a photo and an offer link every day and never "
                      "replies.",
             name_style="company", category="local business", sector="B2C", local=True,
             joined="2012-09-03", rows=1200, p_local=0.66, interest=(3.0, 3.5),
             level=1.6, talk=0.12, click=0.8, back=0.08, posts=90, replies_sent=0,
             sells=True, offset=0.2, value=(18.0, 0.5), bought=0),
        dict(key="printer", handle=_handle(county, "PrintLtd"), display_name=f"{county} Print & Design Ltd",
             strategy="A company-named B2B printer that broadcasts links to its price list and "
                      "follows hundreds of accounts hoping they follow back.",
             name_style="company", category="local business", sector="B2B", local=True,
             joined="2011-02-20", rows=1600, p_local=0.36, interest=(1.6, 4.0),
             level=0.9, talk=0.1, click=1.0, back=0.25, posts=120, replies_sent=4,
             sells=True, offset=0.0, value=(420.0, 0.7), bought=0),
        dict(key="consultant", handle=_handle(first[0], last[0], "HR"),
             display_name=f"{first[0]} {last[0]}, HR consultant",
             strategy="A person-named HR consultant who answers questions in the hashtag hour and "
                      "shares practical tips in her own voice.",
             name_style="person", category="local business", sector="B2B", local=True,
             joined="2016-01-18", rows=650, p_local=0.6, interest=(4.0, 3.0),
             level=2.0, talk=0.9, click=0.6, back=0.45, posts=75, replies_sent=130,
             sells=True, offset=0.5, value=(900.0, 0.6), bought=0),
        dict(key="celebrity", handle=_handle("Chef", first[1], last[1]),
             display_name=f"Chef {first[1]} {last[1]}",
             strategy="A television chef; a prime-time appearance during the window brought tens "
                      "of thousands of new followers in a few days.",
             name_style="person", category="celebrity", sector=None, local=False,
             joined="2010-06-01", rows=5000, followers=480_000, p_local=0.02,
             interest=(2.0, 3.0), level=0.5, talk=0.25, click=0.3, back=0.002, posts=210,
             replies_sent=12, sells=False, spike=(start + dt.timedelta(days=38), 4, 0.16), bought=0),
        dict(key="brand", handle=_handle(last[2], "Foods"), display_name=f"{last[2]} Foods",
             strategy="A national food brand with a social-media team; posts adverts and "
                      "competitions, answers complaints.",
             name_style="company", category="national brand", sector=None, local=False,
             joined="2009-11-23", rows=3000, followers=152_000, p_local=0.04,
             interest=(1.5, 3.5), level=0.35, talk=0.3, click=0.7, back=0.01, posts=260,
             replies_sent=300, sells=False, bought=0),
        dict(key="gift shop", handle=_handle(town, "Gifts"), display_name=f"{town} Gift Box",
             strategy="A local gift shop that bought 700 followers in one batch during the window "
                      "to look established, and otherwise posts offers.",
             name_style="company", category="local business", sector="B2C", local=True,
             joined="2018-05-30", rows=1200, p_local=0.7, interest=(3.0, 3.5),
             level=1.8, talk=0.3, click=0.8, back=0.1, posts=70, replies_sent=10,
             sells=True, offset=0.2, value=(24.0, 0.5),
             bought=700, bought_on=start + dt.timedelta(days=61)),
    ]
    # fmt: on


def _exact(rng, n: int, share: float) -> np.ndarray:
    """A boolean array with exactly round(n * share) Trues in random places."""
    out = np.zeros(n, dtype=bool)
    out[rng.permutation(n)[: int(round(n * share))]] = True
    return out


def _follower_handles(s: Scenario, rng, bot: np.ndarray) -> list[str]:
    n = bot.size
    first = rng.choice(names.FIRST, size=n)
    last = rng.choice(names.LAST, size=n)
    place = rng.choice(names.PLACE, size=n)
    style = rng.integers(0, 4, size=n)
    year = rng.integers(1950, 2008, size=n)
    born = ~bot & (rng.random(n) < s.assumption("birth_year_handles"))  # real people with a year in it
    digits = rng.integers(10_000_000, 99_999_999, size=n)
    small = rng.integers(1, 99, size=n)
    robotic = bot & (rng.random(n) < s.assumption("numbered_bot_handles"))  # a name plus a long number
    out = []
    for i in range(n):
        if robotic[i]:
            out.append(f"@{first[i].lower()}{digits[i]}")
        elif born[i]:
            out.append(f"@{first[i].lower()}{last[i][:4].lower()}{year[i]}")
        elif style[i] == 0:
            out.append(f"@{first[i]}{last[i]}")
        elif style[i] == 1:
            out.append(f"@{first[i].lower()}_{last[i].lower()}{small[i]}")
        elif style[i] == 2:
            out.append(f"@{first[i]}Of{place[i]}")
        else:
            out.append(f"@{first[i][0]}{last[i]}")
    return out


def _followers(s: Scenario, profiles: list[dict], rng: np.random.Generator):
    start, end = window(s)
    bot_share = s.assumption("bot_share")
    local_lift = s.assumption("local_interaction")
    end_np = np.datetime64(end)
    frames, truth = [], []
    next_id = 1
    for p in profiles:
        n = p["rows"]
        if p["bought"]:
            organic = n - p["bought"]
            bought = np.r_[np.zeros(organic, bool), np.ones(p["bought"], bool)]
            bot = np.r_[
                _exact(rng, organic, bot_share[p["key"]]), _exact(rng, p["bought"], s.assumption("bought_bot_share"))
            ]
        else:
            bought = np.zeros(n, bool)
            bot = _exact(rng, n, bot_share[p["key"]])
        human = ~bot
        farm = bought & human  # bought, run by people in a follower farm: real but indifferent

        local = np.where(bot | farm, rng.random(n) < 0.02, rng.random(n) < p["p_local"])
        a, b = p["interest"]
        interest = np.where(bot | farm, rng.beta(1.0, 9.0, n), rng.beta(a, b, n))
        interest = np.round(interest, 3)

        # when they followed: spread over the account's life, more often lately (steady growth)
        joined = np.datetime64(p["joined"])
        life = int((end_np - joined).astype(int))
        days_ago = (life * (1 - np.sqrt(rng.random(n)))).astype(int)
        spike = np.zeros(n, bool)
        if "spike" in p:  # the television appearance
            day, length, share = p["spike"]
            spike = _exact(rng, n, share) & human
            days_ago[spike] = (end_np - np.datetime64(day)).astype(int) - rng.integers(0, length, spike.sum())
        if p["bought"]:
            days_ago[bought] = (end_np - np.datetime64(p["bought_on"])).astype(int) - rng.integers(0, 2, bought.sum())

        # profiles: bots are young, follow many, are followed by few, often have no picture or bio
        age = np.where(bot, rng.lognormal(np.log(110), 0.9, n), rng.lognormal(np.log(1900), 0.6, n))
        newcomer = ~bot & (rng.random(n) < 0.04)  # real people join all the time too
        age = np.where(newcomer, rng.uniform(5, 180, n), age)
        age = np.clip(age, 3, 7300).astype(int)
        age = np.where(farm, rng.integers(200, 2500, n), age)
        age = np.maximum(age, days_ago + 1)  # an account exists before it follows anyone
        followed_on = end_np - days_ago.astype("timedelta64[D]")
        spam = bot & (rng.random(n) < s.assumption("spam_bot_share"))  # prolific bots post (and like) a lot
        posts = np.where(
            bot,
            np.where(spam, rng.lognormal(np.log(9000), 0.8, n), rng.lognormal(np.log(4), 1.0, n)),
            rng.lognormal(np.log(700), 1.3, n),
        )
        posts = np.where(farm, rng.lognormal(np.log(30), 1.0, n), posts).astype(int)
        u = rng.random(n)
        has_avatar = u < np.where(farm, 0.6, np.where(bot, 0.3, 0.93))
        # a missing bio goes with a missing picture (both are signs of an untended profile)
        p_bio = np.where(bot, np.where(has_avatar, 0.55, 0.18), np.where(has_avatar, 0.85, 0.5))
        has_bio = rng.random(n) < np.where(farm, 0.5, p_bio)
        following = np.where(bot, rng.lognormal(np.log(1800), 0.8, n), rng.lognormal(np.log(320), 0.9, n))
        their_followers = np.where(bot, rng.lognormal(np.log(14), 1.1, n), rng.lognormal(np.log(160), 1.2, n))
        following = np.maximum(following, 1).astype(int)
        their_followers = their_followers.astype(int)

        # follow-back: conversational accounts follow back locals and interested people
        p_back = p["back"] * np.where(local, 1.4, 0.6) * (0.5 + interest)
        p_back = np.where(spike, p_back * 0.1, p_back)
        follows_back = rng.random(n) < np.clip(p_back, 0, 0.95)

        # interactions in the window: heavy-tailed; interest, being local and a mutual follow help
        g = rng.gamma(0.45, 1 / 0.45, n)
        lam = (
            p["level"]
            * g
            * (0.15 + interest) ** 2
            * np.where(local, local_lift, 0.8)
            * np.where(follows_back, 1.6, 1.0)
        )
        lam = np.where(spike, lam * 0.25, lam)
        lam = np.where(human & ~farm, lam, 0.0)
        likes = rng.poisson(lam * 1.6)
        clicks = rng.poisson(lam * 0.5 * p["click"])
        replies = rng.poisson(lam * 0.35 * p["talk"])
        retweets = rng.poisson(lam * 0.25 * p["talk"] + lam * 0.03)
        # spam bots like and retweet indiscriminately; a few reply with junk
        likes = likes + np.where(spam, rng.poisson(2.0, n), 0)
        retweets = retweets + np.where(spam, rng.poisson(0.6, n), 0)
        replies = replies + np.where(spam, rng.poisson(0.05, n), 0)

        ids = np.arange(next_id, next_id + n)
        next_id += n
        frames.append(
            pd.DataFrame(
                {
                    "follower_id": ids,
                    "account": p["handle"],
                    "handle": _follower_handles(s, rng, bot),
                    "followed_on": pd.to_datetime(followed_on),
                    "local": local,
                    "interest_match": interest,
                    "replies": replies,
                    "retweets": retweets,
                    "likes": likes,
                    "clicks": clicks,
                    "follows_back": follows_back,
                    "account_age_days": age,
                    "posts_count": posts,
                    "has_bio": has_bio,
                    "has_avatar": has_avatar,
                    "following_count": following,
                    "followers_count": their_followers,
                }
            )
        )
        truth.append(pd.DataFrame({"follower_id": ids, "is_bot": bot, "bought": bought}))
    followers = pd.concat(frames, ignore_index=True)
    truth = pd.concat(truth, ignore_index=True)
    # profile handles must be unique across the table: add a number to repeats
    dup = followers["handle"].duplicated(keep="first")
    followers.loc[dup, "handle"] = (
        followers.loc[dup, "handle"].str.slice(0, 12) + followers.loc[dup, "follower_id"].astype(str).str[-3:]
    )
    followers = followers.sort_values("follower_id", ignore_index=True)
    return followers, truth


def _enquiries(
    s: Scenario, profiles: list[dict], followers: pd.DataFrame, truth: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    start, _ = window(s)
    by_handle = {p["handle"]: p for p in profiles}
    f = followers.merge(truth, on="follower_id")
    sells = f["account"].map(lambda h: by_handle[h]["sells"]).to_numpy()
    talk = (f["replies"] + f["retweets"]).to_numpy()
    know = (f["replies"] + f["retweets"] + f["likes"] + f["clicks"]).to_numpy() > 0
    like = (talk + f["clicks"].to_numpy()) > 0
    offset = f["account"].map(lambda h: by_handle[h].get("offset", 0.0)).to_numpy()
    interest = f["interest_match"].to_numpy()
    logit = (
        -7.6
        + s.assumption("enquiry_interest") * interest
        + 1.3 * f["local"].to_numpy()
        + 0.7 * f["follows_back"].to_numpy()
        + 0.5 * np.log1p(talk)
        + offset
    )
    p = 1 / (1 + np.exp(-logit))
    asks = sells & know & like & ~f["is_bot"].to_numpy() & ~f["bought"].to_numpy() & (rng.random(len(f)) < p)
    rows = f[asks]
    n = len(rows)
    channel = np.where(
        rows["replies"].to_numpy() > 0,
        rng.choice(CHANNELS, size=n, p=[0.35, 0.3, 0.1, 0.1, 0.15]),
        rng.choice(CHANNELS, size=n, p=[0.0, 0.4, 0.2, 0.15, 0.25]),
    )
    p_buy = np.clip(0.3 + 0.2 * rows["local"].to_numpy() + 0.2 * rows["interest_match"].to_numpy(), 0, 0.9)
    bought = rng.random(n) < p_buy
    median = rows["account"].map(lambda h: by_handle[h]["value"][0]).to_numpy()
    sigma = rows["account"].map(lambda h: by_handle[h]["value"][1]).to_numpy()
    value = np.where(bought, np.round(median * np.exp(sigma * rng.standard_normal(n)), 2), np.nan)
    # an enquiry from a follower comes on or after the day they followed (and inside the window)
    first_day = np.maximum(rows["followed_on"].to_numpy().astype("datetime64[D]"), np.datetime64(start))
    room = (np.datetime64(start) + np.timedelta64(WINDOW_DAYS, "D") - first_day).astype(int)
    draw = rng.integers(0, WINDOW_DAYS, n)  # a day of the window, squeezed into the days left
    when = first_day + (draw * room // WINDOW_DAYS).astype("timedelta64[D]")
    out = pd.DataFrame(
        {
            "enquiry_id": 0,
            "account": rows["account"].to_numpy(),
            "follower_id": rows["follower_id"].to_numpy(),
            "enquired_on": pd.to_datetime(when),
            "channel": channel,
            "became_customer": bought,
            "value_gbp": value,
        }
    ).sort_values(["enquired_on", "follower_id"], ignore_index=True)
    out["enquiry_id"] = np.arange(1, len(out) + 1)
    return out


def _agree_with_followers(s: Scenario, stats: pd.DataFrame, profiles: list[dict], followers: pd.DataFrame) -> None:
    """Make the sample accounts' rows in account_stats agree with their rows in followers.

    New followers are the rows followed in the window (scaled up by followers_count /
    followers_in_sample for the two sampled lists: an estimate). Where the list is complete,
    likes, retweets and replies received are at least what the account's followers gave
    (non-followers may add more); a sampled list's scaled sum is only an estimate, not a bound.
    """
    start, _ = window(s)
    in_window = followers["followed_on"] >= pd.Timestamp(start)
    g = followers.assign(new=in_window).groupby("account")
    totals = g[["new", "likes", "retweets", "replies"]].sum()
    for i, p in enumerate(profiles):
        scale = p.get("followers", p["rows"]) / p["rows"]
        row = totals.loc[p["handle"]] * scale
        stats.loc[i, "new_followers_90d"] = int(round(row["new"]))
        if scale != 1:
            continue
        for col, src in (
            ("likes_received", "likes"),
            ("retweets_received", "retweets"),
            ("replies_received", "replies"),
        ):
            stats.loc[i, col] = max(int(stats.loc[i, col]), int(row[src]))


def _account_stats(s: Scenario, profiles: list[dict], rng: np.random.Generator) -> pd.DataFrame:
    """200 accounts: followers, posting, and retweets/mentions only loosely tied to followers."""
    total = 200
    n = total - len(profiles)
    cat = rng.choice(CATEGORIES, size=n, p=[0.42, 0.3, 0.12, 0.08, 0.08])
    median = {
        "local business": 420,
        "individual": 260,
        "national brand": 60_000,
        "celebrity": 400_000,
        "media": 150_000,
    }
    spread = {"local business": 0.9, "individual": 1.3, "national brand": 1.0, "celebrity": 1.0, "media": 1.1}
    followers = np.array([rng.lognormal(np.log(median[c]), spread[c]) for c in cat])
    person = np.where(
        np.isin(cat, ["individual", "celebrity"]), True, np.where(cat == "local business", rng.random(n) < 0.4, False)
    )
    first = rng.choice(names.FIRST, size=n)
    last = rng.choice(names.LAST, size=n)
    place = rng.choice(names.PLACE, size=n)
    btype = rng.choice(list(names.TYPES), size=n)
    outlet = rng.choice(["News", "Daily", "Radio", "Weekly", "Times"], size=n)
    brand = rng.choice(["Foods", "Energy", "Bank", "Travel", "Mobile", "Retail", "Homes"], size=n)
    handles = []
    for i in range(n):
        c = cat[i]
        if c == "local business":
            handles.append(_handle(first[i], btype[i]) if person[i] else _handle(place[i], btype[i]))
        elif c == "individual":
            handles.append(_handle(first[i], last[i]))
        elif c == "celebrity":
            handles.append(_handle("The", first[i], last[i]))
        elif c == "media":
            handles.append(_handle(place[i], outlet[i]))
        else:
            handles.append(_handle(last[i], brand[i]))

    # the sample accounts, with the same follower counts and posting as in sample_accounts
    rows = pd.DataFrame(
        {
            "handle": [p["handle"] for p in profiles] + handles,
            "category": [p["category"] for p in profiles] + list(cat),
            "name_style": [p["name_style"] for p in profiles] + ["person" if x else "company" for x in person],
            "followers": [p.get("followers", p["rows"]) for p in profiles] + list(followers.round().astype(int)),
        }
    )
    seen: dict[str, int] = {}
    unique = []
    for h in rows["handle"]:
        k = seen.get(h, 0)
        seen[h] = k + 1
        unique.append(h if k == 0 else f"{h[:14]}{k + 1}")
    rows["handle"] = unique
    m = len(rows)
    F = rows["followers"].to_numpy().astype(float)
    sample_talk = np.array([p["replies_sent"] / max(p["posts"], 1) for p in profiles])
    chat = np.r_[np.clip(sample_talk / 2, 0, 1), rng.beta(1.5, 2.5, n)]
    posts = np.r_[[p["posts"] for p in profiles], np.maximum(1, rng.lognormal(np.log(70), 0.8, n).round())]
    replies_sent = np.r_[
        [p["replies_sent"] for p in profiles], rng.poisson(posts[len(profiles) :] * 1.6 * chat[len(profiles) :])
    ]
    following = np.maximum(
        1, np.where(F > 20_000, rng.lognormal(np.log(900), 1.0, m), rng.lognormal(np.log(400), 0.8, m))
    ).round()

    # engagement per post grows like followers^0.55, so the rate per follower falls with size
    quality = rng.lognormal(0, 0.6, m) * (0.6 + 1.2 * chat)
    per_post = 0.12 * F ** s.assumption("stats_engagement_exponent") * quality
    likes = rng.poisson(posts * per_post * 0.8)
    # retweets and mentions depend on what is said (shareability, topicality) as much as on reach
    share = np.minimum(rng.lognormal(0, 1.7, m), 25)
    topical = rng.lognormal(0, 1.6, m)
    retweets = rng.poisson(posts * 0.04 * F ** s.assumption("retweet_exponent") * share * (0.7 + chat))
    replies = rng.poisson(posts * per_post * 0.08 * (0.4 + 2 * chat))
    mentions = rng.poisson(1.6 * F**0.25 * topical * (0.5 + 2 * chat) * np.where(rows["category"] == "celebrity", 3, 1))
    person_boost = np.where(rows["name_style"] == "person", s.assumption("person_growth_lift"), 1.0)
    growth = rng.lognormal(np.log(0.03), 0.6, m) * person_boost * (0.6 + chat)
    new_followers = np.minimum(F - 1, rng.poisson(F * growth))
    # the sample accounts' own stories
    for i, p in enumerate(profiles):
        if "spike" in p:
            new_followers[i] = int(F[i] * (p["spike"][2] + 0.02))
        if p["bought"]:
            new_followers[i] = p["bought"] + rng.poisson(25)
    rows["following"] = following.astype(int)
    rows["posts_90d"] = posts.astype(int)
    rows["replies_sent_90d"] = replies_sent.astype(int)
    rows["likes_received"] = likes
    rows["retweets_received"] = retweets
    rows["replies_received"] = replies
    rows["mentions_received"] = mentions
    rows["new_followers_90d"] = new_followers.astype(int)
    return rows


def generate(s: Scenario, seed_stream: int = 3) -> dict[str, pd.DataFrame]:
    """Build the sample accounts, their followers, the answer key, enquiries and account stats."""
    rng = np.random.default_rng([s.seed, seed_stream])
    profiles = _profiles(s, rng)
    followers, truth = _followers(s, profiles, rng)
    enquiries = _enquiries(s, profiles, followers, truth, rng)
    stats = _account_stats(s, profiles, rng)
    _agree_with_followers(s, stats, profiles, followers)
    sample = pd.DataFrame(
        [
            {
                "handle": p["handle"],
                "role": p["key"],
                "display_name": p["display_name"],
                "strategy": p["strategy"],
                "name_style": p["name_style"],
                "category": p["category"],
                "sector": p["sector"],
                "local": p["local"],
                "joined": pd.Timestamp(p["joined"]),
                "followers_count": p.get("followers", p["rows"]),
                "followers_in_sample": p["rows"],
                "posts_90d": p["posts"],
                "replies_sent_90d": p["replies_sent"],
                "sells_to_followers": p["sells"],
            }
            for p in profiles
        ]
    )
    return {
        "sample_accounts": sample,
        "followers": followers,
        "follower_truth": truth,
        "enquiries": enquiries,
        "account_stats": stats,
    }
