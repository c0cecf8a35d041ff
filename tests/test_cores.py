"""A prefilter core matches wherever its branch does, and keeps only what a line must contain."""

from __future__ import annotations

import pytest
import re2
from hypothesis import assume, given
from hypothesis import strategies as st

from cleaner.patterns import to_re2, widened
from cleaner.rulebook.cores import branches, items, prefilter_branches, split_by_anchor
from cleaner.rulebook.load import load_ruleset
from cleaner.rulebook.text import TextRule

RULES = [rule for rule in load_ruleset().all_rules() if isinstance(rule, TextRule)]
# Patterns with a branch that scans the line, a group that scans, an optional or repeated group,
# or flags, in Python's syntax like the rules: hypothesis writes lines each matches.
SMALL_PATTERNS = [
    r"^[^\n]*(?i:ab)\s[^\n]*ba[^\n]*$",
    r"^[^.]+\((?i:a|b[^)]*)\)$",
    r"^[^.]+a(?:b[^.]*)?:b",
    r"^[^>]*(?:\s*>\s*[^>]+){2,3}$",
    r"^\s*(?:ab|ba)\s*:|^[^:]*:[^:]*b\.$",
    r"(?i)^[^\n]*ab",
    r"^(?:[^.!?\n]+[.!?]\s+)?(?i:ab|ba)\s(?:[^.!?\n]*\s)?b\.",
    r"^[^(]+\((?:a|b(?:a[^)]*|b))\)",
]


def test_a_branch_anchored_at_the_start_stays_as_it_is():
    assert prefilter_branches(r"^\s*(?i:also read|read more)\s*:") == [r"^\s*(?i:also read|read more)\s*:"]


def test_a_branch_that_scans_the_line_becomes_its_heaviest_run():
    assert prefilter_branches(r"^[^\n]*(?i:sign up)\s[^\n]*newsletter[^\n]*$") == ["newsletter"]


def test_a_scanning_group_at_the_end_of_a_run_is_cut_before_its_scan():
    assert prefilter_branches(r"^[^.]+\((?i:photo|courtesy[^)]*)\)$") == [r"\((?i:photo|courtesy)"]


def test_an_optional_group_is_not_cut_into_a_run():
    assert prefilter_branches(r"^[^.]+x(?:y[^.]*)?zz") == ["zz"]


def test_a_pattern_that_sets_flags_for_the_rest_stays_whole():
    assert prefilter_branches(r"(?i)^[^\n]*sign up") == [r"(?i)^[^\n]*sign up"]


def test_a_pattern_this_reading_cannot_follow_stays_whole():
    assert prefilter_branches(r"^[^\n]*(a[b") == [r"^[^\n]*(a[b"]
    assert prefilter_branches(r"^[^\n]*\x{41") == [r"^[^\n]*\x{41"]
    assert prefilter_branches(r"^[^\n]*a[^]") == [r"^[^\n]*a[^]"]  # a leading ']' is a member: no end
    assert prefilter_branches(r"^[^\n]*a[[:alpha]") == [r"^[^\n]*a[[:alpha]"]


def test_a_class_reads_its_leading_bracket_named_classes_and_escapes_as_members():
    assert items(r"[]a][^]|][[:alpha:]x][\x41][\]]x") == [
        ("[]a]", ""),
        ("[^]|]", ""),
        ("[[:alpha:]x]", ""),  # '[:' reads on to the first ':]'
        (r"[\x41]", ""),
        (r"[\]]", ""),
        ("x", ""),
    ]


def test_a_core_weighs_a_group_as_its_lightest_branch():
    assert prefilter_branches(r"^[^\n]*(?:abcdef|gh)[^\n]*xyz") == ["xyz"]
    assert prefilter_branches(r"^[^\n]*(?:abcdef|ghij)[^\n]*xyz") == ["(?:abcdef|ghij)"]


def test_branches_and_items_read_classes_escapes_and_groups_whole():
    assert branches(r"a[|]|\||(b|c)") == ["a[|]", r"\|", "(b|c)"]
    assert items(r"[^\]x]+?\x{2028}(?i:a|b){2,}\p{L}c") == [
        (r"[^\]x]", "+?"),
        (r"\x{2028}", ""),
        ("(?i:a|b)", "{2,}"),
        (r"\p{L}", ""),
        ("c", ""),
    ]


def test_branches_split_by_where_they_are_searched():
    assert split_by_anchor(["^a", "b", "^c"]) == (["^a", "^c"], ["b"])


@pytest.mark.parametrize("pattern", SMALL_PATTERNS)
@given(data=st.data())
def test_a_core_matches_wherever_its_pattern_does(pattern, data):
    line = data.draw(st.from_regex(pattern))  # lines the pattern matches, with text around them
    in_re2 = to_re2(pattern)  # as a rule's pattern reaches the prefilter
    assume(re2.search(in_re2, line))
    assert any(re2.search(core, line) for core in prefilter_branches(widened(in_re2)))


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_a_rule_s_cores_match_wherever_the_rule_does_on_its_examples(rule):
    cores = [re2.compile(core) for core in prefilter_branches(widened(rule.pattern.pattern))]
    for example in (*rule.must_match, *rule.must_keep):
        for text in example.text.split("\n\n"):
            assert any(core.search(text) for core in cores) or not rule.pattern.search(text)
