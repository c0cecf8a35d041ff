"""The Cleaner: decode, prune, extract or split, apply text rules, take metadata, find language."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .chooser import choose
from .config import INPUT_KINDS, Config
from .dates import DMY
from .decode import decode, sniff_kind
from .document import Document, Paragraph, Removal, blocks_of
from .errors import InputError, TooDeepError
from .extract import CHOOSER_RULE, EDGE_TRIM_RULE, SOURCE_TEXT_RULE, ExtractOptions, extract
from .header import (
    BYLINE_RULE,
    Header,
    byline_over_story,
    closing_field_block,
    dated_days,
    outranks_masthead,
    read_dateline,
    read_header,
    read_under_headline,
    read_yearless_dateline,
)
from .headline import (
    HEADLINE_RULE,
    Headline,
    dump_title,
    first_heading,
    over_dateline,
    reads_as_dek,
    take_headline,
    take_page_headline,
)
from .lang import LanguageDetector
from .limits import check_markup, time_limit
from .linemodel import LINE_MODEL_RULE, LineModel
from .markdown import dump_paragraphs
from .meta import Metadata, hostname_of, merge, url_month
from .pagemeta import PageMeta, read_page_meta
from .parse import html_parser, parse_html
from .provenance import in_document_order
from .rulebook.dom import SelectorRule, prune
from .rulebook.load import COMMENTS_GROUP, RuleSet, RuleSource, load_ruleset
from .rulebook.prefilter import RulePrefilter
from .rulebook.text import (
    THREAD_ACTIONS,
    TextPass,
    TextRule,
    apply_text_rules,
    comment_thread_start,
    runs_after_model,
)
from .units import looks_like_page, sentence_unit_texts

# langdetect's cost grows with the text, and an article's opening characters already name its
# language: the whole body adds cost, not a different answer (benchmarks/README.md, Speed).
HTML_LANGUAGE_SAMPLE = 400
# Languages whose pages may write numeric dates month first (US English); in any other, 05/03 is 5 March.
MONTH_FIRST_LANGUAGES = frozenset({"en"})
# The line model runs on text dumps only (plain or Markdown): on HTML, extraction has already
# taken the page apart (cleaner/models/MODEL_CARD.md has the figures with it on and off).
LINE_MODEL_KINDS = ("text", "markdown")
# The story's first lines, where a byline the line model cut may stand over one: a headline, a
# standfirst, a picture's caption, then the story's first paragraph.
STORY_HEAD_LINES = 4


@dataclass(frozen=True)
class Plan:
    """The rules one set of sites runs with, and the prefilter of its text rules."""

    dom_rules: list[SelectorRule]
    text_rules: list[TextRule]
    prefilter: RulePrefilter
    kept_rules: list[TextRule]  # `after: line-model`: they read what the model keeps


class Cleaner:
    """Holds compiled rules and options; build once, then call `clean` for every document.

    It pickles as its Config (Spark, multiprocessing): the receiving process compiles the rules
    again, so nothing compiled (RE2 patterns, CSS selectors, the parser) crosses the wire.
    """

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None):
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a cleaner.Config, not {type(config).__name__}")
        self.config = config or Config()
        self._own_ruleset = ruleset is not None
        ruleset = ruleset or load_ruleset(self.config.rule_dirs, self.config.disabled_rules, self.config.bundled_rules)
        # Keeping comments turns off every rule of the comments group, text and DOM alike.
        self.ruleset = ruleset.without_groups([COMMENTS_GROUP]) if self.config.include_comments else ruleset
        # ...but the rules that find a dump's comment thread still tell the header steps where it begins
        self._thread_finders = _thread_finders(ruleset) if self.config.include_comments else []
        self._thread_prefilter = RulePrefilter(self._thread_finders) if self._thread_finders else None
        self._language = LanguageDetector() if self.config.detect_language else None
        self._parser = html_parser()
        wanted = self.config.line_model is not False and LINE_MODEL_RULE not in self.ruleset.disabled
        self._line_model = LineModel.load() if wanted else None
        self._line_model_everywhere = self.config.line_model is True  # else only on page-like dumps
        self._line_model_kinds = LINE_MODEL_KINDS
        self._plans: dict[tuple[str, ...], Plan] = {}
        self._plan(())  # the generic plan, which most documents use, is ready before the first

    def __reduce__(self) -> tuple[type[Cleaner], tuple[Config]]:
        """Rebuilt from the Config alone; a RuleSet passed in by hand has no such recipe."""
        if self._own_ruleset:
            raise TypeError("a Cleaner built with its own RuleSet cannot be pickled: build it from a Config")
        return Cleaner, (self.config,)

    def clean(
        self,
        data: bytes | str,
        url: str | None = None,
        kind: str | None = None,
        extra: dict[str, Any] | None = None,
        charset: str | None = None,
    ) -> Document:
        """Clean one page or dump; raises a CleanerError, never hangs past the limits, when it cannot
        (a ValueError for a `kind` that is not one of INPUT_KINDS: the caller's mistake, not the input's).
        `charset` is the one a transport declared for bytes (an HTTP Content-Type header): it
        outranks the page's own declaration, as in browsers; a BOM outranks both."""
        if kind is not None and kind not in INPUT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(INPUT_KINDS)} or None, not {kind!r}")
        return self._within_limits(lambda: self._clean(data, url, kind or self.config.input_kind, extra, charset))

    def model_input(self, data: bytes | str, url: str | None = None) -> list[str]:
        """The paragraphs of a text dump that the line model reads: what the rules and the header step
        leave of it with the model on (a page-like dump's tail included, which the model cuts), whether
        or not it is on here; `url` as for clean() (the site's rules and name). The training script
        labels these; errors are clean()'s."""
        text = self._within_limits(lambda: self._clean(data, url, "text", None, for_model=True)).text
        return text.split("\n\n") if text else []

    def cuts_as_page(self, texts: list[str], kind: str) -> bool:
        """Whether the line model reads these paragraphs of a dump (what the rules leave) as a whole
        page, menus and all, and cuts it; site learning leaves such a site's short lines to it."""
        model_reads = self._line_model is not None and kind in self._line_model_kinds
        return model_reads and looks_like_page(sentence_unit_texts(texts))

    def _within_limits(self, clean: Callable[[], Document]) -> Document:
        """A `_clean` call under the time limit, markup nested past Python's recursion limit an input error."""
        try:
            with time_limit(self.config.max_seconds):
                return clean()
        except RecursionError:
            raise TooDeepError("markup nests too deeply to extract") from None

    def _clean(
        self,
        data: bytes | str,
        url: str | None,
        kind: str,
        extra: dict[str, Any] | None,
        charset: str | None = None,
        for_model: bool = False,
    ) -> Document:
        config = self.config
        text = decode(
            data,
            None if kind == "auto" else kind == "html",
            config.max_input_bytes,
            config.max_decompressed_bytes,
            charset,
        )
        if kind == "auto":
            kind = sniff_kind(text)
        if kind == "html":
            paragraphs, page, removed = self._from_html(text, url)
        else:
            (kind, paragraphs), page, removed = dump_paragraphs(text, kind), None, []
        doc = self._finish(paragraphs, page, removed, url, kind, extra or {}, for_model)
        doc.removed = in_document_order(doc.removed, text, kind)  # each stage recorded its own; see provenance.py
        return doc

    def _from_html(self, text: str, url: str | None) -> tuple[list[Paragraph], PageMeta, list[Removal]]:
        """Page metadata first, from the whole tree (a byline a DOM rule removes still counts), then prune, extract."""
        check_markup(text)  # before any C code that no time limit can stop mid-call
        tree = parse_html(text, self._parser)
        if tree is None:
            raise InputError("no HTML document could be parsed from this input")
        page = read_page_meta(tree, url)
        host = hostname_of(url or page.url)
        removed = prune(tree, self._plan(tuple(self.ruleset.sites_for(host))).dom_rules)
        disabled = self.ruleset.disabled
        options = ExtractOptions(
            self.config.include_comments,
            trim_edges=EDGE_TRIM_RULE not in disabled,
            drop_source=SOURCE_TEXT_RULE not in disabled,
            chooser=None if CHOOSER_RULE in disabled else choose,
        )
        extraction = extract(tree, url, options, title=page.title, markup=text)
        return extraction.paragraphs, page, [*removed, *extraction.removed]

    def _finish(
        self,
        paragraphs: list[Paragraph],
        page: PageMeta | None,
        removed: list[Removal],
        url: str | None,
        kind: str,
        extra: dict[str, Any],
        for_model: bool = False,
    ) -> Document:
        """The document the rules, the header step and the line model make of the paragraphs; with
        `for_model`, what the rules and header step leave for the model, which does not run."""
        host = hostname_of(url or (page.url if page else None))
        sites = self.ruleset.sites_for(host, [p.text for p in paragraphs])
        plan = self._plan(tuple(sites))
        model_reads = kind in self._line_model_kinds and (self._line_model is not None or for_model)
        state = _text_rules(paragraphs, plan, text_dump=kind != "html", model_reads_pages=model_reads)
        thread = self._set_thread_aside(state) if kind != "html" else []
        header = self._read_dump(paragraphs, state, url) if kind != "html" else None

        def metadata() -> Metadata:
            """The fields captured so far (the dump's header reads add to `header` as they go), merged."""
            return merge([*state.captures, *(header.captures if header else [])], page, url)

        meta = metadata()
        head, site = self._headline(state, meta, header, bool(removed or state.removed), page, kind == "markdown")
        if header is not None and head.deep:
            head = self._read_under_headline(head, header, host)
            meta = metadata()
        over = None  # the line over a whole page's dateline, its headline when nothing else finds one
        under_over: tuple[Paragraph, ...] = ()  # the lines left between it and the dateline
        if header is not None and (meta.date is None or not meta.authors or header.masthead is not None):
            head, over, under_over = self._date_from_a_dateline(head, header, host, meta.date)
            meta = metadata()
        seen = kept = [*head.paragraphs, *thread]
        scored = list[Removal]()
        if self._line_model is not None and model_reads and not for_model:  # see linemodel.py
            kept, scored = self._line_model.apply(kept, everywhere=self._line_model_everywhere)
        # the steps after the model read the story alone, as the header did; the thread it kept follows it
        seen, kept, kept_thread = head.paragraphs, *_story_and_thread(kept, thread)
        # the first line the model leaves under the menus, unless it stands between `over` and its dateline
        cut_above = head.title is None and kept and scored and kept[0] is not seen[0]
        if header is not None and cut_above and not any(kept[0] is para for para in under_over):
            head = self._headline_under_menus(head, kept, meta, header, host)
            kept = head.paragraphs
            meta = metadata()
        if header is not None and head.title is None and over is not None and not for_model:  # after the model
            head = self._headline_over_dateline(head, kept, over, meta, header)
            kept = head.paragraphs
        if header is not None and scored and kept and not meta.authors:  # the model cut the byline with the menus
            header.captures.extend(self._byline_the_model_cut(seen, kept, host))
            meta = metadata()
        if header is not None and meta.date is None and not for_model:
            kept, dated = self._date_of_a_yearless_dateline(seen, kept, header, meta.url)
            head = replace(head, removed=[*head.removed, *dated])
            meta = metadata()
        kept = [*kept, *kept_thread]
        after = apply_text_rules(kept, plan.kept_rules) if plan.kept_rules and not for_model else None
        kept = after.paragraphs if after else kept
        body = "\n\n".join(p.text for p in kept)
        sample = body[:HTML_LANGUAGE_SAMPLE] if kind == "html" else body
        language = self._language.detect(sample, page.language if page else None) if self._language else None
        if header and language and language not in MONTH_FIRST_LANGUAGES and header.decide(DMY):
            meta = metadata()  # numeric dates the language decides
        return Document(
            text=body,
            title=head.title,
            author=meta.author,
            authors=list(meta.authors),
            date=meta.date,
            modified=meta.modified,
            url=meta.url,
            hostname=meta.hostname,
            sitename=self._sitename(meta.sitename or site, sites, meta.hostname, kind),
            language=language,
            source_kind=kind,
            removed=[*removed, *state.removed, *head.removed, *scored, *(after.removed if after else [])],
            extra=dict(extra),
            blocks=blocks_of(kept),
        )

    def _read_dump(self, split: list[Paragraph], state: TextPass, url: str | None) -> Header:
        """A dump's metadata lines, read from what the rules left so that every pass agrees."""
        host = hostname_of(url) or _url_host(state.captures)
        header = read_header(state.paragraphs, host, self.ruleset.disabled, byline_after=state.byline_after)
        state.paragraphs, state.removed = header.paragraphs, [*state.removed, *header.removed]
        header.split = split
        return header

    def _headline(
        self,
        state: TextPass,
        meta: Metadata,
        header: Header | None,
        raw: bool,
        page: PageMeta | None = None,
        markdown: bool = False,
    ) -> tuple[Headline, str | None]:
        """The headline out of the body (a page's <h1> too); for a dump, only on evidence, without its
        site suffix; a Markdown dump with no title in its header takes its first `# ` heading."""
        disabled = self.ruleset.disabled
        if header is None:
            heading = page.headline if page else None
            return take_headline(state.paragraphs, meta.title, state.byline_after, disabled, heading=heading), None
        title, site, hints = dump_title(meta, header, state.paragraphs)
        byline_after = state.byline_after or header.byline_after
        at = first_heading(state.paragraphs) if markdown and not title else None
        taken = state.paragraphs[at].text if at is not None else title
        head = take_headline(state.paragraphs, taken, byline_after, disabled, replace(hints, raw=raw), at=at)
        if head.title and not title:  # found in the body: its site suffix goes
            found, site, _ = dump_title(replace(meta, title=head.title), header, [])
            head = replace(head, title=found)
        return head, site

    def _set_thread_aside(self, state: TextPass) -> list[Paragraph]:
        """With comments kept: the dump's comment thread, taken out of `state` for the header steps
        (which then read the story alone, as with comments left out) and returned to rejoin it
        before the model."""
        if not self._thread_finders:
            return []
        start = comment_thread_start(state.paragraphs, self._thread_finders, self._thread_prefilter)
        if start is None:
            return []
        thread, state.paragraphs = state.paragraphs[start:], state.paragraphs[:start]
        return thread

    def _headline_under_menus(
        self, head: Headline, kept: list[Paragraph], meta: Metadata, header: Header, host: str | None
    ) -> Headline:
        """A whole page's headline, once the line model has taken the menus above it away: the first
        line left, taken on the evidence of the lines removed above it as a dump's first line is,
        with the byline and dateline under it read as a header. `head` (with no title) gives its
        removals; the result's paragraphs are what stays of `kept`."""
        found = take_page_headline(kept, self.ruleset.disabled)
        if found.title is None:
            return replace(head, paragraphs=kept)
        title, _, _ = dump_title(replace(meta, title=found.title), header, [])
        found = replace(found, title=title, removed=[*head.removed, *found.removed])
        return self._read_under_headline(found, header, host)

    def _date_from_a_dateline(
        self, head: Headline, header: Header, host: str | None, dated: str | None = None
    ) -> tuple[Headline, Paragraph | None, tuple[Paragraph, ...]]:
        """A dump with no date or no author yet takes them from its first dateline anywhere and the
        byline over it (a whole page's, under its menus and headline); the lines leave the body.
        Also the line over the dateline that reads as the page's headline (`over_dateline`), when
        the dump has no title yet, and the lines left between the two (a desk, a dek: no headline
        when the model has cut the one above them). A dump dated already (`dated`) takes only a dateline of that
        day: another is a comment's or a teaser's, and so is the name over it; unless it was dated
        by a date alone at its top, a masthead's, which the story's own dateline outranks."""
        found = read_dateline(head.paragraphs, host, self.ruleset.disabled)
        if found is not None and header.masthead is not None and outranks_masthead(found, header.masthead):
            header.masthead.pop("date")  # in place: the story's dateline dates the dump
        elif found is None or (dated and dated[:10] not in dated_days(found.read.captures)):
            return head, None, ()
        read = found.read
        header.take_in(read)
        at = next(index for index, para in enumerate(head.paragraphs) if para is found.line)
        first = at - found.above  # the byline read with the dateline starts here
        paragraphs = head.paragraphs[:first] + read.paragraphs + head.paragraphs[at + 1 :]
        below = head.below - (at + 1 - first) + len(read.paragraphs) if at < head.below else head.below
        removed = [*head.removed, *read.removed]
        index = None
        if head.title is None and HEADLINE_RULE not in self.ruleset.disabled:
            index = over_dateline(head.paragraphs, at, found.above)
        if index is None:
            return replace(head, paragraphs=paragraphs, removed=removed, below=below), None, ()
        # the lines between the headline and its dateline (a standfirst aside) are its byline, and
        # the header goes on under the dateline ('February 1, 2019' / '| BY: Jane Roe, MS')
        over = head.paragraphs[index]
        start = index + 1 + (index + 1 < first and reads_as_dek(head.paragraphs[index + 1].text))
        between = read_under_headline(head.paragraphs[start:first], host, self.ruleset.disabled)
        header.take_in(between)
        under = read_header(head.paragraphs[at + 1 :], host, self.ruleset.disabled, bottom=False)
        header.take_in(under)
        paragraphs = head.paragraphs[:start] + between.paragraphs + read.paragraphs + under.paragraphs
        removed = [*removed, *between.removed, *under.removed]
        under_over = (*between.paragraphs, *read.paragraphs)
        return replace(head, paragraphs=paragraphs, removed=removed, below=below), over, under_over

    def _byline_the_model_cut(
        self, seen: list[Paragraph], kept: list[Paragraph], host: str | None
    ) -> list[dict[str, str]]:
        """The author captures of a byline the line model cut from over one of the story's first
        STORY_HEAD_LINES kept lines: over the first ('By' / 'Jane Roe' / the story under the menus)
        or lower, between a headline or a picture's caption it keeps and the story ('Headline' /
        'By' / 'Jane Roe' / the story). Only over a line whose line above is gone; the one nearest
        the top wins."""
        kept_ids = {id(para) for para in kept}
        where = {id(para): index for index, para in enumerate(seen)}
        for para in kept[:STORY_HEAD_LINES]:
            at = where.get(id(para), 0)
            if at == 0 or id(seen[at - 1]) in kept_ids:
                continue
            found = byline_over_story(seen, at, host, self.ruleset.disabled)
            if found:
                return found
        return []

    def _date_of_a_yearless_dateline(
        self, seen: list[Paragraph], kept: list[Paragraph], header: Header, url: str | None
    ) -> tuple[list[Paragraph], list[Removal]]:
        """An undated dump whose URL spells the year and month (`/2019/11/`) takes the day of its
        first dateline that writes none ('Updated Nov 19, 6:55 AM;Posted Nov 18, 8:19 PM'), of that
        month; the line leaves the body unless the model took it already. After the model, which
        never reads the URL's date: the lines it reads are the same with or without this step."""
        year_month = url_month(url)
        if year_month is None or BYLINE_RULE in self.ruleset.disabled:
            return kept, []
        found = read_yearless_dateline(seen, *year_month)
        if found is None:
            return kept, []
        line, captured = found
        header.captures.append(captured)
        if not any(para is line for para in kept):
            return kept, []
        return [para for para in kept if para is not line], [Removal(BYLINE_RULE, "capture", line.text)]

    @staticmethod
    def _headline_over_dateline(
        head: Headline, kept: list[Paragraph], over: Paragraph, meta: Metadata, header: Header
    ) -> Headline:
        """A whole page's headline when no other evidence found one: the line over its dateline.
        Taken after the line model, whose cut may show a better one under the menus; it leaves
        the body here unless the model already removed it."""
        title, _, _ = dump_title(replace(meta, title=over.text), header, [])
        if not any(para is over for para in kept):
            return replace(head, title=title, paragraphs=kept)
        removal = Removal(HEADLINE_RULE, "title", over.text)
        return replace(
            head, title=title, paragraphs=[p for p in kept if p is not over], removed=[*head.removed, removal]
        )

    def _read_under_headline(self, head: Headline, header: Header, host: str | None) -> Headline:
        """A whole page's byline and dateline sit under its headline, below the menus, not at the top
        of the dump where the header reader looked: read them there too (their captures join the
        header's, after it, so a field the dump's own header gave wins)."""
        under = read_under_headline(head.paragraphs[head.below :], host, self.ruleset.disabled)
        header.take_in(under)
        return replace(
            head, paragraphs=head.paragraphs[: head.below] + under.paragraphs, removed=[*head.removed, *under.removed]
        )

    def _plan(self, sites: tuple[RuleSource, ...]) -> Plan:
        """The active rules for this set of sites (theirs first, then generic): built once, then reused."""
        key = tuple(site.name for site in sites)
        plan = self._plans.get(key)
        if plan is None:
            sources = (*sites, *self.ruleset.generic)
            dom_rules = self.ruleset.active([rule for source in sources for rule in source.dom_rules])
            active = self.ruleset.active([rule for source in sources for rule in source.text_rules])
            text_rules = [rule for rule in active if not runs_after_model(rule)]
            kept_rules = [rule for rule in active if runs_after_model(rule)]
            base = self._plans[()].prefilter if key else None  # the generic plan, built first
            plan = Plan(dom_rules, text_rules, RulePrefilter(text_rules, base), kept_rules)
            self._plans[key] = plan
        return plan

    @staticmethod
    def _sitename(marked: str | None, sites: list, hostname: str | None, kind: str) -> str | None:
        """The page's own name for its site, else the site rule's, else (HTML) the hostname."""
        named = next((site.sitename for site in sites if site.sitename), None)
        return marked or named or (hostname if kind == "html" else None)


def _text_rules(paragraphs: list[Paragraph], plan: Plan, text_dump: bool, model_reads_pages: bool) -> TextPass:
    """The text rules over a dump down to its closing block of field lines, which only line-by-line rules read.

    The block is metadata the header step reads: a related-links list or a comment section above
    it must not carry its lines away, while a rule that captures or drops the one line it
    matches ('Title:...', a bare 'Tags' label) still does so there. When those rules leave lines
    that are no block of their own ('Image credit: ...' under the one field a rule captured),
    every rule reads the whole dump, so that a second pass over the output finds the same.
    """
    fields = closing_field_block(paragraphs) if text_dump else len(paragraphs)
    if fields < len(paragraphs):
        one_line = [rule for rule in plan.text_rules if rule.action == "capture" or _drops_its_line(rule)]
        tail = apply_text_rules(paragraphs[fields:], one_line, text_dump=text_dump)
        if closing_field_block(tail.paragraphs) == 0:  # what the rules left is still a block the header reads
            state = apply_text_rules(paragraphs[:fields], plan.text_rules, plan.prefilter, text_dump, model_reads_pages)
            state.paragraphs += tail.paragraphs
            state.removed += tail.removed
            state.captures += tail.captures
            return state
    return apply_text_rules(paragraphs, plan.text_rules, plan.prefilter, text_dump, model_reads_pages)


def _thread_finders(ruleset: RuleSet) -> list[TextRule]:
    """The generic comments-group rules that take a comment thread to a dump's end (none the user disabled)."""
    rules = [rule for source in ruleset.generic for rule in source.text_rules]
    return [rule for rule in ruleset.active(rules) if rule.group == COMMENTS_GROUP and rule.action in THREAD_ACTIONS]


def _story_and_thread(kept: list[Paragraph], thread: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The kept paragraphs split where the comment thread (set aside for the header steps) begins."""
    ids = {id(para) for para in thread}
    at = next((index for index, para in enumerate(kept) if id(para) in ids), len(kept))
    return kept[:at], kept[at:]


def _drops_its_line(rule: TextRule) -> bool:
    return rule.action == "drop" and rule.matcher == "paragraph"


def _url_host(captures: list[dict[str, str]]) -> str | None:
    """The host of the first URL a rule captured: the dump's own address."""
    return hostname_of(next((found["url"] for found in captures if "url" in found), None))
