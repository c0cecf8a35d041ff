"""Parsing: trafilatura's tree, built without a Python callback per element."""

from pathlib import Path

import pytest
import trafilatura
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from cleaner.parse import html_parser, parse_html, repair_markup

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
PAGES = sorted(GOLDEN.glob("*/input.html"))
# Pieces of markup, the characters XML forbids and their neighbours, for the repair property.
REPAIR_ALPHABET = [
    "<!DOCTYPE html/>", "<html/>", "<html lang=en />", "<p>", "a", " ", "\n", "\t", "\r",
    "\x00", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "é", "\ufffe", "\uffff", "\ufffd",
]


@pytest.fixture(scope="module")
def parser():
    return html_parser()


@pytest.mark.parametrize("page", PAGES, ids=[page.parent.name for page in PAGES])
def test_the_tree_is_trafilaturas(parser, page):
    text = page.read_text(encoding="utf-8")
    ours, theirs = parse_html(text, parser), trafilatura.load_html(text)
    assert etree.tostring(ours) == etree.tostring(theirs)


def test_every_element_is_a_plain_html_element(parser):
    tree = parse_html("<html><body><form><input name=q><select></select></form></body></html>", parser)
    assert {type(node) for node in tree.iter()} == {HtmlElement}


def test_an_xml_declaration_in_a_str_is_parsed(parser):
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        "<html><head><title>T</title></head><body><p>Body text</p><p>More</p></body></html>"
    )
    tree = parse_html(text, parser)
    assert tree.findtext(".//p") == "Body text"
    assert etree.tostring(tree) == etree.tostring(trafilatura.load_html(text))


@pytest.mark.parametrize("text", ["", "just a line of plain text", "<p>one fragment</p>"])
def test_text_that_is_not_a_page_gives_none(parser, text):
    assert parse_html(text, parser) is trafilatura.load_html(text) is None


@given(st.lists(st.sampled_from(REPAIR_ALPHABET), max_size=40).map("".join))
def test_repairs_are_trafilaturas(text):
    beginning = text[:50].lower()
    assert repair_markup(text, beginning) == repair_faulty_html(text, beginning)
