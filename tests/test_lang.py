"""Language detection: langdetect's answer, made cheaper by the declared language."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

from cleaner.lang import SEED, LanguageDetector, _Detector

TEXTS = {
    "en": "The central bank raised its main rate by a quarter point on Thursday, the fourth rise.",
    "fr": "Le gouvernement a annoncé mardi un nouveau plan pour les transports publics en ville.",
    "ru": "Правительство во вторник объявило о новом плане развития общественного транспорта.",
    "ja": "政府は火曜日、公共交通機関の新しい計画を発表した。ひらがなとカタカナも含む。",
    "vi": "Chính phủ đã công bố kế hoạch mới cho giao thông công cộng vào thứ Ba vừa qua.",
}


def _langdetect_factory() -> DetectorFactory:
    """langdetect's own profiles and seed, to compare its Detector with ours."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(SEED)
    return factory


# Built once for the module (hypothesis tests cannot take function-scoped fixtures).
_DETECTOR, _FACTORY = LanguageDetector(), _langdetect_factory()


@pytest.fixture(scope="module")
def detector():
    return _DETECTOR


@pytest.fixture(scope="module")
def langdetect_factory():
    return _FACTORY


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_ngrams_are_langdetects(detector, langdetect_factory, lang):
    text = TEXTS[lang] + " NASA and the EU met in Zürich — “quoted” ŞȘ ȚȚ."
    ours = _Detector(detector._profiles, None, {}, {})
    theirs = Detector(langdetect_factory)
    for one in (ours, theirs):
        one.append(text)
        one.cleaning_text()
    assert ours._extract_ngrams() == theirs._extract_ngrams()


# Letters of several scripts and cases, digits, spaces, punctuation, URLs: what a page's text holds.
MIXED = st.lists(
    st.sampled_from(
        [
            "a",
            "B",
            "é",
            "Ş",
            "ș",
            "ț",
            "Ệ",
            "ệ",
            "я",
            "Д",
            "日",
            "ひ",
            "カ",
            "ي",
            "ی",
            "1",
            " ",
            "  ",
            "\n",
            ",",
            "—",
            "“",
            "ﬁ",
            "NASA",
            "EU",
            "the ",
            "https://example.com/a ",
            "x@example.com",
        ]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(MIXED)
def test_text_preparation_and_ngrams_are_langdetects(text):
    ours = _Detector(_DETECTOR._profiles, None, {}, {})
    theirs = Detector(_FACTORY)
    for one in (ours, theirs):
        one.append(text)
        one.cleaning_text()
    assert ours.text == theirs.text
    assert ours._extract_ngrams() == theirs._extract_ngrams()


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_without_a_hint_the_answer_is_langdetects_seven_trials(detector, langdetect_factory, lang):
    ours = _Detector(detector._profiles, None, {}, {})
    theirs = Detector(langdetect_factory)
    for one in (ours, theirs):
        one.append(TEXTS[lang])
    assert _pairs(ours) == _pairs(theirs)


def _pairs(detector):
    return [(found.lang, found.prob) for found in detector.get_probabilities()]


def test_an_agreeing_hint_gives_the_same_language(detector):
    assert detector.detect(TEXTS["fr"], "fr-FR") == detector.detect(TEXTS["fr"]) == "fr"


def test_a_wrong_hint_does_not_override_the_text(detector):
    assert detector.detect(TEXTS["ru"], "en") == "ru"


def test_short_text_falls_back_to_the_hint(detector):
    assert detector.detect("Oui.", "fr_CA") == "fr"


def test_same_answer_every_run():
    assert {LanguageDetector().detect(TEXTS["en"]) for _ in range(3)} == {"en"}


def test_the_profile_matrix_holds_langdetects_probabilities(detector, langdetect_factory):
    profiles = detector._profiles
    assert profiles.langlist == langdetect_factory.langlist
    assert profiles.word_lang_prob_map.keys() == langdetect_factory.word_lang_prob_map.keys()
    for gram, row in profiles.word_lang_prob_map.items():
        assert profiles.matrix[row].tolist() == langdetect_factory.word_lang_prob_map[gram]


def test_every_detector_of_a_process_reads_one_read_only_copy_of_the_profiles():
    first, second = LanguageDetector(), LanguageDetector()
    assert first._profiles is second._profiles
    assert not first._profiles.matrix.flags.writeable
    assert first.detect(TEXTS["en"]) == second.detect(TEXTS["en"]) == "en"
