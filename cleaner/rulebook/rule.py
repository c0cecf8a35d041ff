"""What every rule is, whatever it matches: an id, a description, examples, a group.

Each kind of rule is a class of its own (text rules in `text`, DOM rules in `dom`, the built-in
steps in `steps`) that compiles its `match:` spec, applies itself and checks itself on its
examples; `load` picks the class from the rule file's matcher and action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ..errors import RuleError
from ..patterns import Pattern, PatternError, compile_pattern

Matcher = Literal["paragraph", "inline", "block", "selector", "step"]
TextAction = Literal[
    "drop",
    "drop-to-end",
    "drop-with-list",
    "drop-trailer",
    "drop-tail",
    "drop-thread",
    "drop-below-body",
    "drop-with-caption",
    "capture",
    "join-previous",
    "strip",
]
DomAction = Literal["drop"]
# The kind a built-in step records with its removals.
StepAction = Literal["title", "capture", "extract", "drop"]
Action = TextAction | DomAction | StepAction


@dataclass(frozen=True)
class Example:
    """A text a rule must (or must not) act on; `result` and `fields` pin what it does."""

    text: str
    result: str | None = None
    fields: dict[str, str] | None = None


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One compiled rule; subclasses say what it matches (`matcher`) and does (`action`)."""

    matcher: ClassVar[Matcher]
    action: ClassVar[Action]
    # Keys of a rule mapping this kind of rule accepts besides the common ones.
    extra_keys: ClassVar[frozenset[str]] = frozenset()

    id: str
    description: str
    must_match: tuple[Example, ...] = ()
    must_keep: tuple[Example, ...] = ()
    path: str = ""
    group: str | None = None

    @property
    def kind(self) -> str:
        """The kind recorded with each removal."""
        return self.action

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        """The compiled fields of this kind of rule from its `match:` value and extra keys."""
        raise NotImplementedError

    def check(self) -> list[str]:
        """What the rule got wrong on its own examples; empty when it behaves."""
        failures = [f for example in self.must_match for f in self.check_example(example, True)]
        return failures + [f for example in self.must_keep for f in self.check_example(example, False)]

    def check_example(self, example: Example, should_match: bool) -> list[str]:
        raise NotImplementedError


def acted_failure(acted: bool, should_match: bool, text: str) -> list[str]:
    """The failure when a rule acted on a keep example or left a match example alone."""
    if acted == should_match:
        return []
    return [f"{'did not match' if should_match else 'matched'} {short(text)}"]


def compile_regex(where: str, rule_id: str | None, key: str, pattern: Any) -> Pattern:
    """A pattern compiled on RE2, or a RuleError naming file, rule and key."""
    if not isinstance(pattern, str) or not pattern:
        raise RuleError(where, rule_id, key, "a pattern is a non-empty string")
    try:
        return compile_pattern(pattern)
    except PatternError as err:
        raise RuleError(where, rule_id, key, str(err)) from None


def short(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1] + "…")


def one_line(err: Exception) -> str:
    return " ".join(str(err).split())
