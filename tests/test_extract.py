"""Extraction: readability's agreement trims boilerplate at the edges, never inside the body."""

import lxml.html
from lxml import etree

from cleaner import Cleaner, Config
from cleaner.document import Paragraph
from cleaner.extract import (
    SOURCE_TEXT_RULE,
    ExtractOptions,
    _ShingleMemo,
    added_prose,
    adds_sibling_text,
    agrees,
    edges_in_doubt,
    extract,
    holds_and_extends,
    library_readability_paragraphs,
    looks_like_dump,
    paragraphs_of,
    run_together_around,
    takes_other_block,
    trim_to_contained,
    trim_to_support,
)

BODY = [
    "The council voted on Tuesday to close the old bridge for repairs next spring.",
    "Engineers found cracks in two of the supporting piers during an inspection.",
    "Traffic will be diverted through the town centre for about six months.",
]


def _paras(texts):
    return [Paragraph(text) for text in texts]


def test_unsupported_trailing_paragraphs_are_dropped():
    extracted = _paras([*BODY, "Sign up for our newsletter", "More stories from the region"])
    assert [p.text for p in trim_to_support(extracted, _paras(BODY))] == BODY


def test_unsupported_paragraph_inside_the_body_is_kept():
    table = "Pier | Crack length | Status"
    extracted = _paras([BODY[0], table, BODY[1], BODY[2]])
    assert trim_to_support(extracted, _paras(BODY)) == extracted


def test_leading_prose_paragraph_is_kept_even_without_support():
    lead = "Residents have complained about the state of the bridge for more than ten years."
    extracted = _paras([lead, *BODY])
    assert trim_to_support(extracted, _paras(BODY))[0].text == lead


def test_leading_standfirst_without_sentence_end_is_dropped():
    dek = "A crumbling crossing and a long detour ahead"
    extracted = _paras([dek, *BODY])
    assert [p.text for p in trim_to_support(extracted, _paras(BODY))] == BODY


def test_nothing_is_trimmed_when_the_second_opinion_disagrees_overall():
    other = _paras(["An entirely different text about the weather in the mountains today."])
    extracted = _paras([*BODY, "Sign up for our newsletter"])
    assert trim_to_support(extracted, other) == extracted


FURNITURE = [f"Book {n} | Buy it now from these retailers: Shop one Shop two Shop three" for n in range(8)]
POST = [
    "Every subscription is cheap on the day you sign up and expensive on the day you forget about it.",
    "Read the cancellation terms before the welcome offer, not after the third renewal of the plan.",
]


def test_furniture_past_a_short_post_is_dropped_when_the_post_is_all_the_second_opinion_holds():
    extracted = _paras([*POST, *FURNITURE])
    assert [p.text for p in trim_to_contained(extracted, _paras(POST))] == POST


def test_one_prose_blurb_in_the_furniture_does_not_keep_it():
    blurb = "Field Notes is a weekly letter about money, written by two people who read the small print."
    extracted = _paras([*POST, blurb, *FURNITURE])
    assert [p.text for p in trim_to_contained(extracted, _paras(POST))] == POST


def test_prose_past_the_second_opinion_keeps_everything():
    more = [
        "The bridge was built in 1887 and last repaired in the 1970s, when its deck was replaced entirely.",
        "Shops on the high street said they expect fewer customers while the detour is in place this year.",
    ]
    extracted = _paras([*POST, *more, *FURNITURE])
    assert trim_to_contained(extracted, _paras(POST)) == extracted


def test_a_large_block_beside_the_post_keeps_everything():
    thread = " ".join(["Great post, I cancelled three of mine after reading it and saved a fortune"] * 8)
    extracted = _paras([*POST, thread, *FURNITURE])
    assert trim_to_contained(extracted, _paras(POST)) == extracted


def test_no_trim_to_a_second_opinion_trafilatura_does_not_hold():
    other = _paras(["An entirely different text about the weather in the mountains today, sunny and cold."])
    extracted = _paras([*POST, *FURNITURE])
    assert trim_to_contained(extracted, other) == extracted


def test_a_story_inside_a_run_together_page_is_taken_out_of_it():
    menu = "Home Local Nature Sport Travel Lighthouse keeper retires Ferry fares frozen Kelp farm harvest"
    blob = _paras(
        [" ".join([menu, *BODY, "Share it. Post it. Mail it. Galleries Puzzles Letters to the editor", menu])]
    )
    assert run_together_around(blob, _paras(BODY), _ShingleMemo())


def test_a_headline_and_byline_cut_out_of_a_run_together_page_are_not_the_story():
    menu = "Home Local Nature Sport Travel Lighthouse keeper retires Ferry fares frozen Kelp farm harvest"
    heading = ["Bridge to close for repairs next spring", "Jane Roe", "Posted 8:11 AM by Jane Roe"]
    blob = _paras([" ".join([menu, *heading, *BODY, *BODY, "Galleries Puzzles Letters to the editor", menu])])
    assert not run_together_around(blob, _paras(heading), _ShingleMemo())


def test_a_second_opinion_close_to_the_run_together_text_does_not_replace_it():
    blob = _paras([" ".join([*BODY, "Share it. Post it."])])
    assert not run_together_around(blob, _paras(BODY), _ShingleMemo())


def test_paragraphed_text_is_not_run_together():
    extracted = _paras([*BODY, *FURNITURE])
    assert not run_together_around(extracted, _paras(BODY), _ShingleMemo())


LONG = "The council approved the budget on Tuesday after a debate that ran well into the night, members said."
P = Paragraph


def test_edges_of_long_prose_need_no_second_opinion():
    paragraphs = [P("Budget approved"), *(P(LONG) for _ in range(4))]
    assert not edges_in_doubt(paragraphs, "Budget approved")


def test_a_short_line_at_either_edge_puts_the_edges_in_doubt():
    assert edges_in_doubt([*(P(LONG) for _ in range(4)), P("SOURCE: News agencies")], None)
    assert edges_in_doubt([P("Budget approved"), *(P(LONG) for _ in range(4))], None)


def test_list_items_at_an_edge_put_the_edges_in_doubt():
    assert edges_in_doubt([*(P(LONG) for _ in range(4)), P(LONG, "list")], None)


def test_trimmed_edges_are_recorded_with_the_edge_rule():
    from cleaner.extract import EDGE_TRIM_RULE, trimmed_removals

    extracted = _paras(["Subscribe to our newsletter", *BODY, "More stories"])
    kept = trim_to_support(extracted, _paras(BODY))
    removed = trimmed_removals(extracted, kept)
    assert [(r.rule, r.kind, r.text) for r in removed] == [
        (EDGE_TRIM_RULE, "extract", "Subscribe to our newsletter"),
        (EDGE_TRIM_RULE, "extract", "More stories"),
    ]


def test_text_between_trafilatura_blocks_is_a_paragraph():
    body = etree.fromstring("<body>Lead.<head>Deal one</head>Its description.<p>A paragraph.</p>Closing.</body>")
    assert [p.text for p in paragraphs_of(body)] == [
        "Lead.",
        "Deal one",
        "Its description.",
        "A paragraph.",
        "Closing.",
    ]


def test_one_paragraph_holding_the_whole_page_is_a_dump():
    assert looks_like_dump(_paras(["Menu " * 600, "A short story."]))


def test_a_long_paragraph_among_others_is_not_a_dump():
    assert not looks_like_dump(_paras(["Long prose. " * 200, "Other prose. " * 30]))


def test_a_line_break_keeps_the_words_on_either_side_apart():
    body = etree.fromstring("<body><p>Tour dates:<lb/>June 9, Tampa, FL<lb/>June 10</p></body>")
    assert [p.text for p in paragraphs_of(body)] == ["Tour dates: June 9, Tampa, FL June 10"]


def test_a_nested_list_is_not_repeated_in_its_outer_item():
    body = etree.fromstring(
        "<body><list><item>Fruit<list><item>Apple</item><item>Pear</item></list> and more</item>"
        "<item>Vegetables</item></list></body>"
    )
    assert [p.text for p in paragraphs_of(body)] == ["Fruit and more", "Apple", "Pear", "Vegetables"]


def test_a_nested_table_is_not_repeated_in_its_outer_cell():
    body = etree.fromstring(
        "<body><table><row><cell>Name</cell><cell>Scores<table><row><cell>1</cell><cell>2</cell>"
        "</row></table></cell></row><row><cell>Ann</cell><cell>9</cell></row></table></body>"
    )
    assert [p.text for p in paragraphs_of(body)] == ["Name | Scores", "1 | 2", "Ann | 9"]


MORE = [
    "The bridge carries about twelve thousand vehicles a day, according to the county.",
    "Shop owners in the centre said they expected more customers during the closure.",
    "A public meeting about the diversion is planned for the first week of March.",
    "The repairs are expected to cost four million pounds, paid by the regional fund.",
]


def test_a_much_longer_second_extraction_holding_the_first_replaces_it():
    assert holds_and_extends(_paras(BODY + MORE), _paras(BODY[:2]))


def test_a_longer_second_extraction_about_something_else_does_not():
    sidebar = [f"{line} Filed under events." for line in MORE * 2]
    assert not holds_and_extends(_paras(sidebar), _paras(BODY[:2]))


def test_a_second_extraction_of_about_the_same_length_does_not():
    assert not holds_and_extends(_paras(BODY), _paras(BODY[:2]))


def test_a_second_extraction_adding_sibling_blocks_to_the_first_extends_it():
    assert adds_sibling_text(_paras(BODY + MORE), _paras(BODY), _ShingleMemo())


def test_a_second_extraction_leaving_out_part_of_the_first_does_not_extend_it():
    assert not adds_sibling_text(_paras(BODY[:1] + MORE), _paras(BODY), _ShingleMemo())


def test_a_second_extraction_of_the_same_text_does_not_extend_it():
    assert not adds_sibling_text(_paras(BODY), _paras(BODY), _ShingleMemo())


def test_added_prose_counts_only_the_sentences_the_first_extraction_lacks():
    captions = ["Photo: Reuters", "The bridge at dusk"]
    assert added_prose(_paras(BODY + captions), _paras(BODY), _ShingleMemo()) == 0
    added = [f"{line} It was the main item on the agenda this week." for line in MORE]
    assert added_prose(_paras(BODY + added), _paras(BODY), _ShingleMemo()) == sum(len(line) for line in added)


NAVIGATION = ["Home | News | Sport | Weather", "Business | Culture | Travel", "Contact us | About"]
# Old pages: the article as bare lines, no sentence punctuation to count as prose.
BARE_LINES = [
    f"line {n} of the story about the {word} harbour and its fishing fleet in winter"
    for n, word in enumerate(("old", "north", "east", "small", "busy", "quiet"))
]


def _other_block(second, first, arbiter=None):
    return takes_other_block(_paras(second), _paras(first), _ShingleMemo(), arbiter)


def test_the_article_replaces_a_navigation_bar_taken_instead_of_it():
    assert _other_block(BODY + MORE, NAVIGATION)


def test_a_navigation_bar_never_replaces_the_article():
    assert not _other_block(NAVIGATION * 3, BODY)


def test_extractions_that_agree_are_left_to_the_edge_trim():
    assert not _other_block(BODY + MORE, BODY[:2] + ["Share this story"])


def test_prose_far_shorter_than_the_first_extraction_does_not_replace_it():
    assert not _other_block(BODY[:1], BARE_LINES * 4)


def test_without_prose_the_arbiter_picks_the_side_it_agrees_with():
    second = BARE_LINES * 2
    assert _other_block(second, NAVIGATION, arbiter=lambda: "\n".join(BARE_LINES))
    assert not _other_block(second, NAVIGATION, arbiter=lambda: "\n".join(NAVIGATION))


def test_without_prose_or_arbiter_the_first_extraction_stays():
    assert not _other_block(BARE_LINES * 2, NAVIGATION)


# A blogroll: a long list of names, no sentence in it.
NAMES = [
    f"{first} {last}"
    for first in ("Adam", "Anne", "Brian", "Carla", "David")
    for last in ("Bear", "Cole", "Moore", "Young")
]
NOTICE = [
    "Applications are open for a faculty position in the philosophy department, and candidates "
    "working on experimental methods are encouraged to apply. The department has a strong cognitive "
    "science programme, and the search committee values interdisciplinary work. Review of "
    "applications begins in November and continues until the position is filled."
]


def test_the_only_prose_replaces_a_long_list_of_names():
    assert _other_block(NOTICE, NAMES * 8)


def test_the_only_prose_does_not_replace_an_old_pages_bare_line_article():
    assert not _other_block(NOTICE, BARE_LINES * 4)


def test_a_short_prose_blurb_does_not_replace_a_list():
    assert not _other_block([NOTICE[0][:200].rsplit(" ", 1)[0] + "."], NAMES * 8)


COMMENTED = (
    "<html><body><article>"
    + "".join(f"<p>{line} It was the main item on the agenda this week.</p>" for line in BODY + MORE)
    + '</article><div class="comments"><h3>Comments</h3><ul>'
    "<li><p>About time. The bridge has needed this work for years, everyone in town knows it.</p></li>"
    "</ul></div></body></html>"
)


def test_reader_comments_follow_the_body_only_when_asked_for():
    from cleaner import Cleaner, Config

    assert "About time" not in Cleaner().clean(COMMENTED, kind="html").text
    kept = Cleaner(Config(include_comments=True)).clean(COMMENTED, kind="html").text
    assert kept.index("About time") > kept.index("twelve thousand vehicles")


POSTS = [
    "The fishing boats came back early this morning because the wind turned, and the harbour master closed the "
    "outer gate before nine. Nobody on the quay could remember a storm arriving that fast.",
    "A bakery opened on Mill Street last week, in the old shoe shop, and by Saturday the queue reached the corner. "
    "The owner bakes rye, spelt and a sourdough that sells out before ten.",
    "The council met on Thursday to discuss the parking plan for the town centre, and after two hours of debate "
    "the vote was postponed until the engineers report on traffic at the school gates.",
]
# A blog's front page: each post in its own container, side by side; one post is not the page's text.
BLOG = (
    '<html><head><title>Town blog</title></head><body><div id="header"><a href="/">Home</a></div>'
    '<div class="blog-posts">'
    + "".join(
        f'<div class="post"><h2>Post {i}</h2><div class="post-body"><p>{text}</p></div></div>'
        for i, text in enumerate(POSTS)
    )
    + '</div><div id="sidebar"><ul><li><a href="/archive">Archive</a></li></ul></div></body></html>'
)


def test_extractions_agree_when_the_second_holds_the_first_at_about_its_length():
    shingles = _ShingleMemo()
    assert agrees(_paras(BODY), _paras(BODY[:2]), shingles)
    assert not agrees([], _paras(BODY), shingles)
    assert not agrees(_paras(BODY), _paras(BODY[:1]), shingles)  # three times as long: something to settle
    assert not agrees(_paras(POSTS), _paras(BODY), shingles)


def test_the_readability_library_merges_an_articles_sibling_segments():
    texts = [p.text for p in library_readability_paragraphs(lxml.html.document_fromstring(BLOG))]
    assert all(post in texts for post in POSTS)


def test_a_blog_front_page_keeps_every_post():
    text = Cleaner(Config()).clean(BLOG, kind="html").text
    assert all(post in text for post in POSTS)


def test_a_page_the_readability_library_finds_nothing_in_gives_no_opinion():
    assert library_readability_paragraphs(lxml.html.document_fromstring("<html><body></body></html>")) == []


LEAKY_PAGE = (
    "<html><body><div class='story'>"
    + "".join(f"<p>{text}</p>" for text in BODY)
    + "<p>var _gaq = _gaq || []; _gaq.push(['_setAccount', 'UA-1234567-1']); _gaq.push(['_trackPageview']);</p>"
    + "</div></body></html>"
)


def test_extract_options_decide_whether_leaked_source_leaves_the_body():
    found = extract(lxml.html.fromstring(LEAKY_PAGE), None)
    assert not any("_gaq" in p.text for p in found.paragraphs)
    assert [r.rule for r in found.removed] == [SOURCE_TEXT_RULE]
    kept = extract(lxml.html.fromstring(LEAKY_PAGE), None, ExtractOptions(drop_source=False))
    assert any("_gaq" in p.text for p in kept.paragraphs) and kept.removed == []


def _recall_passes(monkeypatch, html):
    """The text cleaner gives a page, and how many times trafilatura's recall pass was asked for."""
    import cleaner.extract as extraction

    asked = []
    fast_mode = extraction._trafilatura_paragraphs

    def spy(tree, url, include_comments, favor_recall=False):
        asked.append(favor_recall)
        return fast_mode(tree, url, include_comments, favor_recall)

    monkeypatch.setattr(extraction, "_trafilatura_paragraphs", spy)
    return Cleaner().clean(html).text, sum(asked)


def test_a_run_together_page_readability_cannot_read_gets_the_recall_pass(monkeypatch):
    lines = [f"Line {n} of an old page: the council met on Tuesday and voted on the harbour plan." for n in range(40)]
    text, recall_passes = _recall_passes(monkeypatch, "<html><body>" + "<br>".join(lines) + "</body></html>")
    assert recall_passes == 1
    assert text.split("\n\n")[-30:] == lines[-30:]  # the recall pass reads the lines as paragraphs


def test_a_run_together_page_that_readability_reads_the_same_skips_the_recall_pass(monkeypatch):
    story = "The council voted on Tuesday to extend the harbour plan, ending a decade of debate. " * 3
    menu = "Home News Sport Weather Contact About Archive " * 60
    html = (
        f"<html><body><font>{menu}</font><br>{story}<br><font>{'Privacy Terms Cookies Jobs ' * 30}</font></body></html>"
    )
    text, recall_passes = _recall_passes(monkeypatch, html)
    assert recall_passes == 0
    assert text.startswith(story.strip())  # the menus before it gone
