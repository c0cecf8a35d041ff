"""Script, style, JSON and template source that leaked into a page's text.

Extractors read text nodes; when markup is broken (an unclosed `<script>`, a `document.write`
of half a tag, a JSON blob in a `<div>`, a template the server never rendered), source code
arrives as a paragraph. No article paragraph reads like that, so such a paragraph never reaches
the body. Code an author shows on purpose sits in `<pre>`/`<code>` blocks, which the caller
exempts.
"""

from __future__ import annotations

import json
import re

# Code is dense in these characters; prose, even legal or technical prose, is not.
_CODE_CHARS = re.compile(r"[;{}=()<>\[\]$&+*/\\]")  # not "|": navigation bars use it
_WORD = re.compile(r"[^\W\d_]+")
# Words and forms that only source code uses.
_CODE_MARKERS = re.compile(
    r"\bfunction\s*\w*\s*\(|\b(?:var|let|const)\s+[\w$]+\s*=|\breturn\b[^.;]{0,200};|=>|===|!==|&&|"
    r"\bdocument\.\w+|\bwindow\.\w+|\.push\(|\bnew [A-Z]\w*\(|\btypeof\b|"
    r"\bif\s*\([^)]{0,200}\)\s*\{|\}\s*else\s*\{|\}\s*\)\s*;|\);\s*$|"
    r"^\s*@media\b|^\s*@import\b|!important\b"
)
_CSS_RULE = re.compile(r"[\w\-.#:\]\[>*, ]{1,80}\{\s*[\w-]{1,40}\s*:\s*[^;{}]{1,200};")  # bounded: linear time
_TEMPLATE = re.compile(r"\{\{[^{}]{0,200}\}\}|\{%[^{}]{0,200}%\}|<%[^%]{0,200}%>|\$\{[\w.]{1,80}\}")
MIN_CODE_CHARS = 40
# Code characters per letter-word: JavaScript runs at 1 and more, prose under 0.15.
MIN_CODE_DENSITY = 0.5
MIN_MARKERS = 2  # distinct ones: one symbol repeated in a formula is not code
MIN_CSS_RULES = 2
MIN_TEMPLATE_TAGS = 2


def looks_like_source(text: str) -> bool:
    """True for script, stylesheet, JSON or template source rather than words for a reader."""
    if len(text) < MIN_CODE_CHARS:
        return False
    braced = "{" in text  # JSON, CSS and templates all need one
    return (braced and (_is_json(text) or _is_css(text) or _is_template(text))) or _is_script(text)


def _is_json(text: str) -> bool:
    stripped = text.strip()
    if stripped[:1] not in "{[" or stripped[-1:] not in "}]":
        return False
    try:
        value = json.loads(stripped)
    except ValueError:
        return False
    # an object, or a list holding one: a quoted phrase in brackets is not data
    return isinstance(value, dict) or (isinstance(value, list) and any(isinstance(v, dict) for v in value))


def _is_css(text: str) -> bool:
    return len(_CSS_RULE.findall(text)) >= MIN_CSS_RULES


def _is_template(text: str) -> bool:
    return len(_TEMPLATE.findall(text)) >= MIN_TEMPLATE_TAGS and _density(text) >= MIN_CODE_DENSITY / 2


def _is_script(text: str) -> bool:
    if _density(text) < MIN_CODE_DENSITY:  # the cheaper test first: prose stops here
        return False
    markers = {match.group().strip() for match in _CODE_MARKERS.finditer(text)}
    return len(markers) >= MIN_MARKERS


def _density(text: str) -> float:
    return len(_CODE_CHARS.findall(text)) / max(len(_WORD.findall(text)), 1)
