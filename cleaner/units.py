"""A text dump's sentence units, and whether it reads like a whole page.

Dumps break lines inside a block (at every link, at a fixed width); a sentence unit is the block
again. A dump of many units, a good share of them short lines, is a whole page (menus, teasers and
footers around the article): the line model cuts such a dump, the headline finder looks under its
menus, and the below-body rule leaves its tail to the model.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def sentence_units(texts: Sequence[str]) -> list[tuple[int, int]]:
    """Runs of paragraphs that are one block broken into lines, as half-open bounds.

    A paragraph continues the one before it when that one does not end a sentence or clause and
    it opens in lower case or with a mark no sentence opens with (a comma, a full stop, a closing
    bracket). Dumps that break a line at every inline element, as `get_text("\\n")` does ('The
    council voted on' / 'the harbour plan' / 'after a long debate.'), and prose wrapped at a
    width come back as the blocks they were. Scripts without case (Chinese, Japanese) are never
    joined: nothing tells where their sentences continue.
    """
    if not texts:
        return []
    breaks = []
    for index in range(1, len(texts)):
        text = texts[index]
        if text and (text[0].islower() or text[0] in _CONTINUING_MARKS):  # it may carry on...
            end = texts[index - 1].rstrip(CLOSERS)[-1:]  # '' when nothing is left
            if end and end not in _UNIT_ENDS:  # ...what the one before left open
                continue
        breaks.append(index)
    starts = [0, *breaks]
    return list(zip(starts, [*breaks, len(texts)], strict=True))


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
    short = [text for text in texts if len(text) <= PAGE_SHORT_CHARS and len(text.split()) <= SHORT_WORDS]
    return page_shaped(len(texts), len(short))  # is_short_line, inline: this runs over every line of a page


def page_shaped(paragraphs: int, short: int) -> bool:
    """The page test on counts: PAGE_MIN_PARAGRAPHS or more paragraphs, PAGE_SHORT_SHARE of them short.
    Taking short lines away never makes a page of a dump that is none."""
    return paragraphs >= PAGE_MIN_PARAGRAPHS and short >= PAGE_SHORT_SHARE * paragraphs


def is_short_line(text: str) -> bool:
    """At most SHORT_WORDS words and PAGE_SHORT_CHARS characters (CJK too): a menu item, a label."""
    return len(text) <= PAGE_SHORT_CHARS and len(text.split()) <= SHORT_WORDS
