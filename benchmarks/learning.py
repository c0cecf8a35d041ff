"""Site learning on invented multi-page crawls: boilerplate removed and body kept by `cleaner clean`
with and without `--learn`, whether the learned files pass `cleaner rules test`, and what learning
costs (seconds, peak RSS of the process tree) beside a plain clean of the same documents.

    python benchmarks/learning.py [--pages 10] [--docs 10000] [--small 1000] [-j 2]

The sites come from benchmarks/learning/sites.yaml (each with its own boilerplate wording: a header
line, a byline layout, an insert between paragraphs, closing lines) and body text from the word
lists in benchmarks/learning/body.yaml, with a fixed seed. The quality crawl is a directory:
JSON Lines per site (text + url), .txt dumps whose 'Url:' line names the site, and HTML pages with
a canonical link. The cost runs use one JSON Lines file of the same sites, `--docs` long.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.throughput import measure  # noqa: E402

DATA = Path(__file__).resolve().parent / "learning"
SEED = 20261203
INSERT_RATE = 0.6
DATE_FORMATS = (
    "{day} {month} {year}",
    "{month} {day}, {year}",
    "{year}-{mm:02d}-{day:02d}",
    "{day:02d}.{mm:02d}.{year}",
)


class Writer:
    """Invented articles for one site: headline, body, and the site's boilerplate, with the truth."""

    def __init__(self, site: dict, words: dict, rng: random.Random):
        self.site, self.words, self.rng = site, words, rng
        self.date_format = DATE_FORMATS[sum(map(ord, site["domain"])) % len(DATE_FORMATS)]

    def pick(self, key: str) -> str:
        return self.rng.choice(self.words[key])

    def sentence(self) -> str:
        if self.rng.random() < 0.15:
            return f"“{self.pick('quotes')},” {self.pick('speakers')}."
        return f"{self.pick('subjects')} {self.pick('verbs')} {self.pick('objects')} {self.pick('tails')}."

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, 4)))

    def headline(self) -> str:
        return f"{self.pick('subjects')} {self.pick('verbs')} {self.pick('objects')}".capitalize()

    def fill(self, template: str) -> str:
        rng = self.rng
        month = rng.randint(1, 12)
        date = self.date_format.format(
            day=rng.randint(1, 28), month=self.words["months"][month - 1], mm=month, year=rng.choice((2023, 2024, 2025))
        )
        values = {
            "date": date,
            "n": rng.randint(2, 14),
            "city": self.pick("cities"),
            "year": rng.randint(2023, 2025),
            "headline": self.headline(),
        }
        while "{name}" in template:
            template = template.replace("{name}", f"{self.pick('first_names')} {self.pick('last_names')}", 1)
        return template.format(**values)

    def article(self) -> tuple[str, list[str], list[str]]:
        """(headline, paragraphs in page order, boilerplate among them); body is the rest."""
        site = self.site
        boiler = [self.fill(t) for t in site.get("start", [])]
        if site.get("byline"):
            boiler.append(self.fill(site["byline"]))
        body = [self.paragraph() for _ in range(self.rng.randint(6, 12))]
        inserts = [self.fill(t) for t in site.get("inserts", []) if self.rng.random() < INSERT_RATE]
        for insert in inserts:
            body.insert(self.rng.randint(2, len(body) - 1), insert)
        end = [self.fill(t) for t in site.get("end", [])]
        return self.headline(), boiler + body + end, boiler + inserts + end


def html_page(url: str, title: str, paragraphs: list[str], site: dict) -> str:
    """A page with navigation and a footer around an article that holds the site's boilerplate."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "".join(f'<li><a href="/{s}">{s.title()}</a></li>' for s in ("news", "sport", "culture", "weather"))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="canonical" href="{url}"></head><body><header><nav><ul>{nav}</ul></nav></header>'
        f"<main><article><h1>{title}</h1>\n{body}\n</article></main>"
        f'<footer><p>{site["domain"]} · <a href="/about">About</a> · <a href="/privacy">Privacy</a></p></footer>'
        "</body></html>"
    )


def load() -> tuple[list[dict], dict]:
    sites = yaml.safe_load((DATA / "sites.yaml").read_text(encoding="utf-8"))["sites"]
    words = yaml.safe_load((DATA / "body.yaml").read_text(encoding="utf-8"))
    return sites, words


def make_crawl(folder: Path, pages: int) -> dict[str, dict]:
    """The quality crawl as files; returns the truth (body, boilerplate) per output record source."""
    sites, words = load()
    rng = random.Random(SEED)
    folder.mkdir(parents=True, exist_ok=True)
    truth: dict[str, dict] = {}
    for site in sites:
        writer = Writer(site, words, rng)
        lines = []
        for n in range(pages):
            url = f"https://www.{site['domain']}/{n}/story-{rng.randint(1000, 9999)}"
            title, paragraphs, boiler = writer.article()
            fact = {"body": [p for p in paragraphs if p not in boiler], "boilerplate": boiler}
            if site["kind"] == "jsonl":
                lines.append(json.dumps({"id": n, "text": "\n\n".join([title, *paragraphs]), "url": url}))
                truth[f"{folder / site['domain']}.jsonl:{n + 1}"] = fact
                continue
            path = folder / site["domain"] / f"{n}.{'html' if site['kind'] == 'html' else 'txt'}"
            path.parent.mkdir(parents=True, exist_ok=True)
            text = (
                html_page(url, title, paragraphs, site)
                if site["kind"] == "html"
                else "\n\n".join([title, f"Url:{url}", *paragraphs])
            )
            path.write_text(text, encoding="utf-8")
            truth[str(path)] = fact
        if lines:
            (folder / f"{site['domain']}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return truth


def make_stream(path: Path, docs: int) -> Path:
    """`docs` JSON Lines records cycling through the sites: text+url, a dump naming its URL, or HTML."""
    sites, words = load()
    rng = random.Random(SEED + 1)
    writers = [Writer(site, words, rng) for site in sites]
    with open(path, "w", encoding="utf-8") as out:
        for n in range(docs):
            writer = writers[n % len(writers)]
            site = writer.site
            url = f"https://www.{site['domain']}/{n}/story"
            title, paragraphs, _ = writer.article()
            if site["kind"] == "html":
                record = {"id": n, "html": html_page(url, title, paragraphs, site), "url": url}
            elif site["kind"] == "dump":
                record = {"id": n, "text": "\n\n".join([title, f"Url:{url}", *paragraphs])}
            else:
                record = {"id": n, "text": "\n\n".join([title, *paragraphs]), "url": url}
            out.write(json.dumps(record) + "\n")
    return path


def score(output: Path, truth: dict[str, dict]) -> dict[str, list[int]]:
    """Per input kind and overall: [boilerplate pieces, removed, body paragraphs, kept]."""
    totals: dict[str, list[int]] = {}
    for line in output.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        fact = truth[record["source"]]
        source = record["source"]
        kind = "html" if source.endswith(".html") else "dump" if source.endswith(".txt") else "jsonl"
        text = " ".join((record.get("text") or "").split())
        for key in (kind, "all"):
            row = totals.setdefault(key, [0, 0, 0, 0])
            row[0] += len(fact["boilerplate"])
            row[1] += sum(" ".join(p.split()) not in text for p in fact["boilerplate"])
            row[2] += len(fact["body"])
            row[3] += sum(" ".join(p.split()) in text for p in fact["body"])
    return totals


def quality(tmp: Path, pages: int, jobs: int) -> None:
    crawl = tmp / "crawl"
    truth = make_crawl(crawl, pages)
    clean = [sys.executable, "-m", "cleaner.cli", "clean", "--no-progress", "-j", str(jobs)]
    subprocess.run([*clean, str(crawl), "-o", str(tmp / "plain.jsonl")], check=False, capture_output=True)
    learned = subprocess.run(
        [*clean, "--learn", str(crawl), "-o", str(tmp / "learned.jsonl")], check=False, capture_output=True, text=True
    )
    tested = subprocess.run(
        [sys.executable, "-m", "cleaner.cli", "rules", "test", "--rules", str(tmp / "learned.jsonl.rules")],
        capture_output=True,
        text=True,
        check=False,
    )
    rules = len(list((tmp / "learned.jsonl.rules" / "sites").glob("*.yaml")))
    print(
        f"{len(load()[0])} sites x {pages} pages ({len(truth)} documents); "
        f"{rules} learned rule files; rules test: {tested.stdout.strip().splitlines()[-1]}"
    )
    print(f"\n| {'input':<6} | {'run':<16} | {'boilerplate removed':>19} | {'body kept':>9} |")
    print(f"|{'-' * 8}|{'-' * 18}|{'-' * 21}|{'-' * 11}|")
    plain, learn = score(tmp / "plain.jsonl", truth), score(tmp / "learned.jsonl", truth)
    for kind in ("jsonl", "dump", "html", "all"):
        for name, table in (("clean", plain), ("clean --learn", learn)):
            pieces, removed, body, kept = table[kind]
            print(f"| {kind:<6} | {name:<16} | {removed / pieces:>19.3f} | {kept / body:>9.3f} |")
    notes = [
        line
        for line in learned.stderr.splitlines()
        if "cleaner: learned" in line or line.startswith("  ") and not line.strip()[:1].isdigit()
    ]
    print("\nlearning summary:\n" + "\n".join(notes))


def cost(tmp: Path, docs: int, small: int, jobs: int) -> None:
    clean = [sys.executable, "-m", "cleaner.cli", "clean", "--no-progress", "--restart", "-j", str(jobs)]
    rows = []
    for count in dict.fromkeys((small, docs)):  # one run per size when --docs equals --small
        stream = make_stream(tmp / f"stream-{count}.jsonl", count)
        for name, extra in (("clean", []), ("clean --learn", ["--learn"])):
            seconds, peak = measure([*clean, *extra, str(stream), "-o", str(tmp / f"out-{count}-{len(extra)}.jsonl")])
            rows.append((name, count, seconds, peak / 1024))
            print(f"  {name} {count}: {seconds:.1f} s", file=sys.stderr, flush=True)
    print(f"\ncost: -j {jobs}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    print(f"| {'run':<14} | {'docs':>6} | {'seconds':>8} | {'docs/s':>7} | {'peak RSS MiB':>12} |")
    print(f"|{'-' * 16}|{'-' * 8}|{'-' * 10}|{'-' * 9}|{'-' * 14}|")
    for name, count, seconds, rss in rows:
        print(f"| {name:<14} | {count:>6} | {seconds:>8.1f} | {count / seconds:>7.1f} | {rss:>12.0f} |")
    by = {(name, count): (seconds, rss) for name, count, seconds, rss in rows}
    ratio = by[("clean --learn", docs)][0] / by[("clean", docs)][0]
    flat = by[("clean --learn", docs)][1] / by[("clean --learn", small)][1]
    print(f"\nclean --learn / clean at {docs}: {ratio:.2f}x;  --learn peak RSS {docs} / {small} docs: {flat:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="pages per site in the quality crawl")
    parser.add_argument("--docs", type=int, default=10_000, help="documents in the cost run (0: skip it)")
    parser.add_argument("--small", type=int, default=1_000, help="documents in the smaller cost run")
    parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        quality(Path(tmp), args.pages, args.jobs)
        if args.docs:
            cost(Path(tmp), args.docs, args.small, args.jobs)


if __name__ == "__main__":
    main()
