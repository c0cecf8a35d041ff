"""The learned line model: features, the bundled weights, and its place in the text path."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.cli import main, render_explanation
from cleaner.config import Config
from cleaner.document import Document, Paragraph, Removal
from cleaner.linemodel import (
    DENSE_SIZE,
    EMPTY_PAGE_SCORE,
    ENDS_COLUMN,
    FOREST_FIELDS,
    HASH_DIM,
    LINE_MODEL_RULE,
    LOGIT_CLIP,
    MARKER_COLUMNS,
    NEIGHBOURHOOD_SIZE,
    SHIFTED_COLUMNS,
    SHIFTS,
    Forest,
    LineModel,
    _below_last_prose,
    char_tables,
    featurize,
    neighbourhood,
    page_cut,
    positions,
    probability,
    prose_units,
    word_counts,
)
from cleaner.units import looks_like_page

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted(REPO.glob("golden/seed-*/input.txt"))
ARTICLE = [
    "The city council voted on Tuesday to extend the tram line to the northern suburbs, ending a debate "
    "that has run for more than a decade and divided residents along the route.",
    "Supporters say the extension will cut commuting times by half for some twenty thousand people, while "
    "opponents argue that the money would be better spent on buses, which can reach more neighbourhoods.",
    "Construction is expected to begin next spring and to last about three years, according to the transport "
    "department, which will publish a detailed timetable in the coming weeks.",
    "The mayor said the decision was the most important one the council had taken in her time in office, and "
    "thanked the residents who had taken part in the consultation.",
]
MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Sign in", "Subscribe"]
FOOTER = [
    "About us",
    "Contact",
    "Privacy Policy",
    "Terms of Use",
    "Cookie settings",
    "\u00a9 2024 Example Media Group. All rights reserved.",
]
WHOLE_PAGE = "\n".join([*MENU, "Tram line extension approved", *ARTICLE, *FOOTER])


@pytest.fixture(scope="module")
def model() -> LineModel:
    return LineModel.load()


def test_bundled_model_loads_with_the_features_it_was_trained_on(model):
    assert model.dense_weights.shape == (DENSE_SIZE,) and model.word_weights.shape == (HASH_DIM,)
    assert 0.3 <= model.threshold < 1.0
    assert len(model.forest.roots) > 0 and model.forest.children.shape == (len(model.forest.feature), 2)
    assert np.all(model.scale > 0)


def test_bundled_model_records_the_inputs_it_was_fitted_to(model):
    # so that `train_line_model.py --check` can tell whether the script would write it again
    assert len(model.trained_on) == 64 and int(model.trained_on, 16) >= 0


def test_features_are_the_same_every_time_and_for_every_process():
    texts = ["Home", "Sign in", ARTICLE[0], "\u00a9 2024 Example", "1. First item", "\u4e2d\u6587 \u6587\u672c\u3002"]
    first, second = featurize(texts, char_tables()), featurize(list(texts), char_tables())
    assert np.array_equal(first.dense, second.dense) and np.array_equal(first.buckets, second.buckets)
    assert first.dense.shape == (len(texts), DENSE_SIZE)
    assert set(first.rows) == set(range(len(texts)))  # every paragraph with a word has hashed words
    assert featurize([], char_tables()).dense.shape == (0, DENSE_SIZE)


MODEL_ON = Cleaner(Config(line_model=True))


@pytest.mark.parametrize("opening", ["Plain words", "Ünïcödé “quoted” — text", "中文标题", "Emoji 🎉🎉 line"])
def test_markers_mark_the_paragraph_they_are_in_after_text_of_any_width(opening):
    # The marker search runs over UTF-8 bytes and counts characters back: one, two, three and
    # four bytes a character before the markers, and astral characters (surrogates in UTF-16).
    # Each marker ends its short line: a character miscounted before it moves it to the next line.
    texts = [opening, "mail @desk", "a | b", "made ©", "Last words"]
    dense = featurize(texts, char_tables()).dense
    marks = dense[:, MARKER_COLUMNS].tolist()  # a link, a separator, a copyright mark
    assert marks == [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 0, 0]]


@pytest.mark.parametrize(
    ("marker", "column"),
    [
        ("see https://example.org", 0),
        ("at HTTP://EXAMPLE.ORG", 0),
        ("www.example.net", 0),
        ("mail @desk", 0),
        ("example.com", 0),
        ("a | b", 1),
        ("a\t|", 1),
        ("Home \u00bb News", 1),
        ("a \u00b7 b", 1),
        ("one / two", 1),
        ("made \u00a9", 2),
        ("(C) 2021 Example", 2),
        ("(c)2021", 2),
    ],
)
def test_each_marker_form_sets_its_own_column(marker, column):
    # A match is told a link, a separator or a copyright mark by its first byte.
    dense = featurize(["Ünïcödé “opening”", marker, "Last words"], char_tables()).dense
    expected = [0, 0, 0]
    expected[column] = 1
    assert dense[:, MARKER_COLUMNS].tolist() == [[0, 0, 0], expected, [0, 0, 0]]


def test_a_long_paragraph_ends_as_its_last_characters_say_past_its_head():
    long_ = "word " * 60  # past the head the features read
    ends = [long_ + "end.", long_ + "end", long_ + "(quoted.)", long_ + "🎉"]
    dense = featurize(ends, char_tables()).dense
    assert dense[:, ENDS_COLUMN].tolist() == [1.0, 0.0, 1.0, 0.0]


def test_by_default_a_whole_page_dump_is_scored_and_extracted_text_is_not():
    assert looks_like_page(WHOLE_PAGE.split("\n")) and not looks_like_page(ARTICLE * 3)
    page = Cleaner().clean(WHOLE_PAGE, kind="text")
    assert any(r.rule == LINE_MODEL_RULE for r in page.removed)
    prose = "\n\n".join([*ARTICLE, "Related coverage", *ARTICLE[::-1], "Share this article"])
    assert not looks_like_page(prose.split("\n\n"))
    assert not any(r.rule == LINE_MODEL_RULE for r in Cleaner().clean(prose, kind="text").removed)


def test_switched_on_it_scores_extracted_text_too_and_switched_off_nothing():
    extracted = [*ARTICLE, "Share this article", "Privacy Policy"]
    assert not looks_like_page(extracted)
    doc = MODEL_ON.clean("\n\n".join(extracted), kind="text")
    assert all(paragraph in doc.text for paragraph in ARTICLE)
    off = Cleaner(Config(line_model=False)).clean(WHOLE_PAGE, kind="text")
    assert not any(r.rule == LINE_MODEL_RULE for r in off.removed)


def test_menus_and_footer_of_a_whole_page_dump_go_and_the_article_stays():
    doc = MODEL_ON.clean(WHOLE_PAGE, kind="text")
    for paragraph in ARTICLE:
        assert paragraph in doc.text
    kept = doc.text.split("\n\n")
    gone = [line for line in (*MENU, *FOOTER) if line not in kept]
    assert len(gone) >= 0.8 * len(MENU + FOOTER), kept
    assert any(r.rule == LINE_MODEL_RULE for r in doc.removed)  # rules alone leave some of the menu
    assert all(r.kind == "drop" and r.score is not None for r in doc.removed if r.rule == LINE_MODEL_RULE)


ABOUT_BOX = (
    "The Harbour Ledger is an independent newsroom owned by its readers, reporting on the towns of the "
    "north coast since 1921; it takes no money from the councils, ports or companies it covers."
)
SITE_RULES = """site: {{domains: [example.com]}}
rules:
  - id: example.com.menu-news
    description: The menu's News link.
    match: {{paragraph: '^News$'}}
{after}    action: drop
    examples: {{match: [News], keep: [Newsroom]}}
  - id: example.com.about-box
    description: The site's About box under every story.
    match: {{paragraph: '^The Harbour Ledger is an independent newsroom '}}
{after}    action: drop
    examples: {{match: ['The Harbour Ledger is an independent newsroom owned by its readers'], keep: [Newsroom]}}
"""


@pytest.mark.parametrize("after", [True, False])
def test_a_drop_rule_after_the_line_model_reads_only_what_the_model_keeps(tmp_path, after):
    (tmp_path / "sites").mkdir()
    rules = SITE_RULES.format(after="    after: line-model\n" if after else "")
    (tmp_path / "sites" / "example.com.yaml").write_text(rules, encoding="utf-8")
    page = "\n".join([*MENU, "Tram line extension approved", *ARTICLE, ABOUT_BOX, *FOOTER])
    doc = Cleaner(Config(rule_dirs=(str(tmp_path),))).clean(page, url="https://www.example.com/a", kind="text")
    by = {r.text: r.rule for r in doc.removed}
    # the model reads the page it was trained on; the rule takes the About box it keeps
    assert by["News"] == (LINE_MODEL_RULE if after else "example.com.menu-news")
    assert by[ABOUT_BOX] == "example.com.about-box" and ABOUT_BOX in Cleaner().clean(page, kind="text").text
    assert all(paragraph in doc.text for paragraph in ARTICLE)


SITE_TAIL = ["Harbour Ledger \u2014 news for the north coast", "About us", "Contact", "Careers"]


def test_a_page_like_dumps_tail_is_left_to_the_model_and_cut_by_the_rule_without_it():
    page = "\n".join([*MENU, "Tram line extension approved", *ARTICLE, *SITE_TAIL])
    off = Cleaner(Config(line_model=False))
    assert "generic.below-body-fragment" in {r.rule for r in off.clean(page, kind="text").removed}
    assert SITE_TAIL[0] in off.model_input(page)  # what the model reads, whether it is on or not
    on = Cleaner().clean(page, kind="text")
    assert "generic.below-body-fragment" not in {r.rule for r in on.removed}
    assert all(paragraph in on.text for paragraph in ARTICLE)


def test_the_model_reads_a_dump_as_cleaned_with_its_pages_url():
    # the URL a crawler gives brings the site's own rules (rules/sites/rt.com.yaml): the model is
    # trained on what it reads then, each page's dumps cleaned with that page's URL
    promo = "Also on rt.com Journalists and politicians from the party threatened with sedition arrests"
    dump = "\n\n".join([ARTICLE[0], promo, *ARTICLE[1:]])
    assert promo in Cleaner().model_input(dump)
    assert Cleaner().model_input(dump, "https://www.rt.com/news/1234-library/") == ARTICLE
    sys.path.insert(0, str(REPO))
    from benchmarks.sources import Page
    from benchmarks.train_line_model import dump_key

    pages = [Page("aeb", "1", "", url, "The article.") for url in ("https://a.example/1", "https://b.example/1")]
    assert dump_key(pages[0], "whole-page", dump) != dump_key(pages[1], "whole-page", dump)


def test_the_below_body_rule_still_cuts_under_extracted_text_that_the_model_does_not_read():
    dump = "\n\n".join([*ARTICLE, *SITE_TAIL])
    assert Cleaner().model_input(dump) == ARTICLE
    assert "generic.below-body-fragment" in {r.rule for r in Cleaner().clean(dump, kind="text").removed}


def test_a_dump_that_reads_as_a_page_only_by_its_header_lines_is_cut_by_the_rule():
    # ten lines when the rule runs (the share row gone), half of them short; the header step then takes
    # the byline and the dateline, and the model reads eight: no page, so the rule cuts the tail itself
    header = ["# Tram line extension approved", "*By Jane Roe*", "*March 5, 2021, 11:42 a.m. ET*"]
    more = "Work on the depot starts in June, and the first trams are due to run on the new line in 2028."
    tail = ["Harbour Ledger", "Your daily dose of coastal news"]
    dump = "\n\n".join([*header, *ARTICLE, more, "Share Tweet Pin Email", *tail])
    doc = Cleaner().clean(dump, kind="text")
    assert {r.text for r in doc.removed if r.rule == "generic.below-body-fragment"} == set(tail)
    assert LINE_MODEL_RULE not in {r.rule for r in doc.removed}
    assert doc.text == "\n\n".join([*ARTICLE, more])


def test_lines_read_how_far_under_the_last_prose_paragraph_they_stand():
    words = np.array([2, 30, 20, 3, 30, 2, 2])
    ends = np.array([0, 1, 1, 0, 0, 1, 0], dtype=bool)  # the 30 words at 4 end no sentence: no prose
    assert _below_last_prose(words, ends, np.arange(7)).tolist() == [0, 0, 0, 1, 2, 3, 4]
    assert _below_last_prose(np.array([3, 3]), np.array([1, 1], dtype=bool), np.arange(2)).tolist() == [2, 2]


def test_a_sentence_broken_into_lines_goes_or_stays_whole():
    broken = ["The council voted on", "the harbour plan", "after a long debate about its cost and its route."]
    doc = MODEL_ON.clean("\n".join([*MENU, *broken, *ARTICLE, *FOOTER]), kind="text")
    kept = doc.text.split("\n\n")
    assert all(line in kept for line in broken) or not any(line in kept for line in broken)
    scored = {r.text: r.score for r in doc.removed if r.rule == LINE_MODEL_RULE}
    assert len({scored.get(line) for line in broken}) == 1  # one score for the unit's lines


def test_scores_rank_menu_items_above_article_paragraphs(model):
    scores = model.scores([*MENU, *ARTICLE, *FOOTER])
    menu, article = scores[: len(MENU)], scores[len(MENU) : len(MENU) + len(ARTICLE)]
    assert article.max() < model.threshold <= np.median(menu)
    assert article.max() < menu.min()


def test_disabled_like_a_rule():
    doc = Cleaner(Config(line_model=True, disabled_rules=(LINE_MODEL_RULE,))).clean(WHOLE_PAGE, kind="text")
    assert not any(r.rule == LINE_MODEL_RULE for r in doc.removed)
    assert doc.text.split("\n\n") != MODEL_ON.clean(WHOLE_PAGE, kind="text").text.split("\n\n")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.parent.name)
def test_headline_and_metadata_are_the_same_with_the_model(seed):
    text = seed.read_text(encoding="utf-8")
    with_model = MODEL_ON.clean(text)
    without = Cleaner(Config(line_model=True, disabled_rules=(LINE_MODEL_RULE,))).clean(text)
    fields = ("title", "author", "date", "url", "sitename", "language")
    assert {f: getattr(with_model, f) for f in fields} == {f: getattr(without, f) for f in fields}
    assert [r for r in with_model.removed if r.rule != LINE_MODEL_RULE] == without.removed


def test_html_path_is_left_to_extraction():
    page = (
        "<html><body><nav><a href='/'>Home</a></nav><article><h1>Tram line extension approved</h1>"
        + "".join(f"<p>{text}</p>" for text in ARTICLE)
        + "<p>Privacy Policy</p></article></body></html>"
    )
    doc = MODEL_ON.clean(page, kind="html")
    assert not any(r.rule == LINE_MODEL_RULE for r in doc.removed)


def test_score_is_serialised_only_on_scored_removals():
    doc = MODEL_ON.clean(WHOLE_PAGE, kind="text")
    records = doc.to_dict()["removed"]
    assert all(("score" in item) == (item["rule"] == LINE_MODEL_RULE) for item in records)
    assert any("score" in item for item in records)
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again.removed == doc.removed
    assert Removal("generic.x", "drop", "text") == Removal(**{"rule": "generic.x", "kind": "drop", "text": "text"})


def test_explain_shows_the_score(tmp_path, capsys):
    doc = MODEL_ON.clean(WHOLE_PAGE, kind="text")
    removal = next(r for r in doc.removed if r.rule == LINE_MODEL_RULE)
    assert f"drop {removal.score:.2f}" in render_explanation(doc)
    path = tmp_path / "page.txt"
    path.write_text(WHOLE_PAGE, encoding="utf-8")
    assert main(["explain", str(path), "--line-model", "--disable", LINE_MODEL_RULE]) == 0
    assert LINE_MODEL_RULE not in capsys.readouterr().out


def test_short_documents_are_left_alone(model):
    two = [Paragraph("First paragraph of the story."), Paragraph("Second paragraph follows here.")]
    assert model.apply(two) == (two, [])
    assert model.apply([Paragraph("Home")]) == ([Paragraph("Home")], [])
    assert model.apply([]) == ([], [])


def test_a_document_that_is_all_boilerplate_is_emptied_with_a_removal_for_each_paragraph(model):
    menu = [Paragraph(text) for text in MENU]
    scores = model.scores([p.text for p in menu])
    assert scores.min() >= model.threshold  # all of it reads as menu
    kept, removed = model.apply(menu, everywhere=True)
    assert kept == [] and [r.text for r in removed] == [p.text for p in menu]
    assert {r.rule for r in removed} == {LINE_MODEL_RULE} and all(r.score >= model.threshold for r in removed)


def test_the_page_cut_weighs_an_uncertain_line_against_the_page_it_is_on():
    menus = [0.95] * 5
    line = 0.7  # the same line, ten words, scored the same on both pages
    long_page = np.array([*menus, *[0.1] * 20, line, *menus])
    long_words = np.array([*[2] * 5, *[30] * 20, 10, *[2] * 5], dtype=float)
    going = page_cut(long_page, long_words, np.zeros(len(long_page), bool), empty_at=0.8)
    assert going[25] and not going[5:25].any() and going[:5].all() and going[26:].all()
    # beside a short article the model is unsure of, the line may be most of the article: it stays
    short_page = np.array([*menus, 0.4, line, *menus])
    short_words = np.array([*[2] * 5, 10, 10, *[2] * 5], dtype=float)
    going = page_cut(short_page, short_words, np.zeros(len(short_page), bool), empty_at=0.8)
    assert not going[5] and not going[6] and going[:5].all() and going[7:].all()


def test_the_page_cut_weighs_units_by_the_words_the_features_count(model):
    features = featurize(["The council voted on Tuesday.", "Home", "|"], model.tables)
    assert np.allclose(word_counts(features), [5, 1, 1])  # a unit without words still weighs one


def test_the_page_cut_empties_a_page_whose_every_unit_scores_at_or_over_the_level_given():
    no_prose = np.zeros(3, bool)
    assert page_cut(np.array([0.8, 0.9, 0.99]), np.ones(3), no_prose, empty_at=0.8).all()
    assert not page_cut(np.array([0.79, 0.9, 0.99]), np.ones(3), no_prose, empty_at=0.8)[0]
    assert page_cut(np.zeros(0), np.zeros(0), np.zeros(0, bool), empty_at=0.8).shape == (0,)


def test_the_page_cut_keeps_an_uncertain_article_whose_set_holds_prose():
    """Every unit scores over the level, but the set the cut keeps holds a sentence of prose: an
    article the model is unsure of (a short post among a blog's menus) stays; prose the cut would
    not keep anyway does not save the page."""
    scores = np.array([0.95, 0.95, 0.6, 0.7, 0.95, 0.95])
    words = np.array([2, 2, 22, 7, 2, 2], dtype=float)
    kept_prose = np.array([False, False, True, False, False, False])
    going = page_cut(scores, words, kept_prose, empty_at=0.5)
    assert not going[2] and going[[0, 1, 4, 5]].all()
    dropped_prose = np.array([True, False, False, False, False, False])  # a menu line the cut drops
    assert page_cut(scores, words, dropped_prose, empty_at=0.5).all()


def test_prose_units_are_long_sentences_as_the_features_count_them(model):
    texts = [
        "This is bad news for market leaders, incumbents and those in favor of the status quo, and good news.",
        "Back to the home page for this blog and all of its many archived posts from every year since then",
        "And it happens again, fresh, every day.",
    ]
    features = featurize(texts, model.tables)
    assert prose_units(features, word_counts(features)).tolist() == [True, False, False]


@given(st.lists(st.floats(0.0, 0.99), min_size=1, max_size=8))
def test_with_equal_lengths_the_page_cut_keeps_the_best_of_every_subset(scores):
    """Expected precision plus expected recall of what is kept: no other set of units scores higher."""
    scores = np.array(scores)
    body = 1.0 - scores

    def expected(kept: tuple[int, ...]) -> float:
        return body[list(kept)].sum() / len(kept) + body[list(kept)].sum() / body.sum()

    subsets = (kept for size in range(1, len(scores) + 1) for kept in combinations(range(len(scores)), size))
    best = max(expected(kept) for kept in subsets)
    going = page_cut(scores, np.full(len(scores), 3.0), np.zeros(len(scores), bool), empty_at=1.0)
    assert expected(tuple(np.flatnonzero(~going))) == pytest.approx(best, abs=1e-12)


def test_a_whole_page_dump_of_menus_alone_comes_out_empty_with_its_removals():
    sections = ["News", "Sport", "Business", "Culture", "Weather", "Travel", "Video", "Podcasts", "Science", "Health"]
    sections += ["Education", "Technology", "Politics", "Arts"]  # section names no rule knows
    doc = Cleaner().clean("\n".join(sections), kind="text")
    assert doc.text == ""
    assert [(r.rule, r.text) for r in doc.removed] == [(LINE_MODEL_RULE, text) for text in sections]


def test_training_gives_the_same_weights_from_the_same_data():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import Doc, train

    texts = [*MENU, *ARTICLE, *FOOTER]
    shares = np.array([0.0] * len(MENU) + [1.0] * len(ARTICLE) + [0.0] * len(FOOTER))
    doc = Doc(None, "whole-page", texts, shares, featurize(texts, char_tables()))
    first, second = train([doc], epochs=50, trees=20), train([doc], epochs=50, trees=20)
    assert np.array_equal(first.dense_weights, second.dense_weights)
    assert np.array_equal(first.word_weights, second.word_weights)
    for name in FOREST_FIELDS:
        assert np.array_equal(getattr(first.forest, name), getattr(second.forest, name))
    assert (first.forest.depth, first.forest.baseline) == (second.forest.depth, second.forest.baseline)
    scores = first.scores(texts)
    assert scores[len(MENU) : len(MENU) + len(ARTICLE)].max() < scores[: len(MENU)].min()


def test_a_whole_page_whose_gold_keeps_its_comments_is_cleaned_with_comments_kept():
    sys.path.insert(0, str(REPO))
    from benchmarks.sources import Page
    from benchmarks.train_line_model import dump_key, keeps_comments

    gold = "The article.\n!@#$%^&*()  COMMENTS\nA reader's comment."
    page = Page("dragnet", "1", "<html></html>", None, gold)
    assert keeps_comments(page, "whole-page") and not keeps_comments(page, "extracted")
    assert not keeps_comments(Page("aeb", "2", "<html></html>", None, "The article."), "whole-page")
    # the two configurations' paragraphs are cached apart
    assert dump_key(page, "whole-page", "x") != dump_key(
        Page("dragnet", "1", "", None, "The article."), "whole-page", "x"
    )


def test_the_model_is_trained_on_the_whole_page_dumps_it_is_scored_on():
    sys.path.insert(0, str(REPO))
    from benchmarks import dumps, train_line_model
    from benchmarks.wholepage import tag_lines_text, whole_page_text

    assert train_line_model.whole_page_text is whole_page_text is dumps.whole_page_text
    page = (
        "<html><head><title>T</title><script>x=1</script></head><body><ul><li>Home</li><li>News</li></ul>"
        "<center>First <b>bold</b> words.</center><div>Footer</div></body></html>"
    )
    assert whole_page_text(page) == "Home\nNews\nFirst bold words.\nFooter"
    # the format the model is measured on but not trained on: a line break at every element
    assert tag_lines_text(page) == "Home\nNews\nFirst\nbold\nwords.\nFooter"
    assert dumps.tag_lines_text is tag_lines_text


def test_trees_in_arrays_take_the_branch_their_thresholds_say():
    # Two trees over two features: tree one splits on feature 0 at 0.5, tree two is one leaf.
    forest = Forest(
        feature=np.array([0, 0, 0, 0], dtype=np.int32),
        threshold=np.array([0.5, np.inf, np.inf, np.inf]),
        children=np.array([[1, 2], [1, 1], [2, 2], [3, 3]], dtype=np.int32),
        value=np.array([0.0, -1.0, 2.0, 0.25]),
        roots=np.array([0, 3], dtype=np.int32),
        depth=1,
        baseline=0.5,
    )
    x = np.array([[0.2, 9.0], [0.5, 9.0], [0.7, -9.0]])
    assert forest.decision(x).tolist() == [-0.25, -0.25, 2.75]
    assert forest.decision(np.zeros((0, 2))).shape == (0,)


def test_a_leaf_above_the_last_level_holds_its_value_down_to_it():
    # Depth 2: the root splits feature 0 at 0.5; its first child is a leaf, its second splits
    # feature 1 at 0.0. Rows that stop at the shallow leaf still walk two levels.
    forest = Forest(
        feature=np.array([0, 0, 1, 0, 0], dtype=np.int32),
        threshold=np.array([0.5, np.inf, 0.0, np.inf, np.inf]),
        children=np.array([[1, 2], [1, 1], [3, 4], [3, 3], [4, 4]], dtype=np.int32),
        value=np.array([0.0, 1.0, 0.0, 2.0, 3.0]),
        roots=np.array([0], dtype=np.int32),
        depth=2,
        baseline=0.0,
    )
    x = np.array([[0.1, 5.0], [0.9, -1.0], [0.9, 0.0], [0.9, 0.1], [np.nan, 0.1]])
    assert forest.decision(x).tolist() == [1.0, 2.0, 2.0, 3.0, 1.0]


@st.composite
def _forests(draw: st.DrawFn) -> tuple[Forest, np.ndarray]:
    """Random trees of uneven depth (leaves at any level) over three features, and rows to score."""
    features, threshold, children, value, roots = [], [], [], [], []

    def grow(depth_left: int) -> int:
        node = len(features)
        features.append(0)
        threshold.append(np.inf)
        children.append([node, node])
        value.append(0.0)
        if depth_left and draw(st.booleans()):
            features[node] = draw(st.integers(0, 2))
            threshold[node] = draw(st.floats(-2, 2, allow_nan=False))
            children[node] = [grow(depth_left - 1), grow(depth_left - 1)]
        else:
            value[node] = draw(st.floats(-3, 3, allow_nan=False))
        return node

    depth = draw(st.integers(0, 4))
    for _ in range(draw(st.integers(1, 4))):
        roots.append(grow(depth))
    forest = Forest(
        np.array(features, np.int32),
        np.array(threshold),
        np.array(children, np.int32),
        np.array(value),
        np.array(roots, np.int32),
        depth,
        draw(st.floats(-1, 1, allow_nan=False)),
    )
    rows = draw(st.lists(st.lists(st.floats(-3, 3, allow_nan=False), min_size=3, max_size=3), max_size=6))
    return forest, np.array(rows, dtype=float).reshape(-1, 3)


def _walk_one(forest: Forest, row: np.ndarray) -> float:
    """A row down each tree one node at a time, as the arrays say: the reference for `decision`."""
    total = forest.baseline
    for root in forest.roots:
        node = int(root)
        while forest.children[node][0] != node:
            over = row[forest.feature[node]] > forest.threshold[node]
            node = int(forest.children[node][1 if over else 0])
        total += forest.value[node]
    return total


@given(_forests())
def test_the_level_by_level_walk_scores_as_a_walk_down_each_tree(case: tuple[Forest, np.ndarray]) -> None:
    forest, x = case
    expected = [_walk_one(forest, row) for row in x]
    assert forest.decision(x) == pytest.approx(expected, abs=1e-9)


def _mean(values: np.ndarray, low: int, high: int) -> float:
    """The mean of values[low:high] clipped to the document, 0 for an empty window."""
    window = values[max(low, 0) : max(min(high, len(values)), 0)]
    return float(window.mean()) if len(window) else 0.0


@given(st.lists(st.floats(-12, 12), min_size=1, max_size=40))
def test_the_neighbourhood_reads_each_paragraphs_neighbours_and_windows_as_a_loop_over_it_would(logits) -> None:
    z = np.clip(np.array(logits), -LOGIT_CLIP, LOGIT_CLIP)
    out = np.zeros((len(z), NEIGHBOURHOOD_SIZE))
    neighbourhood(np.array(logits), np.full(len(z), 10.0), out)
    for i in range(len(z)):
        around = [z[i - by] if 0 <= i - by < len(z) else 0.0 for by in SHIFTS]  # 0 past either end
        assert out[i, SHIFTED_COLUMNS] == pytest.approx(around)
        windows = [_mean(z, i - 4, i), _mean(z, i + 1, i + 5), _mean(z, i - 12, i + 13)]
        assert out[i, 3:6] == pytest.approx(windows)


@pytest.mark.parametrize("n", [1, 2, 3, 7, 150])
def test_positions_are_read_only_and_made_once_per_count(n: int) -> None:
    made = positions(n)
    assert positions(n) is made and made.index.tolist() == list(range(n))
    assert made.window_low.tolist() == [max(i - 3, 0) for i in range(n)]
    assert made.window_high.tolist() == [min(i + 4, n) for i in range(n)]
    for array in vars(made).values():
        assert not array.flags.writeable


def test_a_forest_whose_indices_leave_its_arrays_is_refused():
    # The walk reads arrays without bounds checks, so a bad index must never get that far.
    good = {
        "feature": np.array([1, 0], dtype=np.int32),
        "threshold": np.array([0.5, np.inf]),
        "children": np.array([[1, 1], [1, 1]], dtype=np.int32),
        "value": np.array([0.0, 1.0]),
        "roots": np.array([0], dtype=np.int32),
        "depth": 1,
        "baseline": 0.0,
    }
    assert Forest(**good).decision(np.array([[0.0, 1.0]])).tolist() == [1.0]
    for name, bad in (
        ("children", np.array([[1, 2], [1, 1]], dtype=np.int32)),
        ("roots", np.array([2], dtype=np.int32)),
    ):
        with pytest.raises(ValueError, match="out of range"):
            Forest(**{**good, name: bad})
    with pytest.raises(ValueError, match="reads feature 1 of 1"):
        Forest(**good).decision(np.array([[0.0]]))
    with pytest.raises(ValueError, match="depth 13 over 12"):
        Forest(**{**good, "depth": 13})


def _training_doc(page_id: str, dump: str, texts: list[str], body: set[str], scores: list[float]):
    from benchmarks.sources import Page
    from benchmarks.train_line_model import Doc

    truth = "\n\n".join(text for text in texts if text in body)
    shares = np.array([1.0 if text in body else 0.0 for text in texts])
    page = Page("aeb", page_id, "", None, truth)
    return Doc(page, dump, texts, shares, featurize(texts, char_tables()), np.array(scores))


def test_a_pages_two_dumps_share_a_fold_and_no_fold_scores_the_pages_it_was_fitted_on():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import fold_of, out_of_fold_scores

    texts = [*MENU, *ARTICLE, *FOOTER]
    body = set(ARTICLE)
    docs = [
        _training_doc(f"p{index}", dump, texts, body, [0.0] * len(texts))
        for index in range(6)
        for dump in ("extracted", "whole-page")
    ]
    fold, folds = fold_of(docs)
    assert folds == 3 and fold[0::2] == fold[1::2] and sorted(set(fold)) == [0, 1, 2]
    first_stage = [np.where(doc.shares > 0, -3.0, 3.0) for doc in docs]
    scores = out_of_fold_scores(docs, first_stage, trees=5)
    assert [len(s) for s in scores] == [len(texts)] * len(docs)
    for doc, score in zip(docs, scores, strict=True):  # the trees learnt the pattern from the other folds
        assert score[doc.shares > 0].max() < score[doc.shares == 0].min()


def test_the_strict_threshold_keeps_the_switched_on_loss_under_the_bound_with_page_like_dumps_cut():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import MAX_BODY_LOSS, body_loss, drops, pick_threshold

    article = ARTICLE * 3
    page_like = [*MENU, *article, *FOOTER]
    assert looks_like_page(page_like) and not looks_like_page(article)
    plain = _training_doc("b", "extracted", article, set(article), [0.3 + 0.05 * i for i in range(12)])
    chosen = pick_threshold([plain])
    loss_at = lambda threshold: body_loss([plain], lambda doc: drops(doc, threshold, everywhere=True))  # noqa: E731
    assert loss_at(chosen) < MAX_BODY_LOSS <= loss_at(round(chosen - 0.01, 2))
    # A page-like dump is cut by the page cut at any threshold: its article stays, its menus go, and
    # a page of nothing more likely body than boilerplate is emptied unless what the cut keeps is
    # prose; the pick is the other dumps'.
    cut = _training_doc("a", "extracted", page_like, set(article), [0.95] * 8 + [0.3] * 12 + [0.95] * 6)
    going = drops(cut, 0.99)
    assert not going[8:20].any() and going[:8].all() and going[20:].all()
    assert np.array_equal(going, drops(cut, 0.31))
    links = [*MENU, *FOOTER, *MENU]
    assert looks_like_page(links)
    menus = _training_doc("c", "extracted", links, set(), [EMPTY_PAGE_SCORE] * len(links))
    assert drops(menus, 0.99).all()
    unsure = _training_doc("d", "extracted", page_like, set(article), [EMPTY_PAGE_SCORE] * len(page_like))
    assert not drops(unsure, 0.99).all()
    assert pick_threshold([cut, menus, unsure, plain]) == chosen


def test_the_first_stage_decides_alone_at_or_over_the_sure_logit_and_the_trees_score_the_rest(model):
    texts = [*MENU, *ARTICLE, *FOOTER]
    features = featurize(texts, model.tables)
    first = model.logits(features)
    # half the paragraphs over it (whatever the shipped value), and no lower than a sure logit may be
    lowest = float(np.log(model.threshold / (1 - model.threshold))) + 1e-9
    sure = max(float(np.median(first)), lowest)
    every = replace(model, sure_logit=np.inf, sure_body_logit=-np.inf).scores(texts)
    cascaded = replace(model, sure_logit=sure, sure_body_logit=-np.inf).scores(texts)
    decided = first >= sure
    assert decided.any() and not decided.all()
    assert np.array_equal(cascaded[~decided], every[~decided])  # the trees read the same neighbourhood
    assert np.allclose(cascaded[decided], 1 / (1 + np.exp(-first[decided])))
    assert not np.allclose(cascaded[decided], every[decided])


def test_the_first_stage_decides_alone_at_or_under_the_sure_body_logit(model):
    texts = [*MENU, *ARTICLE, *FOOTER]
    first = model.logits(featurize(texts, model.tables))
    sure_body = float(np.sort(first)[len(ARTICLE) // 2])  # the article's most body-like paragraphs
    every = replace(model, sure_logit=np.inf, sure_body_logit=-np.inf).scores(texts)
    cascaded = replace(model, sure_logit=np.inf, sure_body_logit=sure_body).scores(texts)
    decided = first <= sure_body
    assert decided.any() and not decided.all()
    assert np.array_equal(cascaded[~decided], every[~decided])
    assert np.allclose(cascaded[decided], 1 / (1 + np.exp(-first[decided])))
    assert (cascaded[decided] < model.threshold).all()  # what it decides stays in every mode


def test_a_sure_logit_that_would_score_under_the_drop_threshold_is_refused(model):
    with pytest.raises(ValueError, match="scores under the drop threshold"):
        replace(model, sure_logit=0.0)  # probability 0.5, under the threshold
    assert replace(model, sure_logit=np.inf).sure_logit == np.inf


def test_a_sure_body_logit_that_would_score_at_the_drop_threshold_is_refused(model):
    with pytest.raises(ValueError, match="it would drop what it decides"):
        replace(model, sure_logit=np.inf, sure_body_logit=10.0)  # probability over any threshold
    assert replace(model, sure_body_logit=-np.inf).sure_body_logit == -np.inf


def test_a_model_file_without_a_sure_body_logit_loads_with_the_trees_scoring_all_body(model, tmp_path):
    path = tmp_path / "model.npz"
    model.save(path)
    assert LineModel.load(path).sure_body_logit == model.sure_body_logit
    with np.load(path) as data:
        older = {name: data[name] for name in data.files if name != "sure_body_logit"}
    np.savez_compressed(path, **older)
    assert LineModel.load(path).sure_body_logit == -np.inf


def test_the_sure_logit_is_the_lowest_where_the_trees_agree_with_the_first_stage_out_of_fold():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import MAX_SURE_KEPT, SURE_LOGITS, pick_sure_logit

    texts = [*MENU, *ARTICLE, *FOOTER]
    docs = [_training_doc(f"p{index}", "whole-page", texts, set(ARTICLE), [0.0] * len(texts)) for index in range(4)]
    first = np.linspace(1.0, 7.0, len(texts) * len(docs))
    logits = np.split(first, len(docs))
    for doc, own in zip(docs, logits, strict=True):
        doc.scores = np.where(own >= 3.2, 0.9, 0.1)  # the trees drop what the first stage scores 3.2 or more
    assert min(SURE_LOGITS) < 3.2 < max(SURE_LOGITS) and MAX_SURE_KEPT < 0.05
    assert pick_sure_logit(docs, logits, threshold=0.8) == min(s for s in SURE_LOGITS if s >= 3.2)
    for doc, own in zip(docs, logits, strict=True):  # trees that read boilerplate, under a strict threshold
        doc.scores = np.where(own >= 3.2, 0.6, 0.1)
    assert pick_sure_logit(docs, logits, threshold=0.8) == min(s for s in SURE_LOGITS if s >= 3.2)
    for doc in docs:  # trees that keep everything: the first stage never decides alone
        doc.scores = np.full(len(texts), 0.1)
    assert pick_sure_logit(docs, logits, threshold=0.8) == np.inf


def test_the_sure_body_logit_is_the_highest_where_the_trees_agree_with_the_first_stage_out_of_fold():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import MAX_SURE_BODY_DROPPED, SURE_BODY_LOGITS, pick_sure_body_logit

    texts = [*MENU, *ARTICLE, *FOOTER]
    docs = [_training_doc(f"p{index}", "whole-page", texts, set(ARTICLE), [0.0] * len(texts)) for index in range(4)]
    logits = np.split(np.linspace(-7.0, -1.0, len(texts) * len(docs)), len(docs))
    for doc, own in zip(docs, logits, strict=True):
        doc.scores = np.where(own <= -3.2, 0.1, 0.9)  # the trees keep what the first stage scores -3.2 or less
    assert min(SURE_BODY_LOGITS) < -3.2 < max(SURE_BODY_LOGITS) and MAX_SURE_BODY_DROPPED < 0.05
    assert pick_sure_body_logit(docs, logits) == max(s for s in SURE_BODY_LOGITS if s <= -3.2)
    for doc in docs:  # trees that drop everything: the first stage never keeps alone
        doc.scores = np.full(len(texts), 0.9)
    assert pick_sure_body_logit(docs, logits) == -np.inf


def test_a_strict_threshold_raises_the_sure_logit_to_its_own_logit_not_to_the_next_step():
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import SURE_LOGITS, pick_sure_logit, threshold_logit

    texts = [*MENU, *ARTICLE, *FOOTER]
    docs = [_training_doc(f"p{index}", "whole-page", texts, set(ARTICLE), [0.0] * len(texts)) for index in range(4)]
    logits = np.split(np.linspace(1.0, 7.0, len(texts) * len(docs)), len(docs))
    for doc, own in zip(docs, logits, strict=True):
        doc.scores = np.where(own >= 2.9, 0.9, 0.1)  # the trees agree from 3.0 up
    assert 3.0 in SURE_LOGITS
    assert pick_sure_logit(docs, logits, threshold=0.9) == 3.0  # probability(3.0) = 0.953: the threshold is met
    strict = pick_sure_logit(docs, logits, threshold=0.96)
    assert strict == threshold_logit(0.96) == 3.18  # not 3.5, the next of SURE_LOGITS
    assert probability(strict) >= 0.96 > probability(strict - 0.01)
    assert threshold_logit(1.0) == np.inf


def test_list_items_run_on_from_a_kept_unit_and_stop_at_a_sure_item_or_a_line_that_is_no_item():
    from cleaner.linemodel import with_lists_kept

    going = np.array([False, True, True, True, False, True, True, True])
    items = np.array([False, True, True, True, False, True, True, False])
    scores = np.array([0.1, 0.7, 0.95, 0.7, 0.1, 0.6, 0.6, 0.6])
    kept = ~with_lists_kept(going, scores, items, limit=0.9)
    # 1 runs on from 0; 2 is sure boilerplate and breaks the run (3 goes with it); 5-6 run on from 4; 7 is no item
    assert kept.tolist() == [True, True, False, False, True, True, True, False]


def test_a_list_under_a_line_the_cut_drops_is_left_to_the_cut():
    from cleaner.linemodel import with_lists_kept

    going = np.array([False, True, True, True])  # the article, then a menu label and its items
    items = np.array([False, False, True, True])
    assert with_lists_kept(going, np.full(4, 0.6), items, limit=0.9).tolist() == [False, True, True, True]
    assert with_lists_kept(going, np.full(4, 0.6), np.array([False, True, True, True]), limit=0.9).tolist() == [
        False,
        False,
        False,
        False,
    ]


def test_list_items_are_bulleted_or_numbered_lines_and_a_short_heading_over_one():
    from cleaner.linemodel import char_tables, list_items

    texts = [
        "Black Friday deals are going to be huge this year for headphones, watches and phones alike.",
        "Apple AirPods Pro",
        "- Active noise cancellation for immersive sound",
        "- Sweat and water resistant",
        "1. Order before noon",
        "The offers end on Monday, the retailer said.",
        "Home",
    ]
    features = featurize(texts, char_tables())
    assert list_items(features, word_counts(features)).tolist() == [False, True, True, True, True, False, False]


def test_a_model_file_records_what_it_was_trained_on_and_an_older_one_records_nothing(model, tmp_path):
    path = tmp_path / "model.npz"
    replace(model, trained_on="ab12").save(path)
    assert LineModel.load(path).trained_on == "ab12"
    with np.load(path) as data:
        older = {name: data[name] for name in data.files if name != "trained_on"}
    np.savez_compressed(path, **older)
    assert LineModel.load(path).trained_on == ""


def test_the_inputs_digest_follows_every_unit_and_label_and_check_compares_it(model, tmp_path, capsys):
    sys.path.insert(0, str(REPO))
    from benchmarks.train_line_model import check, inputs_digest

    texts = [*MENU, *ARTICLE, *FOOTER]

    def docs(edit=lambda texts, body: (texts, body)):
        changed, body = edit(list(texts), set(ARTICLE))
        return [_training_doc(f"p{index}", "whole-page", changed, body, [0.0] * len(changed)) for index in range(3)]

    digest = inputs_digest(docs())
    assert inputs_digest(docs()) == digest  # the same lines and labels, the same digest
    assert inputs_digest(docs(lambda t, b: (t[:-1], b))) != digest  # a unit fewer
    assert inputs_digest(docs(lambda t, b: ([t[0] + " Menu", *t[1:]], b))) != digest  # a unit's text
    assert inputs_digest(docs(lambda t, b: (t, b - {ARTICLE[0]}))) != digest  # a label
    assert inputs_digest(docs()[::-1]) != digest  # another order of dumps
    path = tmp_path / "model.npz"
    replace(model, trained_on=digest).save(path)
    assert check(path, digest) == 0
    assert check(path, inputs_digest(docs(lambda t, b: (t[:-1], b)))) == 1
    assert "retrain" in capsys.readouterr().out
    replace(model, trained_on="").save(path)
    assert check(path, digest) == 1
    assert "records no inputs" in capsys.readouterr().out
