"""Markdown dumps: the paragraphs of a page that a crawler stored as Markdown.

Crawlers that feed language models store pages as Markdown (Jina Reader, Firecrawl, crawl4ai,
html2text, markdownify, trafilatura's Markdown output): the whole page, menus and footers
included, as a plain whole-page dump holds it, but inside Markdown's syntax. Read as plain text,
every link's URL becomes words of the body and every menu line a link; read by a Markdown parser
(markdown-it-py: CommonMark, with GitHub's tables and strikethrough), each block becomes the text a
browser shows of it: a link's text without its target, no images, no emphasis marks, escapes or
HTML tags. Headings, list items, quotes, table rows and code keep their kind, so the output
formats can write them back and the header step reads a `# Title` as a title.

Lines inside a block stay lines, as a whole-page dump keeps them (a menu written as one block of
links, one per line), and prose hard-wrapped at a fixed width is joined again as `split.py` joins
it.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import count, islice
from typing import Any

from markdown_it import MarkdownIt

from .document import Paragraph
from .split import lines_as_paragraphs, split_paragraphs

# Inline links and images, `[text](target)` and `![alt](src)`, and reference definitions
# (`[1]: https://...`): syntax plain text does not write.
_LINK = re.compile(r"\[[^\]\n]{0,500}\]\([^()\s]*(?:\([^()\s]*\)[^()\s]*)*(?:\s+\"[^\"\n]{0,200}\")?\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]{1,100}\]:[ \t]*\S", re.M)
# Block syntax: ATX headings, code fences, a table's delimiter row.
_BLOCK_SYNTAX = re.compile(r"^ {0,3}(?:#{1,6}[ \t]+\S|```|~~~|\|?[ \t]*:?-{3,}:?[ \t]*\|)", re.M)
SNIFF_CHARS = 64 * 1024
MIN_LINKS = 3  # links or images that make a dump Markdown on their own
MIN_BLOCK_SYNTAX = 2  # block syntax lines that make it Markdown beside a link
_WORD = re.compile(r"[^\W_]")  # a letter or a digit
# Emphasis around nothing (`__`, `****`: an icon's empty <i> or <b>), which CommonMark leaves as text.
_EMPTY_EMPHASIS = re.compile(r"(?<!\S)[_*]{2,}(?!\S)")
# A table's delimiter row under its header: `| --- | :-: |`, `---|---`.
_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-{3,}:?\s*\|\s*$")
MAX_ROW_CELLS = 12
MAX_CELL_CHARS = 300
# A link or image the parser did not take (a target with spaces, a title left open), left as text.
_BROKEN_LINK = re.compile(r"(!?)\[([^\]\n]{0,500})\]\((?:[^()\n]|\([^()\n]*\))*\)?")
_TAG = re.compile(r"<[^>\n]*>")
_NESTED_QUOTE = re.compile(r"^(?:>[ \t]*){2,}")
_LINE_BREAK_TAG = re.compile(r"\s*<br\s*/?>\s*", re.I)
# An abbreviation's definition (`*[RSS]: Really Simple Syndication`), which html2text writes under
# a page for each <abbr title>: syntax, as a reference definition is. One that defines a time
# (`*[4:59 PM]: 2012-10-28T16:59:00-06:00`, a blog's <abbr class="published">) is the page's own
# reading of a date, and stays for the header step to read.
_ABBREVIATION = re.compile(r"\*\[[^\]\n]{1,100}\]:[ \t]+(?!\d{4}-\d{2}-\d{2})\S.*")


def dump_paragraphs(text: str, kind: str) -> tuple[str, list[Paragraph]]:
    """A text dump's kind and paragraphs: 'markdown' (read by `markdown_paragraphs`) when `kind`
    says so or, for 'text', when the dump looks like Markdown (`looks_like_markdown`); else 'text'
    (read by `split_paragraphs`)."""
    if kind == "markdown" or looks_like_markdown(text):
        return "markdown", markdown_paragraphs(text)
    return "text", split_paragraphs(text)


def looks_like_markdown(text: str) -> bool:
    """A dump written in Markdown: MIN_LINKS links, images or reference definitions in its opening
    SNIFF_CHARS, or one beside MIN_BLOCK_SYNTAX lines of block syntax.

    A plain dump's `# Title` line or `**By Jane Roe**` byline does not make it Markdown: the header
    step reads those as they are; a link's target, which plain text never writes, does."""
    sample = text[:SNIFF_CHARS]
    links = _count(_LINK, sample, MIN_LINKS) + _count(_REFERENCE, sample, MIN_LINKS)
    return links >= MIN_LINKS or links > 0 and _count(_BLOCK_SYNTAX, sample, MIN_BLOCK_SYNTAX) >= MIN_BLOCK_SYNTAX


def _count(pattern: re.Pattern[str], text: str, enough: int) -> int:
    """Matches of the pattern in the text, counted up to `enough`."""
    return sum(1 for _ in islice(pattern.finditer(text), enough))


@cache
def _parser() -> MarkdownIt:
    """One parser per process: CommonMark with strikethrough, raw HTML read as HTML, and no
    indented code blocks: converters indent what a page nests (a list in a table cell, a quote in
    a list) by four spaces or more, and a fenced block is how a dump writes code. Tables are read
    by `_Reader._table`."""
    return MarkdownIt("commonmark").enable("strikethrough").disable("code")


def markdown_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs of a Markdown dump, each block's lines in order, with their kinds."""
    return _Reader().read(_parser().parse(flattened(text)))


def flattened(text: str) -> str:
    """The dump with every line's indentation taken off, quotes in quotes made one quote and
    abbreviation definitions left out, except inside code fences.

    Converters indent what a page nests (a list in a table cell, a quote in a list) by four spaces
    or more, where CommonMark reads a line as code or as the text of the paragraph above it, its
    list marker and links left as they are. Without indentation, a nested list is read as a list of
    its own, and a list item's second paragraph as a paragraph; their words are the same. A quote
    nested past the parser's limit (a forum's replies quoting replies) would lose its text."""
    lines = text.split("\n")
    fenced = False
    for index, line in enumerate(lines):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        elif fenced:
            continue
        if _ABBREVIATION.fullmatch(stripped):
            stripped = ""
        lines[index] = _NESTED_QUOTE.sub("> ", stripped) if stripped.startswith(">") else stripped
    return "\n".join(lines)


class _Reader:
    """Walks markdown-it's block tokens once, keeping the list, quote and table each line is in."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.lists: list[int] = []  # the group of each open list, innermost last
        self.quotes = 0
        self.level: int | None = None  # inside a heading of this level
        self.groups = count()

    def read(self, tokens: list[Any]) -> list[Paragraph]:
        for token in tokens:
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.lists.append(next(self.groups))
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.lists.pop()
            elif kind in ("blockquote_open", "blockquote_close"):
                self.quotes += 1 if kind == "blockquote_open" else -1
            elif kind in ("heading_open", "heading_close"):
                self.level = int(token.tag[1]) if kind == "heading_open" else None
            elif kind == "inline":
                self._add(inline_text(token.children or []))
            elif kind == "fence":
                self._code(token.content)
            elif kind == "html_block":
                self._add(_TAG.sub("\n", _LINE_BREAK_TAG.sub("\n", token.content)))
        return self.paragraphs

    def _code(self, content: str) -> None:
        code = content.strip("\n")
        if code.strip():
            self.paragraphs.append(Paragraph(code, code=True))

    def _add(self, text: str) -> None:
        """A block's lines as paragraphs of the block's kind; a table's rows (see `_table`) as rows."""
        lines = text.split("\n")
        header = next((index - 1 for index, line in enumerate(lines) if index and _DELIMITER_ROW.match(line)), None)
        if header is not None:
            self._lines(lines[:header])
            self._table(lines[header:])
        else:
            self._lines(lines)

    def _lines(self, lines: list[str]) -> None:
        if self.level is not None:
            kind, level, group = "heading", self.level, None
        elif self.lists:
            kind, level, group = "list", None, self.lists[-1]
        elif self.quotes:
            kind, level, group = "quote", None, None
        else:
            kind, level, group = "paragraph", None, None
        for para in lines_as_paragraphs(lines):
            if _WORD.search(para.text):  # not a line of the separators a row of images leaves ('|  |')
                self.paragraphs.append(Paragraph(para.text, kind=kind, level=level, group=group))

    def _table(self, lines: list[str]) -> None:
        """A table's lines, its header row first: each row one paragraph of its cells, a layout
        table's row (MAX_ROW_CELLS cells or more, or a cell of MAX_CELL_CHARS) one per cell, as a
        browser lays out a page built of table cells; lines without a cell separator as lines.

        Tables are read here rather than by the parser: GitHub's tables drop a row's cells past
        the header's count, and a converter writes a page laid out in tables as one header of
        empty cells over rows holding the whole page."""
        group = next(self.groups)
        for line in lines:
            if "|" not in line:
                self._lines([line])
                continue
            cells = tuple(" ".join(cell.split()) for cell in line.strip().strip("|").split("|"))
            cells = tuple(cell for cell in cells if _WORD.search(cell))
            if len(cells) >= MAX_ROW_CELLS or any(len(cell) >= MAX_CELL_CHARS for cell in cells):
                self._lines(list(cells))
            elif cells:
                self.paragraphs.append(Paragraph(" | ".join(cells), kind="table", group=group, cells=cells))


def _link_text(match: re.Match[str]) -> str:
    """A broken link's text; nothing for a broken image."""
    return "" if match.group(1) else match.group(2)


def inline_text(children: list[Any]) -> str:
    """What a browser shows of a block's inline tokens: text and code, a link's text without its
    target, line breaks as newlines; no images, emphasis marks (an empty pair, `__`, too) or HTML
    tags. A link the parser left as text (a target with spaces, `javascript: ...`; an image's link,
    whose image went) gives its text too."""
    parts = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak") or kind == "html_inline" and _LINE_BREAK_TAG.fullmatch(child.content):
            parts.append("\n")
    text = "".join(parts)
    if "](" in text:
        text = _BROKEN_LINK.sub(_link_text, text)
    return _EMPTY_EMPHASIS.sub("", text) if "__" in text or "**" in text else text
