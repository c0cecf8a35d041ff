"""Input records, streamed: files, directory trees, stdin, JSON Lines and WARC (see warc.py), gzipped or not."""

from __future__ import annotations

import fnmatch
import io
import json
import logging
import math
import os
import stat
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError, TooLargeError
from ..filters import StatusFilter
from ..limits import is_gzip
from ..schema import OPT_IN_FIELDS, RECORD_FIELDS
from .gzipstream import CHUNK_BYTES, gzip_reader, open_gzip

DOC_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".md", ".markdown")
MARKDOWN_SUFFIXES = (".md", ".markdown")  # files read as Markdown dumps; any other kind is sniffed
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
WARC_SUFFIXES = (".warc", ".arc")
FORMATS = ("auto", "doc", "jsonl", "warc")
READ_ERRORS = (OSError, EOFError, zlib.error)
SNIFF_BYTES = 64
LOG = logging.getLogger(__name__)
# JSON Lines records nest no deeper than this: a deeper value (100k nested arrays) would exhaust
# the interpreter's stack in the parser, the workers' pipes or the writers.
MAX_JSON_DEPTH = 100
# Every field cleaner itself writes into an output record; an input field of the same name
# passes through as `input_<name>`, so it can neither replace nor be replaced by cleaner's.
OUTPUT_FIELDS = frozenset((*RECORD_FIELDS, *OPT_IN_FIELDS))
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
    # A WARC response's HTTP status, and the charset its Content-Type header declares.
    http_status: int | None = None
    charset: str | None = None
    # Why the reader chose not to clean this record (a filter, such as http-status), if it did.
    filtered: str | None = None


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
    # Follow symbolic links that lead out of a directory input (by default they become errors).
    follow_links: bool = False
    # A whole-file document (gzip looked through) is read up to this size, never past it: a
    # gzip bomb or a huge file becomes an error record, not a full read into memory.
    max_document_bytes: int | None = None
    # The HTTP statuses of WARC responses that are cleaned; the others are read no further and
    # come out as "filtered" records (reason http-status). None cleans every status.
    statuses: StatusFilter | None = None

    def __post_init__(self) -> None:
        if self.input_format not in FORMATS:
            raise ValueError(f"input_format must be one of {', '.join(FORMATS)}")


def read_inputs(paths: list[str], options: ReadOptions) -> Iterator[InputRecord]:
    """Every input record of every path in a stable order; `-` reads standard input. With several
    paths, each directory's names start with its root's label (see `root_labels`)."""
    labels = root_labels(paths)
    for path in paths:
        if path == "-":
            yield from read_stream(sys.stdin.buffer, "-", "stdin", options)
        elif os.path.isdir(path):
            prefix = f"{labels[path]}/" if path in labels else ""
            for found in walk(Path(path), options):
                if isinstance(found, InputRecord):
                    yield replace(found, name=prefix + found.name)
                else:
                    yield from read_file(found[0], prefix + found[1], options)
        elif os.path.exists(path):
            yield from read_file(Path(path), labels.get(path, Path(path).name), options)
        else:
            raise InputError(f"{path}: no such file or directory")


def root_labels(paths: list[str]) -> dict[str, str]:
    """With several input paths, the name each one's records go under in a directory output: the
    basename of a directory (its tree goes under it) or a file, made unique in order of the paths
    (`a`, `a-2`, ...) so that two roots never share one. A single path keeps its bare names."""
    if len([path for path in paths if path != "-"]) < 2:
        return {}
    labels: dict[str, str] = {}
    for path in paths:
        if path == "-" or path in labels:
            continue
        base = Path(path).resolve().name or "root"
        stem, dot, suffix = base.partition(".") if not os.path.isdir(path) else (base, "", "")
        label, number = base, 1
        while label in labels.values():
            number += 1
            label = f"{stem}-{number}{dot}{suffix}"
        labels[path] = label
    return labels


def walk(root: Path, options: ReadOptions) -> Iterator[tuple[Path, str] | InputRecord]:
    """Files under `root` (recursive, sorted, streamed per folder) that the globs select, or an
    error record for what cannot or must not be read: an unreadable folder, a special file (a
    FIFO would block for ever), a link out of the tree unless `follow_links`."""
    errors: list[OSError] = []
    real_root, seen = root.resolve(), set[str]()
    for folder, dirs, files in os.walk(root, onerror=errors.append, followlinks=options.follow_links):
        yield from (unreadable_folder(err, root) for err in errors)
        errors.clear()
        if options.follow_links and not first_visit(folder, seen):
            dirs.clear()  # a link loop
            continue
        dirs.sort()
        for entry in [*dirs, *sorted(files)]:
            path = Path(folder, entry)
            name = path.relative_to(root).as_posix()
            is_dir = entry in dirs
            if not is_dir and not selected(name, options):
                continue
            problem = refusal(path, real_root, options, is_dir)
            if problem:
                yield InputRecord(str(path), None, name=name, error=problem)
            elif not is_dir:
                yield path, name
    yield from (unreadable_folder(err, root) for err in errors)


def first_visit(folder: str, seen: set[str]) -> bool:
    real = os.path.realpath(folder)
    if real in seen:
        return False
    seen.add(real)
    return True


def unreadable_folder(err: OSError, root: Path) -> InputRecord:
    """The error record of a folder the walk could not list."""
    path = Path(err.filename or root)
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    return InputRecord(str(path), None, name=name, error=f"unreadable folder: {err.strerror or err}")


def refusal(path: Path, real_root: Path, options: ReadOptions, is_dir: bool) -> str | None:
    """Why a walked entry is not read: a link leading out of the tree (unless links are followed),
    or a file that is not a regular file; None when it is read (a folder: walked)."""
    try:
        leaves = path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(real_root)
        if leaves and not options.follow_links:
            return "a symbolic link out of the input tree, not followed (--follow-links follows it)"
        if is_dir:
            return None
        mode = os.stat(path).st_mode
    except OSError as err:
        return f"OSError: {err.strerror or err}"
    if not stat.S_ISREG(mode):
        return f"not a regular file ({special_kind(mode)}); special files are not read"
    return None


def special_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a device"),
        (stat.S_ISBLK, "a device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "unknown type"


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


def read_stream(raw: BinaryIO, source: str, name: str, options: ReadOptions) -> Iterator[InputRecord]:
    """Records from one byte stream: gzip looked through, format from options, name or content."""
    try:
        stream: io.BufferedReader[Any] = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
        fmt = options.input_format if options.input_format != "auto" else format_of(name)
        if fmt == "unknown":
            fmt = sniff_format(content_head(stream))
        if fmt != "warc":  # warcio reads a .warc.gz member by member, which keeps its offsets
            stream = ungzip(stream)
    except READ_ERRORS as err:
        yield InputRecord(source, None, name=name, error=f"{type(err).__name__}: {err}")
        return
    LOG.info("%s: reading as %s", source, fmt)
    if fmt == "warc":
        from .warc import read_warc  # warc imports this module's records and helpers

        yield from read_warc(stream, source, name, options)
    else:
        yield from (read_jsonl if fmt == "jsonl" else read_document)(stream, source, name, options)


def ungzip(raw: BinaryIO) -> io.BufferedReader:
    """A peekable stream of the content, decompressed when it starts with the gzip magic."""
    stream: io.BufferedReader[Any] = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    return open_gzip(stream) if is_gzip(stream.peek(2)) else stream


def content_head(stream: io.BufferedReader) -> bytes:
    """The first bytes of the content, inflated from a peek when the stream is gzip."""
    head = stream.peek(SNIFF_BYTES)
    if not is_gzip(head):
        return head[:SNIFF_BYTES]
    try:
        return zlib.decompressobj(wbits=31).decompress(head, SNIFF_BYTES)
    except zlib.error:
        return b""


def sniff_format(head: bytes) -> str:
    """warc, jsonl or doc from the first bytes of a stream with no telling name."""
    text = head.lstrip()
    if text.startswith(b"WARC/"):
        return "warc"
    return "jsonl" if text.startswith(b"{") else "doc"


def read_document(stream: BinaryIO, source: str, name: str, options: ReadOptions) -> Iterator[InputRecord]:
    """A whole stream as one page or text dump; bytes after a complete gzip stream are ignored."""
    limit = options.max_document_bytes
    try:
        data = stream.read() if limit is None else stream.read(limit + 1)
    except READ_ERRORS as err:
        yield InputRecord(source, None, name=name, error=f"{type(err).__name__}: {err}")
        return
    if limit is not None and len(data) > limit:
        yield too_large(source, name, limit)
        return
    gz = gzip_reader(stream)
    if gz is not None and gz.lost_content:
        yield InputRecord(source, None, name=name, error=gz.damage)
        return
    if gz is not None and gz.damage:
        LOG.warning("%s: %s; the complete gzip data before it is cleaned", source, gz.damage)
    yield InputRecord(source, data, url=options.url, kind=suffix_kind(name), name=strip_suffixes(name))


def too_large(source: str, name: str, limit: int) -> InputRecord:
    """The error record of a document or line over the input limit, which was not read whole."""
    return InputRecord(
        source,
        None,
        name=name,
        error_kind=TooLargeError.kind,
        error=f"TooLargeError: the document is over {limit} bytes; it was not read further",
    )


def read_jsonl(stream: BinaryIO, source: str, name: str, options: ReadOptions) -> Iterator[InputRecord]:
    """One record per line; every field but html/text and url passes through. A line over the input
    limit is skipped unread (a too-large error record); a damaged gzip stream ends in one error
    record where the readable lines end (a line it cut short is part of that record)."""
    base, lineno, limit = strip_suffixes(name), 0, options.max_document_bytes
    try:
        for lineno, line in enumerate(lines(stream, limit), 1):  # noqa: B007 - used after the loop
            if line is None:
                yield too_large(f"{source}:{lineno}", f"{base}/{lineno}", limit or 0)
            elif not line.endswith(b"\n") and damaged(stream):
                lineno -= 1  # the cut line is reported with the damage
            elif line.strip():
                yield jsonl_record(line, source, lineno, base, options)
        problem = damaged(stream)
    except READ_ERRORS as err:
        problem = f"{type(err).__name__}: {err}"
    if problem:
        yield InputRecord(f"{source}:{lineno + 1}", None, name=f"{base}/{lineno + 1}", error=problem)


def lines(stream: BinaryIO, limit: int | None) -> Iterator[bytes | None]:
    """The lines of a stream, each read at most `limit` bytes far: a longer one is skipped in
    chunks and comes out as None."""
    if limit is None:
        yield from stream
        return
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while not line.endswith(b"\n") and (line := stream.readline(CHUNK_BYTES)):
            pass
        yield None


def damaged(stream: BinaryIO) -> str | None:
    """What cut a gzip stream short, once read to its end (None for a sound or plain stream)."""
    gz = gzip_reader(stream)
    return gz.damage if gz is not None and gz.done else None


def jsonl_record(line: bytes, file: str, lineno: int, base: str, options: ReadOptions) -> InputRecord:
    """One JSON Lines record as an input record, or an error record saying what is wrong with it."""
    source = f"{file}:{lineno}"
    too_deep = f"nested deeper than {MAX_JSON_DEPTH} levels"
    try:
        item = json.loads(line, parse_constant=_not_a_number, parse_float=_finite_float)
        problem = None if isinstance(item, dict) else "not an object"
        problem = problem or (too_deep if nesting(item) > MAX_JSON_DEPTH else None)
    except ValueError as err:
        problem = str(err)
    except RecursionError:
        problem = too_deep
    if problem:
        return InputRecord(source, None, name=f"{base}/{lineno}", error=f"bad JSON: {problem}")
    ident = item.get(options.id_field)
    name = f"{base}/{ident if isinstance(ident, str | int) and str(ident) else lineno}"
    consumed = (options.html_field, options.text_field, options.url_field)
    extra = passthrough({key: value for key, value in item.items() if key not in consumed})
    url = item.get(options.url_field)
    url = url if isinstance(url, str) else options.url
    found = page_of(item, options.html_field, options.text_field)
    if found is not None:
        return InputRecord(source, found[0], url=url, kind=found[1], extra=extra, name=name)
    return InputRecord(
        source, None, url=url, extra=extra, name=name, error=no_page(options.html_field, options.text_field)
    )


def page_of(record: Mapping[str, Any], html_field: str, text_field: str) -> tuple[bytes | str, str] | None:
    """The page an input record (a JSON object, a DataFrame row, a Scrapy item) carries, with its
    kind: its html field, else its text field, whichever first holds non-empty text or bytes."""
    for name, kind in ((html_field, "html"), (text_field, "text")):
        value = record.get(name)
        if isinstance(value, str | bytes | bytearray) and value:
            return (bytes(value) if isinstance(value, bytearray) else value), kind
    return None


def no_page(html_field: str, text_field: str) -> str:
    """The one-line error of a record that carries no page."""
    return f"the record has no {html_field!r} or {text_field!r} field with a page in it"


def _not_a_number(_: str) -> None:
    """NaN and Infinity are not JSON: read as null, so every output stays strict JSON."""
    return None


def _finite_float(text: str) -> float | None:
    """A number too large for a float (1e999) would come out as Infinity: read as null too."""
    value = float(text)
    return value if math.isfinite(value) else None


def nesting(value: Any) -> int:
    """How deep lists and objects nest in a parsed JSON value, counted without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list) and depth <= MAX_JSON_DEPTH:
            deepest = max(deepest, depth)
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
        elif isinstance(node, dict | list):
            return depth
    return deepest


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


def suffix_kind(name: str) -> str | None:
    """'markdown' for a Markdown file (`.md`, `.markdown`, a `.gz` looked through), else None: sniffed."""
    return "markdown" if name.lower().removesuffix(".gz").endswith(MARKDOWN_SUFFIXES) else None


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
        if path == "-" or not (os.path.isdir(path) or os.path.isfile(path)):
            return None  # a pipe given by name is read once, by the reader
        found = walk(Path(path), options) if os.path.isdir(path) else [(Path(path), Path(path).name)]
        for entry in found:
            if isinstance(entry, InputRecord):
                total += 1
                continue
            file, name = entry
            fmt = options.input_format if options.input_format != "auto" else format_of(name)
            if fmt == "warc" or fmt == "unknown":
                return None
            total += count_lines(file) if fmt == "jsonl" else 1
    return total


def count_lines(path: Path) -> int:
    """Lines of a (possibly gzipped) JSON Lines file, for an ETA: newlines counted chunk by chunk,
    so one huge line is never held whole."""
    count, last = 0, b"\n"
    try:
        with open(path, "rb") as raw:
            stream = ungzip(raw)
            while chunk := stream.read(CHUNK_BYTES):
                count, last = count + chunk.count(b"\n"), chunk[-1:]
    except READ_ERRORS:
        return count
    return count + (last != b"\n")
