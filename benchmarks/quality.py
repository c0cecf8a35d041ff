"""Article-extraction quality and speed per source: cleaner's HTML path against open extractors, one run.

    python benchmarks/quality.py [--sources aeb,cleaneval,dragnet] [--tools cleaner,trafilatura,...]
                                 [--split all|heldout|train] [--limit N] [--repeat N] [--json FILE]

Sources (benchmarks/sources.py): the AEB pages in ../shared/bench/aeb, and the CleanEval and
Dragnet pages with their gold text from the public html-cleaning dataset (cloned into an ignored
folder on first use). Pages are read and decoded once, before any timing, and handed to every
tool; each tool runs in its own subprocess so its peak RSS is its own. Scores follow
../shared/bench/METRIC.md (benchmarks/metric.py), per source and overall, then for the held-out
fifth of the pages alone (never tuned on); Dragnet, whose gold puts the page's reader comments
after a marker line, also against its article alone ("dragnet, article only"). cleaner runs
twice: with its defaults (reader comments dropped) and as "cleaner-comments" (comments kept,
trafilatura's default; Dragnet's gold includes them). Each tool's worst pages are listed, and
for each cleaner configuration the count of catastrophic pages: its page F1 < 0.2 where a
baseline under the same comment policy scores >= 0.8 (the defaults, comments dropped, against
trafilatura without comments, trafilatura's fast mode and readability-lxml; cleaner-comments
against every trafilatura configuration and readability). The defaults are also counted against
every baseline, as before, so both definitions print.

Pages whose gold text is empty (7 CleanEval pages: a 404 page, a removed page, an archive index
and navigation-only pages, where the annotators kept nothing) are left out of every score for
every tool and listed on their own with the tools that output nothing there: the metric grades
them all or nothing (any output has precision 0, whatever its length), so they measure whether a
tool declines a page, a question the shingle score cannot grade.

Speed is the best of --repeat timed passes over all pages, as wall-clock pages/s and pages per
CPU second of the tool's process, and the first read's pages per CPU second: the pass that
writes the outputs, every page new to the process as on a crawl (what a tool caches from the
text it reads, such as the lazily built DFA of a regex set, helps later passes only); the
tools read them one after another, after WARMUP_PAGES pages each. For the later passes the tools
take turns pass by pass, each in its own waiting process, so a busy spell on a shared machine
slows every tool's pass of that round alike.
"""

from __future__ import annotations

import argparse
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

from benchmarks.metric import PageScore, aggregate, score_page, tokens  # noqa: E402
from benchmarks.sources import GOLD_WITH_COMMENTS, SOURCES, Page, article_gold, is_heldout, load_source  # noqa: E402
from cleaner.extract import READABILITY_BLOCKS  # noqa: E402

DEFAULT_JSON = ROOT / "benchmarks" / "results" / "quality.json"
TOOLS = (
    "cleaner",
    "cleaner-comments",
    "trafilatura",
    "trafilatura-nocomments",
    "trafilatura-fast",
    "readability",
    "justext",
    "resiliparse",
)
TRAFILATURA = ("trafilatura", "trafilatura-nocomments", "trafilatura-fast")
# cleaner's two comment policies: the default drops reader comments; "cleaner-comments" keeps them,
# like trafilatura's default (Dragnet's gold text includes comments, AEB's and CleanEval's do not).
CLEANERS = ("cleaner", "cleaner-comments")
# The baselines each cleaner configuration's catastrophic pages are judged against: the same comment
# policy (readability-lxml has none, it takes one block); "cleaner, any baseline" keeps the older,
# stricter count of the defaults against trafilatura with comments too.
CATASTROPHE_BASELINES = {
    "cleaner": ("trafilatura-nocomments", "trafilatura-fast", "readability"),
    "cleaner-comments": (*TRAFILATURA, "readability"),
}
ANY_BASELINE = (*TRAFILATURA, "readability")
CATASTROPHE_BELOW, BASELINE_GOOD = 0.2, 0.8
WORST_SHOWN = 8
WARMUP_PAGES = 3
Extractor = Callable[[str, str | None], str]


def make_extractor(tool: str) -> Extractor:
    """Build a tool once (rules compiled, models loaded); returns html, url -> text."""
    if tool in CLEANERS:
        from cleaner import Cleaner, Config

        cleaner = Cleaner(Config(include_comments=tool == "cleaner-comments"))
        return lambda html, url: cleaner.clean(html, url=url, kind="html").text
    if tool in TRAFILATURA:
        import trafilatura

        options = {
            "trafilatura": {},
            "trafilatura-nocomments": {"include_comments": False},
            "trafilatura-fast": {"include_comments": False, "fast": True},
        }[tool]
        return lambda html, url: trafilatura.extract(html, url=url, **options) or ""
    if tool == "readability":
        return _readability
    if tool == "justext":
        import justext

        stoplist = justext.get_stoplist("English")
        return lambda html, url: "\n\n".join(p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate)
    if tool == "resiliparse":
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        return lambda html, url: extract_plain_text(HTMLTree.parse(html), main_content=True)
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
    """In a subprocess: extract every page once (the scored outputs, timed as the first read: every
    page new to the process, as on a crawl), then time a pass per request.

    Speaks one line at a time: prints "ready" once the outputs are written, then answers each
    "pass" on stdin with that pass's seconds and CPU seconds; on "quit", adds its peak RSS.
    """
    pages: dict[str, tuple[str, str | None]] = pickle.loads(pages_file.read_bytes())
    extract = make_extractor(tool)
    items = list(pages.items())
    for _, (html, url) in items[:WARMUP_PAGES]:
        _safe(extract, html, url)
    start, start_cpu = time.perf_counter(), time.process_time()
    outputs = {key: _safe(extract, html, url) for key, (html, url) in items}
    first = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - start_cpu}
    out_file.write_text(json.dumps({"outputs": outputs, "first": first}))
    print("ready", flush=True)
    for command in sys.stdin:
        if command.strip() != "pass":
            break
        start, start_cpu = time.perf_counter(), time.process_time()
        for _, (html, url) in items:
            _safe(extract, html, url)
        timing = {"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - start_cpu}
        print(json.dumps(timing), flush=True)
    print(json.dumps({"peak_rss_mb": peak_rss_mb()}), flush=True)


def peak_rss_mb() -> float:
    """This process's own peak resident memory. Linux's VmHWM starts anew at exec; ru_maxrss
    keeps the peak of the process that forked it (here the parent, holding every page)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


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
        command = [
            sys.executable,
            __file__,
            "--worker",
            tool,
            "--pages-file",
            str(pages_file),
            "--out",
            str(self.out_file),
        ]
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
        """Outputs, the first read's time, the best later pass (wall and CPU) and peak RSS."""
        self.process.stdin.write("quit\n")
        self.process.stdin.close()
        memory = json.loads(self.process.stdout.readline())
        self.process.wait()
        written = json.loads(self.out_file.read_text())
        return {
            "outputs": written["outputs"],
            "first_seconds": written["first"]["seconds"],
            "first_cpu_seconds": written["first"]["cpu_seconds"],
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


def page_f1(score: PageScore) -> float:
    """One page's F1 (0 for an empty output where the truth is not empty)."""
    if score.predicted_empty:
        return 1.0 if score.truth_empty else 0.0
    total = score.precision + score.recall
    return 2 * score.precision * score.recall / total if total else 0.0


def has_gold(page: Page) -> bool:
    """False for a page whose gold text has no token: left out of every score (module docstring)."""
    return bool(tokens(page.truth))


ARTICLE_ONLY = ", article only"  # a group scored against the gold without its reader comments


def groups_of(pages: dict[str, Page]) -> dict[str, list[str]]:
    """Page keys by group: each source, all pages, and the held-out fifth of each source (gold pages only).

    A source whose gold also holds reader comments (Dragnet) is scored a second time against the
    article alone (`<group>, article only`): the gold that matches the defaults' comment policy.
    """
    groups: dict[str, list[str]] = {}
    for key, page in pages.items():
        if not has_gold(page):
            continue
        names = [page.source, "all"] + ([f"{page.source} held-out"] if is_heldout(page) else [])
        if page.source in GOLD_WITH_COMMENTS:
            names += [name + ARTICLE_ONLY for name in names if name != "all"]
        for name in names:
            groups.setdefault(name, []).append(key)
    order = [*sorted({p.source for p in pages.values()}), "all"]
    return {name: groups[name] for name in order + sorted(set(groups) - set(order))}


def score(tool_result: dict, pages: dict[str, Page], groups: dict[str, list[str]]) -> dict:
    """Totals per group, plus each page's precision, recall and F1 (for looking at failures)."""
    per_page = {key: score_page(tool_result["outputs"][key], page.truth) for key, page in pages.items()}
    articles = {key for name, keys in groups.items() if name.endswith(ARTICLE_ONLY) for key in keys}
    per_article = {key: score_page(tool_result["outputs"][key], article_gold(pages[key])) for key in articles}
    totals = {}
    for name, keys in groups.items():
        scores = per_article if name.endswith(ARTICLE_ONLY) else per_page
        total = aggregate(scores[key] for key in keys)
        totals[name] = {
            "precision": total.precision,
            "recall": total.recall,
            "f1": total.f1,
            "accuracy": total.accuracy,
            "pages": total.pages,
        }
    return {
        "groups": totals,
        "pages_per_second": len(pages) / tool_result["seconds"],
        "pages_per_cpu_second": len(pages) / tool_result["cpu_seconds"],
        "first_pages_per_cpu_second": len(pages) / tool_result["first_cpu_seconds"],
        "peak_rss_mb": tool_result["peak_rss_mb"],
        "pass_seconds": [round(t["seconds"], 3) for t in tool_result["passes"]],
        "per_page": {k: [round(v.precision, 4), round(v.recall, 4), round(page_f1(v), 4)] for k, v in per_page.items()},
    }


def table(results: dict[str, dict], group: str) -> str:
    lines = [
        f"{group} ({next(iter(results.values()))['groups'][group]['pages']} pages)",
        f"{'tool':<24}{'P':>7}{'R':>7}{'F1':>7}{'acc':>7}",
    ]
    for tool, result in results.items():
        s = result["groups"][group]
        lines.append(f"{tool:<24}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}{s['accuracy']:>7.3f}")
    return "\n".join(lines)


def speed_table(results: dict[str, dict]) -> str:
    """Pages per second of the best later pass (wall and CPU) and of the first read (CPU; every page
    new to the process), each CPU figure also as a ratio to trafilatura's default."""
    lines = [f"{'tool':<24}{'pages/s':>9}{'cpu p/s':>9}{'vs traf.':>9}{'first read':>12}{'vs traf.':>9}{'RSS MB':>8}"]
    trafilatura = results.get("trafilatura", {})
    for tool, result in results.items():
        ratios = [
            f"{result[key] / trafilatura[key]:.2f}x" if trafilatura else "-"
            for key in ("pages_per_cpu_second", "first_pages_per_cpu_second")
        ]
        lines.append(
            f"{tool:<24}{result['pages_per_second']:>9.1f}{result['pages_per_cpu_second']:>9.1f}{ratios[0]:>9}"
            f"{result['first_pages_per_cpu_second']:>12.1f}{ratios[1]:>9}{result['peak_rss_mb']:>8.0f}"
        )
    return "\n".join(lines)


def margins(results: dict[str, dict], groups: dict[str, list[str]]) -> str:
    """Each cleaner configuration's F1 minus the best trafilatura configuration's and readability's."""
    lines = [f"{'group':<32}{'config':<18}{'cleaner':>9}{'best traf.':>11}{'readab.':>9}{'margin':>8}"]
    for group in groups:
        f1 = {tool: result["groups"][group]["f1"] for tool, result in results.items()}
        traf = max((f1[t] for t in TRAFILATURA if t in f1), default=float("nan"))
        read = f1.get("readability", float("nan"))
        for tool in (t for t in CLEANERS if t in f1):
            margin = f1[tool] - max(traf, read)
            lines.append(f"{group:<32}{tool:<18}{f1[tool]:>9.3f}{traf:>11.3f}{read:>9.3f}{margin:>+8.3f}")
    return "\n".join(lines) if len(lines) > 1 else ""


def catastrophes(
    results: dict[str, dict], scored: list[str], tool: str = "cleaner", against: tuple[str, ...] | None = None
) -> list[str]:
    """Scored pages where a cleaner configuration's F1 < 0.2 while a baseline (by default those under
    its comment policy, CATASTROPHE_BASELINES) scores >= 0.8."""
    if tool not in results:
        return []
    baselines = [t for t in (against or CATASTROPHE_BASELINES[tool]) if t in results]
    found = []
    for key in scored:
        f1 = results[tool]["per_page"][key][2]
        best = max((results[t]["per_page"][key][2] for t in baselines), default=0.0)
        if f1 < CATASTROPHE_BELOW and best >= BASELINE_GOOD:
            found.append(f"{key}: {tool} F1 {f1:.2f}, best baseline {best:.2f}")
    return found


def worst_pages(results: dict[str, dict], scored: list[str]) -> str:
    lines = []
    for tool, result in results.items():
        worst = sorted(((key, result["per_page"][key]) for key in scored), key=lambda item: item[1][2])[:WORST_SHOWN]
        lines.append(f"{tool}: " + ", ".join(f"{key} {f1:.2f}" for key, (_, _, f1) in worst))
    return "\n".join(lines)


def load_pages(sources: list[str], limit: int | None = None) -> dict[str, Page]:
    """{source/id: page} for the pages of the named sources (the first `limit` of each), decoded once."""
    return {f"{page.source}/{page.id}": page for source in sources for page in load_source(source)[:limit]}


def catastrophe_counts(results: dict[str, dict], scored: list[str]) -> dict[str, list[str]]:
    """Catastrophic pages per cleaner configuration (same comment policy), and the defaults' against any baseline."""
    found = {tool: catastrophes(results, scored, tool) for tool in CLEANERS if tool in results}
    if "cleaner" in results:
        found["cleaner, any baseline"] = catastrophes(results, scored, "cleaner", ANY_BASELINE)
    return found


def catastrophe_heading(name: str) -> str:
    tool = name.split(",")[0]
    baselines = ANY_BASELINE if name.endswith("any baseline") else CATASTROPHE_BASELINES[tool]
    return (
        f"Catastrophic pages ({name}: F1 < {CATASTROPHE_BELOW} where one of {', '.join(baselines)} >= {BASELINE_GOOD})"
    )


def empty_gold(results: dict[str, dict], pages: dict[str, Page]) -> str:
    """The pages left out for an empty gold text, and which tools output nothing on each."""
    keys = [key for key, page in pages.items() if not has_gold(page)]
    lines = [f"Pages with an empty gold text, left out of every score: {len(keys)}"]
    for key in keys:
        silent = [tool for tool, result in results.items() if result["per_page"][key][2] == 1.0]
        lines.append(f"  {key}: no output from {', '.join(silent) or 'no tool'}")
    return "\n".join(lines)


def report(results: dict[str, dict], groups: dict[str, list[str]], pages: dict[str, Page]) -> None:
    print("\n\n".join(table(results, group) for group in groups))
    print("\nF1 margin over the best baseline (trafilatura's best configuration, readability-lxml)")
    print(margins(results, groups))
    print("\nSpeed (best timed pass over all pages)")
    print(speed_table(results))
    print("\nWorst pages (page F1)")
    print(worst_pages(results, groups.get("all", [])))
    print("\n" + empty_gold(results, pages))
    for name, found in catastrophe_counts(results, groups.get("all", [])).items():
        print(f"\n{catastrophe_heading(name)}: {len(found)}")
        for line in found:
            print(f"  {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=",".join(SOURCES), help="comma-separated: " + ", ".join(SOURCES))
    parser.add_argument("--tools", default=",".join(TOOLS), help="comma-separated: " + ", ".join(TOOLS))
    parser.add_argument(
        "--split",
        choices=("all", "heldout", "train"),
        default="all",
        help="score every page, only the held-out fifth, or only the rest",
    )
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    parser.add_argument("--repeat", type=int, default=1, help="timed passes per tool, taken in turns; the best counts")
    parser.add_argument("--limit", type=int, help="at most this many pages per source (a quick look)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--pages-file", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        run_worker(args.worker, args.pages_file, args.out)
        return
    pages = load_pages(args.sources.split(","), args.limit)
    if args.split != "all":
        pages = {k: p for k, p in pages.items() if is_heldout(p) == (args.split == "heldout")}
    groups = groups_of(pages)
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.pickle"
        pages_file.write_bytes(pickle.dumps({k: (p.html, p.url) for k, p in pages.items()}))
        runs = run_tools(args.tools.split(","), pages_file, max(args.repeat, 1), Path(tmp))
    results = {tool: score(run, pages, groups) for tool, run in runs.items()}
    print(f"{len(pages)} pages from {args.sources}\n")
    report(results, groups, pages)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    summary = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "sources": args.sources,
        "pages": len(pages),
        "catastrophes": catastrophe_counts(results, groups.get("all", [])),
        "catastrophe_baselines": {**CATASTROPHE_BASELINES, "cleaner, any baseline": ANY_BASELINE},
        "empty_gold": [key for key, page in pages.items() if not has_gold(page)],
        "tools": results,
    }
    args.json.write_text(json.dumps(summary, indent=2))
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
