"""The Scrapy pipeline cleans crawled pages into items: real crawls of a local web server, and
real Items, dataclass items and dicts through the pipeline."""

import dataclasses
import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from scale_fixtures import BINARY, page

pytest.importorskip("scrapy")

import scrapy  # noqa: E402
from scrapy.exceptions import DropItem  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.integrations.scrapy import CleanerPipeline, ScrapyOptions  # noqa: E402

SPIDER = """
import dataclasses, json, sys
import scrapy
from itemadapter import ItemAdapter
from scrapy import Spider, signals
from scrapy.crawler import CrawlerProcess

from cleaner.integrations.scrapy import CleanerPipeline

site, feed, ticks_file, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
TICKS = [0]  # turns of the reactor so far, counted on the reactor thread


class Watched(CleanerPipeline):
    # The real pipeline, noting how often the reactor turned while the long page was cleaned, and
    # without the per-page time limit, which a busy machine could push the long page past.
    ticks_while_long = None

    @classmethod
    def from_crawler(cls, crawler):
        pipeline = super().from_crawler(crawler)
        pipeline.config = dataclasses.replace(pipeline.config, max_seconds=None)
        return pipeline

    def clean_item(self, item):
        url, before = str(ItemAdapter(item).get("url")), TICKS[0]
        try:
            return super().clean_item(item)
        finally:
            if url.endswith("/long.html"):
                Watched.ticks_while_long = TICKS[0] - before


class Page(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    title = scrapy.Field()
    input_title = scrapy.Field()
    text = scrapy.Field()


@dataclasses.dataclass
class Teaser:
    url: str | None = None
    html: bytes | None = None
    title: str | None = None
    text: str | None = None
    date: str | None = None


class Site(Spider):
    name = "site"
    start_urls = [site + "/index.html"]

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.opened, signals.spider_opened)
        crawler.signals.connect(spider.closed_, signals.spider_closed)
        return spider

    def opened(self):
        from twisted.internet import task
        self.ticker = task.LoopingCall(self.tick)
        self.ticker.start(0.01)

    def tick(self):
        TICKS[0] += 1

    def closed_(self):
        self.ticker.stop()
        stats = self.crawler.stats.get_stats()
        counts = {k: v for k, v in stats.items() if k.startswith("cleaner/")}
        with open(ticks_file, "w") as out:
            json.dump({"ticks_while_long": Watched.ticks_while_long, "counts": counts}, out)

    def parse(self, response):
        if response.url.endswith("index.html"):
            yield from response.follow_all(css="a", callback=self.parse)
            return
        if "story-1" in response.url:
            yield Page(url=response.url, html=response.body, title="The crawler's title")
        elif "story-2" in response.url:
            yield Teaser(url=response.url, html=response.body, title="The crawler's title")
        else:
            yield {"url": response.url, "html": response.body, "encoding": response.encoding, "crawl": "test"}


process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"__main__.Watched": 300},
    "CLEANER_INCLUDE_REMOVED": False,
    "CLEANER_THREADS": threads,
    "FEEDS": {feed: {"format": "jsonlines"}},
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
})
process.crawl(Site)
process.start()
"""

# Russian text in windows-1251 on a page whose template still declares latin-1: the server's
# Content-Type header is right, the page's meta is not (browsers and Scrapy trust the header).
RUSSIAN = (
    "Городской совет во вторник обсудил ремонт набережной и решил продлить работу библиотеки "
    "по выходным до конца года, выслушав жителей и представителей районов."
)
MISDECLARED = (
    "<html><head><meta charset='iso-8859-1'><title>Новости</title></head><body><article>"
    f"<h1>Новости города</h1><p>{RUSSIAN}</p><p>{RUSSIAN}</p></article></body></html>"
).encode("cp1251")


def long_page(paragraphs: int = 3000) -> str:
    """A page that takes cleaner a second or more: long enough to block a crawl if cleaned inline."""
    body = "".join(
        f"<p>Paragraph {n} of a very long report on the harbour works, with enough words to read as body "
        f"text in every way.</p><div class='share'><a href='/s{n}'>Share</a></div>"
        for n in range(paragraphs)
    )
    return f"<html><head><title>Long report</title></head><body><article><h1>Long</h1>{body}</article></body></html>"


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder; `*.cp1251.html` with the charset in the Content-Type header."""

    def guess_type(self, path: str) -> str:
        return "text/html; charset=windows-1251" if str(path).endswith(".cp1251.html") else super().guess_type(path)

    def log_message(self, *args) -> None:
        pass


def serve(root: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def site(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    names = ["story-1.html", "story-2.html", "news.cp1251.html", "long.html", "broken.html"]
    links = "".join(f'<a href="{name}">{name}</a>' for name in names)
    (root / "index.html").write_text(f"<html><body>{links}</body></html>")
    for n in (1, 2):
        (root / f"story-{n}.html").write_text(page(n))
    (root / "news.cp1251.html").write_bytes(MISDECLARED)
    (root / "long.html").write_text(long_page())
    (root / "broken.html").write_bytes(BINARY)
    server = serve(root)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def crawl(site: str, tmp_path: Path, threads: int) -> tuple[dict[str, dict], dict, str]:
    """Run the spider in its own process; the items by URL, the reactor measurements, the log."""
    feed, script, ticks = tmp_path / f"items-{threads}.jsonl", tmp_path / "crawl.py", tmp_path / f"ticks-{threads}.json"
    script.write_text(SPIDER)  # Scrapy reads the spider's source, so it must live in a file
    done = subprocess.run(
        [sys.executable, str(script), site, str(feed), str(ticks), str(threads)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = map(json.loads, feed.read_text().splitlines())
    items = {item["url"].rsplit("/", 1)[-1].removesuffix(".html"): item for item in rows}
    return items, json.loads(ticks.read_text()), done.stderr


def test_a_crawl_cleans_items_of_every_kind_off_the_reactor_thread(site: str, tmp_path: Path) -> None:
    items, measured, log = crawl(site, tmp_path, threads=2)
    assert sorted(items) == ["long", "news.cp1251", "story-1", "story-2"], log[-3000:]
    # A scrapy.Item: cleaner's fields where it declares them, the spider's title moved to input_title.
    assert items["story-1"] == {
        "url": "https://news.example.com/story-1",
        "title": "Story number 1",
        "input_title": "The crawler's title",
        "text": items["story-1"]["text"],
    }
    assert "council met" in items["story-1"]["text"] and "ALSO READ" not in items["story-1"]["text"]
    # A dataclass with no input_title: the spider's title stays, the undeclared fields are left out.
    assert items["story-2"]["title"] == "The crawler's title" and items["story-2"]["html"] is None
    assert "council met" in items["story-2"]["text"] and "author" not in items["story-2"]
    # A dict takes every field; the response's encoding decodes the bytes.
    news = items["news.cp1251"]
    assert RUSSIAN in news["text"] and news["language"] == "ru" and news["crawl"] == "test"
    assert "html" not in news and "removed" not in news
    assert "Dropped" in log and "binary data" in log and "Deprecat" not in log
    assert measured["counts"]["cleaner/cleaned"] == 4 and measured["counts"]["cleaner/dropped/input"] == 1
    assert measured["ticks_while_long"] > 0  # the reactor turned while the long page was cleaned


def test_cleaning_in_threads_keeps_the_reactor_turning(site: str, tmp_path: Path) -> None:
    # The long page takes a second or more of CPU to clean, on any machine. Inline, the reactor
    # cannot turn until it is done: its ticker (every 10 ms) counts nothing meanwhile. In a thread it
    # keeps turning, yielding only to the longest calls that hold the interpreter lock.
    _, threaded, _ = crawl(site, tmp_path, threads=1)
    _, inline, _ = crawl(site, tmp_path, threads=0)
    assert inline["ticks_while_long"] == 0, inline
    assert threaded["ticks_while_long"] >= 3, threaded


class Story(scrapy.Item):
    url = scrapy.Field()
    html = scrapy.Field()
    text = scrapy.Field()
    title = scrapy.Field()
    input_title = scrapy.Field()
    date = scrapy.Field()


@dataclasses.dataclass
class Record:
    url: str | None = None
    html: str | None = None
    text: str | None = None
    author: str | None = None


def pipeline(**options) -> CleanerPipeline:
    """A pipeline with its Cleaner built, cleaning in the calling thread."""
    built = CleanerPipeline(options=ScrapyOptions(threads=0, **options))
    built.open_spider()
    return built


def test_an_item_gets_only_the_fields_it_declares() -> None:
    item = pipeline().clean_item(Story(url="https://news.example.com/story-1", html=page(1)))
    assert isinstance(item, Story) and item["title"] == "Story number 1" and "html" not in item
    assert set(item.keys()) <= set(Story.fields) and "council met" in item["text"]


def test_a_spider_value_in_a_cleaner_field_moves_to_input_name() -> None:
    item = pipeline().clean_item(Story(url="u", html=page(1), title="Spider title", date="yesterday"))
    assert item["input_title"] == "Spider title" and item["title"] == "Story number 1"
    assert item["date"] == "yesterday"  # no input_date field: the spider's value stays


def test_a_dict_item_keeps_colliding_fields_as_input_names() -> None:
    item = pipeline().clean_item({"url": "u", "html": page(2), "title": "Spider title", "input_title": "older"})
    assert item["title"] == "Story number 2" and item["input_input_title"] == "Spider title"
    assert item["input_title"] == "older" and isinstance(item["removed"], list)


def test_a_kept_text_source_moves_aside_for_the_clean_text() -> None:
    dump = "A short text dump.\n\nALSO READ| a promotion\n\nIts second paragraph."
    item = pipeline(keep_source=True).clean_item({"text": dump})
    assert item["input_text"] == dump and "ALSO READ" not in item["text"]


def test_a_dataclass_item_is_cleaned_in_place() -> None:
    record = Record(url="https://news.example.com/story-1", html=page(1))
    assert pipeline().clean_item(record) is record
    assert record.html is None and "council met" in record.text and record.author is None


def test_bytes_are_decoded_with_the_item_encoding_over_the_page_declaration() -> None:
    assert RUSSIAN not in Cleaner().clean(MISDECLARED).text  # the page's own meta misleads
    item = pipeline().clean_item({"html": MISDECLARED, "encoding": "cp1251"})
    assert RUSSIAN in item["text"] and item["encoding"] == "cp1251"


def test_an_unknown_encoding_falls_back_to_cleaner_decoding() -> None:
    item = pipeline().clean_item({"html": page(1).encode(), "encoding": "no-such-charset"})
    assert item["title"] == "Story number 1"


def test_an_item_without_a_page_is_dropped_with_the_reason() -> None:
    with pytest.raises(DropItem, match="no 'html' or 'text' field"):
        pipeline().clean_item(Story(url="u"))
