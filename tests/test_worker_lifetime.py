"""Worker processes never outlive the run that started them, however it ends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from processes import finish, kill_marked, marked_processes, start_cli, wait_until_gone
from scale_fixtures import page

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def wait_for_workers(marker: str, count: int, seconds: float = 60) -> list[int]:
    """The marked processes once at least `count` of them run (the command and what it started)."""
    deadline = time.monotonic() + seconds
    while len(alive := marked_processes(marker)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    return alive


def test_kill_9_of_the_command_leaves_no_worker_forkserver_or_tracker(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    for n in range(400):
        (pages / f"page-{n:03d}.html").write_text(page(n), encoding="utf-8")
    # four batches for three workers: all three start, and the first done sits idle, waiting
    process, marker = start_cli(
        "clean",
        str(pages),
        "-j",
        "3",
        "--batch-size",
        "100",
        "--no-progress",
        "-o",
        str(tmp_path / "out.jsonl"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # the command, the resource tracker, the forkserver and three workers
        assert len(wait_for_workers(marker, 6)) >= 6
        os.kill(process.pid, signal.SIGKILL)
        finish(process, marker)
        assert wait_until_gone(marker) == []
    finally:
        kill_marked(marker)
