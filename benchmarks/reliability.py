"""Reliability report: throw hostile inputs at cleaner for a fixed time budget and count outcomes.

    python benchmarks/reliability.py [--seconds 120] [--seed 0] [--pytest]

Generates inputs of every kind issue 5 names (arbitrary bytes, tag soup cut anywhere,
100,000-deep nesting, NULs, lying charsets, mixed scripts, CRLF and lone CR, truncated
gzip, gzip bombs, 50 MB pages, 50,000 `a`), cleans each in this process under the
configured limits and prints: inputs tried, crashes (an exception that is not a
CleanerError), hangs (a call that outlived the time limit by a second), error records by
kind, the slowest call and peak RSS. `--pytest` also runs the property tests with the long
hypothesis profile. Exit code 1 if there was any crash or hang.
"""

from __future__ import annotations

import argparse
import gzip
import logging
import os
import random
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from cleaner import Cleaner, CleanerError, Config

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["The", "council", "voted", "on", "Tuesday", "to", "approve", "the", "budget.", "By",
         "Jane", "Roe", "|", "12", "March", "2024", "ALSO", "READ:", "©", "(File)", "[1]", "…",
         "Share", "this", "Read", "more", "Tags", "مرحبا", "שלום", "Привет", "你好", "😀",
         "e\u0301", "\u202e", "\u200f"]
TAGS = ("html", "head", "body", "title", "meta", "div", "p", "span", "article", "script", "style",
        "table", "tr", "td", "ul", "li", "a", "b", "h1", "br", "!--", "?xml", "![CDATA[")
CHARSETS = ("utf-8", "latin-1", "shift_jis", "utf-16", "koi8-r", "x-no-such-charset", "utf-7")
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16-le", "gb18030")


def words(rng: random.Random, count: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(count))


def soup(rng: random.Random) -> str:
    """Unbalanced tag soup with text, attributes and broken entities, cut at a random point."""
    pieces = []
    for _ in range(rng.randint(0, 400)):
        tag, roll = rng.choice(TAGS), rng.random()
        if roll < 0.35:
            pieces.append(f"<{tag}{' class=x' if roll < 0.1 else ''}>")
        elif roll < 0.6:
            pieces.append(f"</{tag}>")
        elif roll < 0.65:
            pieces.append(rng.choice(("&amp;", "&#0;", "&#x110000;", "&bogus;", "&", "<", "]]>")))
        else:
            pieces.append(words(rng, rng.randint(1, 40)))
    page = "".join(pieces)
    return page[: rng.randint(0, len(page))]


def lying_charset(rng: random.Random) -> bytes:
    page = f'<meta charset="{rng.choice(CHARSETS)}"><p>{words(rng, 200)} Ünïcödé ✓</p>'
    return page.encode(rng.choice(ENCODINGS), "replace")


def dump(rng: random.Random) -> bytes:
    lines = [words(rng, rng.randint(0, 30)) for _ in range(rng.randint(1, 60))]
    return rng.choice(("\n", "\r\n", "\r", "\n\n", "\u2028")).join(lines).encode("utf-8")


def deep(rng: random.Random) -> str:
    tag, depth = rng.choice(("div", "span", "b", "li", "table")), 100_000
    closing = f"</{tag}>" * depth if rng.random() < 0.5 else ""
    return f"<html><body>{f'<{tag}>' * depth}Deep text.{closing}"


def gzip_cut(rng: random.Random) -> bytes:
    data = gzip.compress(soup(rng).encode("utf-8", "replace") + b" the budget")
    return data[: rng.randint(2, len(data))]


GENERATORS: dict[str, Callable[[random.Random], bytes | str]] = {
    "random bytes": lambda rng: rng.randbytes(rng.randint(0, 5000)),
    "tag soup": soup,
    "tag soup bytes": lambda rng: soup(rng).encode("utf-8", "surrogatepass"),
    "text dump": dump,
    "nul bytes": lambda rng: dump(rng).replace(b" ", b"\0", rng.randint(1, 50)),
    "lying charset": lying_charset,
    "deep nesting": deep,
    "truncated gzip": gzip_cut,
    "gzip bomb": lambda rng: gzip.compress(b" " * (rng.randint(11, 40) * 1024 * 1024)),
    "50k a": lambda rng: "a" * 50_000,
    "50 MB page": lambda rng: b"<p>" + b"a" * 50_000_000,
}
RARE = {"deep nesting": 0.02, "gzip bomb": 0.005, "50 MB page": 0.002}


def pick(rng: random.Random) -> str:
    """A generator name: the costly kinds come up rarely, the rest evenly."""
    for name, share in RARE.items():
        if rng.random() < share:
            return name
    return rng.choice([name for name in GENERATORS if name not in RARE])


def fuzz(seconds: float, seed: int) -> dict:
    """Clean generated inputs until the budget is spent; count every outcome."""
    config = Config()
    cleaner, rng = Cleaner(config), random.Random(seed)
    tally = {"tried": Counter(), "outcomes": Counter(), "crashes": [], "hangs": 0,
             "slowest": (0.0, "")}
    deadline, first_round = time.monotonic() + seconds, list(GENERATORS)
    while time.monotonic() < deadline:
        kind = first_round.pop() if first_round else pick(rng)  # every kind at least once
        data = GENERATORS[kind](rng)
        tally["tried"][kind] += 1
        start = time.perf_counter()
        try:
            cleaner.clean(data)
            tally["outcomes"]["document"] += 1
        except CleanerError as err:
            tally["outcomes"][f"error: {err.kind}"] += 1
        except Exception as err:  # noqa: BLE001 - a crash is what this script looks for
            tally["crashes"].append(f"{kind}: {type(err).__name__}: {err}"[:200])
        elapsed = time.perf_counter() - start
        tally["hangs"] += elapsed > config.max_seconds + 1
        tally["slowest"] = max(tally["slowest"], (elapsed, kind))
    return tally


def run_pytest() -> int:
    """The property tests with the long hypothesis profile; returns pytest's exit code."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz"}
    files = ["tests/test_fuzz.py", "tests/test_limits.py", "tests/test_invariants.py",
             "tests/test_paths.py", "tests/test_rule_lint.py"]
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:warnings", *files],
                           cwd=ROOT, env=env)


def report(tally: dict, seconds: float) -> None:
    tried = sum(tally["tried"].values())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"reliability: {seconds:g} s budget, {tried} inputs tried, "
          f"{len(tally['crashes'])} crashes, {tally['hangs']} hangs, peak RSS {peak_mib:.0f} MiB")
    print(f"slowest call: {tally['slowest'][0]:.2f} s ({tally['slowest'][1]})")
    print("\ninputs by kind:")
    for kind, count in sorted(tally["tried"].items()):
        print(f"  {count:7d}  {kind}")
    print("\noutcomes:")
    for outcome, count in tally["outcomes"].most_common():
        print(f"  {count:7d}  {outcome}")
    for crash in tally["crashes"][:20]:
        print(f"  CRASH  {crash}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="fuzzing budget (default 120)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--pytest", action="store_true", help="also run the property tests long")
    args = parser.parse_args(argv)
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
    tally = fuzz(args.seconds, args.seed)
    report(tally, args.seconds)
    failed = bool(tally["crashes"] or tally["hangs"])
    if args.pytest:
        failed |= run_pytest() != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
