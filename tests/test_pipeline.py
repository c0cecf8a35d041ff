"""The Python API end to end: seeds lose their boilerplate, keep their body, gain metadata."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner, Config, Document, InputError, clean
from golden import GOLDEN

SEED_METADATA = {
    "seed-000": {
        "date": "2024-07-25",
        "title": "Musk praises Zuckerberg's AI achievements, now we have seen everything",
    },
    "seed-001": {
        "author": "Tuhin Das Mahapatra",
        "date": "2024-07-24T15:50",
        "url": "https://www.investsfocus.com",
        "title": "Elon Musk finally lauds Mark Zuckerberg in a rare exchange",
    },
    "seed-002": {"title": "Mark Zuckerberg's AI Strategy Earns Praise from Tech Leaders and Rivals"},
    "seed-003": {
        "title": "Mark Zuckerberg Drops F-Bomb While Discussing His Excitement For Closed vs Open-Source AI At Meta"
    },
    "seed-004": {
        "author": "Dwaipayan Roy",
        "date": "2024-05-29T15:14",
        "title": "Meta AI chief mocks Musk's xAI recruitment drive on X",
    },
}


def seed_text(case_id: str) -> str:
    return (GOLDEN / case_id / "input.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("case_id", sorted(SEED_METADATA))
def test_seed_metadata_is_filled(case_id):
    doc = clean(seed_text(case_id))
    for name, value in SEED_METADATA[case_id].items():
        assert getattr(doc, name) == value
    assert doc.language == "en"


@pytest.mark.parametrize("case_id", sorted(SEED_METADATA))
def test_title_does_not_open_the_body(case_id):
    doc = clean(seed_text(case_id))
    assert not doc.text.startswith(doc.title)


@pytest.mark.parametrize("variant", ["crlf", "lone-cr", "bytes"])
def test_line_endings_and_bytes_do_not_change_the_result(variant):
    raw = seed_text("seed-002")
    data = {"crlf": raw.replace("\n", "\r\n"), "lone-cr": raw.replace("\n", "\r"), "bytes": raw.encode()}[variant]
    assert clean(data).text == clean(raw).text


def test_every_removal_names_a_rule_and_its_text():
    doc = clean(seed_text("seed-001"))
    removed = {(r.rule, r.text) for r in doc.removed}
    assert ("generic.crawler-tags-label", "Tags") in removed
    assert all(r.rule and r.kind and r.text for r in doc.removed)


def test_same_input_gives_same_language_every_time():
    short = "Le gouvernement a annoncé mardi un nouveau plan pour les transports publics."
    assert {Cleaner().clean(short).language for _ in range(3)} == {"fr"}


def test_html_page_is_extracted_then_cleaned():
    page = (
        "<html><head><title>Rates rise again</title></head><body><nav>Home | World</nav><article>"
        "<h1>Rates rise again</h1><p>The central bank raised its main rate by a quarter point on Thursday, "
        "the fourth rise this year.</p><p>ALSO READ| Markets slide after the decision</p>"
        "<p>Economists had expected the move after inflation stayed above target for a sixth month.</p>"
        "</article><footer>© 2024 Example News</footer></body></html>"
    )
    doc = clean(page.encode(), url="https://news.example.com/rates")
    assert doc.text.startswith("The central bank raised its main rate")
    assert "ALSO READ" not in doc.text and "Home | World" not in doc.text
    assert (doc.title, doc.hostname, doc.source_kind) == ("Rates rise again", "news.example.com", "html")


def test_kind_can_be_forced():
    markup = "<p>A title line</p>\n<p>Markup stays literal in text mode.</p>\n<div>x</div>"
    doc = Cleaner(Config(input_kind="text")).clean(markup)
    assert doc.source_kind == "text" and "<p>Markup stays literal in text mode.</p>" in doc.text


def test_document_round_trips_through_json():
    doc = clean(seed_text("seed-004"))
    again = Document.from_dict(json.loads(json.dumps(doc.to_dict())))
    assert again == doc


def test_extra_fields_ride_along_untouched():
    doc = Cleaner().clean("Some body text for the record.", extra={"id": "rec-7", "crawl": {"n": 1}})
    assert doc.to_dict()["id"] == "rec-7" and doc.to_dict()["crawl"] == {"n": 1}


def test_bad_input_raises_a_one_line_input_error():
    with pytest.raises(InputError) as caught:
        clean(b"\x00\x01\x02\x03" * 500)
    assert "\n" not in str(caught.value)


BODY = (
    "The harbour board approved the plan on Tuesday after two years of talks with shipping lines, unions and "
    "the city, which had pressed for cleaner air near the docks for more than a decade.\n\n"
    "Ships will plug into the grid at eleven berths by 2027, the board said, at a cost of about 140 million "
    "euros, part of it paid from a national fund for ports that was created last year."
)
COMMENTS = "\n\nLeave a Reply\n\nYour email address will not be published.\n\n3 Comments\n\nGreat news for the docks."


def test_comment_rules_drop_the_comment_section_by_default():
    doc = Cleaner(Config(detect_language=False)).clean(BODY + COMMENTS, kind="text")
    assert "Great news for the docks." not in doc.text
    assert {"generic.comment-section"} <= {r.rule for r in doc.removed}


def test_include_comments_turns_off_every_rule_of_the_comments_group():
    cleaner = Cleaner(Config(detect_language=False, include_comments=True))
    doc = cleaner.clean(BODY + COMMENTS, kind="text")
    assert doc.text.endswith(
        "Leave a Reply\n\nYour email address will not be published.\n\n3 Comments\n\nGreat news for the docks."
    )
    group = {rule.id for rule in cleaner.ruleset.all_rules() if rule.group == "comments"}
    assert (
        {
            "generic.comment-section",
            "generic.comment-count",
            "generic.comment-form-notice",
            "generic.dom-comment-section",
        }
        <= group
        <= cleaner.ruleset.disabled
    )


SIGNED_THREAD = (
    "Harbour Blog\n\nAbout\n\nArchive\n\nHarbour plan approved after two years\n\nby harbourfan on March 1, 2021\n\n"
    + BODY
    + "\n\n2 Responses\n\nAbout time, the ferries have been idling at the quay for years and the whole street smells"
    " of diesel.\n\nby Milan Jones on March 5, 2021 at 4:47 pm. Reply #\n\nWill the cruise ships plug in too, or"
    " only the ferries that berth overnight at the inner harbour?\n\nby Ann Roe on March 5, 2021 at 8:02 pm. Reply #"
    "\n\nOnly the ferries at first, the board said; cruise berths follow in 2029.\n\nby Catherine Poe on March 6,"
    " 2021 at 9:12 am. #\n\nLeave a comment\n\nName\n\nEmail\n\nCategories\n\nPorts"
)


def test_with_comments_kept_a_commenters_signature_is_no_byline():
    """The thread stays in the text, but the header steps read the story alone, as by default: the
    last comment's signature (no reply button under it) is not the post's author and date."""
    kept = Cleaner(Config(detect_language=False, include_comments=True)).clean(SIGNED_THREAD, kind="text")
    by_default = Cleaner(Config(detect_language=False)).clean(SIGNED_THREAD, kind="text")
    assert (kept.authors, kept.date) == (by_default.authors, by_default.date) == ([], None)
    assert "by Catherine Poe on March 6, 2021 at 9:12 am. #" in kept.text
    assert "Only the ferries at first" in kept.text
    assert "by Catherine Poe" not in by_default.text


def test_include_comments_keeps_the_dom_comment_section_for_extraction():
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n\n"))
    page = (
        f"<html><body><article><h1>Harbour plan approved</h1>{paragraphs}</article>"
        '<div id="comments"><p>Great news for the docks, said a reader who lives by the water.</p></div>'
        "</body></html>"
    )
    by_default = Cleaner(Config(detect_language=False)).clean(page, kind="html")
    assert "generic.dom-comment-section" in {r.rule for r in by_default.removed}
    kept = Cleaner(Config(detect_language=False, include_comments=True)).clean(page, kind="html")
    assert "generic.dom-comment-section" not in {r.rule for r in kept.removed}


def test_an_unclosed_byline_span_does_not_take_the_article_with_it():
    paragraphs = "".join(f"<p>{line}</p>" for line in BODY.split("\n\n")) * 3
    page = (
        f"<html><body><article><h1>Harbour plan approved</h1>"
        f'<span class="byline-author">By Jane Roe {paragraphs}</article></body></html>'
    )
    doc = Cleaner(Config(detect_language=False)).clean(page, kind="html")
    assert "Ships will plug into the grid" in doc.text
    assert "generic.dom-byline" not in {r.rule for r in doc.removed}


BYLINE_BOX_RULE = """rules:
  - id: generic.byline-box
    description: A byline box, dropped from the body.
    match: {selector: 'div.byline'}
    action: drop
    examples:
      match: ['<div class="byline">By Jane Roe</div>']
      keep: ['<p>By the river.</p>']
"""
PRUNED_BYLINE_PAGE = (
    "<html><head><title>Bridge to close | The Daily</title></head><body><article>"
    "<h1>Bridge to close for a month</h1>"
    '<div class="byline">By <a href="/author/jane-roe">Jane Roe</a></div>'
    + "<p>The old bridge over the river will close for a month of repairs, the city said on Monday.</p>" * 4
    + "</article></body></html>"
)


def test_a_byline_a_dom_rule_removes_still_names_the_author(tmp_path):
    (tmp_path / "generic").mkdir()
    (tmp_path / "generic" / "byline-box.yaml").write_text(BYLINE_BOX_RULE, encoding="utf-8")
    doc = Cleaner(Config(rule_dirs=(str(tmp_path),), bundled_rules=False)).clean(PRUNED_BYLINE_PAGE, kind="html")
    assert doc.author == "Jane Roe"
    assert "Jane Roe" not in doc.text
    assert any(r.rule == "generic.byline-box" for r in doc.removed)


def test_page_markup_is_read_once_without_a_url(monkeypatch):
    from cleaner import pagemeta

    calls = []
    original = pagemeta.Markup.of.__func__
    monkeypatch.setattr(pagemeta.Markup, "of", classmethod(lambda cls, tree: calls.append(1) or original(cls, tree)))
    Cleaner().clean(PRUNED_BYLINE_PAGE, kind="html")
    assert len(calls) == 1


def test_the_h1_leaves_the_body_when_the_markup_title_differs():
    page = PRUNED_BYLINE_PAGE.replace(
        "<title>Bridge to close | The Daily</title>", '<meta property="og:title" content="City closes river crossing">'
    )
    doc = Cleaner().clean(page, kind="html")
    assert "Bridge to close for a month" not in doc.text
