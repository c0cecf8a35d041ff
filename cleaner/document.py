"""The central type: one cleaned document, its metadata and the provenance of every removal."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# The record's columns are declared in cleaner/schema.py; the string ones stay importable from here.
from .schema import RECORD_STRING_FIELDS  # noqa: F401


@dataclass(frozen=True)
class Paragraph:
    """One block of body text and what it is (heading, paragraph, list, quote, table)."""

    text: str
    kind: str = "paragraph"


@dataclass(frozen=True)
class Removal:
    """A piece taken out of a document: which rule, what kind of rule, the exact text, and a
    learned step's score (None for rules, and then left out of the serialised record)."""

    rule: str
    kind: str
    text: str
    score: float | None = None


@dataclass
class Document:
    """Clean body text plus metadata; every downstream view (JSON, CLI, Spark) reads this."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None
    modified: str | None = None  # last update, when the page gives one; in JSON only then
    url: str | None = None
    hostname: str | None = None
    sitename: str | None = None
    language: str | None = None
    source_kind: str | None = None
    removed: list[Removal] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, include_removed: bool = True) -> dict[str, Any]:
        """One flat JSON-ready object; `extra` fields ride along at the top level."""
        data = asdict(self)
        extra = data.pop("extra")
        if include_removed:
            data["removed"] = [_without_empty_score(item) for item in data["removed"]]
        else:
            data.pop("removed")
        if data["modified"] is None:
            data.pop("modified")
        return {**extra, **data}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        """Rebuild a document from `to_dict` output (golden files, JSON Lines)."""
        known = {name for name in cls.__dataclass_fields__ if name != "extra"}
        fields = {key: value for key, value in data.items() if key in known}
        fields["removed"] = [Removal(**item) for item in fields.get("removed", [])]
        extra = {key: value for key, value in data.items() if key not in known}
        return cls(**fields, extra=extra)


def _without_empty_score(removal: dict[str, Any]) -> dict[str, Any]:
    """A rule's removal keeps its three fields; only a scored one carries `score`."""
    if removal.get("score") is None:
        removal.pop("score", None)
    return removal
