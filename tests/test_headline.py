"""The headline leaves the body: found first, above a byline, under a kicker, or as a repeat."""

from __future__ import annotations

import pytest

from cleaner.config import Config
from cleaner.document import Paragraph
from cleaner.headline import slug_words, spells_slug, take_headline

BODY = Paragraph("The first sentence of the body. It goes on for a while.")


def paras(*texts):
    return [Paragraph(t) for t in texts]


def test_first_line_reads_as_headline():
    found = take_headline([Paragraph("Chip maker posts record profit"), BODY], None, None)
    assert found.title == "Chip maker posts record profit" and found.paragraphs == [BODY]


def test_a_sentence_is_not_taken_as_headline():
    found = take_headline([BODY], None, None)
    assert found.title is None and found.paragraphs == [BODY]


def test_a_lone_line_stays_body_rather_than_becoming_title():
    found = take_headline([Paragraph("Chip maker posts record profit")], None, None)
    assert found.title is None and len(found.paragraphs) == 1


def test_line_above_byline_is_headline_and_kicker_goes():
    kicker, headline = paras("Markets in focus", "Chip maker posts record profit")
    found = take_headline([kicker, headline, BODY], None, headline)
    assert found.title == headline.text and found.paragraphs == [BODY]
    assert [r.rule for r in found.removed] == ["generic.kicker", "generic.headline"]


def test_known_title_is_removed_where_it_repeats():
    found = take_headline(paras("Chip Maker Posts Record Profit!") + [BODY], "Chip maker posts record profit", None)
    assert found.paragraphs == [BODY] and found.title == "Chip maker posts record profit"


def test_known_title_is_not_replaced_by_a_guess():
    found = take_headline(paras("Section heading") + [BODY], "Real title", None)
    assert found.title == "Real title" and len(found.paragraphs) == 2


def test_disabling_the_headline_rule_keeps_the_body_whole():
    found = take_headline(
        paras("Chip maker posts record profit") + [BODY], None, None, disabled=frozenset({"generic.headline"})
    )
    assert found.title is None and len(found.paragraphs) == 2


def test_a_sentence_heading_under_the_headline_is_a_dek_and_goes():
    dek = Paragraph("There are more devices and services to choose from than ever before.", "heading")
    found = take_headline([Paragraph("Chip maker posts record profit", "heading"), dek, BODY], None, None)
    assert found.paragraphs == [BODY] and found.removed[-1].rule == "generic.dek"


def test_a_short_section_heading_under_the_headline_stays():
    section = Paragraph("Why it matters", "heading")
    found = take_headline([Paragraph("Chip maker posts record profit", "heading"), section, BODY], None, None)
    assert found.paragraphs == [section, BODY]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        (
            "https://news.example.com/2019/11/19/council-votes-to-extend-the-tram-line.html",
            ["council", "votes", "to", "extend", "the", "tram", "line"],
        ),
        ("https://example.com/a/tram-line-extension-approved-11574168580", ["tram", "line", "extension", "approved"]),
        (
            "https://example.ru/news/%D0%B3%D0%BE%D1%80%D0%BE%D0%B4-%D0%BF%D1%80%D0%BE%D0%B4%D0%BB%D0%B8%D1%82-%D0%BB%D0%B8%D0%BD%D0%B8%D1%8E",
            ["город", "продлит", "линию"],
        ),
        ("https://example.com/news/12345", []),  # no words
        ("https://example.com/local/tram-vote", []),  # too few to tell
        (None, []),
    ],
)
def test_a_url_slug_is_its_words_without_numbers_or_extensions(url, words):
    assert slug_words(url) == words


def test_a_line_spells_the_slug_when_it_holds_most_of_its_words_and_not_many_more():
    slug = slug_words("https://example.com/2019/11/19/council-votes-to-extend-the-tram-line")
    assert spells_slug("Council Votes to Extend the Tram Line", slug)
    assert spells_slug("City council votes to extend tram line north", slug)
    assert not spells_slug("Tram line", slug)
    assert not spells_slug(
        "The council votes on many things, and on Tuesday it was asked again whether to extend the tram line "
        "to the northern suburbs after a decade of debate about its cost",
        slug,
    )


PAGE_MENUS = ["Home", "News", "Sport", "Business", "Weather", "Sign in", "Subscribe", "Local", "Politics", "Arts"]
PAGE_HEADLINE = "Council Votes to Extend the Tram Line"
PAGE_BODY = [
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, ending a debate "
    "that has run for more than a decade.",
    "Construction is expected to begin next spring and to last about three years, according to the "
    "transport department.",
]


def _whole_page(*under_headline: str) -> str:
    """A whole-page dump: menus, then the headline (and what stands under it), the story, a footer."""
    return "\n".join([*PAGE_MENUS, PAGE_HEADLINE, *under_headline, *PAGE_BODY, "About us", "Contact"])


def test_under_a_whole_pages_menus_the_line_the_url_spells_is_the_headline():
    from cleaner import Cleaner

    url = "https://news.example.com/2019/11/19/council-votes-to-extend-the-tram-line.html"
    doc = Cleaner().clean(_whole_page(), url=url, kind="text")
    assert doc.title == PAGE_HEADLINE
    assert PAGE_HEADLINE not in doc.text
    assert all(paragraph in doc.text for paragraph in PAGE_BODY)
    assert doc.date == "2019-11-19"


@pytest.mark.parametrize(
    "headline",
    [
        "Should the Council Extend the Tram Line to the Northern Suburbs?",
        'Video shows the council voting to extend the tram line: "We did it!"',
        "¿Votará el consejo extender la línea del tranvía a los barrios del norte?",
    ],
)
def test_a_headline_that_asks_or_exclaims_is_taken_where_the_url_spells_it(headline):
    from cleaner.headline import Hints

    lines = paras("Home", "Local", headline, *PAGE_BODY)
    found = take_headline(lines, None, None, hints=Hints(raw=True, slug_line=lines[2]))
    assert found.title == headline and lines[2] not in found.paragraphs


@pytest.mark.parametrize(
    "line",
    [
        "Why did the council wait? Nobody on the transport committee could say!",  # two sentences
        "Should the council extend the tram line to the northern suburbs, the mayor asked.",
    ],
)
def test_prose_the_url_spells_is_no_headline(line):
    from cleaner.headline import Hints

    lines = paras("Home", "Local", line, *PAGE_BODY)
    assert take_headline(lines, None, None, hints=Hints(raw=True, slug_line=lines[2])).title is None


@pytest.mark.parametrize(
    "title, url, part",
    [
        (
            "Business|Trump’s Made-for-TV Trade War Keeps World Guessing",
            "https://news.example.com/2019/11/18/business/trump-trade-war-china.html",
            "Trump’s Made-for-TV Trade War Keeps World Guessing",
        ),
        (
            "Calendário Stock Car 2018 | Autoracing | F1 | Indy | MotoGP",
            "http://www.example.com.br/calendario-stock-car-2018/",
            "Calendário Stock Car 2018",
        ),
        # every part holds a slug word, or none does: the title stays whole
        ("Rock | Paper | Scissors: the vote", "https://x.example/2019/rock-paper-scissors-vote", None),
        ("News | Sport | Weather", "https://x.example/2019/council-votes-to-extend", None),
        ("Council votes to extend – Tram line news", "https://x.example/2019/council-votes-to-extend", None),
        # a breadcrumb a dump ran into the headline, inside a word
        (
            "HomeLatest NewsNollywood Actress, Kate Henshaw Is Looking Stunning",
            "https://www.example.com/2018/10/nollywood-actress-kate-henshaw-is.html",
            "Nollywood Actress, Kate Henshaw Is Looking Stunning",
        ),
        (
            "HomeSPORT NEWSBREAKING NEWS: Chelsea Sign Their Keeper",
            "https://www.example.com/2018/08/breaking-news-chelsea-sign-keeper.html",
            "BREAKING NEWS: Chelsea Sign Their Keeper",
        ),
        (
            "StartseiteNachrichtenStadtrat beschließt die Straßenbahn",
            "https://www.example.de/nachrichten/stadtrat-beschliesst-die-strassenbahn-123.html",
            "Stadtrat beschließt die Straßenbahn",
        ),
        # the headline starts at a word of its own: nothing glued is cut
        (
            "Home Holidays Homemade Spiced Honey Pear Jam",
            "https://x.example/2017/12/spiced-honey-pear-jam-recipe/",
            None,
        ),
        ("YouTube Stars Earn Millions", "https://x.example/2019/11/youtube-stars-earn-millions", None),
        ("McDonalds Profits Rise Again", "https://x.example/mcdonalds-profits-rise-again", None),
    ],
)
def test_a_title_keeps_the_part_its_url_slug_spells(title, url, part):
    from cleaner.headline import slug_part

    assert slug_part(title, slug_words(url)) == (part or title)


def test_a_whole_pages_byline_and_dateline_are_read_under_the_headline_the_url_finds():
    from cleaner import Cleaner

    byline = ["By Jane Roe", "March 5, 2021"]
    url = "https://news.example.com/local/council-votes-to-extend-the-tram-line"
    doc = Cleaner().clean(_whole_page(*byline), url=url, kind="text")
    assert (doc.title, doc.authors, doc.date) == (PAGE_HEADLINE, ["Jane Roe"], "2021-03-05")
    assert all(line not in doc.text for line in byline)
    assert all(paragraph in doc.text for paragraph in PAGE_BODY)


LONG_MENUS = [*PAGE_MENUS, *(f"Section {number}" for number in range(1, 20))]  # past the header reader's reach
PAGE_DATELINE = "Updated Nov 20, 2019 1:39 am"


def _page_over_dateline(*between: str, headline: str = PAGE_HEADLINE) -> str:
    """A whole page with no URL and no byline reader's evidence: menus, the headline, what stands
    between it and the dateline, the dateline, the story, a footer."""
    return "\n".join([*LONG_MENUS, headline, *between, PAGE_DATELINE, *PAGE_BODY, "About us", "Contact"])


@pytest.mark.parametrize(
    "between",
    [
        (),
        ("Jane Roe, Transit Reporter",),  # a byline without 'By'
        ("By", "Jane Roe"),  # a byline split at its link
        ("(Jane Roe / Associated Press)",),  # a photo credit
        ("The Transport Desk",),  # a desk
        ("Breaking News Emails",),  # a widget's label
        ("The line will reach the northern suburbs by 2027.", "Jane Roe"),  # a standfirst and a name
    ],
)
def test_a_whole_pages_headline_is_the_line_over_its_dateline(between):
    from cleaner import Cleaner

    for cleaner in (Cleaner(), Cleaner(Config(line_model=False))):
        doc = cleaner.clean(_page_over_dateline(*between), kind="text")
        assert (doc.title, doc.date[:10]) == (PAGE_HEADLINE, "2019-11-20")
        assert PAGE_HEADLINE not in doc.text.split("\n\n")
        assert any(r.rule == "generic.headline" and r.text == PAGE_HEADLINE for r in doc.removed) or any(
            r.rule == "generic.line-model" and r.text == PAGE_HEADLINE for r in doc.removed
        )


@pytest.mark.parametrize(
    "between",
    [
        ("Jane Roe and John Doe, Associated Press",),  # two names and their outlet: shaped like a headline
        ("Jane Roe and John Doe, Associated Press", "Updated"),
        ("By", "Jane Roe and John Doe"),
    ],
)
def test_a_whole_pages_headline_stands_over_the_byline_read_with_its_dateline(between):
    from cleaner import Cleaner

    for cleaner in (Cleaner(), Cleaner(Config(line_model=False))):
        doc = cleaner.clean(_page_over_dateline(*between), kind="text")
        assert (doc.title, doc.authors, doc.date[:10]) == (PAGE_HEADLINE, ["Jane Roe", "John Doe"], "2019-11-20")
        assert not any(line in doc.text.split("\n\n") for line in (PAGE_HEADLINE, *between))


@pytest.mark.parametrize(
    "headline",
    [
        "Gift Guide: What do you buy for the commuter who already owns every gadget there is?",
        "Will the tram line really reach the northern suburbs before the next election?",
        "Council votes to extend the tram line to the northern suburbs at last!",
    ],
)
def test_a_whole_pages_headline_over_its_dateline_may_ask_or_exclaim(headline):
    # as long as a sentence, but one sentence, shaped like a headline, over the byline and dateline
    from cleaner import Cleaner

    doc = Cleaner(Config(line_model=False)).clean(_page_over_dateline("Jane Roe", headline=headline), kind="text")
    assert (doc.title, doc.authors, doc.date[:10]) == (headline, ["Jane Roe"], "2019-11-20")
    assert headline not in doc.text.split("\n\n")


def test_over_a_name_and_its_outlet_the_line_of_headline_length_is_the_headline():
    # 'Associated Press' stands over the dateline the header reads; the headline is two lines higher
    from cleaner import Cleaner

    header = [PAGE_HEADLINE, "Jane Roe", "Associated Press", "Published 11:34 PM EST Nov 19, 2019"]
    dump = "\n".join(["Learn More", *header, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert (doc.title, doc.date[:10]) == (PAGE_HEADLINE, "2019-11-19")
    assert "Associated Press" not in doc.text.split("\n\n")[:1]


@pytest.mark.parametrize(
    ("found", "title"),
    [
        ("- Council Votes to Extend the Tram Line", PAGE_HEADLINE),
        ("• " + PAGE_HEADLINE, PAGE_HEADLINE),
        ("-5 Degrees Tonight", "-5 Degrees Tonight"),
    ],
)
def test_a_title_loses_its_list_marker(found, title):
    from cleaner.headline import clean_title

    assert clean_title(found) == title


@pytest.mark.parametrize(
    "between",
    [
        ("Jane Roe",),
        ("Jane Roe", "Transit Desk"),
        ("The line will reach the northern suburbs by 2027, the council says.", "By", "Jane Roe"),
    ],
)
def test_the_lines_between_a_pages_headline_and_its_dateline_give_its_author(between):
    from cleaner import Cleaner

    doc = Cleaner(Config(line_model=False)).clean(_page_over_dateline(*between), kind="text")
    assert (doc.title, doc.authors) == (PAGE_HEADLINE, ["Jane Roe"])
    assert "Jane Roe" not in doc.text.split("\n\n")


# What a page sets between its dateline and the story: a section label, a standfirst, a share
# count, a picture's caption and credit
STORY_FURNITURE = ("Transport", "The line opens in 2027.", "Shares", "A tram at the depot.", "(Image: © Jane Roe)")


def test_a_pages_headline_and_byline_stand_over_a_dateline_whose_story_starts_under_its_furniture():
    from cleaner import Cleaner

    header = [PAGE_HEADLINE, "By", "Jane Roe", PAGE_DATELINE, *STORY_FURNITURE]
    dump = "\n".join([*LONG_MENUS, *header, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert (doc.title, doc.authors, doc.date[:10]) == (PAGE_HEADLINE, ["Jane Roe"], "2019-11-20")
    assert all(paragraph in doc.text for paragraph in PAGE_BODY)


def test_a_date_set_over_its_headline_lends_the_line_above_it_no_headline():
    # the story starts well under the dateline and no byline stands beside it: the dateline is set
    # over its own headline, and the line above it is a widget's
    from cleaner import Cleaner

    header = ["Order a reprint of this article now", "REAL ESTATE", PAGE_DATELINE, PAGE_HEADLINE]
    tabs = ["Article", "Video", "Interactive Graphics", "Comments"]
    dump = "\n".join([*LONG_MENUS, *header, *tabs, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert doc.title != "Order a reprint of this article now"


@pytest.mark.parametrize("byline", ["| BY: Jane Roe, Transit Reporter", "By Jane Roe"])
def test_a_byline_under_a_pages_dateline_gives_its_author(byline):
    from cleaner import Cleaner

    dump = "\n".join([*LONG_MENUS, PAGE_HEADLINE, PAGE_DATELINE, byline, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert (doc.title, doc.authors, doc.date[:10]) == (PAGE_HEADLINE, ["Jane Roe"], "2019-11-20")
    assert byline not in doc.text.split("\n\n")
    assert all(paragraph in doc.text for paragraph in PAGE_BODY)


@pytest.mark.parametrize(("dateline", "authors"), [(PAGE_DATELINE, ["Jane Roe"]), ("March 2, 2021 4:10 pm", [])])
def test_a_dated_page_takes_its_author_from_the_byline_over_a_dateline_of_its_day(dateline, authors):
    # the header dated the page already; a byline over a dateline of another day is a comment's
    from cleaner import Cleaner

    header = ["Published: November 20, 2019", *LONG_MENUS, PAGE_HEADLINE, "By", "Jane Roe", dateline]
    dump = "\n".join([*header, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert (doc.authors, doc.date) == (authors, "2019-11-20")
    assert ("Jane Roe" in doc.text.split("\n\n")) is not bool(authors)


def test_a_dateline_in_a_text_that_reads_as_no_page_gives_no_headline():
    # a cleaned article's comment: its title and date over its text; the dump is prose, no page
    from cleaner import Cleaner

    comment = ["A Welcome Decision for the Northern Suburbs", "Updated Nov 20, 2019 1:39 am", PAGE_BODY[1]]
    doc = Cleaner(Config(line_model=False)).clean("\n\n".join([*PAGE_BODY, *comment, *PAGE_BODY]), kind="text")
    assert doc.title != comment[0]


def test_no_line_over_a_sidebars_dateline_is_a_headline():
    # the first dateline is a teaser's, with more teasers under it: no story starts there
    from cleaner import Cleaner

    teasers = ["Harbour Ferry Fares Rise Again This Winter", "Updated Nov 19, 2019 6:55 am"]
    teasers += ["Library Hours Extended for the Exam Season", "Updated Nov 18, 2019 4:10 pm"]
    dump = "\n".join([*LONG_MENUS, *teasers, PAGE_HEADLINE, *PAGE_BODY, "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert doc.title != "Harbour Ferry Fares Rise Again This Winter"


def test_an_embedded_posts_attribution_over_its_date_is_no_headline():
    from cleaner import Cleaner

    embed = ["— Jane Roe (@janeroe) on the tram vote", "November 19, 2019"]
    dump = "\n".join([*LONG_MENUS, PAGE_BODY[0], *embed, PAGE_BODY[1], "About us", "Contact"])
    doc = Cleaner(Config(line_model=False)).clean(dump, kind="text")
    assert doc.title is None and embed[0] in doc.text


def test_the_line_over_a_dateline_is_not_taken_with_the_headline_rule_disabled():
    from cleaner import Cleaner

    doc = Cleaner(Config(line_model=False, disabled_rules=("generic.headline",))).clean(
        _page_over_dateline(), kind="text"
    )
    assert doc.title is None and PAGE_HEADLINE in doc.text


STORY = Paragraph(
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, ending a debate "
    "that has run for more than a decade."
)


def test_once_a_pages_menus_are_gone_its_first_line_is_the_headline():
    from cleaner.headline import take_page_headline

    found = take_page_headline([Paragraph(PAGE_HEADLINE), Paragraph("By Jane Roe"), STORY])
    assert found.title == PAGE_HEADLINE and found.paragraphs == [Paragraph("By Jane Roe"), STORY]


@pytest.mark.parametrize(
    "first",
    [
        "Trevor Daugherty",  # a byline without 'By'
        "Tanza Loudenback, Business Insider",  # a name and its outlet
        "Ilana Muhlstein, MS, RDN",  # a name and its credentials
        "12:02 PM",
        "November 19, 2019 / 12:21 AM",
        "Posted on March 5, 2021 by Jane Roe",
        "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",  # dates without a year, and their labels
        "November 18, 2019 at 2:26 PM HST - Updated November 18 at 4:46 PM",
        "2 days",  # relative times, in several languages
        "5 hours ago",
        "Updated 3h ago",
        "vor 3 Stunden",
        "il y a 2 jours",
        "hace 3 días",
        "3 часа назад",
        "3天前",
    ],
)
def test_a_header_line_left_first_is_no_headline(first):
    from cleaner.headline import take_page_headline

    assert take_page_headline([Paragraph(first), STORY]).title is None


@pytest.mark.parametrize("line", ["100 Days of Rain Over the Valley", "Seven Days in May", "Top 10 Hikes"])
def test_a_headline_that_counts_time_is_no_relative_time(line):
    from cleaner.header import is_relative_stamp
    from cleaner.headline import take_page_headline

    assert not is_relative_stamp(line)
    assert take_page_headline([Paragraph(line), STORY]).title == line


def test_a_line_the_next_one_carries_on_is_no_headline():
    from cleaner.headline import take_page_headline

    lines = paras("Star Trek Beyond", "was directed by Justin Lin, and its sequel is still without a director.")
    assert take_page_headline(lines).title is None


def test_a_page_like_dumps_first_line_is_a_menu_unless_the_story_starts_under_it():
    from cleaner.headline import Hints

    # both read as whole pages: many lines, most of them short
    menus = paras("Skip to content", *PAGE_MENUS, PAGE_HEADLINE, STORY.text)
    page = Hints(cleared=True, raw=True, page_test=True)
    assert take_headline(menus, None, None, hints=page).title is None
    story_first = paras(PAGE_HEADLINE, "Share", STORY.text, *PAGE_MENUS)
    assert take_headline(story_first, None, None, hints=page).title == PAGE_HEADLINE


def test_a_whole_pages_headline_is_the_line_over_its_byline_however_far_down_the_menus_push_it():
    from cleaner.headline import Hints

    page = Hints(cleared=True, raw=True, page_test=True)
    headline = Paragraph(PAGE_HEADLINE)
    lines = [*paras(*PAGE_MENUS), headline, STORY, *paras(*PAGE_MENUS)]
    assert take_headline(lines, None, headline, hints=page).title == PAGE_HEADLINE
    # an author box under the story points to no headline, nor does a name or a time over a byline
    box = Paragraph("About the author")
    assert take_headline([*paras(*PAGE_MENUS), STORY, box], None, box, hints=page).title is None
    for line in ("Jane Roe", "12:02 PM", "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM"):
        over = Paragraph(line)
        assert take_headline([*paras(*PAGE_MENUS), over, STORY], None, over, hints=page).title is None


def test_a_dateline_over_a_byline_gives_way_to_the_headline_above_it():
    from cleaner.headline import Hints

    page = Hints(cleared=True, raw=True, page_test=True)
    headline = Paragraph(PAGE_HEADLINE)
    time = Paragraph("3:29 PM")  # the line over 'Posted by': a dateline, whose headline is above it
    lines = [*paras(*PAGE_MENUS), headline, Paragraph("Monday, October 22, 2012"), time, STORY]
    assert take_headline(lines, None, time, hints=page).title == PAGE_HEADLINE
    # of a headline and the standfirst under it, the upper line
    standfirst = Paragraph("“We have to make some changes,” the mayor told the council members on Monday")
    lines = [*paras(*PAGE_MENUS), headline, standfirst, Paragraph("November 18, 2019"), time, STORY]
    assert take_headline(lines, None, time, hints=page).title == PAGE_HEADLINE
    # a line of dates and times alone is never the headline itself
    lines = [*paras(*PAGE_MENUS), Paragraph("Council"), time, STORY]
    assert take_headline(lines, None, time, hints=page).title is None


def test_a_whole_pages_headline_printed_twice_in_a_row_is_its_headline_and_leaves_whole():
    from cleaner.headline import Hints

    page = Hints(cleared=True, raw=True, page_test=True)
    lines = [*paras(*PAGE_MENUS), Paragraph(PAGE_HEADLINE), Paragraph(PAGE_HEADLINE), STORY, *paras(*PAGE_MENUS)]
    found = take_headline(lines, None, None, hints=page)
    assert found.title == PAGE_HEADLINE and PAGE_HEADLINE not in [p.text for p in found.paragraphs]
    assert [r.text for r in found.removed].count(PAGE_HEADLINE) == 2
    # a short label twice, or a line repeated under the story's first prose, is no headline
    labels = [*paras(*PAGE_MENUS), *paras("Share this", "Share this"), STORY, *paras(*PAGE_MENUS)]
    assert take_headline(labels, None, None, hints=page).title is None
    below = [*paras(*PAGE_MENUS), STORY, Paragraph(PAGE_HEADLINE), Paragraph(PAGE_HEADLINE), *paras(*PAGE_MENUS)]
    assert take_headline(below, None, None, hints=page).title is None


def test_without_a_url_a_whole_pages_headline_is_found_under_its_menus():
    from cleaner import Cleaner

    story = [
        *PAGE_BODY,
        "Opponents of the plan said the money would be better spent on buses, which reach more of the "
        "city's outlying districts, but the mayor said the tram would pay for itself within twenty years.",
        "The first new stops are due to open in 2027, and the line is expected to carry forty thousand "
        "passengers a day once it reaches the airport.",
    ]
    footer = ["About us", "Contact", "Privacy", "Terms of use", "Advertise", "Careers"]
    dump = "\n".join([*PAGE_MENUS, PAGE_HEADLINE, "By Jane Roe", "March 5, 2021", *story, *footer])
    doc = Cleaner().clean(dump, kind="text")
    assert (doc.title, doc.authors, doc.date) == (PAGE_HEADLINE, ["Jane Roe"], "2021-03-05")
    assert doc.text == "\n\n".join(story)
    assert [r.rule for r in doc.removed if r.text == PAGE_HEADLINE] == ["generic.headline"]


@pytest.mark.parametrize(
    "line, authors",
    [
        ("Jane Roe", ["Jane Roe"]),
        ("Tom Krisher, Ap Auto Writer", ["Tom Krisher"]),  # a name and its role
        ("Jane Roe and John Doe", ["Jane Roe", "John Doe"]),
        ("Politics", []),  # one word: a section label
        ("Key Points 2019", []),  # digits: no name
    ],
)
def test_a_line_of_names_right_under_a_whole_pages_headline_is_its_byline(line, authors):
    from cleaner import Cleaner

    url = "https://news.example.com/local/council-votes-to-extend-the-tram-line"
    doc = Cleaner().clean(_whole_page(line), url=url, kind="text")
    assert doc.title == PAGE_HEADLINE and doc.authors == authors
    assert not authors or line not in doc.text


@pytest.mark.parametrize(
    ("title", "own"),
    [
        ("dy/dan » Blog Archive » 1,400 Rectangles", "1,400 Rectangles"),
        ("Fan Forum > Community > Cafe > The stage that decided the Tour", "The stage that decided the Tour"),
        ("InfoWorld Home / Applications / News / HP simplifies its testing suite", "HP simplifies its testing suite"),
        ("You are here: Home / Giveaways / 30 Days of Secret Giveaways! Day 3", "30 Days of Secret Giveaways! Day 3"),
        # slashes list alternatives in headlines; a trail of slashes starts at home
        ("Review: Apple / Samsung / Google phones compared", "Review: Apple / Samsung / Google phones compared"),
        ("AC/DC tour dates / 2019", "AC/DC tour dates / 2019"),
        ("Council Votes to Extend the Tram Line", "Council Votes to Extend the Tram Line"),
    ],
)
def test_a_breadcrumb_trail_leaves_the_pages_own_title(title, own):
    from cleaner.headline import breadcrumb_tail

    assert breadcrumb_tail(title) == own


def test_a_pages_title_at_the_end_of_its_breadcrumb_trail():
    from cleaner import Cleaner

    body = "".join(f"<p>{paragraph}</p>" for paragraph in PAGE_BODY)
    page = f"<html><head><title>Notes » Blog Archive » {PAGE_HEADLINE}</title></head><body>{body}</body></html>"
    assert Cleaner().clean(page, kind="html").title == PAGE_HEADLINE
