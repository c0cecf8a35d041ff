"""Check every rule against its own examples: what it must act on and what it must leave."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from .document import Paragraph
from .rules import apply_text_rules
from .ruleset import Example, Rule, RuleSet
from .split import split_paragraphs


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
    check = _check_selector if rule.matcher == "selector" else _check_text
    failures = [f for example in rule.must_match for f in check(rule, example, True)]
    failures += [f for example in rule.must_keep for f in check(rule, example, False)]
    return RuleCheck(rule, tuple(failures))


def _check_selector(rule: Rule, example: Example, should_match: bool) -> list[str]:
    tree = lxml.html.fromstring(example.text)
    assert rule.selector is not None  # a selector rule always has one
    found = bool(rule.selector(tree))
    if found == should_match:
        return []
    return [f"{'did not match' if should_match else 'matched'} {_short(example.text)}"]


def _check_text(rule: Rule, example: Example, should_match: bool) -> list[str]:
    paragraphs = split_paragraphs(example.text) or [Paragraph(example.text)]
    state = apply_text_rules(paragraphs, [rule])
    acted = bool(state.removed)
    if acted != should_match:
        return [f"{'did not match' if should_match else 'matched'} {_short(example.text)}"]
    failures = []
    if example.result is not None:
        got: str | None = "\n\n".join(p.text for p in state.paragraphs)
        if got != example.result:
            failures.append(f"on {_short(example.text)} gave {got!r}, expected {example.result!r}")
    for name, want in (example.fields or {}).items():
        got = next((found[name] for found in state.captures if name in found), None)
        if got != want:
            failures.append(f"captured {name}={got!r} from {_short(example.text)}, expected {want!r}")
    return failures


def _short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")
