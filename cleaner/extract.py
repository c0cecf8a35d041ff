"""Main-content extraction from an HTML tree with trafilatura: paragraphs and page metadata."""

from __future__ import annotations

from dataclasses import dataclass, field

import trafilatura
from lxml import etree

from .document import Paragraph
from .rules import tidy

_KINDS = {"head": "heading", "p": "paragraph", "quote": "quote", "code": "paragraph"}
PAGE_FIELDS = ("title", "author", "date", "url", "sitename", "language")


@dataclass
class Extraction:
    """Body paragraphs in reading order and what the page's markup says about itself."""

    paragraphs: list[Paragraph]
    page: dict[str, str | None] = field(default_factory=dict)


def extract(tree: etree._Element, url: str | None, include_comments: bool = False) -> Extraction:
    """Run trafilatura on an already parsed (and pruned) tree."""
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=True, include_comments=include_comments,
        include_tables=True, deduplicate=False,
    )
    if result is None or result.body is None:
        return Extraction([], {})
    page = {name: getattr(result, name, None) for name in PAGE_FIELDS}
    return Extraction(list(paragraphs_of(result.body)), page)


def paragraphs_of(body: etree._Element):
    """Flatten trafilatura's output tree: one paragraph per block, one per list item or row."""
    for block in body:
        tag = block.tag if isinstance(block.tag, str) else ""
        if tag == "list":
            yield from _items(block, "item", "list")
        elif tag == "table":
            yield from _rows(block)
        else:
            text = tidy(" ".join("".join(block.itertext()).split()))
            if text:
                yield Paragraph(text, _KINDS.get(tag, "paragraph"))


def _items(block: etree._Element, tag: str, kind: str):
    for item in block.iter(tag):
        text = tidy(" ".join("".join(item.itertext()).split()))
        if text:
            yield Paragraph(text, kind)


def _rows(table: etree._Element):
    for row in table.iter("row"):
        cells = [" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell")]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            yield Paragraph(text, "table")
