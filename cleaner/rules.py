"""Apply text rules to a paragraph list: drop, drop to the end, strip inline, capture, rejoin.

Each rule is one pass over the paragraphs, in file order; every change is recorded as a
Removal naming the rule, so any output can be explained. Some actions also look at the
paragraphs around a match: `drop-with-list` takes a label's list of short headline lines with it,
`drop-trailer` takes the rest of the document when all of it is short footer lines (and the footer
lines right above the notice), `drop-tail` takes the rest of the document once body prose stands
above the match, `drop-below-body` takes short lines under the last prose paragraph of a text
dump, `drop-with-caption` takes a credit's caption with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .document import Paragraph, Removal
from .header import field_tail_start, is_metadata_line
from .prefilter import RulePrefilter
from .ruleset import Rule

_SPACES = re.compile(r"[ \t]{2,}")
# Ideographs and kana: languages written without spaces, where a word is about two characters.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SENTENCE_END = re.compile(r"[.!;:。！；：][\"'”’»)）」』]*$")
_SENTENCE_BREAK = re.compile(r"[.!?。！？](?:\s|$)")
# Hard-wrapped prose split into lines: a line that opens in lower case or breaks after a comma.
_WRAPPED_LINE = re.compile(r"^[a-zà-öø-ÿа-яё]|[,(\-–]$")
LIST_MAX_ITEMS = 12  # a related-links box rarely lists more; a longer run of short lines is body
LIST_ITEM_WORDS = 25  # a headline is shorter; a paragraph of body prose is usually longer
TRAILER_MAX_PARAGRAPHS = 30  # footers after a copyright line are a few lines, not an article
TRAILER_LINE_WORDS = 40  # a footer line (links, an address, a one-sentence site description)
TRAILER_MAX_SENTENCES = 3  # sentences of eight words or more a footer may hold (a site description)
PROSE_WORDS = 20  # a sentence this long is body prose, never a footer line
FOOTER_LEAD_LINES = 4  # footer lines above a copyright notice (a tagline, a link row) taken with it
FOOTER_LEAD_WORDS = 8  # ... each as short as a link row or a site's tagline
CAPTION_WORDS = (4, 20)  # a picture's caption: a short sentence, longer than a subheading
FRAGMENT_WORDS = 12  # a line below the body this short, that ends no sentence, is page furniture
FRAGMENT_CLUSTER = 3  # ... when there are this many, or when other rules already cut boilerplate there
CUT_BELOW = 1  # lines other rules removed under the body: evidence of page furniture there
_BODY_KINDS = ("paragraph",)  # extracted lists, headings and tables keep their own structure
TAIL_MIN_PROSE_WORDS = 50  # body prose above a comment prompt; a prompt above less is a link by the byline
TAIL_PROSE_RATIO = 0.5  # ... and at least half as much as below it: a prompt above the article has little
MIN_PROSE_CHARS = 60
MAX_TAIL_FIELDS = 15  # field lines read at a dump's end, as many as the header step reads


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
    text_dump: bool = True  # a crawler's text dump, not paragraphs extracted from HTML
    split: list[Paragraph] = field(default_factory=list)  # the paragraphs before any rule ran

    def search(self, rule: Rule, text: str) -> Any:
        """The rule's first match in the text; the prefilter skips texts it cannot match."""
        if self.prefilter is not None and not self.prefilter.may_match(rule, text, self.seen):
            return None
        return rule.pattern.search(text)


Action = Callable[[Rule, "TextPass"], list[Paragraph]]


def apply_text_rules(paragraphs: Iterable[Paragraph], rules: Iterable[Rule],
                     prefilter: RulePrefilter | None = None, text_dump: bool = True) -> TextPass:
    """Run each rule over the paragraphs in order; later rules see earlier rules' output."""
    paragraphs = list(paragraphs)
    state = TextPass(list(paragraphs), prefilter=prefilter, text_dump=text_dump, split=paragraphs)
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
    """A body sentence: long enough, and ends like one (the same ending the list and trailer checks use)."""
    return len(text) >= MIN_PROSE_CHARS and bool(_SENTENCE_END.search(text.rstrip()))


def _drop_with_list(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop a label and the run of short headline lines under it, up to the next prose paragraph."""
    kept: list[Paragraph] = []
    paras = state.paragraphs
    index = 0
    while index < len(paras):
        if not state.search(rule, paras[index].text):
            kept.append(paras[index])
            index += 1
            continue
        end = index + 1
        while end < len(paras) and end - index <= LIST_MAX_ITEMS and is_list_item(paras[end].text):
            end += 1
        state.removed.extend(Removal(rule.id, rule.kind, p.text) for p in paras[index:end])
        index = end
    return kept


def _drop_trailer(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop the matched line; when only footer-like lines follow it, drop them too."""
    kept: list[Paragraph] = []
    paras = state.paragraphs
    for index, para in enumerate(paras):
        if not state.search(rule, para.text):
            kept.append(para)
            continue
        if is_trailer(paras[index + 1:]):
            start = len(kept) - footer_lead(kept)
            state.removed.extend(Removal(rule.id, rule.kind, p.text) for p in [*kept[start:], *paras[index:]])
            return kept[:start]
        state.removed.append(Removal(rule.id, rule.kind, para.text))
    return kept


def _drop_below_body(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop matching short lines that stand below the body's last prose paragraph.

    Under an article come the page's share bar, newsletter box, related links and footer; short
    lines there that end no sentence are their labels and links. Above the last prose paragraph
    such a line may be a subheading, so it stays; lines the header step reads stay for it.
    Text dumps only: extraction has already cut an HTML page's furniture, and what it leaves
    under an article is mostly the article's own closing lines (a columnist's credit).
    """
    paras = state.paragraphs
    last = max((i for i, p in enumerate(paras) if _reads_as_prose(p.text)), default=None)
    if not state.text_dump or last is None:
        return paras
    tail = paras[last + 1:]
    below = [_is_fragment(rule, state, para) for para in tail]
    if sum(below) < FRAGMENT_CLUSTER and not _cut_below(state, paras[last]):
        return paras  # one or two short closing lines and nothing else cut there: the article's own end
    state.removed.extend(Removal(rule.id, rule.kind, p.text) for p, drop in zip(tail, below, strict=True) if drop)
    return paras[:last + 1] + [p for p, drop in zip(tail, below, strict=True) if not drop]


def _is_fragment(rule: Rule, state: TextPass, para: Paragraph) -> bool:
    return (para.kind in _BODY_KINDS and word_count(para.text) <= FRAGMENT_WORDS and bool(state.search(rule, para.text))
            and not is_metadata_line(para.text))


def _cut_below(state: TextPass, last_prose: Paragraph) -> bool:
    """Whether earlier rules removed anything under this paragraph: the dump carries page furniture there."""
    index = next((i for i, p in enumerate(state.split) if p is last_prose), None)
    if index is None:
        return False
    left = {id(p) for p in state.paragraphs}
    return sum(id(p) not in left for p in state.split[index + 1:]) >= CUT_BELOW


def _drop_with_caption(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop a picture's credit line and, in a text dump, the caption right above it.

    A dump keeps a figure as its caption and then its credit ('Workers at the new berth on
    Tuesday.' / 'Photo: Jane Roe'). The line above a credit is a caption when it is short and
    stands under body prose: above the body it may be the headline, which stays.
    """
    kept: list[Paragraph] = []
    for para in state.paragraphs:
        if not state.search(rule, para.text):
            kept.append(para)
            continue
        if state.text_dump and len(kept) >= 2 and _is_caption(kept[-1].text) and any(
                _reads_as_prose(p.text) for p in kept[:-1]):
            state.removed.append(Removal(rule.id, rule.kind, kept.pop().text))
        state.removed.append(Removal(rule.id, rule.kind, para.text))
    return kept


def _is_caption(text: str) -> bool:
    low, high = CAPTION_WORDS
    return low <= word_count(text) <= high and not _reads_as_prose_block(text) and not is_metadata_line(text)


def _reads_as_prose_block(text: str) -> bool:
    """More than one sentence: a paragraph of the story, not a caption."""
    return len(_SENTENCE_BREAK.findall(text)) >= 2


def footer_lead(kept: list[Paragraph]) -> int:
    """How many of the last lines above a footer's notice belong to the footer.

    A site's footer often opens above its copyright line with a tagline or a link row: short
    lines that do not end as sentences, between the body's last prose paragraph and the notice.
    Lines the header step reads (a byline, a field) stay for it.
    """
    count = 0
    while count < min(FOOTER_LEAD_LINES, len(kept)) and _is_footer_line(kept[len(kept) - 1 - count].text):
        count += 1
    if not any(_reads_as_prose(p.text) for p in kept[:len(kept) - count]):
        return 0  # no body above: these lines are the page's top, not its footer
    return count


def _is_footer_line(text: str) -> bool:
    return (word_count(text) <= FOOTER_LEAD_WORDS and not _SENTENCE_END.search(text)
            and not _WRAPPED_LINE.search(text) and not is_metadata_line(text))


def _drop_tail(rule: Rule, state: TextPass) -> list[Paragraph]:
    """Drop to the end from the first match that sits under the body; other matches drop alone."""
    kept: list[Paragraph] = []
    prose = [count if count >= PROSE_WORDS else 0 for count in map(word_count, (p.text for p in state.paragraphs))]
    above, total = 0, sum(prose)
    for index, para in enumerate(state.paragraphs):
        if not state.search(rule, para.text):
            kept.append(para)
            above += prose[index]
            continue
        if above >= TAIL_MIN_PROSE_WORDS and above >= TAIL_PROSE_RATIO * (total - above):
            state.removed.extend(Removal(rule.id, rule.kind, p.text) for p in state.paragraphs[index:])
            return kept
        state.removed.append(Removal(rule.id, rule.kind, para.text))
    return kept


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


def _above_field_tail(action: Action) -> Action:
    """Run a to-the-end action on what stands above a closing block of field lines, which stays.

    Dumps often end with their metadata ('Title: ...', 'Author: ...') under the footer; the
    header step reads it there, so a footer or comment section dropped to the end stops above it.
    """
    def run(rule: Rule, state: TextPass) -> list[Paragraph]:
        paras = state.paragraphs
        end = field_tail_start([p.text for p in paras[-MAX_TAIL_FIELDS:]]) + max(0, len(paras) - MAX_TAIL_FIELDS)
        if end == len(paras):
            return action(rule, state)
        state.paragraphs = paras[:end]
        return action(rule, state) + paras[end:]
    return run


_ACTIONS: dict[str, Action] = {
    "drop": _drop,
    "drop-to-end": _above_field_tail(_drop_to_end),
    "drop-with-list": _drop_with_list,
    "drop-trailer": _above_field_tail(_drop_trailer),
    "drop-tail": _above_field_tail(_drop_tail),
    "drop-below-body": _above_field_tail(_drop_below_body),
    "drop-with-caption": _drop_with_caption,
    "strip": _strip,
    "capture": _capture,
    "join-previous": _join_previous,
}
