"""Turn input bytes into text and tell HTML from plain text.

A BOM wins, then valid UTF-8, then the charset the transport declares (a WARC response's HTTP
Content-Type header), then the one the page declares (meta charset), then detection
(charset-normalizer); binary input, or bytes no charset decodes, are refused in one line.
Declared labels are read as browsers read them (WHATWG Encoding): `iso-8859-1` means windows-1252.
Gzip input is decompressed first, within the size limit; oversized input is refused unread.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections import Counter

import charset_normalizer
from bs4.dammit import EncodingDetector

from .errors import InputError, TooLargeError
from .io.gzipstream import CHUNK_BYTES, GzipReader
from .limits import check_size, describe_bytes, is_gzip

LOG = logging.getLogger(__name__)
SNIFF_BYTES = 4096
MAX_CONTROL_SHARE = 0.05
DETECT_BYTES = 65536
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html|<head|<body|<\?xml|<!--)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|br|span|a|article|section|h[1-6]|ul|li|table|meta|title)\b[^>]*>", re.I)
MIN_TAGS_FOR_HTML = 3
# UTF-16 or UTF-32 without a BOM shows in where its zero bytes fall: ASCII markup, spaces and digits
# carry one zero per character in UTF-16, three in UTF-32; one byte position has them, the other not.
MIN_WIDE_ZERO_SHARE = 0.05
MAX_NARROW_ZERO_SHARE = 0.02
# ...and, decoded, it keeps to a few 256-character blocks of Unicode (Latin, Cyrillic, Greek with
# ASCII and punctuation), where binary data read the same way scatters over hundreds.
WIDE_BLOCKS = 3
MIN_WIDE_BLOCK_SHARE = 0.9
# Labels browsers decode as a superset codec (WHATWG Encoding Standard, "labels"): pages declared
# latin-1 are written in windows-1252 (curly quotes at 0x93/0x94), and so on.
_BROWSER_CODECS = {
    **dict.fromkeys(
        (
            "iso-8859-1",
            "iso8859-1",
            "iso_8859-1",
            "latin1",
            "latin-1",
            "l1",
            "cp819",
            "ibm819",
            "us-ascii",
            "ascii",
            "iso-ir-100",
            "csisolatin1",
        ),
        "cp1252",
    ),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("gb2312", "gbk", "x-gbk"), "gb18030"),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987"), "cp949"),
    **dict.fromkeys(("shift_jis", "shift-jis", "sjis", "x-sjis"), "cp932"),
    **dict.fromkeys(("tis-620", "iso-8859-11"), "cp874"),
}


def decode(
    data: bytes | str,
    looks_html: bool | None = None,
    max_bytes: int | None = None,
    max_decompressed: int | None = None,
    declared: str | None = None,
) -> str:
    """Text from bytes or str; raises InputError for empty, binary, oversized or undecodable input.

    `max_bytes` bounds the input (characters for str) and what a gzip input expands to; `declared`
    is a charset the transport gave (an HTTP header), which outranks the page's own declaration.
    """
    if isinstance(data, str):
        check_size(len(data), max_bytes)
        text = data
    elif isinstance(data, bytes | bytearray | memoryview):
        text = _decode_bytes(_gunzip(bytes(data), max_bytes, max_decompressed), looks_html, declared)
    else:
        raise InputError(f"expected bytes or str, got {type(data).__name__}")
    text = _without_surrogates(text.lstrip("\ufeff"))
    if not text or text.isspace():
        raise InputError("empty input: nothing but whitespace")
    _refuse_binary(text)
    return text


def sniff_kind(text: str) -> str:
    """'html' when the text is markup, else 'text' (a crawler's extracted dump)."""
    head = text[:SNIFF_BYTES]
    if _HTML_START.match(head):
        return "html"
    if head.lstrip().startswith("<") and _HTML_TAG.search(head):
        return "html"
    return "html" if len(_HTML_TAG.findall(head)) >= MIN_TAGS_FOR_HTML else "text"


def _without_surrogates(text: str) -> str:
    """Lone surrogates, which no encoder accepts, become U+FFFD.

    Encoding to UTF-8 fails only on a surrogate and takes a fraction of the time of a regex scan
    over the page, so the scan only runs on text that has one.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)
    return text


def _gunzip(data: bytes, max_bytes: int | None, max_decompressed: int | None) -> bytes:
    """Gzip input (a saved Content-Encoding: gzip body) expands only as far as the limits allow;
    bytes after a complete gzip stream are ignored, a truncated or corrupt one is refused."""
    check_size(len(data), max_bytes)
    if not is_gzip(data):
        return data
    limits = [limit for limit in (max_bytes, max_decompressed) if limit is not None]
    limit = min(limits) if limits else None
    reader = GzipReader(io.BytesIO(data))
    content = io.BufferedReader(reader, CHUNK_BYTES).read(-1 if limit is None else limit + 1)
    if limit is not None and len(content) > limit:
        raise TooLargeError(f"gzip input expands past the limit of {describe_bytes(limit)}")
    if reader.lost_content:
        raise InputError(reader.damage)
    if reader.damage:
        LOG.warning("%s; the complete gzip data before it is used", reader.damage)
    return content


def _decode_bytes(data: bytes, looks_html: bool | None, transport: str | None = None) -> str:
    """BOM, then valid UTF-8, then the transport's charset, then the page's declared one, then detection."""
    if not data or data.isspace():
        raise InputError("empty input: nothing but whitespace")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    wide = _strict(data, _wide_encoding(data[:SNIFF_BYTES]))
    if wide is not None and _few_blocks(wide[:SNIFF_BYTES]):
        return wide
    _refuse_binary_bytes(data)
    if looks_html is None:
        looks_html = sniff_kind(data[:SNIFF_BYTES].decode("latin-1")) == "html"
    declared = EncodingDetector.find_declared_encoding(data[:SNIFF_BYTES], is_html=looks_html)
    for encoding in ("utf-8", *_as_browsers_read(transport), *_as_browsers_read(declared)):
        text = _strict(data, encoding)
        if text is not None:
            return text
    best = charset_normalizer.from_bytes(data[:DETECT_BYTES]).best()
    if best is None:
        raise InputError("undecodable bytes: no charset decodes this input")
    return data.decode(best.encoding, errors="replace")


def _as_browsers_read(label: str | None) -> tuple[str, ...]:
    """The codecs to try for a declared charset label: the superset browsers use for it, then the
    label itself (windows-1252 leaves five bytes undefined, which latin-1 still decodes)."""
    if not label:
        return ()
    name = label.strip().strip("\"'").lower()
    superset = _BROWSER_CODECS.get(name)
    return (superset, name) if superset else (name,)


def _wide_encoding(head: bytes) -> str | None:
    """utf-32-le/be or utf-16-le/be for text with no BOM, from where its zero bytes fall; None
    when the bytes do not show that pattern."""
    head = head[: len(head) - len(head) % 4]
    if len(head) < 8 or b"\0" not in head:
        return None
    quarters = [_share(head[i::4].count(0), len(head[i::4])) for i in range(4)]
    if min(quarters[2:]) > 1 - MAX_NARROW_ZERO_SHARE and quarters[0] < MAX_NARROW_ZERO_SHARE:
        return "utf-32-le"
    if min(quarters[:2]) > 1 - MAX_NARROW_ZERO_SHARE and quarters[3] < MAX_NARROW_ZERO_SHARE:
        return "utf-32-be"
    even, odd = _share(head[0::2].count(0), len(head) // 2), _share(head[1::2].count(0), len(head) // 2)
    if odd >= MIN_WIDE_ZERO_SHARE and even <= MAX_NARROW_ZERO_SHARE:
        return "utf-16-le"
    if even >= MIN_WIDE_ZERO_SHARE and odd <= MAX_NARROW_ZERO_SHARE:
        return "utf-16-be"
    return None


def _few_blocks(text: str) -> bool:
    """Most characters fall in a few Unicode blocks, as in text of one or two scripts."""
    blocks = Counter(ord(char) >> 8 for char in text)
    return _share(sum(count for _, count in blocks.most_common(WIDE_BLOCKS)), len(text)) >= MIN_WIDE_BLOCK_SHARE


def _strict(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _refuse_binary_bytes(data: bytes) -> None:
    """Binary files (images, archives, executables) are refused before any decoding."""
    head = data[:SNIFF_BYTES]
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32 or byte == 127)
    if _share(controls, len(head)) > MAX_CONTROL_SHARE:
        raise InputError(f"binary data: {controls} of the first {len(head)} bytes are control bytes")


def _refuse_binary(text: str) -> None:
    head = text[:SNIFF_BYTES]
    controls = len(_CONTROL.findall(head))
    if _share(controls, len(head)) > MAX_CONTROL_SHARE:
        raise InputError(f"binary data: {controls} of the first {len(head)} characters are control characters")


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0
