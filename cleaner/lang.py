"""Language identification with langdetect, seeded so a text gets the same answer every run.

langdetect is the answer; the page's declared language only makes it cheaper. langdetect
averages seven random trials; when the page declares a language and the first trial already
picks it, the remaining six are skipped: a first trial agreeing with the page's own declaration
is the seven-trial answer in practice (benchmarks/README.md). When there is no declared
language, or the first trial disagrees with it, all seven trials run and the answer is exactly
langdetect's.
The text preparation and n-grams are langdetect's (checked against it by a property test),
worked out with regexes and once per distinct character and word.

langdetect keeps its profiles as 87,598 Python lists of 55 probabilities; here they are one
NumPy matrix, so a trial's update is one vector multiply instead of a Python loop over the
languages (the same IEEE operations in the same order, so the same probabilities), and the
garbage collector no longer walks 87,598 lists on every full collection.
"""

from __future__ import annotations

import json
import os
import re
from functools import cache

import numpy as np

from .compat.langdetect import PROFILES_DIRECTORY, Detector, ErrorCode, LangDetectException, NGram

SEED = 0
MAX_CHARS = 3000
MIN_LETTERS = 20
# The per-word n-gram memo starts over past this many words (about 6 MB at most).
MAX_REMEMBERED_WORDS = 10_000
_SPACE_RUN = re.compile(" {2,}")
# langdetect's cleaning_text counts 'A' to 'z' as Latin and everything from U+0300 up as not
# (it means to except Latin Extended Additional, but compares a block number with a name).
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")


class Profiles:
    """langdetect's language profiles: a row of per-language probabilities per n-gram.

    Read from langdetect's profile files as its DetectorFactory reads them (same files, same
    language order, same probabilities), one language at a time, straight into the matrix:
    the factory's lists would double the peak memory while the matrix is built.
    """

    def __init__(self, seed: int, directory: str = PROFILES_DIRECTORY):
        self.seed = seed
        # langdetect's Detector reads these three attributes by name; here the map gives a row
        self.langlist: list[str] = []
        self.word_lang_prob_map: dict[str, int] = {}
        columns = [self._read(path) for path in _profile_files(directory)]
        self.grams = list(self.word_lang_prob_map)  # each row's n-gram (the map numbers them in order)
        self.matrix = np.zeros((len(self.word_lang_prob_map), len(columns)))
        for column, (rows, probabilities) in enumerate(columns):
            self.matrix[rows, column] = probabilities
        self.matrix.setflags(write=False)  # shared by every detector of the process (`shared_profiles`)

    def _read(self, path: str) -> tuple[np.ndarray, np.ndarray]:
        """One language's n-gram rows and probabilities (langdetect's add_profile)."""
        with open(path, encoding="utf-8") as file:
            profile = json.load(file)
        self.langlist.append(profile["name"])
        n_words, rows, probabilities = profile["n_words"], [], []
        for gram, count in profile["freq"].items():
            row = self.word_lang_prob_map.setdefault(gram, len(self.word_lang_prob_map))
            if 1 <= len(gram) <= NGram.N_GRAM:
                rows.append(row)
                probabilities.append(1.0 * count / n_words[len(gram) - 1])
        return np.array(rows, dtype=np.intp), np.array(probabilities)


@cache
def shared_profiles(seed: int) -> Profiles:
    """The profiles, read once per process and seed: every LanguageDetector (one per Cleaner) reads
    the same rows, which nothing changes once built (about 0.1-0.3 s and 48 MiB each time)."""
    return Profiles(seed)


def _profile_files(directory: str) -> list[str]:
    """The profile files in langdetect's order (the directory's own, not sorted)."""
    paths = (os.path.join(directory, name) for name in os.listdir(directory) if not name.startswith("."))
    return [path for path in paths if os.path.isfile(path)]


class _Detector(Detector):
    """langdetect's Detector on a profile matrix, which may stop after one trial agreeing with `expected`."""

    text: str  # langdetect's Detector (untyped) holds the text appended so far

    def __init__(self, profiles: Profiles, expected: str | None, normal: dict[int, str], words: dict[str, list[int]]):
        super().__init__(profiles)
        self._matrix, self._grams = profiles.matrix, profiles.grams
        self._expected = self.langlist.index(expected) if expected in self.langlist else None
        self._normal = normal
        self._words = words

    def _detect_block(self) -> None:
        """langdetect's loop over trials (same seed, same draws), with the early stop."""
        self.cleaning_text()
        rows = self._ngram_rows()
        if not rows:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        langprob = np.zeros(len(self.langlist))
        self.random.seed(self.seed)
        for trial in range(self.n_trial):
            prob = self._trial(rows)
            if trial == 0 and self._expected is not None and int(prob.argmax()) == self._expected:
                self.langprob = prob.tolist()
                return
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()

    def _trial(self, rows: list[int]) -> np.ndarray:
        """One random walk over the n-grams until a language's probability converges."""
        prob = np.full(len(self.langlist), 1.0 / len(self.langlist))
        alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
        weight = alpha / self.BASE_FREQ
        matrix, choice = self._matrix, self.random.choice
        i = 0
        while True:
            prob *= weight + matrix[choice(rows)]
            if i % 5 == 0 and (_normalise(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT):
                return prob
            i += 1

    def append(self, text: str) -> None:
        """langdetect's append: URLs and e-mail addresses out, runs of spaces made one."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACE_RUN.sub(" ", text[: self.max_text_length])

    def cleaning_text(self) -> None:
        """langdetect's: a text mostly in another script loses its Latin letters."""
        latin = len(_LATIN.findall(self.text))
        if latin * 2 < len(_NON_LATIN.findall(self.text)):
            self.text = _LATIN.sub("", self.text)

    def _extract_ngrams(self) -> list[str]:
        """langdetect's n-grams of the text, in its order."""
        return [self._grams[row] for row in self._ngram_rows()]

    def _ngram_rows(self) -> list[int]:
        """The profile rows of langdetect's n-grams of the text, in its order, worked out once per word.

        langdetect slides a three-character window over the normalised text, restarting it at
        each space and skipping characters inside an all-capitals run; what a word yields
        depends on the word alone (and on whether a space follows it), so `_words` remembers it.
        """
        table = self._normal
        for ch in set(self.text):
            if ord(ch) not in table:
                table[ord(ch)] = NGram.normalize(ch)
        words = self.text.translate(table).split(" ")
        result: list[int] = []
        last = len(words) - 1
        for index, word in enumerate(words):
            if word:
                key = word + " " if index < last else word
                rows = self._words.get(key)
                if rows is None:
                    rows = self._words[key] = _word_rows(key, self.word_lang_prob_map)
                result += rows
        if len(self._words) > MAX_REMEMBERED_WORDS:
            self._words.clear()
        return result


def _word_rows(word: str, known: dict[str, int]) -> list[int]:
    """The rows of the known 1-, 2- and 3-grams langdetect takes from one word (with its following space)."""
    padded = " " + word
    rows = []
    for end in range(1, len(padded)):
        if end >= 2 and padded[end].isupper() and padded[end - 1].isupper():
            continue  # inside a run of capitals (an acronym): langdetect skips it
        for size in (1, 2, 3):
            if size <= end + 1:
                gram = padded[end + 1 - size : end + 1]
                row = known.get(gram) if gram != " " else None
                if row is not None:
                    rows.append(row)
    return rows


class LanguageDetector:
    """Reads langdetect's profiles (loaded once per process, shared by every detector) with a fixed seed."""

    def __init__(self, seed: int = SEED, max_chars: int = MAX_CHARS):
        self._profiles = shared_profiles(seed)
        self._max_chars = max_chars
        # langdetect's per-character normalisation and per-word n-grams, worked out once each
        self._normal: dict[int, str] = {}
        self._words: dict[str, list[int]] = {}

    def detect(self, text: str, hint: str | None = None) -> str | None:
        """ISO 639-1 code of the text; the page's declared language only when text is too short."""
        if sum(ch.isalpha() for ch in text[: self._max_chars]) < MIN_LETTERS:
            return _primary(hint)
        detector = _Detector(self._profiles, _primary(hint), self._normal, self._words)
        detector.set_max_text_length(self._max_chars)
        detector.append(text)
        try:
            code = detector.detect()
        except LangDetectException:
            return _primary(hint)
        return None if code == "unknown" else _primary(code)


def _normalise(prob: np.ndarray) -> float:
    """langdetect's _normalize_prob: divide by the sum, taken as Python sums (left to right)."""
    prob /= sum(prob.tolist())
    return float(prob.max())


def _primary(code: str | None) -> str | None:
    """'en-US' -> 'en'; langdetect's 'zh-cn' -> 'zh'."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].strip().lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None
