"""Article-extraction quality and speed: cleaner's HTML path against open extractors, one run.

    python benchmarks/quality.py [AEB_DIR] [--tools cleaner,trafilatura,...] [--json FILE]

Pages are read and decoded once, before any timing, and handed to every tool; each tool runs
in its own subprocess so its peak RSS is its own. Scores follow ../shared/bench/METRIC.md
(see benchmarks/metric.py). Tables: all pages, then the tuning half (ids 0-7) and the
confirmation half (ids 8-f), so a gain that only shows on the tuning half is visible.
Speed is the best of --repeat passes, as wall-clock pages/s and as pages per CPU second of
the tool's process. The tools take turns pass by pass (cleaner, trafilatura, ..., cleaner,
trafilatura, ...), each in its own waiting process, so a busy spell on a shared machine slows
every tool's pass in that round rather than one tool's whole run.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import aggregate, score_page  # noqa: E402
from cleaner.extract import READABILITY_BLOCKS  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "aeb"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "quality.json"
TOOLS = ("cleaner", "trafilatura", "trafilatura-nocomments", "readability", "justext")
SPLITS = {"all": "0123456789abcdef", "tune 0-7": "01234567", "confirm 8-f": "89abcdef"}
WARMUP_PAGES = 3
Extractor = Callable[[str, str | None], str]


def load_pages(data: Path) -> dict[str, tuple[str, str | None, str]]:
    """{id: (html, url, truth)}: every page decoded as UTF-8 once."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = {}
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        pages[page_id] = (
            raw.decode("utf-8", errors="replace"),
            item.get("url"),
            item["articleBody"],
        )
    return pages


def make_extractor(tool: str) -> Extractor:
    """Build a tool once (rules compiled, models loaded); returns html, url -> text."""
    if tool == "cleaner":
        from cleaner import Cleaner

        cleaner = Cleaner()
        return lambda html, url: cleaner.clean(html, url=url, kind="html").text
    if tool in ("trafilatura", "trafilatura-nocomments"):
        import trafilatura

        comments = tool == "trafilatura"
        return lambda html, url: trafilatura.extract(html, url=url, include_comments=comments) or ""
    if tool == "readability":
        return _readability
    if tool == "justext":
        import justext

        stoplist = justext.get_stoplist("English")
        return lambda html, url: "\n\n".join(
            p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate
        )
    raise SystemExit(f"unknown tool {tool!r} (one of {', '.join(TOOLS)})")


def _readability(html: str, url: str | None) -> str:
    import lxml.html
    from readability import Document

    summary = Document(html, url=url).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    for block in tree.iter(*READABILITY_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    return tree.text_content()


def run_worker(tool: str, pages_file: Path, out_file: Path) -> None:
    """In a subprocess: extract every page once (the scored outputs), then time a pass per request.

    Speaks one line at a time: prints "ready" once the outputs are written, then answers each
    "pass" on stdin with that pass's seconds and CPU seconds; on "quit", adds its peak RSS.
    """
    pages = pickle.loads(pages_file.read_bytes())
    extract = make_extractor(tool)
    items = [(page_id, html, url) for page_id, (html, url, _) in pages.items()]
    for _, html, url in items[:WARMUP_PAGES]:
        _safe(extract, html, url)
    outputs = {page_id: _safe(extract, html, url) for page_id, html, url in items}
    out_file.write_text(json.dumps(outputs))
    print("ready", flush=True)
    for command in sys.stdin:
        if command.strip() != "pass":
            break
        start, start_cpu = time.perf_counter(), time.process_time()
        for _, html, url in items:
            _safe(extract, html, url)
        timing = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - start_cpu}
        print(json.dumps(timing), flush=True)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"peak_rss_mb": peak_kb / 1024}), flush=True)


def _safe(extract: Extractor, html: str, url: str | None) -> str:
    try:
        return extract(html, url) or ""
    except Exception as err:  # a tool failing on a page scores as an empty output
        print(f"  {type(err).__name__}: {err}", file=sys.stderr)
        return ""


class ToolProcess:
    """One tool's worker process: outputs on start, then a timed pass whenever asked."""

    def __init__(self, tool: str, pages_file: Path, workdir: Path):
        self.out_file = workdir / f"{tool}.json"
        command = [sys.executable, __file__, "--worker", tool, "--pages-file", str(pages_file),
                   "--out", str(self.out_file)]
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.timings: list[dict] = []

    def wait_ready(self) -> None:
        if self.process.stdout.readline().strip() != "ready":
            raise SystemExit(f"benchmark worker failed: {self.process.args[3]}")

    def timed_pass(self) -> None:
        self.process.stdin.write("pass\n")
        self.process.stdin.flush()
        self.timings.append(json.loads(self.process.stdout.readline()))

    def finish(self) -> dict:
        """Outputs, best pass (wall and CPU) and peak RSS."""
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        memory = json.loads(self.process.stdout.readline())
        self.process.wait()
        return {
            "outputs": json.loads(self.out_file.read_text()),
            "seconds": min(t["seconds"] for t in self.timings),
            "cpu_seconds": min(t["cpu_seconds"] for t in self.timings),
            "passes": self.timings,
            **memory,
        }


def run_tools(tools: list[str], pages_file: Path, repeat: int, workdir: Path) -> dict[str, dict]:
    """Start every tool (one at a time, so start-up and first outputs don't overlap), then take turns."""
    processes = {}
    for tool in tools:
        print(f"running {tool} ...", file=sys.stderr)
        processes[tool] = ToolProcess(tool, pages_file, workdir)
        processes[tool].wait_ready()
    for round_ in range(repeat):
        print(f"timed pass {round_ + 1} of {repeat} ...", file=sys.stderr)
        for process in processes.values():
            process.timed_pass()
    return {tool: process.finish() for tool, process in processes.items()}


def score(tool_result: dict, pages: dict) -> dict:
    """Totals per split, plus each page's precision and recall (for looking at failures)."""
    per_page = {
        page_id: score_page(tool_result["outputs"][page_id], truth)
        for page_id, (_, _, truth) in pages.items()
    }
    splits = {}
    for name, prefixes in SPLITS.items():
        total = aggregate(s for page_id, s in per_page.items() if page_id[0] in prefixes)
        splits[name] = {
            "precision": total.precision,
            "recall": total.recall,
            "f1": total.f1,
            "accuracy": total.accuracy,
            "pages": total.pages,
        }
    return {
        "splits": splits,
        "pages_per_second": len(pages) / tool_result["seconds"],
        "pages_per_cpu_second": len(pages) / tool_result["cpu_seconds"],
        "peak_rss_mb": tool_result["peak_rss_mb"],
        "pass_seconds": [round(t["seconds"], 3) for t in tool_result["passes"]],
        "per_page": {k: [round(v.precision, 4), round(v.recall, 4)] for k, v in per_page.items()},
    }


def table(results: dict[str, dict], split: str) -> str:
    lines = [
        f"{split}",
        f"{'tool':<24}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}{'pages/s':>9}{'cpu p/s':>9}{'RSS MB':>8}",
    ]
    for tool, result in results.items():
        s = result["splits"][split]
        lines.append(
            f"{tool:<24}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}"
            f"{s['accuracy']:>7.3f}{result['pages_per_second']:>9.1f}"
            f"{result['pages_per_cpu_second']:>9.1f}{result['peak_rss_mb']:>8.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", type=Path, default=DEFAULT_DATA, help="benchmark directory"
    )
    parser.add_argument(
        "--tools", default=",".join(TOOLS), help="comma-separated: " + ", ".join(TOOLS)
    )
    parser.add_argument(
        "--json", type=Path, default=DEFAULT_JSON, help="where to write the results"
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed passes per tool, taken in turns; the best counts"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--pages-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args.worker, args.pages_file, args.out)
        return
    pages = load_pages(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.pickle"
        pages_file.write_bytes(pickle.dumps({k: v for k, v in pages.items()}))
        runs = run_tools(args.tools.split(","), pages_file, args.repeat, Path(tmp))
        results = {tool: score(run, pages) for tool, run in runs.items()}
    print(f"{len(pages)} pages from {args.data}\n")
    print("\n\n".join(table(results, split) for split in SPLITS))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "data": str(args.data),
        "pages": len(pages),
        "tools": results,
    }
    args.json.write_text(json.dumps(report, indent=2))
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
