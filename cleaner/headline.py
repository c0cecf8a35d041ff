"""Find the headline among the leading paragraphs and keep it out of the body.

A dump usually opens with its headline, sometimes under a kicker (a short label line) and
above a byline. The headline becomes `title`; the body starts after it. A title already
known (captured by a rule or read from the page) is only removed where it repeats.

For text dumps a line is taken only with evidence (`Hints`), and only from a dump that lost
something to the rules or the header, so that cleaning the clean text again finds nothing new:
the line above a captured byline, a line a date was cut from, a line whose site suffix the dump
confirms, a first line next to removed lines, a first line over prose that reads as a
headline (title case, or the only line of the body shaped like a heading), or, anywhere in the
dump, the line that spells the words of its URL's slug (a whole page's headline sits under its
menus), or, in a whole page, the first line left once the line model has taken the menus away
(take_page_headline). A dump that reads as a whole page gives no leading-line evidence unless the
story starts right under its first line: its first lines are menus.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import takewhile
from urllib.parse import unquote, urlsplit

from .dates import find_dates, find_time
from .document import Paragraph, Removal
from .header import (
    PAGE_STORY_REACH,
    STORY_LINES,
    Header,
    is_metadata_line,
    is_prose,
    is_relative_stamp,
    names_writer,
    story_under,
    word_count,
    words_beside_dates,
)
from .meta import Metadata
from .people import is_person, tidy_name
from .units import SENTENCE_MARKS, looks_like_page, sentence_unit_texts, sentence_units

HEADLINE_RULE = "generic.headline"
KICKER_RULE = "generic.kicker"
DEK_RULE = "generic.dek"
MIN_DEK_WORDS = 8
_DEK_END = re.compile(rf"[{SENTENCE_MARKS}…][\"”’)）」』]?$")
MAX_HEADLINE_WORDS = 30
PAGE_PROSE_REACH = 3
MIN_WORDS_BESIDE_DATE = 3  # a line with fewer words beside its dates is a dateline, not a headline
MAX_KICKER_WORDS = 12
MAX_LEADING = 3
MAX_TEXT_LEADING = 6  # a dump's headline may sit under a few lines of navigation
MIN_TITLE_CASE_WORDS = 4
TITLE_CASE_SHARE = 0.7
MIN_TITLE_CASE_LETTERS = 4  # shorter words ('of', 'the', 'vs') keep their case in title case
_SENTENCE_END = re.compile(r"[.:;,。：；，]$")
_ASKS = re.compile(r"[?!？！][\"'”’»)）」』]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?。！？][\"'”’»)）」』]*\s+[\"'“‘«(]*[A-Z]")  # a sentence ends and the next opens
_WORD = re.compile(r"\w+")
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•)\s+")
_CRUMB_SEPARATOR = re.compile(r"\s+(>|»|›|/|→)\s+")  # spaced: 'AC/DC' is one word; kept by split
MIN_CRUMBS = 3
_HOME_CRUMB = re.compile(r"(?i)\bhome\b|^\s*you are here\b")
MAX_CRUMB_WORDS = 6
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")
_LIST_MARK = re.compile(r"^\s*[-•·▪►]\s+")
_MENU_SEPARATOR = re.compile(r"\s*[>»›|•·/]\s*")
MIN_MENU_ITEMS = 3
MIN_SLUG_WORDS = 3
SLUG_SHARE = 0.6  # slugs drop short words and cut long titles, so most of them is enough
SLUG_SLACK = 4
_SLUG_SPLIT = re.compile(r"[^a-z0-9\u00c0-\uffff]+")
_EXTENSIONS = frozenset({"html", "htm", "shtml", "php", "asp", "aspx", "jsp", "cms", "amp", "index"})
MAX_MENU_ITEM_WORDS = 3
_PART_SEPARATOR = re.compile(r"\s*[|•]\s*|\s+(?:·|::)\s+")  # pipes and bullets, rarely inside a headline
SLUG_PART_LETTERS = 4  # shorter slug words ('the', 'war', 'of') also stand in a site's or section's name
_PIPE = re.compile(r"\s+[|·•]\s+|\s+::\s+")
MAX_SITE_WORDS = 5
_HOST_WORDS = frozenset({"www", "com", "org", "net", "gov", "news", "blog", "blogs", "edu"})


@dataclass(frozen=True)
class Headline:
    """The body without its headline, the title found (if any), and what was removed."""

    paragraphs: list[Paragraph]
    title: str | None
    removed: list[Removal]
    below: int = 0  # where in `paragraphs` the lines under the headline start
    deep: bool = False  # found in a dump below its leading lines (under a whole page's menus)


@dataclass(frozen=True)
class Hints:
    """What a text dump shows about its headline; with hints, a line is only taken on evidence."""

    title_line: Paragraph | None = None  # the rest of a header line a date was cut from
    cleared: bool = False  # header or boilerplate lines were removed at or right below the first line
    site_titled: Paragraph | None = None  # a leading line whose ' - Site' suffix names the site
    raw: bool = False  # something was removed from the dump: it is not clean text already
    slug_line: Paragraph | None = None  # a line that spells the words of the dump's URL slug
    # test whether the dump reads as a whole page, whose first line with no prose under it is a menu
    # (the test runs only when that line would otherwise be taken)
    page_test: bool = False


def take_headline(
    paragraphs: list[Paragraph],
    title: str | None,
    byline_after: Paragraph | None,
    disabled: frozenset[str] = frozenset(),
    hints: Hints | None = None,
    heading: str | None = None,
    at: int | None = None,
) -> Headline:
    """Remove a repeated title (or the page's <h1> where the title differs), or take the leading
    headline; or, `at` given, the paragraph there (a Markdown dump's first-level heading)."""
    if HEADLINE_RULE in disabled:
        return Headline(paragraphs, title, [])
    index = at
    if index is None and title:
        index = _repeat_of(paragraphs, title, hints is not None)
    if index is None and heading and title:
        index = _repeat_of(paragraphs, heading)
    if index is None and not title and len(paragraphs) > 1:
        index = _guess(paragraphs, byline_after) if hints is None else _with_evidence(paragraphs, byline_after, hints)
        title = paragraphs[index].text if index is not None else None
    if index is None:
        return Headline(paragraphs, title, [])
    removed = [Removal(HEADLINE_RULE, "title", paragraphs[index].text)]
    # a headline found deep in a dump (under a whole page's menus, by its URL) takes no kickers: the
    # lines above it are the page's, left to the rules and the line model, which reads them as a page
    deep = hints is not None and index >= MAX_TEXT_LEADING
    kickers = [] if KICKER_RULE in disabled or deep else _kickers(paragraphs[:index], hints is not None)
    removed[:0] = [Removal(KICKER_RULE, "title", p.text) for p in kickers]
    first_kept = len(kickers)
    rest = paragraphs[index + 1 :]
    if hints is not None and rest and rest[0].text == paragraphs[index].text:  # a dump's headline printed twice
        removed.append(Removal(HEADLINE_RULE, "title", rest[0].text))
        rest = rest[1:]
    if rest and DEK_RULE not in disabled and is_dek(rest[0]):
        removed.append(Removal(DEK_RULE, "title", rest[0].text))
        rest = rest[1:]
    return Headline(paragraphs[first_kept:index] + rest, title, removed, below=index - first_kept, deep=deep)


def first_heading(paragraphs: list[Paragraph]) -> int | None:
    """Where a Markdown dump's first first-level heading stands: the page's <h1>, its headline as
    a browser shows it, however deep under the menus; None without one."""
    return next((i for i, para in enumerate(paragraphs) if para.kind == "heading" and para.level == 1), None)


def take_page_headline(paragraphs: list[Paragraph], disabled: frozenset[str] = frozenset()) -> Headline:
    """A whole page's headline once the line model has taken the menus above it away.

    What is left reads like an extracted dump, whose first line is its headline: it is taken on
    the evidence of the lines removed above it, as a dump's first line next to removed lines is,
    unless it is a byline, a dateline or a field line (the header under a headline the model
    dropped; the lines under it are read as the header).
    """
    if not paragraphs or not _page_headline_shaped([p.text for p in paragraphs[:2]]):
        return Headline(paragraphs, None, [])
    return take_headline(paragraphs, None, None, disabled, Hints(cleared=True, raw=True))


def _page_headline_shaped(texts: list[str]) -> bool:
    """The first line is no header line left standing (a byline, a bare name or a name and its
    outlet, a dateline, a time, a relative time such as '2 days') and no fragment of a sentence the
    next line carries on."""
    first = texts[0]
    header_line = is_metadata_line(first) or is_relative_stamp(first) or _mostly_date(first)
    if header_line or is_person(tidy_name(first.split(",")[0])):
        return False
    return len(sentence_units(texts)) == len(texts)


def _mostly_date(text: str) -> bool:
    """A date or a time with hardly a word besides ('12:02 PM', 'November 19, 2019 / 12:21 AM /
    Updated'), or dates and times alone (see _only_dates)."""
    dates = find_dates(text)
    if find_time(text.strip()) or words_beside_dates(text, dates) == 0:
        return True
    if not dates:
        return False
    rest = text[: dates[0].start] + " " + text[dates[-1].end :]
    return word_count(rest) < MIN_WORDS_BESIDE_DATE


def _only_dates(text: str) -> bool:
    """Dates and times with nothing beside them but their labels and fillers (see words_beside_dates)."""
    return words_beside_dates(text) == 0


def is_dek(para: Paragraph) -> bool:
    """A standfirst: a heading right under the headline that reads as a whole sentence.

    Pages mark it up as a subheading (WSJ, NYT, Guardian, Wired: <h2> under the <h1>); it sums
    the story up rather than being part of it. Section subheadings are short and do not end
    like sentences, and text dumps have no heading markup, so neither is taken.
    """
    return para.kind == "heading" and reads_as_dek(para.text)


def reads_as_dek(text: str) -> bool:
    """A standfirst's text: a whole sentence of MIN_DEK_WORDS words or more."""
    return len(_WORD.findall(text)) >= MIN_DEK_WORDS and bool(_DEK_END.search(text))


def looks_like_headline(para: Paragraph, max_words: int = MAX_HEADLINE_WORDS) -> bool:
    """Short, capitalised, not ending like a sentence or a list item."""
    text = para.text
    words = word_count(text)
    if para.kind in ("list", "quote", "table") or not 2 <= words <= max_words:
        return False
    return not _SENTENCE_END.search(text) and not text[0].islower()


def _repeat_of(paragraphs: list[Paragraph], title: str, dump: bool = False) -> int | None:
    """Where the known title stands in the leading lines; in a dump also as '# Title' or 'Title | Site'."""
    wanted = title_key(title)
    leading = paragraphs[: (MAX_TEXT_LEADING if dump else MAX_LEADING + 1)]
    for index, para in enumerate(leading):
        if title_key(para.text) == wanted:
            return index
    if dump:
        for index, para in enumerate(leading):
            line = clean_title(para.text)
            if wanted in (title_key(line), title_key(_SITE_SEPARATOR.split(line)[0])):
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


def _with_evidence(paragraphs: list[Paragraph], byline_after: Paragraph | None, hints: Hints) -> int | None:
    """The headline of a text dump, only where something beyond its position points to it.

    All the evidence is gone from the clean text (the byline, the date, the removed lines), so a
    second pass over clean text finds none and takes nothing: the step is idempotent.
    """
    if not hints.raw:
        return None
    leading = paragraphs[:MAX_TEXT_LEADING]
    for marked in (byline_after, hints.title_line, hints.site_titled):
        for index, para in enumerate(leading):
            if para is not marked:
                continue
            if marked is byline_after:
                found = _over_a_byline(paragraphs, index)
                if found is not None:
                    return found
            elif _text_headline(para):
                return index
    for index, para in enumerate(paragraphs):  # under a whole page's menus, the line the URL spells
        if para is hints.slug_line and (_text_headline(para) or _asks_or_exclaims(para)):
            return index
    if byline_after is not None:  # or the line over its byline, above the story
        for index, para in enumerate(paragraphs):
            if is_prose(para.text):
                break
            if para is byline_after:
                found = _over_a_byline(paragraphs, index, page=True)
                if found is not None:
                    return found
                break
    echoed = _echoed_headline(paragraphs)
    if echoed is not None:
        return echoed
    start = 0  # menus and breadcrumbs above the first line go with the headline as kickers
    while start < len(leading) - 1 and is_navigation(paragraphs[start].text):
        start += 1
    if not (_text_headline(paragraphs[start]) and (hints.cleared or _stands_alone(paragraphs[start:]))):
        return None
    if hints.page_test and _menu_first(paragraphs, start):
        return None
    return start


def _echoed_headline(paragraphs: list[Paragraph]) -> int | None:
    """A whole page's headline printed twice in a row (the page's title over its <h1>, a share
    widget's text over the story): the first line above any prose that the next line repeats and
    that reads as a page's headline (see _dateline_headline)."""
    for index, para in enumerate(paragraphs[:-1]):
        if is_prose(para.text):
            return None
        if para.text == paragraphs[index + 1].text and _dateline_headline(para):
            return index
    return None


DATELINE_REACH = 4  # a dek, a caption and a split byline may stand between a page's headline and its dateline
# shorter lines over a page's dateline are its desks, outlets, section names and widget labels
MIN_DATELINE_HEADLINE_WORDS = 5
_OPENING_QUOTES = "\"'“‘«„「『"
_BRACKETED = re.compile(r"^[(\[].*[)\]]$")  # a caption's credit: '(Reed Saxon / Associated Press)'


def over_dateline(paragraphs: list[Paragraph], at: int, byline: int = 0) -> int | None:
    """The headline over a whole page's dateline (at `at`): the nearest line above it and above
    the `byline` lines read with it, within DATELINE_REACH of it, shaped like a page's headline
    (not a byline, a name, a date, a credit, an attribution or a sentence, nor as short as a desk
    or a widget's label), where the story starts right under the dateline (a sidebar's dated
    teasers have none), or further under it, past a page's furniture, with a byline beside the
    dateline (see _byline_beside), in a dump that reads as a whole page. A byline of several
    names is shaped like a headline ('Meg Kinnard and Errin Haines, Associated Press'): the
    headline is the line over it."""
    if not _reads_as_page(paragraphs):
        return None  # a clean text's later datelines (a comment's) are no page's
    if story_under(paragraphs, at) or (
        story_under(paragraphs, at, PAGE_STORY_REACH) and _byline_beside(paragraphs, at)
    ):
        return _headline_above(paragraphs, at - byline, DATELINE_REACH - byline)
    return None


def _byline_beside(paragraphs: list[Paragraph], at: int) -> bool:
    """Whether a byline stands next to a page's dateline (at `at`): within DATELINE_REACH lines
    above it or under it before the story, or a person's name alone right beside it or under a
    'By'. A story whose prose starts further under its dateline (past share buttons, a caption, a
    section label) is the page's own when its header names the writer; a bare date further over
    prose is as often a page's masthead, or a date set over its headline ('Updated July 24, 2012' /
    'Home Prices Reflect Strengthening')."""
    lines = [para.text for para in paragraphs[max(at - DATELINE_REACH, 0) : at]]
    dateline = len(lines)
    lines.append(paragraphs[at].text)
    lines += takewhile(lambda text: not is_prose(text), (p.text for p in paragraphs[at + 1 : at + 1 + STORY_LINES]))
    for index, text in enumerate(lines):
        if index == dateline:
            continue
        beside = abs(index - dateline) == 1 or (index > 0 and lines[index - 1].strip().casefold() == "by")
        if names_writer(text, alone=beside):
            return True
    return False


def _headline_above(paragraphs: list[Paragraph], index: int, reach: int = DATELINE_REACH) -> int | None:
    """The nearest line at most `reach` lines above `index` that reads as a page's headline."""
    for above in range(index - 1, max(index - 1 - reach, -1), -1):
        if _dateline_headline(paragraphs[above]):
            return above
    return None


def _dateline_headline(para: Paragraph) -> bool:
    """Whether a line over a page's dateline reads as its headline (see over_dateline)."""
    text = para.text
    words = text.split()
    return (
        len(words) >= MIN_DATELINE_HEADLINE_WORDS
        and (text[0].isalnum() or text[0] in _OPENING_QUOTES)  # not '— Name (@handle)', '| Special to ...'
        and not _BRACKETED.match(text)
        and (_text_headline(para) or _asks_or_exclaims(para))
        and _page_headline_shaped([text])
    )


def _over_a_byline(paragraphs: list[Paragraph], index: int, page: bool = False) -> int | None:
    """The headline over a byline whose line above stands at `index`: that line when it reads as a
    headline (see _over_an_outlet), the headline above it when it is a dateline ('Improving news
    search with expandable results' / 'Monday, October 22, 2012' / '3:29 PM' / 'Posted by Rudy
    Galfi'), the upper of two headline-shaped lines there (a headline and its standfirst).
    `page`: the line must also be shaped like a whole page's headline (no name, no header line)."""
    text = paragraphs[index].text
    if _only_dates(text):  # of a headline and its standfirst over the dateline, the upper line
        found = _headline_above(paragraphs, index)
        if found is not None and found > 0 and _dateline_headline(paragraphs[found - 1]):
            return found - 1
        return found
    if not _text_headline(paragraphs[index]) or (page and not _page_headline_shaped([text])):
        return None
    return _over_an_outlet(paragraphs, index)


def _over_an_outlet(paragraphs: list[Paragraph], index: int) -> int:
    """The headline over a byline whose line above is short: a line of headline length at most
    DATELINE_REACH lines higher, when there is one ('Thousands of teachers pack the Statehouse' /
    'Tom Davies' / 'Associated Press' / the date), else that short line itself."""
    if len(paragraphs[index].text.split()) >= MIN_DATELINE_HEADLINE_WORDS:
        return index
    above = _headline_above(paragraphs, index)
    return index if above is None else above


def _menu_first(paragraphs: list[Paragraph], start: int) -> bool:
    """A whole page's first lines are its menus, unless the story starts right under them."""
    if any(is_prose(p.text) for p in paragraphs[start + 1 : start + 1 + PAGE_PROSE_REACH]):
        return False
    return _reads_as_page(paragraphs)


def _reads_as_page(paragraphs: list[Paragraph]) -> bool:
    """The page test over the paragraphs' sentence units."""
    return looks_like_page(sentence_unit_texts([p.text for p in paragraphs]))


def _text_headline(para: Paragraph) -> bool:
    """Shaped like a headline and not prose (the header reader stops at prose, so the two agree),
    nor a menu or breadcrumb trail ('Home > News > Local', 'News | Sport | Weather'), nor a line
    of dates and times alone ('Last updated at 06:50 ET'; 'The Briefing, Friday, November 9, 2012'
    names something)."""
    text = para.text
    return looks_like_headline(para) and not is_prose(text) and not is_navigation(text) and not _only_dates(text)


def _asks_or_exclaims(para: Paragraph) -> bool:
    """A headline that asks or exclaims ('Is an oxygen bar in Delhi offering fresh air for Rs 300?'):
    shaped like a headline but for its sentence mark, and one sentence. Taken only where the URL's
    slug spells it; elsewhere a question of eight words or more reads as a sentence of the body."""
    text = para.text
    return (
        looks_like_headline(para)
        and bool(_ASKS.search(text))
        and not _SENTENCE_INSIDE.search(text)
        and not is_navigation(text)
        and not _only_dates(text)
    )


def is_navigation(text: str) -> bool:
    """Three or more short items between menu separators: a breadcrumb trail or a menu."""
    items = _MENU_SEPARATOR.split(text)
    return len(items) >= MIN_MENU_ITEMS and all(1 <= len(_WORD.findall(item)) <= MAX_MENU_ITEM_WORDS for item in items)


def _stands_alone(paragraphs: list[Paragraph]) -> bool:
    """A first line over prose, in title case or the only line of the body shaped like a heading."""
    if not _is_prose(paragraphs[1].text):
        return False
    return is_title_case(paragraphs[0].text) or not any(
        looks_like_headline(para) and _is_prose(after.text)
        for para, after in zip(paragraphs[1:], paragraphs[2:], strict=False)
    )


def is_title_case(text: str) -> bool:
    """Most longer words capitalised, as English headlines write them ('Chip Maker Posts Record Profit')."""
    long_words = [w for w in _WORD.findall(text) if len(w) >= MIN_TITLE_CASE_LETTERS and w[0].isalpha()]
    if len(long_words) < MIN_TITLE_CASE_WORDS:
        return False
    return sum(w[0].isupper() for w in long_words) >= TITLE_CASE_SHARE * len(long_words)


def _is_prose(text: str) -> bool:
    words = word_count(text)
    return words >= 2 * MIN_DEK_WORDS and bool(_DEK_END.search(text))


def dump_title(meta: Metadata, header: Header, kept: list[Paragraph]) -> tuple[str | None, str | None, Hints]:
    """A dump's title without its marks and site suffix, the site it named, and the evidence for a headline."""
    known = tuple(name for name in (meta.sitename, *(p.text for p in header.split[:MAX_TEXT_LEADING])) if name)
    title, site = split_site(clean_title(meta.title), meta.hostname, known) if meta.title else (None, None)
    split = header.split
    cleared = (
        bool(kept)
        and bool(split)
        and (kept[0] is not split[0] or (len(split) > 1 and (len(kept) < 2 or kept[1] is not split[1])))
    )
    site_titled = next((p for p in kept[:MAX_TEXT_LEADING] if split_site(p.text, meta.hostname, known)[1]), None)
    slug = slug_words(meta.url)
    slug_line = next((p for p in kept if spells_slug(p.text, slug)), None) if slug else None
    hints = Hints(header.title_line, cleared, site_titled, slug_line=slug_line, page_test=True)
    return (slug_part(clean_title(title), slug) if title else None), site, hints


def slug_words(url: str | None) -> list[str]:
    """The words of a URL's slug (the path segment with the most words: `/2019/11/19/council-votes-
    to-extend-tram-line.html`), lower-cased, numbers and file extensions left out; [] under MIN_SLUG_WORDS."""
    if not url:
        return []
    segments = [_SLUG_SPLIT.split(part.lower()) for part in unquote(urlsplit(url).path).split("/")]
    words = max(([w for w in segment if w.isalpha() and w not in _EXTENSIONS] for segment in segments), key=len)
    return words if len(words) >= MIN_SLUG_WORDS else []


def spells_slug(text: str, slug: list[str]) -> bool:
    """Whether a line holds most of the slug's words and not many more: the headline a URL was made from."""
    words = set(_WORD.findall(text.casefold()))
    held = sum(word in words for word in slug)
    return held >= SLUG_SHARE * len(slug) and len(words) <= 2 * len(slug) + SLUG_SLACK


def slug_part(title: str, slug: list[str]) -> str:
    """The part of a title that the URL's slug spells, where pipes or bullets set off parts that
    hold none of its words: a section before it, a site's sections after it ('Business|Trade War
    Keeps World Guessing' under /trump-trade-war-china; 'Calendário Stock Car 2018 | Autoracing |
    F1' under /calendario-stock-car-2018). Words of SLUG_PART_LETTERS letters or more count, folded
    to ASCII as slugs write them; a title none of whose parts holds one is returned as it is."""
    if not slug:
        return title
    title = title[_glued_slug_start(title, slug) :]
    cuts = [(match.start(), match.end()) for match in _PART_SEPARATOR.finditer(title)]
    if not cuts:
        return title
    wanted = {word for word in slug if len(word) >= SLUG_PART_LETTERS}
    bounds = [0, *(bound for cut in cuts for bound in cut), len(title)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    held = [bool(wanted & set(_WORD.findall(_ascii_folded(title[start:end])))) for start, end in spans]
    if not any(held):
        return title
    first, last = held.index(True), len(held) - 1 - held[::-1].index(True)
    return title[spans[first][0] : spans[last][1]].strip()


def _glued_slug_start(title: str, slug: list[str]) -> int:
    """Where the words the slug spells start when a dump ran a breadcrumb into them, inside a word
    ('HomeLatest NewsNollywood Actress, ...' under /nollywood-actress-kate-henshaw-is.html,
    'HomeSPORT NEWSBREAKING NEWS: ...' under /breaking-news-chelsea-activate-716m.html): a slug word
    of SLUG_PART_LETTERS letters or more opens the rest of a word whose start, like everything
    before it, holds none; 0 for any other title. A word the slug spells whole is never cut
    ('Home Holidays Homemade Spiced ...' keeps its words)."""
    wanted = {word for word in slug if len(word) >= SLUG_PART_LETTERS}
    for match in _WORD.finditer(title):
        word = _ascii_folded(match.group())
        if word in wanted:
            return 0
        glued = [part for part in wanted if word.endswith(part) and word != part]
        start = len(word) - max(map(len, glued)) if glued else None  # the longest: the same cut every run
        if start is not None and match.group()[start].isupper():
            return match.start() + start
    return 0


def _ascii_folded(text: str) -> str:
    """Lower case without accents ('Calendário' -> 'calendario'), as a URL's slug spells a word."""
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode()


def clean_title(title: str) -> str:
    """A title without the Markdown, list and emphasis marks a dump wraps it in ('# **Title**', '- Title'),
    nor the breadcrumb trail leading to it (see breadcrumb_tail)."""
    return breadcrumb_tail(_LIST_MARK.sub("", _HEADING_MARK.sub("", title)).strip().strip("*_").strip() or title)


def breadcrumb_tail(title: str) -> str:
    """The page's own title at the end of a breadcrumb trail ('Forum > Community > Thread title',
    'Blog » Archive » Post title', 'You are here: Home / News / Headline'): two separators or more,
    every crumb before the last one short; slashes only after a home crumb, since headlines list
    alternatives with them ('Apple / Samsung / Google phones compared'). Any other title is
    returned as it is."""
    parts = _CRUMB_SEPARATOR.split(title)
    crumbs, separators = parts[::2], parts[1::2]
    if len(crumbs) < MIN_CRUMBS or any(not 1 <= word_count(crumb) <= MAX_CRUMB_WORDS for crumb in crumbs[:-1]):
        return title
    if separators[0] == "/" and not _HOME_CRUMB.search(crumbs[0]):
        return title
    return crumbs[-1].strip() if word_count(crumbs[-1]) >= 2 else title


def split_site(title: str, hostname: str | None, known: tuple[str, ...] = ()) -> tuple[str, str | None]:
    """'Title | Site' -> ('Title', 'Site' when the host or a known name confirms it).

    A suffix after a pipe is always the site's; after a dash only when it names the site (its
    host, a sitename, or a line repeated in the dump), since titles use dashes themselves.
    """
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title, None
    site = parts[-1].strip()
    head = title[: title.rfind(site)].rstrip()
    head = re.sub(r"\s*(?:\||-|–|—|::|·|•)$", "", head).rstrip()
    if not head or word_count(site) > MAX_SITE_WORDS or word_count(head) < 2:
        return title, None
    confirmed = names_site(site, hostname, known)
    piped = bool(_PIPE.search(title[len(head) :]))
    if confirmed:
        return head, site
    return (head, None) if piped else (title, None)


def names_site(site: str, hostname: str | None, known: tuple[str, ...]) -> bool:
    """The segment is a known name of the site, or holds (or is held by) one of its host labels."""
    compact = re.sub(r"\W|_", "", site.casefold())
    if not compact:
        return False
    if any(compact == re.sub(r"\W|_", "", name.casefold()) for name in known):
        return True
    labels = [label.replace("-", "") for label in (hostname or "").split(".")[:-1]]
    return any(
        len(label) >= 3 and label not in _HOST_WORDS and (label in compact or compact in label) for label in labels
    )


def _kickers(above: list[Paragraph], text: bool = False) -> list[Paragraph]:
    """Short label lines above the headline (section names, teasers) when all of them are.

    In a text dump any lines above a headline found on evidence go when none is prose: they are
    the page's navigation, section label or site name.
    """
    if text and not any(_is_prose(p.text) for p in above):
        return above
    if all(looks_like_headline(p, MAX_KICKER_WORDS) for p in above):
        return above
    return []


def title_key(text: str) -> str:
    """A title's words, case folded: what two spellings of one headline share."""
    return " ".join(_WORD.findall(text.casefold()))
