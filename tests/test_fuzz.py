"""Hostile and broken input: every input yields a document or a CleanerError, within the limit.

Hypothesis runs each property a bounded number of times in CI (profile `ci`);
`benchmarks/reliability.py` makes the same kinds of input from the same pieces
(`benchmarks/hostile.py`) for longer.
"""

from __future__ import annotations

import gzip
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from timing import cpu_timer

from benchmarks.hostile import ACTUAL_ENCODINGS, DECLARED_CHARSETS, ENTITIES, NEWLINES, SCRIPTS, TAGS, WORDS
from cleaner import Cleaner, CleanerError, Config, Document
from cleaner.cli import main as cli_main

# Each input may cost at most the default time limit's worth of CPU (and a second more). The
# Cleaner's own limit counts wall-clock time, which runs far ahead of CPU time on a loaded machine,
# so here it is set well above that bound: it cannot fire on an input within the bound. The limit
# itself is tested in test_limits.py and test_time_limits.py, on inputs that exceed it by construction.
LIMIT_SECONDS = Config().max_seconds
WALL_LIMIT_SECONDS = 120


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Config(max_seconds=WALL_LIMIT_SECONDS))


def outcome(cleaner: Cleaner, data: bytes | str, **kwargs) -> Document | CleanerError:
    """A document or the CleanerError that says why not; anything else fails the test."""
    with cpu_timer() as timer:
        try:
            result: Document | CleanerError = cleaner.clean(data, **kwargs)
        except CleanerError as err:
            assert str(err), "an error record must say why"
            result = err
    assert timer.seconds < LIMIT_SECONDS + 1
    if isinstance(result, Document):
        json.dumps(result.to_dict(), ensure_ascii=False)  # serialisable, surrogates and all
    return result


@st.composite
def html_soup(draw) -> str:
    """Tag soup: opening, closing and self-closing tags, text and attributes, unbalanced."""
    pieces = []
    for _ in range(draw(st.integers(0, 60))):
        tag = draw(st.sampled_from(TAGS))
        kind = draw(st.sampled_from(["open", "close", "text", "attr", "entity"]))
        if kind == "open":
            pieces.append(f"<{tag}>")
        elif kind == "close":
            pieces.append(f"</{tag}>")
        elif kind == "attr":
            value = draw(st.text(max_size=20)).replace('"', "")
            pieces.append(f'<{tag} class="{value}" charset="{value}">')
        elif kind == "entity":
            pieces.append(draw(st.sampled_from(ENTITIES)))
        else:
            pieces.append(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=30))))
    return "".join(pieces)


TEXTS = st.lists(st.sampled_from((*WORDS, *SCRIPTS, *NEWLINES, "\0")), max_size=200).map(" ".join)


@given(st.binary(max_size=4000))
def test_arbitrary_bytes(cleaner, data):
    outcome(cleaner, data)


@given(st.text(max_size=2000))
def test_arbitrary_text(cleaner, text):
    outcome(cleaner, text)


@given(html_soup(), st.integers(0, 5000))
def test_truncated_and_unbalanced_html(cleaner, soup, cut):
    page = soup[:cut]
    outcome(cleaner, page, kind="html")
    outcome(cleaner, page.encode("utf-8", "surrogatepass"))


@given(TEXTS)
def test_mixed_scripts_rtl_emoji_combining_marks_and_newlines(cleaner, text):
    outcome(cleaner, text)
    outcome(cleaner, f"<html><body><article><p>{text}</p></article></body></html>")


@given(
    html_soup(),
    st.sampled_from(DECLARED_CHARSETS),
    st.sampled_from(ACTUAL_ENCODINGS),
)
def test_charset_declarations_that_lie(cleaner, soup, declared, actual):
    page = f'<html><head><meta charset="{declared}"></head><body><p>{soup} Ünïcödé ✓ 中文</p>'
    outcome(cleaner, page.encode(actual, "replace"))


@given(html_soup(), st.integers(1, 400))
def test_truncated_gzip(cleaner, soup, cut):
    data = gzip.compress(("<html><body><p>" + soup + " the budget</p>").encode("utf-8", "replace"))
    result = outcome(cleaner, data[: max(2, len(data) - cut)])
    assert isinstance(result, CleanerError)


def test_gzip_expanding_past_the_limit_is_refused():
    small = Cleaner(Config(max_input_bytes=100_000, detect_language=False, max_seconds=WALL_LIMIT_SECONDS))
    assert isinstance(outcome(small, gzip.compress(b"<p>" + b"a" * 5_000_000)), CleanerError)


@pytest.mark.parametrize("tag", ["div", "span", "p", "table", "li", "b"])
def test_nesting_100000_deep(cleaner, tag):
    depth = 100_000
    page = f"<html><body>{f'<{tag}>' * depth}Deep text that should not crash.{f'</{tag}>' * depth}"
    outcome(cleaner, page)


def test_nesting_100000_deep_unclosed(cleaner):
    outcome(cleaner, "<html><body>" + "<div><span>" * 50_000 + "Never closed.")


@pytest.mark.parametrize(
    "data",
    [
        b"\0" * 1000,
        b"Hello\0world.\n" * 100,
        "Text with \0 NULs\0 inside.\n" * 50,
        b"<html><body><p>Null\0in\0the\0markup</p></body></html>",
        b"<p>\0</p>" * 300,
    ],
)
def test_nul_bytes(cleaner, data):
    outcome(cleaner, data)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028", "\x85"])
def test_every_newline_convention_splits_paragraphs(cleaner, newline):
    text = newline.join(["First paragraph of the story.", "", "Second paragraph follows here."])
    doc = outcome(cleaner, text.encode("utf-8"))
    assert "First paragraph of the story." in doc.text
    assert "Second paragraph follows here." in doc.text
    assert "\r" not in doc.text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n\t ",
        b"\xff\xfe",
        b"\xef\xbb\xbf",
        b"\x1f\x8b",
        b"\x89PNG\r\n\x1a\n" + bytes(300),
        "\ud800 lone surrogate".encode("utf-8", "surrogatepass"),
        "\ud800 lone surrogate",
        b"<",
        b"<!--",
        b"<?xml version='1.0'?>",
        b"<html>",
        b"</html>",
        "\ufeff",
        "a" * 50_000,
    ],
)
def test_degenerate_inputs(cleaner, data):
    outcome(cleaner, data)


def test_cli_writes_one_record_per_hostile_file(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    hostile = {
        "binary.html": bytes(range(256)) * 10,
        "empty.txt": b"",
        "nul.txt": b"a\0b\0" * 100,
        "deep.html": b"<div>" * 100_000 + b"deep",
        "liar.html": '<meta charset="utf-8"><p>é'.encode("latin-1"),
        "crlf.txt": b"One line.\r\nTwo line.\rThree.",
        "ok.txt": b"Plain words.",
        "gz.html": gzip.compress(b"<p>zipped page body</p>")[:-5],
    }
    for name, data in hostile.items():
        (inputs / name).write_bytes(data)
    out = tmp_path / "out.jsonl"
    code = cli_main(["clean", str(inputs), "-o", str(out), "--format", "jsonl"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert code in (0, 1)
    assert sorted(r["source"].rsplit("/", 1)[-1] for r in records) == sorted(hostile)
    assert {r["status"] for r in records} <= {"ok", "error"}
