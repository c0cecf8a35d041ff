"""A Scrapy item pipeline that cleans an item's HTML or text into the item.

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_HTML_FIELD = "html"        # read the page from here (bytes or str) ...
    CLEANER_TEXT_FIELD = "text"        # ... or a text dump from here
    CLEANER_URL_FIELD = "url"
    CLEANER_OUTPUT_FIELD = None        # None: document fields go into the item; else under this key
    CLEANER_KEEP_SOURCE = False        # keep the raw html/text field in the item
    CLEANER_INCLUDE_REMOVED = True     # keep the removal provenance
    CLEANER_DROP_EMPTY = False         # drop items whose clean text is empty
    CLEANER_RULE_DIRS = []             # extra rule directories
    CLEANER_DISABLE = []               # rule ids to turn off

Items the cleaner cannot clean are dropped (`DropItem` with the reason). Scrapy is not a
dependency of cleaner; this module only imports it when Scrapy loads the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..config import Config
from ..errors import CleanerError
from ..io.readers import no_page, page_of
from ..pipeline import Cleaner


@dataclass(frozen=True)
class ScrapyOptions:
    """Which item fields the pipeline reads and writes."""

    html_field: str = "html"
    text_field: str = "text"
    url_field: str = "url"
    output_field: str | None = None
    keep_source: bool = False
    include_removed: bool = True
    drop_empty: bool = False


class CleanerPipeline:
    """Cleans each item's html (or text) field and puts the document's fields into the item."""

    def __init__(self, config: Config | None = None, options: ScrapyOptions | None = None):
        self.config, self.options = config or Config(), options or ScrapyOptions()
        self.cleaner: Cleaner | None = None

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
            output_field=settings.get("CLEANER_OUTPUT_FIELD"),
            keep_source=settings.getbool("CLEANER_KEEP_SOURCE", False),
            include_removed=settings.getbool("CLEANER_INCLUDE_REMOVED", True),
            drop_empty=settings.getbool("CLEANER_DROP_EMPTY", False),
        )
        return cls(config, options)

    def open_spider(self, spider: Any = None) -> None:
        """Compile the rules once per crawl."""
        self._build()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with the document's fields, or DropItem saying why it could not be cleaned."""
        adapter = ItemAdapter(item)
        data, kind = self._source(adapter)
        url = adapter.get(self.options.url_field)
        try:
            doc = (self.cleaner or self._build()).clean(data, url=url, kind=kind)
        except CleanerError as err:
            raise DropItem(f"cleaner: {type(err).__name__}: {err}") from err
        if self.options.drop_empty and not doc.text:
            raise DropItem("cleaner: no body text left")
        fields = doc.to_dict(include_removed=self.options.include_removed)
        if not self.options.keep_source:
            for name in (self.options.html_field, self.options.text_field):
                adapter.pop(name, None)
        if self.options.output_field:
            adapter[self.options.output_field] = fields
        else:
            for key, value in fields.items():
                adapter[key] = value
        return item

    def _source(self, adapter: ItemAdapter) -> tuple[bytes | str, str]:
        found = page_of(adapter, self.options.html_field, self.options.text_field)
        if found is None:
            raise DropItem(f"cleaner: {no_page(self.options.html_field, self.options.text_field)}")
        return found

    def _build(self) -> Cleaner:
        self.cleaner = Cleaner(self.config)
        return self.cleaner
