"""Cost bounds that hold on a loaded machine: CPU time of the calling thread, not wall-clock time.

A test that bounds how much work something does (linear, not quadratic; refused before parsing;
stopped by the time limit) reads the thread's CPU clock: waiting for a core on a busy machine
costs no CPU time, so only the work itself counts, while work that runs on for seconds still does.
"""

from __future__ import annotations

import time
from types import TracebackType

import pytest

# The timer's TimeLimitError can land inside a garbage-collection callback (hypothesis installs
# one), which Python reports and ignores; the limit raises it again RETRY_SECONDS later, and the
# test's own time bound checks that it does.
SWALLOWED_FIRST_ERROR = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


class cpu_timer:  # noqa: N801 - a context manager, read like a function
    """CPU seconds the calling thread spent inside the block, in `seconds` once it exits."""

    def __init__(self) -> None:
        self.start, self.seconds = 0.0, 0.0

    def __enter__(self) -> cpu_timer:
        self.start = time.thread_time()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.seconds = time.thread_time() - self.start
