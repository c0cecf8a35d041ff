"""Metadata benchmark: title, author and date exact-match rates of cleaner's HTML path and open tools, one run.

    python benchmarks/metadata.py [--sources goose3,newspaper4k,aeb] [--tools cleaner,trafilatura,...]
                                  [--misses N] [--json FILE]

Sources:
- goose3: the test fixtures of goose3/goose3 (tests/data/*/*.html with a JSON whose "expected" holds
  title, authors, publish_date where the test checks them);
- newspaper4k: the test fixtures of AndyTheFactory/newspaper4k (tests/data/html/*.html with
  tests/data/metadata/*.json: title, authors, publish_date);
- aeb: the AEB pages (../shared/bench/aeb) with our own hand-made gold, benchmarks/metadata-gold-aeb.json;
- aeb-whole-page, aeb-tag-lines, aeb-markdown (asked for with --sources, outside the overall
  table): the same pages and gold, each page given as a text dump a crawler stores
  (benchmarks/wholepage.py: a block per line, a line break at every element, or Markdown as
  html2text writes it), to measure the text path's metadata on real pages.
  cleaner reads the dump as text (`kind="text"`, with the page's URL, as a crawler knows it); the
  other tools get it as benchmarks/dumps.py gives it to HTML tools, each line one <p>.

The two fixture repositories are cloned on first use into benchmarks/data/ (git-ignored), from a
local mirror when one exists, else from GitHub, and never committed. Only fields the fixture gives
are scored: an empty expected title, author list or date is skipped. In the AEB gold an empty author
list is a real value (the page names no person) and is scored; a null date is skipped.

Comparison (see `same_title`, `same_authors`, `same_date`): titles are equal after Unicode NFKC,
whitespace collapsed, case folded and surrounding quotes stripped; authors are the same set of
names under that normalisation (an empty expected list matches only when the tool gives none);
dates are the same YYYY-MM-DD, the calendar date as written in the expected value (no time-zone
conversion). Tools: cleaner (`Cleaner().clean(html, url=url, kind="html")`), trafilatura
(`bare_extraction(..., with_metadata=True)`, its "; "-joined author split into names), newspaper4k
(`Article(url).download(input_html=html)`, `.parse()`) and htmldate (`find_date(...,
original_date=True)`, date only).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import logging
import os
import re
import subprocess
import sys
import unicodedata
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.sources import DATA_DIR, load_source  # noqa: E402

GOLD_AEB = ROOT / "benchmarks" / "metadata-gold-aeb.json"
NOTES = ROOT / "benchmarks" / "metadata-fixture-notes.json"
DEFAULT_JSON = ROOT / "benchmarks" / "results" / "metadata.json"
FIXTURE_REPOS = {"goose3": "goose3/goose3", "newspaper4k": "AndyTheFactory/newspaper4k"}
MIRRORS = Path("/work/.mirror")
SOURCES = ("goose3", "newspaper4k", "aeb")
# Dump sources: the AEB pages as each text dump (a function of benchmarks/wholepage.py) and its kind.
DUMPERS = {
    "aeb-whole-page": ("whole_page_text", "text"),
    "aeb-tag-lines": ("tag_lines_text", "text"),
    "aeb-markdown": ("html2text_markdown", "markdown"),
}
DUMP_SOURCES = tuple(DUMPERS)
TOOLS = ("cleaner", "trafilatura", "newspaper4k", "htmldate")
FIELDS = ("title", "authors", "date")
TOOL_FIELDS = {"htmldate": ("date",)}
_SPACE = re.compile(r"\s+")
_QUOTES = "\"'“”‘’«»„‚‹›`"
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
Extractor = Callable[[str, str, str], dict[str, Any]]


@dataclass(frozen=True)
class Case:
    """One page to score: its HTML, URL and the expected values of the fields it gives."""

    source: str
    id: str
    html: str  # the page, or for a dump source the dump's text
    url: str
    expected: dict[str, Any] = field(default_factory=dict)
    kind: str = "html"


# ---- comparison ---------------------------------------------------------------------------------


def normalize(text: str | None) -> str:
    """NFKC, whitespace collapsed, case folded, surrounding quotes stripped: formatting is not an error."""
    text = _SPACE.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    while len(text) > 1 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    return text.casefold()


def same_title(expected: str, got: str | None) -> bool:
    """Exact title match after normalisation."""
    return bool(got) and normalize(expected) == normalize(got)


def author_set(names: Iterable[str] | None) -> frozenset[str]:
    """The normalised, non-empty names of an author list."""
    return frozenset(filter(None, (normalize(name) for name in names or ())))


def same_authors(expected: Iterable[str], got: Iterable[str] | None) -> bool:
    """The same set of person names; an empty expected list matches only an empty answer."""
    return author_set(expected) == author_set(got)


def day(value: Any) -> str | None:
    """YYYY-MM-DD of a date, datetime or date string, as written (no time-zone conversion)."""
    if value is None or value == "":
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%Y-%m-%d")
    found = _ISO_DAY.match(str(value))
    if found:
        return "-".join(found.groups())
    from dateutil import parser

    try:
        return parser.parse(str(value), ignoretz=True).strftime("%Y-%m-%d")
    except (ValueError, OverflowError):
        return None


def same_date(expected: Any, got: Any) -> bool:
    """The same calendar day."""
    return day(expected) is not None and day(expected) == day(got)


MATCHERS = {"title": same_title, "authors": same_authors, "date": same_date}


# ---- fixture expectations checked against the page -----------------------------------------------


def load_notes(path: Path = NOTES) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """source -> page id -> field -> {page, kind, why}: fixture values the page itself contradicts."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {source: pages for source, pages in data.items() if source in SOURCES}


def checked(cases: list[Case], notes: dict[str, dict[str, dict[str, Any]]]) -> tuple[list[Case], int]:
    """The cases with each noted expectation replaced by the value read from the page; how many were replaced."""
    out, replaced = [], 0
    for case in cases:
        fixes = {name: note["page"] for name, note in notes.get(case.id, {}).items() if name in case.expected}
        replaced += len(fixes)
        out.append(Case(case.source, case.id, case.html, case.url, {**case.expected, **fixes}) if fixes else case)
    return out, replaced


def noted_misses(scores: dict[str, Any], notes: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, Counter]]:
    """Per tool and field, its misses against the fixture that fall on noted expectations, counted by kind."""
    out: dict[str, dict[str, Counter]] = {}
    for tool, per_field in scores.items():
        for name, item in per_field.items():
            kinds = Counter(
                notes[miss["id"]][name]["kind"] for miss in item["misses"] if name in notes.get(miss["id"], {})
            )
            out.setdefault(tool, {})[name] = kinds
    return out


def notes_summary(scores: dict[str, Any], notes: dict[str, dict[str, dict[str, Any]]]) -> str:
    """One line per tool: how many of its misses are on expectations the page contradicts, by kind."""
    noted = {name: sum(name in fields for fields in notes.values()) for name in FIELDS}
    lines = []
    for tool, per_field in noted_misses(scores, notes).items():
        parts = []
        for name, kinds in per_field.items():
            if noted[name]:
                detail = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
                misses = len(scores[tool][name]["misses"])
                parts.append(f"{name} {sum(kinds.values())} of {misses} misses" + (f" ({detail})" if detail else ""))
        if parts:
            lines.append(f"- {tool}: " + "; ".join(parts))
    counts = ", ".join(f"{count} {name}" for name, count in noted.items() if count)
    return f"Misses on fixture expectations the page contradicts ({counts} noted):\n" + "\n".join(lines)


# ---- sources ------------------------------------------------------------------------------------


def fixture_dir(name: str) -> Path:
    """A checkout of one fixture repository in benchmarks/data, cloned on first use (local mirror first)."""
    repo = FIXTURE_REPOS[name]
    given = os.environ.get(f"CLEANER_META_{name.upper()}")
    if given:
        return Path(given)
    target = DATA_DIR / f"meta-{name}"
    if (target / "tests" / "data").is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    for origin in (MIRRORS / repo.replace("/", "+") / "repo", f"https://github.com/{repo}"):
        if isinstance(origin, Path) and not origin.exists():
            continue
        done = subprocess.run(["git", "clone", "-q", "--no-checkout", str(origin), str(target)], check=False)
        # Only the fixtures are checked out: a mirror may lack objects the rest of the tree needs.
        if (
            done.returncode == 0
            and subprocess.run(
                ["git", "-C", str(target), "checkout", "-q", "HEAD", "--", "tests/data"], check=False
            ).returncode
            == 0
        ):
            return target
    raise SystemExit(f"cannot find or clone {repo}; set CLEANER_META_{name.upper()} to a checkout of it")


def _given(title: Any, authors: Any, date: Any) -> dict[str, Any]:
    """The fields a fixture actually gives (empty values are not expectations)."""
    out: dict[str, Any] = {}
    if isinstance(title, str) and title.strip():
        out["title"] = title
    if isinstance(authors, list) and any(isinstance(a, str) and a.strip() for a in authors):
        out["authors"] = authors
    if day(date):
        out["date"] = date
    return out


def goose3_cases(root: Path) -> Iterator[Case]:
    """goose3 fixtures: every tests/data/<group>/<name>.json with its .html next to it."""
    for spec_path in sorted((root / "tests" / "data").glob("*/*.json")):
        html_path = spec_path.with_suffix(".html")
        if not html_path.exists():
            continue
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        want = spec.get("expected") or {}
        expected = _given(want.get("title"), want.get("authors"), want.get("publish_date"))
        if expected:
            html = html_path.read_bytes().decode("utf-8", errors="replace")
            yield Case("goose3", f"{spec_path.parent.name}/{spec_path.stem}", html, spec.get("url") or "", expected)


def newspaper4k_cases(root: Path) -> Iterator[Case]:
    """newspaper4k fixtures: tests/data/metadata/<name>.json with tests/data/html/<name>.html."""
    data = root / "tests" / "data"
    for spec_path in sorted((data / "metadata").glob("*.json")):
        html_path = data / "html" / f"{spec_path.stem}.html"
        if not html_path.exists():
            continue
        spec = json.loads(spec_path.read_text(encoding="utf-8"))
        expected = _given(spec.get("title"), spec.get("authors"), spec.get("publish_date"))
        if expected:
            html = html_path.read_bytes().decode("utf-8", errors="replace")
            yield Case("newspaper4k", spec_path.stem, html, spec.get("url") or "", expected)


def aeb_cases(
    gold_path: Path = GOLD_AEB, dumper: Callable[[str], str] | None = None, kind: str = "text"
) -> Iterator[Case]:
    """AEB pages that have a hand-made gold entry; an empty author list is scored, a null date is not.
    With a dumper, each page is given as that text dump of it instead of its HTML, of `kind`."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for page in load_source("aeb"):
        entry = gold.get(page.id)
        if entry is None:
            continue
        expected = {"title": entry["title"], "authors": entry["authors"]}
        if entry.get("date"):
            expected["date"] = entry["date"]
        url = page.url or entry["url"]
        if dumper is None:
            yield Case("aeb", page.id[:10], page.html, url, expected)
        else:
            yield Case("aeb", page.id[:10], dumper(page.html), url, expected, kind=kind)


def load_cases(source: str) -> list[Case]:
    """Every scored page of one source."""
    if source == "aeb":
        return list(aeb_cases())
    if source in DUMPERS:
        from benchmarks import wholepage

        name, kind = DUMPERS[source]
        return list(aeb_cases(dumper=getattr(wholepage, name), kind=kind))
    if source == "goose3":
        return list(goose3_cases(fixture_dir(source)))
    if source == "newspaper4k":
        return list(newspaper4k_cases(fixture_dir(source)))
    raise SystemExit(f"unknown source {source!r} (one of {', '.join(SOURCES + DUMP_SOURCES)})")


# ---- tools --------------------------------------------------------------------------------------


def make_extractor(tool: str) -> Extractor:
    """Build one tool once; returns html, url, kind -> {title, authors, date}. cleaner reads a text
    dump as text; the other tools read HTML, so a dump is given to them as one <p> per line."""
    if tool == "cleaner":
        from cleaner import Cleaner

        cleaner = Cleaner()

        def run_cleaner(html: str, url: str, kind: str) -> dict[str, Any]:
            doc = cleaner.clean(html, url=url or None, kind=kind)
            return {"title": doc.title, "authors": list(doc.authors), "date": doc.date}

        return run_cleaner
    from benchmarks.dumps import as_html

    html_tool = _html_extractor(tool)
    return lambda html, url, kind: html_tool(html if kind == "html" else as_html(html, kind == "markdown"), url)


def _html_extractor(tool: str) -> Callable[[str, str], dict[str, Any]]:
    if tool == "trafilatura":
        import trafilatura

        def run_trafilatura(html: str, url: str) -> dict[str, Any]:
            found = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, as_dict=True) or {}
            author = found.get("author") or ""
            return {
                "title": found.get("title"),
                "authors": [a for a in author.split(";") if a.strip()],
                "date": found.get("date"),
            }

        return run_trafilatura
    if tool == "newspaper4k":
        import newspaper

        def run_newspaper(html: str, url: str) -> dict[str, Any]:
            # fetch_images=False: no network; images are not scored
            article = newspaper.Article(url or "http://example.com/", fetch_images=False)
            article.download(input_html=html)
            article.parse()
            return {"title": article.title, "authors": list(article.authors), "date": article.publish_date}

        return run_newspaper
    if tool == "htmldate":
        import htmldate

        return lambda html, url: {"date": htmldate.find_date(html, url=url or None, original_date=True)}
    raise SystemExit(f"unknown tool {tool!r} (one of {', '.join(TOOLS)})")


def run_tool(tool: str, cases: list[Case]) -> list[dict[str, Any]]:
    """One tool's answers for every case; a failure is an empty answer with the error kept."""
    extract = make_extractor(tool)
    answers = []
    for case in cases:
        try:
            answers.append(extract(case.html, case.url, case.kind))
        except Exception as error:  # noqa: BLE001 - a tool's crash on one page is a miss, not the end of the run
            message = " ".join(str(error).split())
            answers.append({"error": f"{type(error).__name__}: {message}"[:160]})
    return answers


# ---- scoring and report -------------------------------------------------------------------------


def score(cases: list[Case], answers: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Hits, totals and misses per tool and field."""
    result: dict[str, Any] = {}
    for tool, got in answers.items():
        per_field = {}
        for name in TOOL_FIELDS.get(tool, FIELDS):
            hits, misses = 0, []
            for case, answer in zip(cases, got, strict=True):
                if name not in case.expected:
                    continue
                if MATCHERS[name](case.expected[name], answer.get(name)):
                    hits += 1
                else:
                    misses.append(
                        {
                            "source": case.source,
                            "id": case.id,
                            "expected": case.expected[name],
                            "got": _shown(answer.get(name)),
                            "error": answer.get("error"),
                        }
                    )
            total = hits + len(misses)
            per_field[name] = {"hits": hits, "total": total, "rate": hits / total if total else None, "misses": misses}
        result[tool] = per_field
    return result


def _shown(value: Any) -> Any:
    """A JSON-friendly form of a tool's answer."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def margins(scores: dict[str, Any]) -> dict[str, float | None]:
    """cleaner's rate minus the best other tool's, per field, in points."""
    out: dict[str, float | None] = {}
    for name in FIELDS:
        mine = scores.get("cleaner", {}).get(name, {}).get("rate")
        others = [
            s[name]["rate"]
            for tool, s in scores.items()
            if tool != "cleaner" and name in s and s[name]["rate"] is not None
        ]
        out[name] = None if mine is None or not others else round(100 * (mine - max(others)), 1)
    return out


def table(label: str, scores: dict[str, Any], errors: dict[str, int]) -> str:
    """One Markdown table: rate (hits/total) per tool and field, pages the tool failed on, cleaner's margin."""
    lines = [f"{label}", "", "| tool | title | author | date | failed |", "|---|---|---|---|---|"]
    for tool, per_field in scores.items():
        cells = []
        for name in FIELDS:
            item = per_field.get(name)
            cells.append(
                "-" if not item or not item["total"] else f"{100 * item['rate']:.1f}% ({item['hits']}/{item['total']})"
            )
        lines.append(f"| {tool} | " + " | ".join(cells) + f" | {errors.get(tool, 0)} |")
    margin = margins(scores)
    lines.append(
        "| cleaner - best other (points) | "
        + " | ".join("-" if margin[name] is None else f"{margin[name]:+.1f}" for name in FIELDS)
        + " | |"
    )
    return "\n".join(lines)


def failures(answers: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Pages each tool raised an error on (scored as misses)."""
    return {tool: sum("error" in answer for answer in got) for tool, got in answers.items()}


def print_misses(label: str, scores: dict[str, Any], limit: int) -> None:
    """Each tool's misses, expected against answer, so failures can be read."""
    for tool, per_field in scores.items():
        for name, item in per_field.items():
            if not item["misses"]:
                continue
            print(f"\n{label} {tool} {name} misses ({len(item['misses'])}):")
            for miss in item["misses"][:limit]:
                got = miss["error"] or json.dumps(miss["got"], ensure_ascii=False)
                print(f"  {miss['id']}: want {json.dumps(miss['expected'], ensure_ascii=False)} got {got}"[:300])


def report_tables(
    cases: dict[str, list[Case]], answers: dict[str, list[dict[str, Any]]], notes: dict[str, Any]
) -> dict[str, Any]:
    """Each source's table, and where fixture values were checked against the page the checked table; then overall."""
    report: dict[str, Any] = {}
    start, fixed_all = 0, []
    for source, group in cases.items():
        part = {tool: got[start : start + len(group)] for tool, got in answers.items()}
        start += len(group)
        report[source] = score(group, part)
        print(table(f"### {source} ({len(group)} pages)", report[source], failures(part)) + "\n")
        fixed, replaced = checked(group, notes.get(source, {}))
        fixed_all += [case for case in fixed if case.kind == "html"]
        if replaced:
            print(notes_summary(report[source], notes[source]) + "\n")
            report[f"{source}, checked"] = score(fixed, part)
            label = f"### {source}, {replaced} fixture values replaced by the page's ({NOTES.name})"
            print(table(label, report[f"{source}, checked"], failures(part)) + "\n")
    pages = [
        index for index, case in enumerate(case for group in cases.values() for case in group) if case.kind == "html"
    ]
    everything = [case for group in cases.values() for case in group if case.kind == "html"]
    answers = {tool: [got[index] for index in pages] for tool, got in answers.items()}  # dumps stay out of overall
    report["overall"] = score(everything, answers)
    print(table(f"### overall ({len(everything)} pages)", report["overall"], failures(answers)) + "\n")
    report["overall, checked"] = score(fixed_all, answers)
    print(
        table("### overall, noted fixture values replaced by the page's", report["overall, checked"], failures(answers))
    )
    return report


def main() -> None:
    """Load the sources, run every tool on every page, print the tables and misses, save JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", default=",".join(SOURCES))
    parser.add_argument("--tools", default=",".join(TOOLS))
    parser.add_argument("--misses", type=int, default=1000, help="misses shown per tool and field")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # tools log and warn on every odd page; the tables are the output
    warnings.simplefilter("ignore")
    tools = args.tools.split(",")
    cases = {source: load_cases(source) for source in args.sources.split(",")}
    everything = [case for group in cases.values() for case in group]
    answers = {tool: run_tool(tool, everything) for tool in tools}
    report = report_tables(cases, answers, load_notes())
    for source in cases:
        print_misses(source, report[source], args.misses)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
