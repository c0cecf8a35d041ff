"""The sentence units of a dump and its page test (cleaner/units.py)."""

import pytest

from cleaner.units import PAGE_MIN_PARAGRAPHS, looks_like_page, sentence_units

MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Sign in", "Subscribe"]
FOOTER = ["About us", "Contact", "Privacy Policy", "Terms of Use", "Cookie settings"]


def test_a_page_needs_many_paragraphs_with_a_share_of_short_lines():
    menu = [*MENU, *FOOTER][: PAGE_MIN_PARAGRAPHS - 1]
    assert not looks_like_page(menu) and looks_like_page([*menu, "Weather"])
    assert not looks_like_page(["\u4e2d\u6587\u6587\u672c" * 20] * PAGE_MIN_PARAGRAPHS)  # long CJK lines are prose


@pytest.mark.parametrize(
    ("lines", "units"),
    [
        # a sentence broken at each inline element, as get_text("\\n") stores it
        (["The council voted on", "the harbour plan", "after a long debate."], [(0, 3)]),
        # the mark after a link opens no sentence: it continues the line before it
        (["Read the", "full report", ", published on Monday."], [(0, 3)]),
        # prose wrapped at a width
        (["Le conseil a vot\u00e9 mardi pour prolonger la ligne de tramway vers les", "quartiers du nord."], [(0, 2)]),
        # a sentence that ends, a clause that ends with a colon, a line that opens in capitals
        (["The vote was close.", "the mayor said so"], [(0, 1), (1, 2)]),
        (["Related:", "more stories"], [(0, 1), (1, 2)]),
        (["Home", "News", "Sport"], [(0, 1), (1, 2), (2, 3)]),
        # prose wrapped at a width, the next line opening with a name or a number ('Kings' / 'Dominion')
        (
            [
                "Squire Sanders is advocating for the owner of the amusement parks Kings",
                "Dominion in Virginia and Cedar Point in Ohio, the shop told Congress on Monday.",
            ],
            [(0, 2)],
        ),
        (
            [
                "Cedar Fair owns nine other amusement parks, seven water parks and five",
                "hotels in the United States and Canada. The company has not had a lobbyist",
                "before, according to congressional records that date back to the year of",
                "1999.",
            ],
            [(0, 4)],
        ),
        # a list of headlines in sentence case, each about as wide as the last, reaches no full stop
        (
            [
                "Families of inmates who died at the county jail seek answers",
                "Plea deal set for the gunman's friend after a long court fight",
                "World shares retreat on jitters over a bill in the US Senate",
            ],
            [(0, 1), (1, 2), (2, 3)],
        ),
        # a title-case headline over its article's first line, and a line the next word would have fitted
        (
            ["Amusement Park Owner Hires Squire Sanders to Lobby on OSHA Regulations", "The lobbying arm of"],
            [(0, 1), (1, 2)],
        ),
        (
            [
                "The band has unveiled plans for a number of headline dates in",
                "In Europe the tour opens in Cologne in September and closes in Tilburg.",
            ],
            [(0, 1), (1, 2)],
        ),
        # a paragraph of its own, wider than any wrap, that ends on a link
        (
            [
                "Your comment has been saved. Comments are moderated and will not appear until approved by the "
                "author. Post another comment",
                "The letters and numbers you entered did not match the image. Please try again.",
            ],
            [(0, 1), (1, 2)],
        ),
        # scripts without case are never joined
        (["\u5e02\u8bae\u4f1a\u6295\u7968", "\u51b3\u5b9a\u5ef6\u957f\u7ebf\u8def"], [(0, 1), (1, 2)]),
        ([], []),
    ],
)
def test_sentence_units_rejoin_a_block_broken_into_lines(lines, units):
    assert sentence_units(lines) == units
