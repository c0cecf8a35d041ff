"""Readers stream every input kind into input records, one per document, errors included."""

import gzip
import io
import os
import zlib
from pathlib import Path

import pytest
from scale_fixtures import make_jsonl, make_status_warc, make_tree, make_warc, page, undated_page

from cleaner.io.readers import ReadOptions, count_inputs, page_of, read_inputs, read_stream


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


def test_markdown_files_are_read_as_markdown_and_other_files_are_sniffed(tmp_path: Path) -> None:
    for name in ("notes.md", "saved.markdown.gz", "dump.txt", "page.html"):
        data = b"# Notes\n\nText."
        (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    kinds = {item.name: item.kind for item in read_inputs([str(tmp_path)], ReadOptions())}
    assert kinds == {"notes": "markdown", "saved": "markdown", "dump": None, "page": None}


def test_jsonl_fields_are_configurable_and_the_rest_passes_through(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"body": "<p>hi</p>", "link": "https://x.example/1", "key": 5, "lang": "en"}\n')
    options = ReadOptions(html_field="body", url_field="link", id_field="key")
    (item,) = read_inputs([str(path)], options)
    assert (item.data, item.url, item.kind) == ("<p>hi</p>", "https://x.example/1", "html")
    assert item.extra == {"key": 5, "lang": "en"} and item.name == "in/5"


def test_a_bad_jsonl_line_becomes_an_error_record_and_reading_goes_on(tmp_path: Path) -> None:
    items = list(read_inputs([str(make_jsonl(tmp_path / "in.jsonl.gz", broken=True))], ReadOptions()))
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


def uncompressed_warc(pages: int = 4, gzip_members: bool = False, big: int = -1) -> bytes:
    """A WARC of `pages` HTML responses; page `big` is 100 KB longer than the others."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip_members)
    for n in range(pages):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        body = io.BytesIO(page(n).encode() + (b" " * 100_000 if n == big else b""))
        writer.write_record(
            writer.create_warc_record(f"https://e.com/{n}", "response", payload=body, http_headers=http)
        )
    return out.getvalue()


def with_content_length(warc: bytes, record: int, change: int) -> bytes:
    """The WARC with the Content-Length of its `record`-th record (from 0) off by `change`."""
    start = [i for i in range(len(warc)) if warc.startswith(b"\r\nContent-Length: ", i)][record] + 18
    end = warc.index(b"\r\n", start)
    return warc[:start] + str(int(warc[start:end]) + change).encode() + warc[end:]


def records_of(path: Path, **options) -> list:
    return list(read_inputs([str(path)], ReadOptions(**options)))


def test_a_cut_warc_gz_keeps_its_whole_records_and_reports_the_cut_with_its_offset(tmp_path: Path) -> None:
    whole = make_warc(tmp_path / "whole.warc.gz", count=4).read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(whole[:-100])
    items = records_of(tmp_path / "cut.warc.gz")
    assert [item.data for item in items[:4]] == [undated_page(n).encode() for n in range(4)]
    assert len(items) == 5 and items[4].data is None and "damaged WARC at byte" in items[4].error


def test_a_wrong_content_length_costs_one_error_record_not_the_next_response(tmp_path: Path) -> None:
    (tmp_path / "long.warc").write_bytes(with_content_length(uncompressed_warc(), 1, 50))
    items = records_of(tmp_path / "long.warc")
    assert [item.error is None for item in items] == [True, True, False, True, True]
    assert "damaged WARC at byte" in items[2].error
    assert [item.url for item in items if item.error is None] == [f"https://e.com/{n}" for n in range(4)]


def test_a_cut_jsonl_gz_keeps_every_complete_line_and_ends_in_one_error(tmp_path: Path) -> None:
    whole = gzip.compress(make_jsonl(tmp_path / "in.jsonl", count=200).read_bytes())
    cut = whole[:-300]
    complete = zlib.decompressobj(wbits=31).decompress(cut).count(b"\n")
    (tmp_path / "cut.jsonl.gz").write_bytes(cut)
    items = records_of(tmp_path / "cut.jsonl.gz")
    assert [item.error for item in items[:-1]] == [None] * complete
    assert items[-1].source.endswith(f":{complete + 1}") and "truncated gzip" in items[-1].error


def test_a_line_over_the_limit_is_not_read_whole_and_the_rest_goes_on(tmp_path: Path) -> None:
    long_line = b'{"html": "' + b"x" * 100_000 + b'"}\n'
    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(b'{"text": "before"}\n' + long_line + b'{"text": "after"}\n'))
    items = records_of(tmp_path / "in.jsonl.gz", max_document_bytes=10_000)
    assert [item.data for item in items] == ["before", None, "after"]
    assert items[1].error_kind == "too-large" and items[1].source.endswith(":2")


def test_a_warc_record_over_the_limit_is_not_read_whole_and_the_rest_goes_on(tmp_path: Path) -> None:
    (tmp_path / "crawl.warc.gz").write_bytes(uncompressed_warc(3, gzip_members=True, big=1))
    items = records_of(tmp_path / "crawl.warc.gz", max_document_bytes=50_000)
    assert [item.error_kind if item.error else "ok" for item in items] == ["ok", "too-large", "ok"]
    assert items[1].url == "https://e.com/1" and items[2].data == page(2).encode()


def test_bytes_after_a_complete_gzip_page_do_not_lose_the_page(tmp_path: Path) -> None:
    (tmp_path / "p.html.gz").write_bytes(gzip.compress(page(1).encode()) + b"trailing garbage")
    (item,) = records_of(tmp_path / "p.html.gz")
    assert item.error is None and item.data == page(1).encode()


def test_special_files_in_a_tree_are_error_records_never_opened(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(page(1))
    os.mkfifo(tmp_path / "pipe.html")  # opening it would block for ever
    items = records_of(tmp_path)
    assert [item.name for item in items] == ["page", "pipe.html"]
    assert items[1].data is None and "not a regular file (a FIFO)" in items[1].error


def test_an_unreadable_folder_is_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "a.html").write_text(page(1))
    (tmp_path / "b.html").write_text(page(2))
    scandir = os.scandir

    def denied(path: str | os.PathLike = ".") -> object:
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", denied)
    items = records_of(tmp_path)
    assert [(item.name, item.error) for item in items] == [
        ("b", None),
        ("locked", "unreadable folder: Permission denied"),
    ]


def test_links_out_of_the_tree_are_error_records_unless_followed(tmp_path: Path) -> None:
    outside, tree = tmp_path / "outside", tmp_path / "tree"
    outside.mkdir()
    tree.mkdir()
    (outside / "secret.txt").write_text("A secret that must not be cleaned.\n")
    (tree / "page.html").write_text(page(1))
    (tree / "x.txt").symlink_to(outside / "secret.txt")
    (tree / "away").symlink_to(outside)
    (tree / "alias.html").symlink_to(tree / "page.html")
    items = records_of(tree)
    assert [(item.name, item.data is None) for item in items] == [
        ("away", True),
        ("alias", False),
        ("page", False),
        ("x.txt", True),
    ]
    assert "symbolic link out of the input tree" in items[3].error
    followed = records_of(tree, follow_links=True)
    assert [(item.name, item.error) for item in followed] == [
        ("alias", None),
        ("page", None),
        ("x", None),
        ("away/secret", None),
    ]


def test_a_line_nested_too_deep_is_one_error_record_and_the_file_goes_on(tmp_path: Path) -> None:
    deep = b'{"text": "deep", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    (tmp_path / "in.jsonl").write_bytes(b'{"text": "before"}\n' + deep + b'{"text": "after"}\n')
    items = records_of(tmp_path / "in.jsonl")
    assert [item.data for item in items] == ["before", None, "after"]
    assert items[1].error == "bad JSON: nested deeper than 100 levels"


def test_nan_and_infinity_are_read_as_null(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_bytes(b'{"text": "t", "a": NaN, "b": -Infinity, "c": 1e999, "d": 2.5}\n')
    (item,) = records_of(tmp_path / "in.jsonl")
    assert item.extra == {"a": None, "b": None, "c": None, "d": 2.5}


def test_a_damaged_warc_in_memory_resumes_after_the_damage_too() -> None:
    data = with_content_length(uncompressed_warc(), 1, 50)
    items = list(read_stream(io.BytesIO(data), "mem.warc", "mem.warc", ReadOptions()))
    assert [item.url for item in items if item.error is None] == [f"https://e.com/{n}" for n in range(4)]
    assert [item.source for item in items] == [f"mem.warc#{n}" for n in range(1, 6)]


def test_counting_lines_for_the_eta_never_holds_a_long_line_whole(tmp_path: Path) -> None:
    import tracemalloc

    from cleaner.io.readers import count_lines

    (tmp_path / "in.jsonl.gz").write_bytes(gzip.compress(b"{}\n" + b"x" * 20_000_000 + b"\n{}"))
    tracemalloc.start()
    assert count_lines(tmp_path / "in.jsonl.gz") == 3
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 2_000_000


class Pipe(io.RawIOBase):
    """Bytes that can be read once and not sought, like standard input from a pipe."""

    def __init__(self, data: bytes):
        self.data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self.data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def test_a_warc_gz_compressed_whole_is_read_from_a_file_and_from_a_pipe(tmp_path: Path) -> None:
    data = gzip.compress(uncompressed_warc(3))
    (tmp_path / "whole.warc.gz").write_bytes(data)
    from_file = records_of(tmp_path / "whole.warc.gz")
    from_pipe = list(read_stream(Pipe(data), "-", "stdin", ReadOptions()))
    for items in (from_file, from_pipe):
        assert [item.url for item in items] == [f"https://e.com/{n}" for n in range(3)]
        assert all(item.error is None for item in items)


def test_a_cut_warc_gz_from_a_pipe_ends_in_one_error_record() -> None:
    whole = uncompressed_warc(3, gzip_members=True)
    items = list(read_stream(Pipe(whole[:-100]), "-", "stdin", ReadOptions()))
    assert [item.error is None for item in items] == [True, True, False]
    assert items[2].error.startswith("damaged WARC at byte ")


def test_warc_responses_carry_their_http_status_and_header_charset(tmp_path: Path) -> None:
    items = records_of(make_status_warc(tmp_path / "crawl.warc.gz"))
    assert [item.http_status for item in items] == [200, 301, 404, 200]
    assert [item.charset for item in items] == ["ISO-8859-1", None, "utf-8", "utf-8"]
    assert all(item.filtered is None and item.data for item in items)  # no status filter: all cleaned


def test_warc_responses_with_a_status_not_kept_are_filtered_unread(tmp_path: Path) -> None:
    from cleaner.filters import StatusFilter

    items = records_of(make_status_warc(tmp_path / "crawl.warc.gz"), statuses=StatusFilter())
    assert [(item.http_status, item.filtered) for item in items] == [
        (200, None),
        (301, "http-status"),
        (404, "http-status"),
        (200, None),
    ]
    assert items[1].data is None and items[1].error is None and items[1].url == "https://news.example.com/1"
    assert [item.source.rsplit("#", 1)[1] for item in items] == ["1", "2", "3", "4"]  # numbering unchanged


def test_several_directory_roots_keep_their_trees_apart(tmp_path: Path) -> None:
    for root in ("x/a", "y/a", "b"):
        (tmp_path / root / "sub").mkdir(parents=True)
        (tmp_path / root / "sub" / "page.html").write_text(page(1))
    (tmp_path / "b.html").write_text(page(2))
    paths = [str(tmp_path / p) for p in ("x/a", "y/a", "b", "b.html")]
    names = [item.name for item in read_inputs(paths, ReadOptions())]
    assert names == ["a/sub/page", "a-2/sub/page", "b/sub/page", "b"]
    assert [item.name for item in read_inputs(paths[:1], ReadOptions())] == ["sub/page"]  # one root: bare


def test_a_jsonl_record_reads_html_else_text_whichever_holds_a_page(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text(
        '{"html": "", "text": "A dump."}\n{"html": "<p>Page</p>", "text": "Dump"}\n{"html": null, "text": ""}\n'
    )
    items = records_of(tmp_path / "in.jsonl")
    assert [(item.data, item.kind) for item in items[:2]] == [("A dump.", "text"), ("<p>Page</p>", "html")]
    assert items[2].data is None and "no 'html' or 'text' field with a page" in items[2].error


def test_a_binary_column_page_comes_out_as_bytes() -> None:
    # A DataFrame's binary column holds bytearray; every reader hands the cleaner bytes or str.
    data, kind = page_of({"html": bytearray(b"<p>Page</p>")}, "html", "text") or (None, None)
    assert type(data) is bytes and data == b"<p>Page</p>" and kind == "html"
