"""Run the cleaner command in a child process that cannot outlive its test, and find every
process it started (workers, forkserver, resource tracker) by a marker in their environment."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# Every process test fails by this deadline instead of hanging the suite.
HARD_TIMEOUT = 90.0
# How long processes may take to exit after their run ends or is killed: generous for a busy
# machine, and no cost when they are quick, since the wait ends as soon as none is left.
GONE_SECONDS = 30.0


def start_cli(*argv: str, **popen: Any) -> tuple[subprocess.Popen, str]:
    """`python -m cleaner ARGV` in its own session, with a marker its descendants inherit."""
    marker = uuid.uuid4().hex
    env = {**os.environ, "CLEANER_TEST_MARKER": marker, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *argv], cwd=REPO, env=env, start_new_session=True, **popen
    )
    return process, marker


def finish(process: subprocess.Popen, marker: str, timeout: float = HARD_TIMEOUT) -> int:
    """The exit code; a process still running at the deadline is killed with all it started."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_marked(marker)
        raise


def marked_processes(marker: str) -> list[int]:
    """Live processes (zombies aside) whose environment holds the marker (Linux /proc)."""
    found = []
    needle = f"CLEANER_TEST_MARKER={marker}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle in (entry / "environ").read_bytes() and not is_zombie(entry):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def is_zombie(entry: Path) -> bool:
    stat = (entry / "stat").read_text()
    return stat[stat.rindex(")") + 2] == "Z"


def wait_until_gone(marker: str, seconds: float = GONE_SECONDS) -> list[int]:
    """The marked processes still alive after `seconds` (an empty list as soon as none is)."""
    deadline = time.monotonic() + seconds
    while (alive := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def kill_marked(marker: str) -> None:
    for pid in marked_processes(marker):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


class SlowStartCleaner:
    """A Cleaner that takes seconds to build, as many workers loading rules on a few cores do: longer
    than the runner lets one document run (its limit and the kill grace), so a clock that started
    before the worker was ready would always fail the document."""

    def __init__(self, config):
        from cleaner import Cleaner
        from cleaner.runner import KILL_GRACE_SECONDS

        time.sleep(config.max_seconds + KILL_GRACE_SECONDS + 2)
        self.inner = Cleaner(config)

    def clean(self, data, url=None, kind=None, extra=None):
        return self.inner.clean(data, url=url, kind=kind, extra=extra)
