"""Throughput and memory of `cleaner clean` at -j 1 and -j 2 against plain trafilatura, over a
generated JSON Lines file of repeated real pages. Prints a table.

    python benchmarks/throughput.py [--docs 10000] [--small 1000] [--rounds 2]

Every tool cleans the whole input once per round; the order turns round each round (trafilatura,
-j 1, -j 2, then -j 2, -j 1, trafilatura), so a machine that slows down or speeds up over the run
weighs on every tool alike. A tool's pages/s is all its documents over all its seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "golden", ROOT.parent / "shared" / "bench" / "aeb" / "html"]
TRAFILATURA = """
import json, sys, trafilatura
with open(sys.argv[1], encoding="utf-8") as stream:
    for line in stream:
        item = json.loads(line)
        trafilatura.extract(item["html"], url=item["url"])
"""


def pages() -> list[str]:
    """Every HTML input found under golden/ and the AEB benchmark pages, decoded."""
    found = []
    for root in PAGES:
        for path in sorted(root.rglob("*.htm*")) if root.exists() else []:
            data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            found.append(data.decode("utf-8", "replace"))
    if not found:
        sys.exit("no pages found under golden/ or ../shared/bench/aeb/html")
    return found


def make_input(path: Path, html: list[str], count: int) -> Path:
    """`count` JSON Lines records cycling through the pages."""
    with open(path, "w", encoding="utf-8") as out:
        for n in range(count):
            record = {"id": n, "html": html[n % len(html)], "url": f"https://bench.example/{n}"}
            out.write(json.dumps(record) + "\n")
    return path


def tree_rss(pid: int) -> int:
    """Resident memory (KiB) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for task in Path(f"/proc/{current}/task").iterdir():
                stack += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def measure(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB, process tree, sampled every 0.1 s) of one command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    drain = threading.Thread(target=process.stderr.read, daemon=True)
    drain.start()
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.exit(f"failed ({process.returncode}): {' '.join(command)}")
    return seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=2, help="passes over the input per tool")
    args = parser.parse_args()
    html = pages()
    with tempfile.TemporaryDirectory() as tmp:
        big = make_input(Path(tmp, "big.jsonl"), html, args.docs)
        small = make_input(Path(tmp, "small.jsonl"), html, args.small)
        clean = [sys.executable, "-m", "cleaner.cli", "clean", "--no-progress", "--restart", "--overwrite"]
        tools = [
            ("trafilatura.extract", [sys.executable, "-c", TRAFILATURA, str(big)]),
            ("cleaner -j 1", [*clean, str(big), "-o", f"{tmp}/b1.jsonl", "-j", "1"]),
            ("cleaner -j 2", [*clean, str(big), "-o", f"{tmp}/b2.jsonl", "-j", "2"]),
        ]
        runs = []
        for round_ in range(args.rounds):
            for name, command in tools if round_ % 2 == 0 else tools[::-1]:
                seconds, peak = measure(command)
                runs.append((name, args.docs, seconds, peak / 1024))
                print(f"  round {round_ + 1}: {name}, {args.docs / seconds:.1f} pages/s", file=sys.stderr, flush=True)
        seconds, peak = measure([*clean, str(small), "-o", f"{tmp}/s1.jsonl", "-j", "1"])
        runs.append(("cleaner -j 1", args.small, seconds, peak / 1024))
    print_table(pooled(runs), len(html), args.rounds)


def pooled(runs: list[tuple]) -> list[tuple]:
    """(name, docs per run, seconds per run, pages/s, peak RSS) per tool and input size, over its rounds."""
    rows = []
    for key in dict.fromkeys((name, docs) for name, docs, _, _ in runs):
        mine = [run for run in runs if (run[0], run[1]) == key]
        seconds = sum(run[2] for run in mine) / len(mine)
        rows.append((*key, seconds, key[1] / seconds, max(run[3] for run in mine)))
    return rows


def print_table(rows: list[tuple], distinct: int, rounds: int) -> None:
    print(
        f"{rows[0][1]} documents from {distinct} distinct pages, {rounds} rounds; {os.cpu_count()} cores; "
        f"{time.strftime('%Y-%m-%d')}"
    )
    print(f"| {'run':<20} | {'docs':>6} | {'seconds':>8} | {'pages/s':>8} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 22}|{'-' * 8}|{'-' * 10}|{'-' * 10}|{'-' * 14}|")
    for name, docs, seconds, rate, rss in rows:
        print(f"| {name:<20} | {docs:>6} | {seconds:>8.1f} | {rate:>8.1f} | {rss:>12.0f} |")
    by_name = {(name, docs): rate for name, docs, _, rate, _ in rows}
    docs = rows[0][1]
    one, two, plain = (
        by_name[("cleaner -j 1", docs)],
        by_name[("cleaner -j 2", docs)],
        by_name[("trafilatura.extract", docs)],
    )
    rss = {docs: rss for name, docs, _, _, rss in rows if name == "cleaner -j 1"}
    print(
        f"\n-j 2 / -j 1: {two / one:.2f}x;  -j 1 / trafilatura: {one / plain:.0%};  "
        f"peak RSS {max(rss)} / {min(rss)} docs: {rss[max(rss)] / rss[min(rss)]:.2f}"
    )


if __name__ == "__main__":
    main()
