"""Metadata from a text dump's header and trailer: field blocks, front matter, titles, bylines.

A dump opens (and often ends) with lines that describe the page rather than tell the story:
`Field: value` lines, YAML or TOML front matter, a Markdown `# Title`, bylines and datelines.
They are read from the top down to the first prose paragraph and from the bottom up to the last
one; each line read becomes metadata and leaves the body as a `capture` removal. Field names,
byline words and month names are data (cleaner/textmeta.yaml), not code.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import yaml

from .dates import FoundDate, Yearless, find_dates, find_yearless, month_word, order_for_host, words
from .document import Paragraph, Removal
from .meta import hostname_of
from .people import (
    before_label,
    before_role,
    desk_words,
    ends_in_role,
    glued_tail,
    is_desk,
    is_person,
    names_no_person,
    role_words,
    tidy_name,
    without_case,
)
from .units import SENTENCE_MARKS, sentence_unit_texts

FIELD_RULE = "generic.header-field"
FRONT_MATTER_RULE = "generic.front-matter"
MARKDOWN_TITLE_RULE = "generic.markdown-title"
BYLINE_RULE = "generic.header-byline"
DATED_TITLE_RULE = "generic.header-dateline"
RULES = (FIELD_RULE, FRONT_MATTER_RULE, MARKDOWN_TITLE_RULE, BYLINE_RULE, DATED_TITLE_RULE)
MAX_NAME_LINE_CHARS = 80  # a byline of names alone, under its headline
MAX_LINE_CHARS = 600  # longer paragraphs are prose, never a header line
MAX_HEADER_LINES = 15  # lines read from each end before giving up on finding prose
MAX_FRONT_MATTER_LINES = 60
MAX_LINES_ABOVE_FRONT_MATTER = 3  # menu or breadcrumb lines a crawler kept above the front matter
MIN_PROSE_WORDS = 12
MAX_FIELD_WORDS = 40
MAX_BYLINE_WORDS = 24
MAX_NAME_WORDS = 5
MAX_BARE_NAME_WORDS = 3
MAX_UNCASED_NAME_CHARS = 24
MAX_TAG_WORDS = 3  # an item of a tag list ('climate', 'interest rates')
MAX_SOURCE_WORDS = 4  # a source named without a URL ('Source: Associated Press')
MAX_SECTIONS = 6  # the sections a post was filed in, after its byline
MAX_TAIL_PARTS = 2  # labels after a byline's date ('By Jane Roe March 5, 2021 | Politics | Leave a comment')
MAX_OTHER_FIELD_WORDS = 12  # a name with neither 'By' nor a field name in front of it
DATE_FIELDS = ("published", "modified", "crawled")
LINE_DATE_KEYS = ("date", "modified", "crawled")  # what a dateline captures
BARE_LABEL_FIELDS = ("tags", "language")  # fields whose name alone on a line is still a header line
_WORD = re.compile(r"\w+")
# A post's comment count ('12 Comments', 'No Comments', '3件のコメント', 'Kommentare (4)', '댓글 3'):
# `words` are the word lists' comment_count_words.
_COMMENT_COUNT = (
    r"(?<!\w)(?:(?:\d+|no)\s*(?:件の|条|개의)?\s*(?:{words})|(?:{words})\s*[(\[（]?\s*\d+\s*[)\]）]?)(?!\w)"
)
# A count of time units, one or two of them ('3 hours', 'about 1 hour, 22 minutes', '5h', 'a week'),
# for a relative time in a line: `units` are the word lists' time units.
_COUNTED = r"(?:\d+|an?|one)\s*(?:{units})\.?(?:,?\s*\d+\s*(?:{units})\.?)?"
_SENTENCE_END = re.compile(rf"[{SENTENCE_MARKS}…:;；：؛][\"”’»)）」』]?$")
_DECORATION = re.compile(r"^[\s*_>~`]+|[\s*_~`]+$")
_URL = re.compile(r"^(?:<)?((?:https?://|www\.)\S+?)(?:>)?$", re.I)
_SEPARATORS = re.compile(r"\s*(?:[|·•;/]|\s[-–—]\s|[–—]|,)\s*")
# An outlet named by its domain under a byline ('smithsonian.com', 'www.example.co.uk').
_DOMAIN = re.compile(r"(?:www\.)?[^\W_](?:[\w-]*[^\W_])?(?:\.[^\W_](?:[\w-]*[^\W_])?)*\.[^\W\d_]{2,}", re.I)
_HANDLE = re.compile(r"@[A-Za-z0-9_]{2,30}(?![\w.@])")  # a social account, not an e-mail address
# the account in brackets after a 'By' byline's name ('By Jane Roe (@janeroe)'); without the 'By',
# 'Jane Roe (@janeroe) March 5, 2021' signs a post quoted in the story (an embedded tweet)
_BRACKETED_HANDLE = re.compile(r"\s*\(@[A-Za-z0-9_]{2,30}\)")
_CLOCK = re.compile(
    r"(?<![\d:])[0-2]?\d[:h]\d\d(?::\d\d)?(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?-i:[A-Z]{2,4}))?(?![\d:])"
    r"|(?<![\d:])[0-2]\d[0-5]\d\s*(?-i:[A-Z]{2,4})\b",  # '0339 GMT': a time of four digits, with its zone
    re.I,
)
_BRACKET = re.compile(r"[()\[\]【】]")
_READING_TIME = re.compile(r"^\d+\s*(?:min|mins|minutes?|minuten|minutos|minuti|minuter|минут\w*|分钟|分)\b", re.I)
_COUNTER = re.compile(r"\s+\d{1,6}$")
_TRAILING_SEPARATOR = re.compile(r"\s*(?:\s[-–—|·•]|[,(\[])\s*$")
_OTHER_FIELD = re.compile(r"^[^\W\d_][\w .'/-]{0,28}?\s*[:：=]\s*(?P<value>\S.{0,120})$")
_LABEL = re.compile(r"^[^\W\d][\w .'-]{0,30}[:：]$")
_LABEL_EDGES = " |·•:："
_OPENING_LABEL = re.compile(r"^[^\W\d_][^\W\d]*(?:\s[^\W\d_][^\W\d]*){0,2}[:：]\s+\S")  # 'Filed under: Politics'
MAX_TRAILER_WORDS = 6  # '| Special to the Pioneer Press'
MAX_DOMAIN_CHARS = 80
_FRONT_KEY = re.compile(r"^[A-Za-z_][\w.-]{0,40}$")
_FIELD_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s{2,}|\u3000+")
# Markdown emphasis around part of a byline ('_By Jane Roe_ · March 5', '**Jane Roe** | 2024-03-05').
_EMPHASIS = re.compile(r"(?:(?<=\s)|^)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?=$|\s|[,.;|·•])")
# Ideographs and kana: scripts written without spaces, where about two characters make a word.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_HAN_NAME = re.compile(r"^[\u3400-\u9fff]{2,4}$|^[\u3040-\u30ff\u3400-\u9fff]{1,4}\s[\u3040-\u30ff\u3400-\u9fff]{1,4}$")


@dataclass
class Header:
    """What the header and trailer gave: the body left, captures in order, the removals."""

    paragraphs: list[Paragraph]
    captures: list[dict[str, str]] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    title_line: Paragraph | None = None  # a body line a date was cut from: the headline, evidence for it
    byline_after: Paragraph | None = None  # the line above the first metadata line read under it
    split: list[Paragraph] = field(default_factory=list)  # the dump's lines as split, before the rules
    undecided: list[tuple[dict[str, str], str, FoundDate]] = field(default_factory=list)
    # The capture of a date alone read at the top ('Wednesday, November 20, 2019'): a masthead's
    # date (today's) as often as the story's, which the story's own dateline further down outranks.
    masthead: dict[str, str] | None = None

    def take_in(self, other: Header) -> None:
        """Add what another read of the same dump captured, after this one's (so this one's fields win)."""
        self.captures.extend(other.captures)
        self.undecided.extend(other.undecided)

    def decide(self, order: str) -> bool:
        """Read the undecided numeric dates in this order (the page's language knows it); True if any."""
        for found, key, when in self.undecided:
            found[key] = when.resolve(order) or ""
        decided, self.undecided = bool(self.undecided), []
        return decided


@dataclass(frozen=True)
class Words:
    """The compiled word lists: field names by field, byline openers, joiners, particles."""

    field_of: dict[str, str]
    field_line: re.Pattern
    field_start: re.Pattern
    slash_prefix: re.Pattern
    prefix: re.Pattern
    prefix_alone: re.Pattern
    prefix_ending: re.Pattern
    date_label: re.Pattern
    relative: re.Pattern
    relative_stamp: re.Pattern
    relative_in: re.Pattern
    affiliation: re.Pattern
    roles: frozenset[str]
    weekday_tail: re.Pattern
    fillers: frozenset[str]
    weekdays: frozenset[str]
    joiners: re.Pattern
    particles: frozenset[str]
    reply: re.Pattern
    filed_in: re.Pattern
    credit: re.Pattern
    comment_count: re.Pattern


@lru_cache(maxsize=1)
def compiled_words() -> Words:
    """Build the field and byline patterns from the word lists once."""
    data = words()
    field_of = {name.casefold(): key for key, names in data["fields"].items() for name in names}
    names = "|".join(re.escape(n) for n in sorted(field_of, key=len, reverse=True))
    field_line = re.compile(
        rf"^[\s*_>#-]*(?P<name>{names})[\s*_]*(?P<sep>[:：=\t]|\s[-–—|]\s)\s*[*_]*\s*(?P<value>.*?)[\s*_]*$", re.I
    )
    prefixes = "|".join(re.escape(p) for p in sorted(data["byline_prefixes"], key=len, reverse=True))
    dated = [n for n, key in field_of.items() if key in DATE_FIELDS]
    label = "|".join(re.escape(n) for n in sorted(dated, key=len, reverse=True))
    joiners = "|".join(re.escape(j) for j in data["name_joiners"])
    days = "|".join(re.escape(d) for d in sorted(data["weekdays"], key=len, reverse=True))
    relative = "|".join(re.escape(r) for r in data["relative_time"])
    units = "|".join(re.escape(u) for u in sorted(data["time_units"], key=len, reverse=True))
    counted = _COUNTED.format(units=units)
    affiliations = "|".join(re.escape(a) for a in data["affiliation_words"])
    replies = "|".join(re.escape(r) for r in data["reply_words"])
    filed_in = "|".join(re.escape(w) for w in data["filed_in"])
    credits = "|".join(re.escape(p) for p in sorted(data["credit_prefixes"], key=len, reverse=True))
    comments = "|".join(re.escape(w) for w in sorted(data["comment_count_words"], key=len, reverse=True))
    return Words(
        field_of=field_of,
        field_line=field_line,
        field_start=re.compile(rf"\s+(?=(?:{names})\s*[:：])", re.I),
        prefix=re.compile(rf"^(?:{prefixes})(?:\s*[:：]\s*|\s+|(?<=\W))", re.I),
        prefix_alone=re.compile(rf"^\s*(?:{prefixes})\s*[:：]?\s*$", re.I),
        prefix_ending=re.compile(rf"(?:^|\s)(?:{prefixes})\s*[:：]?\s*$", re.I),
        slash_prefix=re.compile(rf"^((?:{prefixes}))\s*[/／]\s*", re.I),
        # 'Posted: (' DATE; also after a separator a page ran into it ('Posted Nov 18, 8:19 PM;Updated Nov 19')
        date_label=re.compile(rf"(?:^|[\s;|,·•/])(?P<label>{label})\s*[:：]?[\s(\[【]*$", re.I),
        relative=re.compile(rf"^(?:{label})\s*[:：]?\s+(?=.*\d)(?=.*(?<!\w)(?:{relative})(?!\w)).{{1,40}}$", re.I),
        relative_stamp=re.compile(
            rf"^\W*(?:(?:{label}|{relative})\s*[:：]?\s*)?\d+\s*(?:{units})\.?\s*(?:{relative})?\W*$", re.I
        ),
        relative_in=re.compile(rf"(?<!\w)(?:(?:{relative})\s*{counted}|{counted}\s*(?:{relative}))(?!\w)", re.I),
        affiliation=re.compile(rf"\s(?:{affiliations})\s", re.I),
        roles=role_words(),  # with the widget words
        weekday_tail=re.compile(rf"(?:^|(?<=\s))(?:{days})\.?,?\s*$", re.I),
        fillers=frozenset(f.casefold() for f in data["fillers"]),
        weekdays=frozenset(d.casefold() for d in data["weekdays"]),
        joiners=re.compile(rf"\s*(?:,|\s(?:{joiners})\s|&|、|・)\s*", re.I),
        particles=frozenset(data["name_particles"]),
        reply=re.compile(rf"(?<!\w)(?:{replies})(?!\w)", re.I),
        filed_in=re.compile(rf"\s+(?:{filed_in})\s+(?=[^\W\d_])", re.I),
        credit=re.compile(rf"^(?:{credits})(?:\s*[:：]\s*|\s+)", re.I),
        comment_count=re.compile(_COMMENT_COUNT.format(words=comments), re.I),
    )


def read_header(
    paragraphs: list[Paragraph],
    hostname: str | None,
    disabled: frozenset[str] = frozenset(),
    bottom: bool = True,
    byline_after: Paragraph | None = None,
) -> Header:
    """Take the metadata lines off both ends of a dump (off its top only without `bottom`: the lines
    under a dateline found mid-page, whose page end was read with the dump). `byline_after` is the
    line that stood over a byline a text rule captured: the line under it continues that byline
    as it would one read here (an agency under the names)."""
    if all(rule in disabled for rule in RULES):
        return Header(list(paragraphs))
    header = Header(list(paragraphs))
    pending: list[tuple[dict[str, str], str, FoundDate]] = []
    _front_matter(header, disabled)
    _scan(header, disabled, pending, from_top=True, hostname=hostname, byline_after=byline_after)
    if bottom:
        _scan(header, disabled, pending, from_top=False)
    captured_url = next((found["url"] for found in header.captures if "url" in found), None)
    order = _dump_order(pending, hostname or hostname_of(captured_url))
    for found, key, when in pending:
        iso = when.resolve(order)
        if iso:
            found[key] = iso
        elif when.readings:
            header.undecided.append((found, key, when))
    _masthead_gives_way(header)
    return header


def _masthead_gives_way(header: Header) -> None:
    """A date alone at the top (Header.masthead) gives way to a dated line the header read under
    it that is no later ('Wed, Nov 20, 2019' over the menus, 'On 11/13/19 at 4:00 PM EST' under the
    story's byline): the masthead shows today's date, the byline the story's."""
    masthead = header.masthead
    if masthead is None or "date" not in masthead:
        return
    later = header.captures[next(i for i, found in enumerate(header.captures) if found is masthead) + 1 :]
    if any(day <= masthead["date"][:10] for day in dated_days(later)):
        del masthead["date"]


def dated_days(captures: list[dict[str, str]]) -> list[str]:
    """The days (ISO, without a time) the captures give as a publication or an update date."""
    return [found[key][:10] for found in captures for key in ("date", "modified") if found.get(key)]


def _scan(
    header: Header,
    disabled: frozenset[str],
    pending: list,
    from_top: bool,
    hostname: str | None = None,
    byline_after: Paragraph | None = None,
) -> None:
    """Read metadata lines from one end until the first prose paragraph (`hostname`: the dump's site,
    whose name is no writer's; `byline_after`: the line over a byline the rules took, read_header)."""
    paras = header.paragraphs
    index = 0 if from_top else len(paras) - 1
    step = 1 if from_top else -1
    passed = 0  # lines left in place: the limit counts only these, so a second pass reads as far
    in_block = False  # right after a field line: any 'Key: value' line continues the block
    named = False  # right under a byline's names, read from the top: its job title or handle continues it
    while passed < MAX_HEADER_LINES and 0 <= index < len(paras):
        para = paras[index]
        span, read = _read_at(paras, index, header, disabled, pending, from_top)
        if read is None and in_block and _is_other_field(para.text):
            read = (FIELD_RULE, {}, None)
        elif read is None and named and (_byline_trailer(para.text) or _desk_line(para.text)):
            read = (BYLINE_RULE, {}, None)
        if read is None:
            if is_prose(para.text):
                return
            index += step
            passed += 1
            in_block = False
            named = from_top and byline_after is not None and para is byline_after
            continue
        rule, found, rest = read
        in_block = rule == FIELD_RULE
        named = from_top and rule == BYLINE_RULE and not rest and ("author" in found or (named and not found))
        if in_block:  # 'Key: value' lines just passed belong to this block too
            taken = _take_block_neighbours(header, span, from_top)
            span = slice(span.start - taken, span.stop - taken) if from_top else span
            index = span.start if from_top else index
        over = _names_over_dateline(header, span.start, found, hostname, disabled) if from_top and not rest else 0
        first = span.start - over
        header.captures.append(found)
        lines = paras[span]
        if from_top and not rest and len(lines) == 1 and not over and _date_alone(lines[0].text):
            header.masthead = header.masthead or found
        header.removed.extend(Removal(rule, "capture", p.text) for p in lines[:-1])
        header.removed.append(Removal(rule, "capture", lines[-1].text if rest is None else _cut(lines[-1].text, rest)))
        if from_top and first > 0 and header.byline_after is None:
            header.byline_after = paras[first - 1]
        if rest:
            paras[index] = Paragraph(rest, para.kind)
            header.title_line = header.title_line or paras[index]
            index += step
            passed += 1
        else:
            del paras[first : span.stop]
            index = first if from_top else span.start - 1


def _names_over_dateline(
    header: Header, at: int, found: dict[str, str], hostname: str | None, disabled: frozenset[str]
) -> int:
    """How many lines right over a dateline without a name (at `at`, read from the top into `found`)
    are its byline ('Jane Roe' under the headline, over 'November 19th, 2019 at 8:40 AM'), as over a
    dateline mid-page (see _byline_above); their captures join the header's. 0 when none are."""
    if "author" in found or not find_dates(header.paragraphs[at].text):  # its dates are read later
        return 0
    byline = _byline_above(header.paragraphs, at, hostname, disabled)
    if byline is None:
        return 0
    count, read = byline
    header.captures.extend(read.captures)
    header.removed.extend(read.removed)
    return count


def _take_block_neighbours(header: Header, span: slice, from_top: bool) -> int:
    """Remove the 'Key: value' lines right before a field line in reading order; how many went."""
    paras = header.paragraphs
    step = -1 if from_top else 1
    index = span.start - 1 if from_top else span.stop
    taken: list[int] = []
    while 0 <= index < len(paras) and _is_other_field(paras[index].text):
        taken.append(index)
        index += step
    header.removed.extend(Removal(FIELD_RULE, "capture", paras[at].text) for at in sorted(taken))
    for at in sorted(taken, reverse=True):
        del paras[at]
    return len(taken)


STORY_REACH = 3  # a story starts this many sentence units under its dateline at most
# ... under the dateline of a headline found mid-page, where the page sets a section label, a
# standfirst, a share count, a picture's caption and credit between them
PAGE_STORY_REACH = 8
STORY_LINES = 12  # the lines read for them
TEASER_TITLE_WORDS = 3  # a teaser's title under a dateline; shorter lines are desks ('Associated Press') and labels
MAX_STANDFIRSTS = 1  # prose paragraphs a masthead's date may stand over before the story's dateline (its standfirst)


class Dateline(NamedTuple):
    """A whole page's dateline found mid-dump (see read_dateline): its line, what was read of it and
    of the byline lines right above it, and how many of those there were."""

    line: Paragraph
    read: Header
    above: int


def read_dateline(
    paragraphs: list[Paragraph], hostname: str | None, disabled: frozenset[str] = frozenset()
) -> Dateline | None:
    """The first line anywhere in the paragraphs that is a dateline (or a byline with a date), or
    the story's where the first is a masthead's date (see _story_dateline), read as a header with
    the byline right above it; None when there is none.

    A whole page's dateline sits under its menus and headline, where reading from either end does
    not reach: with no date from the header, the first line that reads wholly as one ('Updated
    Nov 20, 2019 1:39 am', 'Jane Roe | March 5, 2021') dates the page. Prose never does. Only the
    line's dates are kept: a name beside them, so far from the headline, may be a place or a desk
    ('New Delhi, News Bureau | Updated: 19 November 2019'); a name after 'By' is the byline's,
    also where a page broke the line at its link ('By' / 'Jane Roe March 5, 2021'). The lines right
    above it that read whole as a byline ('By' / 'Jane Roe'; 'Jane Roe' alone) give the author.
    """
    if BYLINE_RULE in disabled:
        return None
    at = _story_dateline(paragraphs)
    if at is None:
        return None
    para = paragraphs[at]
    if not _is_dateline(para.text):  # a dateline under a lone 'By' (see _dateline_at): read the two together
        read = read_header(paragraphs[at - 1 : at + 1], hostname, disabled)
        return Dateline(para, read, 1)
    labelled = int(at > 0 and is_date_label(paragraphs[at - 1].text))  # 'Published' / 'March 5, 2021'
    read = read_header(paragraphs[at - labelled : at + 1], hostname, disabled)
    kept = (*LINE_DATE_KEYS, "author") if _names_after_by(para.text) else LINE_DATE_KEYS
    for found in read.captures:  # in place: the undecided dates still point to these
        for key in [key for key in found if key not in kept]:
            del found[key]
    if any(found.get("author") for found in read.captures):  # the dateline names its writer
        return Dateline(para, read, labelled)
    byline = _byline_above(paragraphs, at - labelled, hostname, disabled)
    if byline is None:
        return Dateline(para, read, labelled)
    above, over = byline
    over.take_in(read)
    over.paragraphs, over.removed = read.paragraphs, [*over.removed, *read.removed]
    return Dateline(para, over, above + labelled)


MAX_BYLINE_LINES = 4  # 'By' / 'Jane Roe' / 'Staff Writer' / '@janeroe' over a page's dateline
# A name alone over a page's dateline is its byline under the headline or the standfirst; under a
# shorter line (a menu's last label, 'FORUM') it is the headline itself ('Classificação NASCAR').
MIN_WORDS_OVER_BARE_NAME = 5


def _byline_above(
    paragraphs: list[Paragraph], at: int, hostname: str | None, disabled: frozenset[str], marked_only: bool = False
) -> tuple[int, Header] | None:
    """The byline right above a page's dateline (at `at`): the most lines above it, up to
    MAX_BYLINE_LINES, that the header reader reads whole (a job title under the names is read with
    them, not alone), a writer's name among them, read as the
    lines under a headline are; how many, and the read. Failing that, names over their outlet's
    line (_names_over_outlet); None when neither is there, or when it is a name without 'By' or
    the writer's account that may be the headline (see _bare_name_is_byline); with `marked_only`,
    only a byline that 'By' opens or an account signs."""
    found = None
    for start in range(at - 1, max(at - MAX_BYLINE_LINES, 0) - 1, -1):
        read = read_under_headline(paragraphs[start:at], hostname, disabled)
        if not all(_byline_trailer(para.text) for para in read.paragraphs):
            break  # a line that is no byline's, nor a job title under one: the byline, if any, is under it
        if not read.paragraphs and any(capture.get("author") for capture in read.captures):
            found = (start, read)
    if found is not None and _people_only(found[1], hostname):
        start, read = found
        words = compiled_words()
        lines = [para.text.strip() for para in paragraphs[start:at]]
        # 'By' opens it, or the writer's account signs it ('Jane Roe' / '@janeroe')
        marked = any(
            words.prefix.match(text) or words.prefix_alone.match(text) or _HANDLE.search(text) for text in lines
        )
        if marked or (not marked_only and _bare_name_is_byline(paragraphs[start - 1].text if start else "", read)):
            return at - start, read
    return None if marked_only else _names_over_outlet(paragraphs, at, hostname)


def byline_over_story(
    paragraphs: list[Paragraph], at: int, hostname: str | None, disabled: frozenset[str] = frozenset()
) -> list[dict[str, str]]:
    """The author captures of a byline that 'By' opens or the writer's account signs right above the
    line where a whole page's story starts (at `at`: the first line the line model keeps), which the
    model took away with the menus above it ('By Jane Roe' / 'Opinion Columnist' / the story, 'Jane
    Roe' / '@janeroe' / the story); nothing when there is none there. A name alone over a story may
    be a picture's credit."""
    if BYLINE_RULE in disabled:
        return []
    found = _byline_above(paragraphs, at, hostname, disabled, marked_only=True)
    return [capture for capture in found[1].captures if capture.get("author")] if found else []


def _names_over_outlet(paragraphs: list[Paragraph], at: int, hostname: str | None) -> tuple[int, Header] | None:
    """A byline in two lines over a page's dateline (at `at`): the writers' names alone, then their
    outlet's ('Kevin Johnson and Kevin McCoy' / 'USA TODAY', 'Tom Davies' / 'Associated Press'),
    under a line that may be the headline (see _bare_name_is_byline). The outlet's line is no
    name's to read: a short line of capitalised words, no sentence. None for anything else."""
    if at < 2:
        return None
    names, outlet = paragraphs[at - 2].text, paragraphs[at - 1].text
    words = outlet.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS or _SENTENCE_END.search(outlet) or not all(w[:1].isupper() for w in words):
        return None
    if names.rstrip().endswith(",") and is_desk(outlet):  # 'New Delhi,' / 'News Nation Bureau': a place, its desk
        return None
    named = names_line(names)
    if named is None:
        return None
    read = Header([], [named], [Removal(BYLINE_RULE, "capture", names), Removal(BYLINE_RULE, "capture", outlet)])
    over = paragraphs[at - 3].text if at > 2 else ""
    if not _people_only(read, hostname) or not _bare_name_is_byline(over, read):
        return None
    return 2, read


def _people_only(read: Header, hostname: str | None) -> bool:
    """Drop from the read's author captures the names that are the site's own ('Jane Roe, Business
    Insider' on businessinsider.de); whether a writer is left."""
    for capture in read.captures:
        if "author" in capture:
            parts = capture.pop("author").split("; ")
            joiners = compiled_words().joiners
            people = [
                part for part in parts if any(is_person(tidy_name(name), host=hostname) for name in joiners.split(part))
            ]
            if people:
                capture["author"] = "; ".join(people)
    return any("author" in capture for capture in read.captures)


def _bare_name_is_byline(over: str, read: Header) -> bool:
    """Whether names with no 'By' before them, over a page's dateline, are its byline: under a line
    of MIN_WORDS_OVER_BARE_NAME words or more (the headline, a standfirst) that names no one
    itself (the writers, over their outlet's name), and written in a script with capitals, where a
    name's shape tells it from a headline's words."""
    if len(over.split()) < MIN_WORDS_OVER_BARE_NAME or names_line(over) is not None:
        return False
    names = [capture["author"] for capture in read.captures if capture.get("author")]
    return all(any(char.isupper() for char in name) for name in names)


def _names_after_by(text: str) -> bool:
    """Whether a part of the line opens with a byline's 'By' ('By Jane Roe - 11/19/19', 'October 9,
    2018 | by Jane Roe'): the name after it is a writer's, not a place or a desk."""
    return any(_strip_prefix(part.strip())[1] for part in _SEPARATORS.split(text))


def _story_dateline(paragraphs: list[Paragraph]) -> int | None:
    """Where the dateline that dates a dump's story stands: the first dateline, unless it is a date
    alone with no story under it (a masthead's date, today's) and a later one, before any prose but
    a standfirst, has the story under it (the story's own, under its headline). None when there is
    no dateline.
    One walk down the dump, which stops as soon as the answer is known."""
    first = next((index for index in range(len(paragraphs)) if _dateline_at(paragraphs, index)), None)
    if first is None or not _dated_masthead(paragraphs[first].text) or story_under(paragraphs, first):
        return first
    passed = 0
    for index in range(first + 1, len(paragraphs)):
        text = paragraphs[index].text
        if is_prose(text):  # a dateline is never prose: past a standfirst, the story stands between the two
            passed += 1
            if passed > MAX_STANDFIRSTS:
                break
        elif _dateline_at(paragraphs, index) and story_under(paragraphs, index):
            return index
    return first


def outranks_masthead(found: Dateline, masthead: dict[str, str]) -> bool:
    """Whether a dateline found mid-page is the story's own over a date alone read at the top (see
    Header.masthead): it has a time, a label or a name beside its date, and a publication or update
    date no later than the masthead's (a masthead shows today's date; a comment's dateline, later
    than the story, is no story's)."""
    today = masthead.get("date", "")[:10]
    if not today or _dated_masthead(found.line.text):
        return False
    return any(day <= today for day in dated_days(found.read.captures))


def _date_alone(text: str) -> bool:
    """A date with nothing beside it but its weekday ('Wed, Nov 20, 2019'): no label, time or name,
    as a masthead shows today's."""
    dates = find_dates(text)
    if not dates or _CLOCK.search(text):
        return False
    weekdays = compiled_words().weekdays
    return all(word.casefold() in weekdays for word in _WORD.findall(_beside_dates(text, dates)))


def _dated_masthead(text: str) -> bool:
    """A date with no time or name beside it, only its weekday or a label ('Wednesday, November 20,
    2019', 'Last updated: 27 September 2006'): what a page's masthead or its site-wide stamp shows
    as often as its story's dateline, which a later dateline with the story under it outranks.
    (`_date_alone` is stricter: a label there says the date is no masthead's today.)"""
    return words_beside_dates(text) == 0 and not _CLOCK.search(text)


def _is_dateline(text: str) -> bool:
    """A line that reads wholly as a dateline or a byline with a date, and is no prose beside its
    dates ('By Jane Roe on Monday, November 18th, 2019 at 11:04 a.m.' ends like a sentence)."""
    if len(text) > MAX_LINE_CHARS:
        return False
    dates = find_dates(text)
    return bool(dates) and not _reads_as_prose(text, dates) and _byline(text, []) is not None


def _dateline_at(paragraphs: list[Paragraph], index: int) -> bool:
    """Whether the line at `index` is a dateline (see _is_dateline), or reads as one under a lone
    'By' (a page that broke 'By <a>Jane Roe</a> March 5, 2021' at the link)."""
    text = paragraphs[index].text
    if _is_dateline(text):
        return True
    above = paragraphs[index - 1].text if index else ""
    return compiled_words().prefix_alone.match(above) is not None and _is_dateline(f"{above.strip()} {text}")


def _reads_as_prose(text: str, dates: list[FoundDate] | None = None) -> bool:
    """Whether a line is prose, not a byline: a line with a part that 'By' opens is prose only
    without its dates, whose long forms ('By Jane Roe on Monday, November 18th, 2019 at 11:04
    a.m.') make a byline as long as a sentence, and end it like one. `dates`: the line's, when
    found already (they are looked for only for such a line)."""
    if not is_prose(text):
        return False
    if not _names_after_by(text):
        return True
    dates = find_dates(text) if dates is None else dates
    return not dates or is_prose(_beside_dates(text, dates))


def story_under(paragraphs: list[Paragraph], index: int, reach: int = STORY_REACH) -> bool:
    """Whether prose starts within `reach` sentence units under the line at `index` (a dump
    broken at every element has its prose in several lines), before another item's dateline: a
    story's dateline, not the date a page's masthead or a sidebar's teaser shows (under each of a
    list of dated teasers stand the next teaser's title and dateline; under a story's dateline its
    header may go on with an update time and a byline)."""
    below = [para.text for para in paragraphs[index + 1 : index + 1 + STORY_LINES]]
    titled = False  # a line of a title's length, no header line, stood under the dateline
    for unit in sentence_unit_texts(below)[:reach]:
        if is_prose(unit):
            return True
        if titled and _is_dateline(unit):
            return False
        titled = titled or (word_count(unit) >= TEASER_TITLE_WORDS and not is_metadata_line(unit))
    return False


def is_relative_stamp(text: str) -> bool:
    """A relative time alone ('2 days', '5 hours ago', 'vor 3 Stunden', 'Updated 3h ago', '3天前'):
    a page's dateline whose date is not given."""
    return len(text) <= MAX_LINE_CHARS and compiled_words().relative_stamp.match(text) is not None


def words_beside_relative_time(text: str) -> int | None:
    """The words of a line besides a relative time in it, as words_beside_dates counts them ('Nick A
    2 days ago at 7:47 am' leaves two, the writer's name; 'jroe · vor 3 Stunden' one); None when it
    holds no relative time."""
    found = compiled_words().relative_in.search(text) if len(text) <= MAX_LINE_CHARS else None
    if found is None:
        return None
    return _words_beside(_CLOCK.sub(" ", f"{text[: found.start()]} {text[found.end() :]}"))


def is_metadata_line(text: str) -> bool:
    """A line the header step reads as metadata: a field line, a byline or a dateline."""
    return len(text) <= MAX_LINE_CHARS and (_field(text, []) is not None or _byline(text, []) is not None)


def is_field_line(text: str) -> bool:
    """A 'Name: value' line of a field the header step reads ('Published: 5 March 2021', a bare 'Tags')."""
    return len(text) <= MAX_LINE_CHARS and _field(text, []) is not None


def field_tail_start(texts: list[str]) -> int:
    """Where a closing block of field lines ('Title: ...', 'Author: ...') starts; len(texts) when none.

    Such a block is metadata the trailer scan reads, so footer and comment actions that drop to
    the end stop above it.
    """
    start = len(texts)
    fields = 0
    while start > 0 and len(texts[start - 1]) <= MAX_LINE_CHARS:
        text = texts[start - 1]
        if _field(text, []) is not None:
            fields += 1
        elif not _is_other_field(text):
            break
        start -= 1
    while fields and start < len(texts) and _field(texts[start], []) is None:
        start += 1  # the block opens with a field line the reader knows
    return start if fields else len(texts)


def closing_field_block(paragraphs: list[Paragraph]) -> int:
    """Where a dump's closing block of field lines starts among its last lines; len(paragraphs) when none.

    The block is metadata the trailer scan reads; the text rules run above it, so that no
    related-links list, footer or comment section above it carries its lines away.
    """
    start = max(0, len(paragraphs) - MAX_HEADER_LINES)
    return start + field_tail_start([p.text for p in paragraphs[start:]])


def _is_other_field(text: str) -> bool:
    """A short 'Key: value' line ('Word count: 523', 'Reading time: 3 min'): header inside a field block."""
    match = _OTHER_FIELD.match(text)
    return (
        match is not None and len(_WORD.findall(match.group("value"))) <= MAX_OTHER_FIELD_WORDS and not is_prose(text)
    )


def _read_at(
    paras: list[Paragraph], index: int, header: Header, disabled: frozenset[str], pending: list, from_top: bool
) -> tuple[slice, tuple[str, dict[str, str], str | None] | None]:
    """The lines read at this index: one line, or a field name or byline opener ending its line with
    the value under it ('Author:' / 'Jane Roe'; 'By' / 'Jane Roe'; 'Published' / 'March 5, 2021';
    'Monday March 5, 2021 7:45 am PST by' / 'Jane Roe', as a page dumped a line per element gives it)."""
    read = _read_line(paras[index], header, disabled, pending, from_top)
    if read is not None:
        return slice(index, index + 1), read
    label = index if from_top else index - 1
    if not 0 <= label < len(paras) - 1:
        return slice(index, index + 1), None
    if BYLINE_RULE not in disabled and compiled_words().prefix_ending.search(paras[label].text):
        found = _byline(f"{paras[label].text.strip()} {paras[label + 1].text}", pending)
        if found is not None:
            return slice(label, label + 2), (BYLINE_RULE, found, None)
    if FIELD_RULE not in disabled and (_LABEL.match(paras[label].text) or is_date_label(paras[label].text)):
        found = _field(f"{paras[label].text.strip(_LABEL_EDGES)}: {paras[label + 1].text}", pending)
        if found is not None:
            return slice(label, label + 2), (FIELD_RULE, found, None)
    return slice(index, index + 1), None


def is_date_label(text: str) -> bool:
    """A date field's name alone on its line ('Published', 'UPDATED:', '| Updated:'), the date under it."""
    return compiled_words().date_label.fullmatch(text.strip(_LABEL_EDGES)) is not None


def _capture_key(field: str) -> str:
    """The capture key of a date field: a publication date is captured as `date`, the others
    (`modified`, `crawled`) under their own names."""
    return "date" if field == "published" else field


def _byline_trailer(text: str) -> bool:
    """A line under a byline's names that names no one and is part of it: the writer's job title or
    outlet ('Staff Writer', 'Opinion Columnist', '| Special to the Pioneer Press', the outlet's
    domain 'smithsonian.com') or social handle ('@janeroe'), as a page dumped a line per element
    gives them. Only a job title, an outlet behind a separator or a domain: a capitalised line
    alone may be a section's label ('Music News')."""
    part = text.strip(" |·•–—-,")
    if _HANDLE.fullmatch(part) or (len(part) <= MAX_DOMAIN_CHARS and _DOMAIN.fullmatch(part)):
        return True
    tokens = part.split()
    if not 1 <= len(tokens) <= MAX_TRAILER_WORDS or any(ch.isdigit() for ch in part) or _SENTENCE_END.search(part):
        return False
    if ends_in_role(part):
        return True
    # an outlet after a separator: a section's label alone ('Music News') is no byline's
    return part != text.strip() and len(tokens) > 1 and tokens[0][:1].isupper() and _is_affiliation(part)


def _desk_line(text: str) -> bool:
    """A line of capitalised words naming an agency or a desk ('Associated Press', 'Telegraph Sport'),
    which continues a byline read at a dump's top. Over a dateline mid-page such a line may follow a
    place ('New Delhi,' / 'News Nation Bureau'), so only the top reads it so."""
    tokens = text.strip(" |·•–—-,").split()
    return 1 < len(tokens) <= MAX_TRAILER_WORDS and all(token[:1].isupper() for token in tokens) and is_desk(text)


def read_under_headline(
    paragraphs: list[Paragraph], hostname: str | None, disabled: frozenset[str] = frozenset()
) -> Header:
    """The lines under a headline found mid-dump, read as a header: a first line of people's names
    alone is the byline there (names_line), with its job title or handle under it, then the header
    reader goes on as at a dump's top."""
    named = names_line(paragraphs[0].text) if paragraphs and BYLINE_RULE not in disabled else None
    if named is None:
        return read_header(paragraphs, hostname, disabled)
    end = 1
    while end < len(paragraphs) and _byline_trailer(paragraphs[end].text):
        end += 1
    header = read_header(paragraphs[end:], hostname, disabled)
    header.captures.insert(0, named)
    header.removed[:0] = [Removal(BYLINE_RULE, "capture", para.text) for para in paragraphs[:end]]
    return header


def names_writer(text: str, alone: bool = False) -> bool:
    """Whether a line names a writer: a byline with a name ('By Jane Roe', 'Jane Roe | March 5,
    2021'), or with `alone` (where a name may stand by itself) a person's name in two or three words,
    not in capitals (a section's label is 'REAL ESTATE', a name 'Mike Wall'), nor a desk."""
    if len(text) > MAX_LINE_CHARS:
        return False
    found = _byline(text, [])
    if found is not None and "author" in found:
        return True
    words = text.split()
    return alone and 2 <= len(words) <= 3 and not text.isupper() and not is_desk(text) and names_line(text) is not None


def names_line(text: str) -> dict[str, str] | None:
    """A short line of nothing but people's names ('Jane Roe', 'Jane Roe and John Doe, Staff
    Writer'), as an author capture; None for anything else. Only a line's place says it is a
    byline (right under a headline): by its words alone a name is a label ('Key Points')."""
    if len(text) > MAX_NAME_LINE_CHARS or any(char.isdigit() for char in text):
        return None
    found = _byline(text, [], named=True)
    if not found or "author" not in found:
        return None
    names = [name for part in found["author"].split("; ") for name in compiled_words().joiners.split(part)]
    if not all(len(name.split()) >= 2 and is_person(tidy_name(name)) for name in names):
        return None
    return found


def _cut(text: str, rest: str) -> str:
    return text.replace(rest, "").strip(" -–—|:[]")


def _read_line(
    para: Paragraph, header: Header, disabled: frozenset[str], pending: list, from_top: bool
) -> tuple[str, dict[str, str], str | None] | None:
    """The rule, captured fields and leftover text of one header line, or None when it is body."""
    text = para.text
    if len(text) > MAX_LINE_CHARS:
        return None
    if MARKDOWN_TITLE_RULE not in disabled and from_top:
        title = _markdown_title(para)
        if title:  # the first is the title; a later one in the header is read the same way, every pass
            return MARKDOWN_TITLE_RULE, {} if _has(header, "title") else {"title": title}, None
    if FIELD_RULE not in disabled:
        found = _field(text, pending)
        if found is not None:
            return FIELD_RULE, found, None
    if _reads_as_prose(text):
        return None
    if BYLINE_RULE not in disabled:
        found = _byline(text, pending, with_tail=from_top)
        if found is not None:
            return BYLINE_RULE, found, None
    if DATED_TITLE_RULE not in disabled and from_top:
        read = _dated_title(text, pending)
        fields = _field(read[2], pending) if read and read[2] and FIELD_RULE not in disabled else None
        if read and fields is not None:  # '2024-03-05 10:00 来源：新闻网 作者：张伟': a date, then fields
            read[1].update(fields)
            return read[0], read[1], None
        return read
    return None


def _has(header: Header, key: str) -> bool:
    return any(key in found for found in header.captures)


def word_count(text: str) -> int:
    """Words, counting two ideographs or kana as one, so that limits hold for every script."""
    unspaced = len(UNSPACED.findall(text))
    return len(_WORD.findall(UNSPACED.sub(" ", text))) + (unspaced + 1) // 2


def words_beside_dates(text: str, dates: list[FoundDate] | None = None) -> int | None:
    """The words of a line besides its dates and times: what is left once the dates, the times of
    day (with their zones), month and weekday names, numbers, date labels ('Updated', 'Posted')
    and fillers ('at', 'on') are taken out. None when the line holds no date and no time. `dates`:
    the line's dates when the caller has found them already.

    'Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM' leaves none: a dateline, though its dates
    have no year; 'Apple unveils its phones on October 13, 2026' leaves four."""
    dates = find_dates(text) if dates is None else dates
    rest = _beside_dates(text, dates)
    timeless = _CLOCK.sub(" ", rest)
    if not dates and timeless == rest:
        return None
    return _words_beside(timeless)


def _words_beside(timeless: str) -> int:
    """The words of what is left of a line once its dates and times are taken out, but for month
    and weekday names, numbers, date labels and fillers."""
    words_ = _WORD.findall(UNSPACED.sub(" ", month_word().sub(" ", timeless)))
    beside = _date_words()
    return sum(1 for word in words_ if not word.isdigit() and word.casefold() not in beside)


def read_yearless_dateline(
    paragraphs: list[Paragraph], year: int, month: int
) -> tuple[Paragraph, dict[str, str]] | None:
    """The first line that reads wholly as a dateline whose dates give no year ('Updated Nov 19,
    6:55 AM;Posted Nov 18, 8:19 PM'), in the month the page's URL spells (`year`, `month`, from
    /2019/11/): its dates in that year, each under its label's field (an update's is `modified`,
    any other `date`), with the line; None when no line reads so."""
    for para in paragraphs:
        text = para.text
        if len(text) > MAX_LINE_CHARS:
            continue
        if find_dates(text):  # a date with its year: the header's and the dateline's to read
            continue
        dates = find_yearless(text, [])
        if not dates or _words_beside(_CLOCK.sub(" ", _beside_dates(text, dates))):
            continue
        found: dict[str, str] = {}
        for when, key in zip(dates, _without_dates(text, dates)[1], strict=True):  # each under its label
            iso = when.iso(year) if when.month == month else None
            if iso and key not in found:
                found[key] = iso
        if found:
            return para, found
    return None


def _beside_dates(text: str, dates: Sequence[FoundDate] | Sequence[Yearless]) -> str:
    """The text with its dates (as find_dates or find_yearless found them) taken out, the pieces
    joined by spaces."""
    bounds = [0, *(bound for found in dates for bound in (found.start, found.end)), len(text)]
    return " ".join(text[start:end] for start, end in zip(bounds[::2], bounds[1::2], strict=True))


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    """Words that stand beside a date in a dateline: its labels (the names of the date fields,
    word by word), weekdays and fillers."""
    words_ = compiled_words()
    labels = {part for name, key in words_.field_of.items() if key in DATE_FIELDS for part in _WORD.findall(name)}
    return frozenset(labels | words_.weekdays | words_.fillers)


def is_prose(text: str) -> bool:
    """A paragraph of running text: many words, or a finished sentence of several."""
    count = word_count(text)
    return count >= 2 * MIN_PROSE_WORDS or (count >= MIN_PROSE_WORDS and bool(_SENTENCE_END.search(text)))


def _markdown_title(para: Paragraph) -> str | None:
    """The title a Markdown title line gives: a plain dump's `# Title` line, or a first-level
    heading of a dump read as Markdown (its mark already gone); None for any other line."""
    if para.kind == "heading" and para.level == 1:
        text = para.text
    elif para.text.startswith("# ") and not para.text.startswith("##"):
        text = para.text[2:]
    else:
        return None
    return _DECORATION.sub("", text) or None


def _field(text: str, pending: list) -> dict[str, str] | None:
    """One field line, or several fields on one line ('Date: 5 May 2021 | Category: Tips | Author: Ann Lee')."""
    segments = _FIELD_SEPARATOR.split(text)
    named = len(segments) == 1 and bool(UNSPACED.search(text)) and bool(compiled_words().field_line.match(text))
    if named:  # '来源：新闻网 作者：张伟': CJK fields side by side, each opening with its name
        segments = compiled_words().field_start.split(text)
    if len(segments) == 1:
        return _one_field(text, pending)
    start = len(pending)
    read = [_segment_field(segment, pending) for segment in segments]
    if named:  # a named field whose value is not of its kind ('来源：新闻网', a source that is no URL) is header still
        read = [{} if found is None else found for found in read]
    fields = [found for found in read if found is not None]
    if len(fields) < len(read):
        del pending[start:]
        return _one_field(text, pending)
    merged: dict[str, str] = {}
    for found in reversed(fields):
        merged.update(found)
    pending[start:] = [(merged, key, when) for _, key, when in pending[start:]]
    return merged


def _segment_field(text: str, pending: list) -> dict[str, str] | None:
    """One segment of a line of fields: a field, or a date alone."""
    found = _one_field(text, pending)
    return found if found is not None else _bare_date(text, pending)


def _bare_date(text: str, pending: list) -> dict[str, str] | None:
    """A field line's segment that is a date and nothing else ('来源：新华网 | 2021-03-05 10:32'):
    the publication date; None for any other segment."""
    dates = find_dates(text)
    if len(dates) != 1 or _WORD.search(text[: dates[0].start] + text[dates[0].end :]):
        return None  # a label beside it ('Updated 5:36 PM') is the dateline reader's to read
    found: dict[str, str] = {}
    pending.append((found, "date", dates[0]))
    return found


def _one_field(text: str, pending: list) -> dict[str, str] | None:
    """A `Name: value` line whose value fits the field: a date, a URL, a name, a title."""
    match = compiled_words().field_line.match(text)
    if not match:
        return {} if _is_bare_label(text) else None
    key = compiled_words().field_of[match.group("name").casefold()]
    value = _DECORATION.sub("", match.group("value"))
    loose = match.group("sep").strip() in (":", "：", "=", "")
    if not value or len(_WORD.findall(value)) > MAX_FIELD_WORDS:
        return None
    return _FIELD_READERS[key](value, loose, pending)


def _is_bare_label(text: str) -> bool:
    """A tags or language label left without its values ('Tags', 'Etiquetas:'), as crawlers drop the links."""
    name = _DECORATION.sub("", text).rstrip(" :：").casefold()
    return compiled_words().field_of.get(name) in BARE_LABEL_FIELDS


def _date_field(key: str):
    """A reader for a date field: the date when it parses; the line is header either way when it holds digits."""

    def read(value: str, loose: bool, pending: list) -> dict[str, str] | None:
        dates = find_dates(value)
        if dates:
            found: dict[str, str] = {}
            pending.append((found, _capture_key(key), dates[0]))
            return found
        rest = _without_relative_stamps(value)  # 'Updated: 5 hours ago | By Jane Roe': the byline after it
        if rest and rest != value and (byline := _byline(rest, pending)) is not None:
            return byline
        short = len(_WORD.findall(value)) <= 6 and any(ch.isdigit() for ch in value)
        return {} if loose and short else None

    return read


def _author_field(value: str, loose: bool, pending: list) -> dict[str, str] | None:
    # 'Jane Roe 12': the comment count after the name goes; a date's year ('Jane Roe | 5 March 2021') stays
    uncounted = _COUNTER.sub("", value) if not find_dates(value) else value
    byline = _byline(uncounted, pending, named=True)
    if byline is not None:
        return byline
    names = _names(uncounted, prefixed=True, single=True)
    if names:
        return {"author": names}
    short = len(_WORD.findall(value)) <= MAX_NAME_WORDS + 3 and not _SENTENCE_END.search(value)
    return {"author": value} if loose and short else None  # 'Author: jane roe (Reuters)': the field says so


def _title_field(value: str, loose: bool, pending: list) -> dict[str, str] | None:
    return {"title": value} if loose or not is_prose(value) else None


def _url_field(value: str, loose: bool, pending: list) -> dict[str, str] | None:
    """A URL; or, after a colon, a source named without one ('Source: Reuters', '来源：新华网'): a
    header field that fills nothing, so that a date beside it on the line is still read, and one
    after it ('来源：新华网 2021-03-05 10:32') is the publication date."""
    match = _URL.match(value)
    if match:
        return {"url": match.group(1)}
    dates = find_dates(value)
    dated = len(dates) == 1 and not value[dates[0].end :].strip()  # '来源：新华网 2021-03-05 10:32'
    name = value[: dates[0].start].rstrip(" ,|·-–—") if dated else value
    named = word_count(name) <= MAX_SOURCE_WORDS and not _SENTENCE_END.search(name)
    if not (loose and named and name and not any(ch.isdigit() for ch in name)):
        return None
    found: dict[str, str] = {}
    if dated:
        pending.append((found, "date", dates[0]))
    return found


def _sitename_field(value: str, loose: bool, pending: list) -> dict[str, str] | None:
    return {"sitename": value} if len(_WORD.findall(value)) <= 6 and not _SENTENCE_END.search(value) else None


def _label_field(value: str, loose: bool, pending: list) -> dict[str, str] | None:
    """Tags, sections, language: header lines with no Document field of their own.

    After a dash ('Tags - inflation, interest') only a list of short items is read, as a title
    may hold a dash too ('Section - a story about sections' is not a label).
    """
    items = [item.strip() for item in value.split(",")]
    listed = len(items) >= 2 and all(1 <= len(_WORD.findall(item)) <= MAX_TAG_WORDS for item in items)
    return {} if (loose or listed) and not is_prose(value) else None


_FIELD_READERS = {
    "author": _author_field,
    "title": _title_field,
    "url": _url_field,
    "sitename": _sitename_field,
    "tags": _label_field,
    "language": _label_field,
    **{key: _date_field(key) for key in DATE_FIELDS},
}


def _byline(text: str, pending: list, named: bool = False, with_tail: bool = True) -> dict[str, str] | None:
    """A byline or dateline: 'By NAME', 'NAME — DATE', 'Posted on DATE by NAME', 'Updated: DATE'.

    Every part of the line must be read: names, dates with their labels, separators and filler
    words; a line with anything else in it is body text. With `with_tail`, a 'By' byline may end in a
    label or two after its date (`_section_tail`); not at a dump's end, where such a line is a
    reader's comment over its reply button ('by Jane Roe on March 5, 2021 at 10:12 am. Reply').
    """
    text = _EMPHASIS.sub("", _DECORATION.sub("", text))
    if compiled_words().prefix.match(text):
        text = _BRACKETED_HANDLE.sub(" | ", text)
    text = _HANDLE.sub(" | ", text)  # 'Jane Roe@janeroe': the account goes
    if (tail := glued_tail(text)) is not None:  # 'Meg JamesStaff Writer': set the role off again
        text = f"{text[:tail]} | {text[tail:]}"
    text = compiled_words().slash_prefix.sub(r"\1 ", text)  # '文/张伟': the slash is the prefix's, not a separator
    if not text or len(_WORD.findall(text)) > MAX_BYLINE_WORDS:
        return None
    dates = find_dates(text)
    if not dates and (rest := _without_relative_stamps(text)) != text:
        return _byline(rest, pending, named, with_tail) if rest else {}  # 'Updated 5 hours ago | By Jane Roe'
    if not dates and compiled_words().relative.match(text):
        return {}  # 'Published 3 hours ago': a dateline whose date is not guessed
    parts, labels = _without_dates(text, dates)
    parts = _before_other_fields(parts)
    prefixed = named
    roled = False  # a job title closing the line ('Jane Roe, Staff Writer') marks a byline as 'By' does
    names: list[str] = []
    credited = False  # someone other than the writer is credited ('Medically reviewed by John Doe')
    for index, (part, separated, trailing) in enumerate(parts):
        if (credit := _credited(part)) is not None:
            if not credit:
                return None
            credited = True
            continue
        part, opened = _strip_prefix(part)
        prefixed = prefixed or opened
        if not part or part.casefold().rstrip(".") in compiled_words().weekdays or _READING_TIME.match(part):
            continue
        if trailing and (is_relative_stamp(part) or compiled_words().relative.match(part)):
            continue  # '05/03/2021 14h32 - Atualizado há 2 horas': the update after the date dates nothing
        if opened and dates and _site_account(part, text):
            continue  # 'Posted on March 5, 2021 by admin': the site's own account names no writer
        if (names or credited) and _is_affiliation(part):
            roled = ends_in_role(part)  # the last of them names a job
            continue
        alone = len(parts) == 1 and bool(dates) and bool(_HAN_NAME.match(part))  # '张伟 2024年3月5日 10:30'
        # one word after its own 'By' is a name in a dated byline ('by Regan September 15, 2014'),
        # where alone it may be navigation ('By Topic')
        single = named or (opened and bool(dates))
        titled = _name_before_role(part, prefixed) if prefixed or separated or without_case(part) else None
        name = titled or (_names(part, prefixed, single=single) if prefixed or separated or alone else None)
        if not name:
            if with_tail and trailing and prefixed and names and _section_tail([rest for rest, _, _ in parts[index:]]):
                break  # 'By Mike Wall 2019-11-18 Science & Astronomy': the section a dump ran on to a byline
            return None
        names.append(name)
        # the job title ends the byline ('Jim Daly | Editor, TED Books' lists staff), unless it ran on
        # from the name ('Jane Roe Staff Writer'), where it marks a byline as a separate one would
        roled = titled is not None
    if not dates and not ((prefixed or roled) and names) and not (credited and not names):
        return None
    people = [name for name in names if not names_no_person(name)]  # 'By HNN Staff': a byline, no author
    found: dict[str, str] = {"author": "; ".join(people)} if people else {}
    for when, label in zip(dates, labels, strict=True):
        pending.append((found, label, when))
    return found


def _site_account(part: str, line: str) -> bool:
    """A post's account that is the site's own, not a writer's ('admin', 'webmaster', 'staff'; the
    desk words of cleaner/textmeta.yaml), in any case; not on a reader's comment's header, which
    ends in a reply button ('by admin on March 5, 2021 at 10:12 am. Reply')."""
    return part.casefold().strip(".") in desk_words() and not compiled_words().reply.search(line)


def _credited(part: str) -> bool | None:
    """None for a part no credit opens; for one that does ('Medically reviewed by John Doe', 'Editing
    by Jane Roe'), whether people's names follow, as a byline's 'By' would have them."""
    credit = compiled_words().credit.match(part)
    if credit is None:
        return None
    return _names(part[credit.end() :], prefixed=True) is not None


def _without_dates(
    text: str, dates: Sequence[FoundDate] | Sequence[Yearless]
) -> tuple[list[tuple[str, bool, bool]], list[str]]:
    """The text between the dates split at separators, and each date's kind from its label.

    Each part says whether it stands after the last date, and whether a separator (or a label)
    stands between it and any date next to it:
    'Jane Roe | March 5, 2021' names a person, 'date 2024-05-29 Next Article' does not.
    """
    pieces, labels, last = [], [], 0
    for when in dates:
        before = compiled_words().weekday_tail.sub(" ", text[last : when.start])
        label = compiled_words().date_label.search(before) or _label_behind_fillers(before)
        field = compiled_words().field_of[label.group("label").casefold()] if label else "published"
        labels.append(_capture_key(field))
        pieces.append((before[: label.start()] + " | ") if label else before)
        last = when.end
    pieces.append(text[last:])
    parts = []
    for number, piece in enumerate(pieces):
        piece = compiled_words().comment_count.sub(" | ", piece)  # 'by Jane Roe 12 Comments'
        piece = compiled_words().affiliation.sub(" | ", _CLOCK.sub(" | ", piece))
        split = [trim_fillers(part.strip(" .:")) for part in _SEPARATORS.split(piece)]
        for index, part in enumerate(split):
            if not _WORD.search(part):  # nothing or marks alone ('(', '--'): a separator
                continue
            open_start = index > 0 or number == 0
            open_end = index < len(split) - 1 or number == len(pieces) - 1
            parts.append((part, open_start and open_end, bool(dates) and number == len(pieces) - 1))
    return parts, labels


def _without_relative_stamps(text: str) -> str:
    """The line without its parts that are a relative time ('Updated 5 hours ago | By Jane Roe' ->
    'By Jane Roe'), which date nothing; the line as it is when it has none."""
    pieces = _FIELD_SEPARATOR.split(text)
    kept = [piece for piece in pieces if not (is_relative_stamp(piece) or compiled_words().relative.match(piece))]
    return text if len(kept) == len(pieces) else " | ".join(kept)


def _before_other_fields(parts: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """The byline's parts before the page's other fields that a dump ran on to it, when all that
    follows is such fields: 'Posted by: Jane Roe - Category: Health - Tags: diet, sleep' and 'By Tim
    Ferriss Topics: Entrepreneurship' name one person. The parts are left whole otherwise."""
    for index, (part, separated, trailing) in enumerate(parts):
        prefix = compiled_words().prefix.match(part)
        start = prefix.end() if prefix else 0
        if index and not prefix and _OPENING_LABEL.match(part):
            kept, tail = parts[:index], [rest for rest, _, _ in parts[index:]]
        elif prefix and (filed := compiled_words().filed_in.search(part, start)):  # 'by Jane Roe in Politics'
            kept = [*parts[:index], (part[: filed.start()], separated, trailing)]
            tail = [part[filed.end() :], *(rest for rest, _, _ in parts[index + 1 :])]
            return kept if _section_list(tail) else parts
        else:
            name, labelled = before_label(part, start)
            if not labelled:
                continue
            kept = [*parts[:index], (name, separated, trailing)]
            tail = [part[len(name) :].strip(), *(rest for rest, _, _ in parts[index + 1 :])]
        return kept if _labelled_tail(tail) else parts
    return parts


def _section_list(parts: list[str]) -> bool:
    """The sections a post was filed in ('Politics', 'Local News', 'iPad, iPhone, Tips & Tricks'): a
    few labels (no number: 'in April 2004' is a month), each with a capital in its first word."""
    named = [part for part in parts if part.split()]
    return len(parts) <= MAX_SECTIONS and all(
        _is_label(part, MAX_TAG_WORDS) and any(ch.isupper() for ch in part.split()[0]) for part in named
    )


def _labelled_tail(parts: list[str]) -> bool:
    """Fields after a byline ('Category: Health', 'Tags: diet', 'sleep'): a label opens the first,
    and every part is a label or a short value."""
    return (
        bool(parts)
        and _OPENING_LABEL.match(parts[0]) is not None
        and all(_is_label(part, MAX_TAG_WORDS + 2, numbers=True) for part in parts)
    )


def _section_tail(parts: list[str]) -> bool:
    """Parts after a byline's date that name its section or comments ('Science & Astronomy', 'Leave a
    comment'): a label or two, no number."""
    return len(parts) <= MAX_TAIL_PARTS and all(_is_label(part, MAX_TAG_WORDS) for part in parts)


def _is_label(part: str, max_words: int, numbers: bool = False) -> bool:
    """A part that reads as a label: at most `max_words` words, no sentence, no number (unless
    `numbers`), and no reply button (a reader's comment's header ends in one: 'by Jane Roe on March
    5, 2021 at 10:12 am. Reply')."""
    return (
        len(part.split()) <= max_words
        and not _SENTENCE_END.search(part)
        and (numbers or not any(ch.isdigit() for ch in part))
        and not compiled_words().reply.search(part)
    )


def _label_behind_fillers(before: str) -> re.Match[str] | None:
    """A date's label with filler words or times between them ('publiziert am' 25. September 2018,
    'Updated at 5:36 PM CST on' Nov 18, 2019, 'PUBLISHED: 10:48,' Tue, Nov 19, 2019, 'Updated 0339
    GMT (1139 HKT)' November 19, 2019): the label the text ends with once its times and brackets are
    blanked and its last filler words dropped. Blanking keeps every position, so the match's are
    the text's."""
    blank = _BRACKET.sub(" ", _CLOCK.sub(lambda clock: " " * len(clock.group()), before))
    return compiled_words().date_label.search(_without_trailing_fillers(blank))


def _without_trailing_fillers(text: str) -> str:
    """The text up to the end of its last word that is no filler ('Updated at ' -> 'Updated', 'Posted:
    , ' -> 'Posted:'): a prefix, so positions in it are the text's."""
    fillers = compiled_words().fillers
    end = len(text)
    for token in reversed(list(re.finditer(r"\S+", text))):
        if _WORD.search(token.group()) and token.group().casefold().rstrip(".,") not in fillers:
            break  # a word that is no filler (marks alone are dropped like fillers)
        end = token.start()
    return text[:end]


def trim_fillers(part: str) -> str:
    """A part without the filler words at its ends ('Jane Roe on' -> 'Jane Roe')."""
    tokens = trim_trailing_fillers(part).split()
    fillers = compiled_words().fillers
    while tokens and tokens[0].casefold().rstrip(".,") in fillers:
        tokens.pop(0)
    return " ".join(tokens)


def trim_trailing_fillers(part: str) -> str:
    """A part without the filler words at its end: the word that led into a date cut off after it
    ('Louis Jacobson on' Monday, 'Jean Dupont le' 5 mars). Its start stays ('The Water Coolest')."""
    tokens = part.split()
    fillers = compiled_words().fillers
    while tokens and tokens[-1].casefold().rstrip(".,") in fillers:
        tokens.pop()
    return " ".join(tokens)


def _is_affiliation(part: str) -> bool:
    """A role or an organisation after the names: 'Staff Writer', 'The Daily Example', 'Reuters', a
    job title behind its outlet ('CNN Editor-at-large')."""
    if compiled_words().reply.search(part):  # a reader's comment's reply button: the line is its header
        return False
    tokens = part.split()
    roles = compiled_words().roles
    return len(tokens) == 1 or any(token.casefold().strip(".,") in roles for token in tokens) or ends_in_role(part)


def _name_before_role(part: str, prefixed: bool) -> str | None:
    """The person's name a job title ran on from ('Jane Roe Staff Writer', 'Bruce Lee Senior
    Contributor'), as dumps that join a byline's elements with spaces write it; None when the part
    is no name and a title. Without a 'By' the title must be of two words or more: a capitalised
    phrase over one ('Contact Our Editor', 'Become A Contributor') names nobody. A name in a script
    without case takes its one-word title after it, as Korean, Chinese and Japanese bylines write
    it ('김철수 기자', '王小明 记者')."""
    head = before_role(part)
    if not head:
        return None
    uncased = without_case(head)  # '김철수 기자', '山田太郎 記者'
    if not (prefixed or uncased or len(part.split()) - len(head.split()) >= 2):
        return None
    name = _names(head, prefixed or uncased)  # the title after it labels a name without case as 'By' would
    people = name.split(" and ") if name else []
    return name if people and all(is_person(tidy_name(person)) for person in people) else None


def _strip_prefix(part: str) -> tuple[str, bool]:
    match = compiled_words().prefix.match(part)
    return (part[match.end() :].strip(), True) if match else (part, False)


def _names(text: str, prefixed: bool, single: bool = False) -> str | None:
    """The text when it reads as one or more people's names ('Jane Roe and John Doe'), else None.

    One word is a name only after a field name ('Author: Madonna'): 'by Date' and 'By Tuesday'
    are navigation and prose.
    """
    text = text.strip(" .,:")
    people = [p for p in compiled_words().joiners.split(text) if p]
    if not people or not all(_is_name(p, prefixed, single) for p in people):
        return None
    return " and ".join(people) if len(people) > 1 else people[0]


def _is_name(text: str, prefixed: bool, single: bool) -> bool:
    """Capitalised words (with particles such as 'van', 'de'), or a short name in a script without
    capitals (Chinese, Japanese, Korean, Arabic, Hebrew, ...) after a label."""
    tokens = text.split()
    if not tokens or any(ch.isdigit() for ch in text) or _SENTENCE_END.search(text):
        return False
    if without_case(text):
        if not prefixed:  # 'Zhang Wei — 2024年3月5日' in its own script: a short name, the byline has a date
            return bool(_HAN_NAME.match(text))
        return 2 <= len(text.replace(" ", "")) <= MAX_UNCASED_NAME_CHARS and len(tokens) <= MAX_NAME_WORDS
    labels = [compiled_words().field_of.get(token.casefold()) for token in tokens]
    if any(label in DATE_FIELDS for label in labels) or labels[0] == "tags":
        return False  # 'Posted Tuesday', 'Categories England': a label and its value, not a name
    particles = compiled_words().particles
    capitalised = [t[0].isupper() or _particle_joined(t, particles) for t in tokens]
    rest_ok = all(cap or t.casefold() in particles for t, cap in zip(tokens, capitalised, strict=True))
    if not rest_ok or not any(capitalised) or not (single or len(tokens) >= 2):
        return False
    if prefixed or len(tokens) <= MAX_BARE_NAME_WORDS:
        return len(tokens) <= (MAX_NAME_WORDS if prefixed else MAX_BARE_NAME_WORDS)
    # A longer bare name holds particles in lower case between its words ('Maria de la Cruz', 'Jean-Pierre van
    # der Berg'); four or five capitalised words in a row are a title-case headline as often as a name
    # ('Police Van Hits Cyclist').
    inner = [t in particles for t in tokens]
    return len(tokens) <= MAX_NAME_WORDS and inner.count(False) <= MAX_BARE_NAME_WORDS and not (inner[0] or inner[-1])


def _particle_joined(token: str, particles: frozenset[str]) -> bool:
    """A capitalised name behind a particle and a hyphen: 'al-Maktoum', 'el-Sisi'."""
    head, hyphen, tail = token.partition("-")
    return bool(hyphen) and head.casefold() in particles and tail[:1].isupper()


def _dated_title(text: str, pending: list) -> tuple[str, dict[str, str], str | None] | None:
    """A header line with a date at one end ('[2024-03-05] Title', 'Title - 5 March 2024'): the date, and the rest."""
    dates = find_dates(text)
    if not dates:
        return None
    first, last = dates[0], dates[-1]
    if not text[: first.start].strip(" [("):
        when, rest = first, text[first.end :].strip(" ])-–—|:")
    elif not text[last.end :].strip(" ])") and _TRAILING_SEPARATOR.search(text[: last.start]):
        when, rest = last, _TRAILING_SEPARATOR.sub("", text[: last.start])
    else:
        return None
    if len(_WORD.findall(rest)) < 2 or is_prose(rest):
        return None
    found: dict[str, str] = {}
    pending.append((found, "date", when))
    return DATED_TITLE_RULE, found, rest


def _front_matter(header: Header, disabled: frozenset[str]) -> None:
    """YAML (`---`) or TOML (`+++`) front matter at the very top: its keys become metadata."""
    paras = header.paragraphs
    opening = _front_matter_start(paras)
    if FRONT_MATTER_RULE in disabled or opening is None:
        return
    fence = paras[opening].text
    last = min(len(paras), opening + MAX_FRONT_MATTER_LINES)
    end = next((i for i in range(opening + 1, last) if paras[i].text == fence), None)
    if end is None:
        return
    body = "\n".join(p.text for p in paras[opening + 1 : end])
    data = _load_front_matter(body, toml=fence == "+++")
    fields = _front_matter_fields(data) if data is not None else {}
    if data is None or (opening and not fields):  # under other lines, only a block naming a known field
        return
    header.captures.append(fields)
    header.removed.extend(Removal(FRONT_MATTER_RULE, "capture", p.text) for p in paras[opening : end + 1])
    del paras[opening : end + 1]


def _front_matter_start(paras: list[Paragraph]) -> int | None:
    """The opening fence: the first line, or under a few short lines a crawler put above it (a menu, a breadcrumb)."""
    for index, para in enumerate(paras[: MAX_LINES_ABOVE_FRONT_MATTER + 1]):
        if para.text in ("---", "+++"):
            return index
        if is_prose(para.text) or word_count(para.text) > MAX_OTHER_FIELD_WORDS:
            return None
    return None


def _load_front_matter(body: str, toml: bool) -> dict | None:
    """The front matter's keys; a block the strict parser refuses is read line by line."""
    try:
        data = tomllib.loads(body) if toml else yaml.safe_load(body)
    except (tomllib.TOMLDecodeError, yaml.YAMLError):
        data = _loose_front_matter(body, "=" if toml else ":")
    return data if isinstance(data, dict) and data else None


def _loose_front_matter(body: str, separator: str) -> dict[str, object]:
    """'key = value' (TOML) or 'key: value' (YAML) lines, as hand-written or generated front matter
    that a strict parser refuses (an unquoted date with a zone, a stray quote) still gives them."""
    data: dict[str, object] = {}
    for line in body.splitlines():
        key, sep, value = line.partition(separator)
        key, value = key.strip(), value.strip()
        if not sep or not key or not value or not _FRONT_KEY.match(key):
            continue
        if value.startswith("[") and value.endswith("]"):
            data[key] = [item.strip().strip("\"'") for item in value[1:-1].split(",") if item.strip().strip("\"'")]
        else:
            data[key] = value.strip("\"'")
    return data


def _front_matter_fields(data: dict) -> dict[str, str]:
    """Front matter keys by the field names they use ('title', 'author', 'date', 'lastmod', ...)."""
    known = compiled_words().field_of | {"lastmod": "modified", "authors": "author", "canonicalurl": "url"}
    found: dict[str, str] = {}
    nested = [value for value in data.values() if isinstance(value, dict)]  # Zola's [extra], Hugo's [params]
    for key, value in [*data.items(), *(item for table in nested for item in table.items())]:
        name = known.get(str(key).casefold())
        if name is None or value in (None, "", []):
            continue
        if isinstance(value, list):
            value = " and ".join(str(item) for item in value)
        name = _capture_key(name)
        found.setdefault(name, value.isoformat() if hasattr(value, "isoformat") else str(value).strip())
    return found


def _dump_order(pending: list[tuple[dict, str, FoundDate]], hostname: str | None) -> str | None:
    """The numeric date order of this dump: what its own decided dates show, else the site's domain."""
    shown = {when.order for _, _, when in pending if when.order}
    if len(shown) == 1:
        return shown.pop()
    return order_for_host(hostname)
