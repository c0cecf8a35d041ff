"""trafilatura's internals that cleaner uses: its markup repairs, its readability copy, its result's tree.

parse.py repairs markup as trafilatura's loader does, with the loader's own regexes (utils:
DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS); extract.py asks readability-lxml for a second
opinion through trafilatura's bundled copy (external.try_readability) and reads the paragraphs
from the unserialised tree of bare_extraction's result (Document.body). None of these is
documented API. Checked against the pinned trafilatura (pyproject.toml); on a bump, re-run
tests/test_compat.py and tests/test_parse.py (the tree must still be trafilatura's), then the
golden files.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.external import try_readability
from trafilatura.settings import Document
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS

CHECKED_VERSION = "2.3.1"
# The tags of trafilatura's output tree that extract.py reads (paragraphs_of and its helpers).
BODY_TAGS = ("p", "head", "quote", "list", "item", "table", "row", "cell", "lb")


def body_of(result: Document | dict[str, Any] | None) -> etree._Element | None:
    """The extracted body tree of bare_extraction's result; None when it found nothing.

    bare_extraction returns a Document unless asked for a dict (as_dict, which cleaner never
    asks for); its `body` holds the <body> of trafilatura's output format, <p>, <head>, <list>...
    """
    return result.body if isinstance(result, Document) else None


def comments_of(result: Document | dict[str, Any] | None) -> etree._Element | None:
    """The reader comments bare_extraction found (with include_comments), as a tree like `body_of`'s."""
    return result.commentsbody if isinstance(result, Document) else None


__all__ = [
    "BODY_TAGS",
    "CHECKED_VERSION",
    "DOCTYPE_TAG",
    "FAULTY_HTML",
    "INVALID_XML_CHARS",
    "Document",
    "bare_extraction",
    "body_of",
    "comments_of",
    "try_readability",
]
