"""Drop DOM nodes matched by selector rules before extraction, recording what each removed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

from .document import Removal
from .ruleset import Rule

MAX_RECORDED_CHARS = 2000
# Class or id fragments a selector requires: [class*="x"], [id="x"], #x, .x.
_NEEDLE = re.compile(r"\[(?:class|id)[*^$~|]?=[\"']([^\"']+)[\"']\]|[#.]([\w-]+)")
_CLASS_AND_ID = etree.XPath("//@class | //@id", smart_strings=False)
_QUOTED = re.compile(r"[\"'][^\"']*[\"']")
_COMMA_IN_PARENS = re.compile(r"\([^)]*,")


def prune(tree: etree._Element, rules: Iterable[Rule]) -> list[Removal]:
    """Remove every node each selector matches (keeping the text that follows it)."""
    removed = []
    attributes = None
    for rule in rules:
        selector = rule.selector
        branches = required_fragments(selector.css)
        if branches is not None:
            # A selector branch needing class or id values the page never uses cannot match: one
            # pass over the attributes saves a tree walk per rule, and per branch of a
            # comma-separated selector (issue 3: speed).
            if attributes is None:
                attributes = " ".join(_CLASS_AND_ID(tree))
            present = tuple(
                index
                for index, branch in enumerate(branches)
                if all(fragment in attributes for fragment in branch)
            )
            if not present:
                continue
            if len(present) < len(branches):
                selector = branch_selector(selector.css, present)
        for node in selector(tree):
            if node.getparent() is None:
                continue
            removed.append(Removal(rule.id, rule.kind, node_text(node)))
            drop_node(node)
    return removed


@lru_cache(maxsize=1024)
def required_fragments(css: str) -> tuple[tuple[str, ...], ...] | None:
    """Per comma-separated branch, the class/id text it needs; None when a branch needs none."""
    if ":not(" in css or "," in "".join(_QUOTED.findall(css)) or _COMMA_IN_PARENS.search(css):
        return None
    branches = []
    for branch in css.split(","):
        fragments = [quoted or bare for quoted, bare in _NEEDLE.findall(branch)]
        if not fragments:
            return None
        branches.append(tuple(fragments))
    return tuple(branches)


@lru_cache(maxsize=1024)
def branch_selector(css: str, branches: tuple[int, ...]) -> CSSSelector:
    """The selector made of only some of a comma-separated selector's branches."""
    parts = css.split(",")
    return CSSSelector(",".join(parts[index] for index in branches))


def node_text(node: etree._Element) -> str:
    """The node's visible text, whitespace collapsed, capped for provenance records."""
    text = " ".join("".join(node.itertext()).split())
    return text[:MAX_RECORDED_CHARS]


def drop_node(node: etree._Element) -> None:
    """Detach a node but keep its tail text, which belongs to the parent."""
    parent = node.getparent()
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
