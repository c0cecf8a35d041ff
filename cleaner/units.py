"""A text dump's sentence units, and whether it reads like a whole page.

Dumps break lines inside a block (at every link, at a fixed width); a sentence unit is the block
again. A dump of many units, a good share of them short lines, is a whole page (menus, teasers and
footers around the article): the line model cuts such a dump, the headline finder looks under its
menus, and the below-body rule leaves its tail to the model.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

SHORT_WORDS = 6
PAGE_MIN_PARAGRAPHS = 10
PAGE_SHORT_SHARE = 0.3
PAGE_SHORT_CHARS = 60  # a short line is at most SHORT_WORDS words and this many characters (CJK too)
# Full stops, question and exclamation marks: Latin, CJK, Arabic-script (؟ ۔) and Devanagari (। ॥).
# Every sentence-end pattern of the package is built on them.
SENTENCE_MARKS = ".!?\u3002\uff01\uff1f\u061f\u06d4\u0964\u0965"
SENTENCE_ENDS = SENTENCE_MARKS + "\u2026"
CLOSERS = "\"'\u201d\u2019\u00bb)]"
_UNIT_ENDS = SENTENCE_ENDS + ":;\u061b"  # a line ending so ends its sentence or clause: the next is a new unit
_CONTINUING_MARKS = ",;:.!?)]%\u00bb\u201d\u2019\u2026"  # marks no sentence opens with
# Prose hard-wrapped at a width (wrapped_at_width): a line of this many words and characters or
# more, and at most WRAP_MAX_CHARS (text tools wrap at 72 to 80 columns; a longer line left open is
# a paragraph of its own), filling WRAP_FILL of the width, as the next line does unless it ends
# with a full stop.
WRAP_MIN_WORDS = 8
WRAP_MIN_CHARS = 50
WRAP_MAX_CHARS = 100
WRAP_FILL = 0.8


def sentence_units(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of paragraphs that are one block broken into lines, as half-open bounds.

    A paragraph continues the one before it when that one does not end a sentence or clause and
    it opens in lower case or with a mark no sentence opens with (a comma, a full stop, a closing
    bracket), or it is prose wrapped at a width (`wrapped_at_width`). Dumps that break a line at
    every inline element, as `get_text("\\n")` does ('The council voted on' / 'the harbour plan' /
    'after a long debate.'), and prose wrapped at a width come back as the blocks they were.
    Scripts without case (Chinese, Japanese) are never joined: nothing tells where their sentences
    continue.
    """
    if not texts:
        return []
    units: list[tuple[int, int]] = []
    start, wraps = 0, []  # the unit being read, and the lines a width wrap joined to it
    for index, (before, text) in enumerate(pairwise(texts), 1):
        end = before.rstrip(CLOSERS)[-1:]  # '' when nothing is left
        if text and end and end not in _UNIT_ENDS:  # the line before left its sentence open...
            if text[0].islower() or text[0] in _CONTINUING_MARKS:
                continue  # ...and this carries it on
            # wrapped_at_width's own length test first: most open lines of a page are short
            if WRAP_MIN_CHARS <= len(before) <= WRAP_MAX_CHARS and wrapped_at_width(before, text):
                wraps.append(index)
                continue
        units += _wrapped_unit(texts, start, index, wraps) if wraps else ((start, index),)
        start, wraps = index, []
    return units + _wrapped_unit(texts, start, len(texts), wraps) if wraps else [*units, (start, len(texts))]


def _wrapped_unit(texts: Sequence[str], start: int, end: int, wraps: list[int]) -> list[tuple[int, int]]:
    """The unit from `start` to `end` that width wraps joined (`wraps`: the lines they joined on),
    split at those lines again when it ends with no full stop: wrapped prose comes to one, a list
    of headlines in sentence case, each as wide as the last, does not."""
    if texts[end - 1].rstrip(CLOSERS).endswith("."):
        return [(start, end)]
    return list(zip([start, *wraps], [*wraps, end], strict=True))


def wrapped_at_width(before: str, text: str) -> bool:
    """Whether `text`, opening in upper case or with a digit, carries on the line `before` as prose
    wrapped at a fixed width does ('... the amusement parks Kings' / 'Dominion in Virginia and ...'):
    `before`, left open, is a line of prose (WRAP_MIN_WORDS words or more, WRAP_MIN_CHARS
    characters, at least half of its words in lower case, which a title-case headline is not), its
    width is the wider line's and the next line's first word would not have fitted on it, and
    `text` fills WRAP_FILL of that width too or ends with a full stop. Of the pairs so joined on the
    training pages' whole-page dumps, about 1% join body to boilerplate (a headline list in sentence
    case, a bio over a newsletter pitch); of every line left open over an upper-case opening, 6%
    would (MODEL_CARD.md)."""
    if not (text[0].isupper() or text[0].isdigit()) or not WRAP_MIN_CHARS <= len(before) <= WRAP_MAX_CHARS:
        return False
    width = max(len(before), len(text))
    first_word = text.split(None, 1)[0]
    if len(before) < WRAP_FILL * width or len(before) + 1 + len(first_word) <= width:  # it would have fitted
        return False
    if len(text) < WRAP_FILL * width and not text.rstrip(CLOSERS).endswith("."):
        return False
    words = before.split()
    return len(words) >= WRAP_MIN_WORDS and 2 * sum(word[0].islower() for word in words) >= len(words)


def sentence_unit_texts(texts: Sequence[str], units: list[tuple[int, int]] | None = None) -> list[str]:
    """The text of each sentence unit (of `units`, found when not given), its paragraphs joined by spaces."""
    return [
        texts[start] if end - start == 1 else " ".join(texts[start:end])
        for start, end in (sentence_units(texts) if units is None else units)
    ]


def looks_like_page(texts: Sequence[str]) -> bool:
    """Whether a dump reads like a whole page (menus, teasers, footers around the article): many
    paragraphs, a good share of them short lines. Extracted text is mostly prose and fails it."""
    if len(texts) < PAGE_MIN_PARAGRAPHS:
        return False
    needed, short = short_lines_needed(len(texts)), 0
    for text in texts:  # is_short_line, inline, up to the first share of short lines that makes a page
        if len(text) <= PAGE_SHORT_CHARS and len(text.split()) <= SHORT_WORDS:
            short += 1
            if short >= needed:
                return True
    return False


def page_shaped(paragraphs: int, short: int) -> bool:
    """The page test on counts: PAGE_MIN_PARAGRAPHS or more paragraphs, PAGE_SHORT_SHARE of them short.
    Taking short lines away never makes a page of a dump that is none."""
    return paragraphs >= PAGE_MIN_PARAGRAPHS and short >= short_lines_needed(paragraphs)


def short_lines_needed(paragraphs: int) -> float:
    """How many short lines make a dump of this many paragraphs (PAGE_MIN_PARAGRAPHS or more) page-shaped."""
    return PAGE_SHORT_SHARE * paragraphs


def is_short_line(text: str) -> bool:
    """At most SHORT_WORDS words and PAGE_SHORT_CHARS characters (CJK too): a menu item, a label."""
    return len(text) <= PAGE_SHORT_CHARS and len(text.split()) <= SHORT_WORDS
