"""How fast the text rules' prefilter reads lines it has never read, as on a crawl. Prints a table.

    python benchmarks/prefilter_speed.py [--lines 250000] [--chunk 25000] [--sources aeb,cleaneval,dragnet]

An RE2 set builds its DFA lazily: a state is made the first time text reaches it and reused
after, so a pass over text read before (a benchmark's second pass, a file of repeated pages)
reads fast, and a stream of new pages pays for the states each new line needs. The lines are
the distinct lines of the pages' whole-page text (benchmarks/wholepage.py), shuffled with a
fixed seed, read once in chunks, then the last chunk again. The same generic rules in each
design, one after the other in one process: all patterns widened in one set (the prefilter
before cores), each branch cut to its core with line-start branches and cores in two sets
(cleaner/rulebook/cores.py), and cleaner's RulePrefilter holding those two sets, asked as
cleaning asks it. Microseconds a line, per chunk.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import re2  # noqa: E402

from benchmarks.sources import load_source  # noqa: E402
from benchmarks.wholepage import whole_page_text  # noqa: E402
from cleaner.patterns import SET_MAX_MEM, re2_options, widened  # noqa: E402
from cleaner.rulebook.cores import prefilter_branches, split_by_anchor  # noqa: E402
from cleaner.rulebook.load import load_ruleset  # noqa: E402
from cleaner.rulebook.prefilter import RulePrefilter  # noqa: E402
from cleaner.rulebook.text import TextRule  # noqa: E402

SEED = 20261205


def distinct_lines(sources: list[str], limit: int) -> list[str]:
    """The distinct non-empty lines of every page's whole-page text, shuffled (fixed seed)."""
    lines = {}
    for source in sources:
        for page in load_source(source):
            for line in whole_page_text(page.html).splitlines():
                if line.strip():
                    lines[line.strip()] = None
    found = list(lines)
    random.Random(SEED).shuffle(found)
    return found[:limit]


def one_widened_set(rules: list[TextRule]) -> Callable[[str], object]:
    """Every pattern widened, in one set: the design before cores."""
    search = _compiled([_widened(rule) for rule in rules])
    return lambda line: search.Match(line.encode())


def two_sets_of_cores(rules: list[TextRule]) -> Callable[[str], object]:
    """Each branch cut to its core, line-start branches and cores in two sets: cleaner's design."""
    line_start, anywhere = split_by_anchor([core for rule in rules for core in prefilter_branches(_widened(rule))])
    first, second = _compiled(line_start), _compiled(anywhere)
    return lambda line: (first.Match(encoded := line.encode()), second.Match(encoded))


def cleaners_prefilter(rules: list[TextRule]) -> Callable[[str], object]:
    """cleaner's RulePrefilter as cleaning asks it, rule indexes and a fresh memo included."""
    prefilter = RulePrefilter(rules)
    return lambda line: prefilter.candidates([line], {})


def _widened(rule: TextRule) -> str:
    return widened(rule.pattern.pattern)


def _compiled(patterns: list[str]) -> Any:
    search = re2.Set.SearchSet(re2_options(SET_MAX_MEM))
    for pattern in patterns:
        search.Add(pattern)
    search.Compile()
    return search


def timed_chunks(read: Callable[[str], object], lines: list[str], chunk: int) -> list[float]:
    """Microseconds a line over each chunk in order, over all of them, then over the last chunk
    read again."""
    chunks = [lines[at : at + chunk] for at in range(0, len(lines), chunk)]
    times, total = [], 0.0
    for part in [*chunks, chunks[-1]]:
        start = time.perf_counter()
        for line in part:
            read(line)
        spent = time.perf_counter() - start
        times.append(spent * 1e6 / len(part))
        total += spent if len(times) <= len(chunks) else 0.0
    return [*times[:-1], total * 1e6 / len(lines), times[-1]]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, default=250_000)
    parser.add_argument("--chunk", type=int, default=25_000)
    parser.add_argument("--sources", default="aeb,cleaneval,dragnet")
    args = parser.parse_args(argv)
    lines = distinct_lines(args.sources.split(","), args.lines)
    rules = [
        rule for rule in load_ruleset().all_rules() if isinstance(rule, TextRule) and rule.id.startswith("generic.")
    ]
    designs = {
        "one widened set": one_widened_set(rules),
        "cores, two sets": two_sets_of_cores(rules),
        "RulePrefilter": cleaners_prefilter(rules),
    }
    results = {name: timed_chunks(read, lines, args.chunk) for name, read in designs.items()}
    chunks = len(next(iter(results.values()))) - 2
    labels = [f"{min((index + 1) * args.chunk, len(lines)):,}" for index in range(chunks)] + ["mean", "read again"]
    print(f"{len(lines):,} distinct lines, {len(rules)} generic text rules; us a line, by lines read so far")
    print(f"{'lines read':>12}" + "".join(f"{name:>18}" for name in results))
    for row, label in enumerate(labels):
        print(f"{label:>12}" + "".join(f"{times[row]:>18.1f}" for times in results.values()))


if __name__ == "__main__":
    main()
