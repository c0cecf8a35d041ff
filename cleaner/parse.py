"""HTML text to the one lxml tree that pruning, extraction and page metadata all read.

trafilatura's own loader parses with lxml.html's parser, whose element-class lookup calls back
into Python every time lxml hands out an element (to give <form> and <input> their own
classes). Extraction walks the tree many times, so those callbacks are a noticeable share of
cleaner's time (benchmarks/README.md). This parser gives every element the plain HtmlElement
class in C; nothing downstream uses the form classes, and tests/test_parse.py checks the trees
are trafilatura's. Otherwise it parses as trafilatura's loader does: same options, same repairs.
"""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring

from .compat.trafilatura import DOCTYPE_TAG, FAULTY_HTML, INVALID_XML_CHARS
from .errors import TooDeepError

LOG = logging.getLogger(__name__)
# trafilatura's test for a fragment or a non-HTML text: no "html" in the first 50 characters,
# and fewer than two children once parsed.
SNIFF_CHARS = 50
# The C0 control characters XML forbids (all but tab, newline and carriage return): trafilatura
# deletes them, and U+FFFE and U+FFFF, before parsing (INVALID_XML_CHARS).
_CONTROL_BYTES = bytes(byte for byte in range(0x20) if byte not in b"\t\n\r")
# libxml2 stops building the tree (and drops the rest of the page) past 256 levels, or 2048 with
# huge_tree; it says so in the parser's error log.
_TOO_DEEP = "Excessive depth"
# Past that depth, the tags that only wrap other content are dropped: inline ones vanish, block
# ones become paragraph breaks, so the text is kept in order on a flat tree.
_INLINE_TAG = re.compile(r"</?(?:span|font|b|i|u|em|strong|small|big|a|abbr|cite|code|q|s|sub|sup)\b[^>]*>", re.I)
_BLOCK_TAG = re.compile(
    r"</?(?:div|section|article|main|aside|header|footer|nav|center|blockquote|table|tbody|thead|tr|td|th"
    r"|ul|ol|li|dl|dt|dd|form|fieldset|figure|p)\b[^>]*>",
    re.I,
)
_ANY_TAG = re.compile(r"<[A-Za-z!?/]")


def html_parser() -> etree.HTMLParser:
    """A parser with trafilatura's options and a C-level element lookup; one per Cleaner.

    lxml parsers should not be shared between threads, so each Cleaner holds its own. huge_tree
    lifts libxml2's depth limit from 256 to 2048 levels: deeper content would be dropped unsaid.
    """
    parser = etree.HTMLParser(
        collect_ids=False,
        default_doctype=False,
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        huge_tree=True,
    )
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


def parse_html(text: str, parser: etree.HTMLParser) -> HtmlElement | None:
    """The page's tree rooted at <html>, or None when the text holds no markup at all.

    A page parses as trafilatura's load_html does; a fragment (one <p>, a <div> soup, SVG or
    XML) is parsed as the body of a document. Markup nested past libxml2's depth limit is
    flattened and parsed again; TooDeepError if even that is too deep.
    """
    beginning = text[:SNIFF_CHARS].lower()
    text = repair_markup(text, beginning)
    tree = _parse(text, parser)
    if tree is None or len(tree) < 1:
        # a str with an XML encoding declaration, or one libxml2 gave up on: parse the bytes
        tree = _parse(text.encode("utf-8", "surrogatepass"), parser)
    if _too_deep(parser):
        text = _INLINE_TAG.sub("", _BLOCK_TAG.sub("<p>", text))
        tree = _parse(text, parser)
        if _too_deep(parser):
            raise TooDeepError("markup nests deeper than 2048 levels even with its wrapper tags removed")
    if tree is not None and tree.tag != "html" and _ANY_TAG.search(text):
        tree = _parse_document(text, parser)
    if tree is None or ("html" not in beginning and len(tree) < 2 and tree.tag != "html"):
        return None
    return tree


def _too_deep(parser: etree.HTMLParser) -> bool:
    return any(_TOO_DEEP in entry.message for entry in parser.error_log)


def _parse(markup: str | bytes, parser: etree.HTMLParser) -> HtmlElement | None:
    try:
        # the stubs want lxml.html's parser; this one gives HtmlElements too (its lookup, html_parser)
        return fromstring(markup, parser=parser)  # type: ignore[arg-type]
    except (ValueError, etree.LxmlError) as err:
        LOG.debug("lxml could not parse the %s: %s", type(markup).__name__, err)
        return None


def _parse_document(text: str, parser: etree.HTMLParser) -> HtmlElement | None:
    """A fragment as a whole document: libxml2 puts it in <html><body>."""
    try:
        # etree's fromstring is typed _Element; the parser's lookup makes every element an HtmlElement
        return etree.fromstring(text.encode("utf-8", "surrogatepass"), parser=parser)  # type: ignore[return-value]
    except (ValueError, etree.LxmlError) as err:
        LOG.debug("lxml could not parse the fragment: %s", err)
        return None


def repair_markup(text: str, beginning: str) -> str:
    """trafilatura's repairs before parsing: no XML-invalid characters, no doctype or <html/> lxml chokes on.

    The same result as trafilatura's repair_faulty_html; a regex scan of the whole page for the
    invalid characters costs about a millisecond and real pages almost never hold one, so the
    page is checked as UTF-8 bytes (a C loop) and scanned only when it has one.
    """
    if _has_invalid_xml_chars(text):
        text = INVALID_XML_CHARS.sub("", text)
    if "doctype" in beginning:
        first_line, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


def _has_invalid_xml_chars(text: str) -> bool:
    data = text.encode("utf-8", "surrogatepass")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return bool(controls) or "\ufffe" in text or "\uffff" in text
