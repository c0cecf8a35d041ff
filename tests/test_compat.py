"""Other libraries' private parts that cleaner uses (cleaner/compat/): the versions they were checked
against, and each part doing what cleaner relies on. A failure here after a dependency bump names
what to re-check before anything downstream is trusted."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml.html import HtmlElement, document_fromstring

from cleaner.compat import langdetect as ld
from cleaner.compat import readability as rd
from cleaner.compat import sre, trafilatura
from cleaner.parse import html_parser, parse_html

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
GOLDEN = PYPROJECT.parent / "golden"
ARTICLE = (
    "<html><body><nav><a href='/'>Home</a></nav><article>"
    + "".join(
        f"<p>Paragraph {n} of the story, long enough to read as prose: the council met on Tuesday and voted.</p>"
        for n in range(6)
    )
    + "</article></body></html>"
)


def _pinned(name: str) -> str:
    """The version pyproject.toml pins the dependency at."""
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    return next(dep.split("==")[1] for dep in dependencies if dep.split("==")[0].lower() == name)


@pytest.mark.parametrize(
    ("name", "checked", "recheck"),
    [
        (
            "trafilatura",
            trafilatura.CHECKED_VERSION,
            "cleaner/compat/trafilatura.py, tests/test_parse.py, golden files",
        ),
        ("langdetect", ld.CHECKED_VERSION, "cleaner/compat/langdetect.py, tests/test_lang.py"),
        ("readability-lxml", rd.CHECKED_VERSION, "cleaner/compat/readability.py against readability.readability"),
    ],
)
def test_installed_and_pinned_versions_are_the_checked_ones(name, checked, recheck):
    message = f"{name} is not the version its private parts were checked against ({checked}): re-check {recheck}"
    assert version(name) == checked, message
    assert _pinned(name) == checked, message


def test_python_is_one_whose_regex_parser_was_checked():
    assert sys.version_info[:2] in sre.CHECKED_PYTHONS, (
        f"Python {sys.version_info[0]}.{sys.version_info[1]}: re-check the re._parser shapes that "
        "cleaner/compat/sre.py lists (this test file), then add the version to CHECKED_PYTHONS"
    )


def test_regex_parser_reports_flags_and_groups():
    parsed = sre.parser.parse("(?i)(?P<label>also read)(x)")
    assert parsed.state.flags & 2  # re.IGNORECASE
    assert parsed.state.groups == 3  # one more than the groups, as patterns.py expects
    assert parsed.state.groupdict == {"label": 1}


def test_regex_parser_repeat_and_subpattern_shapes():
    op = sre.opcodes
    (sub_op, sub_av), (rep_op, rep_av), (open_op, open_av) = sre.parser.parse("(?i:a)b{2,5}c*?").data
    assert sub_op is op.SUBPATTERN and sub_av[0] is None and sub_av[1] & 2 and sub_av[3].data
    assert rep_op is op.MAX_REPEAT and rep_av[:2] == (2, 5) and rep_av[2].data == [(op.LITERAL, ord("b"))]
    assert open_op is op.MIN_REPEAT and open_av[:2] == (0, op.MAXREPEAT)


def test_regex_parser_assertion_branch_and_boundary_shapes():
    op = sre.opcodes
    ((ahead_op, ahead_av),) = sre.parser.parse("(?=a)").data
    ((behind_op, behind_av),) = sre.parser.parse("(?<!a)").data
    assert ahead_op is op.ASSERT and ahead_av[0] > 0 and ahead_av[1].data
    assert behind_op is op.ASSERT_NOT and behind_av[0] < 0
    ((branch_op, branch_av),) = sre.parser.parse("a|bc").data
    assert branch_op is op.BRANCH and [len(alt.data) for alt in branch_av[1]] == [1, 2]
    ((at_op, at_av),) = sre.parser.parse(r"\b").data
    assert at_op is op.AT and at_av is op.AT_BOUNDARY
    assert sre.parser.parse(r"\B").data == [(op.AT, op.AT_NON_BOUNDARY)]


def test_regex_parser_names_what_re2_lacks():
    op = sre.opcodes
    assert sre.parser.parse(r"(a)\1").data[1][0] is op.GROUPREF
    ((cond_op, cond_av),) = sre.parser.parse(r"(a)?(?(1)b|c)").data[1:]
    assert cond_op is op.GROUPREF_EXISTS and [branch.data for branch in cond_av[1:]]
    ((atomic_op, atomic_av),) = sre.parser.parse("(?>ab)").data
    assert atomic_op is op.ATOMIC_GROUP and len(atomic_av.data) == 2
    assert sre.parser.parse("a++").data[0][0] is op.POSSESSIVE_REPEAT


class _RecordingDetector(ld.Detector):
    """langdetect's own Detector, noting which of the overridden private steps its detect() runs."""

    def __init__(self, factory):
        super().__init__(factory)
        self.ran: list[str] = []

    def _detect_block(self):
        self.ran.append("_detect_block")
        return super()._detect_block()

    def cleaning_text(self):
        self.ran.append("cleaning_text")
        return super().cleaning_text()

    def _extract_ngrams(self):
        self.ran.append("_extract_ngrams")
        return super()._extract_ngrams()


@pytest.fixture(scope="module")
def langdetect_factory():
    from langdetect.detector_factory import DetectorFactory  # the public factory, to build langdetect's Detector

    factory = DetectorFactory()
    factory.load_profile(ld.PROFILES_DIRECTORY)
    return factory


def test_langdetect_detect_runs_the_private_steps_lang_overrides(langdetect_factory):
    detector = _RecordingDetector(langdetect_factory)
    detector.set_max_text_length(3000)
    detector.append("Le gouvernement a annoncé mardi un nouveau plan pour les transports publics.")
    assert detector.detect() == "fr"
    assert detector.ran == ["_detect_block", "cleaning_text", "_extract_ngrams"]
    missing = [name for name in ld.DETECTOR_METHODS if not callable(getattr(detector, name, None))]
    missing += [name for name in ld.DETECTOR_ATTRIBUTES if not hasattr(detector, name)]
    assert not missing, f"langdetect's Detector no longer has {missing}: re-check cleaner/lang.py"


def test_langdetect_profiles_have_the_keys_lang_reads():
    names = sorted(name for name in os.listdir(ld.PROFILES_DIRECTORY) if not name.startswith("."))
    with open(os.path.join(ld.PROFILES_DIRECTORY, names[0]), encoding="utf-8") as file:
        profile = json.load(file)
    assert set(ld.PROFILE_KEYS) <= set(profile)
    assert len(profile["n_words"]) == ld.NGram.N_GRAM == 3
    assert ld.NGram.normalize("A") == "A" and ld.NGram.normalize("1") == " "


def test_trafilatura_repair_regexes():
    assert trafilatura.DOCTYPE_TAG.sub("", "<!DOCTYPE html/>") == ""
    assert trafilatura.FAULTY_HTML.sub(r"\1>", "<html lang=en />") == "<html lang=en>"
    assert trafilatura.INVALID_XML_CHARS.sub("", "a\x00b\x0bc\ufffe\t\n") == "abc\t\n"


def test_trafilatura_readability_copy_reads_an_html_tree():
    summary = trafilatura.try_readability(document_fromstring(ARTICLE))
    assert isinstance(summary, HtmlElement)
    assert "Paragraph 5 of the story" in summary.text_content()


def test_trafilatura_extraction_result_holds_its_body_tree_in_the_tags_extract_reads():
    page = ARTICLE.replace(
        "</article>",
        (
            "<h2>What changes for drivers</h2><ul><li>First point of the plan</li><li>Second point</li></ul>"
            "<p>Line one<br>line two of the same paragraph, after a break in the markup.</p>"
            "<blockquote>A quotation from the mayor, who spoke at length about the vote.</blockquote>"
            "<table><tr><td>Cost</td><td>4 million</td></tr><tr><td>Years</td><td>3</td></tr></table></article>"
        ),
    )
    result = trafilatura.bare_extraction(
        parse_html(page, html_parser()), fast=True, with_metadata=False, include_tables=True
    )
    assert isinstance(result, trafilatura.Document)
    body = trafilatura.body_of(result)
    assert body is not None and body.tag == "body"
    assert {element.tag for element in body.iter()} == {"body", *trafilatura.BODY_TAGS}
    assert trafilatura.body_of(None) is None


def test_trafilatura_gives_reader_comments_in_their_own_tree() -> None:
    prose = "The council voted on Tuesday to close the old bridge for repairs next spring. " * 4
    page = (
        f"<html><body><article><p>{prose}</p></article>"
        '<div class="comments"><ul><li><p>Finally, the bridge has needed this work for years.</p></li></ul></div>'
        "</body></html>"
    )
    result = trafilatura.bare_extraction(
        parse_html(page, html_parser()), fast=True, with_metadata=False, include_comments=True
    )
    comments = trafilatura.comments_of(result)
    assert comments is not None and "needed this work" in "".join(comments.itertext())
    assert trafilatura.comments_of(None) is None


@pytest.mark.parametrize("include_comments", [False, True])
@pytest.mark.parametrize("favor_recall", [False, True])
def test_trafilatura_shared_options_extract_as_its_keyword_arguments_do(include_comments, favor_recall):
    page = ARTICLE.replace(
        "</article>",
        "<p>See <a href='/more'>more</a> and <img src='/a.jpg'></p></article>"
        '<div class="comments"><p>Finally, the bridge has needed this work for years.</p></div>',
    )
    url = "https://example.com/news/bridge"

    def bodies(result):
        trees = (trafilatura.body_of(result), trafilatura.comments_of(result) if include_comments else None)
        return [None if tree is None else etree.tostring(tree) for tree in trees]

    shared = trafilatura.bare_extraction(
        parse_html(page, html_parser()), options=trafilatura.extraction_options(url, include_comments, favor_recall)
    )
    keywords = trafilatura.bare_extraction(
        parse_html(page, html_parser()),
        url=url,
        fast=True,
        favor_recall=favor_recall,
        with_metadata=False,
        include_comments=include_comments,
        include_tables=True,
        deduplicate=False,
    )
    assert bodies(shared) == bodies(keywords)


def test_trafilatura_options_of_one_page_leave_the_next_pages_alone():
    first = trafilatura.extraction_options("https://example.com/a", include_comments=False)
    second = trafilatura.extraction_options(None, include_comments=False)
    assert (first.url, first.source) == ("https://example.com/a", "https://example.com/a")
    assert (second.url, second.source) == (None, None)
    assert first.format == "txt" and first.fast and not first.with_metadata


@given(st.text(alphabet=" \t\n\r\xa0\u2003ab,", max_size=600))
def test_readability_clean_collapses_white_space_as_the_librarys(text):
    from readability.readability import clean

    assert rd.clean(text) == clean(text)


@given(
    st.text(alphabet="ab, \n", max_size=400),
    st.text(alphabet=" \t\n\r\xa0\u2003", min_size=200, max_size=320),
    st.text(alphabet="ab, \n", max_size=400),
)
def test_readability_clean_shortens_long_white_space_runs_as_the_librarys(before, run, after):
    """Runs around the 255-character bound, anywhere in the text (the aligned-block precheck)."""
    from readability.readability import clean

    assert rd.clean(before + run + after) == clean(before + run + after)


TABLE_PAGE = (
    "<html><head><title>Old page</title><style>p {color: red}</style></head><body>"
    "<table><tr><td class='nav'><a href='javascript:go(1)' onclick='go(1)'>Home</a><br>"
    "<a href='/news'>News</a></td><td>"
    + "".join(
        f"<p>\n    Paragraph {n} of the story,\tlong enough  to read as prose: the council met on"
        f" Tuesday and\n  voted <a href='javascript:void(0)'>on the plan</a>.</p>"
        for n in range(5)
    )
    + "<div hidden>hidden text</div><div style='display:none'>invisible</div>"
    + " " * 300
    + "</td></tr></table><script>var x = 1;</script></body></html>"
)


@pytest.mark.parametrize("page", ["table", *sorted(p.parent.name for p in GOLDEN.glob("*/input.html"))])
def test_readability_document_reads_the_text_the_library_reads(page):
    """Same text of the summary (its links' javascript: targets and event attributes aside)."""
    from copy import deepcopy

    from readability import Document as LibraryDocument

    from cleaner.extract import _block_lines

    markup = TABLE_PAGE if page == "table" else (GOLDEN / page / "input.html").read_text(encoding="utf-8")
    tree = parse_html(markup, html_parser())
    texts = []
    for document in (LibraryDocument, rd.Document):
        summary = document(deepcopy(tree)).summary(html_partial=True)
        texts.append([p.text for p in _block_lines(document_fromstring(summary))])
    assert texts[0] == texts[1] and texts[0]
