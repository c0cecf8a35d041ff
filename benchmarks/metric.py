"""The article-extraction benchmark score: 4-token shingles of `\\w+` tokens, multiset matching.

Per page: tp = shared shingles (multiset), page precision = tp / predicted shingles, page recall =
tp / true shingles, both 1 when there is nothing surplus on either side. P is the mean page
precision over pages with a non-empty prediction, R the mean page recall over pages with a
non-empty truth, F1 = 2PR/(P+R) from those means; accuracy is the share of pages whose token
sequence equals the truth's exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
