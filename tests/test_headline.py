"""The headline leaves the body: found first, above a byline, under a kicker, or as a repeat."""

from __future__ import annotations

from cleaner.document import Paragraph
from cleaner.headline import take_headline

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
