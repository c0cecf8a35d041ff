"""Removals read in document order, whichever stage made them, without empty or repeated entries."""

from __future__ import annotations

from cleaner import Cleaner, Removal
from cleaner.provenance import in_document_order

DUMP = """Harbour council keeps the library open on weekends

By Jane Doe

The council met on Tuesday, heard from residents and voted to keep the library open on weekends.

ALSO READ| Port cities race to electrify their docks

Share prices of the contractor rose after the vote, and the works begin next month as planned.

Share
"""

PAGE = """<html><head><title>Harbour council keeps the library open</title></head><body>
<article><h1>Harbour council keeps the library open</h1>
<p>The council met on Tuesday, heard from residents and voted to keep the library open on weekends
through the end of the year, after a long debate about the budget and the staff it needs.</p>
<p>ALSO READ| Port cities race to electrify their docks</p>
<p>Share prices of the contractor rose after the vote, and the works begin next month as planned by
the harbour board, which says the quay will stay open throughout.</p>
<div class="newsletter-signup">Sign up for our free morning newsletter</div>
</article></body></html>"""


def positions(removed: list[Removal], source: str) -> list[int]:
    return [source.index(r.text) for r in removed]


def test_a_dump_lists_removals_in_the_order_of_its_lines() -> None:
    doc = Cleaner().clean(DUMP)
    texts = [r.text for r in doc.removed]
    assert {"By Jane Doe", "Share"} <= set(texts) and any(t.startswith("ALSO READ") for t in texts)
    # The header and headline stages run after the text rules; their removals still come first.
    assert positions(doc.removed, DUMP) == sorted(positions(doc.removed, DUMP))
    assert texts[-1] == "Share"  # the line, not the first word of "Share prices ..."


def test_a_page_lists_dom_and_text_removals_in_page_order() -> None:
    doc = Cleaner().clean(PAGE)
    kinds = [r.kind for r in doc.removed]
    assert "selector" in kinds and "drop" in kinds, doc.removed
    # The DOM rule ran first, on the newsletter box at the bottom: it is listed last.
    assert doc.removed[-1].kind == "selector" and positions(doc.removed, PAGE) == sorted(positions(doc.removed, PAGE))


def test_empty_and_adjacent_repeated_removals_are_left_out() -> None:
    removed = [
        Removal("a.x", "drop", "two"),
        Removal("a.y", "selector", " "),
        Removal("a.x", "drop", "two"),
        Removal("a.z", "drop", "one"),
    ]
    assert in_document_order(removed, "one\ntwo\n", "text") == [
        Removal("a.z", "drop", "one"),
        Removal("a.x", "drop", "two"),
    ]


def test_repeated_texts_take_successive_places() -> None:
    source = "<p>1</p><p>Body text one.</p><p>1</p><p>Menu</p><p>Body text two.</p>"
    removed = [
        Removal("a.n", "drop", "1"),
        Removal("a.n", "drop", "1"),
        Removal("a.m", "selector", "Menu"),
        Removal("a.b", "drop", "Body text one."),
    ]
    assert [r.text for r in in_document_order(removed, source, "html")] == ["1", "Body text one.", "1", "Menu"]


def test_a_text_not_in_the_input_stays_after_the_removal_it_followed() -> None:
    removed = [
        Removal("a.late", "drop", "three"),
        Removal("a.rewritten", "strip", "not there"),
        Removal("a.early", "drop", "one"),
    ]
    order = [r.rule for r in in_document_order(removed, "one two three", "text")]
    assert order == ["a.early", "a.late", "a.rewritten"]


def test_markup_scripts_and_entities_do_not_hide_a_removal() -> None:
    source = "<script>var s = 'Tom &amp; Jerry';</script><p>Intro</p><p><b>Tom</b> &amp; Jerry</p>"
    removed = [Removal("a.t", "drop", "Tom & Jerry"), Removal("a.i", "drop", "Intro")]
    assert [r.rule for r in in_document_order(removed, source, "html")] == ["a.i", "a.t"]


REPEATED_LABELS = """Harbour council keeps the library open on weekends

The council met on Tuesday, heard from residents and voted to keep the library open on weekends.

Share

Advertisement

Share prices of the contractor rose after the vote, and the works begin next month as planned.

Advertisement

Share

The harbour board says the quay will stay open throughout the works, which end in the spring.

Advertisement

Share
"""


def test_a_label_repeated_through_a_dump_is_listed_once_per_occurrence_in_order() -> None:
    doc = Cleaner().clean(REPEATED_LABELS)
    labels = [r.text for r in doc.removed if r.rule in ("generic.share-label", "generic.ad-label")]
    # Two adverts in a row among the removals are still two places in the dump, with body text between.
    assert labels == ["Share", "Advertisement", "Advertisement", "Share", "Advertisement", "Share"]


def test_a_label_repeated_through_a_page_is_listed_once_per_occurrence_in_order() -> None:
    paragraphs = REPEATED_LABELS.strip().split("\n\n")
    page = f"<html><body><article><h1>{paragraphs[0]}</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    doc = Cleaner().clean(page + "</article></body></html>")
    labels = [r.text for r in doc.removed if r.rule in ("generic.share-label", "generic.ad-label")]
    assert labels == ["Share", "Advertisement", "Advertisement", "Share", "Advertisement", "Share"]


def test_equal_removals_of_distinct_places_are_all_kept() -> None:
    removed = [Removal("a.s", "drop", "Share")] * 3
    assert in_document_order(removed, "Share\nBody one.\nShare\nBody two.\nShare\n", "text") == removed
    assert in_document_order(removed, "Share\nShare\nShare\n", "text") == removed


def test_an_equal_removal_with_no_place_of_its_own_is_a_duplicate() -> None:
    removed = [Removal("a.s", "drop", "Share")] * 3
    assert in_document_order(removed, "Share\nBody one.\nShare\n", "text") == removed[:2]
