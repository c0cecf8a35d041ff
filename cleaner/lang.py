"""Language identification with langdetect, seeded so a text gets the same answer every run."""

from __future__ import annotations

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

SEED = 0
MAX_CHARS = 3000
MIN_LETTERS = 20


class LanguageDetector:
    """Holds langdetect's profiles (loaded once per process, per detector) and a fixed seed."""

    def __init__(self, seed: int = SEED, max_chars: int = MAX_CHARS):
        self._factory = DetectorFactory()
        self._factory.load_profile(PROFILES_DIRECTORY)
        self._factory.set_seed(seed)
        self._max_chars = max_chars

    def detect(self, text: str, hint: str | None = None) -> str | None:
        """ISO 639-1 code of the text; the page's declared language only when text is too short."""
        if sum(ch.isalpha() for ch in text[: self._max_chars]) < MIN_LETTERS:
            return _primary(hint)
        detector = self._factory.create()
        detector.set_max_text_length(self._max_chars)
        detector.append(text)
        try:
            code = detector.detect()
        except LangDetectException:
            return _primary(hint)
        return None if code == "unknown" else _primary(code)


def _primary(code: str | None) -> str | None:
    """'en-US' -> 'en'; langdetect's 'zh-cn' -> 'zh'."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].strip().lower()
    return primary if 2 <= len(primary) <= 3 and primary.isalpha() else None
