"""trafilatura's internals that cleaner uses: its markup repairs, its readability copy, its result's tree.

parse.py repairs markup as trafilatura's loader does, with the loader's own regexes (utils:
DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS); extract.py asks readability-lxml for a second
opinion through trafilatura's bundled copy (external.try_readability) and reads the paragraphs
from the unserialised tree of bare_extraction's result (Document.body). None of these is
documented API. Checked against the pinned trafilatura (pyproject.toml); on a bump, re-run
tests/test_compat.py and tests/test_parse.py (the tree must still be trafilatura's), then the
golden files.

`extraction_options` builds bare_extraction's options (its documented `options` argument) once
and copies them per page with the page's URL set, as trafilatura's own command line does:
building them reads trafilatura's config and date settings each time (~0.3 ms a call). Their
output format is "txt", not "python": cleaner reads the body tree, and the python format would
also render it as text (~0.6 ms a page) for nothing.
"""

from __future__ import annotations

from copy import copy
from functools import lru_cache
from typing import Any

from lxml import etree
from trafilatura import bare_extraction
from trafilatura.external import try_readability
from trafilatura.settings import Document, Extractor
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


def extraction_options(url: str | None, include_comments: bool, favor_recall: bool = False) -> Extractor:
    """bare_extraction's options for one page: fast mode, tables, no metadata, no deduplication."""
    options = copy(_fast_options(include_comments, favor_recall))
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor spells it
    return options


@lru_cache(maxsize=4)
def _fast_options(include_comments: bool, favor_recall: bool) -> Extractor:
    """The options every page shares, built once (never handed out: each page gets a copy)."""
    return Extractor(
        output_format="txt",
        fast=True,
        recall=favor_recall,
        comments=include_comments,
        tables=True,
        dedup=False,
        with_metadata=False,
    )


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
    "extraction_options",
    "try_readability",
]
