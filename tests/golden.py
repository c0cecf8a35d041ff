"""Golden cases: golden/<case-id>/ holds input.(txt|html), case.yml and expected.json."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from cleaner import Cleaner

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


@dataclass(frozen=True)
class GoldenCase:
    """One golden case: its input file, its case.yml and where its expected output lives."""

    id: str
    input: Path
    meta: dict[str, Any] | None

    @property
    def expected_path(self) -> Path:
        return self.input.parent / "expected.json"

    def run(self, cleaner: Cleaner) -> dict[str, Any]:
        doc = cleaner.clean(self.input.read_bytes(), url=self.meta.get("url"))
        return doc.to_dict()


def load_cases() -> list[GoldenCase]:
    cases = []
    for directory in sorted(p for p in GOLDEN.iterdir() if p.is_dir()):
        inputs = sorted(directory.glob("input.*"))
        case_file = directory / "case.yml"
        meta = yaml.safe_load(case_file.read_text(encoding="utf-8")) if case_file.exists() else None
        cases.append(GoldenCase(directory.name, inputs[0] if inputs else directory / "input", meta))
    return cases


def render(document: dict[str, Any]) -> str:
    """The stable text form of an expected output: sorted keys, two-space indent, UTF-8."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def diff(expected: str, actual: str, case_id: str) -> str:
    lines = difflib.unified_diff(
        expected.splitlines(keepends=True),
        actual.splitlines(keepends=True),
        f"golden/{case_id}/expected.json",
        "actual",
    )
    return "".join(lines)
