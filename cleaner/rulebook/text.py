"""Text rules, one class per matcher and action: drop, drop to the end, strip inline, capture, rejoin.

Each rule is one pass over the paragraphs, in file order; every change is recorded as a
Removal naming the rule, so any output can be explained. Two actions also look at what follows
a match: `drop-with-list` takes a label's list of short headline lines with it, `drop-trailer`
takes the rest of the document when all of it is short footer lines, `drop-tail` takes the rest
of the document once body prose stands above the match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

from ..document import Paragraph, Removal
from ..errors import RuleError
from ..patterns import Pattern, guard
from .prefilter import RulePrefilter
from .rule import Example, Matcher, Rule, TextAction, acted_failure, compile_regex, short

CAPTURE_FIELDS = frozenset({"title", "author", "date", "time", "url", "sitename"})

_SPACES = re.compile(r"[ \t]{2,}")
# Ideographs and kana: languages written without spaces, where a word is about two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!;:。！；：][\"'”’»)）」』]*$")
# Hard-wrapped prose split into lines: a line that opens in lower case or breaks after a comma.
_WRAPPED_LINE = re.compile(r"^[a-zà-öø-ÿа-яё]|[,(\-–]$")
LIST_MAX_ITEMS = 12  # a related-links box rarely lists more; a longer run of short lines is body
LIST_ITEM_WORDS = 25  # a headline is shorter; a paragraph of body prose is usually longer
TRAILER_MAX_PARAGRAPHS = 30  # footers after a copyright line are a few lines, not an article
TRAILER_LINE_WORDS = 40  # a footer line (links, an address, a one-sentence site description)
TRAILER_MAX_SENTENCES = 3  # sentences of eight words or more a footer may hold (a site description)
PROSE_WORDS = 20  # a sentence this long is body prose, never a footer line
TAIL_MIN_PROSE_WORDS = 50  # body prose above a comment prompt; a prompt above less is a link by the byline
TAIL_PROSE_RATIO = 0.5  # ... and at least half as much as below it: a prompt above the article has little
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

    def search(self, rule: TextRule, text: str) -> Any:
        """The rule's first match in the text; the prefilter skips texts it cannot match."""
        if self.prefilter is not None and not self.prefilter.may_match(rule, text, self.seen):
            return None
        return rule.pattern.search(text)


def apply_text_rules(paragraphs: Iterable[Paragraph], rules: Iterable[TextRule],
                     prefilter: RulePrefilter | None = None) -> TextPass:
    """Run each rule over the paragraphs in order; later rules see earlier rules' output."""
    state = TextPass(list(paragraphs), prefilter=prefilter)
    for rule in rules:
        state.paragraphs = rule.apply(state)
    return state


@dataclass(frozen=True, kw_only=True)
class TextRule(Rule):
    """A rule over the paragraph list; `pattern` finds the paragraphs (or spans) it acts on."""

    matcher: ClassVar[Matcher] = "paragraph"
    action: ClassVar[TextAction]
    extra_keys: ClassVar = frozenset({"unless"})

    pattern: Pattern

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        """The pattern, guarded by `unless` when the rule has one."""
        pattern = compile_regex(where, rule_id, f"match.{cls.matcher}", spec)
        if "unless" in raw:
            pattern = guard(pattern, compile_regex(where, rule_id, "unless", raw["unless"]))
        return {"pattern": pattern}

    def apply(self, state: TextPass) -> list[Paragraph]:
        """The paragraphs left after this rule; what it removed goes to `state.removed`."""
        raise NotImplementedError

    def check_example(self, example: Example, should_match: bool) -> list[str]:
        """Run alone on the example's paragraphs; `result` and `fields` pin what is left and captured."""
        from ..split import split_paragraphs  # split tidies its lines with this module's `tidy`

        state = apply_text_rules(split_paragraphs(example.text) or [Paragraph(example.text)], [self])
        failures = acted_failure(bool(state.removed), should_match, example.text)
        if failures:
            return failures
        if example.result is not None:
            got = "\n\n".join(p.text for p in state.paragraphs)
            if got != example.result:
                failures.append(f"on {short(example.text)} gave {got!r}, expected {example.result!r}")
        for name, want in (example.fields or {}).items():
            captured = next((found[name] for found in state.captures if name in found), None)
            if captured != want:
                failures.append(f"captured {name}={captured!r} from {short(example.text)}, expected {want!r}")
        return failures


@dataclass(frozen=True, kw_only=True)
class DropRule(TextRule):
    """Drop every paragraph the pattern is found in."""

    action: ClassVar = "drop"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept = []
        for para in state.paragraphs:
            if state.search(self, para.text):
                state.removed.append(Removal(self.id, self.kind, para.text))
            else:
                kept.append(para)
        return kept


@dataclass(frozen=True, kw_only=True)
class BlockDropRule(TextRule):
    """Drop from a start paragraph through the next end paragraph; an unclosed block stays."""

    matcher: ClassVar = "block"
    action: ClassVar = "drop"

    end: Pattern

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        if not isinstance(spec, dict) or set(spec) != {"start", "end"}:
            raise RuleError(where, rule_id, "match.block", "a block has 'start' and 'end' patterns")
        compiled = super().compile_spec(where, rule_id, spec["start"], raw)
        return {**compiled, "end": compile_regex(where, rule_id, "match.block.end", spec["end"])}

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        paras = state.paragraphs
        index = 0
        while index < len(paras):
            end = self._end(paras, index) if state.search(self, paras[index].text) else None
            if end is None:
                kept.append(paras[index])
                index += 1
                continue
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:end + 1])
            index = end + 1
        return kept

    def _end(self, paras: list[Paragraph], start: int) -> int | None:
        for index in range(start, len(paras)):
            if self.end.search(paras[index].text):
                return index
        return None


@dataclass(frozen=True, kw_only=True)
class DropToEndRule(TextRule):
    """Drop a closing section (comments, a footer) from its opening line to the end.

    Such a section follows the body: a match above the first prose paragraph is a link or label
    in the page's header ('Comments' under a headline), so only that line goes.
    """

    action: ClassVar = "drop-to-end"

    def apply(self, state: TextPass) -> list[Paragraph]:
        paras = state.paragraphs
        for index, para in enumerate(paras):
            if not state.search(self, para.text):
                continue
            if not any(_reads_as_prose(p.text) for p in paras[:index]):
                state.removed.append(Removal(self.id, "drop", para.text))
                return paras[:index] + self.apply(replace(state, paragraphs=paras[index + 1:]))
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:])
            return paras[:index]
        return paras


@dataclass(frozen=True, kw_only=True)
class DropWithListRule(TextRule):
    """Drop a label and the run of short headline lines under it, up to the next prose paragraph."""

    action: ClassVar = "drop-with-list"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        paras = state.paragraphs
        index = 0
        while index < len(paras):
            if not state.search(self, paras[index].text):
                kept.append(paras[index])
                index += 1
                continue
            end = index + 1
            while end < len(paras) and end - index <= LIST_MAX_ITEMS and is_list_item(paras[end].text):
                end += 1
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:end])
            index = end
        return kept


@dataclass(frozen=True, kw_only=True)
class DropTrailerRule(TextRule):
    """Drop the matched line; when only footer-like lines follow it, drop them too."""

    action: ClassVar = "drop-trailer"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        paras = state.paragraphs
        for index, para in enumerate(paras):
            if not state.search(self, para.text):
                kept.append(para)
                continue
            if is_trailer(paras[index + 1:]):
                state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:])
                return kept
            state.removed.append(Removal(self.id, self.kind, para.text))
        return kept


@dataclass(frozen=True, kw_only=True)
class DropTailRule(TextRule):
    """Drop to the end from the first match that sits under the body; other matches drop alone."""

    action: ClassVar = "drop-tail"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        counts = map(word_count, (p.text for p in state.paragraphs))
        prose = [count if count >= PROSE_WORDS else 0 for count in counts]
        above, total = 0, sum(prose)
        for index, para in enumerate(state.paragraphs):
            if not state.search(self, para.text):
                kept.append(para)
                above += prose[index]
                continue
            if above >= TAIL_MIN_PROSE_WORDS and above >= TAIL_PROSE_RATIO * (total - above):
                state.removed.extend(Removal(self.id, self.kind, p.text) for p in state.paragraphs[index:])
                return kept
            state.removed.append(Removal(self.id, self.kind, para.text))
        return kept


@dataclass(frozen=True, kw_only=True)
class StripRule(TextRule):
    """Cut the matched spans out of paragraphs; a paragraph left empty goes too."""

    matcher: ClassVar = "inline"
    action: ClassVar = "strip"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept = []
        for para in state.paragraphs:
            if not state.search(self, para.text):
                kept.append(para)
                continue
            pieces = [m.group(0) for m in self.pattern.finditer(para.text) if m.group(0)]
            if not pieces:
                kept.append(para)
                continue
            state.removed.extend(Removal(self.id, self.kind, piece) for piece in pieces)
            text = tidy(self.pattern.sub("", para.text))
            if text:
                kept.append(replace(para, text=text))
        return kept


@dataclass(frozen=True, kw_only=True)
class CaptureRule(TextRule):
    """Named groups become metadata (first capture wins); the matched span leaves the text."""

    action: ClassVar = "capture"

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        compiled = super().compile_spec(where, rule_id, spec, raw)
        groups = set(compiled["pattern"].groupindex)
        if not groups:
            raise RuleError(where, rule_id, "match.paragraph", "a capture needs named groups, e.g. (?P<author>...)")
        unknown = groups - CAPTURE_FIELDS
        if unknown:
            raise RuleError(where, rule_id, "match.paragraph", f"unknown capture group {sorted(unknown)[0]!r} "
                            f"(one of {', '.join(sorted(CAPTURE_FIELDS))})")
        return compiled

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept = []
        for para in state.paragraphs:
            match = state.search(self, para.text)
            if not match:
                kept.append(para)
                continue
            found = {name: value.strip() for name, value in match.groupdict().items() if value and value.strip()}
            state.captures.append(found)
            if "author" in found and state.byline_after is None and kept:
                state.byline_after = kept[-1]
            state.removed.append(Removal(self.id, self.kind, match.group(0).strip()))
            rest = tidy(para.text[: match.start()] + " " + para.text[match.end():])
            if rest:
                kept.append(replace(para, text=rest))
        return kept


@dataclass(frozen=True, kw_only=True)
class JoinPreviousRule(TextRule):
    """Orphaned punctuation goes back onto the end of the paragraph it belongs to."""

    action: ClassVar = "join-previous"

    def apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        for para in state.paragraphs:
            if not state.search(self, para.text):
                kept.append(para)
                continue
            state.removed.append(Removal(self.id, self.kind, para.text))
            if kept:
                kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip() + para.text.strip())
        return kept


TEXT_RULE_TYPES: tuple[type[TextRule], ...] = (
    DropRule, BlockDropRule, DropToEndRule, DropWithListRule, DropTrailerRule, DropTailRule, StripRule, CaptureRule,
    JoinPreviousRule,
)


def _reads_as_prose(text: str) -> bool:
    """A body sentence: long enough, and ends like one (the same ending the list and trailer checks use)."""
    return len(text) >= MIN_PROSE_CHARS and bool(_SENTENCE_END.search(text.rstrip()))


def word_count(text: str) -> int:
    """Words, counting two ideographs or kana as one, so the limits hold for every script."""
    unspaced = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + (unspaced + 1) // 2


def is_list_item(text: str) -> bool:
    """A short line that neither ends as a sentence nor reads as wrapped prose: a headline, a date, a link."""
    return (word_count(text) <= LIST_ITEM_WORDS and not _SENTENCE_END.search(text)
            and not _WRAPPED_LINE.search(text))


def is_trailer(paras: list[Paragraph]) -> bool:
    """True when the paragraphs are few and short, with at most a few short sentences and no prose."""
    if len(paras) > TRAILER_MAX_PARAGRAPHS:
        return False
    counts = [word_count(p.text) for p in paras]
    if any(count > TRAILER_LINE_WORDS for count in counts):
        return False
    sentences = [count for p, count in zip(paras, counts, strict=True) if count >= 8 and _SENTENCE_END.search(p.text)]
    return len(sentences) <= TRAILER_MAX_SENTENCES and all(count < PROSE_WORDS for count in sentences)


def tidy(text: str) -> str:
    """Collapse the runs of spaces a removal leaves behind and trim the ends."""
    return _SPACES.sub(" ", text).strip()
