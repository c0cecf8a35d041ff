"""WARC input: HTML responses as input records, each damaged stretch as one error record.

Each response carries its HTTP status and the charset of its Content-Type header (the page is
decoded with it, as a browser would). Responses whose status the options do not keep are read no
further and come out as "filtered" records, so they are counted, not lost.

warcio reads the records; this module decides what to do when it cannot: a record shorter than
its Content-Length, bytes at the end that are not a whole record, or a header that does not parse
(a wrong Content-Length before it) each give one error record with the byte offset, and reading
goes on from the next record start found after it, on a stream that can seek.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace
from typing import BinaryIO

from ..filters import HTTP_STATUS
from ..limits import is_gzip
from .gzipstream import CHUNK_BYTES, gzip_reader, open_gzip
from .readers import InputRecord, ReadOptions, strip_suffixes, too_large

# warcio's answer to a .warc.gz compressed as one gzip stream (told apart by identity)
WHOLE_GZIP = (0, "a gzip member holds many records")
TRAILING = "the end of the file"
CUT_SHORT = "the record ends before its Content-Length"
LOG = logging.getLogger(__name__)
_CHARSET = re.compile(r"""charset\s*=\s*["']?([^"';,\s]+)""", re.I)


@dataclass
class WarcState:
    """Where a WARC read is: HTML responses numbered so far, start of the last record read, and
    the last place reading restarted after damage (restarts only move forward)."""

    number: int = 0
    last_start: int = -1
    restart: int = -1
    skip: int = 0  # records already read before a restart from the beginning
    cut: bool = False  # the last record read ended before its Content-Length


def read_warc(stream: io.BufferedReader, source: str, name: str, options: ReadOptions) -> Iterator[InputRecord]:
    """HTML response records: target URI becomes `url`, WARC-Date the fallback `date`. Each
    damaged stretch gives one error record with its byte offset, and reading goes on from the
    next record header after it (when the file can seek)."""
    base, state = strip_suffixes(name), WarcState()
    if stream_size(stream) is None and is_gzip(stream.peek(2)):
        stream = open_gzip(stream)  # a pipe cannot seek back: read the content, member by member
    while True:
        damage = yield from warc_run(stream, source, base, options, state)
        if damage is WHOLE_GZIP and stream_size(stream) is not None:
            stream.seek(0)  # one gzip stream around the whole file: read its content instead
            stream, state = open_gzip(stream), WarcState(skip=state.number)
            continue
        if damage is None:
            return
        state.number += 1
        offset, problem = damage
        yield InputRecord(
            f"{source}#{state.number}",
            None,
            name=f"{base}/{state.number}",
            error=f"damaged WARC at byte {offset}: {problem}",
        )
        if problem.startswith(TRAILING) or not resync(stream, state):
            return


def warc_run(
    stream: BinaryIO, source: str, base: str, options: ReadOptions, state: WarcState
) -> Generator[InputRecord, None, tuple[int, str] | None]:
    """Records from the stream's position until its end (returns None) or until damage (returns
    its offset and what is wrong)."""
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(stream)
    try:
        for record in iterator:
            state.last_start = iterator.offset
            if record.rec_type == "response" and is_html(record):
                state.number += 1
                kept = options.statuses is None or options.statuses.keeps(status_of(record))
                if state.number > state.skip:
                    name = f"{base}/{state.number}"
                    item = warc_record(record, f"{source}#{state.number}", name, options, iterator.offset, kept)
                    state.cut = item.error is not None and item.error_kind == "read"
                    yield item
                if not kept and drain(record):
                    return iterator.offset, CUT_SHORT
            elif drain(record):
                return iterator.offset, CUT_SHORT
    except Exception as err:  # noqa: BLE001 - warcio raises many types for a damaged archive
        if "non-chunked gzip" in str(err) and state.restart < 0:
            return WHOLE_GZIP
        return iterator.offset, " ".join(f"{type(err).__name__}: {err}".split())
    end = stream_size(stream)
    gz = gzip_reader(stream)
    if gz is not None and gz.damage and not state.cut:  # a record cut short already said so
        return gz.offset, gz.damage
    if end is not None and iterator.offset < end:
        return iterator.offset, f"{TRAILING}: {end - iterator.offset} bytes are not a whole record"
    return None


def drain(record) -> bool:
    """Read a record's block to its end in chunks; True when it ends early (a truncated file)."""
    while record.raw_stream.read(CHUNK_BYTES):
        pass
    return record.raw_stream.limit > 0


def stream_size(stream: BinaryIO) -> int | None:
    """The size of a stream that can seek (a file, bytes in memory); None for a pipe."""
    try:
        if not stream.seekable():
            return None
        here = stream.tell()
        end = stream.seek(0, io.SEEK_END)
        stream.seek(here)
        return end
    except (OSError, ValueError):
        return None


def resync(stream: io.BufferedReader, state: WarcState) -> bool:
    """Move the stream to the next record start after damage: the next gzip member of a .warc.gz,
    else the next `WARC/` line. The search starts just past the last record read, since a wrong
    Content-Length there may have swallowed the next record's header."""
    if stream_size(stream) is None:
        return False
    stream.seek(0)
    marker = b"\x1f\x8b\x08" if is_gzip(stream.peek(2)) else b"\nWARC/"
    start = max(state.last_start, state.restart) + 1
    found = find_marker(stream, marker, start)
    if found is None:
        return False
    state.restart = found + (marker == b"\nWARC/")
    state.last_start = state.restart
    stream.seek(state.restart)
    return True


def find_marker(stream: BinaryIO, marker: bytes, start: int) -> int | None:
    """The offset of the first `marker` at or after `start`, read in chunks."""
    stream.seek(start)
    position, tail = start, b""
    while chunk := stream.read(CHUNK_BYTES):
        window = tail + chunk
        found = window.find(marker)
        if found >= 0:
            return position - len(tail) + found
        tail = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def is_html(record) -> bool:
    """A response whose HTTP Content-Type says HTML."""
    headers = record.http_headers
    content_type = headers.get_header("Content-Type", "") if headers else ""
    return "html" in content_type.lower()


def status_of(record) -> int | None:
    """The HTTP status code of a response, None when its status line has none."""
    code = record.http_headers.get_statuscode() if record.http_headers else None
    return int(code) if code and code.isdigit() else None


def charset_of(record) -> str | None:
    """The charset its HTTP Content-Type header declares, if any."""
    found = _CHARSET.search(record.http_headers.get_header("Content-Type", "") or "")
    return found.group(1) if found else None


def warc_record(record, source: str, name: str, options: ReadOptions, offset: int, kept: bool = True) -> InputRecord:
    """One WARC response (starting at byte `offset`) as an input record, its body read at most to
    the input limit; a response whose status is not `kept` is not read, only recorded."""
    url = record.rec_headers.get_header("WARC-Target-URI")
    extra = {"warc_record_id": record.rec_headers.get_header("WARC-Record-ID")}
    found = InputRecord(source, None, url=url, extra=extra, name=name, http_status=status_of(record))
    if not kept:
        LOG.debug("%s: HTTP status %s is not cleaned (--include-status)", source, found.http_status)
        return replace(found, filtered=HTTP_STATUS)
    limit = options.max_document_bytes
    data = record.content_stream().read(None if limit is None else limit + 1)
    if limit is not None and len(data) > limit:
        return replace(too_large(source, name, limit), url=url, extra=extra, http_status=found.http_status)
    if record.raw_stream.limit > 0:
        return replace(found, error=f"damaged WARC at byte {offset}: {CUT_SHORT}")
    when = record.rec_headers.get_header("WARC-Date")
    return replace(
        found, data=data, kind="html", charset=charset_of(record), fallback={"date": when[:10]} if when else {}
    )
