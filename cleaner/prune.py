"""Drop DOM nodes matched by selector rules before extraction, recording what each removed."""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from .document import Removal
from .ruleset import Rule

MAX_RECORDED_CHARS = 2000


def prune(tree: etree._Element, rules: Iterable[Rule]) -> list[Removal]:
    """Remove every node each selector matches (keeping the text that follows it)."""
    removed = []
    for rule in rules:
        for node in rule.selector(tree):
            if node.getparent() is None:
                continue
            removed.append(Removal(rule.id, rule.kind, node_text(node)))
            drop_node(node)
    return removed


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
