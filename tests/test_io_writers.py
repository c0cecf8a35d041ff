"""Sinks write JSON Lines, a mirrored directory and Parquet, committing in resumable steps."""

import gzip
import json
from pathlib import Path

import pytest

from cleaner.errors import OutputPathError
from cleaner.io.checkpoint import Checkpoint
from cleaner.io.readers import InputRecord
from cleaner.io.writers import DirSink, JsonlSink, pick_format, select_fields

RECORD = {
    "source": "a.html",
    "status": "ok",
    "text": "Body.",
    "title": "T",
    "removed": [{"rule": "generic.x", "kind": "paragraph", "text": "gone"}],
    "id": 3,
}


def item(source: str = "a.html", name: str = "a") -> InputRecord:
    return InputRecord(source, b"", name=name)


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        (None, "jsonl"),
        ("-", "jsonl"),
        ("o.jsonl", "jsonl"),
        ("o.jsonl.gz", "jsonl"),
        ("o.parquet", "parquet"),
        ("outdir", "dir"),
    ],
)
def test_format_follows_the_output_name(output: str, expected: str) -> None:
    assert pick_format(output, None) == expected


def test_fields_select_output_keys_but_keep_source_and_status() -> None:
    assert select_fields(dict(RECORD), ("text",), True) == {
        "source": "a.html",
        "status": "ok",
        "text": "Body.",
    }
    assert "removed" not in select_fields(dict(RECORD), (), False)


def test_gz_suffix_writes_gzip(tmp_path: Path) -> None:
    sink = JsonlSink(str(tmp_path / "o.jsonl.gz"), None)
    sink.write(RECORD, item())
    sink.commit(["a.html"])
    sink.write(RECORD, item())
    sink.commit(["a.html"])
    sink.close()
    lines = gzip.decompress((tmp_path / "o.jsonl.gz").read_bytes()).splitlines()
    assert [json.loads(line) for line in lines] == [RECORD, RECORD]


def test_resume_discards_output_written_after_the_last_commit(tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    checkpoint = Checkpoint(tmp_path / "o.ck", "key", ordered=True)
    sink = JsonlSink(str(out), checkpoint)
    sink.write(RECORD, item())
    sink.commit(["a.html"])
    with open(out, "ab") as stream:
        stream.write(b'{"torn": ')
    resumed = Checkpoint(tmp_path / "o.ck", "key", ordered=True)
    JsonlSink(str(out), resumed).close()
    assert resumed.count == 1 and out.read_text().count("\n") == 1


def test_checkpoint_of_another_command_is_refused(tmp_path: Path) -> None:
    Checkpoint(tmp_path / "o.ck", "one", ordered=True).commit(10, ["x"])
    with pytest.raises(Exception, match="different command"):
        Checkpoint(tmp_path / "o.ck", "two", ordered=True)


def test_directory_output_mirrors_names_and_separates_collisions(tmp_path: Path) -> None:
    sink = DirSink(str(tmp_path / "out"), None)
    sink.write(dict(RECORD, source="in/a.html"), item("in/a.html", "sub/a"))
    sink.write(dict(RECORD, source="in/a.txt"), item("in/a.txt", "sub/a"))
    files = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.*"))
    assert {"sub/a.json", "sub/a.txt"} < set(files) and len(files) == 4
    assert json.loads((tmp_path / "out" / "sub" / "a.json").read_text())["source"] == "in/a.html"


@pytest.mark.parametrize("name", ["../../evil", "a\0b", "/".join(["seg"] * 3000)], ids=["climb", "nul", "deep"])
def test_a_name_that_cannot_be_a_path_makes_that_record_an_error_written_apart(tmp_path: Path, name: str) -> None:
    sink = DirSink(str(tmp_path / "out"), None)
    written = sink.write(RECORD, item("in.jsonl:7", name))
    assert written["status"] == "error" and written["error_kind"] == OutputPathError.kind
    (meta,) = (tmp_path / "out" / "_refused").glob("*.json")
    assert json.loads(meta.read_text()) == {key: value for key, value in written.items() if key != "text"}
    assert meta.parent.parent == tmp_path / "out" and not (tmp_path / "evil.json").exists()


def test_parquet_holds_one_row_per_record_with_extra_fields(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from cleaner.io.parquet import ParquetSink

    sink = ParquetSink(str(tmp_path / "o.parquet"), None)
    for _ in range(3):
        sink.write(RECORD, item())
        sink.commit(["a.html"])
    sink.close()
    rows = pq.read_table(tmp_path / "o.parquet").to_pylist()
    assert len(rows) == 3 and rows[0]["text"] == "Body." and json.loads(rows[0]["extra"]) == {"id": 3}
    assert rows[0]["removed"][0]["rule"] == "generic.x"
    assert not (tmp_path / "o.parquet.parts").exists()
