"""Check every rule against its own examples: what it must act on and what it must leave.

Each kind of rule checks itself (`Rule.check`): text rules run alone on the example's paragraphs,
DOM rules prune the example's HTML, built-in steps run their stage on the example's lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from .load import RuleSet
from .rule import Rule


@dataclass(frozen=True)
class RuleCheck:
    """The outcome of one rule's examples; `failures` is empty when the rule behaves."""

    rule: Rule
    failures: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.failures


def check_ruleset(ruleset: RuleSet) -> list[RuleCheck]:
    return [check_rule(rule) for rule in ruleset.all_rules()]


def check_rule(rule: Rule) -> RuleCheck:
    """Run the rule alone on each example and say which ones it got wrong."""
    return RuleCheck(rule, tuple(rule.check()))
