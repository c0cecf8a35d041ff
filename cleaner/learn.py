"""Learn a site's recurring boilerplate from its own pages and write it as ordinary rule files.

One streaming pass keeps counts, not pages. Per site it counts how many pages hold each line
shape (digit runs generalised), each label prefix (`ALSO READ|`, `Disclaimer:`), the first
words, and each short header layout (capitalised words generalised), where on
the page each sits, a few example texts and a bounded sample of body paragraphs. Keys seen on
one page only are pruned when the counts grow past a budget, so memory stays flat however
long the stream. Synthesis turns what recurs into rules that must pass their own examples and
the loader's lint, and never match the site's body samples, before they are written.

Learning reads the paragraphs that reach the text rules (a dump's lines, an HTML page's
extracted paragraphs) after the rules already loaded have run, so it proposes only what those
rules leave behind. A rule for a long whole line runs after the line model (`after:
line-model`), and a site whose pages the model reads as whole pages gets only such rules: the
model weighs their short lines in context.
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .config import Config
from .decode import decode, sniff_kind
from .document import Document, Paragraph
from .errors import CleanerError, TooDeepError
from .header import read_header
from .limits import time_limit
from .markdown import dump_paragraphs
from .meta import hostname_of
from .patterns import PatternError, compile_pattern
from .pipeline import Cleaner
from .rulebook.check import check_rule
from .rulebook.load import RuleSet, RuleSource, compile_rule, load_file
from .rulebook.text import AFTER_MODEL, apply_text_rules, word_count

log = logging.getLogger(__name__)

LEARNED_MARK = "# Learned by cleaner"
SITE_FIELD, PARAGRAPHS_FIELD, READ_AS_FIELD = "learn_site", "learn_paragraphs", "learn_read_as"
# How cleaner reads a page: an HTML page's extracted paragraphs; a dump, whose metadata lines the
# header step takes; a dump the line model reads as a whole page, menus and all.
READ_AS = ("html", "dump", "whole-page")
# Where a paragraph sits: the first START_SPAN paragraphs are the page's start (header,
# byline), the last END_SPAN its end (footer); the rest is between paragraphs.
START_SPAN, END_SPAN = 4, 3
LABEL_CHARS, PREFIX_WORDS, LAYOUT_MAX_WORDS = 40, 5, 12
# First words without a separator, or a layout, are weaker evidence than a label or a whole
# line: phrases recur in prose by chance, so these must be on half the site's pages.
WEAK_SHARE = 0.5
WEAK_KINDS = ("prefix", "layout", "layout-all")
MAX_EXAMPLES, MAX_VARIANTS = 3, 6
BODY_SAMPLES, BODY_SAMPLE_CHARS, BODY_SAMPLE_WORDS, SAMPLES_PER_PAGE = 40, 600, 8, 3
SIGNATURE_SHARE, SIGNATURE_CHARS, MAX_SIGNATURES = 0.6, 20, 2
# A page is the same page again when its PRINT_PARAGRAPHS longest paragraphs are another's: one
# alone may be the site's own About box or disclaimer, the longest line of every page it has.
PRINT_PARAGRAPHS = 3
# A whole line this long is prose no headline, byline or menu has; a rule learned from one reads
# what the line model keeps (`after: line-model`), and it is all that is learned from a site the
# model reads as whole pages, whose short lines the model already weighs in their context.
LONG_LINE_WORDS = 30
KIND_ORDER = ("line", "label", "prefix", "layout", "layout-all")
# A generalised rule stands for short paragraphs (inserts, bylines, bios): paragraphs that share
# only their first or last words and run longer than this on average read as prose.
MAX_MEAN_WORDS = {"label": 40, "prefix": 20}
SLOT = "\x00"
_DIGITS = re.compile(r"\d+")
_LITERAL_PIECES = re.compile(r"(\d+|\s+)")
# A label ends at the first symbol run that is not sentence punctuation (`|`, `:`, `»`, `→`, `·`,
# `✦`, ...), or at a spaced dash, ellipsis or slash: `ALSO READ|`, `Disclaimer:`, `News ... `.
_LABEL = re.compile(
    rf"^(\S(?:.{{0,{LABEL_CHARS}}}?\S)?)"
    r"(\s*[^\w\s.,;'’\"“”()\[\]&!?%$#@*+=-]+|\s+(?:-{1,2}|\.{3}|…)(?=\s))\s*\S"
)
_LETTER = re.compile(r"[^\W\d_]")
_UPPER = "A-ZÀ-ÖØ-Þ"
_SLOT_REGEX = rf"[{_UPPER}]\S*(?:\s+[{_UPPER}]\S*){{0,4}}"
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_SITE_NAME = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
WHERE = ("at the start of the page", "between paragraphs", "at the end of the page")


@dataclass(frozen=True)
class LearnConfig:
    """Thresholds of learning; the defaults hold for news and blog crawls."""

    min_pages: int = 5  # a site with fewer pages gets no rules
    min_share: float = 0.3  # a line or shape must be on this share of the site's pages ...
    min_recurrences: int = 3  # ... and on at least this many of them
    max_body_share: float = 0.15  # a generalised rule may match at most this share of body paragraphs
    max_pages_per_site: int = 200  # pages past this add nothing: they are not read
    max_entries: int = 200_000  # counted keys over all sites before one-page keys are pruned


@dataclass(frozen=True)
class SiteRef:
    """The site a page belongs to: its rule-set name, domains and signature patterns."""

    name: str
    domains: tuple[str, ...] = ()
    signatures: tuple[str, ...] = ()
    sitename: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "domains": list(self.domains),
            "signatures": list(self.signatures),
            "sitename": self.sitename,
        }


@dataclass(slots=True)
class KeyStats:
    """How often one key recurs: pages, occurrences, positions, variants and example texts."""

    kind: str
    key: str
    pages: int = 0
    count: int = 0
    words: int = 0
    last_page: int = -1
    where: list[int] = field(default_factory=lambda: [0, 0, 0])
    variants: set[int] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)

    def add(self, page: int, where: int, text: str, line: int) -> None:
        self.count += 1
        self.words += text.count(" ") + 1
        self.where[where] += 1
        if page != self.last_page:
            self.pages += 1
            self.last_page = page
        if len(self.variants) < MAX_VARIANTS:
            self.variants.add(line)
        if len(self.examples) < MAX_EXAMPLES and text not in self.examples:
            self.examples.append(text)


@dataclass
class SiteCounts:
    """Everything kept about one site: counts of keys, never its pages."""

    ref: SiteRef
    pages: int = 0
    read_as: dict[str, int] = field(default_factory=lambda: dict.fromkeys(READ_AS, 0))  # pages read each way
    paragraphs: int = 0
    skipped: int = 0
    duplicates: int = 0
    first: dict[int, int] = field(default_factory=dict)
    stats: dict[int, KeyStats] = field(default_factory=dict)
    samples: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)
    fingerprints: set[int] = field(default_factory=set)


@dataclass
class LearnedSite:
    """One site's learned rule file: its `site:` block and its rules, as plain data."""

    ref: SiteRef
    pages: int
    rules: list[dict[str, Any]]
    signatures: list[str]

    def to_data(self) -> dict[str, Any]:
        """The rule file as YAML-ready data, in the bundled site files' format."""
        site: dict[str, Any] = {}
        if self.ref.sitename:
            site["name"] = self.ref.sitename
        site["domains"] = list(self.ref.domains)
        signatures = list(dict.fromkeys([*self.ref.signatures, *self.signatures]))
        if signatures:
            site["signature"] = signatures
        return {"site": site, "rules": self.rules}


@dataclass
class LearnResult:
    """What a learning pass found: a rule file per site that had some, and notes on the rest."""

    sites: list[LearnedSite] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: int = 0
    errors: int = 0
    skipped: int = 0  # WARC responses not read: their HTTP status is not among those asked for

    @property
    def rule_count(self) -> int:
        return sum(len(site.rules) for site in self.sites)

    def summary(self) -> list[str]:
        """One line for the totals, then the notes."""
        aside = [f"{self.errors} could not be read"] if self.errors else []
        aside += [f"{self.skipped} responses skipped by HTTP status"] if self.skipped else []
        head = f"learned {self.rule_count} rules for {len(self.sites)} sites from {self.pages} pages"
        return [head + (f" ({'; '.join(aside)})" if aside else ""), *self.notes]


def shape_of(text: str) -> str:
    """The paragraph with whitespace collapsed and each digit run as '0': dates and counts vary."""
    return " ".join(_DIGITS.sub("0", text).split())


def keys_of(shape: str) -> list[tuple[str, str]]:
    """The keys a paragraph is counted under: its whole shape, label, first words, layout."""
    tokens = shape.split(" ")
    keys = [("line", shape)]
    label = _LABEL.match(shape)
    if label and _LETTER.search(label.group(1)):
        spaced = " " if label.group(2)[:1].isspace() else ""
        keys.append(("label", label.group(1) + spaced + label.group(2).strip()))
    if len(tokens) > PREFIX_WORDS:
        keys.append(("prefix", " ".join(tokens[:PREFIX_WORDS])))
    if len(tokens) <= LAYOUT_MAX_WORDS:
        for kind, layout in (("layout", _layout(tokens, 1)), ("layout-all", _layout(tokens, 0))):
            if layout is not None:
                keys.append((kind, layout))
    return keys


def _layout(tokens: list[str], literal_head: int) -> str | None:
    """Capitalised words (names, months) as one slot per run; None without a slot and a literal
    token other than a number (a word, or a separator such as `|`)."""
    out: list[str] = []
    for index, token in enumerate(tokens):
        if index >= literal_head and token[:1].isupper() and not token.endswith(":"):
            if not out or out[-1] != SLOT:
                out.append(SLOT)
        else:
            out.append(token)
    literal = any(token != SLOT and not token.isdigit() for token in out)
    return " ".join(out) if SLOT in out and literal else None


class SiteLearner:
    """Counts keys per site over a stream of pages, then synthesises rules from what recurs."""

    def __init__(self, config: LearnConfig | None = None):
        self.config = config or LearnConfig()
        self.sites: dict[str, SiteCounts] = {}
        self.unassigned = 0
        self.errors = 0
        self.skipped = 0
        self.entries = 0

    def is_full(self, host: str | None) -> bool:
        """True when the host's site has all the pages it needs: its next pages need not be read."""
        counts = self.sites.get(host or "")
        return counts is not None and counts.pages >= self.config.max_pages_per_site

    def add(self, ref: SiteRef | None, paragraphs: list[str], read_as: str = "dump") -> None:
        """Count one page's paragraphs under its site; a page with no site is only counted.
        `read_as`: how cleaner reads the page (READ_AS)."""
        if ref is None:
            self.unassigned += 1
            return
        site = self.sites.get(ref.name)
        if site is None:
            site = self.sites[ref.name] = SiteCounts(ref)
        if site.pages >= self.config.max_pages_per_site:
            site.skipped += 1
            return
        shapes = [shape_of(text) for text in paragraphs]
        if not self._new_page(site, shapes):
            site.duplicates += 1
            return
        page = site.pages
        site.pages += 1
        site.read_as[read_as] += 1
        site.paragraphs += len(paragraphs)
        candidates = []
        for index, (text, shape) in enumerate(zip(paragraphs, shapes, strict=True)):
            hashes = self._count(site, page, _where(index, len(shapes)), text, shape, index)
            if len(text) <= BODY_SAMPLE_CHARS and len(shape.split(" ")) >= BODY_SAMPLE_WORDS:
                candidates.append((len(text), text, hashes))
        self._sample(site, candidates)
        if self.entries > self.config.max_entries:
            self._prune()

    def _new_page(self, site: SiteCounts, shapes: list[str]) -> bool:
        """False for a page whose longest paragraphs another page of the site had: the same article
        again would make its body look like boilerplate."""
        if not shapes:
            return False
        fingerprint = hash(tuple(sorted(shapes, key=lambda shape: (-len(shape), shape))[:PRINT_PARAGRAPHS]))
        if fingerprint in site.fingerprints:
            return False
        site.fingerprints.add(fingerprint)
        return True

    def _count(
        self, site: SiteCounts, page: int, where: int, text: str, shape: str, page_index: int
    ) -> tuple[int, ...]:
        """Count every key of one paragraph; a key seen on a second page starts keeping stats."""
        hashes = []
        line = hash(shape)
        # the first paragraph is usually the headline: only a whole line repeated there is boilerplate
        for kind, key in keys_of(shape)[: 1 if page_index == 0 else None]:
            digest = hash((kind, key))
            hashes.append(digest)
            stats = site.stats.get(digest)
            if stats is None:
                seen = site.first.get(digest)
                if seen is None:
                    site.first[digest] = page
                    self.entries += 1
                    continue
                if seen == page:
                    continue
                del site.first[digest]
                words = text.count(" ") + 1  # the first page's paragraph, estimated by this one
                stats = site.stats[digest] = KeyStats(kind, key, pages=1, count=1, words=words)
            stats.add(page, where, text, line)
        return tuple(hashes)

    def _sample(self, site: SiteCounts, candidates: list[tuple[int, str, tuple[int, ...]]]) -> None:
        """Keep a page's longest prose paragraphs (a few, up to a budget) as the site's body sample."""
        room = BODY_SAMPLES - len(site.samples)
        for _, text, hashes in sorted(candidates, reverse=True)[: min(room, SAMPLES_PER_PAGE)]:
            site.samples.append((text, hashes))

    def _prune(self) -> None:
        """Forget keys seen on one page of their site only (body text, mostly), except the current page's."""
        for site in self.sites.values():
            current = site.pages - 1
            site.first = {digest: page for digest, page in site.first.items() if page == current}
        self.entries = sum(len(site.first) for site in self.sites.values())
        log.debug("learning: pruned one-page keys, %d left", self.entries)

    def result(self) -> LearnResult:
        """A rule file per site that has rules, and a note for every site that has none and why."""
        result = LearnResult(pages=sum(s.pages for s in self.sites.values()), errors=self.errors, skipped=self.skipped)
        shared = self._lines_on_many_sites()
        for name in sorted(self.sites):
            site = self.sites[name]
            learned, note = synthesise(site, self.config, shared)
            if learned is not None:
                result.sites.append(learned)
            if note:
                result.notes.append(f"{name}: {note}")
        duplicates = sum(s.duplicates for s in self.sites.values())
        if duplicates:
            result.notes.append(f"{duplicates} pages repeated another page of their site: not counted")
        if self.unassigned:
            result.notes.append(f"{self.unassigned} pages had no URL and no known site signature: not learned from")
        return result

    def _lines_on_many_sites(self) -> set[int]:
        """Line keys that recur on more than one site: they cannot identify a site."""
        seen: dict[int, int] = {}
        for site in self.sites.values():
            for digest, stats in site.stats.items():
                if stats.kind == "line":
                    seen[digest] = seen.get(digest, 0) + 1
        return {digest for digest, count in seen.items() if count > 1}


def synthesise(site: SiteCounts, config: LearnConfig, shared: set[int]) -> tuple[LearnedSite | None, str]:
    """The site's rules (tested, linted, never matching its body sample) and a note, or a note only."""
    if site.pages < config.min_pages:
        return None, f"{_pages(site.pages)}, fewer than {config.min_pages}: no rules"
    need = max(config.min_recurrences, math.ceil(config.min_share * site.pages))
    need_weak = max(need, math.ceil(WEAK_SHARE * site.pages))
    model_cuts = 2 * site.read_as["whole-page"] > site.pages
    recurring = {
        d: s
        for d, s in site.stats.items()
        if s.pages >= (need_weak if s.kind in WEAK_KINDS else need)
        and (s.kind == "line" or len(s.variants) >= 2)
        and (_long_line(s) or not model_cuts)
    }
    if not recurring:
        long = f" of {LONG_LINE_WORDS} words or more (read as whole pages)" if model_cuts else ""
        return None, f"{_pages(site.pages)} share no recurring line{long}: no rules"
    body = [
        text for text, hashes in site.samples if hashes[0] not in site.stats and not any(d in recurring for d in hashes)
    ]
    if not body:
        return None, f"{_pages(site.pages)}, no body paragraphs to test rules against: no rules"
    repeated = sum(s.count for s in recurring.values() if s.kind == "line")
    unique_paragraphs = max(1, site.paragraphs - repeated)
    rules, refused = _pick_rules(site, recurring, body, unique_paragraphs, config)
    if not rules:
        return None, f"{_pages(site.pages)}: recurring text found but all {refused} candidate rules were refused"
    signatures = [
        _regex("line", s.key)
        for d, s in sorted(recurring.items(), key=lambda kv: (-kv[1].pages, kv[1].key))
        if s.kind == "line"
        and d not in shared
        and len(s.key) >= SIGNATURE_CHARS
        and s.pages >= SIGNATURE_SHARE * site.pages
    ][:MAX_SIGNATURES]
    notes = [f"{refused} candidate rule{'s' if refused != 1 else ''} refused"] if refused else []
    notes += [f"read as whole pages: lines of {LONG_LINE_WORDS} words or more only"] if model_cuts else []
    return LearnedSite(site.ref, site.pages, rules, signatures), "; ".join(notes)


def _pick_rules(
    site: SiteCounts, recurring: dict[int, KeyStats], body: list[str], unique_paragraphs: int, config: LearnConfig
) -> tuple[list[dict[str, Any]], int]:
    """Candidates from the most to the least literal; each must add coverage and pass every check."""
    ordered = sorted(recurring.values(), key=lambda s: (-s.pages, KIND_ORDER.index(s.kind), s.key))
    accepted: list[tuple[Any, dict[str, Any], int]] = []
    ids: set[str] = set()
    refused = 0
    for stats in ordered:
        if all(any(p.search(e) for p, _, _ in accepted) for e in stats.examples):
            continue
        rule = _candidate(site, stats, body, unique_paragraphs, config, ids)
        if rule is None:
            refused += 1
            continue
        accepted.append(rule)
        ids.add(rule[1]["id"])
    rules = [raw for _, raw, _ in sorted(accepted, key=lambda item: (item[2], item[1]["id"]))]
    return rules, refused


def _candidate(
    site: SiteCounts, stats: KeyStats, body: list[str], unique_paragraphs: int, config: LearnConfig, ids: set[str]
) -> tuple[Any, dict[str, Any], int] | None:
    """One rule for one recurring key, or None when it would touch body text or fails a check."""
    regex = _regex(stats.kind, stats.key)
    try:
        pattern = compile_pattern(regex)
    except PatternError as err:
        log.debug("learning %s: %s refused: %s", site.ref.name, regex, err)
        return None
    if stats.kind != "line" and stats.count > config.max_body_share * unique_paragraphs:
        return None
    limit = MAX_MEAN_WORDS.get(stats.kind)
    if limit is not None and stats.words > limit * stats.count:
        return None
    if any(pattern.search(text) for text in body) or _left_to_the_header(site, stats):
        return None
    keep = sorted(body, key=len)[:2]
    raw = {
        "id": _rule_id(site.ref.name, stats, ids),
        "description": _describe(stats, site.pages),
        "match": {"paragraph": regex},
        "action": "drop",
        **({"after": AFTER_MODEL} if _long_line(stats) else {}),
        "examples": {"match": list(stats.examples), "keep": keep},
    }
    rule = compile_rule(f"learned {site.ref.name}", site.ref.name, raw)
    if not check_rule(rule).ok:
        return None
    return pattern, raw, _most(stats.where)


def _left_to_the_header(site: SiteCounts, stats: KeyStats) -> bool:
    """Whether the site's pages are mostly dumps and the header step reads a date, a writer or a
    title from every example: it takes such a line itself, and a rule that ran first ('Published:
    <date>' on every page) would take the date with it. An HTML page's paragraphs have no header step."""
    if 2 * site.read_as["html"] >= site.pages:
        return False
    return all(read_header([Paragraph(text)], None).captures for text in stats.examples)


def _long_line(stats: KeyStats) -> bool:
    """A whole line of LONG_LINE_WORDS words or more (two ideographs or kana counting as one)."""
    return stats.kind == "line" and word_count(stats.key) >= LONG_LINE_WORDS


def _regex(kind: str, key: str) -> str:
    """An RE2-ready pattern for a key: literal text escaped, digit runs and layout slots generalised."""
    if kind == "line":
        return f"^{_literal(key)}$"
    if kind == "label":
        return rf"^{_literal(key)}\s*\S.*$"
    if kind == "prefix":
        return rf"^{_literal(key)}\s+\S.*$"
    parts = [_SLOT_REGEX if token == SLOT else _literal(token) for token in key.split(" ")]
    return "^" + r"\s+".join(parts) + "$"


def _literal(text: str) -> str:
    """Text as a regex: digit runs match any number, whitespace runs any whitespace, the rest itself."""
    out = []
    for piece in _LITERAL_PIECES.split(text):
        if not piece:
            continue
        if piece[0].isdigit():
            out.append(r"\d+")
        elif piece.isspace():
            out.append(r"\s+")
        else:
            out.append(re.escape(piece))
    return "".join(out)


def _describe(stats: KeyStats, pages: int) -> str:
    """How often and where the text was seen: the reviewer's evidence (<n> is any number)."""
    shown = _DIGITS.sub("<n>", stats.key).replace(SLOT, "<Name>")
    what = {
        "line": "the line",
        "label": "paragraphs opening with the label",
        "prefix": "paragraphs opening with",
        "layout": "lines laid out as",
        "layout-all": "lines laid out as",
    }[stats.kind]
    more = "+" if len(stats.variants) >= MAX_VARIANTS else ""
    variants = "" if stats.kind == "line" else f", {len(stats.variants)}{more} different texts"
    where = WHERE[_most(stats.where)]
    return (
        f"Learned: {what} '{_short(shown)}', seen on {stats.pages} of {pages} pages "
        f"({stats.count} times{variants}), mostly {where}. Review before keeping."
    )


def _rule_id(site: str, stats: KeyStats, taken: set[str]) -> str:
    """`<site>.learned-<first words>`, made unique."""
    words = _SLUG_WORD.findall(stats.key.replace(SLOT, " name ").lower().encode("ascii", "ignore").decode())
    slug = "-".join(words[:4]) or stats.kind
    base = f"{site}.learned-{slug}"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _pages(count: int) -> str:
    return f"{count} page{'s' if count != 1 else ''}"


def _most(where: list[int]) -> int:
    """The position (start, between, end) where a key was seen most."""
    return max(range(3), key=lambda i: where[i])


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _where(index: int, total: int) -> int:
    """0 for the start of the page, 2 for its end, 1 between."""
    if index < START_SPAN:
        return 0
    return 2 if index >= total - END_SPAN else 1


def write_rules(result: LearnResult, directory: str | Path) -> list[Path]:
    """Write `DIR/sites/<site>.yaml` for each learned site (replacing files an earlier learning
    wrote there), then load each back through the rule loader: what is written is loadable."""
    folder = Path(directory) / "sites"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        if old.read_text(encoding="utf-8").startswith(LEARNED_MARK):
            old.unlink()
    written = []
    for site in result.sites:
        path = folder / f"{site.ref.name}.yaml"
        header = (
            f"{LEARNED_MARK} from {site.pages} pages of {site.ref.name}. Review each rule, then copy\n"
            f"# this file into rules/sites/ (or merge it with the site's file there) to keep it.\n"
        )
        body = yaml.safe_dump(site.to_data(), allow_unicode=True, sort_keys=False, width=1000)
        path.write_text(header + body, encoding="utf-8")
        load_file(path)
        written.append(path)
    return written


class LearnView:
    """What learning reads of a document: its site and the paragraphs the loaded rules leave.

    It has a Cleaner's `clean` signature so the runner's worker processes can run it; the
    paragraphs and site ride back in the document's extra fields.
    """

    def __init__(self, config: Config | None = None, ruleset: RuleSet | None = None):
        # no language detection: learning never reads the language, and its profiles load slowly
        self.cleaner = Cleaner(replace(config or Config(), detect_language=False), ruleset)

    def clean(
        self,
        data: bytes | str,
        url: str | None = None,
        kind: str | None = None,
        extra: dict[str, Any] | None = None,
        charset: str | None = None,
    ) -> Document:
        """Decode (with the charset a WARC response's HTTP header declares, as `clean` does), extract
        or split, run the rules; report the site and the paragraphs left."""
        config = self.cleaner.config
        try:
            with time_limit(config.max_seconds):
                ref, paragraphs, read_as = self.view(data, url, kind or config.input_kind, charset)
        except RecursionError:
            raise TooDeepError("markup nests too deeply to extract") from None
        fields = {SITE_FIELD: ref.to_dict() if ref else None, PARAGRAPHS_FIELD: paragraphs, READ_AS_FIELD: read_as}
        return Document(source_kind=kind, extra=fields)

    def view(
        self, data: bytes | str, url: str | None, kind: str, charset: str | None = None
    ) -> tuple[SiteRef | None, list[str], str]:
        cleaner, config = self.cleaner, self.cleaner.config
        looks_html = None if kind == "auto" else kind == "html"
        text = decode(data, looks_html, config.max_input_bytes, config.max_decompressed_bytes, charset)
        kind = sniff_kind(text) if kind == "auto" else kind
        if kind == "html":
            paragraphs, page, _ = cleaner._from_html(text, url)
        else:
            (kind, paragraphs), page = dump_paragraphs(text, kind), None
        host = hostname_of(url or (page.url if page else None))
        sites = cleaner.ruleset.sites_for(host, [p.text for p in paragraphs])
        plan = cleaner._plan(tuple(sites))
        state = apply_text_rules(paragraphs, plan.text_rules, plan.prefilter, text_dump=kind != "html")
        captured = next((c["url"] for c in state.captures if c.get("url")), None)
        ref = site_ref(host or hostname_of(captured), sites)
        texts = [p.text for p in state.paragraphs]
        read_as = "html" if kind == "html" else "whole-page" if cleaner.cuts_as_page(texts, kind) else "dump"
        return ref, texts, read_as


def site_ref(host: str | None, sites: list[RuleSource]) -> SiteRef | None:
    """The host's site, else the site a loaded rule file recognised by its signature, else None."""
    if host:
        name = _ascii_host(host)
        return SiteRef(name, (name,)) if name else None
    if sites:
        site = sites[0]
        return SiteRef(site.name, site.domains, tuple(p.pattern for p in site.signatures), site.sitename)
    return None


def _ascii_host(host: str) -> str | None:
    """The host as a rule-set name (IDNA for non-ASCII hosts); None when it cannot be one."""
    try:
        name = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None
    return name if _SITE_NAME.match(name) and "." in name else None


def ref_from_record(value: dict[str, Any] | None) -> SiteRef | None:
    """The SiteRef a LearnView put into a record."""
    if not value:
        return None
    return SiteRef(value["name"], tuple(value["domains"]), tuple(value["signatures"]), value.get("sitename"))


def learn_rules(
    pages: Iterable[bytes | str | tuple[bytes | str, str | None]],
    directory: str | Path | None = None,
    config: Config | None = None,
    learn: LearnConfig | None = None,
) -> LearnResult:
    """Learn from pages (data, or (data, url) pairs), e.g. a sample of a crawl, in this process;
    write the rule files to `directory` when one is given, to clean with
    `Config(rule_dirs=(directory,))`. A page that cannot be read is counted and skipped."""
    view = LearnView(config)
    learner = SiteLearner(learn)
    for data, url in _pairs(pages):
        learner_add(learner, view, data, url)
    result = learner.result()
    if directory is not None:
        write_rules(result, directory)
    return result


def learner_add(learner: SiteLearner, view: LearnView, data: bytes | str, url: str | None) -> None:
    """Count one page, or count it as an error when it cannot be read."""
    try:
        doc = view.clean(data, url)
    except CleanerError:
        learner.errors += 1
        return
    learner.add(ref_from_record(doc.extra[SITE_FIELD]), doc.extra[PARAGRAPHS_FIELD], doc.extra[READ_AS_FIELD])


def _pairs(pages: Iterable[Any]) -> Iterator[tuple[bytes | str, str | None]]:
    for page in pages:
        yield (page[0], page[1]) if isinstance(page, tuple) else (page, None)
