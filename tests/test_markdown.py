"""Markdown dumps: what a browser shows of each block, the block's kind, and which dumps are Markdown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner
from cleaner.markdown import MAX_CELL_CHARS, dump_paragraphs, looks_like_markdown, markdown_paragraphs


def texts(markdown):
    return [p.text for p in markdown_paragraphs(markdown)]


# --- inline text -------------------------------------------------------------------------------


def test_a_link_gives_its_text_without_its_target():
    assert texts('Read the [council report](https://example.org/report.pdf "PDF") today.') == [
        "Read the council report today."
    ]


def test_images_and_linked_images_give_nothing():
    raw = "![Mayor at the podium](https://ex.com/a.jpg)\n\n[![logo](/logo.png)](https://ex.com/)\n\nBody text."
    assert texts(raw) == ["Body text."]


def test_empty_emphasis_an_icon_leaves_goes():
    assert texts("By [Mike Wall](/author) 2019-11-18 [Science](/science)  __\n\n* [ __](https://fb.com/share)") == [
        "By Mike Wall 2019-11-18 Science"
    ]


def test_emphasis_marks_escapes_and_inline_code_are_read_as_shown():
    assert texts(r"**Bold** and _italic_ with a \*star\* and `code()`") == ["Bold and italic with a *star* and code()"]


def test_a_link_the_parser_refuses_still_gives_its_text():
    # a target with spaces (a javascript: link) is no CommonMark link; an image inside one went first
    raw = "[Share](javascript: share('a b')) and [![](/icon.gif)](javascript: open(url); \"Bookmark\") Facebook"
    assert texts(raw) == ["Share and Facebook"]


def test_reference_links_give_their_text_and_their_definitions_nothing():
    assert texts("See [the report][1].\n\n[1]: https://example.org/r") == ["See the report."]


def test_abbreviation_definitions_under_a_page_give_nothing_unless_they_define_a_time():
    # html2text writes one for each <abbr title>: a timeago widget's time, an acronym's expansion
    raw = "The RSS feed is back.\n\n  *[RSS]: Really Simple Syndication\n  *[GMT]: Greenwich Mean Time"
    assert texts(raw) == ["The RSS feed is back."]
    # one that defines a time (a blog's <abbr class="published">) is a date the header reads
    dated = "The RSS feed is back.\n\n  *[4:59 PM]: 2012-10-28T16:59:00-06:00"
    assert texts(dated) == ["The RSS feed is back.", "*[4:59 PM]: 2012-10-28T16:59:00-06:00"]
    assert texts("*[sic]* the mayor wrote.") == ["[sic] the mayor wrote."]


def test_html_line_breaks_break_lines_and_other_tags_go():
    assert texts("First line<br>second <span>line</span>") == ["First line", "second line"]


# --- blocks ------------------------------------------------------------------------------------


def test_headings_keep_their_level():
    found = markdown_paragraphs("# Title\n\nText.\n\n### Section")
    assert [(p.text, p.kind, p.level) for p in found] == [
        ("Title", "heading", 1),
        ("Text.", "paragraph", None),
        ("Section", "heading", 3),
    ]


def test_list_items_are_one_list_and_two_lists_are_two():
    found = markdown_paragraphs("* [Home](/)\n* [World](/world)\n\nText.\n\n1. one\n2. two")
    assert [(p.text, p.kind) for p in found] == [
        ("Home", "list"),
        ("World", "list"),
        ("Text.", "paragraph"),
        ("one", "list"),
        ("two", "list"),
    ]
    assert found[0].group == found[1].group != found[3].group == found[4].group


def test_a_list_nested_by_indentation_is_still_read_as_a_list():
    # converters indent what a page nests by four spaces or more: no code block, no literal '*'
    found = markdown_paragraphs("Menu\n\n    * [Sport](/sport)\n    * [Travel](/travel)")
    assert [(p.text, p.kind) for p in found] == [("Menu", "paragraph"), ("Sport", "list"), ("Travel", "list")]


def test_a_quote_nested_past_the_parsers_limit_keeps_its_text():
    assert [(p.text, p.kind) for p in markdown_paragraphs("> " * 40 + "Deep reply")] == [("Deep reply", "quote")]


def test_quotes_and_fenced_code_keep_their_kind_and_code_its_indentation():
    found = markdown_paragraphs('> "We will reopen," she said.\n\n```\ndef f():\n    return 1\n```')
    assert (found[0].text, found[0].kind) == ('"We will reopen," she said.', "quote")
    assert (found[1].text, found[1].code) == ("def f():\n    return 1", True)


def test_each_line_of_a_block_is_a_paragraph_as_in_a_whole_page_dump():
    # a menu written as one block of links, one per line, is several lines, not one sentence
    assert texts("[Home](/)\n[News](/news)\n[Contact](/contact)") == ["Home", "News", "Contact"]


def test_hard_wrapped_prose_in_a_block_is_joined():
    raw = (
        "The committee met on Tuesday to discuss the budget for the coming\n"
        "year, and agreed after a long debate that spending on roads should\n"
        "rise by four per cent."
    )
    assert len(texts(raw)) == 1


def test_lines_left_without_words_go():
    assert texts("![a](a.gif) | ![b](b.gif) |\n\nText.\n\n---") == ["Text."]


def test_raw_html_blocks_give_their_text():
    assert texts('<div class="note">\n<p>Opening hours changed.</p>\n</div>') == ["Opening hours changed."]


# --- tables ------------------------------------------------------------------------------------


def test_a_table_is_read_row_by_row_with_its_cells():
    found = markdown_paragraphs("| Team | Points |\n| --- | ---: |\n| [Leeds](/leeds) | 31 |\n| York | 28 |")
    assert [(p.text, p.kind, p.cells) for p in found] == [
        ("Team | Points", "table", ("Team", "Points")),
        ("Leeds | 31", "table", ("Leeds", "31")),
        ("York | 28", "table", ("York", "28")),
    ]
    assert len({p.group for p in found}) == 1


def test_a_row_keeps_the_cells_past_the_headers_count():
    # GitHub's tables drop them; a converter writes a layout table as empty headers over full rows
    found = texts("|  |  |\n| --- | --- |\n| Menu | Story | Sidebar |")
    assert found == ["Menu | Story | Sidebar"]


def test_a_layout_tables_cells_are_lines_of_their_own():
    story = "The council met on Tuesday. " * (MAX_CELL_CHARS // 20)
    found = markdown_paragraphs(f"| | |\n|---|---|\n| [Home](/) | {story.strip()} |")
    assert [(p.text[:4], p.kind) for p in found] == [("Home", "paragraph"), ("The ", "paragraph")]


def test_a_table_under_a_line_of_text_starts_at_its_header():
    found = markdown_paragraphs("Results below\nName | Age\n---|---\nAnn | 31")
    assert [(p.text, p.kind) for p in found] == [
        ("Results below", "paragraph"),
        ("Name | Age", "table"),
        ("Ann | 31", "table"),
    ]


# --- which dumps are Markdown ------------------------------------------------------------------


def test_links_make_a_dump_markdown():
    assert looks_like_markdown("[Home](/)\n[News](/news)\n\nText with a [link](https://ex.com/a).")
    assert looks_like_markdown("Text.\n\n[1]: https://ex.com/a\n[2]: https://ex.com/b\n[3]: https://ex.com/c")


def test_one_link_with_block_syntax_makes_a_dump_markdown():
    assert looks_like_markdown("# Title\n\nText with a [link](https://ex.com/a).\n\n## Section\n\nMore.")


def test_a_plain_dump_with_a_markdown_title_or_footnotes_is_not_markdown():
    assert not looks_like_markdown("# Library opens on Sundays\n\n**By Jane Roe**\n\nThe library will open.[1]\n\n[2]")
    assert not looks_like_markdown("One [link](https://ex.com/a) in a plain dump.\n\nAnother line.")
    assert not looks_like_markdown("")


def test_a_dump_is_read_as_markdown_when_asked_or_when_it_looks_it():
    assert dump_paragraphs("## Notes\n\n**Bold**", "markdown")[0] == "markdown"
    kind, paragraphs = dump_paragraphs("## Notes\n\n**Bold**", "text")
    assert kind == "text" and [p.text for p in paragraphs] == ["## Notes", "**Bold**"]
    kind, paragraphs = dump_paragraphs("[a](/a) [b](/b) [c](/c)", "text")
    assert kind == "markdown" and [p.text for p in paragraphs] == ["a b c"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n#*-_>|[]()!`~\\<>:=.1\t"), max_size=300))
def test_any_markdown_gives_paragraphs_with_words_and_no_error(raw):
    for para in markdown_paragraphs(raw):
        assert para.text and (para.code or any(char.isalnum() or char == "_" for char in para.text))
        assert para.code or "\n" not in para.text


# --- in the pipeline ---------------------------------------------------------------------------

PAGE = """[Skip to content](#main)
* [Home](https://ex.com/)
* [World](https://ex.com/world)

# Council approves new library budget

**By Jane Roe** | March 5, 2021

The council voted on Tuesday to fund the [central library](https://ex.com/lib), which will reopen on weekends.

![The library](https://ex.com/a.jpg)

Librarians said the change would help students who work during the week.
"""


def test_a_markdown_dump_is_cleaned_without_its_syntax_and_with_its_metadata():
    doc = Cleaner().clean(PAGE)
    assert doc.source_kind == "markdown"
    assert (doc.title, doc.author, doc.date) == ("Council approves new library budget", "Jane Roe", "2021-03-05")
    assert "to fund the central library, which" in doc.text
    assert "https" not in doc.text and "](" not in doc.text and "**" not in doc.text
    assert "Skip to content" in {removal.text for removal in doc.removed}


def test_kind_markdown_reads_a_dump_without_links_as_markdown():
    doc = Cleaner().clean("Notes on the **budget** vote.\n\n## What changes\n\nLonger hours.", kind="markdown")
    assert doc.source_kind == "markdown"
    assert doc.text == "Notes on the budget vote.\n\nWhat changes\n\nLonger hours."
    assert [block.kind for block in doc.structure()] == ["paragraph", "heading", "paragraph"]


def test_a_plain_dump_stays_text():
    doc = Cleaner().clean("Library opens on Sundays\n\nThe city library will open on Sundays from May.", kind="text")
    assert doc.source_kind == "text"
