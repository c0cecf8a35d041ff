"""Output formats: a document as plain text, Markdown or XML, and an output record in each of them.

Plain text is `Document.text`. Markdown and XML show the body's blocks (headings, paragraphs,
lists, quotes, tables, code) in order; their text is the same text, cut into the same paragraphs.
The XML is a small schema close to trafilatura's: `<doc>` with the metadata as attributes and
the body in `<main>` as `<head rend="h2">`, `<p>`, `<list><item>`, `<quote>`, `<code>` and
`<table><row><cell>`.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from lxml import etree

from .document import Block, Document

# The metadata a Markdown front matter or an XML <doc> carries, in this order (trafilatura's names).
METADATA = ("title", "author", "date", "url", "hostname", "sitename", "language")
# What a CLI record adds around them: which input it is, and whether it failed and why.
RECORD_HEAD = ("source", "status")
RECORD_TAIL = ("error_kind", "error")
# The text formats and the file extension of each.
EXTENSIONS = {"txt": ".txt", "markdown": ".md", "xml": ".xml"}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
DEFAULT_HEADING_LEVEL = 2  # a heading whose markup gave no level: a section heading
# Characters XML 1.0 cannot hold (most C0 controls, lone surrogates, U+FFFE/FFFF): shown as U+FFFD.
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A paragraph opening like Markdown block syntax (heading, quote, list item, rule, fence, table,
# HTML, link definition): a backslash before its first character keeps it a paragraph.
_MD_BLOCK_START = re.compile(r"^(?:[#>*+=_`~|<\[-]|(\d+)([.)])(?=\s|$))")
_MD_CLOSING_HASHES = re.compile(r"(\s)(#+\s*)$")
_BACKTICKS = re.compile(r"`+")


def to_text(doc: Document) -> str:
    """The clean body text: exactly `doc.text`."""
    return doc.text


def to_markdown(doc: Document, front_matter: bool = False) -> str:
    """The body as Markdown, with the metadata as YAML front matter when asked."""
    body = markdown_body(doc.structure())
    if not front_matter:
        return body
    return markdown_front_matter({name: getattr(doc, name) for name in METADATA}) + ("\n" + body if body else "")


def to_xml(doc: Document) -> str:
    """The document as one `<doc>` element (no XML declaration, so lxml parses the string as is)."""
    return xml_string(xml_element({name: getattr(doc, name) for name in METADATA}, doc.structure()))


def markdown_front_matter(meta: dict[str, Any]) -> str:
    """The non-empty fields between `---` lines, as YAML that reads back to the same strings."""
    shown = {key: value for key, value in meta.items() if value is not None}
    dumped = yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=1_000_000) if shown else ""
    return f"---\n{dumped}---\n"


def markdown_body(blocks: list[Block]) -> str:
    """Each block in Markdown, blank lines between them; empty for an empty body.

    A list right after another list takes the other bullet (`*`), which is what keeps two lists
    apart in CommonMark; any other list uses `-`.
    """
    parts, bullet = [], "-"
    for previous, block in zip([None, *blocks], blocks, strict=False):
        after_list = previous is not None and previous.kind == "list"
        bullet = ("*" if bullet == "-" else "-") if after_list else "-"
        parts.append(_markdown_block(block, bullet))
    rendered = "\n\n".join(parts)
    return rendered + "\n" if rendered else ""


def _markdown_block(block: Block, bullet: str = "-") -> str:
    if block.kind == "heading":
        text = _MD_CLOSING_HASHES.sub(r"\1\\\2", block.text)
        return "#" * (block.level or DEFAULT_HEADING_LEVEL) + " " + text
    if block.kind == "list":
        return "\n".join(f"{bullet} " + escape_markdown(item) for item in block.items)
    if block.kind == "quote":
        return "> " + escape_markdown(block.text)
    if block.kind == "table":
        return _markdown_table(block.rows)
    if block.kind == "code":
        fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(block.text)), default=0))
        return f"{fence}\n{block.text}\n{fence}"
    return escape_markdown(block.text)


def escape_markdown(text: str) -> str:
    """A paragraph that opens like Markdown syntax (`# `, `- `, `1. `, `> `) stays a paragraph.

    Only the opening is escaped: inline characters (`*`, `_`, `[`) pass through, as in
    trafilatura's Markdown, so the text reads the same in the source and rendered.
    """
    match = _MD_BLOCK_START.match(text)
    if not match:
        return text
    if match.group(1):  # an ordered-list number: escape its dot or parenthesis
        return match.group(1) + "\\" + text[len(match.group(1)) :]
    return "\\" + text


def _markdown_table(rows: tuple[tuple[str, ...], ...]) -> str:
    """A GitHub pipe table: the first row as its header, short rows padded with empty cells."""
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(_cell(cell) for cell in (*row, *[""] * (width - len(row)))) + " |" for row in rows]
    lines.insert(1, "|" + " --- |" * width)
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def xml_element(meta: dict[str, Any], blocks: list[Block]) -> etree._Element:
    """`<doc>` with the non-empty metadata as attributes and the blocks inside `<main>`."""
    doc = etree.Element("doc")
    for key, value in meta.items():
        if value is not None:
            doc.set(key, _xml_safe(str(value)))
    main = etree.SubElement(doc, "main")
    for block in blocks:
        _xml_block(main, block)
    return doc


def _xml_block(main: etree._Element, block: Block) -> None:
    if block.kind == "list":
        element = etree.SubElement(main, "list")
        for item in block.items:
            _xml_child(element, "item", item)
    elif block.kind == "table":
        element = etree.SubElement(main, "table")
        for row in block.rows:
            row_element = etree.SubElement(element, "row")
            for cell in row:
                _xml_child(row_element, "cell", cell)
    elif block.kind == "heading":
        element = _xml_child(main, "head", block.text)
        if block.level is not None:
            element.set("rend", f"h{block.level}")
    else:
        _xml_child(main, {"quote": "quote", "code": "code"}.get(block.kind, "p"), block.text)


def _xml_child(parent: etree._Element, tag: str, text: str) -> etree._Element:
    child = etree.SubElement(parent, tag)
    child.text = _xml_safe(text)
    return child


def _xml_safe(text: str) -> str:
    """Text XML can hold: characters XML 1.0 forbids become U+FFFD (lxml escapes the rest)."""
    return _XML_INVALID.sub("\ufffd", text)


def xml_string(element: etree._Element) -> str:
    """An element as indented XML text, ending with a newline."""
    return etree.tostring(element, encoding="unicode", pretty_print=True)


def render_record(fmt: str, record: dict[str, Any]) -> str:
    """An output record (a document, or an error) in a text format, as the CLI writes it.

    txt is the text alone (empty for an error). Markdown opens with front matter and XML's
    `<doc>` carries attributes: source, status, the metadata, and for an error its kind and
    message, so a failed input stays visible in the output.
    """
    if fmt == "txt":
        return record.get("text") or ""
    meta = {key: record.get(key) for key in (*RECORD_HEAD, *METADATA, *RECORD_TAIL)}
    blocks = _record_blocks(record) if record.get("status") != "error" else []
    if fmt == "markdown":
        body = markdown_body(blocks)
        return markdown_front_matter(meta) + ("\n" + body if body else "")
    if fmt == "xml":
        return xml_string(xml_element(meta, blocks))
    raise ValueError(f"unknown text format {fmt!r}; expected one of {', '.join(EXTENSIONS)}")


def _record_blocks(record: dict[str, Any]) -> list[Block]:
    """The record's blocks (the runner adds them for these formats), else its text's paragraphs."""
    blocks = [Block.from_dict(block) for block in record.get("blocks") or ()]
    return Document(text=record.get("text") or "", blocks=blocks).structure()
