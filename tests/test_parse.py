"""Parsing: trafilatura's tree, built without a Python callback per element."""

from pathlib import Path

import pytest
import trafilatura
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import repair_faulty_html

from cleaner import Cleaner
from cleaner.config import Config
from cleaner.errors import TooDeepError
from cleaner.extract import CHOOSER_RULE
from cleaner.parse import html_parser, parse_html, repair_markup

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
PAGES = sorted(GOLDEN.glob("*/input.html"))
# Pieces of markup, the characters XML forbids and their neighbours, for the repair property.
REPAIR_ALPHABET = [
    "<!DOCTYPE html/>",
    "<html/>",
    "<html lang=en />",
    "<p>",
    "a",
    " ",
    "\n",
    "\t",
    "\r",
    "\x00",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1f",
    "\x7f",
    "é",
    "\ufffe",
    "\uffff",
    "\ufffd",
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


@pytest.mark.parametrize("text", ["", "just a line of plain text"])
def test_text_without_markup_gives_none(parser, text):
    assert parse_html(text, parser) is trafilatura.load_html(text) is None


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>one fragment</p>",
        "<div><p>one fragment</p><div><span>and a second</span></div></div>",
        '<svg xmlns="http://www.w3.org/2000/svg"><style>svg {}</style><text>one fragment</text></svg>',
        '<?xml version="1.0"?><rss><channel><item>one fragment</item></channel></rss>',
    ],
)
def test_a_fragment_is_parsed_as_the_body_of_a_page(parser, fragment):
    tree = parse_html(fragment, parser)
    assert tree.tag == "html" and "one fragment" in tree.find("body").text_content()


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>A single paragraph, long enough to be taken for the body of a page by the extractor.</p>",
        '<svg xmlns="http://www.w3.org/2000/svg"><style>svg { fill: white; }</style>'
        "<text>A label inside a drawing, long enough to be taken for body text here.</text></svg>",
    ],
)
def test_a_fragment_is_cleaned_into_its_text(fragment):
    doc = Cleaner(Config(input_kind="html", detect_language=False)).clean(fragment)
    assert "long enough" in doc.text


def deep_page(depth: int, tag: str) -> str:
    return (
        "<html><body>"
        + f"<{tag}>" * depth
        + "<p>The deep paragraph of this page, long enough to be body text.</p>"
        + f"</{tag}>" * depth
        + "<p>The shallow paragraph after it, which is long enough to be body text.</p>"
        "</body></html>"
    )


@pytest.mark.parametrize(("depth", "tag"), [(300, "div"), (1500, "x-wrap"), (5000, "div"), (5000, "span")])
def test_content_below_libxml2s_depth_limit_is_kept(depth, tag):
    # parsing is under test, not which reading extraction picks: on this two-sentence page the learned
    # chooser takes readability's text, the deep container's paragraph alone (tests/test_chooser.py)
    config = Config(detect_language=False, disabled_rules=(CHOOSER_RULE,))
    doc = Cleaner(config).clean(deep_page(depth, tag))
    assert "The deep paragraph" in doc.text and "The shallow paragraph" in doc.text


def test_markup_too_deep_even_without_wrapper_tags_is_an_error_that_says_so(parser):
    with pytest.raises(TooDeepError, match="deeper than 2048 levels"):
        parse_html(deep_page(5000, "x-wrap"), parser)


@given(st.lists(st.sampled_from(REPAIR_ALPHABET), max_size=40).map("".join))
def test_repairs_are_trafilaturas(text):
    beginning = text[:50].lower()
    assert repair_markup(text, beginning) == repair_faulty_html(text, beginning)
