"""A Scrapy item pipeline that cleans an item's HTML or text into the item, off the reactor thread.

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_HTML_FIELD = "html"        # read the page from here (bytes or str) ...
    CLEANER_TEXT_FIELD = "text"        # ... or a text dump from here
    CLEANER_URL_FIELD = "url"
    CLEANER_ENCODING_FIELD = "encoding"  # bytes are decoded with this (the spider's response.encoding)
    CLEANER_OUTPUT_FIELD = None        # None: document fields go into the item; else under this key
    CLEANER_KEEP_SOURCE = False        # keep the raw html/text field in the item
    CLEANER_INCLUDE_REMOVED = True     # keep the removal provenance
    CLEANER_DROP_EMPTY = False         # drop items whose clean text is empty
    CLEANER_THREADS = 1                # cleaning threads; 0 cleans on the reactor thread (blocks the crawl)
    CLEANER_RULE_DIRS = []             # extra rule directories
    CLEANER_DISABLE = []               # rule ids to turn off

Any item type Scrapy supports works (dicts, `scrapy.Item`, dataclass and attrs items), through
`itemadapter`. A document field goes into the item when the item takes it: a dict takes every
field, an Item or dataclass only the fields it declares; the others are left out (logged once per
item class). A value the spider already put in a field cleaner writes (`title`, `date`, ...)
moves to `input_<name>` when the item takes that name, the rule JSON Lines input follows;
otherwise the spider's value stays and cleaner's is left out. Items the cleaner cannot clean are
dropped (`DropItem` with the reason). Scrapy is not a dependency of cleaner; this module only
imports it when Scrapy loads the pipeline.
"""

from __future__ import annotations

import codecs
import logging
import queue
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThreadPool
from twisted.python.threadable import isInIOThread
from twisted.python.threadpool import ThreadPool

from ..config import Config
from ..document import Document
from ..errors import CleanerError
from ..io.readers import no_page, page_of, passthrough
from ..limits import is_gzip
from ..pipeline import Cleaner

LOG = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScrapyOptions:
    """Which item fields the pipeline reads and writes, and how many threads clean."""

    html_field: str = "html"
    text_field: str = "text"
    url_field: str = "url"
    encoding_field: str = "encoding"
    output_field: str | None = None
    keep_source: bool = False
    include_removed: bool = True
    drop_empty: bool = False
    threads: int = 1


@dataclass(frozen=True)
class Source:
    """What an item gives the cleaner: the page, its kind, the field it came from, its URL."""

    data: bytes | str
    kind: str
    field: str
    url: str | None


class CleanerPipeline:
    """Cleans each item's html (or text) field in a thread pool and puts the document's fields into the item."""

    def __init__(self, config: Config | None = None, options: ScrapyOptions | None = None, stats: Any = None):
        self.config, self.options, self.stats = config or Config(), options or ScrapyOptions(), stats
        self._idle: queue.SimpleQueue[Cleaner] = queue.SimpleQueue()  # one Cleaner per busy thread
        self._pool: ThreadPool | None = None
        self._reported: set[tuple[type, str]] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        settings = crawler.settings
        config = Config(
            rule_dirs=tuple(settings.getlist("CLEANER_RULE_DIRS")),
            disabled_rules=tuple(settings.getlist("CLEANER_DISABLE")),
        )
        options = ScrapyOptions(
            html_field=settings.get("CLEANER_HTML_FIELD", "html"),
            text_field=settings.get("CLEANER_TEXT_FIELD", "text"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            encoding_field=settings.get("CLEANER_ENCODING_FIELD", "encoding"),
            output_field=settings.get("CLEANER_OUTPUT_FIELD"),
            keep_source=settings.getbool("CLEANER_KEEP_SOURCE", False),
            include_removed=settings.getbool("CLEANER_INCLUDE_REMOVED", True),
            drop_empty=settings.getbool("CLEANER_DROP_EMPTY", False),
            threads=settings.getint("CLEANER_THREADS", 1),
        )
        return cls(config, options, crawler.stats)

    def open_spider(self, spider: Any = None) -> None:
        """Compile the rules once (a bad rule file stops the crawl here) and start the cleaning threads."""
        self._idle.put(Cleaner(self.config))
        if self.options.threads > 0:
            self._pool = ThreadPool(minthreads=0, maxthreads=self.options.threads, name="cleaner")
            self._pool.start()

    def close_spider(self, spider: Any = None) -> None:
        """Stop the cleaning threads once the last item is through."""
        if self._pool is not None:
            self._pool.stop()
            self._pool = None

    async def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with the document's fields, or DropItem saying why; cleaned off the reactor thread."""
        if self._pool is None:
            return self.clean_item(item)
        from twisted.internet import reactor  # the crawl's reactor, installed by Scrapy before this runs

        return await maybe_deferred_to_future(deferToThreadPool(reactor, self._pool, self.clean_item, item))

    def clean_item(self, item: Any) -> Any:
        """Clean one item in the calling thread (the pool's, or the reactor's with CLEANER_THREADS = 0)."""
        adapter = ItemAdapter(item)
        source = self.source(adapter)
        try:
            doc = self._clean(source)
        except CleanerError as err:
            self._count(f"dropped/{err.kind}")
            raise DropItem(f"cleaner: {type(err).__name__}: {err}") from err
        if self.options.drop_empty and not doc.text:
            self._count("dropped/empty")
            raise DropItem("cleaner: no body text left")
        self._count("cleaned")
        self.fill(adapter, source, doc)
        return item

    def source(self, adapter: ItemAdapter) -> Source:
        """The item's page (html first, then text), decoded with the item's encoding when it is bytes."""
        url = adapter.get(self.options.url_field)
        found = page_of(adapter, self.options.html_field, self.options.text_field)
        if found is None:
            self._count("dropped/no-source")
            raise DropItem(f"cleaner: {no_page(self.options.html_field, self.options.text_field)}")
        value, kind = found
        name = self.options.html_field if kind == "html" else self.options.text_field
        data = decoded(value, adapter.get(self.options.encoding_field))
        return Source(data, kind, name, url if isinstance(url, str) else None)

    def fill(self, adapter: ItemAdapter, source: Source, doc: Document) -> None:
        """Write the document's fields where the item takes them, moving the spider's own values aside."""
        fields = doc.to_dict(include_removed=self.options.include_removed)
        if self.options.output_field:
            fields = {self.options.output_field: fields}
        consumed = {self.options.url_field} if self.options.keep_source else {self.options.url_field, source.field}
        for name in consumed - {self.options.url_field}:
            adapter.pop(name, None)
        kept = self._move_aside(adapter, fields, consumed)
        refused = [name for name, value in fields.items() if name not in kept and not _put(adapter, name, value)]
        self._report(adapter, [*kept, *refused])

    def _move_aside(self, adapter: ItemAdapter, fields: dict[str, Any], consumed: set[str]) -> set[str]:
        """Move the spider's values in fields cleaner writes to `input_<name>`; the names whose value must stay."""
        own = {name: value for name, value in adapter.items() if name not in consumed and value is not None}
        stays = set()
        for name, new_name in zip(own, passthrough(own), strict=True):
            if name not in fields or new_name == name:
                continue
            if _put(adapter, new_name, own[name]):
                adapter.pop(name, None)
            else:
                stays.add(name)
        return stays

    def _clean(self, source: Source) -> Document:
        """Clean with an idle Cleaner, or a new one: no two threads ever share one."""
        try:
            cleaner = self._idle.get_nowait()
        except queue.Empty:
            cleaner = Cleaner(self.config)
        try:
            return cleaner.clean(source.data, url=source.url, kind=source.kind)
        finally:
            self._idle.put(cleaner)

    def _count(self, key: str) -> None:
        """Count an outcome in the crawl's stats (`cleaner/cleaned`, `cleaner/dropped/<kind>`) on the reactor thread."""
        if self.stats is None:
            return
        if isInIOThread():
            self.stats.inc_value(f"cleaner/{key}")
        else:
            from twisted.internet import reactor

            reactor.callFromThread(self.stats.inc_value, f"cleaner/{key}")

    def _report(self, adapter: ItemAdapter, left_out: Iterable[str]) -> None:
        """Say once per item class which document fields it had no room for."""
        names = sorted(left_out)
        key = (type(adapter.item), ",".join(names))
        if names and key not in self._reported:
            self._reported.add(key)
            LOG.info(
                "cleaner: %s items leave out the document fields %s (the item does not declare them, "
                "or the spider's own value stays)",
                type(adapter.item).__name__,
                ", ".join(names),
            )


def decoded(data: bytes | str, encoding: Any) -> bytes | str:
    """Bytes decoded with the response's encoding (as Scrapy's `response.encoding` names it, header
    first), so the page's own declaration or detection cannot overrule the server; without a
    usable encoding, or gzipped, the bytes go on to cleaner's own decoding."""
    if isinstance(data, str) or not isinstance(encoding, str) or not encoding or is_gzip(data):
        return data
    try:
        codecs.lookup(encoding)
    except LookupError:
        LOG.warning("cleaner: unknown encoding %r; the page's own declaration or detection decides", encoding)
        return data
    return data.decode(encoding, errors="replace").removeprefix("\ufeff")


def _put(adapter: ItemAdapter, name: str, value: Any) -> bool:
    """Set a field if the item takes it (a dict takes any; a declared item only its fields)."""
    try:
        adapter[name] = value
    except KeyError:
        return False
    return True
