"""What an HTML page's markup says about itself: title, authors, dates, URL, site, language.

Read once from the parsed tree before any DOM rule prunes it, so a byline inside a removed
node still names the author. Sources, best first: JSON-LD (schema.org Article types, `@id`
references resolved), meta tags (Open Graph, article:*, Dublin Core, parsely/sailthru), the
page's own bylines, datelines and <h1>, then htmldate on the markup. Cheap XPath lookups; the
costlier fallbacks (bylines, author links, htmldate) only run when nothing else answered.

- title: the visible <h1> when a markup title agrees with it (the same words, or the <h1> with a
  site or section around it), else the markup title less its site name (cleaner/pagemeta.py
  `choose_title`); HTML entities a CMS escaped twice are decoded.
- authors: people only (cleaner/people.py): roles, desks, site accounts and the site itself go.
- date: a plausible day (from 1990, not after the crawl); a timestamp one day off the page's
  own dateline gives the dateline's day.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from urllib.parse import urljoin

from dateutil import parser as dateparser
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from .dates import find_dates, find_time, month_names, parse_date, words
from .header import DATE_FIELDS, compiled_words, is_prose, trim_trailing_fillers
from .headline import breadcrumb_tail, names_site, title_key
from .meta import hostname_of, normalise_date, split_authors
from .people import is_person, role_credit, tidy_name

PAGE_TYPES = {"webpage"}
ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "report",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "liveblogposting",
    "reviewnewsarticle",
    "backgroundnewsarticle",
}
ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "website"}
# Meta names in lower case, as Markup keeps them.
TITLE_META = ("og:title", "twitter:title")
AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "cxenseparse:author",
)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
    "article.published",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
)
SITENAME_META = ("og:site_name", "application-name", "twitter:site")
# Author pages live at /author/<slug> on WordPress, Ghost, HubSpot and most news CMSs (comwrap,
# slashgear, digitalinformationworld, newsbytesapp, tinkerbench); a link there outside comment
# and widget areas names the author when its text agrees with the slug or it has rel=author.
_AUTHOR_LINKS = etree.XPath(
    '//a[@rel="author" or contains(@href, "/author/")]'
    '[not(ancestor::*[not(self::body or self::html)][contains(@class, "comment") or contains(@id, "comment")'
    ' or contains(@class, "widget") or contains(@class, "sidebar")])]'
)
MAX_AUTHOR_WORDS = 4
# Bylines in the page: schema.org microdata, and elements whose class names a byline or author
# (WordPress 'byline'/'author vcard', Arc 'byline__name', Gannett 'byline-section', 'ArticlePage-
# authorName'), outside comments, widgets and related-story lists.
# Marks (class or id fragments, any case) of the elements that hold bylines and datelines, read
# in one pass over the tree only when the markup left the field open; <time> is a dateline too.
BYLINE_MARKS = ("byline", "author")
DATELINE_MARKS = ("date", "publish", "timestamp")
# Elements under these marks are comments, widgets and related-story lists, not the article's.
ELSEWHERE_MARKS = ("comment", "widget", "sidebar", "related")
_ELSEWHERE = re.compile("|".join(ELSEWHERE_MARKS))
# Elements with an itemprop; `_microdata_authors` keeps those naming an author (an XPath
# contains(concat(...)) over every element took half a millisecond a page).
_ITEMPROPS = etree.XPath("//*[@itemprop]")
MAX_BYLINE_CHARS = 160
# The text under the headline where a byline stands, when no byline markup holds it.
_AFTER_HEADLINE = etree.XPath("following::text()[normalize-space()][position() <= 40]")
MIN_WEEKDAY_LETTERS = 6  # 'Monday', not 'Sun' or 'Mon', which are also names
# Where a byline's names end: a digit (its date), a bar, a bullet, an '@' handle, a newline, or ' in '
# before a place or a section ('Posted by Jane Roe in Local News').
_BYLINE_END = re.compile(r"\s*(?:\d|[|•·@/\n]|\s-\s|\s–\s|\s—\s|\sin\s|\bupdated\b|\bpublished\b|\bposted\b)", re.I)
MAX_DATELINE_CHARS = 120
MIN_DATELINE_CHARS = 8  # '5.3.2021' is the shortest written date
_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
MAX_ZONE_SHIFT = timedelta(hours=14)
QUARTER_HOUR = 900
_UTC = re.compile(r"(?:Z|[+-]00:?00|\bUTC|\bGMT)\s*$", re.I)
_OFFSET = re.compile(r"(?:Z|[+-]\d\d:?\d\d|\bUTC|\bGMT|\b[A-Z]{2,4}T)\s*$")
MIN_YEAR = 1990
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# Two far-apart defaults: a field dateutil filled in from them differs between the two parses.
_DEFAULTS = (datetime(1900, 1, 1, 0, 0, 0), datetime(1904, 2, 2, 1, 1, 1))
# Between a title and its site or section: spaced dashes, pipes, colons and bullets (' - Site',
# ' | Site', ' :: Site', 'Site: Title'), and unspaced underscores, pipes and dashes in titles
# written without spaces ('标题_频道_网站', '标题-新华网').
_TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-–—·•»/]|::|--)\s+|\s*[|_｜]\s*|:\s+|(?<=[^\x00-\u2fff])[-–—](?=\S)")
MAX_AFFIX_WORDS = 6
# A visible headline that rewrites the SEO title shares this share of its words with it.
MIN_SHARED_WORDS = 0.3
MAX_HEADLINE_WORDS = 40
MIN_SHARED_LETTERS = 3
MIN_SHARED_COUNT = 3
# A headline the title holds whole, as this share of the title's letters at least: the same story
# with a credit or a site name around it, in scripts that write no spaces between words too.
MIN_HELD_SHARE = 0.5
MIN_HELD_LETTERS = 8
MAX_SECTION_CHARS = 12
_TITLE_TAG_SEPARATOR = re.compile(r"\s+[|\-–—:·•]\s+")
_WORD = re.compile(r"\w+")
_OUTSIDE_CHROME = (
    "[not(ancestor::nav or ancestor::footer or ancestor::aside"
    ' or ancestor::*[not(self::body or self::html)][contains(@class, "comment") or contains(@class, "widget")'
    ' or contains(@class, "sidebar") or contains(@class, "related") or contains(@class, "menu")])]'
)
_H1 = etree.XPath("//h1" + _OUTSIDE_CHROME)
_H2 = etree.XPath("//h2" + _OUTSIDE_CHROME)
# A heading holding one of these is a row of labels ('Site | Section'), not a headline.
_LABEL_ROW = re.compile(r"\s[|»·•]\s")


@dataclass
class Markup:
    """The head-like markup every field reads, gathered in one walk over the tree."""

    meta: dict[str, str] = field(default_factory=dict)
    canonical: list[str] = field(default_factory=list)
    og_url: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, tree: etree._Element) -> Markup:
        """One pass over <meta>, <link> and <script> instead of an XPath search per field."""
        found = cls()
        for node in tree.iter("meta", "link", "script"):
            if node.tag == "meta":
                found._add_meta(node)
            elif node.tag == "link":
                if node.get("rel") == "canonical" and (href := node.get("href")) is not None:
                    found.canonical.append(href)
            elif node.get("type") == "application/ld+json":
                found.json_ld.append(node.text or "")
        return found

    def _add_meta(self, node: etree._Element) -> None:
        """First non-empty content per lower-cased name, property or itemprop; og:url kept in order."""
        if node.get("property") == "og:url" and (content := node.get("content")) is not None:
            self.og_url.append(content)
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = (node.get("content") or "").strip()
        if key and value:
            self.meta.setdefault(key.strip().lower(), value)


@dataclass(frozen=True)
class PageMeta:
    """What a page's markup says about itself, read once from the parsed tree before pruning."""

    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    modified: str | None = None
    url: str | None = None
    sitename: str | None = None
    language: str | None = None
    headline: str | None = None  # the visible <h1> the title agrees with, when there is one

    @property
    def author(self) -> str | None:
        """The authors '; '-joined, as Document.author holds them."""
        return "; ".join(self.authors) or None


def read_page_meta(tree: HtmlElement, url: str | None, today: date | None = None) -> PageMeta:
    """Title, authors, date, modified, url, sitename, language and headline from the markup.

    `today` is the crawl day (default: today in UTC): a date after it is not a publication date.
    """
    markup = Markup.of(tree)
    meta = markup.meta
    ld = _json_ld_article(markup.json_ld)
    address = _first_http_url(markup.canonical + markup.og_url, url) or url
    sitename = ld.get("sitename") or _sitename(meta)
    host = hostname_of(address)
    names = tuple(name for name in (sitename, _first(meta, SITENAME_META)) if name)
    headline, title = choose_title(
        _markup_titles(tree, meta, ld),
        _headings(_H1(tree), names, host),
        names,
        host,
        lambda: _headings(_H2(tree), names, host),
    )
    latest = (today or datetime.now(UTC).date()) + timedelta(days=1)
    return PageMeta(
        title=title,
        authors=tuple(_authors(tree, meta, ld, names, host)),
        date=_published(tree, meta, ld, url, latest),
        modified=_first_date(latest, ld.get("modified"), _first(meta, MODIFIED_META)),
        url=address,
        sitename=sitename,
        language=_declared_language(tree, meta),
        headline=headline,
    )


def _authors(
    tree: etree._Element, meta: dict[str, str], ld: dict, names: tuple[str, ...], host: str | None
) -> list[str]:
    """People named by JSON-LD, else meta tags, else a byline in the page, else an author link."""
    finders = (
        lambda: ld.get("authors") or [],
        lambda: _meta_authors(meta),
        lambda: _microdata_authors(tree),
        lambda: _byline_authors(tree, names, host),
        lambda: _author_link(tree),
        lambda: _headline_byline(tree, names, host),
        lambda: _credit_in_headline(tree),
    )
    for finder in finders:
        people = _people_only(finder(), names, host)
        if people:
            return people
    return []


def _people_only(found: list[str], names: tuple[str, ...], host: str | None) -> list[str]:
    """Each part tidied ('TOM KRISHER' -> 'Tom Krisher'); roles, desks and the site itself left out."""
    people: list[str] = []
    for part in found:
        name = tidy_name(part)
        if name not in people and is_person(name, names, host) and not _is_site_handle(name, host):
            people.append(name)
    return _without_lone_words(people)


def _without_lone_words(people: list[str]) -> list[str]:
    """Beside full names, a single cased word is the publication the piece is credited to
    ('Victor Tangermann', 'Futurism'), not a co-author. Scripts without case (a Korean or Chinese
    name is one word) and a lone name on its own are kept."""
    if not any(len(name.split()) > 1 for name in people):
        return people
    return [name for name in people if len(name.split()) > 1 or name.lower() == name.upper()]


def _published(tree: HtmlElement, meta: dict[str, str], ld: dict, url: str | None, latest: date) -> str | None:
    """The markup's publication date, on the day the page writes it; then <time>, then htmldate."""
    candidates = [ld.get("published"), *_all(meta, PUBLISHED_META)]
    found = _first_date(latest, *candidates)
    if found:
        return _as_written(found, candidates, tree, latest)
    found = _first_date(latest, _time_element(tree))
    if found:
        return found
    # htmldate reads the markup and the URL; dates written only in the text ('publiziert am 30. Juli
    # 2018') come from the page's short lines, read with cleaner's own multilingual date finder.
    # (htmldate's extensive search hands such text to dateparser, which tries every locale: 60 ms a
    # call, most of a page's cleaning time on old pages without a markup date.)
    found = find_date(tree, url=url, original_date=True, extensive_search=False)
    if _plausible(found, latest):
        return found
    return next(_dates_in_short_lines(tree, latest), None)


def _dates_in_short_lines(tree: etree._Element, latest: date) -> Iterator[str]:
    """Decided, plausible dates in the page's short text lines (datelines, 'Posted on ...'), in page order.

    Long text is article prose, whose dates are what the story is about; comment, widget and
    related-story areas date other things.
    """
    body = tree.find("body")
    memo: dict[etree._Element, bool] = {}
    for node in (body if body is not None else tree).iter(etree.Element):
        for text in (node.text, node.tail):
            line = " ".join(text.split()) if text else ""
            if not MIN_DATELINE_CHARS <= len(line) <= MAX_DATELINE_CHARS or _elsewhere(node, memo):
                continue
            for found in find_dates(line):
                if found.iso and _plausible(found.iso, latest):
                    yield found.iso[:10]


def _as_written(found: str, candidates: list[str | None], tree: etree._Element, latest: date) -> str:
    """The same instant as the page writes it in its own zone, when UTC put it on another day.

    A UTC timestamp late in the page's evening falls on the next day ('2019-11-19T07:03Z' on a
    page dated 'November 18, 2019 11:03 PM'). Another markup value with a zone offset, or a
    dateline in the page, that is the same instant (same minutes, a whole zone's hours apart)
    gives the day readers saw, also when the dateline leaves out the year ('Posted Nov 18, 8:19
    PM' under '2019-11-19T01:19:34Z'). Nothing is shifted by guessing a zone or a year.
    """
    instant = normalise_date(found)
    if not instant or "T" not in instant:
        return found
    zoned = [c for c in candidates if c and _OFFSET.search(c) and not _UTC.search(c)]
    naive = [c for c in candidates if c and not _OFFSET.search(c)] if _UTC.search(found) else []
    for other in zoned + naive:
        if other != found and _same_instant_other_day(found, other):
            return normalise_date(other) or other
    year = int(instant[:4])  # a dateline without its year is read in this one and the one before
    for other in _visible_dates(tree, latest, years=(year, year - 1)):
        if _same_instant_other_day(found, other):
            return other
    return found


def _same_instant_other_day(first: str, second: str) -> bool:
    """Both carry a time, fall on neighbouring days and are a whole number of quarter hours (<= 14 h) apart."""
    one, two = normalise_date(first), normalise_date(second)
    if not one or not two or "T" not in one or "T" not in two or one[:10] == two[:10]:
        return False
    apart = abs(datetime.fromisoformat(one[:16]) - datetime.fromisoformat(two[:16]))
    return apart <= MAX_ZONE_SHIFT and apart.total_seconds() % QUARTER_HOUR == 0


def _visible_dates(tree: etree._Element, latest: date, years: tuple[int, ...]) -> Iterator[str]:
    """Full dates with a time of day written in <time> or dateline elements (class or id naming a date).

    A dateline that leaves out the year ('Posted Nov 18, 8:19 PM', common on US news sites) is
    read once in each of `years`: the caller keeps only a reading that is the same instant as a
    markup timestamp, so the year is never guessed.
    """
    for node in _marked(tree, DATELINE_MARKS, "time"):
        text = " ".join(" ".join(node.itertext()).split())
        if not text or len(text) > MAX_DATELINE_CHARS:
            continue
        for reading in _readings(text, years):
            yield from _dated(reading, latest)


def _readings(text: str, years: tuple[int, ...]) -> list[str]:
    """The dateline as written, or, when it names a month and day but no year, once with each year."""
    month_day = _month_day()
    if _YEAR.search(text) or not month_day.search(text):
        return [text]
    return [month_day.sub(rf"\1, {year}", text, count=1) for year in years]


@lru_cache(maxsize=1)
def _month_day() -> re.Pattern:
    """A month name and a day with no year after it ('Nov 18, 8:19 PM', 'November 18th at 9:02')."""
    return re.compile(rf"\b((?:{month_names()})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)(?![\w])(?!,?\s*\d{{4}})", re.I)


def _dated(text: str, latest: date) -> Iterator[str]:
    """The dateline's date with its time of day, when it has both and is plausible."""
    found = parse_date(text)
    if found and "T" not in found:  # '11:26 pm EST, Tuesday, November 19, 2019': the time comes first
        digit = _DIGIT.search(text)
        clock = find_time(text[digit.start() :]) if digit else None
        found = f"{found}T{clock}" if clock else found
    if found and "T" in found and _plausible(found, latest):
        yield found


def markup_date(value: str | None) -> str | None:
    """A markup date as ISO 8601, also in the free forms pages put in JSON-LD and <time>.

    '20 Nov 2019 08:02 GMT' -> '2019-11-20T08:02'; a value missing its day, month or year
    gives None rather than a guess.
    """
    strict = normalise_date(value)
    if strict or not value:
        return strict
    if _EPOCH.match(value.strip()):
        seconds = int(value.strip()[:10])
        return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    try:
        first, second = (dateparser.parse(value, default=d, ignoretz=True) for d in _DEFAULTS)
    except (ValueError, OverflowError):
        return None
    if first.date() != second.date():
        return None
    if (first.hour, first.minute) != (second.hour, second.minute):
        return first.date().isoformat()
    seconds = first.second == second.second and first.second
    return first.strftime("%Y-%m-%dT%H:%M:%S" if seconds else "%Y-%m-%dT%H:%M")


def _first_date(latest: date, *candidates: str | None) -> str | None:
    """The first candidate that parses to a plausible day: as given when ISO-like, else normalised.

    CMS placeholders ('0001-01-01T00:00:00Z') and dates after the crawl are not dates: the next
    source is asked.
    """
    for candidate in candidates:
        found = candidate if candidate and normalise_date(candidate) else markup_date(candidate)
        if found and _plausible(found, latest):
            return found
    return None


def _plausible(value: str | None, latest: date) -> bool:
    """A day from MIN_YEAR on and not after the crawl (today, give or take a time zone)."""
    day = normalise_date(value)
    if not day:
        return False
    return date(MIN_YEAR, 1, 1) <= date.fromisoformat(day[:10]) <= latest


def _sitename(meta: dict[str, str]) -> str | None:
    """og:site_name, application-name, then a twitter:site handle without its '@'."""
    name = _first(meta, SITENAME_META)
    if name and name.startswith("@"):
        name = name[1:].strip()
        # trafilatura's convention: a lower-case handle is capitalised, 'comwrap' -> 'Comwrap'
        if name and "." not in name and name.islower():
            name = name.title()
    return name or None


def canonical_url(tree: etree._Element, url: str | None) -> str | None:
    """rel=canonical, else og:url (resolved against the given URL), else the given URL."""
    markup = Markup.of(tree)
    return _first_http_url(markup.canonical + markup.og_url, url) or url


def _first_http_url(candidates: list[str], base: str | None) -> str | None:
    for found in candidates:
        candidate = urljoin(base or "", found.strip())
        if candidate.startswith("http"):
            return candidate
    return None


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = meta.get(name)
        if value:
            return value
    return None


def _all(meta: dict[str, str], names: tuple[str, ...]) -> list[str]:
    return [meta[name] for name in names if meta.get(name)]


def _meta_authors(meta: dict[str, str]) -> list[str]:
    """Author names from the first author meta tag that holds one: never a profile URL."""
    for name in AUTHOR_META:
        value = meta.get(name)
        if value and not value.startswith("http") and split_authors(value):
            return split_authors(value)
    return []


def _microdata_authors(tree: etree._Element) -> list[str]:
    """Every schema.org microdata author (itemprop="author"), in page order."""
    memo: dict[etree._Element, bool] = {}
    nodes = [
        node for node in _ITEMPROPS(tree) if " author " in f" {node.get('itemprop')} " and not _elsewhere(node, memo)
    ]
    return list(dict.fromkeys(name for node in nodes for name in _names_in(node)))


def _marked(tree: etree._Element, marks: tuple[str, ...], tag: str | None = None) -> Iterator[etree._Element]:
    """Elements whose class or id holds one of the marks (any case), or of the tag, outside comments and widgets.

    Lazily, in page order: the caller usually stops at the first. (An XPath with translate() over
    every element cost several ms a page.)
    """
    memo: dict[etree._Element, bool] = {}  # the ancestors the candidates share, judged once
    for node in tree.iter(etree.Element):
        named = node.get("class") or node.get("id")
        if named is None and node.tag != tag:
            continue
        named = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if (node.tag == tag or any(mark in named for mark in marks)) and not _elsewhere(node, memo):
            yield node


def _elsewhere(node: etree._Element, memo: dict[etree._Element, bool] | None = None) -> bool:
    """Inside (or itself) a comment, widget, sidebar or related-story box; <body> and <html> classes
    describe the whole page ('one-sidebar') and are not read.

    `memo` (one page's) keeps each element's answer: the nodes a walk asks about share ancestors.
    """
    walked = []
    found = False
    element: etree._Element | None = node
    while element is not None and element.tag not in ("body", "html"):
        if memo is not None and element in memo:
            found = memo[element]
            break
        if _ELSEWHERE.search(f"{element.get('class') or ''} {element.get('id') or ''}".lower()):
            found = True
            break
        walked.append(element)
        element = element.getparent()
    if memo is not None:
        memo.update(dict.fromkeys(walked, found))
    return found


def _byline_authors(tree: etree._Element, names: tuple[str, ...], host: str | None) -> list[str]:
    """The names in the first byline element whose every part is a person, else in the first naming one.

    A page often has several: 'Tom Davies Associated Press Published ...' around 'Tom Davies'.
    """
    first: list[str] = []
    for node in _marked(tree, BYLINE_MARKS):
        found = _names_in(node)
        # one capitalised word in a byline box is a place or a brand ('WASHINGTON', 'Vortex') as often as a name
        people = [name for name in _people_only(found, names, host) if " " in name or not name.isascii()]
        if people and len(people) == len(found):
            return people
        first = first or people
    return first


def _headline_byline(tree: etree._Element, names: tuple[str, ...], host: str | None) -> list[str]:
    """The people of the first 'By NAME' line between the <h1> and the story's first prose paragraph.

    A byline in no byline markup ('<div>By Leigh Ann Caldwell</div>' opening the body, a wire
    credit 'By: CNN Wire' in the byline box above it) still stands under the headline; lines
    further down (related stories, comments) are not read.
    """
    heading = next(iter(_H1(tree)), None)
    if heading is None:
        return []
    for text in _AFTER_HEADLINE(heading):
        line = " ".join(str(text).split())
        if is_prose(line):
            return []
        parent = text.getparent()
        if len(line) > MAX_BYLINE_CHARS or parent is None or parent.tag in ("script", "style") or _elsewhere(parent):
            continue
        opened = compiled_words().prefix.match(line)
        if not opened and compiled_words().prefix.fullmatch(f"{line} "):  # 'By ' before a link
            line = _element_byline(line, parent)
            opened = compiled_words().prefix.match(line)
        if opened and (line[0].isupper() or not line[0].islower()):
            found = [name for name in _byline_names(line[opened.end() :]) if not _has_date_word(name)]
            people = [name for name in _people_only(found, names, host) if " " in name or not name.isascii()]
            if people:
                return people
    return []


def _element_byline(prefix: str, element: etree._Element) -> str:
    """'By' alone in an element, the names in its links: the element's other texts after the prefix,
    comma-separated as the separate names they are ('By <a>Jane Roe</a><a>John Doe</a> on Monday')."""
    texts = [" ".join(text.split()) for text in element.itertext()]
    rest = [text for text in texts if text][1:]
    line = f"{prefix} {', '.join(rest)}"
    return line if rest and len(line) <= MAX_BYLINE_CHARS else prefix


def _credit_in_headline(tree: etree._Element) -> list[str]:
    """The names of a credit that closes the first <h1> ('<h1>Title<br><span>編集委員 中沢克二</span></h1>')."""
    heading = next(iter(_H1(tree)), None)
    credit = _headline_credit(heading) if heading is not None else None
    return split_authors(credit[1]) if credit else []


def _headline_credit(node: etree._Element) -> tuple[str, str] | None:
    """(the credit as the text reads, its names) when an <h1>'s last piece is a job title and a name.

    Some templates put the byline inside the headline's <h1>, in an element of its own or after a
    <br> ('編集委員 中沢克二', 'Jane Roe, Staff Writer'); a title with no such break is never cut.
    """
    pieces = [node.text or ""]
    for child in node:
        pieces += ["".join(child.itertext()) if isinstance(child.tag, str) else "", child.tail or ""]
    pieces = [" ".join(piece.split()) for piece in pieces if piece.strip()]
    if len(pieces) < 2 or len(pieces[-1]) > MAX_BYLINE_CHARS:
        return None
    name = role_credit(pieces[-1])
    if not name or not all(is_person(tidy_name(part)) for part in split_authors(name) or [""]):
        return None
    return pieces[-1], name


def _has_date_word(name: str) -> bool:
    """A date field's word in it ('By Release Date' sorts a list): not a name."""
    field_of = compiled_words().field_of
    return any(field_of.get(word.casefold()) in DATE_FIELDS for word in name.split())


def _names_in(node: etree._Element) -> list[str]:
    """The names a byline element holds: its microdata names, else its own short text."""
    named = node.xpath('.//*[@itemprop="name"]')
    texts = [" ".join("".join(n.itertext()).split()) for n in named]
    texts = texts or [" ".join(" ".join(node.itertext()).split())]
    return [name for text in texts if 0 < len(text) <= MAX_BYLINE_CHARS for name in _byline_names(text)]


def _byline_names(text: str) -> list[str]:
    """'By Jane Roe and John Doe | Nov 18, 2019' -> ['Jane Roe', 'John Doe']: names before a date or a bar.

    A byline word in the page's language opens it ('Текст: NAME', 'Von NAME', cleaner/textmeta.yaml).
    """
    opened = compiled_words().prefix.match(text)
    head = _BYLINE_END.split(text[opened.end() :] if opened else text, maxsplit=1)[0]
    names = _date_words().split(head, maxsplit=1)[0]
    return split_authors(trim_trailing_fillers(names))  # 'Louis Jacobson on' Monday -> 'Louis Jacobson'


@lru_cache(maxsize=1)
def _date_words() -> re.Pattern:
    """A weekday, or a month name before a number: where a byline's dateline starts ('Jeff Foust Monday')."""
    data = words()
    weekdays = sorted((w for w in data["weekdays"] if len(w) >= MIN_WEEKDAY_LETTERS), key=len, reverse=True)
    months = sorted({m for names in data["months"].values() for m in names}, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in weekdays)
    month_names = "|".join(re.escape(m) for m in months)
    return re.compile(rf"\s*\b(?:(?:{alternation})\b|(?:{month_names})\.?(?:\s+\d|\s*$))", re.I)


def _author_link(tree: etree._Element) -> list[str]:
    """The first author-page link whose text is a name (agreeing with its slug, or rel=author)."""
    for link in _AUTHOR_LINKS(tree):
        name = " ".join("".join(link.itertext()).split())
        words = name.casefold().split()
        slug = link.get("href", "").rstrip("/").rsplit("/", 1)[-1].casefold()
        agrees = link.get("rel") == "author" or (bool(slug) and set(re.split(r"[-_.+]", slug)) <= set(words))
        if agrees and 1 <= len(words) <= MAX_AUTHOR_WORDS:
            found = split_authors(name)
            if found:
                return found
    return []


def _is_site_handle(name: str, host: str | None) -> bool:
    """A one-word lower-case name that is the site's first label or part of it ('gto')."""
    label = (host or "").split(".")[0]
    parts = {label, *re.split(r"[-_]", label)} - {""}
    return " " not in name and name.casefold() in parts


def _json_ld_article(scripts: list[str]) -> dict:
    """headline, authors (people only), dates and publisher name of the article object.

    An article type wins over a plain WebPage; `{"@id": ...}` references (Yoast's @graph)
    are looked up among the page's other objects.
    """
    objects = list(_json_ld_objects(scripts))
    by_id = {item["@id"]: item for item in objects if isinstance(item.get("@id"), str)}
    typed = [(item, _types(item)) for item in objects]
    chosen = next((item for item, types in typed if types & ARTICLE_TYPES), None)
    if chosen is None:
        chosen = next((item for item, types in typed if types & PAGE_TYPES), None)
    if chosen is None:
        return {}
    publisher = _resolve(chosen.get("publisher"), by_id)
    sitename = publisher.get("name") if isinstance(publisher, dict) else None
    return {
        "title": _unescaped(_text(chosen.get("headline"))),
        "authors": _people(_resolve(chosen.get("author"), by_id), sitename),
        "published": _text(chosen.get("datePublished")),
        "modified": _text(chosen.get("dateModified")),
        "sitename": _text(sitename),
    }


def _types(item: dict) -> set[str]:
    """The item's types in lower case; any *Article or *Posting type counts as an article, any *Page as a page."""
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    found = {t.lower() for t in types if isinstance(t, str)}
    if any(t.endswith(("article", "posting")) for t in found):
        found.add("article")
    if any(t.endswith("page") for t in found):
        found.add("webpage")
    return found


def _resolve(value, by_id: dict[str, dict]):
    """Replace `{"@id": ...}` references (alone or in a list) by the objects they point to."""
    if isinstance(value, list):
        return [_resolve(item, by_id) for item in value]
    if isinstance(value, dict) and set(value) == {"@id"}:
        return by_id.get(value["@id"], value)
    return value


def _json_ld_objects(scripts: list[str]) -> Iterator[dict]:
    for script in scripts:
        try:
            data = json.loads(script)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.get("@graph", []))
                yield item


def _people(value, sitename: str | None) -> list[str]:
    """Names of Person authors; organisations and the publisher itself are left out."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if _types(item) & ORGANISATION_TYPES:
                continue
            item = item.get("name")
        if isinstance(item, str):
            names += [n for n in split_authors(_unescaped(item)) if not _same_name(n, sitename) and n not in names]
    return names


def _time_element(tree: etree._Element) -> str | None:
    """<time datetime> marked as the publication time, else the first <time> in an <article>.

    Each kind's first `datetime` in page order, from one walk over the page's few <time>
    elements (an XPath over the whole tree for each kind cost three walks).
    """
    firsts: list[str | None] = [None, None, None]  # itemprop=datePublished, pubdate, inside an <article>
    for node in tree.iter("time"):
        value = node.get("datetime")
        if value is None:
            continue
        kinds = (
            node.get("itemprop") == "datePublished",
            node.get("pubdate") is not None,
            next(node.iterancestors("article"), None) is not None,
        )
        firsts = [first if first is not None or not kind else value for first, kind in zip(firsts, kinds, strict=True)]
    return next((value.strip() for value in firsts if value is not None and value.strip()), None)


def _markup_titles(tree: etree._Element, meta: dict[str, str], ld: dict) -> list[str]:
    """The titles the markup gives, best first: JSON-LD headline, og:title, twitter:title, <title>."""
    raw = " ".join("".join(tree.xpath("//head/title//text()")).split())
    tag = _TITLE_TAG_SEPARATOR.split(raw)
    if len(tag) > 1 and len(tag[-1]) < len(tag[0]):
        raw = tag[0]  # a shorter last part of <title> is the site's (trafilatura's convention too)
    found: list[str] = []
    for title in (ld.get("title"), *(meta.get(name) for name in TITLE_META), raw):
        title = _unescaped(title)
        if title and title not in found:
            found.append(title)
    return found


def _headings(nodes: list[etree._Element], names: tuple[str, ...], host: str | None) -> list[str]:
    """Visible heading texts (of `_H1` or `_H2` nodes: outside navigation) that may be the article's
    headline: not too long, not the site's name, each once."""
    found: list[str] = []
    for node in nodes:
        text = _heading_text(node, names, host)
        credit = _headline_credit(node)
        if credit and text.endswith(credit[0]):
            text = text[: -len(credit[0])].rstrip()  # the byline inside the heading is not part of the title
        if (
            text
            and text not in found
            and len(_WORD.findall(text)) <= MAX_HEADLINE_WORDS
            and not _is_site_name(text, names, host)
        ):
            found.append(text)
    return found


def _heading_text(node: etree._Element, names: tuple[str, ...], host: str | None) -> str:
    """An <h1>'s text without a site name that opens or closes it in an element of its own.

    Older templates put the logo link inside the headline's <h1> ('<span>Title</span><a>Ultima
    Hora Mallorca</a>'), glued to the title in the text; only a whole first or last child that
    names the site goes, never a word inside the headline.
    """
    children = [child for child in node if isinstance(child.tag, str)]
    if len(children) < 2:
        return " ".join("".join(node.itertext()).split())
    ends = {id(children[0]) if not (node.text or "").strip() else None, id(children[-1])}
    if (children[-1].tail or "").strip():
        ends.discard(id(children[-1]))
    parts = [node.text or ""]
    for child in node:
        text = " ".join("".join(child.itertext()).split()) if isinstance(child.tag, str) else ""
        site = id(child) in ends and bool(text) and _site_affix(text, names, host)
        parts += [" " if site else "".join(child.itertext()) if isinstance(child.tag, str) else "", child.tail or ""]
    return " ".join("".join(parts).split())


def choose_title(
    titles: list[str],
    headings: list[str],
    names: tuple[str, ...],
    host: str | None,
    second_headings: Callable[[], list[str]] = list,
) -> tuple[str | None, str | None]:
    """(the visible headline, the title): the <h1> when the markup agrees with it, else the markup's.

    The article's own headline is what its page shows. A markup title that is the <h1> plus a
    site or section ('Opinion | H1', 'H1 - Site', 'Site: H1') confirms it; so does one that is an
    <h2> so affixed, read only when no <h1> is (`second_headings`), and not a row of labels ('Site |
    Section'): older blog templates give the <h1> to the blog's name or logo and each post's title
    to an <h2>. An SEO title that rewrites the <h1> still shares many of its words. Without an
    agreeing heading the first markup title is taken, less a site name its ends carry.
    """
    affixed = _first_affixed(headings, titles, names, host)
    if affixed is None and titles:
        labels_apart = [heading for heading in second_headings() if not _LABEL_ROW.search(heading)]
        affixed = _first_affixed(labels_apart, titles, names, host)
    if affixed is not None:
        return affixed, affixed
    if not titles:
        return (headings[0], headings[0]) if headings else (None, None)
    title = breadcrumb_tail(strip_site(titles[0], names, host))
    for heading in headings:
        if _shares_words(heading, title) or _held_in(heading, title):
            return heading, heading
    return (headings[0] if headings else None), title


def _first_affixed(headings: list[str], titles: list[str], names: tuple[str, ...], host: str | None) -> str | None:
    """The first heading that some markup title holds with a site or section around it (`_affixed`)."""
    return next((h for h in headings if any(_affixed(h, title, names, host) for title in titles)), None)


def strip_site(title: str, names: tuple[str, ...], host: str | None) -> str:
    """A title without the site name at its end or start ('H | Site', 'Site: H', 'H_频道_网站')."""
    cuts = [(m.start(), m.end(), m.group()) for m in _TITLE_SEPARATOR.finditer(title)]
    start, end = 0, len(title)
    while cuts and _site_affix(title[cuts[-1][1] : end], names, host) and cuts[-1][0] > start:
        cut = cuts.pop()
        end = cut[0]
        if cut[2].strip() == "_":  # '标题_频道_网站': a section between the title and the site
            while cuts and cuts[-1][2].strip() == "_" and len(title[cuts[-1][1] : end]) <= MAX_SECTION_CHARS:
                end = cuts.pop()[0]
    if cuts and cuts[0][0] > 0 and _site_affix(title[: cuts[0][0]], names, host):
        start = cuts[0][1]
    return title[start:end].strip() or title


def _site_affix(segment: str, names: tuple[str, ...], host: str | None) -> bool:
    segment = segment.strip()
    return 0 < len(_WORD.findall(segment)) <= MAX_AFFIX_WORDS and names_site(segment, host, names)


def _affixed(heading: str, title: str, names: tuple[str, ...], host: str | None) -> bool:
    """The title is the heading, or the heading with a few words of site or section around it."""
    wanted = title_key(heading)
    if not wanted:
        return False
    if title_key(title) == wanted:
        return True
    parts = _TITLE_SEPARATOR.split(title)
    for first in range(len(parts)):
        for last in range(first + 1, len(parts) + 1):
            if (first, last) != (0, len(parts)) and title_key(" ".join(parts[first:last])) == wanted:
                rest = " ".join(parts[:first] + parts[last:])
                # the affix is shorter or names the site: a section <h1> ('Opinion') is not the story's headline
                shorter = len("".join(_WORD.findall(rest))) < len(wanted.replace(" ", ""))
                return len(_WORD.findall(rest)) <= MAX_AFFIX_WORDS and (shorter or names_site(rest, host, names))
    return False


def _shares_words(heading: str, title: str) -> bool:
    """A headline and a title of the same story: enough of the headline's longer words are the title's."""
    own = {w for w in _WORD.findall(heading.casefold()) if len(w) >= MIN_SHARED_LETTERS}
    other = {w for w in _WORD.findall(title.casefold()) if len(w) >= MIN_SHARED_LETTERS}
    shared = len(own & other)
    return len(own) >= MIN_SHARED_COUNT and shared >= MIN_SHARED_COUNT and shared >= MIN_SHARED_WORDS * len(own)


def _held_in(heading: str, title: str) -> bool:
    """The title holds the headline whole ('見出し（写真＝ロイター）：新聞'): word counts miss it without spaces."""
    own = re.sub(r"[\W_]", "", heading.casefold())
    other = re.sub(r"[\W_]", "", title.casefold())
    return len(own) >= MIN_HELD_LETTERS and own in other and len(own) >= MIN_HELD_SHARE * len(other)


def _is_site_name(text: str, names: tuple[str, ...], host: str | None) -> bool:
    """The text is the site's name or its host's main label (a logo in an <h1>)."""
    compact = re.sub(r"[\W_]", "", text.casefold())
    labels = {label.replace("-", "") for label in (host or "").split(".")[:-1]}
    return compact in labels or any(compact == re.sub(r"[\W_]", "", name.casefold()) for name in names)


def _unescaped(text: str | None) -> str | None:
    """Markup text with HTML entities a CMS escaped twice decoded ('&#8216;' in JSON-LD) and spaces collapsed."""
    if not text:
        return None
    return " ".join(html.unescape(text).split()) or None


def _declared_language(tree: etree._Element, meta: dict[str, str]) -> str | None:
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    return lang or meta.get("content-language") or meta.get("og:locale")


def _same_name(name: str | None, other: str | None) -> bool:
    key = lambda text: re.sub(r"\W+", "", (text or "").casefold())  # noqa: E731
    return bool(name and other) and key(name) == key(other)


def _text(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return " ".join(str(value).split()) or None if value else None
