"""The learned line model: scores each paragraph of a text dump as boilerplate or body.

It reads sentence units (sentence_units): a paragraph, or the lines a dump broke inside one block
joined again, so that a sentence split at its links goes or stays whole; below, "paragraph" is a
unit. What no rule names (menus, link lists, footers of a whole-page dump) is found from the
paragraph's text and context: hashed words (fixed dimension, any script with word breaks),
shape (length, capitals, digits, punctuation, sentence end, link-like, bullet), position, and
the same shape of its neighbours, the run of short lines it sits in and how far it is from the
document's long paragraphs. Two stages: a logistic regression over those features gives each
paragraph a first logit; gradient-boosted trees then read the paragraph's dense features beside
the first logits around it (neighbours one to three away, windows, the document's, the body-like
mass before and after it, the most body-like run) and give the boilerplate score; where the first
stage is sure (its logit at or over the model's `sure_logit`, boilerplate, or at or under its
`sure_body_logit`, body) its own score stands and the trees are not asked. Removed paragraphs
carry the id `generic.line-model` and their score.
A dump that looks like a whole page (PAGE_MIN_PARAGRAPHS or more paragraphs, PAGE_SHORT_SHARE of
them short lines) is scored by default and cut where the page's expected precision plus expected
recall is highest (`page_cut`), a formatted list that runs on from what it keeps staying with it
(`with_lists_kept`); any other dump only when asked for (`line_model=True`), where
paragraphs at or over the threshold set to keep extracted text whole go.
Weights, trees and thresholds ship as package data (cleaner/models/line-model.npz, see
MODEL_CARD.md); benchmarks/train_line_model.py writes them. Inference is numpy only: the trees
are flat arrays walked for every paragraph and tree at once.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from itertools import compress
from pathlib import Path
from typing import Any

import numpy as np
import re2

from .document import Paragraph, Removal
from .patterns import re2_options
from .units import CLOSERS, SENTENCE_ENDS, SHORT_WORDS, looks_like_page, sentence_unit_texts, sentence_units


def _re2(pattern: str, ignore_case: bool = False) -> Any:
    """A pattern on RE2: linear time, and several times faster than `re` over a document's lines."""
    options = re2_options()
    options.case_sensitive = not ignore_case
    return re2.compile(pattern, options)


LINE_MODEL_RULE = "generic.line-model"
MODEL_FILE = "line-model.npz"
FEATURE_VERSION = 8
HASH_BITS = 12
HASH_DIM = 1 << HASH_BITS
MAX_HASHED_WORDS = 24  # the opening words say what a line is; long paragraphs are body anyway
LONG_WORDS = 25
WORD_BINS = (1, 2, 3, 5, 9, 19, 39)
MAX_WORD_CHARS = 32
HEAD_CHARS = 200
SHAPE_SIZE = 15 + len(WORD_BINS)
CONTEXT_SIZE = 21
PROSE_WORDS = 16  # a paragraph of prose: this many words or more, ending a sentence
MAIN_BLOCK_WORDS = 10
DENSE_SIZE = SHAPE_SIZE * 3 + CONTEXT_SIZE
LOGIT_CLIP = 8.0
EMPTY_PAGE_SCORE = 0.5  # a page-like dump none of whose units scores under this goes whole, unless it keeps prose
LIST_KEEP_SCORE = 0.9  # a list item running on from a kept unit stays unless it scores this or more
LIST_HEADING_WORDS = 8  # a line over a list item with at most this many words is the item's heading
MIN_PARAGRAPHS = 3
# What looks like a whole page: measured on the training dumps (MODEL_CARD.md), where it takes
# 66-96% of whole-page dumps and 9-24% of extracted ones, per source.
MAX_TREE_DEPTH = 12  # level s of the walk holds 2**s slots per tree
NEAR, FAR = 4, 12
WORDS_COLUMN, WORDS_SCALE = 1, 5  # the shape column log1p(words) / 5
ENDS_COLUMN = 5  # the shape column "ends like a sentence"
BULLET_COLUMN = 8  # the shape column "a bullet or a number opens it"
WINDOWED_COLUMNS = slice(WORDS_COLUMN, ENDS_COLUMN + 1, ENDS_COLUMN - WORDS_COLUMN)  # both, as a view

_LINK = r"https?://|www\.|@|\.(?:com|org|net)\b"
_SEPARATOR = "[ \t][|\u00b7\u00bb\u203a\u2022/][ \t]|[ \t]\\|"
_COPYRIGHT = "\u00a9|\\(c\\)\\s*\\d{4}"
# One search for all three: no match of one can start inside a match of another. Which one a
# match is, its first byte says (see _MARKER_COLUMN): without groups to fill, RE2 finds a match
# without its submatch engine.
_MARKERS = _re2(f"{_LINK}|{_SEPARATOR}|{_COPYRIGHT}", ignore_case=True)
# Character classes, as bits of one table entry per BMP code point.
UPPER, LOWER, LETTER, DIGIT, WORD, SPACE, SENTENCE_END, CLOSER, BULLET, SENTENCE_MARK = (1 << i for i in range(10))
_BULLETS = "-\u2022*\u00b7\u25aa\u25ba\u25b8\u2013\u2014>"
_MARKS = ".!?,;\u3001\u3002\uff0c"
COUNTED = (UPPER, LETTER, DIGIT, WORD, SPACE, SENTENCE_MARK)
COUNT_SHIFTS = np.arange(0, 8 * len(COUNTED), 8, dtype=np.uint64)
ASTRAL = 0x4E00  # code points past the BMP count as letters without case, like CJK
HASH_SEED = 7


class CharTables:
    """Per-code-point classes and hash codes for the BMP: built once per process (see char_tables)."""

    def __init__(self) -> None:
        chars = [chr(code) for code in range(0x10000)]
        classes = np.zeros(len(chars), dtype=np.uint16)
        for bit, test in (
            (UPPER, str.isupper),
            (LOWER, str.islower),
            (LETTER, str.isalpha),
            (DIGIT, str.isdigit),
            (WORD, str.isalnum),
            (SPACE, str.isspace),
        ):
            classes[np.fromiter(map(test, chars), dtype=bool, count=len(chars))] |= bit
        for bit, members in (
            (SENTENCE_END, SENTENCE_ENDS),
            (CLOSER, CLOSERS),
            (BULLET, _BULLETS),
            (SENTENCE_MARK, _MARKS),
            (WORD, "_"),
        ):
            classes[[ord(char) for char in members]] |= bit
        self.classes = classes
        # For every combination of the class bits, COUNTED's classes as one byte each of a uint64:
        # summed over a head (at most HEAD_CHARS + 1 < 256 characters) no byte carries into the next.
        every_class = np.arange(2 * SENTENCE_MARK, dtype=np.uint64)
        hits = (every_class[:, None] & np.array(COUNTED, dtype=np.uint64)) > 0
        self.counted = (hits.astype(np.uint64) << COUNT_SHIFTS).sum(axis=1, dtype=np.uint64)
        lowered = np.fromiter(
            (
                ord(low[0]) if len(low) == 1 else ord(char)
                for char, low in zip(chars, map(str.lower, chars), strict=True)
            ),
            dtype=np.uint16,  # a BMP character lowers to one BMP character or stays itself
            count=len(chars),
        )
        lowered[(classes & DIGIT) > 0] = ord("0")  # every digit hashes as 0
        self.lower = lowered.astype(np.uint64)  # as the multipliers: the hash multiplies without a cast
        rng = np.random.default_rng(HASH_SEED)
        self.multipliers = rng.integers(1, 2**62, size=MAX_WORD_CHARS, dtype=np.uint64) | np.uint64(1)


@cache
def char_tables() -> CharTables:
    """The tables, built on first use and shared by every model in the process (read-only)."""
    return CharTables()


@dataclass(frozen=True)
class _Positions:
    """What depends only on a document's paragraph count: positions, and the bounds and sizes of
    the windows the context and the neighbourhood average over. Made once per count (see
    positions) and read-only: most of a document's index arithmetic, without a numpy call."""

    index: np.ndarray  # 0 .. n-1, as integers
    place: np.ndarray  # (n, 4): position over n-1, log position from the start and from the end, log n
    window_low: np.ndarray  # (n,) bounds of each paragraph's window of WINDOW_REACH on either side
    window_high: np.ndarray
    window_size: np.ndarray  # (n, 1): their sizes, a column to divide the windows' sums by
    means_low: np.ndarray  # (3, n) bounds of the NEAR before, the NEAR after and the FAR around
    means_high: np.ndarray
    means_size: np.ndarray  # (3, n) their sizes, at least 1 (an empty window's mean is 0)
    shifted: np.ndarray  # (n, 6) where a paragraph's logits 1, -1, 2, -2, 3, -3 away are in the padded logits


SHIFTS = (1, -1, 2, -2, 3, -3)
SHIFT_PAD = max(abs(by) for by in SHIFTS)  # zeros either side of the logits, read past the ends
WINDOW_REACH = 3


# The offsets `positions` adds to a paragraph's index: the bounds of its NEAR before, NEAR after and
# FAR around (lower bounds, upper bounds), and where its neighbours SHIFTS away stand in the padded logits.
_MEANS_LOW_OFFSETS = np.array([[-NEAR], [1], [-FAR]])
_MEANS_HIGH_OFFSETS = np.array([[0], [1 + NEAR], [FAR + 1]])
_SHIFT_OFFSETS = SHIFT_PAD - np.array(SHIFTS)


@lru_cache(maxsize=512)
def positions(n: int) -> _Positions:
    """The positions of a document of n paragraphs (n >= 1), cached: documents share their lengths.

    A count first seen costs one call per array (broadcast offsets, no stacking): on a crawl most
    documents bring a count of their own."""
    index = np.arange(n)
    as_float = index.astype(float)
    log_index = np.log1p(as_float) / 6
    place = np.empty((n, 4))
    place[:, 0], place[:, 1] = as_float / max(n - 1, 1), log_index
    place[:, 2], place[:, 3] = log_index[::-1], np.log1p(n) / 7
    low, high = np.maximum(index - WINDOW_REACH, 0), np.minimum(index + WINDOW_REACH + 1, n)
    means_low = np.minimum(np.maximum(index + _MEANS_LOW_OFFSETS, 0), n)
    means_high = np.minimum(index + _MEANS_HIGH_OFFSETS, n)
    made = _Positions(
        index,
        place,
        low,
        high,
        (high - low)[:, None],
        means_low,
        means_high,
        np.maximum(means_high - means_low, 1),
        index[:, None] + _SHIFT_OFFSETS,
    )
    for array in vars(made).values():
        array.flags.writeable = False  # shared by every document of n paragraphs
    return made


def _runs(flags: np.ndarray) -> np.ndarray:
    """For each paragraph, the length of the run of equal flags (short or not) it sits in."""
    change = np.concatenate([[True], flags[1:] != flags[:-1]])
    run = change.cumsum() - 1
    return np.bincount(run)[run].astype(float)


def _distance_to(mask: np.ndarray, index: np.ndarray) -> np.ndarray:
    """Paragraphs between each paragraph (at `index`) and the nearest one in `mask` (n when there is none)."""
    n = len(mask)
    where = mask.nonzero()[0]
    if not len(where):
        return np.full(n, float(n))
    slot = np.minimum(where.searchsorted(index), len(where) - 1)  # np.clip costs more per call
    before = np.maximum(slot - 1, 0)
    return np.minimum(np.abs(where[slot] - index), np.abs(where[before] - index)).astype(float)


def _window_mean(values: np.ndarray, positions: _Positions) -> np.ndarray:
    """The mean of each row and up to WINDOW_REACH rows on either side, column by column."""
    total = np.zeros((len(values) + 1, values.shape[1]))
    values.cumsum(axis=0, out=total[1:])
    return (
        total.take(positions.window_high, axis=0) - total.take(positions.window_low, axis=0)
    ) / positions.window_size


def _main_block(words: np.ndarray) -> tuple[int, int]:
    """The run of paragraphs with the most words over MAIN_BLOCK_WORDS each (the article: long
    paragraphs add, short lines subtract). Inclusive bounds."""
    return _best_run(words - MAIN_BLOCK_WORDS)


def _best_run(values: np.ndarray) -> tuple[int, int]:
    """The maximum-sum run of consecutive values, as inclusive bounds."""
    gains = np.concatenate([[0.0], values.cumsum()])
    lowest = np.minimum.accumulate(gains[:-1])
    end = int((gains[1:] - lowest).argmax())
    start = int(gains[: end + 1].argmin())
    return start, end


def _context(shapes: np.ndarray, texts: Sequence[str], out: np.ndarray) -> None:
    """Position, neighbours and the document around each paragraph, into `out` (zeros, n x
    CONTEXT_SIZE + 2 * SHAPE_SIZE columns), filled in place: few numpy calls."""
    n = len(texts)
    at = positions(n)
    index = at.index
    words = np.expm1(shapes[:, WORDS_COLUMN] * WORDS_SCALE)
    short, long_ = words <= SHORT_WORDS, words >= LONG_WORDS
    out[1:, CONTEXT_SIZE : CONTEXT_SIZE + SHAPE_SIZE] = shapes[:-1]  # the previous paragraph's shape
    out[:-1, CONTEXT_SIZE + SHAPE_SIZE :] = shapes[1:]  # the next one's
    out[:, 0:4] = at.place
    out[:, 4], out[:, 5] = np.count_nonzero(short) / n, np.count_nonzero(long_) / n
    runs = np.log1p(_runs(short)) / 5
    out[:, 6], out[:, 7] = runs * short, runs * ~short
    out[:, 8] = np.log1p(_distance_to(long_, index)) / 5
    long_at = long_.nonzero()[0]
    if len(long_at):
        out[long_at[0] : long_at[-1] + 1, 9] = 1.0
    out[:, 10] = out[:, 9] * short
    counts = Counter(texts)
    if len(counts) < n:  # some paragraph is repeated
        out[:, 11] = np.fromiter(map(counts.__getitem__, texts), dtype=np.intp, count=n) > 1
    out[:, 12:14] = _window_mean(shapes[:, WINDOWED_COLUMNS], at)
    out[1:, 14], out[:-1, 15] = 1.0, 1.0
    start, end = _main_block(words)
    out[start : end + 1, 16] = 1.0
    out[:, 17] = np.log1p(np.maximum(start - index, 0) + np.maximum(index - end, 0)) / 5
    out[:, 18] = out[:, 16] * short
    out[:, 19] = (end - start + 1) / n
    out[:, 20] = np.log1p(_below_last_prose(words, shapes[:, ENDS_COLUMN] > 0, index)) / 5


def _below_last_prose(words: np.ndarray, ends: np.ndarray, index: np.ndarray) -> np.ndarray:
    """How many paragraphs below the document's last prose paragraph (PROSE_WORDS or more, ending a
    sentence) each one stands: 0 at it and above it, the document's length (more than any line can
    stand below one) when there is none. Under a page's last prose come its share bar, related
    links and footer."""
    prose = ((words >= PROSE_WORDS) & ends).nonzero()[0]
    if not len(prose):
        return np.full(len(words), float(len(words)))
    return np.maximum(index - prose[-1], 0).astype(float)


@dataclass(frozen=True)
class Features:
    """Dense features (one row per paragraph) and the hashed words as (row, bucket, value) triples."""

    dense: np.ndarray
    rows: np.ndarray
    buckets: np.ndarray
    values: np.ndarray


@dataclass(frozen=True)
class _Chars:
    """The opening HEAD_CHARS characters of each paragraph (a long paragraph is body by its length;
    its head tells the rest), joined by newlines: as code points and classes, where each head
    starts, how long it is and its paragraph's whole length."""

    codes: np.ndarray
    classes: np.ndarray
    starts: np.ndarray
    lengths: np.ndarray
    full: np.ndarray
    joined: str

    def paragraph_of(self, at: np.ndarray) -> np.ndarray:
        """The paragraph each character index in `at` belongs to (its head, or the newline after it)."""
        return self.starts.searchsorted(at, side="right") - 1


def _chars(texts: Sequence[str], tables: CharTables) -> _Chars:
    heads = [text[:HEAD_CHARS] or " " for text in texts]
    full = np.fromiter(map(len, texts), dtype=np.intp, count=len(texts))
    joined = "\n".join(heads)
    encoded = joined.encode("utf-16-le")
    if len(encoded) == 2 * len(joined):  # no surrogate pair: every code point in the BMP
        codes = np.frombuffer(encoded, dtype=np.uint16)
    else:
        codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
        codes = np.where(codes > 0xFFFF, ASTRAL, codes)
    lengths = np.maximum(np.minimum(full, HEAD_CHARS), 1)  # an empty paragraph's head is one space
    spans = lengths + 1  # a head and the newline after it
    starts = np.concatenate([[0], spans.cumsum()[:-1]])
    return _Chars(codes, tables.classes.take(codes), starts, lengths, full, joined)


@dataclass(frozen=True)
class _Words:
    """Where the words of the heads are: each word's first character and paragraph, and the word
    characters (their indices, and which of them open a word)."""

    at: np.ndarray
    para: np.ndarray
    chars: np.ndarray
    opens: np.ndarray


def _words(chars: _Chars) -> _Words:
    word = (chars.classes & WORD) > 0
    first = np.empty_like(word)  # a word character after one that is not (for booleans, a > b is a and not b)
    first[0] = word[0]
    np.greater(word[1:], word[:-1], out=first[1:])
    at = first.nonzero()[0]
    word_chars = word.nonzero()[0]
    return _Words(at, chars.paragraph_of(at), word_chars, first[word_chars])


def _counts(chars: _Chars, tables: CharTables) -> np.ndarray:
    """Characters of each of COUNTED's classes per paragraph head (one column each)."""
    packed = np.add.reduceat(tables.counted.take(chars.classes), chars.starts)
    counts = ((packed[:, None] >> COUNT_SHIFTS) & np.uint64(0xFF)).astype(np.int64)
    counts[:-1, COUNTED.index(SPACE)] -= 1  # the newline between two heads is neither's
    return counts


def _shapes(texts: Sequence[str], chars: _Chars, words: _Words, tables: CharTables, out: np.ndarray) -> None:
    """What each paragraph looks like, independent of its words' meaning, into `out` (zeros, n x
    SHAPE_SIZE): one vectorised pass."""
    n, classes, word_at, word_para = len(texts), chars.classes, words.at, words.para
    full = chars.full.astype(float)
    head = np.maximum(chars.lengths, 1).astype(float)
    counts = _counts(chars, tables).astype(float)

    def count(bit: int) -> np.ndarray:
        return counts[:, COUNTED.index(bit)]

    head_words = np.bincount(word_para, minlength=n).astype(float)
    estimated = (head_words * np.maximum(full, 1) / head).round()  # words of the whole paragraph
    upper, letters = count(UPPER), count(LETTER)
    punct = head - count(WORD) - count(SPACE)
    titled = np.bincount(word_para, weights=(classes[word_at] & UPPER) > 0, minlength=n)
    last_codes, before_codes = _last_two(texts, chars)
    last, before = tables.classes[last_codes], tables.classes[before_codes]
    ends = ((last & SENTENCE_END) > 0) | (((last & CLOSER) > 0) & ((before & SENTENCE_END) > 0))
    first = classes[chars.starts]
    second = classes[np.minimum(chars.starts + 1, len(classes) - 1)]
    numbered = ((first & DIGIT) > 0) & ((second & (SENTENCE_END | CLOSER)) > 0)
    safe_words = np.maximum(head_words, 1)
    out[:, 0], out[:, 1] = np.log1p(full) / 6, np.log1p(estimated) / 5
    out[:, 2] = np.where(letters > 0, upper / np.maximum(letters, 1), 0.0)
    out[:, 3], out[:, 4], out[:, 5] = count(DIGIT) / head, punct / head, ends
    out[:, 6] = last_codes == ord(":")
    out[:, 8] = ((first & BULLET) > 0) | numbered
    out[:, 9] = titled / safe_words
    out[:, 11], out[:, 12] = count(SENTENCE_MARK) / safe_words, np.minimum(head / safe_words, 20.0) / 10
    out[:, 14] = (letters > 0) & (upper == letters)
    out[:, 15:] = estimated[:, None] <= _WORD_BINS
    _mark_found(chars, out)


def _last_two(texts: Sequence[str], chars: _Chars) -> tuple[np.ndarray, np.ndarray]:
    """Code points of each paragraph's last and second-last characters (its last when it has one)."""
    last_at = chars.starts + chars.lengths - 1
    last, before = chars.codes[last_at], chars.codes[np.maximum(last_at - 1, chars.starts)]
    long_ = (chars.full > HEAD_CHARS).nonzero()[0]  # a long paragraph ends past its head
    if len(long_):
        tails = "".join([texts[index][-2:] for index in long_.tolist()])  # two characters each
        codes = np.minimum(np.frombuffer(tails.encode("utf-32-le"), dtype=np.uint32), 0xFFFF)
        before[long_], last[long_] = codes[0::2], codes[1::2]
    return last, before


MARKER_COLUMNS = np.array([7, 10, 13])  # the shape columns of a link, a separator, a copyright mark
# The column of a marker by its first UTF-8 byte: a separator opens with a space or a tab, a
# copyright mark with "(" or the first byte of "\u00a9", a link with any other (h, w, @, .).
_MARKER_COLUMN = np.full(256, MARKER_COLUMNS[0])
_MARKER_COLUMN[[ord(" "), ord("\t")]] = MARKER_COLUMNS[1]
_MARKER_COLUMN[[ord("("), "\u00a9".encode()[0]]] = MARKER_COLUMNS[2]
_WORD_BINS = np.array(WORD_BINS)


def _mark_found(chars: _Chars, shapes: np.ndarray) -> None:
    """Sets MARKER_COLUMNS of the paragraph heads holding a link, a separator, a copyright mark:
    one search over all heads.

    The search runs over the heads' UTF-8 bytes (RE2's own encoding: a str would be encoded, and
    every match's offsets decoded, by the binding); a match's byte offset becomes a character
    offset less the continuation bytes before it (none in ASCII text)."""
    encoded = chars.joined.encode()
    starts = [match.start() for match in _MARKERS.finditer(encoded)]
    if not starts:
        return
    at = np.array(starts)
    data = np.frombuffer(encoded, dtype=np.uint8)
    columns = _MARKER_COLUMN.take(data.take(at))
    if len(encoded) != len(chars.joined):  # a character of more than one byte
        continuation = ((data & 0xC0) == 0x80).nonzero()[0]
        at -= continuation.searchsorted(at)  # a match starts on a character's first byte
    shapes[chars.paragraph_of(at), columns] = 1.0


def _hashed(chars: _Chars, words: _Words, tables: CharTables) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Hashed buckets of each head's opening words, first word and last word (fixed seed)."""
    n = len(chars.lengths)
    if not len(words.at):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    opens = words.opens.nonzero()[0]  # where each word starts among the word characters
    word_id = words.opens.cumsum() - 1  # the word each word character belongs to
    offset = np.minimum(words.chars - words.at.take(word_id), MAX_WORD_CHARS - 1)
    codes = tables.lower.take(chars.codes.take(words.chars)) * tables.multipliers.take(offset)
    hashes = np.add.reduceat(codes, opens)
    word_para = words.para
    per_para = np.bincount(word_para, minlength=n)
    ends = per_para.cumsum()
    starts = ends - per_para
    rank = np.arange(len(word_para)) - starts.take(word_para)  # the word's place in its paragraph
    opening = (rank < MAX_HASHED_WORDS).nonzero()[0]
    has_words = (per_para > 0).nonzero()[0]
    first, last = starts.take(has_words), ends.take(has_words) - 1  # each paragraph's first and last word
    mask = np.uint64(HASH_DIM - 1)
    rows = np.concatenate([word_para.take(opening), has_words, has_words])
    buckets = np.concatenate(
        [
            (hashes.take(opening) >> np.uint64(40)) & mask,
            (hashes.take(first) >> np.uint64(20)) & mask,
            (hashes.take(last) >> np.uint64(8)) & mask,
        ]
    ).astype(np.int64)
    entries = np.minimum(per_para, MAX_HASHED_WORDS) + 2  # opening words, the first and the last
    return rows, buckets, 1.0 / np.sqrt(entries.take(rows))


def featurize(texts: Sequence[str], tables: CharTables) -> Features:
    """Every feature of every paragraph of one document, computed once and vectorised."""
    if not texts:
        return Features(np.zeros((0, DENSE_SIZE)), np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))
    chars = _chars(texts, tables)
    words = _words(chars)
    dense = np.zeros((len(texts), DENSE_SIZE))  # the shapes, then their context
    shapes = dense[:, :SHAPE_SIZE]
    _shapes(texts, chars, words, tables, shapes)
    _context(shapes, texts, dense[:, SHAPE_SIZE:])
    return Features(dense, *_hashed(chars, words, tables))


def neighbourhood(logits: np.ndarray, words: np.ndarray, out: np.ndarray) -> None:
    """Second-stage context, into `out` (n x NEIGHBOURHOOD_SIZE): each paragraph's first-stage
    logit beside its neighbours' and the page's.

    A menu line between two article paragraphs, or an article line inside a footer, reads
    differently once the lines around it have been judged: the logits one to three paragraphs
    away, the means of the 4 before, the 4 after and the 12 around, the document's, where the
    paragraph stands among the document's logits, the share of the body-like words (by first-stage
    probability) before and after it, and where it stands against the run of paragraphs the first
    stage finds most body-like (weighted by length).
    """
    z = np.maximum(logits, -LOGIT_CLIP)
    np.minimum(z, LOGIT_CLIP, out=z)
    n = len(z)
    at = positions(n)
    index = at.index
    total = np.zeros(n + 1)
    z.cumsum(out=total[1:])
    padded = np.zeros(n + 2 * SHIFT_PAD)  # a logit past either end reads 0
    padded[SHIFT_PAD : SHIFT_PAD + n] = z
    length = np.log1p(words)
    body = length / (1 + np.exp(z))  # body-like mass: length times first-stage body probability
    mass = max(float(body.sum()), 1e-9)
    before = (body.cumsum() - body) / mass
    start, end = _best_run((0.5 - probability(z)) * length)
    outside = np.maximum(start - index, 0) + np.maximum(index - end, 0)
    out[:, 0] = z
    out[:, SHIFTED_COLUMNS] = padded.take(at.shifted)  # the logits 1, 2 and 3 paragraphs before and after
    prev, next_ = out[:, 1], out[:, 2]
    means = (total.take(at.means_high) - total.take(at.means_low)) / at.means_size
    out[:, 3:6] = means.T  # the 4 before, the 4 after, the 12 around
    out[:, 6], out[:, 7], out[:, 8] = z.sum() / n, np.minimum(prev, next_), np.maximum(prev, next_)
    out[:, 9], out[:, 10] = outside == 0, np.log1p(outside)
    rank = np.empty(n)
    rank[z.argsort(kind="stable")] = index
    out[:, 15] = (rank + 0.5) / n
    out[:, 16], out[:, 17] = np.count_nonzero(z < 0) / n, before
    out[:, 18] = 1 - before - body / mass
    out[:, 19], out[:, 20] = (index - start) / n, (end - index) / n
    out[:, 21] = body[start : end + 1].sum() / mass


SHIFTED_COLUMNS = [1, 2, 11, 12, 13, 14]  # the columns of SHIFTS' logits, in SHIFTS' order
NEIGHBOURHOOD_SIZE = 22
STAGE2_SIZE = DENSE_SIZE + NEIGHBOURHOOD_SIZE


def stage_two_features(dense: np.ndarray, first: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
    """What the trees see: the paragraph's own dense features and its first-stage neighbourhood; of
    the paragraphs in `rows` only when given (the neighbourhood still reads them all)."""
    words = np.expm1(dense[:, WORDS_COLUMN] * WORDS_SCALE)
    if rows is None:
        x = np.empty((len(dense), STAGE2_SIZE))
        x[:, :DENSE_SIZE] = dense
        neighbourhood(first, words, x[:, DENSE_SIZE:])
        return x
    around = np.empty((len(dense), NEIGHBOURHOOD_SIZE))
    neighbourhood(first, words, around)
    return np.concatenate([dense.take(rows, axis=0), around.take(rows, axis=0)], axis=1)


@dataclass(frozen=True)
class Forest:
    """Gradient-boosted trees as flat arrays, every tree's nodes one after another: a paragraph goes
    to a node's first child when its feature is at or under the node's threshold, else to its
    second; a leaf's children are itself, so `depth` steps from the roots end on a leaf in every
    tree. Evaluated for all trees and paragraphs at once."""

    feature: np.ndarray
    threshold: np.ndarray
    children: np.ndarray  # (nodes, 2): the node a paragraph goes to at or under the threshold, and over it
    value: np.ndarray
    roots: np.ndarray
    depth: int
    baseline: float
    # The trees laid out level by level (see _levels), made and checked once, and the highest
    # feature any node reads (-1 without nodes).
    _levels: tuple[tuple[tuple[np.ndarray, np.ndarray], ...], np.ndarray] = field(init=False, repr=False, compare=False)
    _reads_up_to: int = field(init=False, repr=False, compare=False)
    _second_level: np.ndarray = field(init=False, repr=False, compare=False)  # each tree's first slot on level 1

    def __post_init__(self) -> None:
        nodes = len(self.feature)
        if len(self.children) != nodes or len(self.threshold) != nodes or len(self.value) != nodes:
            raise ValueError("forest arrays differ in length")
        if nodes and not (self.children.min() >= 0 and self.children.max() < nodes and self.feature.min() >= 0):
            raise ValueError("forest children or features out of range")
        if len(self.roots) and not (self.roots.min() >= 0 and self.roots.max() < nodes):
            raise ValueError("forest roots out of range")
        if self.depth > MAX_TREE_DEPTH:
            raise ValueError(f"forest depth {self.depth} over {MAX_TREE_DEPTH}")
        object.__setattr__(self, "_levels", self._by_level())
        object.__setattr__(self, "_reads_up_to", int(self.feature.max()) if nodes else -1)
        object.__setattr__(self, "_second_level", np.arange(0, 2 * len(self.roots), 2, dtype=np.intp))

    def _by_level(self) -> tuple[tuple[tuple[np.ndarray, np.ndarray], ...], np.ndarray]:
        """Each level's (feature, threshold) of every tree, and the leaf values below the last level.

        Level s holds 2**s slots per tree, tree after tree: the slot of tree t at position p is
        t * 2**s + p, so the slot one level down is 2 * slot + (went over the threshold), with no
        child table to read. A leaf above the last level fills its slot on every level below it
        (its threshold is infinite: every paragraph goes to the first child, which is itself again).
        """
        slots = self.roots.astype(np.intp)
        levels = []
        for _ in range(self.depth):
            levels.append((self.feature[slots].astype(np.intp), self.threshold[slots].astype(float)))
            slots = self.children[slots].ravel().astype(np.intp)
        return tuple(levels), self.value[slots].astype(float)

    def decision(self, x: np.ndarray) -> np.ndarray:
        """The boosted logit of each row of x (one row per paragraph).

        The roots are the same for every row, so the first level reads its features and
        thresholds as they are. Each later step moves every row down every tree at once: three
        `np.take`s into buffers made once (a third faster than fancy indexing, which allocates and
        checks bounds at every step) and a shift. Every index is in range (the slots by
        construction, features checked against x here), so `clip` never clips.
        """
        levels, leaves = self._levels
        rows, columns = x.shape
        if self._reads_up_to >= columns:
            raise ValueError(f"forest reads feature {self._reads_up_to} of {columns}")
        if not levels:
            return np.broadcast_to(leaves, (rows, len(leaves))).sum(axis=1) + self.baseline  # roots are leaves
        flat = np.ascontiguousarray(x, dtype=float).ravel()
        offsets = _row_starts(rows, columns, len(self.roots))
        (root_feature, root_threshold), below = levels[0], levels[1:]
        at = root_feature + offsets
        values = flat.take(at, mode="clip")
        over = np.greater(values, root_threshold)
        slot = self._second_level + over
        limits = np.empty(slot.shape)
        for feature, threshold in below:
            feature.take(slot, out=at, mode="clip")
            at += offsets
            flat.take(at, out=values, mode="clip")
            threshold.take(slot, out=limits, mode="clip")
            np.greater(values, limits, out=over)
            slot <<= 1
            slot += over
        return leaves.take(slot, mode="clip").sum(axis=1) + self.baseline


@lru_cache(maxsize=512)
def _row_starts(rows: int, columns: int, trees: int) -> np.ndarray:
    """Where each of `rows` rows of `columns` values starts in the flattened rows, once per tree
    (the slots' shape: the walk adds it without broadcasting). Cached and read-only, like positions."""
    starts = np.arange(0, rows * columns, columns, dtype=np.intp).repeat(trees).reshape(rows, trees)
    starts.flags.writeable = False
    return starts


FOREST_FIELDS = ("feature", "threshold", "children", "value", "roots")


@dataclass(frozen=True)
class LineModel:
    """A logistic regression over a paragraph's own features (dense and hashed words) whose logit,
    beside its neighbours', feeds gradient-boosted trees with the dense features; and the strict
    drop threshold (any dump that does not look like a whole page; a page-like one is cut by
    `page_cut`, emptied when every unit scores EMPTY_PAGE_SCORE or more and none it keeps is prose)."""

    dense_weights: np.ndarray
    word_weights: np.ndarray
    bias: float
    threshold: float
    mean: np.ndarray
    scale: np.ndarray
    forest: Forest
    # The first-stage logits at or over which a paragraph is boilerplate, and at or under which it
    # is body, without asking the trees: set where the trees, out of fold, agree with the first
    # stage (train_line_model.py).
    sure_logit: float = math.inf
    sure_body_logit: float = -math.inf
    # A digest of the paragraphs and labels the training script fitted this model to (empty for a
    # file written before it was recorded): `train_line_model.py --check` compares it with what
    # the text path gives today, to tell whether the script would write this file again.
    trained_on: str = field(default="", compare=False)
    tables: CharTables = field(default_factory=char_tables, repr=False, compare=False)

    def __post_init__(self) -> None:
        if probability(self.sure_logit) < self.threshold:
            raise ValueError(
                f"sure logit {self.sure_logit} scores under the drop threshold: it would keep what it decides"
            )
        if probability(self.sure_body_logit) >= self.threshold:
            raise ValueError(
                f"sure body logit {self.sure_body_logit} scores at or over the drop threshold:"
                " it would drop what it decides"
            )

    def logits(self, features: Features) -> np.ndarray:
        """First stage: each paragraph on its own features."""
        standard = features.dense - self.mean
        standard /= self.scale  # in place: one array of the document's size fewer
        logits = standard @ self.dense_weights + self.bias
        words = self.word_weights[features.buckets] * features.values
        return logits + np.bincount(features.rows, weights=words, minlength=len(features.dense))

    def second_stage(self, features: Features, first: np.ndarray) -> np.ndarray:
        """Second stage: the trees over the paragraph's features and its neighbourhood of first-stage
        logits, for the paragraphs the first stage is not sure of (at or over `sure_logit` or at or
        under `sure_body_logit` its own logit stands: a whole page's menus and link lists, most of
        its lines, and its plainest prose skip the trees)."""
        unsure = ((first < self.sure_logit) & (first > self.sure_body_logit)).nonzero()[0]
        if len(unsure) == len(first):
            return self.forest.decision(stage_two_features(features.dense, first))
        final = first.copy()
        if len(unsure):
            final[unsure] = self.forest.decision(stage_two_features(features.dense, first, unsure))
        return final

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Each paragraph's boilerplate probability."""
        if not texts:
            return np.zeros(0)
        return self.scores_of(featurize(texts, self.tables))

    def scores_of(self, features: Features) -> np.ndarray:
        """Each paragraph's boilerplate probability, from its features."""
        return probability(self.second_stage(features, self.logits(features)))

    def apply(self, paragraphs: list[Paragraph], everywhere: bool = False) -> tuple[list[Paragraph], list[Removal]]:
        """The paragraphs the model keeps, and a removal (with its score) for each other.

        The model reads the document's sentence units (see sentence_units): a paragraph broken
        into lines goes or stays whole. A dump that looks like a whole page is cut by `page_cut`;
        any other is scored only when `everywhere` is set, and loses the units at or over the
        threshold set to keep extracted text whole. A document of fewer than MIN_PARAGRAPHS units
        is too short to have lines around its body and is left as it is.
        """
        texts = [p.text for p in paragraphs]
        units = sentence_units(texts)
        unit_texts = sentence_unit_texts(texts, units)
        page = looks_like_page(unit_texts)
        if not runs_on(len(unit_texts), page, everywhere):
            return paragraphs, []
        unit_scores, going = self.decide(unit_texts, page)
        # Each paragraph goes with its unit; the scores shown are rounded once per document
        # (np.round: Python's round costs a string conversion per call).
        lengths = [end - start for start, end in units]
        dropped = going.repeat(lengths)
        shown = unit_scores.round(3).repeat(lengths)[dropped].tolist()
        kept = list(compress(paragraphs, (~dropped).tolist()))
        removed = [
            Removal(LINE_MODEL_RULE, "drop", p.text, score)
            for p, score in zip(compress(paragraphs, dropped.tolist()), shown, strict=True)
        ]
        return kept, removed

    def decide(self, unit_texts: Sequence[str], page: bool) -> tuple[np.ndarray, np.ndarray]:
        """Each sentence unit's boilerplate probability and whether it goes (`units_going`): the
        model's inference, apart from grouping lines into units and recording removals."""
        features = featurize(unit_texts, self.tables)
        scores = self.scores_of(features)
        return scores, units_going(scores, features, page, self.threshold)

    def save(self, path: Path) -> None:
        forest = {f"tree_{name}": getattr(self.forest, name) for name in FOREST_FIELDS}
        np.savez_compressed(
            path,
            dense_weights=self.dense_weights,
            word_weights=self.word_weights,
            bias=self.bias,
            threshold=self.threshold,
            mean=self.mean,
            scale=self.scale,
            tree_depth=self.forest.depth,
            tree_baseline=self.forest.baseline,
            sure_logit=self.sure_logit,
            sure_body_logit=self.sure_body_logit,
            trained_on=self.trained_on,
            version=FEATURE_VERSION,
            **forest,
        )

    @classmethod
    def load(cls, path: Path | None = None) -> LineModel:
        """The bundled model, or one written by the training script."""
        path = path or bundled_model_path()
        with np.load(path) as data:
            if int(data["version"]) != FEATURE_VERSION or data["dense_weights"].shape != (DENSE_SIZE,):
                raise ValueError(f"{path}: line model was trained on other features; retrain it")
            forest = Forest(
                data["tree_feature"],
                data["tree_threshold"],
                data["tree_children"],
                data["tree_value"],
                data["tree_roots"],
                int(data["tree_depth"]),
                float(data["tree_baseline"]),
            )
            return cls(
                data["dense_weights"],
                data["word_weights"],
                float(data["bias"]),
                float(data["threshold"]),
                data["mean"],
                data["scale"],
                forest,
                float(data["sure_logit"]),
                float(data["sure_body_logit"]) if "sure_body_logit" in data else -math.inf,
                str(data["trained_on"]) if "trained_on" in data else "",
            )


def runs_on(units: int, page: bool, everywhere: bool) -> bool:
    """Whether the model scores a document of this many sentence units: one that looks like a
    whole page by default, any with `everywhere`; never one of under MIN_PARAGRAPHS units."""
    return units >= MIN_PARAGRAPHS and (page or everywhere)


def units_going(scores: np.ndarray, features: Features, page: bool, threshold: float) -> np.ndarray:
    """The units the model removes: a page-like document's by `page_cut` (emptied when no unit is more
    likely body than boilerplate and none the cut would keep is prose), with the lists that run on
    from what it keeps kept too (`with_lists_kept`), any other's at or over `threshold`. The
    training script picks the threshold on this same rule."""
    if not page:
        return scores >= threshold
    words = word_counts(features)
    going = page_cut(scores, words, prose_units(features, words), EMPTY_PAGE_SCORE)
    return with_lists_kept(going, scores, list_items(features, words), LIST_KEEP_SCORE)


def list_items(features: Features, words: np.ndarray) -> np.ndarray:
    """The units of formatted lists: those a bullet or a number opens (the shape's bullet column),
    and a short line over one that ends no sentence (a product's name over its features). `words`
    are the units' word counts (`word_counts`)."""
    bullet = features.dense[:, BULLET_COLUMN] > 0
    over_item = np.zeros_like(bullet)
    over_item[:-1] = bullet[1:]
    short = words <= LIST_HEADING_WORDS
    return bullet | (over_item & short & (features.dense[:, ENDS_COLUMN] == 0))


def with_lists_kept(going: np.ndarray, scores: np.ndarray, items: np.ndarray, limit: float) -> np.ndarray:
    """The cut's decision, with the list items that run on from a kept unit kept too, unless the
    model scores them at or over `limit`.

    An article's own list (a product's features, a tour's dates, a league table) reads line by line
    like a menu, and the cut, weighing each line alone, takes it away from the article it belongs
    to. A list item stays when every unit between it and the last unit the cut keeps before it is
    such an item: the list runs on from what is kept. Out of fold on the training pages it raised
    AEB's whole-page and extracted F1, moved Dragnet's and CleanEval's by under 0.001, and halved
    the body AEB's extracted dumps lose (MODEL_CARD.md)."""
    running = items & (scores < limit)
    if not (running & going).any():  # no item the cut drops could stay
        return going
    index = np.arange(len(going))
    kept_at = np.maximum.accumulate(np.where(going, -1, index))  # the last kept unit at or before each
    kept_before = np.concatenate([[-1], kept_at[:-1]])
    broken_at = np.maximum.accumulate(np.where(running, -1, index))  # the last unit that is no such item
    return going & ~(running & (kept_before >= 0) & (broken_at <= kept_before))


def word_counts(features: Features) -> np.ndarray:
    """Each paragraph's words, as its features count them (at least one)."""
    return np.maximum(np.expm1(features.dense[:, WORDS_COLUMN] * WORDS_SCALE), 1.0)


def prose_units(features: Features, words: np.ndarray) -> np.ndarray:
    """Which paragraphs read as prose: PROSE_WORDS words or more (`words`, as `word_counts` counts
    them), ending a sentence."""
    return (words >= PROSE_WORDS) & (features.dense[:, ENDS_COLUMN] > 0)


def page_cut(scores: np.ndarray, words: np.ndarray, prose: np.ndarray, empty_at: float) -> np.ndarray:
    """Which units of a page-like dump go: those outside the expected-best set, or all of them.
    `words` are the units' word counts (at least one each), `prose` marks the units that read as
    prose (see prose_units).

    Taking units in order of their scores (most body-like first), a unit is expected to hold
    (1 - its score) times its words of body. Keeping the first k, the page's expected precision
    is the body they hold over their words, and its expected recall that body over the whole
    page's; the k with the highest sum is kept. A fixed threshold weighs a line the same on every
    page; this cut weighs it against the page it is on: an uncertain line goes from a page whose
    article is long and stays on one whose article it may be most of. When every unit scores at
    or over `empty_at` and none of the set kept is prose (a page of menus and link lists, no
    article), all of them go; a sentence of prose in it is an article the model is unsure of (a
    post of three sentences among a blog's menus), and the set stays.
    Out of fold on the training pages it beat the best fixed threshold on every source's
    whole-page dumps (MODEL_CARD.md).
    """
    if not len(scores):
        return np.ones(0, dtype=bool)
    order = np.argsort(scores, kind="stable")
    body = np.maximum(1.0 - scores, 1e-12) * words  # over 0, so that the last sum divides
    held = body.take(order).cumsum()
    expected = held / words.take(order).cumsum() + held / held[-1]
    going = np.ones(len(scores), dtype=bool)
    going[order[: int(expected.argmax()) + 1]] = False
    if scores[order[0]] >= empty_at and not (prose & ~going).any():  # the lowest score
        going[:] = True
    return going


def probability(logit: Any) -> Any:
    """The logistic function, of a logit or an array of them."""
    return 1.0 / (1.0 + np.exp(-logit))


def bundled_model_path() -> Path:
    """The weights shipped in the package (cleaner/models/, installed or in the source tree)."""
    return Path(str(resources.files("cleaner.models"))) / MODEL_FILE
