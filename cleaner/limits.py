"""Bounds on what one document may cost: input size, decompressed size, time (issue 5).

Each limit turns an input that would exhaust memory or stall a run into an error record
for that one document; `None` switches a limit off.
"""

from __future__ import annotations

import io
import signal
import threading
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .errors import InputError, TimeLimitError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 64 * 1024
RETRY_SECONDS = 0.05  # re-raise this often if a library swallowed the first TimeLimitError
# Markup bounds, checked before parsing, because parsing and extraction run in C and in libraries
# no timer can stop mid-call. The article benchmarks' biggest page has 10,500 elements and its
# most attributes on one element is 151. A 5 MB page of `x<br>` (a million elements) took 46 s and
# 2 GB to extract; 200,000 took at most 520 MB in every shape tried (docs/reliability.md).
MAX_TAGS = 200_000


def check_size(size: int, limit: int | None) -> None:
    """Refuse an input over `limit` before any work is spent on it."""
    if limit is not None and size > limit:
        over = f"input is {describe_bytes(size)}, over the limit of {describe_bytes(limit)}"
        raise TooLargeError(over)


def check_markup(text: str) -> None:
    """Refuse markup whose parse or extraction would run long and take gigabytes in code no time
    limit can stop mid-call: too many tags. Costs a few milliseconds on a 10 MB page."""
    tags = text.count("<") - text.count("</") - text.count("<!")
    if tags > MAX_TAGS:
        raise TooLargeError(f"page has about {tags:,} tags, over the limit of {MAX_TAGS:,}")


def describe_bytes(size: int) -> str:
    """Sizes for error messages: bytes, KiB or MiB, whichever reads best."""
    for unit, scale in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} bytes"


def is_gzip(data: bytes) -> bool:
    return data[:2] == GZIP_MAGIC


def read_gzip_bounded(source: bytes | BinaryIO, limit: int | None) -> bytes:
    """Decompress a whole gzip input, stopping as soon as it expands past `limit` bytes."""
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    out = bytearray()
    for piece in iter_gzip_bounded(stream, limit):
        out += piece
    return bytes(out)


def iter_gzip_bounded(stream: BinaryIO, limit: int | None) -> Iterator[bytes]:
    """Decompressed chunks of a (multi-member) gzip stream; raises past `limit` or when damaged."""
    inflater, pending, in_member, total = zlib.decompressobj(wbits=31), b"", False, 0
    while True:
        if not pending:
            pending = stream.read(CHUNK_BYTES)
            if not pending:
                if in_member:
                    raise InputError("truncated gzip: the stream ends inside a compressed member")
                return
        try:
            piece = inflater.decompress(pending, CHUNK_BYTES)
        except zlib.error as err:
            raise InputError(f"damaged gzip: {err}") from None
        in_member, pending, total = True, inflater.unconsumed_tail, total + len(piece)
        if limit is not None and total > limit:
            raise TooLargeError(f"gzip input expands past the limit of {describe_bytes(limit)}")
        if piece:
            yield piece
        if inflater.eof:  # next member, if any; gzip pads with zero bytes at the end
            pending, in_member = inflater.unused_data.lstrip(b"\0"), False
            inflater = zlib.decompressobj(wbits=31)


class time_limit:  # noqa: N801 - used as a context manager, reads like contextlib's
    """Raise TimeLimitError after `seconds`; a no-op off the main thread or when SIGALRM is busy.

    Python's `re` checks for signals while matching, so a slow `re` pattern is interrupted
    too; RE2 matching is linear and needs no interruption.
    """

    def __init__(self, seconds: float | None):
        self.seconds, self.armed, self.expired = seconds, False, False
        self._previous = None

    def __enter__(self) -> time_limit:
        if not self._usable():
            return self
        self._previous = signal.signal(signal.SIGALRM, self._expire)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if not self.armed:
            return False
        self.armed = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._previous)
        if self.expired and not isinstance(exc, TimeLimitError):
            # A library caught the first TimeLimitError (or turned it into another error).
            raise self._error() from exc
        return False

    def _usable(self) -> bool:
        return (bool(self.seconds) and hasattr(signal, "setitimer")
                and threading.current_thread() is threading.main_thread()
                and signal.getitimer(signal.ITIMER_REAL)[0] == 0)

    def _expire(self, signum, frame) -> None:
        if not self.armed:
            return
        self.expired = True
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        raise self._error()

    def _error(self) -> TimeLimitError:
        return TimeLimitError(f"cleaning took longer than the limit of {self.seconds:g} s")
