"""The output record's columns, declared once: JSON Lines field order, Parquet columns and Spark
columns are all read from `RECORD_SCHEMA`, so the three cannot drift apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Column types: a string, a whole number, a list of strings, a list of removals.
STRING, INT, STRINGS, REMOVALS = "string", "int", "strings", "removals"


@dataclass(frozen=True)
class Column:
    """One field of an output record: its name, type, whether it may be null, and what it means."""

    name: str
    type: str
    nullable: bool
    description: str


RECORD_SCHEMA: tuple[Column, ...] = (
    Column("source", STRING, False, "where the input came from: a path, path:line or path#record"),
    Column("status", STRING, False, '"ok", "error", or "filtered" (written only with --keep-filtered)'),
    Column("error_kind", STRING, True, "why a record failed: input, too-large, timeout, read, ..."),
    Column("error", STRING, True, "the error in one line"),
    Column("filter_reason", STRING, True, "why a record was filtered: too-short, language or http-status"),
    Column("http_status", INT, True, "the HTTP status of a WARC response"),
    Column("text", STRING, True, "clean body text; paragraphs separated by one blank line"),
    Column("title", STRING, True, "headline"),
    Column("author", STRING, True, "author names joined by '; '"),
    Column("authors", STRINGS, True, "the same names as a list"),
    Column("date", STRING, True, "publication date, ISO 8601"),
    Column("modified", STRING, True, "last update, ISO 8601, when the page gives one"),
    Column("url", STRING, True, "the page's address"),
    Column("hostname", STRING, True, "host of url without www."),
    Column("sitename", STRING, True, "the site's name"),
    Column("language", STRING, True, "ISO 639-1 code from langdetect"),
    Column("source_kind", STRING, True, '"html", "text" or "markdown": how the input was read'),
    Column("removed", REMOVALS, True, "every removal in order: rule id, kind, text, and a learned step's score"),
)
# The fields of one removal in `removed`, with their types.
REMOVAL_FIELDS: tuple[tuple[str, str], ...] = (("rule", STRING), ("kind", STRING), ("text", STRING), ("score", "float"))
RECORD_FIELDS: tuple[str, ...] = tuple(column.name for column in RECORD_SCHEMA)
# Written only when asked for by name (--fields): the body's blocks, which repeat `text` as
# structure (headings, lists, tables) and would double every record. JSON Lines only.
OPT_IN_FIELDS: tuple[str, ...] = ("blocks",)
# What every written record keeps, whatever --fields chooses.
ALWAYS_FIELDS: tuple[str, ...] = ("source", "status", "error_kind", "error", "filter_reason")
# The string columns of a record (status and error come from the runner).
RECORD_STRING_FIELDS: tuple[str, ...] = tuple(c.name for c in RECORD_SCHEMA if c.type == STRING and c.name != "source")
_POSITION = {name: index for index, name in enumerate(RECORD_FIELDS)}


def ordered(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record's schema fields in schema order, then its pass-through fields as they came."""
    known = sorted((key for key in record if key in _POSITION), key=_POSITION.__getitem__)
    return {**{key: record[key] for key in known}, **{k: v for k, v in record.items() if k not in _POSITION}}


def chosen_columns(fields: tuple[str, ...] = (), include_removed: bool = True) -> tuple[Column, ...]:
    """The schema columns a writer keeps: all, or those named in `fields` plus the ones always kept."""
    return tuple(
        column
        for column in RECORD_SCHEMA
        if (not fields or column.name in fields or column.name in ALWAYS_FIELDS)
        and (include_removed or column.name != "removed")
    )


def arrow_schema(pa: Any, columns: tuple[Column, ...] = RECORD_SCHEMA, extra: bool = True) -> Any:
    """The Parquet (pyarrow) schema of these columns; pass-through fields go in `extra` as JSON."""
    types = {STRING: pa.string(), INT: pa.int32(), "float": pa.float64(), STRINGS: pa.list_(pa.string())}
    types[REMOVALS] = pa.list_(pa.struct([(name, types[kind]) for name, kind in REMOVAL_FIELDS]))
    fields = [pa.field(c.name, types[c.type], nullable=c.nullable) for c in columns]
    return pa.schema([*fields, pa.field("extra", pa.string())] if extra else fields)


def spark_fields(T: Any, columns: tuple[Column, ...] = RECORD_SCHEMA) -> list[Any]:  # noqa: N803 - pyspark's usual name
    """The Spark StructFields of these columns (`T` is pyspark.sql.types)."""
    types = {
        STRING: T.StringType(),
        INT: T.IntegerType(),
        "float": T.DoubleType(),
        STRINGS: T.ArrayType(T.StringType()),
    }
    types[REMOVALS] = T.ArrayType(T.StructType([T.StructField(name, types[kind]) for name, kind in REMOVAL_FIELDS]))
    return [T.StructField(c.name, types[c.type], c.nullable) for c in columns]
