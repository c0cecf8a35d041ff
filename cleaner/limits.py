"""Bounds on what one document may cost: input size, decompressed size, time.

Each limit turns an input that would exhaust memory or stall a run into an error record
for that one document; `None` switches a limit off.
"""

from __future__ import annotations

import ctypes
import io
import re
import signal
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any, BinaryIO

from .errors import InputError, TimeLimitError, TooLargeError

GZIP_MAGIC = b"\x1f\x8b"
CHUNK_BYTES = 64 * 1024
RETRY_SECONDS = 0.05  # re-raise this often if a library swallowed the first TimeLimitError
# Off the main thread, give up re-raising after this many tries (2 s): a limit whose exit the
# watchdog missed must not keep raising into whatever the thread does next.
RETRIES = 40
# Markup bounds, checked before parsing, because parsing and extraction run in C and in libraries
# no timer can stop mid-call. Real article pages stay far below both bounds, while a page of a
# million elements costs tens of seconds and gigabytes to extract (measured in docs/reliability.md).
MAX_TAGS = 200_000
# libxml2 compares each attribute with every earlier one of its element: 20,000 attributes on one
# element take 1.4 s to parse, 100,000 take 90 s, all in one uninterruptible call.
MAX_TAG_ATTRIBUTES = 1_000
# ... so the attributes of all long tags together are held to a budget of that quadratic cost
# (the sum of squares): about twenty elements at the per-tag limit, 0.1 s of parsing.
ATTRIBUTE_BUDGET = 20 * MAX_TAG_ATTRIBUTES**2
# Tags shorter than this hold at most 128 attributes, which parse in microseconds: not scanned.
LONG_TAG_CHARS = 256
_TAG_NAME = re.compile(r"[^\s/]*")
_RAW_TEXT = re.compile(r"<(script|style)\b|<!--", re.IGNORECASE)
_CLOSERS = {
    name: re.compile(closer, re.IGNORECASE)
    for name, closer in (("script", "</script"), ("style", "</style"), ("!--", "-->"))
}
_ATTRIBUTE = re.compile(r"""[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?""")


def check_size(size: int, limit: int | None) -> None:
    """Refuse an input over `limit` before any work is spent on it."""
    if limit is not None and size > limit:
        over = f"input is {describe_bytes(size)}, over the limit of {describe_bytes(limit)}"
        raise TooLargeError(over)


def check_markup(text: str) -> None:
    """Refuse markup whose parse or extraction would run long in code no time limit can stop:
    too many tags, or too many attributes on one tag. Under a millisecond on a 60 kB page; only
    a page that looks over a limit is looked at again without its scripts, styles and comments."""
    if markup_problem(text) and (problem := markup_problem(outside_raw_text(text))):
        raise TooLargeError(problem)


def markup_problem(markup: str) -> str | None:
    """What makes this markup too costly to parse, if anything."""
    tags = markup.count("<") - markup.count("</") - markup.count("<!")
    if tags > MAX_TAGS:
        return f"page has about {tags:,} tags, over the limit of {MAX_TAGS:,}"
    cost = 0
    for tag in long_tags(markup):
        name = _TAG_NAME.match(tag)  # always matches: a name may be empty
        count = len(_ATTRIBUTE.findall(tag, name.end() if name else 0))
        if count > MAX_TAG_ATTRIBUTES:
            return f"a tag has {count:,} attributes, over the limit of {MAX_TAG_ATTRIBUTES:,}"
        cost += count * count
        if cost > ATTRIBUTE_BUDGET:
            return "page has too many tags with hundreds of attributes to parse in time"
    return None


def long_tags(markup: str) -> Iterator[str]:
    """The tags of LONG_TAG_CHARS or more (without their `<`): splitting on `<` in C and looking
    only at long pieces is ten times faster than a regex over the page."""
    for piece in markup.split("<"):
        if len(piece) >= LONG_TAG_CHARS and piece[:1].isascii() and piece[:1].isalpha():
            end = piece.find(">")
            tag = piece if end < 0 else piece[:end]
            if len(tag) >= LONG_TAG_CHARS:
                yield tag


def outside_raw_text(text: str) -> str:
    """The markup without script and style bodies and comments, where the parser reads no tags
    (`for (i=0; i<a.length; i++)` is not a tag). One pass: an unclosed one runs to the end."""
    pieces, position = [], 0
    while (opener := _RAW_TEXT.search(text, position)) is not None:
        pieces.append(text[position : opener.start()])
        closer = _CLOSERS[(opener.group(1) or "!--").lower()].search(text, opener.end())
        if closer is None:
            return "".join(pieces)
        position = closer.end()
    pieces.append(text[position:])
    return "".join(pieces)


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
    """Raise TimeLimitError in the calling thread after `seconds`.

    On the main thread a SIGALRM timer raises it; Python's `re` checks for signals while matching,
    so a slow `re` pattern is interrupted too. On any other thread (or when another timer owns
    SIGALRM) a watchdog thread raises it asynchronously in the calling thread. Either way it lands
    between two steps of Python code: one long call into C (a parse, an RE2 match; on a thread
    also an `re` match, which holds the interpreter lock) finishes first. The markup limits
    (`check_markup`) bound the longest of those calls.
    """

    def __init__(self, seconds: float | None):
        self.seconds, self.armed, self.expired = seconds, False, False
        self._previous: Callable[[int, FrameType | None], Any] | int | None = None
        self._watchdog: Watchdog | None = None

    def __enter__(self) -> time_limit:
        if not self.seconds:
            return self
        if not self._alarm_usable():
            self._watchdog = Watchdog(self.seconds, sys._getframe(1))
            self._watchdog.armed = True  # last: nothing may land inside __enter__, where no __exit__ follows
            return self
        self._previous = signal.signal(signal.SIGALRM, self._expire)
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._watchdog is not None:
            self.expired = self._stop_watchdog(self._watchdog)
        elif self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
        if self.expired and not (isinstance(exc, TimeLimitError) and str(exc)):
            # A library caught the first TimeLimitError (or turned it into another error), or it
            # came from the watchdog, which can only raise the bare class.
            raise self._error() from (exc if not isinstance(exc, TimeLimitError) else None)

    def _stop_watchdog(self, watchdog: Watchdog) -> bool:
        while True:
            try:
                return watchdog.stop()
            except TimeLimitError:  # fired just as the limited code ended: stop, then report it
                continue

    def _alarm_usable(self) -> bool:
        return (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        )

    def _expire(self, signum, frame) -> None:
        if not self.armed:
            return
        self.expired = True
        signal.setitimer(signal.ITIMER_REAL, RETRY_SECONDS)
        raise self._error()

    def _error(self) -> TimeLimitError:
        return TimeLimitError(f"cleaning took longer than the limit of {self.seconds:g} s")


class Watchdog:
    """A thread that raises TimeLimitError in the thread that made it, after `seconds` and then
    every RETRY_SECONDS (a library may swallow the first), for as long as `frame` (the one running
    the limited code) is on that thread's stack and the limit's exit is not. Uses CPython's
    PyThreadState_SetAsyncExc: the exception lands at the next step of Python code."""

    def __init__(self, seconds: float, frame: FrameType):
        self.target, self.frame, self.fired, self.armed = threading.get_ident(), frame, False, False
        self._done, self._lock = threading.Event(), threading.Lock()
        self._thread = threading.Thread(target=self._run, args=(seconds,), name="cleaner-time-limit", daemon=True)
        self._thread.start()

    def _run(self, seconds: float) -> None:
        wait = seconds
        for _ in range(RETRIES + 1):
            if self._done.wait(wait):
                return
            with self._lock:
                if self._done.is_set() or not (self.armed and self._inside()):
                    return
                self.fired = True
                _raise_in(self.target, TimeLimitError)
            wait = RETRY_SECONDS

    def _inside(self) -> bool:
        """Whether the target still runs the limited code (and is not already leaving it)."""
        frame = sys._current_frames().get(self.target)
        seen = False
        while frame is not None:
            if frame.f_code in _LIMIT_CODE:
                return False
            seen = seen or frame is self.frame
            frame = frame.f_back
        return seen

    def stop(self) -> bool:
        """No more exceptions after this returns (one still pending is withdrawn); True if it fired."""
        with self._lock:
            self._done.set()
            _raise_in(self.target, None)
        return self.fired


def _raise_in(thread_id: int, exc_type: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc_type) if exc_type else None
    )


_LIMIT_CODE = (time_limit.__enter__.__code__, time_limit.__exit__.__code__, Watchdog.stop.__code__)
