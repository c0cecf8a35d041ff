"""What a file output already holds, so an interrupted run restarted with the same command
continues where it stopped, with no record lost or duplicated."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import CleanerError
from .readers import InputRecord


class Checkpoint:
    """A JSON Lines journal beside the output: a header naming the run, then one line per commit
    with the output's committed size and how many input records (ordered runs) or which sources
    (unordered runs) it holds. Output past the last commit is discarded on resume."""

    def __init__(self, path: Path, fingerprint: str, ordered: bool, restart: bool = False):
        self.path, self.fingerprint, self.ordered = path, fingerprint, ordered
        self.offset, self.count, self.done, self.errors = 0, 0, set[str](), 0
        self.finished = False  # the output is complete; only cleaning up after it was left
        if path.exists() and not restart:
            self._load()
        self.skipped = self.count + len(self.done)  # records an earlier run already wrote
        self.resumed = bool(self.skipped)
        self._rewrite()
        self.stream = open(path, "a", encoding="utf-8")  # noqa: SIM115 - closed by finish/close

    @staticmethod
    def belongs_to(path: Path, fingerprint: str) -> bool:
        """Whether `path` is a checkpoint of the run with this fingerprint."""
        try:
            with open(path, encoding="utf-8") as stream:
                header = _parse(stream.readline())
        except (OSError, UnicodeDecodeError):
            return False
        return header is not None and header.get("fingerprint") == fingerprint

    def _load(self) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        header = _parse(lines[0]) if lines else None
        if not header or header.get("fingerprint") != self.fingerprint:
            raise CleanerError(
                f"{self.path}: a checkpoint of a different command; rerun that command, or pass --restart to start over"
            )
        for line in lines[1:]:
            entry = _parse(line)
            if entry is None:
                break
            self.offset = entry["offset"]
            self.count += entry.get("count", 0)
            self.errors += entry.get("errors", 0)
            self.done.update(entry.get("done", ()))
            self.finished = self.finished or entry.get("finished", False)

    def _rewrite(self) -> None:
        """Start the journal afresh with what was loaded in one line (drops a torn last line)."""
        temp = self.path.with_name(self.path.name + ".tmp")
        with open(temp, "w", encoding="utf-8") as out:
            out.write(json.dumps({"cleaner": "checkpoint", "fingerprint": self.fingerprint}) + "\n")
            if self.resumed:
                entry = self._entry(self.offset, self.count, sorted(self.done), self.errors)
                out.write(json.dumps({**entry, "finished": True} if self.finished else entry) + "\n")
        os.replace(temp, self.path)

    def _entry(self, offset: int, count: int, sources: list[str], errors: int) -> dict[str, Any]:
        entry = {"offset": offset, "errors": errors}
        return {**entry, "count": count} if self.ordered else {**entry, "done": sources}

    def skip_done(self, items: Iterable[InputRecord]) -> Iterator[InputRecord]:
        """The input records not yet in the output."""
        for number, item in enumerate(items):
            if number >= self.count and item.source not in self.done:
                yield item

    def commit(self, offset: int, sources: list[str], errors: int = 0) -> None:
        """Record that the output now holds `offset` bytes (or parts) and these records, of which
        `errors` failed (so a resumed run's exit code covers the whole run)."""
        self.offset = offset
        self.stream.write(json.dumps(self._entry(offset, len(sources), sources, errors)) + "\n")
        self.stream.flush()

    def mark_finished(self) -> None:
        """The output is whole and in place; what is left is removing temporary files."""
        self.finished = True
        self.stream.write(json.dumps({"offset": self.offset, "count": 0, "errors": 0, "finished": True}) + "\n")
        self.stream.flush()
        os.fsync(self.stream.fileno())

    def finish(self) -> None:
        """The run is complete: the checkpoint is no longer needed."""
        self.stream.close()
        self.path.unlink(missing_ok=True)

    def close(self) -> None:
        self.stream.close()


def _parse(line: str) -> dict[str, Any] | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None
