"""Hypothesis profiles: bounded in CI (env CI set), a little wider locally, long for the report."""

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
_COMMON = {"deadline": None, "suppress_health_check": _SLOW_OK}
settings.register_profile("ci", max_examples=50, derandomize=True, **_COMMON)
settings.register_profile("dev", max_examples=100, **_COMMON)
settings.register_profile("fuzz", max_examples=5000, **_COMMON)
_DEFAULT = "ci" if os.environ.get("CI") else "dev"
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or _DEFAULT)
