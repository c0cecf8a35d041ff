"""The Scrapy pipeline cleans crawled pages into items: a real crawl of a local web server."""

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

SPIDER = """
import sys
from scrapy import Spider
from scrapy.crawler import CrawlerProcess

class Site(Spider):
    name = "site"
    start_urls = [sys.argv[1] + "/index.html"]

    def parse(self, response):
        if response.url.endswith("index.html"):
            yield from response.follow_all(css="a", callback=self.parse)
            return
        yield {"url": response.url, "html": response.body, "crawl": "test"}

process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
    "CLEANER_INCLUDE_REMOVED": False,
    "FEEDS": {sys.argv[2]: {"format": "jsonlines"}},
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": False,
    "ROBOTSTXT_OBEY": False,
})
process.crawl(Site)
process.start()
"""


@pytest.fixture
def site(tmp_path: Path):
    root = tmp_path / "site"
    root.mkdir()
    links = "".join(f'<a href="story-{n}.html">{n}</a>' for n in (1, 2))
    (root / "index.html").write_text(
        f"<html><body>{links}<a href='broken.html'>x</a></body></html>"
    )
    for n in (1, 2):
        (root / f"story-{n}.html").write_text(page(n))
    (root / "broken.html").write_bytes(BINARY)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def test_a_crawl_yields_clean_items_and_drops_pages_that_cannot_be_cleaned(
    site: str, tmp_path: Path
) -> None:
    feed, script = tmp_path / "items.jsonl", tmp_path / "crawl.py"
    script.write_text(SPIDER)  # Scrapy reads the spider's source, so it must live in a file
    done = subprocess.run(
        [sys.executable, str(script), site, str(feed)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    items = sorted(
        (json.loads(line) for line in feed.read_text().splitlines()), key=lambda i: i["url"]
    )
    assert [item["title"] for item in items] == ["Story number 1", "Story number 2"], done.stderr[
        -3000:
    ]
    assert all(
        "html" not in item and "removed" not in item and item["crawl"] == "test" for item in items
    )
    assert "ALSO READ" not in items[0]["text"] and "council met" in items[0]["text"]
    assert "Dropped" in done.stderr and "binary data" in done.stderr
