"""Options for a Cleaner, fixed when it is built and shared by every document it cleans."""

from __future__ import annotations

from dataclasses import dataclass

INPUT_KINDS = ("auto", "html", "text")


@dataclass(frozen=True)
class Config:
    """Everything that changes how documents are cleaned; the CLI builds one from its flags."""

    rule_dirs: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    bundled_rules: bool = True
    input_kind: str = "auto"
    detect_language: bool = True
    include_comments: bool = False
    # Per-document time limit for worker processes; past it the worker is killed (issue 4). 0: none.
    max_seconds: float = 30.0

    def __post_init__(self) -> None:
        if self.input_kind not in INPUT_KINDS:
            raise ValueError(f"input_kind must be one of {', '.join(INPUT_KINDS)}, not {self.input_kind!r}")
