"""Which text rules remove body text: gold and boilerplate characters each rule removes, per source.

    python benchmarks/rule_costs.py [--sources aeb,cleaneval,dragnet] [--top 30] [--json FILE]

Runs on the training split only (pages where `is_heldout` is false; tune on these, report on the
held-out pages with benchmarks/dumps.py). Each page becomes the two text dumps dumps.py scores
(trafilatura's extracted text and the whole-page text), cached in
benchmarks/data/dumps/train-<source>.json, and is cleaned with the line model off, so every
removal names a text rule or step. A removal's gold share is the share of its 4-token shingles
found in the page's gold text (a removal of one to three tokens: whether that run of tokens
occurs in the gold); its characters are split into gold and boilerplate by that share. Short
removals are noisy (a lone 'Home' may occur in the gold by chance), so the table also gives each
rule's removals and the page F1 before and after cleaning. Captures (metadata read out of the
text) are left out: they move text into fields rather than drop it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.dumps import OUT_DIR, REAL_DUMP_FORMAT, REAL_KINDS, cached_pages, page_dumps  # noqa: E402
from benchmarks.metric import SHINGLE, aggregate, score_page, tokens  # noqa: E402

Key = tuple[str, str, str]  # source, dump kind, rule id


class GoldIndex:
    """The gold text's shingles and short token runs, to tell how much of a removed piece is body."""

    def __init__(self, truth: str) -> None:
        words = [word.lower() for word in tokens(truth)]
        self.shingles = {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
        self.runs = {tuple(words[i : i + n]) for n in range(1, SHINGLE) for i in range(len(words) - n + 1)}

    def share(self, text: str) -> float:
        """The share of the text's shingles found in the gold (0 or 1 for a text under a shingle long)."""
        words = [word.lower() for word in tokens(text)]
        if len(words) < SHINGLE:
            return float(bool(words) and tuple(words) in self.runs)
        found = [tuple(words[i : i + SHINGLE]) in self.shingles for i in range(len(words) - SHINGLE + 1)]
        return sum(found) / len(found)


def training_dumps(source: str, cache: Path = OUT_DIR) -> list[dict[str, str]]:
    """The training pages of a source as dumps, cached like dumps.py's held-out ones (a cache
    without every kind of dump, written before this script made them all, is made again)."""
    import trafilatura

    made_by = f"{REAL_DUMP_FORMAT}/trafilatura {trafilatura.__version__}"
    return cached_pages(
        cache / f"train-{source}.json",
        made_by,
        lambda: _make_training(source),
        lambda pages: all(set(REAL_KINDS) <= page.keys() for page in pages),
    )


def _make_training(source: str) -> Iterator[dict[str, str]]:
    from benchmarks import sources

    for page in sources.load_source(source):
        if not sources.is_heldout(page):
            yield page_dumps(source, page)


def rule_costs(source: str, pages: list[dict[str, str]]) -> dict[str, Any]:
    """Gold and boilerplate characters per rule, and the F1 as-is and cleaned, per dump kind."""
    from cleaner import Cleaner, Config

    cleaner = Cleaner(Config(line_model=False, max_seconds=None))
    costs: dict[Key, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    scores: dict[str, dict[str, list[Any]]] = {kind: {"as-is": [], "cleaned": []} for kind in REAL_KINDS}
    for page in pages:
        gold = GoldIndex(page["truth"])
        for kind in REAL_KINDS:
            if not page[kind].strip():
                continue
            doc = cleaner.clean(page[kind], url=page.get("url"), kind="text")
            scores[kind]["as-is"].append(score_page(page[kind], page["truth"]))
            scores[kind]["cleaned"].append(score_page(doc.text, page["truth"]))
            for removal in doc.removed:
                if removal.kind != "capture":
                    share, size = gold.share(removal.text), len(removal.text)
                    cost = costs[(source, kind, removal.rule)]
                    cost[0], cost[1], cost[2] = cost[0] + share * size, cost[1] + (1 - share) * size, cost[2] + 1
    return {
        "rules": [
            {"source": s, "dump": k, "rule": r, "gold": g, "boilerplate": b, "removals": n}
            for (s, k, r), (g, b, n) in costs.items()
        ],
        "f1": {kind: {name: aggregate(got).f1 for name, got in runs.items()} for kind, runs in scores.items()},
    }


def table(rows: list[dict[str, Any]], top: int) -> str:
    """The rules that remove the most gold characters, worst first."""
    lines = ["| source / dump | rule | gold chars | boilerplate chars | removals |", "|---|---|---|---|---|"]
    for row in sorted(rows, key=lambda row: -row["gold"])[:top]:
        lines.append(
            f"| {row['source']} / {row['dump']} | {row['rule']} | {row['gold']:,.0f} | {row['boilerplate']:,.0f} "
            f"| {row['removals']:,} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sources", default="aeb,cleaneval,dragnet")
    parser.add_argument("--top", type=int, default=30, help="rules listed, by gold characters removed")
    parser.add_argument("--json", type=Path, help="also write every rule's figures here")
    args = parser.parse_args(argv)
    rows: list[dict[str, Any]] = []
    for source in args.sources.split(","):
        result = rule_costs(source, training_dumps(source))
        rows += result["rules"]
        for kind, f1 in result["f1"].items():
            print(f"{source} / {kind}: F1 as-is {f1['as-is']:.3f}, rules alone {f1['cleaned']:.3f}")
    print("\n" + table(rows, args.top))
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
