"""The learned chooser: which of a page's already-read candidate texts is its body.

Extraction (cleaner/extract.py) reads each page with trafilatura and readability's copy, and
with the readability-lxml library where those two disagree; hand-set rules then keep, trim or
replace trafilatura's text (`Readings.decided`). On some pages the rules pick the wrong block:
trafilatura takes a sidebar or an author box while the post is a heading and a few lines, or
readability's longer text is a page of teasers around trafilatura's short article. No one
threshold tells those pages from the commoner opposite ones, so gradient-boosted trees read the
rules' text beside each other candidate already computed (trafilatura's untrimmed text, the copy,
the library's when it was asked for) and score how likely the candidate is the better body: its
length and paragraphs against the rules' text, the shingles each holds of the other, prose,
short-line, heading and list shares, the page title's words in each, how far the readings agree.
The candidate with the highest score replaces the rules' text when the score clears the stored
threshold; otherwise the rules' text stands. Nothing new is read from the page: the features
cost well under a millisecond.

The trees, thresholds and feature version ship as cleaner/models/chooser.npz (CHOOSER_CARD.md);
benchmarks/train_chooser.py writes them from the training split of the benchmark pages.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

from .document import Paragraph, Removal
from .extract import (
    CHOOSER_RULE,
    MIN_PARAGRAPH_SUPPORT,
    MIN_PROSE_CHARS,
    Extraction,
    Readings,
    _reads_as_prose,
    _share,
)
from .linemodel import FOREST_FIELDS, Forest

MODEL_FILE = "chooser.npz"
FEATURE_VERSION = 1
ORIGINS = ("trafilatura", "trimmed", "copy", "library")
CANDIDATES = ("trafilatura", "copy", "library")
SHORT_WORDS = 6
# The trees were trained on pages in scripts that space their words (two of 2,294 training pages
# are not): where the rules' text averages more characters than this per space-separated word
# (Chinese, Japanese, Thai), shingles are whole clauses and the features say nothing: the rules decide.
MAX_CHARS_PER_WORD = 12
_WORD = re.compile(r"\w+")


def text_shape(paragraphs: list[Paragraph], title_words: set[str]) -> list[float]:
    """One candidate's shape: size, prose, short lines, headings and lists, its longest block, the title's words."""
    chars = sum(len(p.text) for p in paragraphs)
    if not paragraphs or not chars:
        return [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    words = [len(p.text.split()) for p in paragraphs]
    prose = sum(len(p.text) for p in paragraphs if _reads_as_prose(p, MIN_PROSE_CHARS))
    marked = sum(p.kind != "paragraph" for p in paragraphs)
    title = -1.0
    if title_words:
        head = {w.lower() for p in paragraphs[:3] for w in _WORD.findall(p.text)}
        title = len(title_words & head) / len(title_words)
    return [
        math.log1p(chars),
        math.log1p(len(paragraphs)),
        prose / chars,
        sum(w <= SHORT_WORDS for w in words) / len(paragraphs),
        marked / len(paragraphs),
        max(len(p.text) for p in paragraphs) / chars,
        math.log1p(sum(words) / len(paragraphs)),
        title,
    ]


SHAPE_SIZE = 8


@dataclass(frozen=True)
class PageContext:
    """What each candidate of a page is read beside: the rules' text (shingles, shape), the readings' agreement."""

    readings: Readings
    title_words: set[str]
    own: set[tuple[str, ...]]
    shape: list[float]
    agreement: list[float]

    @classmethod
    def of(cls, readings: Readings) -> PageContext:
        shingles = readings.shingles
        title_words = {w.lower() for w in _WORD.findall(readings.title or "")}
        decided = readings.decided.paragraphs
        traf = shingles.union(readings.trafilatura)
        copy = shingles.union(readings.copy)
        agreement = [*_overlaps(traf, copy)]
        if readings.library is not None:
            agreement += _overlaps(traf, shingles.union(readings.library))
        else:
            agreement += [-1.0, -1.0]
        return cls(readings, title_words, shingles.union(decided), text_shape(decided, title_words), agreement)


def pair_features(
    readings: Readings, kind: str, other: list[Paragraph], page: PageContext | None = None
) -> list[float]:
    """What the trees read for one candidate beside the rules' text (FEATURE_VERSION)."""
    page = page or PageContext.of(readings)
    decided = readings.decided.paragraphs
    theirs = readings.shingles.union(other)
    chars, other_chars = _chars(decided), _chars(other)
    return [
        *(float(readings.origin == origin) for origin in ORIGINS),
        *(float(kind == name) for name in CANDIDATES),
        float(readings.library is not None),
        *page.shape,
        *text_shape(other, page.title_words),
        math.log((other_chars + 1) / (chars + 1)),
        *_overlaps(page.own, theirs),
        *page.agreement,
        math.log1p(_unsupported_prose(other, page.own, readings)),
        math.log1p(_unsupported_prose(decided, theirs, readings)),
    ]


PAIR_SIZE = len(ORIGINS) + len(CANDIDATES) + 1 + 2 * SHAPE_SIZE + 9


def _overlaps(first: set[tuple[str, ...]], second: set[tuple[str, ...]]) -> tuple[float, float]:
    """The share of the first set the second holds, and of the second the first holds (one intersection)."""
    shared = len(first & second)
    return (shared / len(first) if first else 0.0, shared / len(second) if second else 0.0)


def _spaced(paragraphs: list[Paragraph]) -> bool:
    """True when the text spaces its words (MAX_CHARS_PER_WORD)."""
    words = sum(len(p.text.split()) for p in paragraphs)
    return _chars(paragraphs) <= MAX_CHARS_PER_WORD * words


def _chars(paragraphs: list[Paragraph]) -> int:
    return sum(len(p.text) for p in paragraphs)


def _unsupported_prose(paragraphs: list[Paragraph], support: set[tuple[str, ...]], readings: Readings) -> int:
    """Characters of prose in the paragraphs that the other text does not hold."""
    return sum(
        len(p.text)
        for p in paragraphs
        if _reads_as_prose(p, MIN_PROSE_CHARS) and _share(readings.shingles(p.text), support) < MIN_PARAGRAPH_SUPPORT
    )


def alternatives(readings: Readings) -> list[tuple[str, list[Paragraph]]]:
    """The candidates already read whose text differs from the rules' choice, each once."""
    seen = {tuple(p.text for p in readings.decided.paragraphs)}
    found = []
    for kind, paragraphs in (
        ("trafilatura", readings.trafilatura),
        ("copy", readings.copy),
        ("library", readings.library),
    ):
        key = tuple(p.text for p in paragraphs or ())
        if paragraphs and key not in seen:
            seen.add(key)
            found.append((kind, paragraphs))
    return found


@dataclass(frozen=True)
class Chooser:
    """The forest and the score over which its candidate replaces the rules' text."""

    forest: Forest
    threshold: float

    def choose(self, readings: Readings) -> Extraction:
        """The rules' extraction, or the candidate the body forest scores over its threshold (the highest)."""
        others = alternatives(readings)
        if not others or not _spaced(readings.decided.paragraphs):
            return readings.decided
        page = PageContext.of(readings)
        rows = np.array([pair_features(readings, kind, paragraphs, page) for kind, paragraphs in others])
        scores = self.forest.decision(rows)
        best = int(np.argmax(scores))
        if scores[best] <= self.threshold:
            return readings.decided
        chosen = others[best][1]
        kept = {p.text for p in chosen}
        left = [p for p in readings.trafilatura if p.text not in kept]  # trafilatura's text is what others trim
        return Extraction(chosen, [Removal(CHOOSER_RULE, "extract", p.text) for p in left])

    def save(self, path: Path) -> None:
        forest = {f"tree_{name}": getattr(self.forest, name) for name in FOREST_FIELDS}
        np.savez_compressed(
            path,
            version=FEATURE_VERSION,
            cut=self.threshold,
            tree_depth=self.forest.depth,
            tree_baseline=self.forest.baseline,
            **forest,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> Chooser:
        """The bundled chooser, or one written by the training script."""
        path = path or bundled_chooser_path()
        with np.load(path) as data:
            if int(data["version"]) != FEATURE_VERSION:
                raise ValueError(f"{path}: chooser was trained on other features; retrain it")
            forest = Forest(
                data["tree_feature"],
                data["tree_threshold"],
                data["tree_children"],
                data["tree_value"],
                data["tree_roots"],
                int(data["tree_depth"]),
                float(data["tree_baseline"]),
            )
            return cls(forest, float(data["cut"]))


def bundled_chooser_path() -> Path:
    """The chooser shipped in the package (cleaner/models/, installed or in the source tree)."""
    return Path(str(resources.files("cleaner.models"))) / MODEL_FILE


@cache
def bundled_chooser() -> Chooser | None:
    """The shipped chooser, loaded once per process; None when the package has none."""
    path = bundled_chooser_path()
    return Chooser.load(path) if path.exists() else None


def choose(readings: Readings) -> Extraction:
    """The body the bundled chooser prefers among the page's candidates (the rules' when none is shipped)."""
    chooser = bundled_chooser()
    return chooser.choose(readings) if chooser is not None else readings.decided
