"""Benchmark pages by source: AEB (shared), CleanEval and Dragnet (a public dataset, never committed).

    from benchmarks.sources import load_source, is_heldout
    for page in load_source("dragnet"):      # Page(source, id, html, url, truth)
        ...

AEB is read from ../shared/bench/aeb (or $CLEANER_AEB_DIR). CleanEval (dev and final sets) and Dragnet come from the
public repository j-szulc/html-cleaning-dataset-merged; `dataset_dir()` finds a checkout of it in
$CLEANER_BENCH_DATA or benchmarks/data/html-cleaning-dataset-merged (git-ignored), and clones it
there on first use (from a local mirror when one exists, else from GitHub).

Every page has a fixed split: `is_heldout(page)` is true for about one page in five, chosen by a
hash of source and id. Anything trained or tuned on pages (the line model, thresholds) uses only
pages where it is false; held-out figures are reported on the rest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AEB_DIR = Path(os.environ.get("CLEANER_AEB_DIR") or ROOT.parent / "shared" / "bench" / "aeb")
DATA_DIR = ROOT / "benchmarks" / "data"
DATASET = "html-cleaning-dataset-merged"
DATASET_ORIGINS = (
    Path("/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo"),
    "https://github.com/j-szulc/html-cleaning-dataset-merged",
)
# Source name -> folders of the dataset (each with input/*.html and GoldStandard/*.txt).
DATASET_SOURCES = {"cleaneval": ("cleaneval-dev", "cleaneval-final"), "dragnet": ("dragnet_data",)}
SOURCES = ("aeb", "cleaneval", "dragnet")
GOLD_WITH_COMMENTS = ("dragnet",)  # sources whose gold marks where the reader comments it holds begin
HELDOUT_SHARE = 5  # one page in five
_CLEANEVAL_TAG = re.compile(r"^\s*<(?:p|h|l)>\s*", re.M)
_URL_LINE = re.compile(r"\AURL:\s*(\S+)[^\n]*\n")
# Dragnet's gold holds the article, then a marker line (`!@#$%^&*()  COMMENTS`, typed by hand, so
# its punctuation varies), then the page's reader comments.
_COMMENTS_MARKER = re.compile(r"^[!@#$%^&*() \t]{4,}COMMENTS[ \t\r]*$", re.M)


@dataclass(frozen=True)
class Page:
    """One benchmark page: decoded HTML, its URL when known, and the gold body text."""

    source: str
    id: str
    html: str
    url: str | None
    truth: str


def article_gold(page: Page) -> str:
    """The page's gold text without its reader comments: what cleaner's default (comments left
    out) should give. Only Dragnet's gold marks where its comments begin; other golds are returned
    whole (AEB's leaves comments out; CleanEval's keeps them, and forum posts, unmarked).
    """
    return article_text(page.truth)


def article_text(gold: str) -> str:
    """A gold text up to Dragnet's comments marker (the whole text when it has none)."""
    marker = _COMMENTS_MARKER.search(gold)
    return gold[: marker.start()].rstrip() if marker else gold


def is_heldout(page: Page) -> bool:
    """True for the fixed fifth of pages kept out of any training or tuning."""
    digest = hashlib.sha1(f"{page.source}/{page.id}".encode()).digest()
    return digest[0] % HELDOUT_SHARE == 0


def load_source(name: str) -> list[Page]:
    """Every page of one source, sorted by id."""
    if name == "aeb":
        return list(_aeb_pages(AEB_DIR))
    if name in DATASET_SOURCES:
        root = dataset_dir()
        return [page for folder in DATASET_SOURCES[name] for page in _dataset_pages(root / folder, name)]
    raise SystemExit(f"unknown source {name!r} (one of {', '.join(SOURCES)})")


def dataset_dir() -> Path:
    """A checkout of the merged HTML-cleaning dataset, cloned into benchmarks/data on first use."""
    given = os.environ.get("CLEANER_BENCH_DATA")
    if given:
        return Path(given)
    target = DATA_DIR / DATASET
    if (target / "dragnet_data").is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    for origin in DATASET_ORIGINS:
        if isinstance(origin, Path) and not origin.exists():
            continue
        done = subprocess.run(["git", "clone", "-q", str(origin), str(target)], check=False)
        if done.returncode == 0:
            return target
    raise SystemExit(f"cannot find or clone {DATASET}; set CLEANER_BENCH_DATA to a checkout of it")


def _aeb_pages(data: Path) -> Iterator[Page]:
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((data / "html" / f"{page_id}.html.gz").read_bytes())
        yield Page("aeb", page_id, raw.decode("utf-8", errors="replace"), item.get("url"), item["articleBody"])


def _dataset_pages(folder: Path, source: str) -> Iterator[Page]:
    prefix = "" if folder.name == "dragnet_data" else f"{folder.name.split('-')[-1]}-"
    for html_path in sorted((folder / "input").glob("*.html")):
        gold_path = folder / "GoldStandard" / f"{html_path.stem}.txt"
        if not gold_path.exists():
            continue
        html = _decode(html_path.read_bytes())
        gold, url = gold_text(_decode(gold_path.read_bytes()))
        yield Page(source, prefix + html_path.stem, html, url or _declared_url(html), gold)


def gold_text(raw: str) -> tuple[str, str | None]:
    """The gold body without CleanEval's `URL:` line and its <p>/<h>/<l> paragraph marks."""
    url = None
    found = _URL_LINE.match(raw)
    if found:
        url, raw = found.group(1), raw[found.end() :]
    return _CLEANEVAL_TAG.sub("", raw).strip(), url


def _declared_url(html: str) -> str | None:
    found = re.search(r"<link[^>]+rel=[\"']canonical[\"'][^>]+href=[\"'](https?://[^\"']+)", html[:20000], re.I)
    return found.group(1) if found else None


def _decode(raw: bytes) -> str:
    """Pages of 2007-2012 come in many charsets: cleaner's own decoder, so every tool reads the same text."""
    from cleaner.decode import decode
    from cleaner.errors import CleanerError

    try:
        return decode(raw)
    except CleanerError:
        return raw.decode("utf-8", errors="replace")
