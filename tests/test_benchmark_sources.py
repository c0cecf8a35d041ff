"""The benchmark's reading of gold texts: Dragnet's comments marker splits the article from the comments."""

import pytest

from benchmarks.dumps import _golds
from benchmarks.sources import Page, article_gold, article_text

ARTICLE = "The council voted to close the pool.\nA new one opens in 2027."
COMMENTS = "Great news for the neighbourhood.\nAbout time."


@pytest.mark.parametrize(
    "marker",
    [
        "!@#$%^&*()  COMMENTS",
        "!@#$%^&*()  COMMENTS\r",
        "!@ $%^&*()  COMMENTS",
        "#$%^&*()  COMMENTS",
        "!@#$%^&*   COMMENTS",
    ],
)
def test_the_article_ends_at_dragnets_comments_marker_however_it_was_typed(marker):
    assert article_text(f"{ARTICLE}\n{marker}\n{COMMENTS}") == ARTICLE


def test_a_gold_without_the_marker_is_all_article():
    gold = f"{ARTICLE}\nComments are welcome below.\nCOMMENTS"
    assert article_text(gold) == gold
    assert article_gold(Page("aeb", "x", "", None, gold)) == gold


def test_dragnet_dumps_are_scored_against_both_golds_and_other_sources_against_theirs():
    gold = f"{ARTICLE}\n!@#$%^&*()  COMMENTS\n{COMMENTS}"
    assert _golds("dragnet", "whole-page", gold) == [("whole-page", gold), ("whole-page, article only", ARTICLE)]
    assert _golds("aeb", "whole-page", gold) == [("whole-page", gold)]
