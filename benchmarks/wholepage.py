"""The whole-page text dump of an HTML page: what a naive crawler stores, menus and footers included.

One function for every benchmark that makes such dumps (benchmarks/dumps.py scores cleaner on
them, benchmarks/train_line_model.py trains the line model on them), so the model is trained on
the format it is scored on. It reads like a browser's `innerText` of the body: the text of every
element a browser lays out as a block, one block per line, inline elements run together; the
`<head>` (and with it `<title>`), scripts, styles and other elements that render no text are left
out, as are HTML comments.

The same page as Markdown, as crawlers that feed language models store it, by two converters
(bench dependencies): html2text (`html2text_markdown`; crawl4ai's converter is built on it) and
markdownify (`markdownify_markdown`, which writes what turndown, behind Jina Reader and
Firecrawl, writes: a block element a paragraph, a layout table a table).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import lxml.html
from lxml import etree

# Elements a browser lays out as blocks (or table rows and cells, list items, form blocks).
BLOCK_TAGS = frozenset(
    (
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "select",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    )
)
SKIPPED_TAGS = frozenset(("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas"))


def whole_page_text(html: str) -> str:
    """Every block's text, one block per line, menus and footers included (empty for unparsable markup)."""
    return _page_lines(html, BLOCK_TAGS)


def tag_lines_text(html: str) -> str:
    """The same text with a line break at every element, inline ones too: what BeautifulSoup's
    `get_text("\\n")` gives a crawler, a sentence with a link in it split into three lines. The
    line model is trained on whole_page_text's format; this one measures it on another."""
    return _page_lines(html, None)


def html2text_markdown(html: str) -> str:
    """The whole page as html2text writes it (lines unwrapped); empty when it fails on the page."""
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no wrapping: a line per block, as the crawlers store it
    try:
        return converter.handle(html)
    except Exception:  # a converter's failure on one page is that page's empty dump
        return ""


def markdownify_markdown(html: str) -> str:
    """The whole page as markdownify writes it (`#` headings), scripts, styles and the head left
    out first as the crawlers leave them out; empty for unparsable markup or a converter failure."""
    from markdownify import markdownify

    tree = _document(html)
    if tree is None:
        return ""
    try:
        for element in list(tree.iter(*SKIPPED_TAGS)):
            if element.getparent() is not None:
                element.drop_tree()
        return markdownify(lxml.html.tostring(tree, encoding="unicode"), heading_style="ATX")
    except Exception:
        return ""


def converter_versions() -> str:
    """The Markdown converters' versions, for a cache of their dumps."""
    from importlib.metadata import version

    return f"html2text {version('html2text')}, markdownify {version('markdownify')}"


def _document(html: str) -> Any:
    """The page's tree, comments and processing instructions left out; None for unparsable markup."""
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=_parser())
    except (etree.ParserError, ValueError):
        return None


@cache
def _parser() -> Any:
    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)


def _page_lines(html: str, breaks: frozenset[str] | None) -> str:
    tree = _document(html)
    if tree is None:
        return ""
    lines = (" ".join(line.split()) for line in "".join(_block_texts(tree, breaks)).splitlines())
    return "\n".join(line for line in lines if line)


def _block_texts(tree: Any, breaks: frozenset[str] | None) -> Iterator[str]:
    """Text and tails in document order, a newline around each element in `breaks` (around every
    element when None), skipped elements left out."""
    skipping = 0
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in SKIPPED_TAGS:
            skipping += 1 if event == "start" else -1
        if skipping or tag in SKIPPED_TAGS and event == "start":
            continue
        if breaks is None or tag in breaks:
            yield "\n"
        if event == "start" and tag:
            yield element.text or ""
        elif event == "end" and element is not tree:
            yield element.tail or ""
