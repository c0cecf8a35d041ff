"""The datatrove step in a real local datatrove pipeline: JSON Lines in, cleaned JSON Lines out."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from scale_fixtures import page

pytest.importorskip("datatrove")

from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Config  # noqa: E402
from cleaner.integrations.datatrove import CleanerExtractor  # noqa: E402

DUMP = "A text dump opens here, with a sentence of body text.\n\nALSO READ| A promotion\n\nIt ends here."


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def run_pipeline(tmp_path: Path, step: CleanerExtractor, tasks: int = 1) -> tuple[dict[str, dict], dict]:
    """Read tmp_path/in, clean, write tmp_path/out; the written documents by id and the step's stats
    (`stats`: counters, `time_stats`: its time per document)."""
    executor = LocalPipelineExecutor(
        [JsonlReader(str(tmp_path / "in")), step, JsonlWriter(str(tmp_path / "out"))],
        tasks=tasks,
        workers=tasks,
        logging_dir=str(tmp_path / "logs"),
    )
    executor.run()
    docs = {}
    for file in sorted((tmp_path / "out").glob("*.jsonl.gz")):
        for line in gzip.decompress(file.read_bytes()).decode().splitlines():
            doc = json.loads(line)
            docs[doc["id"]] = doc
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    return docs, next(step for step in stats if "cleaner" in step["name"])


@pytest.fixture
def crawl(tmp_path: Path) -> Path:
    write_jsonl(
        tmp_path / "in" / "a.jsonl",
        [
            {"id": "page", "text": page(1), "url": "https://news.example.com/1", "date": "crawled 2024-05-01"},
            {"id": "dump", "text": DUMP},
            {"id": "empty", "text": "   "},
        ],
    )
    write_jsonl(tmp_path / "in" / "b.jsonl", [{"id": "page2", "text": page(2), "title": "The reader's title"}])
    return tmp_path


def test_pages_become_clean_text_with_metadata_and_refusals_are_counted(crawl: Path) -> None:
    docs, step = run_pipeline(crawl, CleanerExtractor(), tasks=2)
    assert sorted(docs) == ["dump", "page", "page2"]
    meta = docs["page"]["metadata"]
    assert "council met" in docs["page"]["text"] and "ALSO READ" not in docs["page"]["text"]
    assert meta["title"] == "Story number 1" and meta["language"] == "en" and meta["source_kind"] == "html"
    assert meta["url"] == "https://news.example.com/story-1" and meta["input_date"] == "crawled 2024-05-01"
    assert docs["page2"]["metadata"]["input_title"] == "The reader's title"
    assert docs["dump"]["text"] == DUMP.replace("ALSO READ| A promotion\n\n", "")
    assert "removed" not in meta and meta["author"] is None  # one schema: every field on every document
    counts = step["stats"]
    assert counts["total"] == 4 and counts["forwarded"] == 3 and counts["dropped"] == counts["dropped_input"] == 1
    assert step["time_stats"]["n"] == 4  # every document timed


def test_removals_ride_along_on_request(crawl: Path) -> None:
    docs, _ = run_pipeline(crawl, CleanerExtractor(Config(disabled_rules=("generic.also-read",)), include_removed=True))
    assert "ALSO READ" in docs["page"]["text"]
    assert all(r["rule"] != "generic.also-read" for r in docs["dump"]["metadata"]["removed"])
    assert docs["page"]["metadata"]["removed"][0]["rule"].startswith("generic.")
