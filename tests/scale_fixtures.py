"""Small inputs for the crawl-scale tests: pages, a JSON Lines file, a WARC, a stuck cleaner."""

from __future__ import annotations

import gzip
import io
import json
import signal
import time
from pathlib import Path

PAGE = """<!doctype html><html><head><title>{title}</title>
<meta property="og:url" content="https://news.example.com/{slug}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
<p>{title} is the story of the day, and this first paragraph says so at some length so that the
extractor takes it for body text rather than for navigation or a caption.</p>
<p>A second paragraph adds detail: the council met on Tuesday, heard from residents and voted to
keep the library open on weekends through the end of the year.</p>
<p>ALSO READ| Something else entirely that is only a promotion</p>
</article><footer>Copyright 2024 Example News</footer></body></html>"""

TEXT = "First paragraph of a plain text dump.\n\nSecond paragraph, after a blank line.\n"
BINARY = b"\x00\x01\x02\x03binary\x00\x00\x00"

# A rule whose regex backtracks for ever on a long run of 'a' and a '!': it stands for any
# document that gets stuck in C code, where no in-process timer can interrupt it.
HANGING_TEXT = "This document never finishes."


class StuckCleaner:
    """A Cleaner that, on HANGING_TEXT, blocks SIGALRM and sleeps: like a page stuck in native
    code, which the in-process time limit cannot interrupt, so only the runner's kill can."""

    def __init__(self, config):
        from cleaner import Cleaner

        self.inner = Cleaner(config)

    def clean(self, data, url=None, kind=None, extra=None):
        if data == HANGING_TEXT:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        return self.inner.clean(data, url=url, kind=kind, extra=extra)


def page(number: int) -> str:
    return PAGE.format(title=f"Story number {number}", slug=f"story-{number}")


def make_tree(root: Path) -> Path:
    """A directory: two pages (one gzipped, one in a subfolder), a text dump, a broken file."""
    (root / "sub").mkdir(parents=True)
    (root / "one.html").write_text(page(1), encoding="utf-8")
    (root / "sub" / "two.html.gz").write_bytes(gzip.compress(page(2).encode()))
    (root / "notes.txt").write_text(TEXT, encoding="utf-8")
    (root / "broken.html").write_bytes(BINARY)
    (root / "skip.css").write_text("body {}", encoding="utf-8")
    return root


def make_jsonl(path: Path, count: int = 3, broken: bool = False) -> Path:
    """`count` records with html, url, id and a pass-through field; optionally a bad line."""
    lines = [
        json.dumps(
            {
                "id": f"doc-{n}",
                "html": page(n),
                "url": f"https://news.example.com/{n}",
                "crawl": {"batch": 7},
            }
        )
        for n in range(count)
    ]
    if broken:
        lines.insert(1, "{not json")
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def make_warc(path: Path, count: int = 2) -> Path:
    """A gzipped WARC: `count` HTML responses, one image response, one request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for n in range(count):
            writer.write_record(
                _response(
                    writer,
                    StatusAndHeaders,
                    n,
                    "text/html; charset=utf-8",
                    undated_page(n).encode(),
                )
            )
        writer.write_record(_response(writer, StatusAndHeaders, 99, "image/png", b"\x89PNG"))
        writer.write_record(
            writer.create_warc_record(
                "https://news.example.com/0",
                "request",
                payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            )
        )
    return path


def _response(writer, headers_type, n: int, content_type: str, body: bytes):
    http = headers_type("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(
        f"https://news.example.com/{n}",
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2021-03-04T05:06:07Z"},
    )


def read_jsonl(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def undated_page(number: int) -> str:
    """A page with no date anywhere, so the WARC-Date fallback shows."""
    return page(number).replace("Copyright 2024 ", "")


LATIN1_PAGE = (
    "<html><head><title>Le café de la gare</title></head><body><article><h1>Le café de la gare</h1>"
    "<p>Le café de la gare a réouvert ses portes à l'été, après des travaux d'agrandissement qui ont "
    "duré près d'un an. « Nous étions très impatients », dit la gérante, qui a reçu ses premiers "
    "clients dès sept heures.</p><p>La mairie a financé une partie des travaux ; les habitués du "
    "quartier saluent un lieu plus clair et plus accueillant qu'auparavant.</p></article></body></html>"
)


def make_status_warc(path: Path) -> Path:
    """A WARC with real warcio records: a 200 page in latin-1 whose charset is only in the HTTP
    header, a 301 redirect, a 404 page and a 200 page in UTF-8."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    responses = [
        ("200 OK", "text/html; charset=ISO-8859-1", [], LATIN1_PAGE.encode("latin-1")),
        (
            "301 Moved Permanently",
            "text/html",
            [("Location", "https://news.example.com/new")],
            b"<html><body><p>Moved <a href='/new'>here</a>.</p></body></html>",
        ),
        ("404 Not Found", "text/html; charset=utf-8", [], b"<html><body><h1>Not found</h1></body></html>"),
        ("200 OK", "text/html; charset=utf-8", [], undated_page(3).encode()),
    ]
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.suffix == ".gz")
        for n, (status, content_type, more, body) in enumerate(responses):
            http = StatusAndHeaders(status, [("Content-Type", content_type), *more], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    f"https://news.example.com/{n}",
                    "response",
                    payload=io.BytesIO(body),
                    http_headers=http,
                    warc_headers_dict={"WARC-Date": "2021-03-04T05:06:07Z"},
                )
            )
    return path
