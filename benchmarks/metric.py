"""The article-extraction benchmark score: 4-token shingles of `\\w+` tokens, multiset matching.

Per page: tp = shared shingles (multiset), page precision = tp / predicted shingles, page recall =
tp / true shingles, both 1 when there is nothing surplus on either side. P is the mean page
precision over pages with a non-empty prediction, R the mean page recall over pages with a
non-empty truth, F1 = 2PR/(P+R) from those means; accuracy is the share of pages whose token
sequence equals the truth's exactly. `f1_interval` gives the range F1 takes over resamples of the
pages: how far apart two figures from the same few dozen pages must be to tell them apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

SHINGLE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class PageScore:
    """One page's shingle precision and recall, and whether its tokens equal the truth's."""

    precision: float
    recall: float
    exact: bool
    predicted_empty: bool
    truth_empty: bool


@dataclass(frozen=True)
class Score:
    """Benchmark totals over a set of pages."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(words: list[str], size: int = SHINGLE) -> Counter:
    """Runs of `size` tokens; a text of 1 to size-1 tokens is one shorter shingle, none is none."""
    if not words:
        return Counter()
    if len(words) < size:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + size]) for i in range(len(words) - size + 1))


def score_page(predicted: str, truth: str) -> PageScore:
    """Multiset shingle overlap of one prediction with its truth."""
    pred_words, true_words = tokens(predicted), tokens(truth)
    pred, true = shingles(pred_words), shingles(true_words)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    precision = 1.0 if fp == 0 else tp / (tp + fp)
    recall = 1.0 if fn == 0 else tp / (tp + fn)
    return PageScore(precision, recall, pred_words == true_words, not pred_words, not true_words)


def aggregate(pages: Iterable[PageScore]) -> Score:
    """P over non-empty predictions, R over non-empty truths, F1 from the two means."""
    pages = list(pages)
    precisions = [page.precision for page in pages if not page.predicted_empty]
    recalls = [page.recall for page in pages if not page.truth_empty]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(page.exact for page in pages) / len(pages) if pages else 0.0
    return Score(precision, recall, f1, accuracy, len(pages))


def f1_interval(
    pages: Iterable[PageScore], level: float = 0.95, rounds: int = 1000, seed: int = 0
) -> tuple[float, float]:
    """The bounds of the central `level` share of the F1s `aggregate` gives over `rounds` resamples
    of the pages (drawn with replacement, a fixed seed, so a run repeats): how far a figure from a
    few dozen or hundred pages could move on another sample of pages like them. Two tools' figures
    whose intervals overlap widely are not told apart by these pages."""
    pages = list(pages)
    if not pages:
        return 0.0, 0.0
    picks = np.random.default_rng(seed).integers(0, len(pages), size=(rounds, len(pages)))
    precision = _resampled_means([p.precision for p in pages], [not p.predicted_empty for p in pages], picks)
    recall = _resampled_means([p.recall for p in pages], [not p.truth_empty for p in pages], picks)
    total = precision + recall
    f1 = np.divide(2 * precision * recall, total, out=np.zeros(rounds), where=total > 0)
    low, high = np.quantile(f1, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def _resampled_means(values: list[float], counted: list[bool], picks: np.ndarray) -> np.ndarray:
    """The mean of the counted values in each resample (a row of `picks`), as `aggregate` takes it."""
    mask = np.array(counted, dtype=float)
    sums = (np.array(values) * mask).take(picks).sum(axis=1)
    counts = mask.take(picks).sum(axis=1)
    return np.divide(sums, counts, out=np.zeros(len(picks)), where=counts > 0)
