"""Train the extraction chooser (cleaner/models/chooser.npz) from the training pages, and report it.

    python benchmarks/train_chooser.py [--out cleaner/models/chooser.npz] [--readings FILE]

Every page of the three sources (benchmarks/sources.py) goes through cleaner's HTML path with
reader comments kept; extraction's readings of it (`cleaner.extract.read_page`: trafilatura's
body and comments, readability's copy, the library's text where the rules asked for it, the
rules' choice and where it came from) are recorded as the pipeline makes them and cached in
benchmarks/data/ (--readings). Each candidate's text is scored against the page's gold text with
the benchmark's metric (benchmarks/metric.py).

The forest learns, for each candidate whose text differs from the rules' choice, whether it
scores better: a row per (page, candidate) with `cleaner.chooser.pair_features`, labelled 1 when
its page F1 (body alone, comments left out) is higher, weighted by how much F1 the choice moves
(rows that move it by under MIN_GAIN are left out).

Only pages with `is_heldout(page) == False` train the trees and set the threshold: the
threshold is picked from THRESHOLDS on the training pages scored out of fold (FOLDS folds by
page, the trees of each fold fitted without it): among those under which no source loses, the
highest whose F1 gain summed over the sources is within NEAR_BEST of the best one's. Per-source
figures (the rules' choices against the chooser's, training out of fold and held out) are
printed. Fixed order and seed: the same readings give the same model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.metric import PageScore, aggregate, score_page, tokens  # noqa: E402
from benchmarks.sources import DATA_DIR, SOURCES, is_heldout, load_source  # noqa: E402
from benchmarks.train_line_model import export_forest  # noqa: E402
from cleaner import Cleaner, Config  # noqa: E402
from cleaner import extract as extract_module  # noqa: E402
from cleaner.chooser import Chooser, alternatives, pair_features  # noqa: E402
from cleaner.document import Paragraph  # noqa: E402
from cleaner.extract import Readings, _ShingleMemo  # noqa: E402
from cleaner.headline import title_key  # noqa: E402
from cleaner.linemodel import Forest  # noqa: E402

SEED = 20261204
FOLDS = 5
MIN_GAIN = 0.02
NEAR_BEST = 0.1
TREES, TREE_RATE, TREE_LEAVES, TREE_DEPTH, MIN_LEAF = 120, 0.08, 8, 4, 20
THRESHOLDS = tuple(round(x, 2) for x in np.arange(-1.0, 4.01, 0.25))


@dataclass
class PageReadings:
    """One page's readings (without the parse), its gold text and split."""

    key: str
    source: str
    heldout: bool
    truth: str
    readings: Readings


def record_readings(sources: list[str]) -> list[PageReadings]:
    """Every gold page through cleaner's HTML path (comments kept), extraction's readings recorded."""
    cleaner = Cleaner(Config(include_comments=True))
    recorded: list[Readings] = []
    read_page = extract_module.read_page

    def recording(*args: object, **kwargs: object) -> Readings:
        found = read_page(*args, **kwargs)  # type: ignore[arg-type]
        recorded.append(found)
        return found

    extract_module.read_page = recording  # type: ignore[assignment]
    pages = []
    try:
        for source in sources:
            for page in load_source(source):
                if not tokens(page.truth):
                    continue
                recorded.clear()
                cleaner.clean(page.html, url=page.url, kind="html")
                if recorded:
                    found = replace_memo(recorded[0])
                    pages.append(PageReadings(f"{source}/{page.id}", source, is_heldout(page), page.truth, found))
            print(f"  read {source}: {len(pages)} pages so far", file=sys.stderr)
    finally:
        extract_module.read_page = read_page  # type: ignore[assignment]
    return pages


def replace_memo(readings: Readings) -> Readings:
    """The readings with an empty shingle memo (it is rebuilt when features are read)."""
    return Readings(
        readings.trafilatura,
        readings.comments,
        readings.copy,
        readings.library,
        readings.decided,
        readings.origin,
        readings.title,
        _ShingleMemo(),
    )


def load_readings(path: Path, sources: list[str]) -> list[PageReadings]:
    """The cached readings, or read every page once and cache them."""
    if path.exists():
        return pickle.loads(path.read_bytes())
    pages = record_readings(sources)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(pages))
    return pages


def text_of(paragraphs: list[Paragraph], title: str | None = None) -> str:
    """The text a candidate leaves in the body: a paragraph repeating the page's title goes to the
    title field (the headline step), so it neither helps nor hurts a candidate."""
    key = title_key(title) if title else None
    return "\n\n".join(p.text for p in paragraphs if key is None or title_key(p.text) != key)


def page_f1(score: PageScore) -> float:
    if score.predicted_empty:
        return 1.0 if score.truth_empty else 0.0
    total = score.precision + score.recall
    return 2 * score.precision * score.recall / total if total else 0.0


@dataclass
class BodyRows:
    """The forest's rows: features, label, weight, and for each its page and its candidate's score."""

    x: np.ndarray
    y: np.ndarray
    weight: np.ndarray
    page: np.ndarray
    scores: list[PageScore]


def body_rows(pages: list[PageReadings]) -> tuple[BodyRows, list[PageScore]]:
    """One row per page and candidate that differs from the rules' choice; and each page's score of that choice."""
    rows, labels, weights, owners, scores, decided_scores = [], [], [], [], [], []
    for index, page in enumerate(pages):
        title = page.readings.title
        decided = score_page(text_of(page.readings.decided.paragraphs, title), page.truth)
        decided_scores.append(decided)
        for kind, paragraphs in alternatives(page.readings):
            other = score_page(text_of(paragraphs, title), page.truth)
            rows.append(pair_features(page.readings, kind, paragraphs))
            gain = page_f1(other) - page_f1(decided)
            labels.append(gain > 0)
            weights.append(abs(gain))
            owners.append(index)
            scores.append(other)
    return (
        BodyRows(np.array(rows), np.array(labels, dtype=float), np.array(weights), np.array(owners), scores),
        decided_scores,
    )


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> Forest:
    """Small gradient-boosted trees (sklearn's histogram boosting, fixed seed), as arrays."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    model = HistGradientBoostingClassifier(
        max_iter=TREES,
        learning_rate=TREE_RATE,
        max_leaf_nodes=TREE_LEAVES,
        max_depth=TREE_DEPTH,
        min_samples_leaf=MIN_LEAF,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=SEED,
    )
    model.fit(x, y, sample_weight=weight)
    forest = export_forest(model)
    if not np.allclose(forest.decision(x[:2000]), model.decision_function(x[:2000]), atol=1e-6):
        raise RuntimeError("exported trees disagree with sklearn's")
    return forest


def fold_of(key: str) -> int:
    return hashlib.sha1(key.encode()).digest()[1] % FOLDS


def out_of_fold(pages: list[PageReadings], rows: BodyRows) -> np.ndarray:
    """Each row's score from trees fitted without its page's fold."""
    folds = np.array([fold_of(pages[i].key) for i in rows.page])
    found = np.zeros(len(rows.y))
    for fold in range(FOLDS):
        train = (folds != fold) & (rows.weight >= MIN_GAIN)
        found[folds == fold] = fit(rows.x[train], rows.y[train], rows.weight[train]).decision(rows.x[folds == fold])
    return found


def chosen_scores(rows: BodyRows, decision: np.ndarray, decided: list[PageScore], threshold: float) -> list[PageScore]:
    """Each page's score when the highest-scoring candidate over the threshold replaces the rules' choice."""
    chosen = list(decided)
    best: dict[int, float] = {}
    for row, (page, score) in enumerate(zip(rows.page, decision, strict=True)):
        if score > threshold and score > best.get(int(page), -np.inf):
            best[int(page)] = score
            chosen[int(page)] = rows.scores[row]
    return chosen


def source_f1(pages: list[PageReadings], scores: list[PageScore], keep: list[bool]) -> dict[str, float]:
    """Benchmark F1 per source over the kept pages."""
    found = {}
    for source in sorted({p.source for p in pages}):
        chosen = [s for p, s, k in zip(pages, scores, keep, strict=True) if k and p.source == source]
        found[source] = aggregate(chosen).f1
    return found


def pick_threshold(gains: dict[float, dict[str, float]]) -> float:
    """Among the thresholds where no source loses, the highest whose summed gain is within NEAR_BEST of
    the best: about as much gain from fewer replacements of the rules' text (fewer surprises on new sites)."""
    safe = {t: sum(g.values()) for t, g in gains.items() if min(g.values()) >= 0}
    if not safe:
        return max(gains)
    best = max(safe.values())
    return max(t for t, total in safe.items() if total >= (1 - NEAR_BEST) * best)


def body_threshold(pages: list[PageReadings], rows: BodyRows, oof: np.ndarray, decided: list[PageScore]) -> float:
    """The threshold (out-of-fold scores of the training pages)."""
    train = [not p.heldout for p in pages]
    base = source_f1(pages, decided, train)
    gains = {}
    for threshold in THRESHOLDS:
        after = source_f1(pages, chosen_scores(rows, oof, decided, threshold), train)
        gains[threshold] = {s: after[s] - base[s] for s in base}
        print(f"  threshold {threshold:+.2f}: " + ", ".join(f"{s} {g:+.4f}" for s, g in gains[threshold].items()))
    return pick_threshold(gains)


def report(pages: list[PageReadings], chooser: Chooser, oof: np.ndarray, rows: BodyRows, decided) -> dict:
    """Per-source F1 of the rules' choice and the chooser's: training pages out of fold, held-out pages."""
    final = chooser.forest.decision(rows.x) if len(rows.y) else np.zeros(0)
    heldout_rows = np.array([pages[i].heldout for i in rows.page])
    mixed = np.where(heldout_rows, final, oof)
    after = chosen_scores(rows, mixed, decided, chooser.threshold)
    summary = {}
    for split, keep in (
        ("train (out of fold)", [not p.heldout for p in pages]),
        ("held-out", [p.heldout for p in pages]),
    ):
        before, chosen = source_f1(pages, decided, keep), source_f1(pages, after, keep)
        summary[split] = {s: {"rules": before[s], "chooser": chosen[s]} for s in before}
        for source in before:
            print(f"{split:<20} {source:<10} rules {before[source]:.4f}  chooser {chosen[source]:.4f}")
    return summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "cleaner" / "models" / "chooser.npz")
    parser.add_argument("--readings", type=Path, default=DATA_DIR / "chooser-readings.pickle")
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "results" / "chooser.json")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    pages = load_readings(args.readings, list(SOURCES))
    rows, decided = body_rows(pages)
    print(f"{len(pages)} pages, {len(rows.y)} candidate rows", file=sys.stderr)
    train_rows = np.array([not pages[i].heldout for i in rows.page])
    oof = np.where(train_rows, 0.0, 0.0)
    oof[train_rows] = out_of_fold([p for p in pages], _subset(rows, train_rows))
    threshold = body_threshold(pages, rows, np.where(train_rows, oof, -np.inf), decided)
    learn = train_rows & (rows.weight >= MIN_GAIN)
    body = fit(rows.x[learn], rows.y[learn], rows.weight[learn])
    chooser = Chooser(body, threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    chooser.save(args.out)
    print(f"threshold {threshold:+.2f}; wrote {args.out}")
    summary = report(pages, chooser, oof, rows, decided)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps({"threshold": threshold, **summary}, indent=2))
    print(f"done in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def _subset(rows: BodyRows, keep: np.ndarray) -> BodyRows:
    index = np.flatnonzero(keep)
    return BodyRows(rows.x[keep], rows.y[keep], rows.weight[keep], rows.page[keep], [rows.scores[i] for i in index])


if __name__ == "__main__":
    main()
