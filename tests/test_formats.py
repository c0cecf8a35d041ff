"""Output formats: the blocks a document keeps beside its text, and the text, Markdown and XML made of them."""

from __future__ import annotations

import json

import pytest
import yaml
from lxml import etree

from cleaner import Cleaner, Document
from cleaner.document import Block, Paragraph, blocks_of
from cleaner.formats import escape_markdown, render_record
from golden import load_cases

CASES = load_cases()
PAGE = """<!doctype html><html lang="en"><head><title>Bridge reopens after repairs | Riverside Gazette</title>
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2024-05-02T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/local">Local</a></nav>
<article><h1>Bridge reopens after repairs</h1>
<p>The old river bridge reopened to traffic on Thursday morning after eight months of repairs, the
city said, and the first buses crossed it shortly after six o'clock.</p>
<h2>What was repaired</h2>
<p>Engineers replaced the bearings and resurfaced the deck, which had been closed to lorries since a
routine inspection found cracks in two of its supports last summer.</p>
<ul><li>New bearings on both piers</li><li>A resurfaced deck and footpaths</li><li>Brighter street lights</li></ul>
<blockquote>We are glad to have our bridge back, and glad it is safer than it was.</blockquote>
<h3>Costs[1]</h3>
<p>The council published the figures below, which include the temporary ferry service that ran while
the bridge was closed to all traffic.</p>
<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Bearings</td><td>1.2 million</td></tr>
<tr><td>Deck | footpaths</td><td>0.8 million</td></tr><tr><td>Ferry[2]</td><td>0.3 million</td></tr></table>
<p>The mayor said the work had come in under budget and thanked residents for their patience during
the closure, which had added twenty minutes to many journeys.</p>
</article><footer>Copyright 2024 Riverside Gazette</footer></body></html>"""
URL = "https://riverside.example/2024/05/bridge-reopens"


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="module")
def page(cleaner: Cleaner) -> Document:
    return cleaner.clean(PAGE.encode(), url=URL)


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_blocks_cut_the_golden_text_into_its_own_paragraphs(cleaner: Cleaner, case) -> None:
    doc = cleaner.clean(case.input.read_bytes(), url=(case.meta or {}).get("url"))
    assert "\n\n".join(p for block in doc.blocks for p in block.paragraphs()) == doc.text
    assert doc.to_text() == doc.text and doc.structure() == (doc.blocks if doc.text else [])


def test_headings_keep_their_level_and_lists_quotes_tables_their_shape(page: Document) -> None:
    kinds = [(block.kind, block.level) for block in page.blocks]
    assert kinds == [
        ("paragraph", None),
        ("heading", 2),
        ("paragraph", None),
        ("list", None),
        ("quote", None),
        ("heading", 3),
        ("paragraph", None),
        ("table", None),
        ("paragraph", None),
    ]
    assert page.blocks[3].items == (
        "New bearings on both piers",
        "A resurfaced deck and footpaths",
        "Brighter street lights",
    )


def test_a_rule_that_strips_a_heading_keeps_it_a_heading_of_its_level(page: Document) -> None:
    assert any(r.rule == "generic.inline-citation" and r.text == "[1]" for r in page.removed)
    assert page.blocks[5] == Block("heading", "Costs", 3)


def test_a_table_row_a_rule_changed_becomes_one_cell_and_still_matches_the_text(page: Document) -> None:
    table = page.blocks[7]
    assert table.rows == (
        ("Item", "Cost"),
        ("Bearings", "1.2 million"),
        ("Deck | footpaths", "0.8 million"),
        ("Ferry | 0.3 million",),
    )
    assert "Ferry | 0.3 million" in page.text.split("\n\n")


def test_markdown_shows_headings_lists_quotes_and_pipe_tables(page: Document) -> None:
    markdown = page.to_markdown()
    for expected in (
        "\n\n## What was repaired\n\n",
        "\n\n- New bearings on both piers\n- A resurfaced deck",
        "\n\n> We are glad to have our bridge back",
        "\n\n### Costs\n\n",
        "| Item | Cost |\n| --- | --- |\n| Bearings | 1.2 million |\n"
        "| Deck \\| footpaths | 0.8 million |\n| Ferry \\| 0.3 million |  |\n",
    ):
        assert expected in markdown
    assert markdown.startswith("The old river bridge reopened") and markdown.endswith("journeys.\n")


def test_markdown_front_matter_reads_back_as_the_metadata(page: Document) -> None:
    markdown = page.to_markdown(front_matter=True)
    _, front, body = markdown.split("---\n", 2)
    meta = yaml.safe_load(front)
    assert meta == {
        "title": page.title,
        "author": "Ana Ruiz",
        "date": page.date,
        "url": URL,
        "hostname": "riverside.example",
        "sitename": page.sitename,
        "language": "en",
    }
    assert body == "\n" + page.to_markdown()


def test_xml_parses_back_to_the_blocks_and_the_metadata(page: Document) -> None:
    root = etree.fromstring(page.to_xml())
    assert root.tag == "doc" and root.get("title") == "Bridge reopens after repairs" and root.get("url") == URL
    main = root.find("main")
    assert [child.tag for child in main] == ["p", "head", "p", "list", "quote", "head", "p", "table", "p"]
    assert [head.get("rend") for head in main.iter("head")] == ["h2", "h3"]
    assert [item.text for item in main.find("list")] == list(page.blocks[3].items)
    rows = [[cell.text for cell in row] for row in main.find("table")]
    assert rows == [list(row) for row in page.blocks[7].rows]
    assert "\n\n".join(_xml_paragraphs(main)) == page.text


def _xml_paragraphs(main: etree._Element) -> list[str]:
    """The paragraphs of `text` read back from XML: one per element, item or row."""
    found = []
    for child in main:
        if child.tag == "list":
            found += [item.text for item in child]
        elif child.tag == "table":
            found += [" | ".join(cell.text for cell in row) for row in child]
        else:
            found.append(child.text)
    return found


def test_xml_escapes_markup_and_replaces_what_xml_cannot_hold() -> None:
    doc = Document(text='Fish & chips <b>"cheap"</b>\n\nA bell\x07 and a lone \ud800 surrogate', title="A < B & C")
    root = etree.fromstring(doc.to_xml())
    assert root.get("title") == "A < B & C"
    texts = [p.text for p in root.iter("p")]
    assert texts == ['Fish & chips <b>"cheap"</b>', "A bell\ufffd and a lone \ufffd surrogate"]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# Not a heading", "\\# Not a heading"),
        ("- not a list item", "\\- not a list item"),
        ("* neither", "\\* neither"),
        ("> not a quote", "\\> not a quote"),
        ("2024. A year of change", "2024\\. A year of change"),
        ("3) third", "3\\) third"),
        ("---", "\\---"),
        ("```", "\\```"),
        ("| a | b |", "\\| a | b |"),
        ("<div>literal</div>", "\\<div>literal</div>"),
    ],
)
def test_a_paragraph_opening_like_markdown_syntax_is_escaped(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped
    assert Document(text=text).to_markdown() == escaped + "\n"


@pytest.mark.parametrize(
    "text",
    [
        "Plain prose.",
        "C# and F# are languages",
        "2024 was a year",
        "1.5 million people",
        "Use *stars* freely",
        "Words, then # later",
    ],
)
def test_ordinary_paragraphs_are_left_as_they_are(text: str) -> None:
    assert escape_markdown(text) == text


def test_a_heading_ending_in_hashes_keeps_them() -> None:
    doc = Document(text="Issue #", blocks=[Block("heading", "Issue #", 2)])
    assert doc.to_markdown() == "## Issue \\#\n"


def test_two_lists_in_a_row_stay_two_lists_in_markdown() -> None:
    paragraphs = [Paragraph("a", "list", group=1), Paragraph("b", "list", group=1), Paragraph("c", "list", group=2)]
    doc = Document(text="a\n\nb\n\nc", blocks=blocks_of(paragraphs))
    assert doc.to_markdown() == "- a\n- b\n\n* c\n"


def test_code_is_fenced_past_any_backticks_it_holds() -> None:
    doc = Document(text="x = ```y```", blocks=[Block("code", "x = ```y```")])
    assert doc.to_markdown() == "````\nx = ```y```\n````\n"


def test_a_document_without_blocks_or_with_stale_ones_shows_its_text_paragraphs() -> None:
    plain = Document(text="One.\n\nTwo.")
    stale = Document(text="One.\n\nTwo.", blocks=[Block("heading", "Other", 1)])
    for doc in (plain, stale):
        assert doc.structure() == [Block("paragraph", "One."), Block("paragraph", "Two.")]


def test_the_json_record_leaves_blocks_out_unless_asked(page: Document) -> None:
    assert "blocks" not in page.to_dict()
    record = json.loads(json.dumps(page.to_dict(include_blocks=True)))
    again = Document.from_dict(record)
    assert again.blocks == page.blocks and again == page
    assert record["blocks"][1] == {"kind": "heading", "text": "What was repaired", "level": 2}


def test_an_error_record_stays_visible_in_markdown_and_xml() -> None:
    record = {"source": "in.jsonl:2", "status": "error", "error_kind": "read", "error": "no 'html' field", "url": None}
    front = yaml.safe_load(render_record("markdown", record).split("---\n")[1])
    assert front == {"source": "in.jsonl:2", "status": "error", "error_kind": "read", "error": "no 'html' field"}
    root = etree.fromstring(render_record("xml", record))
    assert root.get("status") == "error" and root.get("error") == "no 'html' field" and len(root.find("main")) == 0
    assert render_record("txt", record) == ""


def test_text_dumps_are_paragraphs_only(cleaner: Cleaner) -> None:
    doc = cleaner.clean(
        "# A Markdown title line\n\nFirst paragraph of the dump, long enough to be body text.\n\n"
        "- a dash line\n\nLast paragraph of the dump."
    )
    assert {block.kind for block in doc.blocks} == {"paragraph"}
    assert "\\- a dash line" in doc.to_markdown()
