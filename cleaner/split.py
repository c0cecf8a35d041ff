"""Split a crawler's text dump into paragraphs.

Dumps separate paragraphs with blank lines or with single newlines, and end lines with LF,
CRLF or a lone CR. Every non-empty line is a paragraph, except in hard-wrapped prose
(a block of lines of near-equal width), whose lines are joined back into one paragraph.
"""

from __future__ import annotations

import re

from .document import Paragraph
from .rulebook.text import tidy

_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
MIN_WRAPPED_LINES = 3
WRAP_WIDTH_RANGE = (50, 100)
WRAP_TOLERANCE = 0.25


def normalise_newlines(text: str) -> str:
    """CRLF, lone CR and Unicode line separators all become LF."""
    return _NEWLINES.sub("\n", text)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs from blank lines or single newlines; hard-wrapped blocks are rejoined."""
    blocks = _BLANK_LINE.split(normalise_newlines(text))
    return [para for block in blocks for para in lines_as_paragraphs(block.split("\n"))]


def lines_as_paragraphs(lines: list[str]) -> list[Paragraph]:
    """The lines of one block as paragraphs: one each, or one for all of them when they are hard-wrapped prose."""
    tidied = [tidy(line) for line in lines]
    tidied = [line for line in tidied if line]
    if _is_hard_wrapped(tidied):
        return [Paragraph(" ".join(tidied))]
    return [Paragraph(line) for line in tidied]


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for prose wrapped at a fixed width: all lines but the last about equally long."""
    if len(lines) < MIN_WRAPPED_LINES:
        return False
    widths = [len(line) for line in lines[:-1]]
    low, high = WRAP_WIDTH_RANGE
    if not all(low <= width <= high for width in widths):
        return False
    return max(widths) - min(widths) <= WRAP_TOLERANCE * max(widths) and len(lines[-1]) <= max(widths)
