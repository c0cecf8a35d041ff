"""What an HTML page's markup says about itself: title, authors, dates, URL, site, language.

Sources, best first: JSON-LD (schema.org Article types), meta tags (Open Graph, article:*,
Dublin Core, parsely/sailthru), <time> elements, then htmldate on the markup. Cheap XPath
lookups on the tree the extractor also reads; htmldate only runs when nothing else gave a date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urljoin

from htmldate import find_date
from lxml import etree

from .meta import split_authors

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
    "webpage",
    "liveblogposting",
    "reviewnewsarticle",
    "backgroundnewsarticle",
}
ORGANISATION_TYPES = {"organization", "newsmediaorganization", "corporation", "website"}
TITLE_META = ("og:title", "twitter:title")
AUTHOR_META = (
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "cXenseParse:author",
)
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datePublished",
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
    "dateModified",
    "dcterms.modified",
    "last-modified",
)
SITENAME_META = ("og:site_name", "application-name", "twitter:site")
DATE_PARAMS = {"original_date": True, "extensive_search": False}
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•]\s+")


def read_page_meta(tree: etree._Element, url: str | None) -> dict[str, str | None]:
    """Title, author ('; '-joined), date, modified, url, sitename and language from markup."""
    meta = _meta_tags(tree)
    ld = _json_ld_article(tree)
    sitename = ld.get("sitename") or _first(meta, SITENAME_META)
    if sitename and sitename.startswith("@"):
        sitename = None
    authors = ld.get("authors") or _meta_authors(meta, sitename)
    published = ld.get("published") or _first(meta, PUBLISHED_META) or _time_element(tree)
    if not published:
        published = find_date(tree, url=url, **DATE_PARAMS)
    return {
        "title": ld.get("title") or _first(meta, TITLE_META) or _title_tag(tree, sitename),
        "author": "; ".join(authors) or None,
        "date": published,
        "modified": ld.get("modified") or _first(meta, MODIFIED_META),
        "url": canonical_url(tree, url),
        "sitename": sitename,
        "language": _declared_language(tree, meta),
    }


def canonical_url(tree: etree._Element, url: str | None) -> str | None:
    """rel=canonical, else og:url (resolved against the given URL), else the given URL."""
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for found in tree.xpath(xpath):
            candidate = urljoin(url or "", str(found).strip())
            if candidate.startswith("http"):
                return candidate
    return url


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    """First non-empty content per lower-cased name, property or itemprop."""
    found: dict[str, str] = {}
    for node in tree.iter("meta"):
        key = node.get("property") or node.get("name") or node.get("itemprop")
        value = (node.get("content") or "").strip()
        if key and value:
            found.setdefault(key.strip().lower(), value)
    return found


def _first(meta: dict[str, str], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = meta.get(name.lower())
        if value:
            return value
    return None


def _meta_authors(meta: dict[str, str], sitename: str | None) -> list[str]:
    """Author names from meta tags: never a profile URL, never the site itself."""
    for name in AUTHOR_META:
        value = meta.get(name.lower())
        if not value or value.startswith("http"):
            continue
        names = [n for n in split_authors(value) if not _same_name(n, sitename)]
        if names:
            return names
    return []


def _json_ld_article(tree: etree._Element) -> dict:
    """headline, authors (people only), dates and publisher name of the first article object."""
    for item in _json_ld_objects(tree):
        types = item.get("@type")
        types = {
            t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)
        }
        if not types & ARTICLE_TYPES:
            continue
        publisher = item.get("publisher")
        sitename = publisher.get("name") if isinstance(publisher, dict) else None
        return {
            "title": _text(item.get("headline")),
            "authors": _people(item.get("author"), sitename),
            "published": _text(item.get("datePublished")),
            "modified": _text(item.get("dateModified")),
            "sitename": _text(sitename),
        }
    return {}


def _json_ld_objects(tree: etree._Element) -> Iterator[dict]:
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
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
            kind = str(item.get("@type", "")).lower()
            if kind in ORGANISATION_TYPES:
                continue
            item = item.get("name")
        if isinstance(item, str):
            names += [
                n for n in split_authors(item) if not _same_name(n, sitename) and n not in names
            ]
    return names


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
        title = (
            _TITLE_SEPARATOR.split(title, maxsplit=len(parts) - 2)[0]
            if len(parts) > 2
            else parts[0]
        )
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
