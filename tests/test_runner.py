"""Runners: one output record per input record, in order, with stats; stuck workers replaced."""

from pathlib import Path

import pytest
from processes import SlowStartCleaner
from scale_fixtures import HANGING_TEXT, StuckCleaner, page

from cleaner.config import Config
from cleaner.filters import Filters
from cleaner.io.readers import InputRecord
from cleaner.runner import SECONDS_KEY, Pool, RunOptions, Stats, run


def inputs(count: int) -> list[InputRecord]:
    items = [InputRecord(f"doc-{n}", page(n), url=f"https://news.example.com/{n}") for n in range(count)]
    items.insert(2, InputRecord("bad", b"\x00\x01\x02\x00\x00\x00\x00"))
    items.insert(4, InputRecord("unread", None, error="bad JSON: oops"))
    return items


def test_stats_merge_adds_every_count() -> None:
    one, two = Stats(), Stats()
    one.add({"status": "ok", "removed": [{"rule": "r.a"}]})
    two.add({"status": "error", "error_kind": "input"})
    two.add({"status": "ok", "removed": [{"rule": "r.a"}, {"rule": "r.b"}]})
    merged = one.merge(two)
    assert (merged.inputs, merged.ok, merged.errors["input"], merged.rules["r.a"]) == (3, 2, 1, 2)


def test_filtered_and_skipped_records_are_counted_apart_from_errors_and_merge() -> None:
    one, two = Stats(), Stats()
    one.add({"status": "filtered", "filter_reason": "too-short"}, seconds=0.5)
    one.add({"status": "filtered", "filter_reason": "http-status", "http_status": 301})
    two.add({"status": "filtered", "filter_reason": "http-status", "http_status": 404}, seconds=1.5)
    merged = one.merge(two)
    assert (merged.inputs, merged.ok, dict(merged.errors)) == (3, 0, {})
    assert dict(merged.filtered) == {"too-short": 1} and merged.status_classes() == {"3xx": 1, "4xx": 1}
    assert (merged.clean_seconds, merged.slowest) == (2.0, 1.5)


def test_a_record_the_writer_changed_is_recounted_and_leaves_no_empty_count() -> None:
    stats = Stats()
    stats.add({"status": "filtered", "filter_reason": "language"})
    stats.recount({"status": "filtered", "filter_reason": "language"}, {"status": "error", "error_kind": "path"})
    assert dict(stats.filtered) == {} and dict(stats.errors) == {"path": 1}
    stats.recount({"status": "error", "error_kind": "path"}, {"status": "ok"})
    assert not stats.errors and stats.ok == 1  # an empty Counter: the exit code stays 0


def test_filters_turn_ok_records_into_filtered_ones_in_the_run() -> None:
    items = [
        InputRecord("short", "Tiny.", kind="text"),
        InputRecord("long", "A paragraph long enough to be kept by the filter.", kind="text"),
    ]
    stats = Stats()
    options = RunOptions(in_process=True, filters=Filters(min_length=20))
    records = [r for _, r in run(Config(detect_language=False), options, items, stats)]
    assert [(r["status"], r.get("filter_reason")) for r in records] == [("filtered", "too-short"), ("ok", None)]
    assert dict(stats.filtered) == {"too-short": 1} and stats.ok == 1 and stats.clean_seconds > 0
    assert all(SECONDS_KEY not in r for r in records)


@pytest.mark.parametrize(("documents", "started"), [(1, 1), (3, 1), (12, 2)])
def test_workers_start_as_the_input_fills_batches(documents: int, started: int) -> None:
    # each worker builds its own Cleaner: a run of one page starts one, a long input all of them
    pool = Pool(Config(detect_language=False), RunOptions(jobs=2, batch_size=4))
    items = [InputRecord(f"doc-{n}", page(n)) for n in range(documents)]
    try:
        assert [record["status"] for _, record in pool.results(items)] == ["ok"] * documents
        assert len(pool.workers) == started
    finally:
        pool.close()


def test_workers_return_the_same_records_in_the_same_order_as_in_process() -> None:
    config = Config(detect_language=False)
    serial = [r for _, r in run(config, RunOptions(in_process=True), inputs(12), Stats())]
    parallel = [r for _, r in run(config, RunOptions(jobs=2, batch_size=3), inputs(12), Stats())]
    assert parallel == serial
    assert [r["status"] for r in serial].count("error") == 2 and len(serial) == 14


def test_unordered_run_still_yields_every_record_once() -> None:
    stats = Stats()
    results = list(
        run(
            Config(detect_language=False),
            RunOptions(jobs=2, batch_size=2, ordered=False),
            inputs(8),
            stats,
        )
    )
    assert sorted(item.source for item, _ in results) == sorted(item.source for item in inputs(8))
    assert (stats.inputs, stats.ok, dict(stats.errors)) == (10, 8, {"input": 1, "read": 1})


def test_a_document_stuck_in_c_code_is_killed_and_the_run_goes_on(tmp_path: Path) -> None:
    config = Config(detect_language=False, max_seconds=1)
    items = [
        InputRecord("before", "A fine paragraph.", kind="text"),
        InputRecord("stuck", HANGING_TEXT, kind="text"),
        *(InputRecord(f"after-{n}", f"Paragraph {n}.", kind="text") for n in range(5)),
    ]
    options = RunOptions(jobs=1, batch_size=4, cleaner_factory=StuckCleaner)
    records = [r for _, r in run(config, options, items, Stats())]
    assert [r["source"] for r in records] == [item.source for item in items]
    assert records[1]["status"] == "error" and records[1]["error_kind"] == "timeout"
    assert all(r["status"] == "ok" for i, r in enumerate(records) if i != 1)


@pytest.mark.parametrize("jobs", [0])
def test_default_jobs_means_one_worker_per_core(jobs: int) -> None:
    assert RunOptions(jobs=jobs).workers >= 1


def test_the_time_limit_starts_when_a_worker_is_ready_not_while_it_loads() -> None:
    config = Config(detect_language=False, max_seconds=2)  # a limit a short document meets on a busy machine
    items = [InputRecord(f"doc-{n}", f"Paragraph {n}.", kind="text") for n in range(3)]
    options = RunOptions(jobs=2, batch_size=1, cleaner_factory=SlowStartCleaner)
    records = [r for _, r in run(config, options, items, Stats())]
    assert [r["status"] for r in records] == ["ok"] * 3


def test_the_window_is_bounded_in_bytes_as_well_as_documents() -> None:
    read: list[int] = []

    def items():
        for n in range(30):
            read.append(n)
            yield InputRecord(f"doc-{n}", "Words of a long plain text dump. " * 3000, kind="text")  # 99 kB

    options = RunOptions(jobs=1, batch_size=8, window_bytes=400_000, batch_bytes=200_000)
    ahead = [len(read) - done for done, _ in enumerate(run(Config(detect_language=False), options, items(), Stats()))]
    assert len(ahead) == 30 and max(ahead) <= 5  # four documents of 99 kB fill 400 kB, the fifth is let in
