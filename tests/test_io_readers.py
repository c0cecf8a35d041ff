"""Readers stream every input kind into input records, one per document, errors included."""

import gzip
import io
from pathlib import Path

from scale_fixtures import make_jsonl, make_tree, make_warc, page, undated_page

from cleaner.io.readers import ReadOptions, count_inputs, read_inputs, read_stream


def test_directory_is_walked_recursively_in_a_stable_order(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    names = [item.name for item in read_inputs([str(root)], ReadOptions())]
    assert names == ["broken", "notes", "one", "sub/two"]


def test_include_and_exclude_globs_select_files(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    options = ReadOptions(include=("*.html", "*.html.gz"), exclude=("sub/*",))
    assert [item.name for item in read_inputs([str(root)], options)] == ["broken", "one"]


def test_gzipped_files_are_read_transparently(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    (item,) = read_inputs([str(root / "sub" / "two.html.gz")], ReadOptions())
    assert item.data == page(2).encode()


def test_jsonl_fields_are_configurable_and_the_rest_passes_through(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"body": "<p>hi</p>", "link": "https://x.example/1", "key": 5, "lang": "en"}\n'
    )
    options = ReadOptions(html_field="body", url_field="link", id_field="key")
    (item,) = read_inputs([str(path)], options)
    assert (item.data, item.url, item.kind) == ("<p>hi</p>", "https://x.example/1", "html")
    assert item.extra == {"key": 5, "lang": "en"} and item.name == "in/5"


def test_a_bad_jsonl_line_becomes_an_error_record_and_reading_goes_on(tmp_path: Path) -> None:
    items = list(
        read_inputs([str(make_jsonl(tmp_path / "in.jsonl.gz", broken=True))], ReadOptions())
    )
    assert [item.error is None for item in items] == [True, False, True, True]
    assert items[1].source.endswith("in.jsonl.gz:2")


def test_warc_yields_html_responses_with_uri_and_date(tmp_path: Path) -> None:
    items = list(read_inputs([str(make_warc(tmp_path / "crawl.warc.gz"))], ReadOptions()))
    assert [item.url for item in items] == [
        "https://news.example.com/0",
        "https://news.example.com/1",
    ]
    assert items[0].fallback == {"date": "2021-03-04"} and items[0].data == undated_page(0).encode()


def test_streams_without_names_are_sniffed(tmp_path: Path) -> None:
    warc = make_warc(tmp_path / "crawl.warc.gz").read_bytes()
    jsonl = make_jsonl(tmp_path / "in.jsonl").read_bytes()

    def kinds(data: bytes) -> list:
        return [item.kind for item in read_stream(io.BytesIO(data), "-", "stdin", ReadOptions())]

    assert kinds(warc) == ["html", "html"]
    assert kinds(gzip.compress(jsonl)) == ["html"] * 3
    assert kinds(page(1).encode()) == [None]


def test_a_truncated_gzip_becomes_an_error_record(tmp_path: Path) -> None:
    path = tmp_path / "cut.html.gz"
    path.write_bytes(gzip.compress(page(1).encode() * 50)[:200])
    (item,) = read_inputs([str(path)], ReadOptions())
    assert item.error and item.data is None


def test_inputs_are_counted_for_the_progress_bar(tmp_path: Path) -> None:
    root = make_tree(tmp_path / "tree")
    make_jsonl(tmp_path / "in.jsonl", count=5)
    assert count_inputs([str(root), str(tmp_path / "in.jsonl")], ReadOptions()) == 9


def test_a_gzip_bomb_file_stops_at_the_document_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.html.gz"
    with gzip.open(bomb, "wb") as stream:
        for _ in range(64):
            stream.write(b"<p>" + b"a" * (1024 * 1024) + b"</p>")
    items = list(read_inputs([str(bomb)], ReadOptions(max_document_bytes=1024 * 1024)))
    assert len(items) == 1 and items[0].data is None and "over 1048576 bytes" in items[0].error
    assert items[0].error_kind == "too-large"  # counted like the same limit hit while decoding
