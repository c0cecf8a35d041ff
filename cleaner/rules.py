"""Apply text rules to a paragraph list: drop, drop to the end, strip inline, capture, rejoin.

Each rule is one pass over the paragraphs, in file order; every change is recorded as a
Removal naming the rule, so any output can be explained.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .document import Paragraph, Removal
from .prefilter import RulePrefilter
from .ruleset import Rule

_SPACES = re.compile(r"[ \t]{2,}")
_SENTENCE_END = re.compile(r"[.!?。！？…»\"”’)]\s*$")
MIN_PROSE_CHARS = 60


@dataclass
class TextPass:
    """What the text rules produced: kept paragraphs, removals, and each capture in order.

    `byline_after` is the paragraph that stood just above the first captured author: the
    headline finder looks there first.
    """

    paragraphs: list[Paragraph]
    removed: list[Removal] = field(default_factory=list)
    captures: list[dict[str, str]] = field(default_factory=list)
    byline_after: Paragraph | None = None
    prefilter: RulePrefilter | None = None
    seen: dict[tuple[int, str], frozenset[int]] = field(default_factory=dict)

    def search(self, rule: Rule, text: str) -> Any:
        """The rule's first match in the text; the prefilter skips texts it cannot match."""
        if self.prefilter is not None and not self.prefilter.may_match(rule, text, self.seen):
            return None
        return rule.pattern.search(text)


def apply_text_rules(paragraphs: Iterable[Paragraph], rules: Iterable[Rule],
                     prefilter: RulePrefilter | None = None) -> TextPass:
    """Run each rule over the paragraphs in order; later rules see earlier rules' output."""
    state = TextPass(list(paragraphs), prefilter=prefilter)
    for rule in rules:
        state.paragraphs = _ACTIONS[rule.action](rule, state)
    return state


def _drop(rule: Rule, state: TextPass) -> list[Paragraph]:
    if rule.matcher == "block":
        return _drop_block(rule, state)
    kept = []
    for para in state.paragraphs:
        if state.search(rule, para.text):
            state.removed.append(Removal(rule.id, rule.kind, para.text))
        else:
            kept.append(para)
    return kept


def _drop_block(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop from a start paragraph through the next end paragraph; an unclosed block stays."""
    kept: list[Paragraph] = []
    paras = state.paragraphs
    index = 0
    while index < len(paras):
        end = _block_end(rule, paras, index) if state.search(rule, paras[index].text) else None
        if end is None:
            kept.append(paras[index])
            index += 1
            continue
        state.removed.extend(Removal(rule.id, rule.kind, p.text) for p in paras[index:end + 1])
        index = end + 1
    return kept


def _block_end(rule: Rule, paras: list[Paragraph], start: int) -> int | None:
    for index in range(start, len(paras)):
        if rule.end.search(paras[index].text):
            return index
    return None


def _drop_to_end(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop a closing section (comments, a footer) from its opening line to the end.

    Such a section follows the body: a match above the first prose paragraph is a link or label
    in the page's header ('Comments' under a headline), so only that line goes.
    """
    paras = state.paragraphs
    for index, para in enumerate(paras):
        if not state.search(rule, para.text):
            continue
        if not any(_reads_as_prose(p.text) for p in paras[:index]):
            state.removed.append(Removal(rule.id, "drop", para.text))
            return paras[:index] + _drop_to_end(rule, replace(state, paragraphs=paras[index + 1:]))
        state.removed.extend(Removal(rule.id, rule.kind, p.text) for p in paras[index:])
        return paras[:index]
    return paras


def _reads_as_prose(text: str) -> bool:
    """A body sentence: long enough, and ends like one."""
    return len(text) >= MIN_PROSE_CHARS and bool(_SENTENCE_END.search(text))


def _strip(rule: Rule, state: TextPass) -> list[Paragraph]:
    kept = []
    for para in state.paragraphs:
        if not state.search(rule, para.text):
            kept.append(para)
            continue
        pieces = [m.group(0) for m in rule.pattern.finditer(para.text) if m.group(0)]
        if not pieces:
            kept.append(para)
            continue
        state.removed.extend(Removal(rule.id, rule.kind, piece) for piece in pieces)
        text = tidy(rule.pattern.sub("", para.text))
        if text:
            kept.append(Paragraph(text, para.kind))
    return kept


def _capture(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Named groups become metadata (first capture wins); the matched span leaves the text."""
    kept = []
    for para in state.paragraphs:
        match = state.search(rule, para.text)
        if not match:
            kept.append(para)
            continue
        found = {name: value.strip() for name, value in match.groupdict().items() if value and value.strip()}
        state.captures.append(found)
        if "author" in found and state.byline_after is None and kept:
            state.byline_after = kept[-1]
        state.removed.append(Removal(rule.id, rule.kind, match.group(0).strip()))
        rest = tidy(para.text[: match.start()] + " " + para.text[match.end():])
        if rest:
            kept.append(Paragraph(rest, para.kind))
    return kept


def _join_previous(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Orphaned punctuation goes back onto the end of the paragraph it belongs to."""
    kept: list[Paragraph] = []
    for para in state.paragraphs:
        if not state.search(rule, para.text):
            kept.append(para)
            continue
        state.removed.append(Removal(rule.id, rule.kind, para.text))
        if kept:
            kept[-1] = Paragraph(kept[-1].text.rstrip() + para.text.strip(), kept[-1].kind)
    return kept


def tidy(text: str) -> str:
    """Collapse the runs of spaces a removal leaves behind and trim the ends."""
    return _SPACES.sub(" ", text).strip()


_ACTIONS: dict[str, Callable[[Rule, TextPass], list[Paragraph]]] = {
    "drop": _drop,
    "drop-to-end": _drop_to_end,
    "strip": _strip,
    "capture": _capture,
    "join-previous": _join_previous,
}
