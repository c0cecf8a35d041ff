"""Splitting dumps into paragraphs, whatever their line endings and paragraph separators."""

from __future__ import annotations

from cleaner.split import split_paragraphs


def texts(raw):
    return [p.text for p in split_paragraphs(raw)]


def test_blank_lines_separate_paragraphs():
    assert texts("One.\n\nTwo.\n\n\nThree.") == ["One.", "Two.", "Three."]


def test_single_newlines_separate_paragraphs():
    assert texts("One.\nTwo.\nThree.") == ["One.", "Two.", "Three."]


def test_crlf_and_lone_cr_are_line_breaks():
    assert texts("One.\r\n\r\nTwo.\rThree.") == ["One.", "Two.", "Three."]


def test_surrounding_whitespace_and_space_runs_are_trimmed():
    assert texts("  date 2024-07-25  Title  \n\t") == ["date 2024-07-25 Title"]


def test_no_break_spaces_are_kept():
    assert texts("Read next:\u00a0Story") == ["Read next:\u00a0Story"]


def test_hard_wrapped_prose_is_rejoined():
    raw = (
        "The committee met on Tuesday to discuss the budget for the coming\n"
        "year, and agreed after a long debate that spending on roads should\n"
        "rise by four per cent.\n\nNext paragraph."
    )
    assert texts(raw) == [
        "The committee met on Tuesday to discuss the budget for the coming year, and agreed after a "
        "long debate that spending on roads should rise by four per cent.",
        "Next paragraph.",
    ]


def test_short_lines_in_one_block_stay_apart():
    assert texts("© 2025 Example Ltd\nInstagram logo\nLinkedIn logo") == [
        "© 2025 Example Ltd",
        "Instagram logo",
        "LinkedIn logo",
    ]
