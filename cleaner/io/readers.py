"""Input records, streamed: files, directory trees, stdin, JSON Lines and WARC, gzipped or not."""

from __future__ import annotations

import fnmatch
import gzip
import io
import json
import os
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from ..document import RECORD_STRING_FIELDS
from ..errors import InputError, TooLargeError
from ..limits import is_gzip

DOC_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
WARC_SUFFIXES = (".warc", ".arc")
FORMATS = ("auto", "doc", "jsonl", "warc")
READ_ERRORS = (OSError, EOFError, zlib.error)
# Every field cleaner itself writes into an output record; an input field of the same name
# passes through as `input_<name>`, so it can neither replace nor be replaced by cleaner's.
OUTPUT_FIELDS = frozenset({"source", *RECORD_STRING_FIELDS, "authors", "removed"})
PASSTHROUGH_PREFIX = "input_"


@dataclass(frozen=True)
class InputRecord:
    """One document to clean, or the reason the reader could not produce one (`error`, of `error_kind`)."""

    source: str
    data: bytes | str | None
    url: str | None = None
    kind: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    name: str = ""
    fallback: Mapping[str, Any] = field(default_factory=dict)
    error: str | None = None
    error_kind: str = "read"


@dataclass(frozen=True)
class ReadOptions:
    """How inputs are found and read: globs for directories, field names for JSON Lines."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    input_format: str = "auto"
    html_field: str = "html"
    text_field: str = "text"
    url_field: str = "url"
    id_field: str = "id"
    url: str | None = None
    # A whole-file document (gzip looked through) is read up to this size, never past it: a
    # gzip bomb or a huge file becomes an error record, not a full read into memory.
    max_document_bytes: int | None = None

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(FORMATS)}")


def read_inputs(paths: list[str], options: ReadOptions) -> Iterator[InputRecord]:
    """Every input record of every path in a stable order; `-` reads standard input."""
    for path in paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "-", "stdin", options)
        elif os.path.isdir(path):
            for found, name in walk(Path(path), options):
                yield from read_file(found, name, options)
        elif os.path.exists(path):
            yield from read_file(Path(path), Path(path).name, options)
        else:
            raise InputError(f"{path}: no such file or directory")


def walk(root: Path, options: ReadOptions) -> Iterator[tuple[Path, str]]:
    """Files under `root` (recursive, sorted, streamed per folder) that the globs select."""
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for filename in sorted(files):
            path = Path(folder, filename)
            name = path.relative_to(root).as_posix()
            if selected(name, options):
                yield path, name


def selected(name: str, options: ReadOptions) -> bool:
    """Include globs (default: known suffixes) minus exclude globs, matched on the relative path."""
    base = name.rsplit("/", 1)[-1]

    def matches(pattern: str) -> bool:
        return fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(base, pattern)

    if any(matches(p) for p in options.exclude):
        return False
    if options.include:
        return any(matches(p) for p in options.include)
    return format_of(name) != "unknown"


def format_of(name: str) -> str:
    """doc, jsonl, warc or unknown, from the file name (a `.gz` suffix is looked through)."""
    lower = name.lower().removesuffix(".gz")
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    return "doc" if lower.endswith(DOC_SUFFIXES) else "unknown"


def read_file(path: Path, name: str, options: ReadOptions) -> Iterator[InputRecord]:
    """The records of one file; an unreadable file becomes one error record."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is drained
    except OSError as err:
        yield InputRecord(str(path), None, name=name, error=f"OSError: {err.strerror}")
        return
    with handle:
        yield from read_stream(handle, str(path), name, options)


def read_stream(
    raw: BinaryIO, source: str, name: str, options: ReadOptions
) -> Iterator[InputRecord]:
    """Records from one byte stream: gzip looked through, format from options, name or content."""
    try:
        stream = ungzip(raw)
        fmt = options.input_format if options.input_format != "auto" else format_of(name)
        if fmt == "unknown":
            fmt = sniff_format(stream.peek(64)[:64])
    except READ_ERRORS as err:
        yield InputRecord(source, None, name=name, error=f"{type(err).__name__}: {err}")
        return
    readers = {"jsonl": read_jsonl, "warc": read_warc}
    yield from readers.get(fmt, read_document)(stream, source, name, options)


def ungzip(raw: BinaryIO) -> io.BufferedReader:
    """A peekable stream of the content, decompressed when it starts with the gzip magic."""
    stream = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    if is_gzip(stream.peek(2)):
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"))
    return stream


def sniff_format(head: bytes) -> str:
    """warc, jsonl or doc from the first bytes of a stream with no telling name."""
    text = head.lstrip()
    if text.startswith(b"WARC/"):
        return "warc"
    return "jsonl" if text.startswith(b"{") else "doc"


def read_document(
    stream: BinaryIO, source: str, name: str, options: ReadOptions
) -> Iterator[InputRecord]:
    """A whole stream as one page or text dump."""
    limit = options.max_document_bytes
    try:
        data = stream.read() if limit is None else stream.read(limit + 1)
    except READ_ERRORS as err:
        yield InputRecord(source, None, name=name, error=f"{type(err).__name__}: {err}")
        return
    if limit is not None and len(data) > limit:
        yield InputRecord(source, None, name=name, error=f"TooLargeError: the document is over {limit} bytes",
                          error_kind=TooLargeError.kind)
        return
    yield InputRecord(source, data, url=options.url, name=strip_suffixes(name))


def read_jsonl(
    stream: BinaryIO, source: str, name: str, options: ReadOptions
) -> Iterator[InputRecord]:
    """One record per line; every field but html/text and url passes through untouched."""
    base = strip_suffixes(name)
    lineno = 0
    try:
        for lineno, line in enumerate(stream, 1):  # noqa: B007 - lineno is reported on a read error
            if line.strip():
                yield jsonl_record(line, source, lineno, base, options)
    except READ_ERRORS as err:
        yield InputRecord(
            f"{source}:{lineno + 1}",
            None,
            name=f"{base}/{lineno + 1}",
            error=f"{type(err).__name__}: {err}",
        )


def jsonl_record(line: bytes, file: str, lineno: int, base: str, options: ReadOptions) -> InputRecord:
    """One JSON Lines record as an input record, or an error record saying what is wrong with it."""
    source = f"{file}:{lineno}"
    try:
        item = json.loads(line)
    except ValueError as err:
        return InputRecord(source, None, name=f"{base}/{lineno}", error=f"bad JSON: {err}")
    if not isinstance(item, dict):
        return InputRecord(source, None, name=f"{base}/{lineno}", error="bad JSON: not an object")
    ident = item.get(options.id_field)
    name = f"{base}/{ident if isinstance(ident, str | int) and str(ident) else lineno}"
    consumed = (options.html_field, options.text_field, options.url_field)
    extra = passthrough({key: value for key, value in item.items() if key not in consumed})
    url = item.get(options.url_field)
    url = url if isinstance(url, str) else options.url
    for field_name, kind in ((options.html_field, "html"), (options.text_field, "text")):
        if isinstance(item.get(field_name), str):
            return InputRecord(source, item[field_name], url=url, kind=kind, extra=extra, name=name)
    problem = f"record has no string field {options.html_field!r} or {options.text_field!r}"
    return InputRecord(source, None, url=url, extra=extra, name=name, error=problem)


def passthrough(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Input fields as they ride along: under their own names, except one that cleaner writes
    itself (`status`, `url`, ...), which becomes `input_status` (prefixed until the name is free)."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        name = key
        while name in OUTPUT_FIELDS or (name != key and name in fields) or name in out:
            name = PASSTHROUGH_PREFIX + name
        out[name] = value
    return out


def read_warc(
    stream: BinaryIO, source: str, name: str, options: ReadOptions
) -> Iterator[InputRecord]:
    """HTML response records: target URI becomes `url`, WARC-Date the fallback `date`."""
    from warcio.archiveiterator import ArchiveIterator

    base, number = strip_suffixes(name), 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or not is_html(record):
                continue
            number += 1
            yield warc_record(record, f"{source}#{number}", f"{base}/{number}")
    except Exception as err:  # noqa: BLE001 - warcio raises many types for a damaged archive
        yield InputRecord(
            f"{source}#{number + 1}",
            None,
            name=f"{base}/{number + 1}",
            error=f"damaged WARC: {type(err).__name__}: {err}",
        )


def is_html(record) -> bool:
    """A response whose HTTP Content-Type says HTML."""
    headers = record.http_headers
    content_type = headers.get_header("Content-Type", "") if headers else ""
    return "html" in content_type.lower()


def warc_record(record, source: str, name: str) -> InputRecord:
    """One WARC response as an input record."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    when = record.rec_headers.get_header("WARC-Date")
    extra = {"warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
    data = record.content_stream().read()
    return InputRecord(
        source,
        data,
        url=url,
        kind="html",
        extra=extra,
        name=name,
        fallback={"date": when[:10]} if when else {},
    )


def strip_suffixes(name: str) -> str:
    """`a/b.html.gz` -> `a/b`: the output name of an input file."""
    lower = name.lower().removesuffix(".gz")
    stem = name[: len(lower)]
    for suffix in (*DOC_SUFFIXES, *JSONL_SUFFIXES, *WARC_SUFFIXES):
        if lower.endswith(suffix):
            return stem[: -len(suffix)] or stem
    return stem


def count_inputs(paths: list[str], options: ReadOptions) -> int | None:
    """How many records the inputs hold, for a progress bar's ETA; None when it cannot be known
    cheaply (stdin, WARC)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        found = (
            walk(Path(path), options) if os.path.isdir(path) else [(Path(path), Path(path).name)]
        )
        for file, name in found:
            fmt = options.input_format if options.input_format != "auto" else format_of(name)
            if fmt == "warc" or fmt == "unknown":
                return None
            total += count_lines(file) if fmt == "jsonl" else 1
    return total


def count_lines(path: Path) -> int:
    """Non-empty lines of a (possibly gzipped) JSON Lines file, read in chunks."""
    try:
        with open(path, "rb") as raw:
            return sum(1 for line in ungzip(raw) if line.strip())
    except READ_ERRORS:
        return 0
