"""Shared fixtures: one Cleaner per language setting per session, the golden-update switch, hypothesis profiles.

Hypothesis is bounded in CI (env CI set), a little wider locally, long for the report.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from cleaner import Cleaner, Config

REPO = Path(__file__).resolve().parent.parent

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
_COMMON = {"deadline": None, "suppress_health_check": _SLOW_OK}
settings.register_profile("ci", max_examples=50, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=100, **_COMMON)
settings.register_profile("fuzz", max_examples=5000, **_COMMON)
_DEFAULT = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _DEFAULT)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite golden/*/expected.json from the current output; review with git diff",
    )


@pytest.fixture(scope="session")
def _cleaners() -> dict[bool, Cleaner]:
    """The Cleaners built so far, by language setting: each compiles the rules once a session."""
    return {}


@pytest.fixture(scope="module")
def cleaner(request: pytest.FixtureRequest, _cleaners: dict[bool, Cleaner]) -> Cleaner:
    """A Cleaner with the default Config; a module whose tests never read the language sets
    `DETECT_LANGUAGE = False` and gets one that skips langdetect (faster)."""
    detect = getattr(request.module, "DETECT_LANGUAGE", True)
    if detect not in _cleaners:
        _cleaners[detect] = Cleaner(Config(detect_language=detect))
    return _cleaners[detect]


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
