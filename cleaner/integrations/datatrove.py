"""A datatrove pipeline step: each Document's html (or text dump) in `text` becomes clean text, the
page's metadata goes into `document.metadata`, and pages that cannot be cleaned are dropped and counted.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerExtractor

    LocalPipelineExecutor([JsonlReader("crawl/"), CleanerExtractor(), JsonlWriter("clean/")], tasks=4).run()

datatrove is not a dependency of cleaner (`pip install '.[datatrove]'` from a cleaner checkout).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document as DatatroveDocument
from datatrove.data import DocumentsPipeline
from datatrove.pipeline.base import PipelineStep
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from ..config import Config
from ..document import Document
from ..errors import CleanerError
from ..io.readers import passthrough
from ..pipeline import Cleaner

# The document fields written into `metadata`, every one on every document (None when unknown),
# so columnar writers see one schema.
METADATA_FIELDS = (
    "title",
    "author",
    "authors",
    "date",
    "modified",
    "url",
    "hostname",
    "sitename",
    "language",
    "source_kind",
)


class CleanerExtractor(PipelineStep):
    """Cleans each Document's `text` (HTML or a text dump) in place and adds the page's metadata.

    Drops (counted by reason, as `dropped_<kind>`): pages cleaner refuses (binary, empty, too
    large, too deep, over `Config.max_seconds`) and, with `drop_empty`, pages with no body left.
    The input URL is read from `metadata[url_key]`; a metadata value cleaner overwrites (a
    reader's `date`, say) moves to `input_<name>`, the rule cleaner's JSON Lines input follows.
    """

    name = "🧹 cleaner"
    type = "🛢 - EXTRAC"

    def __init__(
        self, config: Config | None = None, url_key: str = "url", include_removed: bool = False, drop_empty: bool = True
    ):
        super().__init__()
        self.config, self.url_key = config or Config(), url_key
        self.include_removed, self.drop_empty = include_removed, drop_empty
        self._warned = False

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[DatatroveDocument]:
        """Clean every document with one Cleaner per task (rules compiled once), each timed."""
        if not data:
            return
        cleaner = Cleaner(self.config)
        for doc in data:
            self.stat_update(StatHints.total)
            with self.track_time():
                kept = self.clean_document(cleaner, doc)
            if kept:
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc
            else:
                self.stat_update(StatHints.dropped)

    def clean_document(self, cleaner: Cleaner, doc: DatatroveDocument) -> bool:
        """Write the clean text and metadata into the document; False when it is to be dropped."""
        url = doc.metadata.get(self.url_key)
        try:
            cleaned = cleaner.clean(doc.text, url=url if isinstance(url, str) else None)
        except CleanerError as err:
            self.stat_update(f"dropped_{err.kind}")
            logger.debug(f"cleaner: dropped {doc.id}: {type(err).__name__}: {err}")
            return False
        except Exception as err:  # noqa: BLE001 - one bad page never stops a task
            self.stat_update("clean_error")
            if not self._warned:
                logger.warning(f"cleaner: {type(err).__name__} on {doc.id}: {err} (this message appears once)")
                self._warned = True
            return False
        if self.drop_empty and not cleaned.text:
            self.stat_update("dropped_empty")
            return False
        doc.text = cleaned.text
        doc.metadata = self.metadata(doc.metadata, cleaned)
        self.stat_update("removals", value=len(cleaned.removed))
        return True

    def metadata(self, metadata: dict[str, Any], cleaned: Document) -> dict[str, Any]:
        """The reader's metadata with cleaner's fields added; a reader's value in one of them moves aside."""
        record = cleaned.to_dict(include_removed=self.include_removed)
        written = {name: record.get(name) for name in METADATA_FIELDS}
        if self.include_removed:
            written["removed"] = record["removed"]
        own = {key: value for key, value in metadata.items() if key != self.url_key}
        kept = {
            (new if key in written else key): value
            for (key, value), new in zip(own.items(), passthrough(own), strict=True)
        }
        return {**kept, **written}
