"""Shipped rules rewritten for RE2 act exactly as their lookahead and \\b versions did on `re`."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.rulebook.load import load_ruleset
from cleaner.rulebook.text import TextRule

# The patterns as they were, with the lookaheads and word boundaries RE2 lacks.
BEFORE = {
    "generic.byline-with-time": (
        "^By\\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|Apri"
        "l|May|June|July|August|September|October|November|December|The|This|That|Then|Now|Next|Last)\\b)("
        "?P<author>[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){0,4})\\s*(?:[|,·•-]\\s*)?(?:(?P<time>\\d{1,2}:\\d{2}\\s"
        "*[AaPp]\\.?[Mm]\\.?)\\s*)?(?:(?:Updated|Published)\\s*(?::\\s*)?)?(?P<date>(?:[A-Z][a-z]{2,8}\\.?\\s+\\d"
        "{1,2},?\\s+\\d{4})|(?:\\d{1,2}\\s+[A-Z][a-z]{2,8}\\.?,?\\s+\\d{4})|\\d{4}-\\d{2}-\\d{2})(?:\\s*(?:,\\s*)?\\d{"
        "1,2}:\\d{2}(?:\\s*[AaPp]\\.?[Mm]\\.?)?(?:\\s*[A-Z]{2,4})?)?$",
        "capture",
    ),
    "generic.byline": (
        "^(?:By|BY|Written by|Posted by)(?:\\s*:)?\\s+(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturd"
        "ay|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|"
        "The|This|That|Then|Now|Next|Last)\\b)(?P<author>[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){1,3}(?:(?:\\s*"
        "[,&]\\s*|\\s+and\\s+)[A-Z][\\w.'’-]+(?:\\s+[A-Z][\\w.'’-]+){0,3}){0,3})$",
        "capture",
    ),
    "generic.contact-line": (
        "^(?:Write to|Email|E-mail|Contact|Reach) (?:the reporters? |the author |him |her |them |[A-Z][\\w"
        ".'’-]+(?: [A-Z][\\w.'’-]+){0,3} )?(?:at|on Twitter at|via) (?:\\S+@\\S+|https?://\\S+)|^Follow (?:us"
        "|him|her|them|@\\w+|[A-Z][\\w'’]+(?: [A-Z][\\w'’]+){0,3}) on (?:Twitter|Instagram|Facebook|YouTube)"
        "\\b",
        "drop",
    ),
    "generic.crawler-date-header": (
        "^date (?P<date>\\d{4}-\\d{2}-\\d{2})\\b\\s*",
        "capture",
    ),
    "generic.contributor-credit": (
        "^\\(?(?:(?:Additional |Editing and )?(?:[Rr]eporting|[Ww]riting|[Ee]diting) by [A-Z].{2,400}?|[^."
        "!?]{3,300}\\b(?:contributed|contributes) (?:to this (?:report|story|article)|reporting)\\b[^.!?]{0"
        ",80}\\.?|Contributing: [A-Z].{2,150}?)\\)?\\.?$",
        "drop",
    ),
    "generic.app-newsletter-promo": (
        "^(?i:click here to (?:get|download|subscribe|sign up|join)\\b.{0,60}\\b(?:app|newsletters?)\\s*[.!]"
        "?|get .{1,40} on the go by clicking here|(?:sign up|subscribe)\\b.{0,100}\\b(?:newsletters?|inbox|"
        "on youtube|youtube channel)\\b.{0,80}|(?:sign up|subscribe)(?: now| today| here)?\\s*[.!]?)$",
        "drop",
    ),
    "newsbytesapp.com.story-label": (
        "^What's the story\\s+(?=[A-Z])",
        "strip",
    ),
    "digitalinformationworld.com.signature": (
        "^Image:\\s*DIW\\b",
        "signature",
    ),
}
WORDS = [
    "By",
    "BY",
    "Written by",
    "Monday",
    "Mondays",
    "Mo",
    "The",
    "Theo",
    "Then",
    "Jane",
    "Roe",
    "O'Neil",
    "café",
    "Éric",
    "ß",
    "é",
    "x",
    ":",
    ",",
    "|",
    "-",
    ".",
    "(",
    ")",
    "29,",
    "May",
    "2024",
    "03:14",
    "pm",
    "Updated:",
    "contributed",
    "contributes",
    "to this report",
    "reporting",
    "Reporting by",
    "Contributing:",
    "Keith",
    "Click here to",
    "get",
    "sign up",
    "Subscribe",
    "newsletter",
    "app",
    "inbox",
    "on YouTube",
    "What's the story",
    "date",
    "2024-07-25",
    "2024-07-25é",
    "Image:",
    "DIW",
    "DIWé",
    "Follow",
    "us",
    "on",
    "Twitter",
    "Twitterx",
    "Write to",
    "at",
    "a@b.com",
    "This article",
    "originally",
    "was",
    "published",
    "appeared",
    "republished from",
]
SEPARATORS = ["", " ", " ", " ", "  ", "\u00a0", "é", ".", ","]
LINES = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), min_size=1, max_size=14).map(
    lambda parts: "".join(word + sep for word, sep in parts).strip()
)

# Lines built like bylines and labels, so that the exclusions are exercised, not just reached.
BYLINES = st.tuples(
    *(
        st.sampled_from(options)
        for options in (
            ["By", "BY", "Written by", "Posted by", "By:", "By :", "by"],
            [" ", "  ", "\u00a0", ""],
            [
                "Monday",
                "Mondays",
                "Monday's",
                "Mo",
                "The",
                "Theo",
                "Then",
                "Jane",
                "May",
                "Last",
                "Éric",
                "Mondayé",
                "Now",
            ],
            ["", " Roe", " Roe and John Doe", " Roe, Sam Lee", " O'Neil", "-Smith", ".J"],
            ["", " ", " | ", ", ", " - "],
            ["", "03:14 pm ", "3:14 P.M. "],
            ["", "May 29, 2024", "12 March 2024", "2024-05-29", "Updated: Jan 5, 2023, 10:05 AM IST"],
            ["", ".", " the company said"],
        )
    )
).map("".join)
LABELS = st.tuples(
    st.sampled_from(
        [
            "What's the story",
            "date 2024-07-25",
            "Image:DIW",
            "Image: DIW",
            "Follow us on Twitter",
            "Keith Bradsher contributed reporting",
            "(Jane Roe contributes to this report",
            "Sign up for our newsletter",
            "Click here to get the app",
            "This article originally appeared",
            "Originally published on",
            "Write to Al Root at a@b.com",
        ]
    ),
    st.sampled_from(["", " ", "  ", "\u00a0", "é", "x", "_", "-", ",", ".", ")", "1"]),
    st.sampled_from(["", "Yann LeCun said", "yann", "Behind", " Title", "é", "x", "2", ". More", "from Hong Kong"]),
).map("".join)


def patterns_now() -> dict:
    ruleset = load_ruleset()
    now = {rule.id: rule.pattern for rule in ruleset.all_rules() if isinstance(rule, TextRule)}
    now.update({f"{site.name}.signature": site.signatures[0] for site in ruleset.sites if site.signatures})
    return {key: now[key] for key in BEFORE}


NOW = patterns_now()


def same(before: re.Pattern, action: str, now, text: str) -> bool:
    """Drop rules and signatures only ask whether a paragraph matches; the others use the span."""
    old, new = before.search(text), now.search(text)
    if action in ("drop", "signature") or not old or not new:
        return bool(old) == bool(new)
    return (old.span(), old.groupdict()) == (new.span(), new.groupdict())


@settings(max_examples=3000, deadline=None)
@given(st.one_of(LINES, BYLINES, LABELS))
def test_rewritten_rules_match_what_they_matched_before(text):
    for key, (pattern, action) in BEFORE.items():
        assert same(re.compile(pattern), action, NOW[key], text), (key, text)


def test_rewritten_rules_agree_on_their_own_examples():
    examples = [example.text for rule in load_ruleset().all_rules() for example in (*rule.must_match, *rule.must_keep)]
    for key, (pattern, action) in BEFORE.items():
        for text in (line for example in examples for line in example.split("\n\n")):
            assert same(re.compile(pattern), action, NOW[key], text), (key, text)
