"""The central type: one cleaned document, its metadata and the provenance of every removal."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from itertools import groupby
from typing import Any

# The record's columns are declared in cleaner/schema.py; the string ones stay importable from here.
from .schema import RECORD_STRING_FIELDS  # noqa: F401

BLOCK_KINDS = ("heading", "paragraph", "list", "quote", "table", "code")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One block of body text and what it is (heading, paragraph, list, quote, table).

    The other fields record the markup's structure for the output formats; the rules read only
    `text` and `kind` (a code block is a "paragraph" to them).
    """

    text: str
    kind: str = "paragraph"
    level: int | None = None  # a heading's level, 1-6, where the markup gives it
    group: int | None = None  # list items (table rows) with the same group are one list (table)
    cells: tuple[str, ...] = ()  # a table row's non-empty cells, which `text` joins with " | "
    code: bool = False  # preformatted code in the markup


@dataclass(frozen=True)
class Block:
    """One unit of a document's structure; its paragraphs, in order, are a stretch of `Document.text`.

    A heading, paragraph, quote or code block is one paragraph (`text`); a list is one per item
    (`items`); a table one per row (`rows`, each row's cells joined by " | ").
    """

    kind: str
    text: str = ""
    level: int | None = None
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()

    def paragraphs(self) -> tuple[str, ...]:
        """The block's paragraphs of `Document.text`."""
        if self.kind == "list":
            return self.items
        if self.kind == "table":
            return tuple(" | ".join(row) for row in self.rows)
        return (self.text,)

    def to_dict(self) -> dict[str, Any]:
        """The block as JSON: its kind and only the fields it uses."""
        data: dict[str, Any] = {"kind": self.kind}
        if self.kind == "list":
            data["items"] = list(self.items)
        elif self.kind == "table":
            data["rows"] = [list(row) for row in self.rows]
        else:
            data["text"] = self.text
        if self.level is not None:
            data["level"] = self.level
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Rebuild a block from `to_dict` output."""
        rows = tuple(tuple(row) for row in data.get("rows", ()))
        return cls(data["kind"], data.get("text", ""), data.get("level"), tuple(data.get("items", ())), rows)


def blocks_of(paragraphs: list[Paragraph]) -> list[Block]:
    """Paragraphs grouped into blocks: a run of one list's items is one list, of one table's rows one table."""
    runs = groupby(enumerate(paragraphs), key=_run_key)
    return [_block([para for _, para in run]) for _, run in runs]


def _run_key(numbered: tuple[int, Paragraph]) -> object:
    """Items of one list (rows of one table) share a key; any other paragraph is a block of its own."""
    index, para = numbered
    return (para.kind, para.group) if para.kind in ("list", "table") else index


def _block(run: list[Paragraph]) -> Block:
    para = run[0]
    if para.kind == "list":
        return Block("list", items=tuple(item.text for item in run))
    if para.kind == "table":
        return Block("table", rows=tuple(_cells(row) for row in run))
    if para.kind == "heading":
        return Block("heading", para.text, para.level)
    if para.kind == "paragraph" and para.code:
        return Block("code", para.text)
    return Block(para.kind if para.kind in BLOCK_KINDS else "paragraph", para.text)


def _cells(para: Paragraph) -> tuple[str, ...]:
    """A row's cells while they still make up its text; one cell holding the text once a rule changed it."""
    return para.cells if para.cells and " | ".join(para.cells) == para.text else (para.text,)


@dataclass(slots=True)
class Removal:
    """A piece taken out of a document: which rule, what kind of rule, the exact text, and a
    learned step's score (None for rules, and then left out of the serialised record).

    Not frozen, like Document: a frozen dataclass sets each field through object.__setattr__,
    four times the cost of making one, and a whole page's dump makes a hundred of them."""

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
    # The body's structure, in order; its paragraphs joined by blank lines are `text`. A view of
    # `text`, so left out of `to_dict` unless asked for (the JSON record stays the same) and out of
    # equality (a document read back from its record equals the one written).
    blocks: list[Block] = field(default_factory=list, repr=False, compare=False)

    def to_dict(self, include_removed: bool = True, include_blocks: bool = False) -> dict[str, Any]:
        """One flat JSON-ready object; `extra` fields ride along at the top level."""
        data = asdict(replace(self, blocks=[]))  # blocks have their own, shorter JSON form
        extra = data.pop("extra")
        data.pop("blocks")
        if include_blocks:
            data["blocks"] = [block.to_dict() for block in self.structure()]
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
        fields["blocks"] = [Block.from_dict(item) for item in fields.get("blocks") or []]
        extra = {key: value for key, value in data.items() if key not in known}
        return cls(**fields, extra=extra)

    def structure(self) -> list[Block]:
        """The body's blocks; plain paragraphs of `text` when none are known or they no longer match it."""
        if self.blocks and "\n\n".join(p for block in self.blocks for p in block.paragraphs()) == self.text:
            return self.blocks
        return [Block("paragraph", para) for para in self.text.split("\n\n") if para]

    def to_text(self) -> str:
        """The clean body text, as `text` holds it."""
        return self.text

    def to_markdown(self, front_matter: bool = False) -> str:
        """The body as Markdown (headings, lists, quotes, tables, code); metadata as YAML front matter if asked."""
        from .formats import to_markdown

        return to_markdown(self, front_matter)

    def to_xml(self) -> str:
        """The document as XML close to trafilatura's: `<doc>` with metadata attributes, the body in `<main>`."""
        from .formats import to_xml

        return to_xml(self)


def _without_empty_score(removal: dict[str, Any]) -> dict[str, Any]:
    """A rule's removal keeps its three fields; only a scored one carries `score`."""
    if removal.get("score") is None:
        removal.pop("score", None)
    return removal
