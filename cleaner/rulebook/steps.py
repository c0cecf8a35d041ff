"""The built-in steps as rules: ids, descriptions and examples in `steps.yaml`, one class per step.

A step is code, not a pattern (the headline finder, the dump header reader, the extraction edge
trim, the line model), but its removals carry a rule id like any other; as rules of the rule set
they are listed by `cleaner rules list`, checked on their examples by `cleaner rules test`, and
turned off by `--disable` or a group like any rule. The stages run them from the pipeline; the
steps' modules are imported only to check examples, so loading rules needs none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from ..document import Paragraph, Removal
from ..errors import RuleError
from .rule import Example, Rule, StepAction, acted_failure, short

Stage = Literal["headline", "header", "extraction", "line-model"]


@dataclass(frozen=True, kw_only=True)
class StepRule(Rule):
    """A built-in step named by `match: {step: STAGE}`; `action` is the kind its removals record."""

    matcher: ClassVar = "step"
    stage: ClassVar[Stage]
    action: ClassVar[StepAction]

    @classmethod
    def compile_spec(cls, where: str, rule_id: str, spec: Any, raw: dict[str, Any]) -> dict[str, Any]:
        if spec != cls.stage:
            raise RuleError(where, rule_id, "match.step", f"this step runs in the {cls.stage!r} stage")
        return {}

    def check_example(self, example: Example, should_match: bool) -> list[str]:
        """Run the step's stage on the example's lines; only this rule's removals count as acting."""
        paragraphs = [Paragraph(line) for line in example.text.split("\n\n")]
        kept, removed, captured = self.run(paragraphs)
        failures = acted_failure(any(r.rule == self.id for r in removed), should_match, example.text)
        if failures:
            return failures
        if example.result is not None:
            got = "\n\n".join(p.text for p in kept)
            if got != example.result:
                failures.append(f"on {short(example.text)} gave {got!r}, expected {example.result!r}")
        for name, want in (example.fields or {}).items():
            if captured.get(name) != want:
                failures.append(f"captured {name}={captured.get(name)!r} from {short(example.text)}, expected {want!r}")
        return failures

    def run(self, paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removal], dict[str, str]]:
        """The stage on these paragraphs: what it keeps, what it removes and the metadata it reads."""
        raise RuleError(self.path, self.id, "examples", f"the {self.stage} step has no example check")


@dataclass(frozen=True, kw_only=True)
class HeadlineStep(StepRule):
    """The headline, a kicker above it or a dek below it, taken out of the body as `title`."""

    stage: ClassVar = "headline"
    action: ClassVar = "title"

    def run(self, paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removal], dict[str, str]]:
        from ..headline import take_headline

        head = take_headline(paragraphs, None, None)
        return head.paragraphs, head.removed, {"title": head.title} if head.title else {}


@dataclass(frozen=True, kw_only=True)
class HeaderStep(StepRule):
    """Metadata lines at either end of a text dump, read into fields and out of the body."""

    stage: ClassVar = "header"
    action: ClassVar = "capture"

    def run(self, paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Removal], dict[str, str]]:
        from ..header import read_header

        header = read_header(paragraphs, None)
        fields: dict[str, str] = {}
        for found in header.captures:
            fields = {**found, **fields}  # the first reading of a field wins, as in the pipeline
        return header.paragraphs, header.removed, fields


@dataclass(frozen=True, kw_only=True)
class ExtractionStep(StepRule):
    """The edge trim of an HTML extraction; it needs a page and a second extractor, not lines."""

    stage: ClassVar = "extraction"
    action: ClassVar = "extract"


@dataclass(frozen=True, kw_only=True)
class LineModelStep(StepRule):
    """The learned line model's removals; its figures are in cleaner/models/MODEL_CARD.md."""

    stage: ClassVar = "line-model"
    action: ClassVar = "drop"


STEP_TYPES: tuple[type[StepRule], ...] = (HeadlineStep, HeaderStep, ExtractionStep, LineModelStep)
