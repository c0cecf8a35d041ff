"""The rule prefilter only ever skips paragraphs a rule's own pattern cannot match."""

from __future__ import annotations

import pytest
import re2

from cleaner.document import Paragraph
from cleaner.patterns import widened
from cleaner.rulebook.load import load_ruleset
from cleaner.rulebook.prefilter import RulePrefilter, set_branches
from cleaner.rulebook.text import TextRule, apply_text_rules
from golden import GOLDEN

RULES = [rule for rule in load_ruleset().all_rules() if isinstance(rule, TextRule)]
PREFILTER = RulePrefilter(RULES)


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_prefilter_agrees_with_each_rule_on_its_examples(rule):
    for example in (*rule.must_match, *rule.must_keep):
        for text in example.text.split("\n\n"):
            assert PREFILTER.may_match(rule, text, {}) or not rule.pattern.search(text)


def test_prefilter_skips_paragraphs_no_rule_can_match():
    also_read = next(rule for rule in RULES if rule.id == "generic.also-read")
    assert not PREFILTER.may_match(also_read, "The council met on Tuesday.", {})


def test_candidates_name_only_the_rules_whose_pattern_a_paragraph_holds():
    texts = ["ALSO READ| Bill Gates wants Elon Musk to speak", "The council met on Tuesday."]
    found = PREFILTER.candidates(texts, {})
    assert "generic.also-read" in found
    assert "generic.also-read" not in PREFILTER.candidates(texts[1:], {})


@pytest.mark.parametrize("seed", sorted(GOLDEN.glob("seed-*/input.txt")), ids=lambda p: p.parent.name)
def test_prefiltered_pass_equals_the_plain_pass(seed):
    paragraphs = [Paragraph(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    plain = apply_text_rules(paragraphs, RULES)
    filtered = apply_text_rules(paragraphs, RULES, PREFILTER)
    assert (filtered.paragraphs, filtered.removed, filtered.captures) == (
        plain.paragraphs,
        plain.removed,
        plain.captures,
    )


def test_rules_too_large_for_one_set_still_apply_without_the_prefilter(monkeypatch):
    monkeypatch.setattr("cleaner.rulebook.prefilter.SET_MAX_MEM", 1 << 16)
    prefilter = RulePrefilter(RULES)
    assert all(prefilter.may_match(rule, "The council met on Tuesday.", {}) for rule in RULES)
    paragraphs = [Paragraph("ALSO READ| Bill Gates wants Elon Musk to speak"), Paragraph("The council met.")]
    assert apply_text_rules(paragraphs, RULES, prefilter).paragraphs == [Paragraph("The council met.")]


def test_a_site_prefilter_on_the_generic_base_agrees_with_the_plain_pass():
    generic = [rule for rule in RULES if rule.id.startswith("generic.")]
    site = RulePrefilter(RULES, base=RulePrefilter(generic))
    for seed in sorted(GOLDEN.glob("seed-*/input.txt")):
        paragraphs = [Paragraph(line) for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
        plain, filtered = apply_text_rules(paragraphs, RULES), apply_text_rules(paragraphs, RULES, site)
        assert (filtered.paragraphs, filtered.removed) == (plain.paragraphs, plain.removed)


def test_a_widened_pattern_opens_long_counted_repeats_and_keeps_the_rest():
    assert widened(r"^[^\n]{0,90}[?!]x") == r"^[^\n]*[?!]x"
    assert widened(r"^a.{2,400}?b|c{5,}") == r"^a.+?b|c+"
    assert widened(r"a{4}b{1,3}\{1,30\}") == r"a{4}b{1,3}\{1,30\}"  # exact and short counts, escaped braces
    assert widened(r"[\x{2000}-\x{200a}{]{3}\p{L}{0,12}") == r"[\x{2000}-\x{200a}{]{3}\p{L}*"


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_a_widened_pattern_matches_wherever_the_rule_does(rule):
    wide = re2.compile(widened(rule.pattern.pattern))
    for example in (*rule.must_match, *rule.must_keep):
        for text in example.text.split("\n\n"):
            assert wide.search(text) or not rule.pattern.search(text)


def test_what_the_sets_hold_for_a_pattern_is_kept_and_equals_a_fresh_reading():
    for rule in RULES:
        pattern = rule.pattern.pattern
        assert set_branches(pattern) is set_branches(pattern)
        assert set_branches(pattern) == set_branches.__wrapped__(pattern)
