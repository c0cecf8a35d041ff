"""Find the headline among the leading paragraphs and keep it out of the body.

A dump usually opens with its headline, sometimes under a kicker (a short label line) and
above a byline. The headline becomes `title`; the body starts after it. A title already
known (captured by a rule or read from the page) is only removed where it repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .document import Paragraph, Removal

HEADLINE_RULE = "generic.headline"
KICKER_RULE = "generic.kicker"
DEK_RULE = "generic.dek"
MIN_DEK_WORDS = 8
_DEK_END = re.compile(r"[.!?…][\"”’)]?$")
MAX_HEADLINE_WORDS = 30
MAX_KICKER_WORDS = 12
MAX_LEADING = 3
_SENTENCE_END = re.compile(r"[.:;,]$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Headline:
    """The body without its headline, the title found (if any), and what was removed."""

    paragraphs: list[Paragraph]
    title: str | None
    removed: list[Removal]


def take_headline(paragraphs: list[Paragraph], title: str | None, byline_after: Paragraph | None,
                  disabled: frozenset[str] = frozenset()) -> Headline:
    """Remove a repeated title, or take the leading headline as the title."""
    if HEADLINE_RULE in disabled:
        return Headline(paragraphs, title, [])
    index = _repeat_of(paragraphs, title) if title else None
    if index is None and not title and len(paragraphs) > 1:
        index = _guess(paragraphs, byline_after)
        title = paragraphs[index].text if index is not None else None
    if index is None:
        return Headline(paragraphs, title, [])
    removed = [Removal(HEADLINE_RULE, "title", paragraphs[index].text)]
    kickers = [] if KICKER_RULE in disabled else _kickers(paragraphs[:index])
    removed[:0] = [Removal(KICKER_RULE, "title", p.text) for p in kickers]
    first_kept = len(kickers)
    rest = paragraphs[index + 1:]
    if rest and DEK_RULE not in disabled and is_dek(rest[0]):
        removed.append(Removal(DEK_RULE, "title", rest[0].text))
        rest = rest[1:]
    return Headline(paragraphs[first_kept:index] + rest, title, removed)


def is_dek(para: Paragraph) -> bool:
    """A standfirst: a heading right under the headline that reads as a whole sentence.

    Pages mark it up as a subheading (WSJ, NYT, Guardian, Wired: <h2> under the <h1>); it sums
    the story up rather than being part of it. Section subheadings are short and do not end
    like sentences, and text dumps have no heading markup, so neither is taken.
    """
    words = len(_WORD.findall(para.text))
    return para.kind == "heading" and words >= MIN_DEK_WORDS and bool(_DEK_END.search(para.text))


def looks_like_headline(para: Paragraph, max_words: int = MAX_HEADLINE_WORDS) -> bool:
    """Short, capitalised, not ending like a sentence or a list item."""
    text = para.text
    words = len(_WORD.findall(text))
    if para.kind in ("list", "quote", "table") or not 2 <= words <= max_words:
        return False
    return not _SENTENCE_END.search(text) and not text[0].islower()


def _repeat_of(paragraphs: list[Paragraph], title: str) -> int | None:
    wanted = title_key(title)
    for index, para in enumerate(paragraphs[:MAX_LEADING + 1]):
        if title_key(para.text) == wanted:
            return index
    return None


def _guess(paragraphs: list[Paragraph], byline_after: Paragraph | None) -> int | None:
    """The line above the byline when it reads as a headline, else the first line."""
    for index, para in enumerate(paragraphs[:MAX_LEADING]):
        if para is byline_after and looks_like_headline(para):
            return index
    if paragraphs and looks_like_headline(paragraphs[0]):
        return 0
    return None


def _kickers(above: list[Paragraph]) -> list[Paragraph]:
    """Short label lines above the headline (section names, teasers) when all of them are."""
    if all(looks_like_headline(p, MAX_KICKER_WORDS) for p in above):
        return above
    return []


def title_key(text: str) -> str:
    """A title's words, case folded: what two spellings of one headline share."""
    return " ".join(_WORD.findall(text.casefold()))
