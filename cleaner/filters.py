"""Dataset-building filters: which WARC responses are cleaned (by HTTP status), and which cleaned
documents are kept (by length and language). A filtered document is a counted decision, not an
error: its record has status "filtered" and a `filter_reason`, and the CLI leaves it out of the
output unless asked to keep it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .schema import ordered

TOO_SHORT, LANGUAGE, HTTP_STATUS = "too-short", "language", "http-status"


@dataclass(frozen=True)
class StatusFilter:
    """The HTTP statuses of WARC responses that are cleaned: single codes (404) and whole classes
    (3xx, kept as 3). A response without a readable status line is always cleaned."""

    codes: tuple[int, ...] = (200,)
    classes: tuple[int, ...] = ()

    def keeps(self, status: int | None) -> bool:
        return status is None or status in self.codes or status // 100 in self.classes

    @classmethod
    def parse(cls, spec: str) -> StatusFilter | None:
        """`200,404`, `2xx,304` or `all` (None: every status); raises ValueError saying what is wrong."""
        items = [item.strip().lower() for item in spec.split(",") if item.strip()]
        if not items:
            raise ValueError("give HTTP statuses such as 200,404, classes such as 2xx, or all")
        if "all" in items:
            return None
        codes, classes = [], []
        for item in items:
            if len(item) == 3 and item[0] in "12345" and item[1:] == "xx":
                classes.append(int(item[0]))
            elif item.isdigit() and 100 <= int(item) <= 599:
                codes.append(int(item))
            else:
                raise ValueError(f"{item!r} is not an HTTP status (100-599), a class such as 3xx, or all")
        return cls(tuple(sorted(set(codes))), tuple(sorted(set(classes))))


@dataclass(frozen=True)
class Filters:
    """Which cleaned documents a dataset keeps: at least `min_length` characters of clean text, and
    (when `languages` is given) a detected language among them, as trafilatura's target_language."""

    min_length: int = 0
    languages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.min_length < 0:
            raise ValueError(f"min_length must be 0 or more, not {self.min_length}")

    def reason(self, record: dict[str, Any]) -> str | None:
        """Why a cleaned record is filtered out, or None when it is kept."""
        if len(record.get("text") or "") < self.min_length:
            return TOO_SHORT
        if self.languages and record.get("language") not in self.languages:
            return LANGUAGE  # an undetected language is not the one asked for either
        return None

    def apply(self, record: dict[str, Any]) -> dict[str, Any]:
        """An ok record, or the same record with status "filtered" and its reason."""
        reason = self.reason(record) if record.get("status") == "ok" else None
        return record if reason is None else ordered({**record, "status": "filtered", "filter_reason": reason})


def parse_languages(spec: str) -> tuple[str, ...]:
    """`en,de` -> ('en', 'de'); a region is dropped (`en-GB` -> 'en'), as detection gives the language only."""
    codes = tuple(sorted({item.strip().lower().split("-")[0].split("_")[0] for item in spec.split(",")} - {""}))
    bad = [code for code in codes if not (2 <= len(code) <= 3 and code.isalpha())]
    if not codes or bad:
        raise ValueError(f"{spec!r}: give ISO 639-1 language codes such as en or en,de")
    return codes
