"""Find and read the dates that dumps and bylines write, in many languages, as ISO 8601.

Forms: ISO (`2021-03-05T14:30`), year first (`2021/03/05`), numeric day and month
(`05.03.2021`, `05/03/2021`, `3/5/2021`), written (`March 5, 2021`, `5 Mar 2021`,
`Tuesday 05 March 2021`, `5. März 2021`, `5 de marzo de 2021`, `5 марта 2021 г.`,
`ngày 5 tháng 3 năm 2021`, `5 مارس 2021`) and CJK (`2021年3月5日`), each with an optional time
and zone. The month and day names are data (cleaner/textmeta.yaml). Arabic-Indic and Persian
digits read as the same numbers; a Solar Hijri year (`۱۴۰۲`) is out of range and not read.

Numeric day/month order, the policy: a part above 12 decides (`11.14.2019`, as some US sites
write it, is November 14); otherwise dots mean day first (every language that writes dots
does so), and the caller's order hint decides the rest (the other dates of the same dump, then
the site's country domain, then the page's language); with no hint the date stays undecided and
is not used. A date glued to the capitalised word after it by a dump that joined two elements
(`Nov. 20, 2019Updated: ...`, `18.11.2019Get short URL`) is read up to that word. dateparser was
measured for this and left out: a string it cannot read costs it about 0.3 s (it tries every
locale), and first use of each language costs as much again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

DMY, MDY = "dmy", "mdy"
MIN_YEAR, MAX_YEAR = 1900, 2100
_YEAR = re.compile(r"(?:19|20|21)\d\d")
_SHORT_YEAR = re.compile(r"\d[./-]\d\d(?!\d)")  # a numeric date's last part, as a two-digit year
_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
# Arabic-Indic and Persian digits as ASCII, one character for one so that offsets hold
_AS_ASCII_DIGITS = str.maketrans(
    "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9",
    "0123456789" * 2,
)
_HALF_OF_DAY = {"오전": "am", "午前": "am", "上午": "am", "오후": "pm", "午後": "pm", "下午": "pm"}
CENTURY_PIVOT = 70  # a two-digit year under it is this century's, from it the last's (as POSIX reads them)
_TIME = (
    r"(?:\s*(?:,|at|à|um|a las|às|alle|om|o|v|о|kl\.?|klo\.?|saat|pukul|lúc|в|الساعة|ساعت|-|–|—|\||/|T)?\s*)"
    rf"(?:(?P<half>{'|'.join(_HALF_OF_DAY)})\s*)?"  # morning or afternoon before the time ('오후 3:05')
    r"(?P<H>[0-2]?\d)(?:[:h.]|\s*[時时点點시]\s*)(?P<M>[0-5]\d|\d(?=\s*[分분]))"  # '10時32分', '10時5分'
    r"(?:\s*[分분](?:\s*[0-5]?\d\s*[秒초])?)?"
    r"(?::(?P<S>[0-5]\d))?(?:\.\d+)?(?:\s*(?P<ampm>[ap]\.?\s?m\b\.?))?(?:\s*(?:uhr|h)\b)?"
    r"(?:,\s*(?-i:[A-Z]{2,5})\b|\s*(?-i:(?:Z|[A-Z]{2,5})(?![a-z]))?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?"  # '11:42, UK'
)


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: where, its ISO form when decided, both readings when not."""

    start: int
    end: int
    iso: str | None
    readings: tuple[str, str] | None = None  # (day first, month first) of an undecided numeric date
    order: str | None = None  # the order this date proves (a numeric part above 12)

    @property
    def timed(self) -> bool:
        """Whether a time of day follows the date (its ISO form, or either reading, carries one)."""
        return "T" in (self.iso or (self.readings or ("",))[0])

    def resolve(self, order: str | None) -> str | None:
        """The ISO date, using the order hint only where the date itself is undecided."""
        if self.iso or not self.readings or order not in (DMY, MDY):
            return self.iso
        return self.readings[0] if order == DMY else self.readings[1]


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The word lists in cleaner/textmeta.yaml, read once."""
    text = resources.files("cleaner").joinpath("textmeta.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(name) for name in sorted(set(names), key=len, reverse=True))


def _month_and_day(months: dict[str, int]) -> tuple[str, str]:
    """The written month (any name or abbreviation of `months`, a dot after it) and the day of the
    month (an ordinal ending or a dot after it) as named groups `mon` and `d`: every written form's."""
    return rf"(?P<mon>{_alternation(list(months))})\.?", r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º|°)?\.?"


@lru_cache(maxsize=1)
def _patterns() -> tuple[dict[str, int], list[tuple[str, re.Pattern]], re.Pattern]:
    """Month lookup and the compiled date forms, built once."""
    data = words()
    months = {name.casefold(): int(number) for number, names in data["months"].items() for name in names}
    month, day = _month_and_day(months)
    year = r"(?P<y>\d{4})"
    # a date ends at anything but a word character or a slash, or where a capitalised word or a time
    # glued to it starts ('Nov. 20, 2019Updated', 'Nov 15, 20195:45 AM': a dump joined two elements)
    edge, tail = r"(?<![\w/.-])", r"(?=$|[^\w/]|T\d|(?-i:[A-Z][a-z])|\d{1,2}:[0-5]\d)(?![.-]\d)"
    forms = [
        ("ymd", rf"{edge}{year}-(?P<m>[01]?\d)-(?P<d>[0-3]?\d){tail}"),
        ("ymd", rf"{edge}{year}[/.](?P<m>[01]?\d)[/.](?P<d>[0-3]?\d){tail}"),
        ("ymd", rf"{edge}{year}\.\s+(?P<m>[01]?\d)\.\s+(?P<d>[0-3]?\d)\.?(?![\d.])"),  # Korean '2021. 3. 5.'
        ("ymd", rf"{edge}(?P<d>[0-3]?\d)\.\s+(?P<m>[01]?\d)\.\s+{year}{tail}"),  # Czech, Slovak '5. 3. 2021'
        ("ymd", rf"{year}\s*[年년]\s*(?P<m>[01]?\d)\s*[月월]\s*(?P<d>[0-3]?\d)\s*[日일]?"),
        ("num", rf"{edge}(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep){year}{tail}"),
        # a two-digit year only with a time after it ('11/19/19 06:56 AM EST', '18.11.19 14:30'):
        # alone, such a triple is as often a version, a score or a fraction
        ("num2", rf"{edge}(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<yy>\d\d)(?!\d){_TIME}"),
        (
            "text",
            rf"(?<!\w){day}\s*(?:de\s+|of\s+)?{month},?\s*(?:de\s+|del\s+|năm\s+)?{year}"
            rf"(?:\s*(?:г\.|года|г\b|р\.|року|r\.))?{tail}",
        ),
        ("text", rf"(?<!\w){month}\s+{day},?\s+{year}{tail}"),
    ]
    compiled = [
        (kind, re.compile(pattern if kind == "num2" else rf"{pattern}(?:{_TIME})?", re.I)) for kind, pattern in forms
    ]
    return months, compiled, re.compile(rf"^{_TIME}", re.I)


def find_dates(text: str) -> list[FoundDate]:
    """Every date in the text, in order, with a time when one follows it; none overlap."""
    if _EASTERN_DIGIT.search(text):
        text = text.translate(_AS_ASCII_DIGITS)
    if not _YEAR.search(text) and not _SHORT_YEAR.search(text):  # most lines are out in one scan
        return []
    months, forms, _ = _patterns()
    named = month_word().search(text) is not None
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in forms:
        if kind == "text" and not named:
            continue
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            read = _read(kind, match, months)
            if read is not None:
                found.append(read)
                taken.append((match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


class Yearless(NamedTuple):
    """A written date without a year ('Nov 19', 'November 19, 6:55 AM', '19 Nov'): where, its month
    and day, and a time when one follows it."""

    start: int
    end: int
    month: int
    day: int
    clock: str | None

    def iso(self, year: int) -> str | None:
        """The date in that year (a valid day only), ISO 8601 with its time."""
        return _iso(year, self.month, self.day, self.clock)


def find_yearless(text: str, dated: list[FoundDate] | None = None) -> list[Yearless]:
    """Every written date in the text that gives no year, in order: a dateline writes the year out
    only for other years than the current one, so a page's own reads 'Posted Nov 18, 8:19 PM'. The
    year is the caller's to supply (the one the page's URL spells); a date with its year is not one.
    `dated`: the text's dates with a year, when the caller has found them already."""
    if month_word().search(text) is None:
        return []
    months, patterns = _yearless_patterns()
    taken = [(found.start, found.end) for found in (find_dates(text) if dated is None else dated)]
    found: list[Yearless] = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            month = months[match.group("mon").casefold()]
            found.append(Yearless(match.start(), match.end(), month, int(match.group("d")), _clock(match)))
            taken.append((match.start(), match.end()))
    return sorted(found, key=lambda item: item.start)


@lru_cache(maxsize=1)
def _yearless_patterns() -> tuple[dict[str, int], list[re.Pattern]]:
    """Month lookup and the two written forms without a year (month first, day first), built once."""
    months = _patterns()[0]
    month, day = _month_and_day(months)
    no_year = r"(?![\w/-]|\.\d|,?\s*(?:de\s+)?\d{4}(?!\d))"  # no year after it, nor a range or a number
    forms = [rf"(?<!\w){month}\s+{day}{no_year}", rf"(?<![\w/.-]){day}\s*(?:de\s+|of\s+)?{month}{no_year}"]
    return months, [re.compile(rf"{form}(?:{_TIME})?", re.I) for form in forms]


def month_names() -> str:
    """Every month name and abbreviation of textmeta.yaml as one alternation, longest first
    (case-folded: match it with re.I)."""
    return _alternation(list(_patterns()[0]))


@lru_cache(maxsize=1)
def month_word() -> re.Pattern:
    """Any month name: a written date needs one, so lines without skip the written forms."""
    return re.compile(rf"(?<!\w)(?:{month_names()})(?!\w)", re.I)


def find_time(text: str) -> str | None:
    """A time of day at the start of the text ('03:14 pm', '15:50', '14h30'), as HH:MM[:SS]."""
    match = _patterns()[2].match(text)
    return _clock(match) if match else None


def parse_date(text: str, order: str | None = None) -> str | None:
    """The first date in the text as ISO 8601, or None when there is none or it is undecided."""
    found = find_dates(text)
    return found[0].resolve(order) if found else None


def _read(kind: str, match: re.Match, months: dict[str, int]) -> FoundDate | None:
    groups = match.groupdict()
    clock = _clock(match)
    if kind == "num2":
        short = int(groups["yy"])
        return _numeric(match, short + (2000 if short < CENTURY_PIVOT else 1900), clock)
    year = int(groups["y"])
    if kind == "num":
        return _numeric(match, year, clock)
    month = months[groups["mon"].casefold()] if kind == "text" else int(groups["m"])
    iso = _iso(year, month, int(groups["d"]), clock)
    return FoundDate(match.start(), match.end(), iso) if iso else None


def _numeric(match: re.Match, year: int, clock: str | None) -> FoundDate | None:
    """A numeric date with day and month in either order: decided by a part > 12, else by a dot."""
    first, second = int(match.group("a")), int(match.group("b"))
    day_first, month_first = _iso(year, second, first, clock), _iso(year, first, second, clock)
    start, end = match.start(), match.end()
    if (match.group("sep") == "." and day_first) or first == second:
        return FoundDate(start, end, day_first) if day_first else None
    if day_first and not month_first:
        return FoundDate(start, end, day_first, order=DMY)
    if month_first and not day_first:
        return FoundDate(start, end, month_first, order=MDY)
    if day_first and month_first:
        return FoundDate(start, end, None, readings=(day_first, month_first))
    return None


def _iso(year: int, month: int, day: int, clock: str | None) -> str | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        when = date(year, month, day).isoformat()
    except ValueError:
        return None
    return f"{when}T{clock}" if clock else when


def _clock(match: re.Match) -> str | None:
    """HH:MM or HH:MM:SS from a match's time groups; None without a valid time."""
    groups = match.groupdict()
    if groups.get("H") is None:
        return None
    hour, minute = int(groups["H"]), int(groups["M"])
    ampm = (groups.get("ampm") or "").casefold() or _HALF_OF_DAY.get(groups.get("half") or "", "")
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    if hour > 23:
        return None
    seconds = groups.get("S")
    return f"{hour:02d}:{minute:02d}:{seconds}" if seconds and seconds != "00" else f"{hour:02d}:{minute:02d}"


def order_for_host(hostname: str | None) -> str | None:
    """The numeric date order a site's country domain implies, or None for generic domains."""
    if not hostname or "." not in hostname:
        return None
    tld = hostname.rsplit(".", 1)[1].casefold()
    data = words()
    if tld in data["month_first_tlds"]:
        return MDY
    if tld in data["order_neutral_tlds"] or len(tld) != 2:
        return None
    return DMY
