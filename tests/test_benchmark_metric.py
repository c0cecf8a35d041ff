"""The benchmark metric follows METRIC.md: 4-token shingles, multiset matching, means per page."""

import pytest

from benchmarks.metric import PageScore, aggregate, f1_interval, score_page, shingles, tokens


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


def _mixed_pages(count: int, seed: int) -> list[PageScore]:
    import random

    draw = random.Random(seed)
    return [PageScore(draw.random(), draw.random(), False, draw.random() < 0.05, False) for _ in range(count)]


def test_the_f1_interval_holds_the_figure_and_narrows_with_more_pages():
    few, many = _mixed_pages(40, 1), _mixed_pages(1600, 1)
    low, high = f1_interval(few)
    assert low < aggregate(few).f1 < high
    wide, narrow = high - low, f1_interval(many)[1] - f1_interval(many)[0]
    assert 0 < narrow < wide / 3  # forty times the pages: about a sixth of the width


def test_the_f1_interval_is_the_same_on_every_run_and_a_point_for_identical_pages():
    pages = _mixed_pages(60, 2)
    assert f1_interval(pages) == f1_interval(pages)
    same = [PageScore(0.8, 0.6, False, False, False)] * 30
    low, high = f1_interval(same)
    assert low == pytest.approx(aggregate(same).f1) and high == pytest.approx(low)


def test_the_f1_interval_reads_empty_predictions_as_aggregate_does():
    # an empty prediction counts for recall only: resampling must not count its precision of 1.0
    pages = [PageScore(1.0, 0.0, False, True, False)] * 10 + [PageScore(0.5, 0.5, False, False, False)] * 10
    low, high = f1_interval(pages)
    assert high <= 2 * 0.5 * 0.5 / (0.5 + 0.5) + 1e-9  # precision stays 0.5 whichever pages are drawn
    assert low < aggregate(pages).f1 < high
