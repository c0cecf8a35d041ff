"""The learned line model: scores each paragraph of a text dump as boilerplate or body.

What no rule names (menus, link lists, footers of a whole-page dump) is found from the
paragraph's text and context: hashed words (fixed dimension, any script with word breaks),
shape (length, capitals, digits, punctuation, sentence end, link-like, bullet), position, and
the same shape of its neighbours, the run of short lines it sits in and how far it is from the
document's long paragraphs. A logistic regression over those features gives a boilerplate
score per paragraph; paragraphs at or over the threshold are removed as `generic.line-model`.
Weights and threshold ship as package data (cleaner/models/line-model.npz, see MODEL_CARD.md);
benchmarks/train_line_model.py writes them. Inference is numpy only.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .document import Paragraph, Removal

LINE_MODEL_RULE = "generic.line-model"
MODEL_FILE = "line-model.npz"
FEATURE_VERSION = 3
HASH_BITS = 12
HASH_DIM = 1 << HASH_BITS
MAX_HASHED_WORDS = 24  # the opening words say what a line is; long paragraphs are body anyway
SHORT_WORDS = 6
LONG_WORDS = 25
WORD_BINS = (1, 2, 3, 5, 9, 19, 39)
MAX_WORD_CHARS = 32
SHAPE_SIZE = 15 + len(WORD_BINS)
CONTEXT_SIZE = 20
MAIN_BLOCK_WORDS = 10
DENSE_SIZE = SHAPE_SIZE * 3 + CONTEXT_SIZE
LOGIT_CLIP = 8.0
NEAR, FAR = 4, 12

_LINK = re.compile(r"https?://|www\.|\S@\S|\.(?:com|org|net)\b", re.I)
_SEPARATOR = re.compile(r"[ \t][|\u00b7\u00bb\u203a\u2022/][ \t]|[ \t]\|")
_COPYRIGHT = re.compile(r"\u00a9|\(c\)\s*\d{4}", re.I)
# Character classes, as bits of one table entry per BMP code point.
UPPER, LOWER, LETTER, DIGIT, WORD, SPACE, SENTENCE_END, CLOSER, BULLET, SENTENCE_MARK = (1 << i for i in range(10))
_ENDS = ".!?\u3002\uff01\uff1f\u2026"
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_BULLETS = "-\u2022*\u00b7\u25aa\u25ba\u25b8\u2013\u2014>"
_MARKS = ".!?,;\u3001\u3002\uff0c"
ASTRAL = 0x4E00  # code points past the BMP count as letters without case, like CJK
HASH_SEED = 7


class CharTables:
    """Per-code-point classes and hash codes for the BMP: built once per process (see char_tables)."""

    def __init__(self) -> None:
        chars = [chr(code) for code in range(0x10000)]
        classes = np.zeros(len(chars), dtype=np.uint16)
        for bit, test in ((UPPER, str.isupper), (LOWER, str.islower), (LETTER, str.isalpha),
                          (DIGIT, str.isdigit), (WORD, str.isalnum), (SPACE, str.isspace)):
            classes[np.fromiter(map(test, chars), dtype=bool, count=len(chars))] |= bit
        for bit, members in ((SENTENCE_END, _ENDS), (CLOSER, _CLOSERS), (BULLET, _BULLETS), (SENTENCE_MARK, _MARKS),
                             (WORD, "_")):
            classes[[ord(char) for char in members]] |= bit
        self.classes = classes
        lowered = np.fromiter((ord(low[0]) if len(low) == 1 else ord(char)
                               for char, low in zip(chars, map(str.lower, chars), strict=True)),
                              dtype=np.uint64, count=len(chars))
        lowered[(classes & DIGIT) > 0] = ord("0")  # every digit hashes as 0
        self.lower = lowered
        rng = np.random.default_rng(HASH_SEED)
        self.multipliers = rng.integers(1, 2**62, size=MAX_WORD_CHARS, dtype=np.uint64) | np.uint64(1)


@cache
def char_tables() -> CharTables:
    """The tables, built on first use and shared by every model in the process (read-only)."""
    return CharTables()


def _runs(short: np.ndarray) -> np.ndarray:
    """For each paragraph, the length of the run of equally short (or long) lines it sits in."""
    runs = np.ones(len(short))
    start = 0
    for index in range(1, len(short) + 1):
        if index == len(short) or short[index] != short[start]:
            runs[start:index] = index - start
            start = index
    return runs


def _distance_to(mask: np.ndarray) -> np.ndarray:
    """Paragraphs between each paragraph and the nearest one in `mask` (n when there is none)."""
    n = len(mask)
    where = np.flatnonzero(mask)
    if not len(where):
        return np.full(n, float(n))
    positions = np.arange(n)
    slot = np.clip(np.searchsorted(where, positions), 0, len(where) - 1)
    before = np.clip(slot - 1, 0, len(where) - 1)
    return np.minimum(np.abs(where[slot] - positions), np.abs(where[before] - positions)).astype(float)


def _window_mean(values: np.ndarray, reach: int = 3) -> np.ndarray:
    """The mean of each value and up to `reach` neighbours on either side."""
    total = np.concatenate([[0.0], np.cumsum(values)])
    index = np.arange(len(values))
    low, high = np.maximum(index - reach, 0), np.minimum(index + reach + 1, len(values))
    return (total[high] - total[low]) / (high - low)


def _main_block(words: np.ndarray) -> tuple[int, int]:
    """The run of paragraphs with the most words over MAIN_BLOCK_WORDS each (the article, as a
    maximum-sum subarray: long paragraphs add, short lines subtract). Inclusive bounds."""
    gains = np.concatenate([[0.0], np.cumsum(words - MAIN_BLOCK_WORDS)])
    lowest = np.minimum.accumulate(gains[:-1])
    end = int(np.argmax(gains[1:] - lowest))
    start = int(np.argmin(gains[: end + 1]))
    return start, end


def _context(shapes: np.ndarray, texts: Sequence[str]) -> np.ndarray:
    """Position, neighbours and the document around each paragraph."""
    n = len(texts)
    index = np.arange(n, dtype=float)
    words = np.expm1(shapes[:, 1] * 5)
    short, long_ = words <= SHORT_WORDS, words >= LONG_WORDS
    edge = np.zeros((1, SHAPE_SIZE))
    prev = np.vstack([edge, shapes[:-1]])
    next_ = np.vstack([shapes[1:], edge])
    has_prev = (index > 0).astype(float)
    has_next = (index < n - 1).astype(float)
    long_at = np.flatnonzero(long_)
    inside = ((index >= long_at[0]) & (index <= long_at[-1])) if len(long_at) else np.zeros(n, bool)
    counts = Counter(texts)
    repeated = np.array([counts[text] > 1 for text in texts], dtype=float)
    window, ends = _window_mean(shapes[:, 1]), _window_mean(shapes[:, 5])
    start, end = _main_block(words)
    outside = np.maximum(start - index, 0) + np.maximum(index - end, 0)
    columns = [
        index / max(n - 1, 1), np.log1p(index) / 6, np.log1p(n - 1 - index) / 6,
        np.full(n, np.log1p(n) / 7), np.full(n, short.mean()), np.full(n, long_.mean()),
        np.log1p(_runs(short) * short) / 5, np.log1p(_runs(short) * ~short) / 5,
        np.log1p(_distance_to(long_)) / 5, inside.astype(float), inside * short,
        repeated, window, ends, has_prev, has_next,
        outside == 0, np.log1p(outside) / 5, (outside == 0) * short, np.full(n, (end - start + 1) / n),
    ]
    return np.hstack([np.column_stack(columns), prev, next_])


@dataclass(frozen=True)
class Features:
    """Dense features (one row per paragraph) and the hashed words as (row, bucket, value) triples."""

    dense: np.ndarray
    rows: np.ndarray
    buckets: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class _Chars:
    """One document's characters: code points, classes, and where each paragraph starts and ends."""

    codes: np.ndarray
    classes: np.ndarray
    para: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray


def _chars(texts: Sequence[str], tables: CharTables) -> _Chars:
    joined = "\n".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    codes = np.where(codes > 0xFFFF, ASTRAL, codes)
    lengths = np.array([len(text) for text in texts])
    starts = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    para = np.repeat(np.arange(len(texts)), lengths + 1)[: len(codes)]
    para[(starts + lengths)[:-1]] = len(texts)  # the newline between two paragraphs is neither's
    return _Chars(codes, tables.classes[codes], para, starts, lengths)


def _words(chars: _Chars) -> tuple[np.ndarray, np.ndarray]:
    """Index of each word's first character, and its paragraph."""
    word = (chars.classes & WORD) > 0
    first = word & ~np.concatenate([[False], word[:-1]])
    at = np.flatnonzero(first)
    return at, chars.para[at]


def _shapes(texts: Sequence[str], chars: _Chars, word_at: np.ndarray, word_para: np.ndarray) -> np.ndarray:
    """What each paragraph looks like, independent of its words' meaning: one vectorised pass."""
    n, classes, para = len(texts), chars.classes, chars.para
    length = np.maximum(chars.lengths, 1).astype(float)

    def count(bit: int) -> np.ndarray:
        return np.bincount(para, weights=(classes & bit) > 0, minlength=n + 1)[:n]

    words = np.bincount(word_para, minlength=n).astype(float)
    upper, letters = count(UPPER), count(LETTER)
    punct = length - count(WORD) - count(SPACE)
    titled = np.bincount(word_para, weights=(classes[word_at] & UPPER) > 0, minlength=n)
    last = chars.starts + np.maximum(chars.lengths - 1, 0)
    before = np.maximum(last - 1, chars.starts)
    ends = ((classes[last] & SENTENCE_END) > 0) | (
        ((classes[last] & CLOSER) > 0) & ((classes[before] & SENTENCE_END) > 0))
    first = classes[chars.starts]
    second = classes[np.minimum(chars.starts + 1, len(classes) - 1)]
    numbered = ((first & DIGIT) > 0) & ((second & (SENTENCE_END | CLOSER)) > 0)
    bins = [words <= edge for edge in WORD_BINS]
    safe_words = np.maximum(words, 1)
    return np.column_stack([
        np.log1p(length) / 6, np.log1p(words) / 5,
        np.where(letters > 0, upper / np.maximum(letters, 1), 0.0),
        count(DIGIT) / length, punct / length, ends,
        chars.codes[last] == ord(":"),
        _found(_LINK, texts, chars), ((first & BULLET) > 0) | numbered,
        titled / safe_words, _found(_SEPARATOR, texts, chars),
        count(SENTENCE_MARK) / safe_words, np.minimum(length / safe_words, 20.0) / 10,
        _found(_COPYRIGHT, texts, chars), (letters > 0) & (upper == letters),
        *bins,
    ]).astype(float)


def _found(pattern: re.Pattern, texts: Sequence[str], chars: _Chars) -> np.ndarray:
    """Which paragraphs the pattern occurs in: one search over the whole document."""
    hits = np.zeros(len(texts) + 1)
    positions = [match.start() for match in pattern.finditer("\n".join(texts))]
    if positions:
        hits[chars.para[positions]] = 1.0
    return hits[:-1]


def _hashed(chars: _Chars, word_at: np.ndarray, word_para: np.ndarray,
            tables: CharTables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed buckets of each paragraph's opening words, first word and last word (fixed seed)."""
    n = len(chars.lengths)
    word = np.flatnonzero((chars.classes & WORD) > 0)
    if not len(word):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    word_id = np.searchsorted(word_at, word, side="right") - 1
    offset = np.minimum(word - word_at[word_id], MAX_WORD_CHARS - 1)
    codes = tables.lower[chars.codes[word]] * tables.multipliers[offset]
    hashes = np.add.reduceat(codes, np.flatnonzero(np.diff(np.concatenate([[-1], word_id]))))
    first_of_para = np.searchsorted(word_para, np.arange(n))
    rank = np.arange(len(word_at)) - first_of_para[word_para]
    per_para = np.bincount(word_para, minlength=n)
    opening = rank < MAX_HASHED_WORDS
    is_first, is_last = rank == 0, rank == per_para[word_para] - 1
    mask = np.uint64(HASH_DIM - 1)
    rows = np.concatenate([word_para[opening], word_para[is_first], word_para[is_last]])
    buckets = np.concatenate([(hashes[opening] >> np.uint64(40)) & mask, (hashes[is_first] >> np.uint64(20)) & mask,
                              (hashes[is_last] >> np.uint64(8)) & mask]).astype(np.int64)
    entries = np.bincount(rows, minlength=n)
    return rows, buckets, 1.0 / np.sqrt(entries[rows])


def featurize(texts: Sequence[str], tables: CharTables) -> Features:
    """Every feature of every paragraph of one document, computed once and vectorised."""
    if not texts:
        return Features(np.zeros((0, DENSE_SIZE)), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    chars = _chars(texts, tables)
    word_at, word_para = _words(chars)
    shapes = _shapes(texts, chars, word_at, word_para)
    dense = np.hstack([shapes, _context(shapes, texts)])
    return Features(dense, *_hashed(chars, word_at, word_para, tables))


def neighbourhood(logits: np.ndarray) -> np.ndarray:
    """Second-stage features: each paragraph's first-stage logit beside its neighbours' logits.

    A menu line between two article paragraphs, or an article line inside a footer, reads
    differently once the lines around it have been judged.
    """
    z = np.clip(logits, -LOGIT_CLIP, LOGIT_CLIP)
    n = len(z)
    total = np.concatenate([[0.0], np.cumsum(z)])
    index = np.arange(n)

    def mean(low: np.ndarray, high: np.ndarray) -> np.ndarray:
        return np.where(high > low, (total[high] - total[low]) / np.maximum(high - low, 1), 0.0)

    prev = np.concatenate([[0.0], z[:-1]])
    next_ = np.concatenate([z[1:], [0.0]])
    before = mean(np.maximum(index - NEAR, 0), index)
    after = mean(np.minimum(index + 1, n), np.minimum(index + 1 + NEAR, n))
    wide = mean(np.maximum(index - FAR, 0), np.minimum(index + FAR + 1, n))
    return np.column_stack([z, prev, next_, before, after, wide, np.full(n, z.mean()),
                            np.minimum(prev, next_), np.maximum(prev, next_)])


NEIGHBOURHOOD_SIZE = 9


@dataclass(frozen=True)
class LineModel:
    """Two logistic regressions: one over a paragraph's own features (dense and hashed words),
    one over its first-stage logit and its neighbours'; a bias each, and the drop threshold."""

    dense_weights: np.ndarray
    word_weights: np.ndarray
    bias: float
    threshold: float
    mean: np.ndarray
    scale: np.ndarray
    stage2_weights: np.ndarray
    stage2_bias: float
    tables: CharTables = field(default_factory=char_tables, repr=False, compare=False)

    def logits(self, features: Features) -> np.ndarray:
        """First stage: each paragraph on its own features."""
        logits = ((features.dense - self.mean) / self.scale) @ self.dense_weights + self.bias
        words = self.word_weights[features.buckets] * features.values
        return logits + np.bincount(features.rows, weights=words, minlength=len(features.dense))

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Each paragraph's boilerplate probability."""
        if not texts:
            return np.zeros(0)
        first = self.logits(featurize(texts, self.tables))
        final = neighbourhood(first) @ self.stage2_weights + self.stage2_bias
        return 1.0 / (1.0 + np.exp(-final))

    def apply(self, paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removal]]:
        """The paragraphs scored under the threshold, and a removal (with its score) for each other."""
        if len(paragraphs) < 2:
            return paragraphs, []
        scores = self.scores([p.text for p in paragraphs])
        kept = [p for p, score in zip(paragraphs, scores, strict=True) if score < self.threshold]
        removed = [Removal(LINE_MODEL_RULE, "drop", p.text, round(float(score), 3))
                   for p, score in zip(paragraphs, scores, strict=True) if score >= self.threshold]
        return kept, removed

    def save(self, path: Path) -> None:
        np.savez_compressed(path, dense_weights=self.dense_weights, word_weights=self.word_weights,
                            bias=self.bias, threshold=self.threshold, mean=self.mean, scale=self.scale,
                            stage2_weights=self.stage2_weights, stage2_bias=self.stage2_bias,
                            version=FEATURE_VERSION)

    @classmethod
    def load(cls, path: Path | None = None) -> LineModel:
        """The bundled model, or one written by the training script."""
        path = path or bundled_model_path()
        with np.load(path) as data:
            if int(data["version"]) != FEATURE_VERSION or data["dense_weights"].shape != (DENSE_SIZE,):
                raise ValueError(f"{path}: line model was trained on other features; retrain it")
            return cls(data["dense_weights"], data["word_weights"], float(data["bias"]),
                       float(data["threshold"]), data["mean"], data["scale"], data["stage2_weights"],
                       float(data["stage2_bias"]))


def bundled_model_path() -> Path:
    """The weights shipped in the package (cleaner/models/, installed or in the source tree)."""
    return Path(str(resources.files("cleaner.models"))) / MODEL_FILE
