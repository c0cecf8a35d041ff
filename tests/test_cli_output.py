"""Errors in the output end a run cleanly: a closed pipe quietly (like any Unix tool), a full disk
in one line on stderr, and in every case no worker is left running."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from processes import finish, start_cli, wait_until_gone
from scale_fixtures import page

from golden import GOLDEN

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
SIGPIPE_EXIT = 128 + signal.SIGPIPE
PAGE = GOLDEN / "seed-002" / "input.txt"


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Sixty pages: well over a pipe buffer of output."""
    root = tmp_path_factory.mktemp("pages")
    for n in range(60):
        (root / f"page-{n:02d}.html").write_text(page(n), encoding="utf-8")
    return root


def test_clean_into_a_pipe_closed_early_exits_quietly_and_stops_every_worker(pages: Path) -> None:
    # three workers, one batch: two of them never get work, as on a many-core machine
    process, marker = start_cli(
        "clean",
        str(pages),
        "-j",
        "3",
        "--batch-size",
        "64",
        "--no-progress",
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout.read(100)  # like `| head -c 100`
    process.stdout.close()
    code = finish(process, marker)
    stderr = process.stderr.read().decode()
    assert code == SIGPIPE_EXIT and "Traceback" not in stderr and stderr == ""
    assert wait_until_gone(marker) == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_clean_onto_a_full_disk_says_so_in_one_line_and_stops_every_worker(pages: Path) -> None:
    with open("/dev/full", "wb") as full:
        process, marker = start_cli(
            "clean", str(pages), "-j", "2", "--no-progress", stdout=full, stderr=subprocess.PIPE
        )
        code = finish(process, marker)
    stderr = process.stderr.read().decode()
    assert code == 2
    assert stderr == "cleaner: error: cannot write to standard output: No space left on device\n"
    assert wait_until_gone(marker) == []


def test_a_file_name_that_is_not_utf8_is_written_with_escapes(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9-\xff.txt")
    (tmp_path / name).write_text("A paragraph of plain text in a file with a Latin-1 name.\n")
    process, marker = start_cli(
        "clean", str(tmp_path), "-j", "1", "--no-progress", stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    out, err = process.communicate(timeout=90)
    record = json.loads(out)
    assert process.returncode == 0, err.decode()
    assert record["source"].endswith(name) and record["status"] == "ok"
    assert out.isascii()  # the lone surrogates went out as \udcxx escapes, which read back the same
    assert wait_until_gone(marker) == []


def test_explain_into_a_closed_pipe_exits_quietly() -> None:
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    process, marker = start_cli("explain", str(PAGE), stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    code = finish(process, marker)
    assert code == SIGPIPE_EXIT and process.stderr.read() == b""


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_explain_onto_a_full_disk_says_so_in_one_line(flag: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        process, marker = start_cli("explain", str(PAGE), *flag, stdout=full, stderr=subprocess.PIPE)
        code = finish(process, marker)
    assert code == 2
    assert process.stderr.read() == b"cleaner: error: cannot write to standard output: No space left on device\n"


def test_an_output_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a directory")
    process, marker = start_cli(
        "clean", str(PAGE), "-o", str(tmp_path / "file" / "out.jsonl"), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    code = finish(process, marker)
    lines = process.stderr.read().decode().splitlines()
    assert code == 2 and len(lines) == 1 and lines[0].startswith("cleaner: error: ")
