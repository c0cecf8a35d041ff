"""Text rules, one class per matcher and action: drop, drop to the end, strip inline, capture, rejoin.

Each rule is one pass over the paragraphs, in file order; every change is recorded as a
Removal naming the rule, so any output can be explained. Some actions also look at the
paragraphs around a match: `drop-with-list` takes a label's list of short headline lines with it,
`drop-trailer` takes the rest of the document when all of it is short footer lines (and the footer
lines right above the notice), `drop-tail` takes the rest of the document once body prose stands
above the match, `drop-below-body` takes short lines under the last prose paragraph of a text
dump, `drop-thread` takes a comment thread known by its entries, `drop-with-caption` takes a
credit's caption with it. The actions that drop to the end stop above a closing block of metadata
fields, which the header step reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from itertools import accumulate, chain
from typing import Any, ClassVar

from ..dates import find_dates
from ..document import Paragraph, Removal
from ..errors import RuleError
from ..header import (
    MAX_HEADER_LINES,
    UNSPACED,
    compiled_words,
    field_tail_start,
    is_field_line,
    is_metadata_line,
    is_prose,
    words_beside_dates,
    words_beside_relative_time,
)
from ..headline import title_key
from ..patterns import Pattern, guard
from ..units import SENTENCE_MARKS, is_short_line, page_shaped, sentence_unit_texts
from .prefilter import RulePrefilter
from .rule import Example, Matcher, Rule, TextAction, acted_failure, compile_regex, short

CAPTURE_FIELDS = frozenset({"title", "author", "date", "time", "url", "sitename"})

_SPACES = re.compile(r"[ \t]{2,}")
_SENTENCE_END = re.compile(r"[.!;:。！；：][\"'”’»)）」』]*$")
_SENTENCE_BREAK = re.compile(rf"[{SENTENCE_MARKS}](?:\s|$)")
# Hard-wrapped prose split into lines: a line that opens in lower case or breaks after a comma.
_WRAPPED_LINE = re.compile(r"^[a-zà-öø-ÿа-яё]|[,(\-–]$")
_WORD_CHAR = re.compile(r"\w")
_WORDS = re.compile(r"[^\W\d_]{2,}|[^\W\d_]*[\u3040-\u30ff\u4e00-\u9fff][^\W\d_]*")
_SAID = re.compile(r"[.!?…,。！？，][\"'”’»)）」』]*$")  # a sentence's or a greeting's end, not a label's colon
_OPENS_LOWER = re.compile(r"^[a-zà-öø-ÿа-яё]")
_BREAKS_MID = re.compile(r"[,(\-–]$")
LIST_MAX_ITEMS = 12  # a related-links box rarely lists more; a longer run of short lines is body
LIST_ITEM_WORDS = 25  # a headline is shorter; a paragraph of body prose is usually longer
TRAILER_MAX_PARAGRAPHS = 30  # footers after a copyright line are a few lines, not an article
TRAILER_LINE_WORDS = 40  # a footer line (links, an address, a one-sentence site description)
TRAILER_MAX_SENTENCES = 3  # sentences of eight words or more a footer may hold (a site description)
PROSE_WORDS = 20  # a sentence this long is body prose, never a footer line
FOOTER_LEAD_LINES = 4  # footer lines above a copyright notice (a tagline, a link row) taken with it
FOOTER_LEAD_WORDS = 8  # ... each as short as a link row or a site's tagline
CAPTION_WORDS = (4, 20)  # a picture's caption: a short sentence, longer than a subheading
# A sentence that reports what someone said or did not say is the story's, never a picture's caption
# ('McManus could not be reached by press time.', '..., the newspaper said.', 'Voorstanders zeggen dat ...').
_REPORTED = re.compile(
    r"(?i)(?:^|[\s,])(?:said|says|told|according to|could not be reached|declined to comment|request for comment"
    r"|did not (?:immediately )?(?:respond|return|reply)|sagte|sagt|sagten|erklärte|laut|dijo|afirmó|declaró|según"
    r"|a déclaré|a dit|selon|disse|afirmou|segundo|ha detto|ha dichiarato|secondo|zei|zegt|zeggen|volgens)(?:[^\w]|$)"
)
FRAGMENT_WORDS = 12  # a line below the body this short, that ends no sentence, is page furniture
FRAGMENT_CLUSTER = 3  # ... when there are this many, or when other rules already cut boilerplate there
CLUSTER_LINKS = 2  # ... and this many of them as short as a link or a label; a list the article ends with runs longer
LINK_WORDS = 4  # a link or a label: this many words or fewer, separators not counted
CUT_BELOW = 1  # lines other rules removed under the body: evidence of page furniture there
_BODY_KINDS = ("paragraph",)  # extracted lists, headings and tables keep their own structure
MAX_TAIL_FIELDS = 15  # field lines read at a dump's end, as many as the header step reads
FOOTED_FIELDS = 2  # field lines a block needs to count as closing when footer lines stand under it
TAIL_MIN_PROSE_WORDS = 50  # body prose above a comment prompt; a prompt above less is a link by the byline
TAIL_PROSE_RATIO = 0.5  # ... and at least half as much as below it: a prompt above the article has little
NAMED_TITLE_WORDS = 2  # a comment thread's heading names its post by this many words or more
THREAD_MIN_ENTRIES = 2  # one dated name under an article may be a teaser's byline; two or more make a thread
ENTRY_MAX_WORDS = 16  # a comment's opening line: its writer, the date and time, a verb or a reply link
ENTRY_NAME_WORDS = 5  # ... at most this many words besides the date and time (a teaser's headline has more)
ENTRY_NAME_CHARS = 40  # a writer's name alone over a relative time: this long at most, and ENTRY_NAME_WORDS words
_QUOTED = re.compile(r"^[\"“”„«»‘’'「『]\s*(.+?)\s*[\"“”„«»‘’'」』]")  # the quoted part that opens a text
MIN_PROSE_CHARS = 60  # counted in the width of Latin letters: an ideograph or kana counts two
WRAP_MIN_CHARS = 40  # a hard-wrapped line runs to a fixed width; tags and menu items are shorter
BODY_PROSE_WORDS = 16  # a site's one-line description under the article is shorter; body paragraphs run longer


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
    seen: dict[str, frozenset[str]] = field(default_factory=dict)  # the prefilter's memo: text -> rule ids
    text_dump: bool = True  # a crawler's text dump, not paragraphs extracted from HTML
    split: list[Paragraph] = field(default_factory=list)  # the paragraphs before any rule ran
    model_reads_pages: bool = False  # the line model cuts a page-like dump after the rules (linemodel.py)

    def search(self, rule: TextRule, text: str) -> Any:
        """The rule's first match in the text; the prefilter skips texts it cannot match."""
        prefilter = self.prefilter
        if prefilter is not None:  # RulePrefilter.may_match, inlined: asked per paragraph by every candidate rule
            may_hold = self.seen.get(text)
            if may_hold is None:
                may_hold = prefilter.may_hold(text, self.seen)
            if rule.id not in may_hold and rule.id in prefilter.screened:
                return None
        return rule.pattern.search(text)


def apply_text_rules(
    paragraphs: Iterable[Paragraph],
    rules: Iterable[TextRule],
    prefilter: RulePrefilter | None = None,
    text_dump: bool = True,
    model_reads_pages: bool = False,
) -> TextPass:
    """Run each rule over the paragraphs in order; later rules see earlier rules' output."""
    split = list(paragraphs)
    state = TextPass(
        list(split), prefilter=prefilter, text_dump=text_dump, split=split, model_reads_pages=model_reads_pages
    )
    candidates = None  # the rules that may match what is left, worked out again after a rule ran
    for rule in rules:
        if prefilter is not None and prefilter.screens(rule):
            if candidates is None:
                candidates = prefilter.candidates([p.text for p in state.paragraphs], state.seen)
            if rule.id not in candidates:
                continue  # its pattern is in no paragraph: every action leaves the paragraphs as they are
        state.paragraphs = rule.apply(state)
        candidates = None
    return state


# `after: line-model` on a `drop` rule: it reads the paragraphs the line model keeps.
AFTER_MODEL = "line-model"


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
        """The paragraphs left after this rule; what it removed goes to `state.removed`.

        By default each paragraph the rule does not match stays as it is and `act` decides what
        a match leaves; actions that look further along the list override this.
        """
        kept: list[Paragraph] = []
        for para in state.paragraphs:
            match = state.search(self, para.text)
            if match:
                self.act(state, kept, para, match)
            else:
                kept.append(para)
        return kept

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        """Act on one matched paragraph: record removals, append what stays of it to `kept`."""
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
    """Drop every paragraph the pattern is found in; with `after: line-model`, in what the line model keeps.

    A rule that runs after the model leaves the model the page it was trained on: a site's long
    recurring paragraph (an About box, a disclaimer) can be what marks a short story as the body.
    """

    action: ClassVar = "drop"
    extra_keys: ClassVar = frozenset({"unless", "after"})

    after_model: bool = False

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        """The pattern, and whether the rule reads what the line model keeps."""
        after = raw.get("after")
        if after not in (None, AFTER_MODEL):
            raise RuleError(where, rule_id, "after", f"the one step a rule may run after is '{AFTER_MODEL}'")
        return {**super().compile_spec(where, rule_id, spec, raw), "after_model": after == AFTER_MODEL}

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        state.removed.append(Removal(self.id, self.kind, para.text))


def runs_after_model(rule: Rule) -> bool:
    """Whether the rule reads what the line model keeps (`after: line-model`)."""
    return isinstance(rule, DropRule) and rule.after_model


@dataclass(frozen=True, kw_only=True)
class BlockDropRule(TextRule):
    """Drop from a start paragraph through the next end paragraph; an unclosed block stays.

    A block holds a label and what it frames (an advert's copy, a few short lines), never the
    article: a prose paragraph before the end leaves the block unclosed, so that a label at the
    top of a page and an end marker further down do not take the paragraphs between them."""

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
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index : end + 1])
            index = end + 1
        return kept

    def _end(self, paras: list[Paragraph], start: int) -> int | None:
        for index in range(start, len(paras)):
            if self.end.search(paras[index].text):
                return index
            if index > start and is_prose(paras[index].text):
                return None
        return None


@dataclass(frozen=True, kw_only=True)
class _ClosingSectionRule(TextRule):
    """An action that may drop to a dump's end: it runs above a closing block of field lines
    (`above_field_tail`), which the header step reads."""

    def apply(self, state: TextPass) -> list[Paragraph]:
        return above_field_tail(state, self._apply)

    def _apply(self, state: TextPass) -> list[Paragraph]:
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True)
class DropToEndRule(_ClosingSectionRule):
    """Drop a closing section (comments, a footer) from its opening line to the end.

    Such a section follows the body: a match above the first prose paragraph is a link or label
    in the page's header ('Comments' under a headline), so only that line goes.
    """

    action: ClassVar = "drop-to-end"

    def _apply(self, state: TextPass) -> list[Paragraph]:
        paras = state.paragraphs
        for index, para in enumerate(paras):
            if not state.search(self, para.text):
                continue
            if not any(_reads_as_prose(p.text) for p in paras[:index]):
                state.removed.append(Removal(self.id, "drop", para.text))
                return paras[:index] + self._apply(replace(state, paragraphs=paras[index + 1 :]))
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:])
            return paras[:index]
        return paras


@dataclass(frozen=True, kw_only=True)
class DropWithListRule(TextRule):
    """Drop a label and the run of short headline lines under it, up to the next prose paragraph
    or the page's headline (a first-level heading: a box's headlines are never the page's)."""

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
            while end < len(paras) and end - index <= LIST_MAX_ITEMS and _in_list(paras[end]):
                end += 1
            state.removed.extend(Removal(self.id, self.kind, p.text) for p in paras[index:end])
            index = end
        return kept


def _in_list(para: Paragraph) -> bool:
    """A line that can be one of a box's headlines: a list item's shape, no first-level heading."""
    return is_list_item(para.text) and not (para.kind == "heading" and para.level == 1)


@dataclass(frozen=True, kw_only=True)
class DropTrailerRule(_ClosingSectionRule):
    """Drop the matched line; when only footer-like lines follow it, drop them too."""

    action: ClassVar = "drop-trailer"

    def _apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        paras = state.paragraphs
        for index, para in enumerate(paras):
            if not state.search(self, para.text):
                kept.append(para)
                continue
            if is_trailer(paras[index + 1 :]):
                start = len(kept) - footer_lead(kept)
                state.removed.extend(Removal(self.id, self.kind, p.text) for p in [*kept[start:], *paras[index:]])
                return kept[:start]
            state.removed.append(Removal(self.id, self.kind, para.text))
        return kept


@dataclass(frozen=True, kw_only=True)
class DropTailRule(_ClosingSectionRule):
    """Drop to the end from the first match that sits under the body; other matches drop alone.

    Under the body: body prose above the match, and at least TAIL_PROSE_RATIO of the prose below
    it, unless the match's `title` group names a line above it. Such a match is the heading of
    the page's own comment thread ('34 Responses to “Title”' under the headline 'Title'), whose
    comments may run longer than the article."""

    action: ClassVar = "drop-tail"

    def _apply(self, state: TextPass) -> list[Paragraph]:
        kept: list[Paragraph] = []
        counts = map(word_count, (p.text for p in state.paragraphs))
        prose = [count if count >= PROSE_WORDS else 0 for count in counts]
        above, total = 0, sum(prose)
        for index, para in enumerate(state.paragraphs):
            match = state.search(self, para.text)
            if not match:
                kept.append(para)
                above += prose[index]
                continue
            if above >= TAIL_MIN_PROSE_WORDS and (
                above >= TAIL_PROSE_RATIO * (total - above) or names_a_line_above(match, kept)
            ):
                state.removed.extend(Removal(self.id, self.kind, p.text) for p in state.paragraphs[index:])
                return kept
            state.removed.append(Removal(self.id, self.kind, para.text))
        return kept


@dataclass(frozen=True, kw_only=True)
class DropThreadRule(_ClosingSectionRule):
    """Drop a reader-comment thread known by its entries: from the first entry to the end.

    A thread without a heading still shows itself: each comment opens with its writer and the
    date and time it was posted ('Jane Roe on March 5, 2021 at 4:12 pm said:', 'Jane Roe March 5,
    2021 - 4:12 pm'), or with its writer ('Jane Roe says:') over a line holding only that date and
    time. An entry is a match of the rule's pattern that reads so: a short line with a date, a time
    of day and a few words beside them (a name, a verb) over the comment's own words (a sentence,
    a greeting, or 20 words or more; under a list's dated lines stand headlines, or the next date),
    or a match with a `says` group whose next paragraph is a date and time alone, or a relative time
    with its writer (`_posted_ago`) over the comment's words. Two entries or
    more, the first under body prose (as `drop-tail` counts it), make a thread, and the thread and
    what the page prints under it go. It opens at the first entry with less prose under it, up to
    the next entry, than above it: a comment answers the article at less length, while a byline
    with its date and time (a whole page's menus and teasers above it) stands over the article.
    One entry alone stays (a teaser's byline), and so does a thread whose first entry has no
    prose above it (a forum, whose first post is the page's text; a dateline read as an entry),
    unless that entry reads unlike the two after it (a post's dated byline over comments stamped
    '2 days ago'): the thread is looked for below it.
    Text dumps only: on HTML, extraction decides on comments.
    """

    action: ClassVar = "drop-thread"

    def _apply(self, state: TextPass) -> list[Paragraph]:
        paras = state.paragraphs
        if not state.text_dump:
            return paras
        forms = {index: self._entry_form(state, paras, index) for index in range(len(paras))}
        entries = [index for index, form in forms.items() if form]
        if len(entries) > THREAD_MIN_ENTRIES and forms[entries[0]] != forms[entries[1]] == forms[entries[2]]:
            entries = entries[1:]  # the post's own dateline over a thread whose entries all read alike
        if len(entries) < THREAD_MIN_ENTRIES:
            return paras
        counts = (word_count(para.text) for para in paras)
        above = [0, *accumulate(count if count >= PROSE_WORDS else 0 for count in counts)]  # prose above each index
        if above[entries[0]] < TAIL_MIN_PROSE_WORDS:
            return paras  # the first entry opens the page's text: a forum's posts, or a dateline
        for entry, following in zip(entries, entries[1:], strict=False):
            if above[following] - above[entry] <= above[entry]:  # a comment, not an article under its byline
                state.removed.extend(Removal(self.id, self.kind, para.text) for para in paras[entry:])
                return paras[:entry]
        return paras

    def _entry_form(self, state: TextPass, paras: list[Paragraph], index: int) -> str | None:
        """How the paragraph at `index` opens a comment ('dated', 'ago' or 'says'), or None when it
        opens none."""
        text = paras[index].text
        if word_count(text) > ENTRY_MAX_WORDS:
            return None
        match = state.search(self, text)
        if not match:
            return None
        after = paras[index + 1].text if index + 1 < len(paras) else ""
        beside = _beside_timed_date(text)
        if beside in range(1, ENTRY_NAME_WORDS + 1) or beside is None and _posted_ago(paras, index):
            # over the comment's words, not over a headline or a list's next date
            return ("dated" if beside else "ago") if _says_something(after) else None
        return "says" if match.groupdict().get("says") and _beside_timed_date(after) == 0 else None


# The actions that take a reader-comment thread (with what the page prints under it) to a dump's end.
THREAD_ACTIONS = ("drop-tail", "drop-thread")


def comment_thread_start(
    paragraphs: list[Paragraph], finders: Iterable[TextRule], prefilter: RulePrefilter | None = None
) -> int | None:
    """Where the comment thread that these rules would take to the end begins, or None.

    With comments kept their rules are off and the thread stays in the body; but a commenter's
    name and time over each comment read like a byline and a dateline ('by jroe on November 15,
    2010 at 8:50 am'), so the header steps are kept from them: each rule is asked on its own over
    a copy of the paragraphs, and the earliest line any of them would take to the end is returned.
    `prefilter`, built for these rules, skips the rules and paragraphs they cannot match, as in
    `apply_text_rules`.
    """
    state = TextPass(list(paragraphs), prefilter=prefilter)
    candidates = prefilter.candidates([p.text for p in paragraphs], state.seen) if prefilter else set()
    starts = []
    for rule in finders:
        if prefilter is not None and prefilter.screens(rule) and rule.id not in candidates:
            continue  # its pattern is in no paragraph
        kept = rule.apply(replace(state, paragraphs=list(paragraphs)))  # the prefilter's memo is shared
        if kept and kept[-1] is not paragraphs[-1]:  # the rule took the lines under its last kept one
            starts.append(next(i for i in reversed(range(len(paragraphs))) if paragraphs[i] is kept[-1]) + 1)
    return min(starts, default=None)


def _posted_ago(paras: list[Paragraph], index: int) -> bool:
    """Whether the paragraph at `index` gives a comment's writer and how long ago it was posted:
    on the line ('jroe · 3 years ago', 'Hans vor 2 Tagen') or with the writer's name alone on the
    line above ('Nick A' / '2 days ago at 7:47 am'), as comment systems print a relative time. A
    byline ('By Jane Roe 2 days ago') is a post's; a relative time under a headline is a teaser's."""
    text = paras[index].text
    beside = words_beside_relative_time(text)
    if beside is None or compiled_words().prefix.match(text):
        return False
    if beside:
        return beside <= ENTRY_NAME_WORDS
    above = paras[index - 1].text if index else ""
    return 0 < word_count(above) <= ENTRY_NAME_WORDS and len(above) <= ENTRY_NAME_CHARS


def _says_something(text: str) -> bool:
    """A comment's words: a sentence of two words or more (or a greeting: 'Hi Cherie,'), or a longer
    run. A headline or a label ends no sentence, and a row of dots is no words."""
    words = len(_WORDS.findall(text))
    return (words >= 2 and bool(_SAID.search(text.rstrip()))) or words >= PROSE_WORDS


def _beside_timed_date(text: str) -> int | None:
    """The words beside the line's dates and times when it holds a date with its year and a time of
    day after it (0 for a date and time alone); None when it holds no such date."""
    dates = find_dates(text)
    return words_beside_dates(text, dates) if any(found.timed for found in dates) else None


def names_a_line_above(match: Any, above: list[Paragraph]) -> bool:
    """Whether the match's `title` group (its quoted part, when it opens with a quotation mark)
    holds the words of a line above it, or the opening words of one: a comment thread's heading
    naming the post it answers, whose headline stands above it in the dump."""
    named = match.groupdict().get("title")
    if not named:
        return False
    quoted = _QUOTED.match(named)
    key = title_key(quoted.group(1) if quoted else named)
    if len(key.split()) < NAMED_TITLE_WORDS:
        return False
    return any(line == key or line.startswith(key + " ") for line in (title_key(para.text) for para in above))


@dataclass(frozen=True, kw_only=True)
class DropBelowBodyRule(_ClosingSectionRule):
    """Drop matching short lines that stand below the body's last prose paragraph.

    Under an article come the page's share bar, newsletter box, related links and footer; short
    lines there that end no sentence are their labels and links, and a short sentence between
    two of them is the box's pitch or the footer's tagline. Above the last prose paragraph
    such a line may be a subheading, so it stays; lines the header step reads stay for it.
    With nothing else cut under the body, a few such lines must be as short as links to go: the
    article may close on a list of its own (tour dates, a team list). Text dumps only:
    extraction has already cut an HTML page's furniture, and what it leaves under an article is
    mostly the article's own closing lines (a columnist's credit). Nor on a dump that reads like a
    whole page when the line model cuts it: the model weighs each line under the article against
    the page around it, where this rule's one cut loses a page's closing lists and wrapped prose.
    """

    action: ClassVar = "drop-below-body"

    def _apply(self, state: TextPass) -> list[Paragraph]:
        paras = state.paragraphs
        if not state.text_dump or (state.model_reads_pages and _reads_as_page(paras)):
            return paras
        last = last_body(paras)
        if last is None:
            return paras
        tail = paras[last + 1 :]
        below = [self._is_fragment(state, para) for para in tail]
        links = sum(drop and _is_link(para.text) for para, drop in zip(tail, below, strict=True))
        if (sum(below) < FRAGMENT_CLUSTER or links < CLUSTER_LINKS) and not _cut_below(state, paras[last]):
            return paras  # a few closing lines (a credit, a list) and nothing else cut there: the article's own end
        below = _with_sandwiched(tail, below)
        state.removed.extend(Removal(self.id, self.kind, p.text) for p, drop in zip(tail, below, strict=True) if drop)
        return paras[: last + 1] + [p for p, drop in zip(tail, below, strict=True) if not drop]

    def _is_fragment(self, state: TextPass, para: Paragraph) -> bool:
        return (
            para.kind in _BODY_KINDS
            and word_count(para.text) <= FRAGMENT_WORDS
            and bool(state.search(self, para.text))
            and not is_metadata_line(para.text)
        )


def _reads_as_page(paras: list[Paragraph]) -> bool:
    """Whether the line model will take these paragraphs for a whole page (menus and all): it reads
    them once the header step has taken the byline, dateline and field lines off either end, so
    short lines there that read as metadata are not counted (and are read only when they decide)."""
    units = sentence_unit_texts([para.text for para in paras])
    short = [is_short_line(text) for text in units]
    total, shorts = len(units), sum(short)
    reach = (
        range(total)
        if total <= 2 * MAX_HEADER_LINES
        else chain(range(MAX_HEADER_LINES), range(total - MAX_HEADER_LINES, total))
    )
    at_ends = [units[index] for index in reach if short[index]]
    if not page_shaped(total, shorts) or page_shaped(total - len(at_ends), shorts - len(at_ends)):
        return page_shaped(total, shorts)
    taken = sum(map(is_metadata_line, at_ends))
    return page_shaped(total - taken, shorts - taken)


def last_body(paras: list[Paragraph]) -> int | None:
    """Where the body's last prose paragraph ends; a hard-wrapped paragraph counts as one.

    Old pages and plain-text posts break their prose into lines of fixed width, so each line
    alone reads as a fragment; joined, the run is the paragraph it was (its width, words and
    sentences are the sums of its lines', so the run is never joined).
    """
    last = None
    width = words = sentences = 0
    for index, para in enumerate(paras):
        text = para.text
        if index == 0 or not _continues(paras[index - 1].text, text):
            width, words, sentences = -1, 0, 0  # -1: the joining space the first line does not have
        width, words = width + 1 + prose_width(text), words + word_count(text)
        sentences += len(_SENTENCE_BREAK.findall(text))
        ends = bool(_SENTENCE_END.search(text.rstrip()))
        if _reads_as_body(text) or (
            ends and width >= MIN_PROSE_CHARS and (words >= BODY_PROSE_WORDS or sentences >= 2)
        ):
            last = index
    return last


def _continues(before: str, line: str) -> bool:
    """Whether the line carries on a sentence the line before broke off: hard-wrapped prose."""
    if prose_width(before) < WRAP_MIN_CHARS or _SENTENCE_END.search(before.rstrip()) or before.rstrip().endswith("?"):
        return False
    return bool(_OPENS_LOWER.match(line) or _BREAKS_MID.search(before) or _SENTENCE_BREAK.search(before))


def _is_link(text: str) -> bool:
    """As short as a link, a label or a row of them ('About us', 'Facebook · Instagram'), separators not counted."""
    words = word_count(" ".join(token for token in text.split() if _WORD_CHAR.search(token)))
    return 0 < words <= LINK_WORDS


def _with_sandwiched(tail: list[Paragraph], below: list[bool]) -> list[bool]:
    """Add the short sentences that stand between two dropped lines (or after one, at the end).

    A newsletter box or a footer flattened under the article has its pitch or its one-line
    description between its labels and links ('Newsletter' / 'The day's news, every morning.' /
    'Sign up'); the article's own closing line stands right under its prose, not among them.
    A bare list marker or rule ('-', '•', '* * *') is no such line: between those stand a list's items.
    """
    marked = list(below)
    worded = [drop and bool(_WORD_CHAR.search(para.text)) for para, drop in zip(tail, below, strict=True)]
    for index, para in enumerate(tail):
        if marked[index] or index == 0 or not worded[index - 1]:
            continue
        after = index + 1 == len(tail) or worded[index + 1]
        if (
            after
            and para.kind in _BODY_KINDS
            and word_count(para.text) <= FRAGMENT_WORDS
            and not is_metadata_line(para.text)
        ):
            marked[index] = True
    return marked


def _cut_below(state: TextPass, last_prose: Paragraph) -> bool:
    """Whether earlier rules removed anything under this paragraph: the dump carries page furniture there."""
    index = next((i for i, p in enumerate(state.split) if p is last_prose), None)
    if index is None:
        return False
    left = {id(p) for p in state.paragraphs}
    return sum(id(p) not in left for p in state.split[index + 1 :]) >= CUT_BELOW


@dataclass(frozen=True, kw_only=True)
class DropWithCaptionRule(TextRule):
    """Drop a picture's credit line and, in a text dump, the caption right above it.

    A dump keeps a figure as its caption and then its credit ('Workers at the new berth on
    Tuesday.' / 'Photo: Jane Roe'). The line above a credit is a caption when it is short and
    stands under body prose: above the body it may be the headline, which stays.
    """

    action: ClassVar = "drop-with-caption"

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        if (
            state.text_dump
            and len(kept) >= 2
            and _is_caption(kept[-1].text)
            and any(_reads_as_prose(p.text) for p in kept[:-1])
        ):
            state.removed.append(Removal(self.id, self.kind, kept.pop().text))
        state.removed.append(Removal(self.id, self.kind, para.text))


def _is_caption(text: str) -> bool:
    """A short line of one sentence that reports no one's words: a picture's caption."""
    low, high = CAPTION_WORDS
    return (
        low <= word_count(text) <= high
        and not _reads_as_prose_block(text)
        and not is_metadata_line(text)
        and not _REPORTED.search(text)
    )


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
    if not any(_reads_as_prose(p.text) for p in kept[: len(kept) - count]):
        return 0  # no body above: these lines are the page's top, not its footer
    return count


def _is_footer_line(text: str) -> bool:
    return (
        word_count(text) <= FOOTER_LEAD_WORDS
        and not _SENTENCE_END.search(text)
        and not _WRAPPED_LINE.search(text)
        and not is_metadata_line(text)
    )


def above_field_tail(state: TextPass, action: Callable[[TextPass], list[Paragraph]]) -> list[Paragraph]:
    """Run a to-the-end action as if a closing block of field lines were not there; the block stays.

    Dumps often end with their metadata ('Title: ...', 'Author: ...'), sometimes with the page's
    footer still under it; the header step reads it there, so a footer or comment section dropped
    to the end leaves the block where it stood and takes what is under it.
    """
    paras = state.paragraphs
    start, end = _closing_fields(paras, state.text_dump)
    if start == end:
        return action(state)
    block, under = paras[start:end], paras[end:]
    state.paragraphs = paras[:start] + under
    kept = action(state)
    left = {id(p) for p in under}  # these actions drop paragraphs and never rewrite one
    at = next((i for i, p in enumerate(kept) if id(p) in left), len(kept))
    return kept[:at] + block + kept[at:]


def _closing_fields(paras: list[Paragraph], text_dump: bool) -> tuple[int, int]:
    """Where the closing block of field lines starts and ends; (n, n) when there is none.

    The block ends the dump, or in a dump stands over a few footer lines (`is_trailer`) when it
    holds two field lines or more ('Tags: ...', 'Published: ...' over '© 2024 Daily').
    """
    offset = max(0, len(paras) - MAX_TAIL_FIELDS)
    texts = [p.text for p in paras[offset:]]
    start = field_tail_start(texts)
    if start < len(texts):
        return offset + start, len(paras)
    for end in range(len(texts) - 1, 0, -1) if text_dump else ():
        if not is_trailer(paras[offset + end :]):
            break
        if is_field_line(texts[end - 1]):
            start = field_tail_start(texts[:end])
            if end - start >= FOOTED_FIELDS:
                return offset + start, offset + end
            break
    return len(paras), len(paras)


@dataclass(frozen=True, kw_only=True)
class StripRule(TextRule):
    """Cut the matched spans out of paragraphs; a paragraph left empty goes too."""

    matcher: ClassVar = "inline"
    action: ClassVar = "strip"

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        pieces = [m.group(0) for m in self.pattern.finditer(para.text) if m.group(0)]
        if not pieces:
            kept.append(para)  # only empty matches: nothing to cut
            return
        state.removed.extend(Removal(self.id, self.kind, piece) for piece in pieces)
        text = tidy(self.pattern.sub("", para.text))
        if text:
            kept.append(replace(para, text=text))


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
            raise RuleError(
                where,
                rule_id,
                "match.paragraph",
                f"unknown capture group {sorted(unknown)[0]!r} (one of {', '.join(sorted(CAPTURE_FIELDS))})",
            )
        return compiled

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        found = {name: value.strip() for name, value in match.groupdict().items() if value and value.strip()}
        state.captures.append(found)
        if "author" in found and state.byline_after is None and kept:
            state.byline_after = kept[-1]
        state.removed.append(Removal(self.id, self.kind, match.group(0).strip()))
        rest = tidy(para.text[: match.start()] + " " + para.text[match.end() :])
        if rest:
            kept.append(replace(para, text=rest))


@dataclass(frozen=True, kw_only=True)
class JoinPreviousRule(TextRule):
    """Orphaned punctuation goes back onto the end of the paragraph it belongs to."""

    action: ClassVar = "join-previous"

    def act(self, state: TextPass, kept: list[Paragraph], para: Paragraph, match: Any) -> None:
        state.removed.append(Removal(self.id, self.kind, para.text))
        if kept:
            kept[-1] = replace(kept[-1], text=kept[-1].text.rstrip() + para.text.strip())


TEXT_RULE_TYPES: tuple[type[TextRule], ...] = (
    DropRule,
    BlockDropRule,
    DropToEndRule,
    DropWithListRule,
    DropTrailerRule,
    DropTailRule,
    DropThreadRule,
    DropBelowBodyRule,
    DropWithCaptionRule,
    StripRule,
    CaptureRule,
    JoinPreviousRule,
)


def _reads_as_body(text: str) -> bool:
    """Prose of the article itself: longer than the one-sentence description a footer or a box gives."""
    return _reads_as_prose(text) and (word_count(text) >= BODY_PROSE_WORDS or _reads_as_prose_block(text))


def _reads_as_prose(text: str) -> bool:
    """A body sentence: long enough, and ends like one (the same ending the list and trailer checks use)."""
    return prose_width(text) >= MIN_PROSE_CHARS and bool(_SENTENCE_END.search(text.rstrip()))


def prose_width(text: str) -> int:
    """Length with ideographs and kana counted twice, so the prose checks hold for unspaced scripts."""
    return len(text) + len(UNSPACED.findall(text))


def word_count(text: str) -> int:
    """Words, counting two ideographs or kana as one, so the limits hold for every script."""
    unspaced = len(UNSPACED.findall(text))
    return len(UNSPACED.sub(" ", text).split()) + (unspaced + 1) // 2


def is_list_item(text: str) -> bool:
    """A short line that neither ends as a sentence nor reads as wrapped prose: a headline, a date, a link."""
    return word_count(text) <= LIST_ITEM_WORDS and not _SENTENCE_END.search(text) and not _WRAPPED_LINE.search(text)


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
