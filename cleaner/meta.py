"""Merge metadata from rule captures and page markup, and normalise dates, authors and URLs.

Precedence: what a rule captured from the text, then the page's markup, then the caller.
Dates: the publication date wins over an update, an update over the crawl date; `date` is the
first of these found, `modified` the update when one is given. A text dump that states no
publication date takes the day its URL's path spells (`/2019/11/19/`), read by htmldate: an
address that dates a story names the day it was published (HTML pages get it from htmldate too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from htmldate import find_date

from .dates import parse_date
from .people import before_role, glued_tail, names_no_person, proper_case

if TYPE_CHECKING:  # pagemeta reads markup with this module's helpers
    from .pagemeta import PageMeta

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%b. %d, %Y",
    "%A, %B %d, %Y",
)
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I:%M:%S %p", "%I %p")
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2}))?)?")
_ACRONYM = re.compile(r"[A-Z]{2,5}")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|\band\b|&|\|)\s*")
_AUTHOR_PREFIX = re.compile(r"^\s*(?:by|written by|posted by|author)\s*[:\-]?\s+", re.I)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b")
# Bylines that name a news agency or a desk, not a person: an author is never an organisation.
# Wire copy carries them in meta tags and bylines on every site that syndicates it.
NOT_PEOPLE = frozenset(
    {
        "ap",
        "the associated press",
        "associated press",
        "reuters",
        "thomson reuters",
        "reuters staff",
        "afp",
        "agence france-presse",
        "agence france presse",
        "dpa",
        "deutsche presse-agentur",
        "upi",
        "united press international",
        "pti",
        "press trust of india",
        "ians",
        "ani",
        "xinhua",
        "efe",
        "ansa",
        "kyodo",
        "kyodo news",
        "yonhap",
        "tass",
        "bloomberg",
        "bloomberg news",
        "cnn wire",
        "wire reports",
        "wire services",
        "news agencies",
        "agencies",
        "staff",
        "staff writer",
        "staff reports",
        "staff report",
        "news desk",
        "web desk",
        "editorial board",
        "the editorial board",
        "newsroom",
    }
)


@dataclass(frozen=True)
class Metadata:
    """Normalised page metadata, ready to copy onto a Document."""

    title: str | None = None
    author: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    modified: str | None = None
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None


def merge(captures: list[dict[str, str]], page: PageMeta | None, given_url: str | None) -> Metadata:
    """Combine rule captures (first wins), page markup (none for a text dump) and the caller's URL."""
    captured: dict[str, str] = {}
    for found in captures:
        captured = {**found, **captured}
    authors = split_authors(captured["author"]) if captured.get("author") else list(page.authors if page else ())
    when = captured_date(captures)
    modified = captured_date(captures, "modified")
    crawled = captured_date(captures, "crawled")
    url = captured.get("url") or (page.url if page else None) or given_url
    return Metadata(
        title=_clean(captured.get("title") or (page.title if page else None)),
        author="; ".join(authors) or None,
        authors=tuple(authors),
        date=when or (normalise_date(page.date) if page else url_date(url)) or modified or crawled,
        modified=modified or normalise_date(page.modified if page else None),
        url=_clean(url),
        hostname=hostname_of(url),
        sitename=_clean(captured.get("sitename") or (page.sitename if page else None)),
    )


def url_date(url: str | None) -> str | None:
    """The day a URL's path spells in full (year, month and day), or None; a year or month alone is not a day."""
    if not url:
        return None
    return find_date(_NO_MARKUP, url=url, original_date=True, extensive_search=False)


_NO_MARKUP = "<html><body></body></html>"  # htmldate reads the URL before any markup; there is none
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?=/|$)")


def url_month(url: str | None) -> tuple[int, int] | None:
    """The year and month a URL's path spells as folders (`/2019/11/slug.html`), or None: the
    month a page was published in, which a dateline that gives no year ('Posted Nov 18') completes."""
    match = _URL_MONTH.search(urlsplit(url).path) if url else None
    return (int(match.group(1)), int(match.group(2))) if match else None


def captured_date(captures: list[dict[str, str]], key: str = "date") -> str | None:
    """The first captured date; a later capture of the same day that adds a time refines it."""
    read = [_captured(found[key], found.get("time") if key == "date" else None) for found in captures if key in found]
    dates = [when for when in read if when]
    if not dates:
        return None
    refined = [when for when in dates[1:] if when.startswith(dates[0]) and len(when) > len(dates[0])]
    return refined[0] if refined else dates[0]


def _captured(value: str, time_of_day: str | None) -> str | None:
    """A date captured from the text: the strict forms, else any form cleaner/dates.py reads."""
    return normalise_date(value, time_of_day) or parse_date(value)


def normalise_date(value: str | None, time_of_day: str | None = None) -> str | None:
    """ISO 8601: YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS] when the source gives a time."""
    if not value:
        return None
    iso = _ISO.match(value.strip())
    if iso:
        day, clock, seconds = iso.groups()
        clock = clock + (":" + seconds if seconds else "") if clock else _parse_time(time_of_day)
        if not _valid_iso(day):
            return None
        return f"{day}T{clock}" if clock else day
    parsed = _parse_date(value)
    if parsed is None:
        return None
    clock = _parse_time(time_of_day)
    return f"{parsed.isoformat()}T{clock}" if clock else parsed.isoformat()


def split_authors(value: str | None) -> list[str]:
    """'By Jane Roe and John Doe' -> ['Jane Roe', 'John Doe']; drops dates, agencies and empty parts."""
    if not value:
        return []
    value = _AUTHOR_PREFIX.sub("", value.strip())
    names = []
    for part in _AUTHOR_SPLIT.split(value):
        name = " ".join(_AUTHOR_PREFIX.sub("", part).split())
        if (tail := glued_tail(name)) is not None:  # 'Meg JamesStaff Writer': the role a page ran in
            name = name[:tail]
        name = before_role(name) or name  # 'Jane Roe Senior Correspondent': the role a byline ran on to
        name = proper_case(_said_once(name))
        if name and not any(ch.isdigit() for ch in name) and name not in names and not _is_organisation(name):
            names.append(name)
    people = [name for name in names if not _ACRONYM.fullmatch(name)]  # 'Jane Roe, CNN': the outlet
    return people or names


def _said_once(name: str) -> str:
    """A name the page printed twice in a row, as a link and as text ('Sean Martin Sean Martin'),
    said once; any other name as it is. Names of one word are left alone ('Martin Martin')."""
    words = name.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half >= 2 and words[:half] == words[half:] else name


def _is_organisation(name: str) -> bool:
    return " ".join(name.casefold().replace(".", "").split()) in NOT_PEOPLE or names_no_person(name)


def hostname_of(url: str | None) -> str | None:
    """Host without 'www.', lower case; None for a missing or relative URL."""
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower()
    return host.removeprefix("www.") or None


def _parse_date(value: str) -> date | None:
    text = _ORDINAL.sub(r"\1", " ".join(value.replace(",", ", ").split())).replace(" ,", ",")
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _parse_time(value: str | None) -> str | None:
    if not value:
        return None
    text = " ".join(value.upper().replace(".", "").split())
    for fmt in TIME_FORMATS:
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        return parsed.strftime("%H:%M:%S" if parsed.second else "%H:%M")
    return None


def _valid_iso(day: str) -> bool:
    try:
        date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _clean(value: str | None) -> str | None:
    text = " ".join(value.split()) if value else ""
    return text or None
