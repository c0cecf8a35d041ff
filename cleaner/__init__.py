"""cleaner: clean body text and metadata from crawled HTML pages and text dumps.

from cleaner import clean
doc = clean(html_bytes, url="https://example.com/story")
print(doc.title, doc.date, doc.text)
"""

from __future__ import annotations

from functools import lru_cache
from importlib import import_module
from typing import TYPE_CHECKING, Any

from .config import Config
from .document import Block, Document, Paragraph, Removal
from .errors import CleanerError, ConfigError, InputError, RuleError

if TYPE_CHECKING:
    from .learn import LearnConfig, LearnResult, learn_rules
    from .pipeline import Cleaner

# Imported on first use, so that `cleaner.rulebook` (loading and checking rules) works without the
# extraction stack (trafilatura) that the pipeline needs.
_LAZY = {"Cleaner": "pipeline", "LearnConfig": "learn", "LearnResult": "learn", "learn_rules": "learn"}

__all__ = [
    "Block",
    "Cleaner",
    "CleanerError",
    "Config",
    "ConfigError",
    "Document",
    "InputError",
    "LearnConfig",
    "LearnResult",
    "Paragraph",
    "Removal",
    "RuleError",
    "clean",
    "learn_rules",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def clean(data: bytes | str, url: str | None = None) -> Document:
    """Clean one page or dump with the bundled rules (the Cleaner is built once and reused)."""
    return _default_cleaner().clean(data, url=url)


@lru_cache(maxsize=1)
def _default_cleaner() -> Cleaner:
    from .pipeline import Cleaner

    return Cleaner()
