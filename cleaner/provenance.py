"""Removals in document order: each stage records what it removed, and this puts the list in the
order the removed texts stand in the input, so `removed` reads top to bottom like the page.

Document order: for a text dump, the order of its text; for HTML, the order of the page's text in
the source (the text between tags; scripts, styles and comments left out), so a removal made on a
DOM node stands where the node's text begins. Whitespace is ignored when texts are compared. A
text found more than once takes the first place no equal removal has taken, preferring a place
where it stands alone (a whole line, a whole text node); a text not found at all (one an extractor
rewrote) stays right after the removal it followed. Empty removals are left out, and so is a
removal that repeats the one before it and finds no place of its own (the input holds the text
fewer times than it was removed); equal removals at distinct places are each kept, once per
occurrence.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from dataclasses import dataclass

from .document import Removal

# How many places of one text are looked at: enough for any page's repeated labels, bounded for a
# one-character text ('.') on a huge page.
MAX_PLACES = 5000

# A script, style or comment with its contents, else any one tag: one pass over the page's source.
_HIDDEN_OR_TAG = re.compile(r"<(?:script\b.*?</script\s*>|style\b.*?</style\s*>|!--.*?-->)|<[^>]*>", re.S | re.I)
_LINE_BREAK = re.compile(r"[\r\n]+")
_GAPS = re.compile("\x00+")
# Marks where one piece of the input (a line, a text node) ends and the next begins.
_GAP = "\x00"


@dataclass(frozen=True)
class TextIndex:
    """The input's text without whitespace, as it is (`plain`) and with its pieces marked (`marked`),
    and where the marks stand in `marked` (`gaps`, ascending)."""

    plain: str
    marked: str
    gaps: list[int]

    @classmethod
    def of(cls, source: str, kind: str) -> TextIndex:
        """Pieces are a dump's lines, or the text between an HTML page's tags (not in scripts, styles, comments)."""
        source = source.replace(_GAP, "")
        if kind == "html":
            body = max(source.find("<body"), source.find("<BODY"), 0)  # the head's text is the title at most
            text = html.unescape(_HIDDEN_OR_TAG.sub(_GAP, source[body:]))
        else:
            text = _LINE_BREAK.sub(_GAP, source)
        marked = _GAP + _GAPS.sub(_GAP, "".join(text.split())).strip(_GAP) + _GAP
        return cls(marked.replace(_GAP, ""), marked, [gap.start() for gap in _GAPS.finditer(marked)])

    def place(self, needle: str, taken: set[int]) -> int | None:
        """The first untaken place (in `plain`) where the needle is whole pieces, else the first untaken one at all."""
        found = self.marked.find(_GAP + needle + _GAP)
        for _ in range(MAX_PLACES):
            if found == -1:
                break
            start = found - bisect_right(self.gaps, found) + 1  # less the marks up to and at `found`
            if start not in taken:
                return start
            found = self.marked.find(_GAP + needle + _GAP, found + 1)
        start = self.plain.find(needle)
        for _ in range(MAX_PLACES):
            if start == -1 or start not in taken:
                break
            start = self.plain.find(needle, start + 1)
        return None if start == -1 or start in taken else start


def in_document_order(removed: list[Removal], source: str, kind: str) -> list[Removal]:
    """The removals sorted by where their text stands in the input, without empty ones or duplicate records."""
    kept = [removal for removal in removed if removal.text.strip()]
    if len(kept) < 2:
        return kept
    index = TextIndex.of(source, kind)
    taken: dict[str, set[int]] = {}
    keys, placed, last = [], [], -1
    for removal in kept:
        needle = "".join(removal.text.replace(_GAP, "").split())
        spot = index.place(needle, taken.setdefault(needle, set()))
        if spot is not None:
            taken[needle].add(spot)
            last = spot
        keys.append(last)
        placed.append(spot is not None)
    ordered = sorted(zip(keys, range(len(kept)), placed, kept, strict=True))
    # Equal removals at distinct places are distinct occurrences; one with no place of its own
    # that repeats the removal before it is the same text recorded twice.
    return [
        removal for at, (_, _, own, removal) in enumerate(ordered) if at == 0 or own or removal != ordered[at - 1][3]
    ]
