"""langdetect's internals that lang.py builds on: its Detector's private loop and its profile files.

lang.py subclasses Detector to run the same trials on a NumPy matrix. It overrides the private
`_detect_block`, `_extract_ngrams`, `cleaning_text` and `append`, reads the private attributes
and constants in DETECTOR_ATTRIBUTES, and reads the profile files (`name`, `n_words`, `freq`)
itself. langdetect has been at 1.0.9 since 2021; a new release means re-checking all of these
and the property test in tests/test_lang.py that compares lang.py with langdetect.
"""

from __future__ import annotations

from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

CHECKED_VERSION = "1.0.9"
# What lang.py's Detector subclass reads or overrides; tests/test_compat.py checks each is there.
DETECTOR_METHODS = ("_detect_block", "_extract_ngrams", "cleaning_text", "append", "detect", "set_max_text_length")
DETECTOR_ATTRIBUTES = (
    "text",
    "langlist",
    "word_lang_prob_map",
    "langprob",
    "random",
    "seed",
    "n_trial",
    "alpha",
    "max_text_length",
    "ALPHA_WIDTH",
    "BASE_FREQ",
    "CONV_THRESHOLD",
    "ITERATION_LIMIT",
    "MAIL_RE",
    "URL_RE",
)
PROFILE_KEYS = ("name", "n_words", "freq")

__all__ = [
    "CHECKED_VERSION",
    "DETECTOR_ATTRIBUTES",
    "DETECTOR_METHODS",
    "PROFILES_DIRECTORY",
    "PROFILE_KEYS",
    "Detector",
    "ErrorCode",
    "LangDetectException",
    "NGram",
]
