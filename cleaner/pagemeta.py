"""What an HTML page's markup says about itself: title, authors, dates, URL, site, language.

Sources, best first: JSON-LD (schema.org Article types, `@id` references resolved), meta tags
(Open Graph, article:*, Dublin Core, parsely/sailthru), <time> elements, then htmldate on the
markup. Cheap XPath lookups on the tree the extractor also reads; the costlier fallbacks (an
author link, htmldate) only run when nothing else answered. A date is only taken when it
parses; otherwise the next source is asked.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin

from dateutil import parser as dateparser
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

from .meta import hostname_of, normalise_date, split_authors

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
    '[not(ancestor::*[contains(@class, "comment") or contains(@id, "comment")'
    ' or contains(@class, "widget") or contains(@class, "sidebar")])]'
)
MAX_AUTHOR_WORDS = 4
# Two far-apart defaults: a field dateutil filled in from them differs between the two parses.
_DEFAULTS = (datetime(1900, 1, 1, 0, 0, 0), datetime(1904, 2, 2, 1, 1, 1))
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•]\s+")


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


def read_page_meta(tree: HtmlElement, url: str | None) -> dict[str, str | None]:
    """Title, author ('; '-joined), date, modified, url, sitename and language from markup."""
    markup = Markup.of(tree)
    meta = markup.meta
    ld = _json_ld_article(markup.json_ld)
    address = _first_http_url(markup.canonical + markup.og_url, url) or url
    sitename = ld.get("sitename") or _sitename(meta)
    authors = ld.get("authors") or _meta_authors(meta, sitename) or _author_link(tree, sitename)
    authors = [name for name in authors if not _is_site_handle(name, address)]
    published = (
        _first_date(ld.get("published"), _first(meta, PUBLISHED_META))
        or _first_date(_time_element(tree))
        # htmldate is the last resort, reached only when the markup names no date: it may search the text too
        or find_date(tree, url=url, original_date=True, extensive_search=True)
    )
    return {
        "title": ld.get("title") or _first(meta, TITLE_META) or _title_tag(tree, sitename),
        "author": "; ".join(authors) or None,
        "date": published,
        "modified": _first_date(ld.get("modified"), _first(meta, MODIFIED_META)),
        "url": address,
        "sitename": sitename,
        "language": _declared_language(tree, meta),
    }


def markup_date(value: str | None) -> str | None:
    """A markup date as ISO 8601, also in the free forms pages put in JSON-LD and <time>.

    '20 Nov 2019 08:02 GMT' -> '2019-11-20T08:02'; a value missing its day, month or year
    gives None rather than a guess.
    """
    strict = normalise_date(value)
    if strict or not value:
        return strict
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


def _first_date(*candidates: str | None) -> str | None:
    """The first candidate that parses: as given when it is ISO-like, else normalised."""
    for candidate in candidates:
        if candidate and normalise_date(candidate):
            return candidate
        parsed = markup_date(candidate)
        if parsed:
            return parsed
    return None


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


def _meta_authors(meta: dict[str, str], sitename: str | None) -> list[str]:
    """Author names from meta tags: never a profile URL, never the site itself."""
    for name in AUTHOR_META:
        value = meta.get(name)
        if not value or value.startswith("http"):
            continue
        names = [n for n in split_authors(value) if not _same_name(n, sitename)]
        if names:
            return names
    return []


def _author_link(tree: etree._Element, sitename: str | None) -> list[str]:
    """The first author-page link whose text is a name (agreeing with its slug, or rel=author)."""
    for link in _AUTHOR_LINKS(tree):
        name = " ".join("".join(link.itertext()).split())
        words = name.casefold().split()
        slug = link.get("href", "").rstrip("/").rsplit("/", 1)[-1].casefold()
        agrees = link.get("rel") == "author" or (
            bool(slug) and set(re.split(r"[-_.+]", slug)) <= set(words)
        )
        if agrees and 1 <= len(words) <= MAX_AUTHOR_WORDS and not _same_name(name, sitename):
            found = split_authors(name)
            if found:
                return found
    return []


def _is_site_handle(name: str, url: str | None) -> bool:
    """A one-word lower-case name that is the site's first label or part of it ('gto')."""
    host = hostname_of(url) or ""
    label = host.split(".")[0]
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
        "title": _text(chosen.get("headline")),
        "authors": _people(_resolve(chosen.get("author"), by_id), sitename),
        "published": _text(chosen.get("datePublished")),
        "modified": _text(chosen.get("dateModified")),
        "sitename": _text(sitename),
    }


def _types(item: dict) -> set[str]:
    types = item.get("@type")
    types = types if isinstance(types, list) else [types]
    return {t.lower() for t in types if isinstance(t, str)}


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
            names += [
                _capitalised(n)
                for n in split_authors(item)
                if not _same_name(n, sitename) and n not in names
            ]
    return names


def _capitalised(name: str) -> str:
    """A name written all in lower case ('webnata') is capitalised, as trafilatura does."""
    return name.title() if name.islower() else name


def _time_element(tree: etree._Element) -> str | None:
    """<time datetime> marked as the publication time, else the first <time> in an <article>."""
    for xpath in (
        '//time[@itemprop="datePublished"]/@datetime',
        "//time[@pubdate]/@datetime",
        "//article//time/@datetime",
    ):
        found = tree.xpath(xpath)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _title_tag(tree: etree._Element, sitename: str | None) -> str | None:
    """<title> without a trailing ' | Site' part; else the first <h1>."""
    title = " ".join("".join(tree.xpath("//head/title//text()")).split())
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1 and (_same_name(parts[-1], sitename) or len(parts[-1]) < len(parts[0])):
        title = parts[0]
    if title:
        return title
    heading = tree.xpath("//h1")
    return " ".join("".join(heading[0].itertext()).split()) or None if heading else None


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
