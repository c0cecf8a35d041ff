"""Parquet output (needs pyarrow: `pip install '.[parquet]'` from a cleaner checkout). Records are written in parts,
each renamed into place and checkpointed, then joined into OUTPUT at the end of the run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from ..document import RECORD_STRING_FIELDS
from ..errors import CleanerError
from .checkpoint import Checkpoint
from .readers import InputRecord

STRING_COLUMNS = ("source", *RECORD_STRING_FIELDS)
# Every field with a column of its own; the rest of a record goes to `extra`.
COLUMNS = frozenset({*STRING_COLUMNS, "authors", "removed"})


def schema(pa: Any) -> Any:
    """Fixed columns for the document fields; pass-through fields go in `extra` as JSON."""
    removal = pa.struct([("rule", pa.string()), ("kind", pa.string()), ("text", pa.string())])
    return pa.schema(
        [
            *((name, pa.string()) for name in STRING_COLUMNS),
            ("authors", pa.list_(pa.string())),
            ("removed", pa.list_(removal)),
            ("extra", pa.string()),
        ]
    )


def to_row(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a row of `schema`; fields that have no column go to `extra`."""
    row = {name: record.get(name) for name in COLUMNS}
    extra = {key: value for key, value in record.items() if key not in COLUMNS}
    row["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
    return row


class ParquetSink:
    """Parquet file output; flat memory (one part in memory at a time) and resumable."""

    def __init__(self, output: str, checkpoint: Checkpoint | None):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as err:
            raise CleanerError(
                "Parquet output needs pyarrow: pip install '.[parquet]' from a cleaner checkout"
            ) from err
        self.pa, self.pq, self.schema = pa, pq, schema(pa)
        self.path = Path(output)
        self.parts = self.path.with_name(self.path.name + ".parts")
        self.checkpoint = checkpoint
        self.part = checkpoint.offset if checkpoint else 0
        # OUTPUT was joined and renamed into place before a kill: its parts may be half removed
        self.finished = bool(checkpoint and checkpoint.finished and self.path.is_file())
        if not self.finished:
            self._drop_parts_after(self.part)
        self.rows: list[dict[str, Any]] = []

    def _drop_parts_after(self, keep: int) -> None:
        if self.parts.exists() and not keep:
            shutil.rmtree(self.parts)
        self.parts.mkdir(parents=True, exist_ok=True)
        for part in self.parts.glob("part-*.parquet"):
            if int(part.stem.split("-")[1]) > keep:
                part.unlink()

    def write(self, record: dict[str, Any], item: InputRecord) -> dict[str, Any]:
        self.rows.append(to_row(record))
        return record

    def commit(self, sources: list[str], errors: int = 0) -> None:
        """Write buffered rows as the next part, then record it as done."""
        if self.rows:
            self.part += 1
            table = self.pa.Table.from_pylist(self.rows, schema=self.schema)
            target = self.parts / f"part-{self.part:06d}.parquet"
            self.pq.write_table(table, target.with_suffix(".tmp"))
            os.replace(target.with_suffix(".tmp"), target)
            self.rows.clear()
        if self.checkpoint:
            self.checkpoint.commit(self.part, sources, errors)

    def close(self, complete: bool = True) -> None:
        """At the end of a complete run, join the parts into OUTPUT (temp file, then rename), record
        that in the checkpoint, and only then remove the parts: a run killed at any point resumes
        to the whole output."""
        if not complete:
            return
        if not self.finished:
            temp = self.path.with_name(f".{self.path.name}.tmp")
            with self.pq.ParquetWriter(temp, self.schema) as writer:
                for part in sorted(self.parts.glob("part-*.parquet")):
                    writer.write_table(self.pq.read_table(part))
            os.replace(temp, self.path)
            if self.checkpoint:
                self.checkpoint.mark_finished()
        shutil.rmtree(self.parts, ignore_errors=True)
