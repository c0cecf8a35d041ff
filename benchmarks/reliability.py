"""Reliability report: throw hostile inputs at cleaner and count what comes out.

    python benchmarks/reliability.py [--seconds 30] [--seed 0] [--jobs 2] [--no-crafted] [--pytest]

Two parts. Crafted: every kind of hostile input and operator mistake the reliability promises
name (-o onto an input, JSON Lines with status/source/error fields, truncated .warc.gz and
.jsonl.gz, wrong Content-Length, deep nesting, a FIFO, symlinks out of the tree, nested JSON
arrays, NaN, SVG/XML, a single <p>, UTF-16 without BOM, gzip with trailing garbage, gzip bombs,
huge lines, 100,000 attributes, a 5 MB page of `x<br>`, a file name that is not UTF-8, a lone
surrogate, a full disk, a closed pipe) is run through the `cleaner` command with worker processes,
each run in a child process with a hard timeout; it prints inputs, records and errors by kind
per input kind, and exit code, tracebacks, hangs and peak RSS per run (Linux: RSS read from
/proc). Fuzz: generated inputs (arbitrary bytes, tag soup cut anywhere, 100,000-deep nesting,
NULs, lying charsets, truncated gzip, gzip bombs, 50 MB pages, 50,000 `a`, many attributes,
`x<br>` pages, UTF-16, SVG, fragments) are cleaned in this process for `--seconds`, counting
tracebacks (an exception that is not a CleanerError), hangs (a call that outlived the time
limit by a second), error records by kind, the slowest call and peak RSS. `--pytest` also runs
the property tests with the long hypothesis profile. Exit code 1 on any traceback or hang.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import os
import random
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.hostile import ACTUAL_ENCODINGS, DECLARED_CHARSETS, ENTITIES, NEWLINES, TAGS, WORDS  # noqa: E402
from cleaner import Cleaner, CleanerError, Config  # noqa: E402


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
            pieces.append(rng.choice(ENTITIES))
        else:
            pieces.append(words(rng, rng.randint(1, 40)))
    page = "".join(pieces)
    return page[: rng.randint(0, len(page))]


def lying_charset(rng: random.Random) -> bytes:
    page = f'<meta charset="{rng.choice(DECLARED_CHARSETS)}"><p>{words(rng, 200)} Ünïcödé ✓</p>'
    return page.encode(rng.choice(ACTUAL_ENCODINGS), "replace")


def dump(rng: random.Random) -> bytes:
    lines = [words(rng, rng.randint(0, 30)) for _ in range(rng.randint(1, 60))]
    return rng.choice(NEWLINES).join(lines).encode("utf-8")


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
    "many attributes": lambda rng: (
        "<html><body><div " + " ".join(f"a{i}" for i in range(rng.choice((500, 5000, 100_000)))) + "><p>Text.</p></div>"
    ),
    "x<br> page": lambda rng: "<html><body>" + "x<br>" * rng.choice((1000, 1024 * 1024)),
    "UTF-16 without BOM": lambda rng: f"<p>{words(rng, 100)}</p>".encode(rng.choice(("utf-16-le", "utf-16-be"))),
    "SVG/XML": lambda rng: (
        f'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><text>{words(rng, 9)}</text></svg>'
    ),
    "single <p> fragment": lambda rng: f"<p>{words(rng, rng.randint(1, 60))}</p>",
    "gzip trailing garbage": lambda rng: gzip.compress(soup(rng).encode("utf-8", "replace")) + rng.randbytes(50),
}
RARE = {"deep nesting": 0.02, "gzip bomb": 0.005, "50 MB page": 0.002, "many attributes": 0.01, "x<br> page": 0.01}


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
    tally = {"tried": Counter(), "outcomes": Counter(), "crashes": [], "hangs": 0, "slowest": (0.0, "")}
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


# ---------------------------------------------------------------------------------------------
# Crafted inputs through the command: every kind of input the reliability promises name, each run
# through `cleaner clean` (worker processes) in a child process with a hard timeout.

CLI_TIMEOUT = 120.0  # a run that outlives this is a hang
FIFO_TIMEOUT = 30.0  # reading a FIFO nobody writes to blocks for ever: a hang shows by then
MiB = 1024 * 1024


@dataclass
class Outcome:
    """What one kind of crafted input came to."""

    inputs: int | None = 0  # None: unknown (a damaged archive holds an unknown number)
    records: int = 0
    errors: Counter = field(default_factory=Counter)
    notes: list = field(default_factory=list)
    exits: list = field(default_factory=list)
    tracebacks: int = 0
    hangs: int = 0
    rss_mib: float = 0.0

    def add_run(self, run: Run, records: list[dict] | None = None) -> None:
        """Count a run of the command (and the records it wrote) into this outcome."""
        self.exits.append("HANG" if run.code is None else run.code)
        self.hangs += run.code is None
        self.rss_mib = max(self.rss_mib, run.rss_mib)
        traces = run.stderr.count("Traceback (most recent call last)")
        self.tracebacks += traces
        if traces:
            self.notes.append(run.stderr.strip().splitlines()[-1][:100])
        tally(self, records or [])


def page(n: int) -> str:
    return (
        f"<html><head><title>Story {n}</title></head><body><article><h1>Story {n}</h1>"
        + f"<p>Paragraph {n} of a story about the council, which met on Tuesday to vote.</p>" * 8
        + "</article></body></html>"
    )


def warc_bytes(pages: list[str], lie: int = 0) -> bytes:
    """An uncompressed WARC of HTML responses; `lie` is added to every Content-Length."""
    out = b""
    for n, html in enumerate(pages):
        http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}".encode()
        head = (
            f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/{n}\r\n"
            f"WARC-Date: 2024-01-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{n:08d}-0000-0000-0000-000000000000>\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http) + lie}\r\n\r\n"
        )
        out += head.encode() + http + b"\r\n\r\n"
    return out


def gzip_members(data: bytes) -> bytes:
    return b"".join(gzip.compress(data[i : i + 4096]) for i in range(0, len(data), 4096))


def bomb(size: int) -> bytes:
    """`size` zero bytes, gzipped without ever holding them."""
    packer, chunk = zlib.compressobj(9, zlib.DEFLATED, 31), b"\0" * MiB
    return b"".join([*(packer.compress(chunk) for _ in range(size // MiB)), packer.flush()])


def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode()


def nested(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "Deep text." + "</div>" * depth + "</body></html>"


def crafted_files() -> dict[str, tuple[dict[str, bytes], int | None]]:
    """kind -> ({file name: bytes}, inputs expected (None: unknown))."""
    warc3 = warc_bytes([page(n) for n in range(3)])
    jsonl5 = jsonl(*({"id": n, "html": page(n)} for n in range(5)))
    return {
        "JSON Lines with status/source/error fields": (
            {
                "fields.jsonl": jsonl(
                    {"html": page(1), "status": "archived", "source": "crawler-7", "error": "none"},
                    {"text": "A plain text record.", "error_kind": "crawler", "status": 404},
                )
            },
            2,
        ),
        "truncated .warc.gz": ({"cut.warc.gz": gzip_members(warc3)[: len(gzip_members(warc3)) // 2]}, None),
        "truncated .jsonl.gz": ({"cut.jsonl.gz": gzip.compress(jsonl5)[:-40]}, None),
        "wrong Content-Length": (
            {
                "long.warc": warc_bytes([page(1), page(2)], lie=500),
                "short.warc": warc_bytes([page(1), page(2)], lie=-30),
            },
            None,
        ),
        "deep nesting (300, 5,000, 100,000)": ({f"deep-{d}.html": nested(d).encode() for d in (300, 5000, 100_000)}, 3),
        "symlinks out of the tree": ({}, None),  # made by make_symlinks
        "nested JSON arrays": (
            {
                "arrays.jsonl": jsonl(
                    "[" * 100_000 + "]" * 100_000,
                    {"html": [[[["<p>x</p>"]]]]},
                    '{"html": ' + "[" * 5000 + "]" * 5000 + "}",
                )
            },
            3,
        ),
        "NaN and Infinity in JSON": (
            {
                "nan.jsonl": jsonl(
                    '{"html": NaN}', '{"text": "Plain words.", "score": NaN}', '{"text": "More words.", "x": Infinity}'
                )
            },
            3,
        ),
        "SVG/XML": (
            {
                "image.svg.html": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
                b"<text>Label</text></svg>",
                "doc.xhtml": b'<?xml version="1.0" encoding="ISO-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml">'
                b"<body><p>Caf\xe9 au lait, a paragraph.</p></body></html>",
            },
            2,
        ),
        "single <p> fragment": ({"fragment.html": b"<p>Just one paragraph of text, nothing around it.</p>"}, 1),
        "UTF-16 without BOM": ({"le.html": page(1).encode("utf-16-le"), "be.html": page(2).encode("utf-16-be")}, 2),
        "gzip with trailing garbage": ({"tail.html.gz": gzip.compress(page(1).encode()) + b"garbage after the end"}, 1),
        "gzip bombs (300 MiB)": ({"bomb.html.gz": bomb(300 * MiB), "bomb.jsonl.gz": bomb(300 * MiB)}, 2),
        "huge lines (30 MB)": (
            {"line.txt": b"word " * (6 * MiB), "line.jsonl": jsonl({"text": "word " * (6 * MiB)})},
            2,
        ),
        "100,000 attributes": (
            {
                "attributes.html": (
                    "<html><body><div "
                    + " ".join(f'a{i}="v"' for i in range(100_000))
                    + "><p>Hello.</p></div></body></html>"
                ).encode()
            },
            1,
        ),
        "x<br> page (5 MB)": ({"breaks.html": ("<html><body>" + "x<br>" * MiB + "</body></html>").encode()}, 1),
        "lone surrogate in a JSON field": ({"surrogate.jsonl": jsonl('{"text": "Words here.", "note": "\\ud800"}')}, 1),
        "file name that is not UTF-8": ({os.fsdecode(b"caf\xe9-\xff.html"): page(3).encode()}, 1),
    }


def make_symlinks(folder: Path, outside: Path) -> None:
    """A link to a file and one to a directory, both outside the input tree."""
    (outside / "secret.html").write_text(page(9), encoding="utf-8")
    (folder / "to-file.html").symlink_to(outside / "secret.html")
    (folder / "to-dir").symlink_to(outside, target_is_directory=True)


@dataclass
class Run:
    """One run of the command: exit code (None: hung and killed), output, stderr, peak RSS."""

    code: int | None
    stdout: bytes
    stderr: str
    rss_mib: float


def run_cli(
    argv: list[str], stdout: Any = subprocess.PIPE, read_then_close: int | None = None, timeout: float = CLI_TIMEOUT
) -> Run:
    """`python -m cleaner ARGV` with a hard timeout; the peak RSS of any process it started.
    With `read_then_close`, read that many bytes of its output, then close the pipe (like `| head`)."""
    marker = uuid.uuid4().hex
    env = {**os.environ, "CLEANER_BENCH_MARKER": marker, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cleaner", *argv],
        cwd=ROOT,
        env=env,
        stdout=stdout,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    captured: dict[str, bytes] = {}
    drains = [("err", process.stderr)]
    if read_then_close is not None:
        process.stdout.read(read_then_close)
        process.stdout.close()
    elif process.stdout is not None:
        drains.append(("out", process.stdout))
    threads = [
        threading.Thread(target=lambda n=n, s=s: captured.setdefault(n, s.read()), daemon=True) for n, s in drains
    ]
    for thread in threads:
        thread.start()
    peak, deadline = 0, time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        peak = max(peak, peak_rss_kib(marker))
        time.sleep(0.1)
    code = process.poll()
    if code is None:
        kill_marked(marker)
        process.wait()
    for thread in threads:
        thread.join(5)
    return Run(code, captured.get("out", b""), captured.get("err", b"").decode(errors="replace"), peak / 1024)


def marked(marker: str) -> list[Path]:
    needle = f"CLEANER_BENCH_MARKER={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and needle in (entry / "environ").read_bytes():
                found.append(entry)
        except OSError:
            continue
    return found


def peak_rss_kib(marker: str) -> int:
    """The largest VmHWM (a process's own peak RSS) among the processes the run started."""
    peak = 0
    for entry in marked(marker):
        try:
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak


def kill_marked(marker: str) -> None:
    for entry in marked(marker):
        with contextlib.suppress(OSError):
            os.kill(int(entry.name), signal.SIGKILL)


def records_of(data: bytes) -> list[dict]:
    """The JSON Lines records of an output; a line that does not parse is kept as a broken record."""
    records = []
    for line in data.splitlines():
        try:
            records.append(json.loads(line))
        except ValueError:
            records.append({"status": "unparsable output line"})
    return records


def tally(outcome: Outcome, records: list[dict]) -> None:
    """Count records and errors by kind into `outcome`; a status that is neither ok nor error counts
    as an error of its own."""
    outcome.records += len(records)
    for record in records:
        if record.get("status") == "error":
            outcome.errors[record.get("error_kind", "?")] += 1
        elif record.get("status") != "ok":
            outcome.errors[f"status {record.get('status')!r}"] += 1


def folder_of(record: dict, tree: Path) -> str:
    try:
        return Path(str(record["source"]).split(":")[0].split("#")[0]).relative_to(tree).parts[0]
    except (KeyError, ValueError, IndexError):
        return "?"


def crafted(work: Path, jobs: int) -> dict[str, Outcome]:
    """Every crafted kind through the command, one run per kind: kind -> outcome."""
    outcomes: dict[str, Outcome] = {}
    (work / "outside").mkdir()
    for number, (kind, (files, expected)) in enumerate(crafted_files().items()):
        folder = work / f"k{number:02d}"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        if kind == "symlinks out of the tree":
            make_symlinks(folder, work / "outside")
        out = work / f"k{number:02d}.jsonl"
        run = run_cli(
            ["clean", str(folder), "-j", str(jobs), "--no-progress", "-o", str(out)], stdout=subprocess.DEVNULL
        )
        outcomes[kind] = Outcome(inputs=expected)
        outcomes[kind].add_run(run, records_of(out.read_bytes() if out.exists() else b""))
    special_runs(work, jobs, outcomes)
    return outcomes


def special_runs(work: Path, jobs: int, outcomes: dict[str, Outcome]) -> None:
    """Kinds that need a run of their own: a FIFO, -o onto an input, writer errors, explain."""
    fifo = work / "fifo"
    fifo.mkdir()
    (fifo / "page.html").write_text(page(1), encoding="utf-8")
    os.mkfifo(fifo / "pipe.html")
    run = run_cli(["clean", str(fifo), "-j", str(jobs), "--no-progress"], timeout=FIFO_TIMEOUT)
    outcomes["FIFO in the input tree"] = Outcome(inputs=None)
    outcomes["FIFO in the input tree"].add_run(run, records_of(run.stdout))
    onto_input(work, jobs, outcomes)
    pages = work / "pages"
    pages.mkdir()
    for n in range(60):
        (pages / f"page-{n:02d}.html").write_text(page(n), encoding="utf-8")
    base, one = ["clean", str(pages), "-j", str(jobs), "--no-progress"], ["explain", str(pages / "page-01.html")]
    special = {
        name: Outcome(inputs=None)
        for name in (
            "writer: closed pipe (clean | head -c 100)",
            "writer: full disk (clean > /dev/full)",
            "writer: closed pipe (explain | head -c 0)",
            "writer: full disk (explain > /dev/full)",
        )
    }
    outcomes.update(special)
    keys = list(special)
    special[keys[0]].add_run(run_cli(base, read_then_close=100))
    special[keys[2]].add_run(run_cli(one, read_then_close=0))
    if os.path.exists("/dev/full"):
        with open("/dev/full", "wb") as full:
            special[keys[1]].add_run(run_cli(base, stdout=full))
            special[keys[3]].add_run(run_cli(one, stdout=full))
    for kind in ("100,000 attributes", "x<br> page (5 MB)"):
        target = next((work / f"k{list(crafted_files()).index(kind):02d}").iterdir())
        outcomes[f"explain: {kind}"] = Outcome(inputs=None)
        outcomes[f"explain: {kind}"].add_run(run_cli(["explain", str(target)], stdout=subprocess.DEVNULL))


def onto_input(work: Path, jobs: int, outcomes: dict[str, Outcome]) -> None:
    """-o naming an input file, and -o inside the input tree: the input must survive unchanged."""
    folder = work / "onto"
    folder.mkdir()
    original = page(5).encode()
    (folder / "page.html").write_bytes(original)
    for label, output in (("the input file", folder / "page.html"), ("a file beside it", folder / "out.jsonl")):
        outcome = outcomes[f"-o onto {label}"] = Outcome(inputs=1)
        argv = ["clean", str(folder / "page.html"), "-j", str(jobs), "--no-progress", "--format", "jsonl"]
        run = run_cli([*argv, "-o", str(output)], timeout=120)
        damaged = (folder / "page.html").read_bytes() != original
        written = output.read_bytes() if output.exists() and not (output.name == "page.html" and not damaged) else b""
        outcome.add_run(run, records_of(written))
        if damaged:
            outcome.notes.append("the input was overwritten")
            (folder / "page.html").write_bytes(original)
        elif run.code == 2 and run.stderr.strip():
            outcome.inputs = None
            outcome.notes.append(f"refused: {run.stderr.strip().splitlines()[-1][:90]}")


def report_crafted(outcomes: dict[str, Outcome], jobs: int) -> tuple[int, int]:
    """Print one line per kind; returns (tracebacks, hangs)."""
    print(f"crafted inputs, each kind in its own run of `cleaner clean -j {jobs}` (or `explain`):")
    print(f"  {'kind':<44} {'in':>3} {'out':>4}  {'exit':>4}  tb  hang  {'RSS':>8}  records")
    for kind, outcome in outcomes.items():
        errors = ", ".join(f"{name} {count}" for name, count in sorted(outcome.errors.items()))
        ok = outcome.records - sum(outcome.errors.values())
        inputs = "?" if outcome.inputs is None else outcome.inputs
        gap = (
            ""
            if outcome.inputs is None or outcome.inputs == outcome.records
            else f"; {'LOST' if outcome.records < outcome.inputs else 'EXTRA'} {abs(outcome.inputs - outcome.records)}"
        )
        notes = f"; {'; '.join(outcome.notes)}" if outcome.notes else ""
        exits = ",".join(str(code) for code in outcome.exits)
        print(
            f"  {kind:<44} {inputs!s:>3} {outcome.records:>4}  {exits:>4}  {outcome.tracebacks:>2}  "
            f"{outcome.hangs:>4}  {outcome.rss_mib:>4.0f} MiB  ok {ok}{', ' + errors if errors else ''}{gap}{notes}"
        )
    tracebacks = sum(o.tracebacks for o in outcomes.values())
    hangs = sum(o.hangs for o in outcomes.values())
    known = [o for o in outcomes.values() if o.inputs is not None]
    print(
        f"\ncrafted: {len(outcomes)} kinds, {sum(o.inputs for o in known)} inputs of known count, "
        f"{sum(o.records for o in outcomes.values())} records, "
        f"{sum(sum(o.errors.values()) for o in outcomes.values())} error records, {tracebacks} tracebacks, "
        f"{hangs} hangs, peak RSS {max(o.rss_mib for o in outcomes.values()):.0f} MiB\n"
    )
    return tracebacks, hangs


def run_pytest() -> int:
    """The property tests with the long hypothesis profile; returns pytest's exit code."""
    env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz"}
    files = [
        "tests/test_fuzz.py",
        "tests/test_limits.py",
        "tests/test_invariants.py",
        "tests/test_paths.py",
        "tests/test_rule_lint.py",
    ]
    return subprocess.call([sys.executable, "-m", "pytest", "-q", "-p", "no:warnings", *files], cwd=ROOT, env=env)


def report(tally: dict, seconds: float) -> None:
    tried = sum(tally["tried"].values())
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fuzz: {seconds:g} s budget, {tried} inputs tried, {len(tally['crashes'])} tracebacks, "
        f"{tally['hangs']} hangs, peak RSS {peak_mib:.0f} MiB"
    )
    print(f"slowest call: {tally['slowest'][0]:.2f} s ({tally['slowest'][1]})")
    print("\ninputs by kind:")
    for kind, count in sorted(tally["tried"].items()):
        print(f"  {count:7d}  {kind}")
    print("\noutcomes:")
    for outcome, count in tally["outcomes"].most_common():
        print(f"  {count:7d}  {outcome}")
    for crash in tally["crashes"][:20]:
        print(f"  TRACEBACK  {crash}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="fuzzing budget (default 30)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the crafted runs (default 2)")
    parser.add_argument("--no-crafted", action="store_true", help="skip the crafted inputs")
    parser.add_argument("--pytest", action="store_true", help="also run the property tests long")
    args = parser.parse_args(argv)
    logging.getLogger("bs4.dammit").setLevel(logging.ERROR)
    failed = False
    if not args.no_crafted:
        with tempfile.TemporaryDirectory(prefix="cleaner-reliability-") as work:
            outcomes = crafted(Path(work), args.jobs)
        failed |= any(report_crafted(outcomes, args.jobs))
    tally = fuzz(args.seconds, args.seed)
    report(tally, args.seconds)
    failed |= bool(tally["crashes"] or tally["hangs"])
    if args.pytest:
        failed |= run_pytest() != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
