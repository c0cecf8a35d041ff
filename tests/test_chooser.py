"""The learned chooser: it reads only candidates already computed and replaces the rules' text over its threshold."""

from pathlib import Path

import numpy as np

from cleaner import Cleaner, Config
from cleaner.chooser import PAIR_SIZE, Chooser, alternatives, bundled_chooser, pair_features
from cleaner.document import Paragraph
from cleaner.extract import CHOOSER_RULE, Extraction, Readings, _ShingleMemo
from cleaner.linemodel import Forest

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
ARTICLE = [
    Paragraph("Harbour board approves shore power", "heading"),
    Paragraph("The harbour board approved the shore power plan on Tuesday after two years of talks with the lines."),
    Paragraph("Ships will plug into the grid at eleven berths from next spring, cutting fumes along the quay."),
]
SIDEBAR = [
    Paragraph("About the author"),
    Paragraph("Jane Doe writes about ports, shipping and the sea for the paper; she lives in the old town."),
]


def _readings(decided, origin="trafilatura", trafilatura=None, copy=None, library=None):
    trafilatura = decided if trafilatura is None else trafilatura
    return Readings(
        trafilatura,
        [],
        copy or [],
        library,
        Extraction(decided),
        origin,
        "Harbour board approves shore power",
        _ShingleMemo(),
    )


def _constant(score: float) -> Forest:
    """A forest of one leaf: every candidate gets this score."""
    return Forest(
        np.zeros(1, dtype=np.int32),
        np.full(1, np.inf),
        np.zeros((1, 2), dtype=np.int32),
        np.array([score]),
        np.zeros(1, dtype=np.int32),
        0,
        0.0,
    )


def test_alternatives_are_the_other_texts_each_once():
    readings = _readings(SIDEBAR, copy=ARTICLE, library=list(ARTICLE))
    assert alternatives(readings) == [("copy", ARTICLE)]
    assert alternatives(_readings(ARTICLE, copy=[])) == []


def test_features_have_the_stored_width():
    readings = _readings(SIDEBAR, copy=ARTICLE)
    assert len(pair_features(readings, "copy", ARTICLE)) == PAIR_SIZE


def test_candidate_replaces_the_rules_text_only_over_the_threshold():
    readings = _readings(SIDEBAR, copy=ARTICLE)
    taken = Chooser(_constant(1.0), 0.5).choose(readings)
    assert taken.paragraphs == ARTICLE
    assert [(r.rule, r.text) for r in taken.removed] == [(CHOOSER_RULE, p.text) for p in SIDEBAR]
    assert Chooser(_constant(0.2), 0.5).choose(readings) is readings.decided


def test_saved_chooser_loads_with_the_same_scores(tmp_path):
    chooser = bundled_chooser()
    assert chooser is not None, "cleaner/models/chooser.npz ships with the package"
    chooser.save(tmp_path / "chooser.npz")
    again = Chooser.load(tmp_path / "chooser.npz")
    rows = np.array([pair_features(_readings(SIDEBAR, copy=ARTICLE), "copy", ARTICLE)])
    assert again.threshold == chooser.threshold
    assert np.array_equal(again.forest.decision(rows), chooser.forest.decision(rows))


def test_post_beside_an_author_box_is_taken_and_disabling_leaves_the_rules_text():
    """A short post (a heading, a "via" link, one sentence) beside a sidebar's "About Me" prose."""
    page = (GOLDEN / "html-generic-blog-post-author-box" / "input.html").read_text(encoding="utf-8")
    chosen = Cleaner().clean(page, kind="html").text
    rules = Cleaner(Config(disabled_rules=(CHOOSER_RULE,))).clean(page, kind="html").text
    assert "right brain in a big way" in chosen and "teach design" not in chosen
    assert "teach design" in rules
