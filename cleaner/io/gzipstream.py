"""A gzip reader that gives back every byte it can and says where the rest was lost.

Python's GzipFile raises as soon as a stream is truncated or followed by other bytes, and the
data it had already inflated into its buffers is lost with the exception: a `.jsonl.gz` cut
short lost its last complete lines, a page with trailing garbage lost the whole page. This
reader returns everything the complete part of the stream holds, then ends; `damage` says what
was wrong and at which compressed byte, so the caller can report it as one error record.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 64 * 1024


class GzipReader(io.RawIOBase):
    """The content of a (multi-member) gzip stream, read in chunks; `damage` is set on a truncated,
    corrupt or garbage-followed stream, whose readable content is returned first."""

    def __init__(self, raw: BinaryIO):
        super().__init__()
        self.raw = raw
        self.inflater: zlib._Decompress | None = None
        self.pending = b""
        self.offset = 0  # compressed bytes consumed before `pending`
        self.member_start = 0
        self.content_bytes = 0  # content returned so far: where a damaged stream's content ends
        self.damage: str | None = None
        self.lost_content = False  # the damage cut a member short (not just bytes after the last)
        self.done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while not self.done:
            piece = self._inflate(len(buffer))
            if piece:
                buffer[: len(piece)] = piece
                self.content_bytes += len(piece)
                return len(piece)
        return 0

    def _inflate(self, size: int) -> bytes:
        """Up to `size` bytes of content (possibly none, when a member starts or ends)."""
        if not self.pending and not self._refill():
            return b""
        if self.inflater is None and not self._start_member():
            return b""
        assert self.inflater is not None  # _start_member made one, or returned False
        try:
            piece = self.inflater.decompress(self.pending, size)
        except zlib.error as err:
            self._fail(
                f"damaged gzip in the member at byte {self.member_start} (content byte {self.content_bytes}): {err}",
                lost=True,
            )
            return b""
        rest = self.inflater.unused_data if self.inflater.eof else self.inflater.unconsumed_tail
        self.offset += len(self.pending) - len(rest)
        self.pending = rest
        if self.inflater.eof:
            self.inflater = None
        return piece

    def _refill(self) -> bool:
        """Read more compressed bytes; at the end, the stream is done (damaged if mid-member)."""
        self.pending = self.raw.read(CHUNK_BYTES)
        if self.pending:
            return True
        if self.inflater is not None:
            self._fail(
                f"truncated gzip: the member at byte {self.member_start} ends early, "
                f"at content byte {self.content_bytes}",
                lost=True,
            )
        self.done = True
        return False

    def _start_member(self) -> bool:
        """Begin the next member; zero padding is skipped, anything else ends the stream."""
        stripped = self.pending.lstrip(b"\0")
        self.offset += len(self.pending) - len(stripped)
        self.pending = stripped
        if not stripped:
            return False
        if len(stripped) < len(GZIP_MAGIC) and self._refill_more():
            return False
        if not self.pending.startswith(GZIP_MAGIC):
            self._fail(f"trailing data after the gzip stream at byte {self.offset}")
            return False
        self.inflater, self.member_start = zlib.decompressobj(wbits=31), self.offset
        return True

    def _refill_more(self) -> bool:
        """Join the next chunk to a too-short start; False at the end of the stream."""
        more = self.raw.read(CHUNK_BYTES)
        self.pending += more
        return bool(more)

    def _fail(self, message: str, lost: bool = False) -> None:
        self.damage, self.lost_content, self.done = message, lost, True
        self.pending, self.inflater = b"", None


def open_gzip(raw: BinaryIO) -> io.BufferedReader:
    """A buffered, peekable reader of a gzip stream's content (see GzipReader)."""
    return io.BufferedReader(GzipReader(raw), buffer_size=CHUNK_BYTES)


def gzip_reader(stream: BinaryIO) -> GzipReader | None:
    """The GzipReader under a stream from `open_gzip` (None for a plain stream): read its
    `damage` once the stream has been read to its end."""
    raw = getattr(stream, "raw", None)
    return raw if isinstance(raw, GzipReader) else None
