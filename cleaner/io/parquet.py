"""Parquet output (needs pyarrow: `pip install '.[parquet]'` from a cleaner checkout). Records are written in parts,
each renamed into place and checkpointed, then joined into OUTPUT at the end of the run."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

from ..errors import CleanerError
from ..schema import RECORD_FIELDS, RECORD_SCHEMA, Column, arrow_schema, chosen_columns
from .checkpoint import Checkpoint
from .readers import InputRecord


def to_row(record: dict[str, Any], columns: tuple[Column, ...] = RECORD_SCHEMA, extra: bool = True) -> dict[str, Any]:
    """A record as a row of `arrow_schema(columns)`: each column's field, and the fields that have no
    column (pass-through fields) in `extra` as JSON."""
    row = {column.name: record.get(column.name) for column in columns}
    if extra:
        rest = {key: value for key, value in record.items() if key not in RECORD_FIELDS}
        row["extra"] = json.dumps(rest, ensure_ascii=False) if rest else None
    return row


class ParquetSink:
    """Parquet file output; flat memory (one part in memory at a time) and resumable."""

    def __init__(
        self, output: str, checkpoint: Checkpoint | None, fields: tuple[str, ...] = (), include_removed: bool = True
    ):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as err:
            raise CleanerError(
                "Parquet output needs pyarrow: pip install '.[parquet]' from a cleaner checkout"
            ) from err
        # --fields and --no-removed choose the columns; `extra` holds pass-through fields, so it is
        # kept unless --fields names only record fields
        self.columns = chosen_columns(fields, include_removed)
        self.extra = not fields or any(name not in RECORD_FIELDS for name in fields)
        self.pa, self.pq, self.schema = pa, pq, arrow_schema(pa, self.columns, self.extra)
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
        self.rows.append(to_row(record, self.columns, self.extra))
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
