"""Every golden case's output matches its expected.json; `--update-golden` rewrites them."""

from __future__ import annotations

import re

import pytest

from golden import diff, load_cases, render

ALL_CASES = load_cases()
CASES = [case for case in ALL_CASES if case.meta is not None and case.input.exists()]


def test_golden_cases_exist():
    assert len(CASES) >= 15, "golden/ should hold the five seeds and at least ten HTML cases"


def test_every_case_has_an_input_and_a_case_file():
    broken = [case.id for case in ALL_CASES if case.meta is None or not case.input.exists()]
    assert not broken, "each golden/<case>/ needs input.txt or input.html and case.yml"


def test_case_ids_are_ascii_kebab():
    bad = [case.id for case in CASES if not re.fullmatch(r"[a-z0-9.-]+", case.id)]
    assert not bad


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_golden(case, cleaner, update_golden):
    actual = render(case.run(cleaner))
    if update_golden:
        case.expected_path.write_text(actual, encoding="utf-8")
        return
    assert case.expected_path.exists(), f"no expected.json for {case.id}: run pytest --update-golden"
    expected = case.expected_path.read_text(encoding="utf-8")
    assert actual == expected, "golden output changed:\n" + diff(expected, actual, case.id)


@pytest.mark.parametrize("case", [c for c in CASES if c.meta.get("keep")], ids=lambda c: c.id)
def test_body_sentences_survive(case, cleaner):
    text = " ".join(case.run(cleaner)["text"].split())
    missing = [sentence for sentence in case.meta["keep"] if " ".join(sentence.split()) not in text]
    assert not missing


@pytest.mark.parametrize("case", [c for c in CASES if c.meta.get("gone")], ids=lambda c: c.id)
def test_boilerplate_is_gone(case, cleaner):
    text = case.run(cleaner)["text"]
    left = [piece for piece in case.meta["gone"] if piece in text]
    assert not left


@pytest.mark.parametrize("case", [c for c in CASES if c.meta.get("known_left")], ids=lambda c: c.id)
def test_known_leftovers_are_still_there(case, cleaner):
    """Boilerplate no rule removes yet; when one does, move the piece from known_left to gone."""
    text = case.run(cleaner)["text"]
    fixed = [piece for piece in case.meta["known_left"] if piece not in text]
    assert not fixed, "now removed: move these from known_left to gone in case.yml"


@pytest.mark.parametrize("case", [c for c in CASES if c.meta.get("gone_paragraphs")], ids=lambda c: c.id)
def test_boilerplate_paragraphs_are_gone(case, cleaner):
    paragraphs = {p.strip() for p in case.run(cleaner)["text"].split("\n\n")}
    assert not paragraphs & set(case.meta["gone_paragraphs"])
