"""Invented names for synthetic people and businesses. None is a real account."""

FIRST = """Alice Ben Chloe Dan Ella Finn Grace Harry Isla Jack Kate Leo Maya Ned Olive Pete Quinn
Rosa Sam Tess Umar Vera Will Xena Yusuf Zoe Amir Bea Cal Dora Eli Fay Gus Hana Ivan Jo Kit Lola
Max Nina Owen Pia Ravi Sian Tom Una Vic Wren Abe Cora""".split()

LAST = """Ashdown Barrow Coombe Dunning Elmore Fairley Greaves Holt Ivey Jessop Kemble Lydford
Marlow Netley Orchard Pennock Quarry Rendle Stoke Tarrant Upham Vale Wareham Yeats Arne Bexley
Corfe Durweston Evershot Fontmell""".split()

PLACE = """Harbour Quay Chalk Meadow Abbey Castle Downs Heath Mill Orchard Fossil Cliff Ridge
Willow Oak Tidal Saltmarsh Beacon Hollow Brook""".split()

# business type -> (sector, what they sell, a useful tip they might share)
TYPES = {
    "cafe": ("B2C", "flat whites and cake", "the car park by the river is free after 6pm this week"),
    "bakery": ("B2C", "sourdough loaves", "the farmers' market moves to Saturday this month"),
    "florist": ("B2C", "autumn bouquets", "cut stems last longer if you change the water daily"),
    "gift shop": ("B2C", "handmade gifts", "the high street late-night shopping starts on the 1st"),
    "pub": ("B2C", "Sunday roasts", "the quiz night raises money for the lifeboat station"),
    "hair salon": ("B2C", "autumn colour appointments", "the library runs free digital skills sessions"),
    "gym": ("B2C", "beginners' classes", "the coast path is closed near the cliffs after the storm"),
    "bookshop": ("B2C", "signed local history books", "the museum is free on the first Sunday"),
    "deli": ("B2C", "local cheese boards", "the food festival needs volunteers this weekend"),
    "bike shop": ("B2C", "winter bike checks", "the new cycle lane opens on Thursday"),
    "accountant": ("B2B", "year-end accounts", "self-assessment returns are due by 31 January"),
    "web designer": ("B2B", "small-business websites", "check your site works on a phone before the holidays"),
    "printer": ("B2B", "business cards and flyers", "order Christmas print by the 1st to avoid the rush"),
    "IT support": ("B2B", "managed IT support", "turn on two-factor sign-in for your email today"),
    "solicitor": ("B2B", "commercial lease reviews", "read the break clause before you sign a lease"),
    "marketing agency": ("B2B", "social media workshops", "answer one customer question publicly each week"),
    "commercial cleaner": ("B2B", "office cleaning contracts", "the council's trade waste prices change in April"),
    "bookkeeper": ("B2B", "monthly bookkeeping", "keep receipts as photos so they don't fade"),
    "HR consultant": ("B2B", "staff handbooks", "the minimum wage rises in April"),
    "photographer": ("B2B", "headshots for your team", "natural light by a window beats a flash for profiles"),
}

SELF_PROMO = [
    "New this week at {biz}: {product}. Pop in or book online {link}",
    "10% off {product} for anyone who mentions {hashtag} {link}",
    "We've been shortlisted for a local award for our {product}! {link}",
    "Our {product} are back - come and see us {link}",
    "Behind the scenes at {biz} today: {product} in the making {link}",
    "Book now: {product} from {biz} {link}",
]
INFO = [
    "Good to know for {town}: {tip}",
    "Tip for fellow businesses: {tip}",
    "Worth sharing: {tip}",
]
QUESTION = [
    "Can anyone recommend a good {need} in {town}?",
    "Looking for a reliable {need} near {town} - who do you use?",
    "Any tips on finding {a_need} who answers the phone?",
]


def a_need(need: str) -> str:
    """The need with its article: "an accountant", "an IT support", "a printer"."""
    return ("an " if need[0] in "aeiouAEIOU" or need.startswith("HR") else "a ") + need


# questions that ask nobody for anything (a rhetorical "anyone else ...?")
RHETORICAL = [
    "Is anyone else amazed how busy {town} is tonight?",
    "Who else thinks {town} has the best high street in the county?",
    "Anyone else ready for the weekend already?",
]
# requests for a recommendation with no question mark
PLAIN_REQUEST = [
    "Recommendations please for a good {need} in {town}",
    "Looking for {a_need} near {town}, any names welcome",
    "Need {a_need} by Friday - who would you recommend",
]
# an advert that opens with a question (it asks for nothing)
ADVERT_QUESTION = [
    "Looking for {product}?",
    "Need {product} in a hurry?",
    "Can anyone beat our {product}?",
]
# a request for a recommendation tucked into a chatty reply
REPLY_REQUEST = [
    "while we're here, can anyone recommend {a_need}?",
    "also, does anyone know a good {need}?",
]
ANSWER = [
    "@{to} try {rec} - they sorted ours last month",
    "@{to} we can help with that - send us a message",
    "@{to} happy to help, we're just round the corner",
]
CHAT = [
    "@{to} lovely to see you here tonight!",
    "@{to} great idea, count us in",
    "@{to} thanks for sharing this",
    "@{to} that looks brilliant - well done",
]
THREAD = [
    "{to} more on this: we're open late on Thursdays too",
    "{to} and one more thing - bring a friend, they're welcome too",
    "{to} update: a few places left for this week",
]
QUOTE = ["Well said!", "This is so useful", "Couldn't agree more", "Great to see this in {town}"]
SHOUT_OUT = [
    "Shout-out to {to} for helping us out this week - worth a follow!",
    "Lovely to work with {to} today, thank you",
    "Congratulations {to} on the new opening in {town}",
]
