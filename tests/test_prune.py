"""Pruning: selector rules drop nodes before extraction; tails survive; pre-checks are safe."""

import logging
from dataclasses import replace

import lxml.html
from lxml.cssselect import CSSSelector

from cleaner.rulebook.dom import INLINE_MAX_CHARS, SelectorRule, prune, required_fragments


def _rule(css: str) -> SelectorRule:
    return SelectorRule(id="generic.dom-test", description="test", selector=CSSSelector(css))


def test_matched_node_is_removed_and_recorded_but_its_tail_kept():
    tree = lxml.html.fromstring('<div><p>Body.</p><div class="social-share">Share</div>tail</div>')
    removed = prune(tree, [_rule('div[class*="social-share"]')])
    assert [(r.rule, r.text) for r in removed] == [("generic.dom-test", "Share")]
    assert tree.text_content() == "Body.tail"


def test_required_fragments_per_branch():
    css = 'div[class*="newsletter"], div#comments'
    assert required_fragments(css) == (("newsletter",), ("comments",))


def test_branch_without_class_or_id_must_always_be_evaluated():
    assert required_fragments("figcaption, div.caption") is None
    assert required_fragments("div:not(.body)") is None


def test_page_without_the_fragment_is_left_alone():
    tree = lxml.html.fromstring('<div><p class="intro">Text</p></div>')
    assert prune(tree, [_rule('div[class*="newsletter"]')]) == []
    assert tree.text_content() == "Text"


def test_only_branches_whose_fragments_the_page_has_are_run_in_document_order():
    tree = lxml.html.fromstring('<div><aside class="related">A</aside><p>Body.</p><div id="comments">B</div></div>')
    rule = _rule('div[class*="newsletter"], div#comments, aside[class*="related"]')
    assert [r.text for r in prune(tree, [rule])] == ["A", "B"]
    assert tree.text_content() == "Body."


def test_commas_inside_a_pseudo_class_are_not_branches():
    assert required_fragments("div.card:is(.a, .b)") is None


SWALLOWED = "".join(
    f"<p>Paragraph {i} of the story: the council voted on the harbour plan after a long debate "
    "about its cost and the jobs it brings.</p>"
    for i in range(10)
)


def test_an_unclosed_inline_node_that_swallowed_the_article_stays(caplog):
    tree = lxml.html.fromstring(f'<div><h1>Harbour vote</h1><span class="byline-author">By Jane Roe {SWALLOWED}</div>')
    with caplog.at_level(logging.DEBUG, logger="cleaner.rulebook.dom"):
        removed = prune(tree, [_rule('span[class*="byline"]')])
    assert removed == [] and "Paragraph 9 of the story" in tree.text_content()
    assert "generic.dom-test left a <span>" in caplog.text and f"over max_chars {INLINE_MAX_CHARS}" in caplog.text


def test_a_closed_inline_node_is_removed_under_the_default_cap():
    tree = lxml.html.fromstring(f'<div><span class="byline-author">By Jane Roe</span>{SWALLOWED}</div>')
    assert [r.text for r in prune(tree, [_rule('span[class*="byline"]')])] == ["By Jane Roe"]


def test_a_rule_cap_holds_for_block_nodes_too():
    html = f'<div><div class="byline">By Jane Roe {SWALLOWED}</div><div class="byline">By John Doe</div></div>'
    tree = lxml.html.fromstring(html)
    removed = prune(tree, [replace(_rule('div[class*="byline"]'), max_chars=200)])
    assert [r.text for r in removed] == ["By John Doe"] and "Paragraph 9" in tree.text_content()


def test_block_nodes_have_no_default_cap():
    tree = lxml.html.fromstring(f'<div><div id="comments">{SWALLOWED}</div><p>Body.</p></div>')
    assert len(prune(tree, [_rule("div#comments")])) == 1 and tree.text_content() == "Body."
