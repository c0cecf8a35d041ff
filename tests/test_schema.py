"""One declaration of the output record: JSON Lines order, Parquet columns and Spark columns agree."""

import dataclasses
import json
from pathlib import Path

import pytest

from cleaner.document import Document
from cleaner.io.readers import InputRecord
from cleaner.pipeline import Cleaner
from cleaner.runner import clean_record
from cleaner.schema import RECORD_FIELDS, RECORD_SCHEMA, arrow_schema, chosen_columns, spark_fields


def test_every_document_field_is_declared_in_the_schema_in_the_same_order() -> None:
    # blocks repeat `text` as structure: an opt-in of JSON Lines and the text formats (OPT_IN_FIELDS)
    names = [f.name for f in dataclasses.fields(Document) if f.name not in ("extra", "blocks")]
    assert [name for name in RECORD_FIELDS if name in names] == names


def test_every_column_says_what_it_means() -> None:
    assert all(column.description and column.type for column in RECORD_SCHEMA)
    assert len(set(RECORD_FIELDS)) == len(RECORD_FIELDS)


def written_jsonl_keys(tmp_path: Path) -> list[str]:
    """The keys of a real record as the JSON Lines writer writes it."""
    from cleaner.io.writers import JsonlSink

    item = InputRecord(
        "page.html", "<p>A paragraph about the harbour.</p>", kind="html", http_status=200, extra={"id": 7}
    )
    record = clean_record(Cleaner(), item)
    sink = JsonlSink(str(tmp_path / "out.jsonl"), None)
    sink.write(record, item)
    sink.commit([])
    sink.close()
    return list(json.loads((tmp_path / "out.jsonl").read_text()))


def test_jsonl_parquet_and_spark_columns_agree(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    types = pytest.importorskip("pyspark.sql.types")
    keys = written_jsonl_keys(tmp_path)
    declared = [name for name in keys if name in RECORD_FIELDS]
    assert keys == [*declared, "id"]  # schema fields in schema order, pass-through fields after them
    assert declared == [name for name in RECORD_FIELDS if name in declared]
    parquet = arrow_schema(pa).names
    spark = [field.name for field in spark_fields(types)]
    assert parquet == [*RECORD_FIELDS, "extra"] and spark == list(RECORD_FIELDS)
    arrow_types = {field.name: str(field.type) for field in arrow_schema(pa)}
    spark_types = {field.name: field.dataType.simpleString() for field in spark_fields(types)}
    assert arrow_types["http_status"] == "int32" and spark_types["http_status"] == "int"
    assert spark_types["removed"] == "array<struct<rule:string,kind:string,text:string,score:double>>"
    assert arrow_types["removed"] == "list<item: struct<rule: string, kind: string, text: string, score: double>>"


def test_fields_choose_columns_and_the_status_columns_always_stay() -> None:
    names = [column.name for column in chosen_columns(("text", "url"), include_removed=False)]
    assert names == ["source", "status", "error_kind", "error", "filter_reason", "text", "url"]
    assert "removed" not in [column.name for column in chosen_columns(include_removed=False)]
