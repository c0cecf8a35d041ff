"""Drop DOM nodes matched by selector rules before extraction, recording what each removed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cssselect import parse as parse_css
from cssselect.parser import Token
from lxml import etree
from lxml.cssselect import CSSSelector

from .document import Removal

if TYPE_CHECKING:  # ruleset checks selectors with selector_problem, so it cannot be imported here
    from .ruleset import Rule

MAX_RECORDED_CHARS = 2000
# Class or id fragments a selector requires: [class*="x"], [id="x"], #x, .x.
_NEEDLE = re.compile(r"\[(?:class|id)[*^$~|]?=[\"']([^\"']+)[\"']\]|[#.]([\w-]+)")
_CLASS_AND_ID = etree.XPath("//@class | //@id", smart_strings=False)
_QUOTED = re.compile(r"[\"'][^\"']*[\"']")
_COMMA_IN_PARENS = re.compile(r"\([^)]*,")
# lxml turns these into XPath that, for every candidate node, walks or counts its siblings: the
# cost grows with the square of a page's sibling count (`p ~ p ~ p`, with the cube).
_SIBLING_COMBINATORS = {"~": "general sibling", "+": "adjacent sibling"}
_SIBLING_COUNTS = {"first-child", "last-child", "only-child", "first-of-type", "last-of-type",
                   "only-of-type", "nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type"}


def prune(tree: etree._Element, rules: Iterable[Rule]) -> list[Removal]:
    """Remove every node each selector matches (keeping the text that follows it)."""
    removed = []
    attributes = None
    for rule in rules:
        selector = rule.selector
        if selector is None:  # only DOM rules have one
            continue
        branches = required_fragments(selector.css)
        if branches is not None:
            # A selector branch needing class or id values the page never uses cannot match: one
            # pass over the attributes saves a tree walk per rule, and per branch of a
            # comma-separated selector.
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


def selector_problem(css: str) -> str | None:
    """Why a (parseable) selector could take time super-linear in a page's size, or None."""
    for selector in parse_css(css):
        for node in _css_nodes(selector):
            combinator = node.value if isinstance(node, Token) else getattr(node, "combinator", None)
            combinator = getattr(combinator, "value", combinator)
            name = getattr(node, "ident", None) or getattr(node, "name", None)
            if combinator in _SIBLING_COMBINATORS:
                what = f"the {_SIBLING_COMBINATORS[combinator]} combinator '{combinator}'"
            elif isinstance(name, str) and name.lower() in _SIBLING_COUNTS:
                what = f"':{name.lower()}'"
            else:
                continue
            return (f"{what} is refused: lxml walks every candidate's siblings, so its cost grows "
                    "with the square of the sibling count (p ~ p ~ p takes minutes on 5,000 "
                    "paragraphs); select by class, id or parent ('div.box > p') instead")
    return None


def _css_nodes(node: Any) -> list[Any]:
    """Every node of a parsed cssselect tree, the node itself first, with the combinator tokens
    that cssselect 1.5+ keeps in `:has()` arguments as (token, selector) pairs."""
    found = [node]
    for value in vars(node).values():
        found += _css_children(value)
    return found


def _css_children(value: Any) -> list[Any]:
    if isinstance(value, Token):
        return [value]
    if isinstance(value, list | tuple):
        return [node for item in value for node in _css_children(item)]
    if type(value).__module__ == "cssselect.parser" and hasattr(value, "__dict__"):
        return _css_nodes(value)
    return []


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
    if parent is None:  # the root: nothing to detach it from
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)
