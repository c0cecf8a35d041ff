"""readability-lxml's Document with its text measured more cheaply, giving the same results.

readability-lxml measures a node's text by collapsing its white space with three regular
expression substitutions (`clean`), for every paragraph it scores and, through the link density,
for every link of every candidate, tens of thousands of times on an old table-layout page; its
paragraph scoring also formats a debug line per candidate whether or not debugging is on. The two
methods that measure most, `score_paragraphs` and `get_link_density`, are restated here with a
`clean` that runs only the substitutions that can match (most texts have no run of 255 spaces,
and once the white space around line breaks is gone, no tab or double space). And the page is
cleaned before scoring as the library cleans it but for its `javascript` option, a quarter of the
library's time: it takes `javascript:` links and `on...` event attributes out of the markup, and
cleaner reads only the summary's text. Everything else is the library's own. Checked against
readability-lxml CHECKED_VERSION; tests/test_compat.py compares the text with the library's.
"""

from __future__ import annotations

import re
from copy import copy
from typing import Any

from lxml.etree import _ElementTree
from lxml.html import HtmlElement
from readability import readability as library
from readability.cleaners import html_cleaner

CHECKED_VERSION = "0.9"
# The library's `clean`, pattern by pattern: runs of 255 white spaces or more become 255 spaces,
# white space around a line break becomes the line break, a tab or a run of spaces and tabs a space.
LONG_SPACE_RUN = 255
_LONG_SPACE = re.compile(rf"\s{{{LONG_SPACE_RUN},}}")
_AROUND_BREAK = re.compile(r"\s*\n\s*")
_SPACE_RUN = re.compile(r"\t|[ \t]{2,}")
# readability's own cleaner (readability.cleaners.html_cleaner) but for `javascript`.
_CLEANER = copy(html_cleaner)
_CLEANER.javascript = False


def clean(text: str) -> str:
    """readability's `clean` (white space collapsed, ends stripped), each substitution run only
    where it can match."""
    if _may_hold_long_space(text):
        text = _LONG_SPACE.sub(" " * LONG_SPACE_RUN, text)
    if "\n" in text:
        text = _AROUND_BREAK.sub("\n", text)
    if "\t" in text or "  " in text:
        text = _SPACE_RUN.sub(" ", text)
    return text.strip()


def _may_hold_long_space(text: str) -> bool:
    """False when the text cannot hold a run of LONG_SPACE_RUN white spaces: such a run covers a
    whole aligned block of half its length, and no such block is all white space.

    The substitution scans a page-long text at a tenth of a microsecond a character, a third of
    the library's scoring time on old pages; the blocks are checked in C, stopping at their first letter.
    """
    size = (LONG_SPACE_RUN + 1) // 2
    return any(text[start : start + size].isspace() for start in range(0, len(text) - size + 1, size))


def text_length(node: HtmlElement) -> int:
    return len(clean(node.text_content() or ""))


class Document(library.Document):
    """readability-lxml's Document, scoring as the library does with the cheaper `clean`."""

    def _parse(self, input: Any) -> HtmlElement:
        """The library's `_parse` for a tree and no URL (how cleaner calls it), with _CLEANER."""
        if not isinstance(input, (_ElementTree, HtmlElement)) or self.url:
            return super()._parse(input)
        self.encoding = "utf-8"
        for elem in input.xpath("//*[@hidden]"):
            elem.drop_tree()
        for elem in input.xpath("//*[@style]"):
            if library.REGEXES["displayNoneRe"].search(elem.get("style")):
                elem.drop_tree()
        doc = _CLEANER.clean_html(input)
        doc.resolve_base_href(handle_failures=self.handle_failures)
        return doc

    def get_link_density(self, elem: HtmlElement) -> float:
        link_length = sum(text_length(link) for link in elem.findall(".//a"))
        return float(link_length) / max(text_length(elem), 1)

    def score_paragraphs(self) -> dict[HtmlElement, dict[str, Any]]:
        """The library's scoring of paragraphs' parents and grandparents, without its debug lines."""
        candidates: dict[HtmlElement, dict[str, Any]] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text = clean(elem.text_content() or "")
            inner_text_len = len(inner_text)
            if inner_text_len < self.min_text_length:  # too short to count
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score = 1 + len(inner_text.split(",")) + min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0
        # Good content has a small link density (5% or less) and is mostly unaffected by this.
        for elem in ordered:
            candidates[elem]["content_score"] *= 1 - self.get_link_density(elem)
        return candidates
