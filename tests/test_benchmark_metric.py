"""The benchmark metric follows METRIC.md: 4-token shingles, multiset matching, means per page."""

import pytest

from benchmarks.metric import PageScore, aggregate, score_page, shingles, tokens


def test_tokens_are_unicode_word_runs_with_case_kept():
    assert tokens("Über-Straße, 3.5 km!") == ["Über", "Straße", "3", "5", "km"]


def test_short_text_is_one_shorter_shingle_and_empty_text_none():
    assert shingles(["a", "b"]) == {("a", "b"): 1}
    assert shingles([]) == {}


def test_case_is_kept_when_matching_shingles():
    page = score_page("One two three four five.", "one two three four five")
    assert (page.precision, page.recall, page.exact) == (0.5, 0.5, False)


def test_same_tokens_score_one_and_count_as_exact_whatever_the_punctuation():
    page = score_page("One two, three four five.", "One two three four five")
    assert (page.precision, page.recall, page.exact) == (1.0, 1.0, True)


def test_extra_text_costs_precision_only():
    page = score_page("a b c d e f g", "a b c d e")
    assert page.recall == 1.0
    assert page.precision == pytest.approx(2 / 4)


def test_repeated_shingles_match_as_a_multiset():
    page = score_page("a b c d a b c d", "a b c d")
    # prediction has 5 shingles, one of them (a b c d) twice; truth has it once.
    assert page.recall == 1.0
    assert page.precision == pytest.approx(1 / 5)


def test_empty_prediction_costs_recall_but_not_precision():
    empty = score_page("", "a b c d e")
    full = score_page("a b c d e", "a b c d e")
    total = aggregate([empty, full])
    assert empty.predicted_empty and empty.recall == 0.0
    assert total.precision == 1.0
    assert total.recall == pytest.approx(0.5)
    assert total.f1 == pytest.approx(2 * 0.5 / 1.5)
    assert total.accuracy == 0.5


def test_f1_comes_from_the_means_not_from_page_f1s():
    pages = [PageScore(1.0, 0.2, False, False, False), PageScore(0.2, 1.0, False, False, False)]
    total = aggregate(pages)
    assert total.precision == pytest.approx(0.6) and total.recall == pytest.approx(0.6)
    assert total.f1 == pytest.approx(0.6)
