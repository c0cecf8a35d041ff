"""Every shipped rule passes its own examples (`pytest -k also-read` runs one rule)."""

from __future__ import annotations

import pytest

from cleaner.ruleset import load_ruleset
from cleaner.ruletest import check_rule

RULES = load_ruleset().all_rules()


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_rule_examples(rule):
    check = check_rule(rule)
    assert check.ok, "\n".join(check.failures)


def test_a_rule_that_misses_its_example_fails(tmp_path):
    (tmp_path / "generic").mkdir()
    (tmp_path / "generic" / "x.yaml").write_text(
        "rules:\n"
        "  - id: generic.shout\n"
        "    description: drops shouting\n"
        "    match: {paragraph: '^[A-Z ]+$'}\n"
        "    action: drop\n"
        "    examples:\n"
        "      match: ['quiet words']\n"
        "      keep: ['LOUD']\n"
    )
    rule = load_ruleset([tmp_path], bundled=False).all_rules()[0]
    assert check_rule(rule).failures == ("did not match 'quiet words'", "matched 'LOUD'")
