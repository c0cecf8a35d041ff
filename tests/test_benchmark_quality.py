"""The quality benchmark's scoring choices: empty gold pages left out, catastrophes under one comment policy."""

import subprocess
import sys

from benchmarks.quality import ANY_BASELINE, catastrophe_counts, catastrophes, groups_of, score, speed_table
from benchmarks.sources import Page


def _page(page_id: str, truth: str) -> Page:
    return Page("cleaneval", page_id, "<p>x</p>", None, truth)


def test_a_page_with_empty_gold_is_in_no_group():
    pages = {"cleaneval/a": _page("a", "Some body text here."), "cleaneval/b": _page("b", "  \n ")}
    groups = groups_of(pages)
    assert all("cleaneval/b" not in keys for keys in groups.values())
    assert "cleaneval/a" in groups["all"]


def _results(cleaner_f1: float, with_comments: float, without_comments: float) -> dict:
    page = "dragnet/1"
    return {
        "cleaner": {"per_page": {page: [0.1, 0.1, cleaner_f1]}},
        "trafilatura": {"per_page": {page: [0.9, 0.9, with_comments]}},
        "trafilatura-nocomments": {"per_page": {page: [0.1, 0.1, without_comments]}},
    }


def test_the_defaults_are_judged_against_baselines_that_drop_comments_too():
    results = _results(cleaner_f1=0.05, with_comments=0.9, without_comments=0.1)
    assert catastrophes(results, ["dragnet/1"], "cleaner") == []
    assert len(catastrophes(results, ["dragnet/1"], "cleaner", ANY_BASELINE)) == 1


def test_both_definitions_are_counted():
    results = _results(cleaner_f1=0.05, with_comments=0.1, without_comments=0.85)
    found = catastrophe_counts(results, ["dragnet/1"])
    assert len(found["cleaner"]) == 1 and len(found["cleaner, any baseline"]) == 1


def test_dragnet_is_also_scored_against_its_article_without_the_comments():
    article = "The council voted to close the old pool at the end of the summer after engineers found cracks."
    comments = "Sad to see it go, my kids learned to swim there every summer for years and years."
    truth = f"{article}\n!@#$%^&*()  COMMENTS\n{comments}"
    pages = {"dragnet/1": Page("dragnet", "1", "<p>x</p>", None, truth), "cleaneval/a": _page("a", article)}
    groups = groups_of(pages)
    assert groups["dragnet, article only"] == ["dragnet/1"] and "cleaneval, article only" not in groups
    outputs = {"dragnet/1": article, "cleaneval/a": article}
    run = {"outputs": outputs, "seconds": 1.0, "cpu_seconds": 1.0, "first_cpu_seconds": 1.0}
    totals = score({**run, "peak_rss_mb": 1, "passes": []}, pages, groups)["groups"]
    assert totals["dragnet, article only"]["f1"] == 1.0 and totals["dragnet"]["recall"] < 0.6


def test_speed_is_shown_for_later_passes_and_for_the_first_read_beside_trafilatura():
    pages = {"cleaneval/a": _page("a", "The council voted to close the old pool at the end of the summer.")}
    groups = groups_of(pages)
    run = {"outputs": {"cleaneval/a": "x"}, "seconds": 1.0, "peak_rss_mb": 1, "passes": []}
    results = {
        "trafilatura": score({**run, "cpu_seconds": 0.5, "first_cpu_seconds": 0.5}, pages, groups),
        "cleaner": score({**run, "cpu_seconds": 0.5, "first_cpu_seconds": 1.0}, pages, groups),
    }
    row = speed_table(results).splitlines()[2].split()
    assert row[0] == "cleaner" and row[3] == "1.00x" and row[5] == "0.50x"


def test_a_worker_reports_its_own_peak_memory_not_its_parent_s():
    held = bytearray(300 * 1024 * 1024)
    held[:: 1 << 12] = b"\1" * len(held[:: 1 << 12])  # touched: resident in this process
    code = "from benchmarks.quality import peak_rss_mb; print(peak_rss_mb())"
    reported = float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert 0 < reported < 250
