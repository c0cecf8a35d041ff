"""DOM rules: drop the nodes CSS selectors match before extraction, recording what each removed."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

import lxml.html
from cssselect import SelectorError
from cssselect import parse as parse_css
from cssselect.parser import Token
from lxml import etree
from lxml.cssselect import CSSSelector

from ..document import Removal
from ..errors import RuleError
from .rule import DomAction, Example, Rule, acted_failure, one_line

logger = logging.getLogger(__name__)

MAX_RECORDED_CHARS = 2000
# The most text a selector rule without `max_chars` removes with one inline node. A byline, a
# date, a share link or a label held in a <span>, <a> or <address> is a line; one holding more is
# an unclosed tag that swallowed the text after it (<span class="byline-author"> left open takes
# the whole article with it). Block nodes (a comment section, a related-links box) may be long,
# and a rule caps them with `max_chars` when its widget is short.
INLINE_MAX_CHARS = 500
INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "address",
        "b",
        "cite",
        "em",
        "font",
        "i",
        "label",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    }
)
# Class or id fragments a selector requires: [class*="x"], [id="x"], #x, .x.
_NEEDLE = re.compile(r"\[(?:class|id)[*^$~|]?=[\"']([^\"']+)[\"']\]|[#.]([\w-]+)")
_CLASS_AND_ID = etree.XPath("//@class | //@id", smart_strings=False)
_QUOTED = re.compile(r"[\"'][^\"']*[\"']")
_COMMA_IN_PARENS = re.compile(r"\([^)]*,")
# lxml turns these into XPath that, for every candidate node, walks or counts its siblings: the
# cost grows with the square of a page's sibling count (`p ~ p ~ p`, with the cube).
_SIBLING_COMBINATORS = {"~": "general sibling", "+": "adjacent sibling"}
_SIBLING_COUNTS = {
    "first-child",
    "last-child",
    "only-child",
    "first-of-type",
    "last-of-type",
    "only-of-type",
    "nth-child",
    "nth-last-child",
    "nth-of-type",
    "nth-last-of-type",
}


def prune(tree: etree._Element, rules: Iterable[SelectorRule]) -> list[Removal]:
    """Remove every node each selector matches (keeping the text that follows it)."""
    page = DomPass(tree)
    return [removal for rule in rules for removal in rule.apply(page)]


class DomPass:
    """One page the DOM rules run on, with the class and id text of its nodes read once."""

    def __init__(self, tree: etree._Element):
        self.tree = tree
        self._attributes: str | None = None

    @property
    def attributes(self) -> str:
        if self._attributes is None:
            self._attributes = " ".join(_CLASS_AND_ID(self.tree))
        return self._attributes


@dataclass(frozen=True, kw_only=True)
class SelectorRule(Rule):
    """Drop the DOM nodes a CSS selector matches, before extraction, each within the size cap."""

    matcher: ClassVar = "selector"
    action: ClassVar[DomAction] = "drop"
    extra_keys: ClassVar = frozenset({"max_chars"})

    selector: CSSSelector
    # A matched node whose text is longer is left in place (see max_chars_for).
    max_chars: int | None = None

    @property
    def kind(self) -> str:
        return "selector"

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        """The compiled selector, refused when lxml would take super-linear time on it; the cap."""
        try:
            selector = CSSSelector(str(spec))
        except (SelectorError, SyntaxError, ValueError) as err:
            raise RuleError(where, rule_id, "match.selector", f"bad CSS selector: {one_line(err)}") from None
        problem = selector_problem(str(spec))
        if problem:
            raise RuleError(where, rule_id, "match.selector", problem)
        cap = raw.get("max_chars")
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap <= 0):
            raise RuleError(where, rule_id, "max_chars", "a positive number of characters")
        return {"selector": selector, "max_chars": cap}

    def apply(self, page: DomPass) -> list[Removal]:
        """Remove the nodes this rule matches on the page; what went, with its text."""
        selector = self._selector_for(page)
        removed = []
        for node in selector(page.tree) if selector is not None else ():
            if node.getparent() is None:
                continue
            text = " ".join("".join(node.itertext()).split())
            cap = max_chars_for(self, node)
            if cap is not None and len(text) > cap:
                logger.debug(
                    "%s left a <%s> of %d characters in place (over max_chars %d): %s",
                    self.id,
                    node.tag,
                    len(text),
                    cap,
                    text[:80],
                )
                continue
            removed.append(Removal(self.id, self.kind, text[:MAX_RECORDED_CHARS]))
            drop_node(node)
        return removed

    def _selector_for(self, page: DomPass) -> CSSSelector | None:
        """The branches of the selector that can match this page, or None when none can.

        A branch needing class or id values the page never uses cannot match: one pass over the
        attributes saves a tree walk per rule, and per branch of a comma-separated selector.
        """
        branches = required_fragments(self.selector.css)
        if branches is None:
            return self.selector
        present = tuple(
            index for index, branch in enumerate(branches) if all(fragment in page.attributes for fragment in branch)
        )
        if not present:
            return None
        return self.selector if len(present) == len(branches) else branch_selector(self.selector.css, present)

    def check_example(self, example: Example, should_match: bool) -> list[str]:
        """Pruned as a page is, so a match over the rule's size cap counts as kept."""
        return acted_failure(bool(prune(lxml.html.fromstring(example.text), [self])), should_match, example.text)


def max_chars_for(rule: SelectorRule, node: etree._Element) -> int | None:
    """The longest text the rule may remove with this node: its own cap, else the inline default."""
    if rule.max_chars is not None:
        return rule.max_chars
    return INLINE_MAX_CHARS if isinstance(node.tag, str) and node.tag.lower() in INLINE_TAGS else None


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
            return (
                f"{what} is refused: lxml walks every candidate's siblings, so its cost grows "
                "with the square of the sibling count (p ~ p ~ p takes minutes on 5,000 "
                "paragraphs); select by class, id or parent ('div.box > p') instead"
            )
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
