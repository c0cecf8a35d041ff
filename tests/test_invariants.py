"""Invariants: idempotent on text, no invented text, golden keep-lists survive, one record each."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, Config
from cleaner.cli import main as cli_main

REPO = Path(__file__).resolve().parent.parent
SEEDS = sorted((REPO / "tests" / "data" / "seeds").glob("*.txt"))
LINES = [
    "The council voted on Tuesday to approve the budget.",
    "The harbour board approved the plan after two years of talks with shipping lines, unions and the city, "
    "which had pressed for cleaner air near the docks.",
    "By Jane Roe | 12 March 2024",
    "ALSO READ: Ten things to know",
    "Share this",
    "(File)",
    ".",
    "[1]",
    "Tags",
    "Read more",
    "© 2024 Example News. All rights reserved.",
    "Leave a comment",
    "Jane Roe on March 5, 2021 at 4:12 pm said:",
    "Title: A story",
    "Residents said the plan was overdue.",
    "Image credit: Reuters",
    "مرحبا بالعالم.",
    "Zürich’s café reopened — finally…",
    "",
]
DUMPS = st.lists(st.sampled_from(LINES), min_size=1, max_size=25).map("\n".join)


# The tests here never read the language: conftest's `cleaner` skips langdetect.
DETECT_LANGUAGE = False


def is_subsequence(small: str, big: str) -> bool:
    """True when every character of `small` appears in `big`, in order."""
    chars = iter(big)
    return all(char in chars for char in small)


def squeezed(text: str) -> str:
    """Without whitespace: whitespace normalisation and rejoined punctuation are allowed."""
    return re.sub(r"\s+", "", text)


def clean_text(cleaner: Cleaner, text: str) -> str | None:
    try:
        return cleaner.clean(text, kind="text").text
    except CleanerError:
        return None


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_cleaning_the_clean_text_changes_nothing(cleaner, seed):
    once = clean_text(cleaner, seed.read_text(encoding="utf-8"))
    assert once and clean_text(cleaner, once) == once


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_no_text_is_invented(cleaner, seed):
    source = seed.read_text(encoding="utf-8")
    assert is_subsequence(squeezed(clean_text(cleaner, source)), squeezed(source))


# The line model reads each line against the page around it, so a page-like dump it has cut may
# read differently without the lines it took (README: a second pass over AEB's whole-page dumps
# changes some); every other step must find nothing more.
NO_MODEL = Cleaner(Config(detect_language=False, line_model=False))


@given(DUMPS)
def test_idempotent_on_generated_dumps(dump):
    """Every step but the line model, the headline step included, finds nothing more in text it has cleaned."""
    once = clean_text(NO_MODEL, dump)
    if once:
        assert clean_text(NO_MODEL, once) == once


@given(DUMPS)
def test_a_second_pass_with_the_line_model_only_removes(cleaner, dump):
    once = clean_text(cleaner, dump)
    if once:
        assert is_subsequence(squeezed(clean_text(cleaner, once) or ""), squeezed(once))


@given(DUMPS)
def test_no_invented_text_in_generated_dumps(cleaner, dump):
    once = clean_text(cleaner, dump)
    if once:
        assert is_subsequence(squeezed(once), squeezed(dump))


@given(DUMPS)
def test_no_invented_text_from_html(cleaner, dump):
    body = "".join(f"<p>{line}</p>" for line in dump.split("\n"))
    try:
        doc = cleaner.clean(f"<html><body><article>{body}</article></body></html>", kind="html")
    except CleanerError:
        return
    assert is_subsequence(squeezed(doc.text), squeezed(dump))


@settings(max_examples=8)  # each example starts the CLI, which loads the rules and models
@given(st.lists(st.one_of(st.binary(max_size=300), DUMPS.map(str.encode)), min_size=1, max_size=8))
def test_every_input_yields_exactly_one_record(tmp_path_factory, inputs):
    folder = tmp_path_factory.mktemp("in")
    for index, data in enumerate(inputs):
        (folder / f"{index:03d}.txt").write_bytes(data)
    out = tmp_path_factory.mktemp("out") / "out.jsonl"  # outside the input tree, which clean requires
    cli_main(["clean", str(folder), "-o", str(out), "--format", "jsonl"])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(Path(r["source"]).name for r in records) == [f"{index:03d}.txt" for index in range(len(inputs))]
