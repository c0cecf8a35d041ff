"""Shared fixtures: one Cleaner for the whole session, and the golden-update switch."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner

REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden/*/expected.json from the current output; review with git diff")


@pytest.fixture(scope="session")
def cleaner() -> Cleaner:
    return Cleaner()


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))
