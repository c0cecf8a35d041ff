"""Pruning: selector rules drop nodes before extraction; tails survive; pre-checks are safe."""

import lxml.html
from lxml.cssselect import CSSSelector

from cleaner.prune import prune, required_fragments
from cleaner.ruleset import Rule


def _rule(css):
    return Rule("generic.dom-test", "test", "selector", "drop", selector=CSSSelector(css))


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
    tree = lxml.html.fromstring(
        '<div><aside class="related">A</aside><p>Body.</p><div id="comments">B</div></div>'
    )
    rule = _rule('div[class*="newsletter"], div#comments, aside[class*="related"]')
    assert [r.text for r in prune(tree, [rule])] == ["A", "B"]
    assert tree.text_content() == "Body."


def test_commas_inside_a_pseudo_class_are_not_branches():
    assert required_fragments("div.card:is(.a, .b)") is None
