"""Decoding: declared charsets, detection, and one-line refusals of empty or binary input."""

from __future__ import annotations

import pytest

from cleaner import InputError
from cleaner.decode import decode, sniff_kind


def test_declared_charset_is_honoured():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 cr\xe8me</p></body></html>'
    assert "Café crème" in decode(page.encode("latin-1"))


def test_undeclared_legacy_charset_is_detected():
    text = "Привет, мир. Это короткий текст о погоде и новостях дня, написанный по-русски."
    assert decode(text.encode("cp1251")) == text


def test_utf16_with_bom_decodes():
    assert decode("Plain text in UTF-16.".encode("utf-16")) == "Plain text in UTF-16."


def test_valid_utf8_wins_over_a_lying_declaration():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>naïve café</p></body></html>'
    assert "naïve café" in decode(page.encode("utf-8"))


def test_str_input_passes_through():
    assert decode("already text") == "already text"


def test_lone_surrogates_become_replacement_characters():
    assert decode("caf\ud800e \udfff") == "caf\ufffde \ufffd"


@pytest.mark.parametrize("data", [b"", b"   \n\t  ", "", "\n\n", "\ufeff \n"])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty input"):
        decode(data)


def test_binary_input_is_refused():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    with pytest.raises(InputError, match="binary data"):
        decode(png)


def test_undecodable_bytes_are_refused():
    with pytest.raises(InputError, match="undecodable"):
        decode(bytes(range(128, 256)) * 8)


def test_wrong_type_is_refused():
    with pytest.raises(InputError, match="expected bytes or str"):
        decode(12345)


def test_error_messages_are_one_line():
    for data in (b"", b"\x00\x01\x02" * 100, bytes(range(128, 256)) * 8):
        with pytest.raises(InputError) as caught:
            decode(data)
        assert "\n" not in str(caught.value)


@pytest.mark.parametrize("text,kind", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("  <html lang='en'><p>x</p></html>", "html"),
    ("<div><p>A fragment</p><p>of markup</p><br></div>", "html"),
    ("Plain text with a <3 heart and a < b comparison.", "text"),
    ("Headline\n\nFirst paragraph.\n\nSecond paragraph.", "text"),
])
def test_sniffing_tells_html_from_text(text, kind):
    assert sniff_kind(text) == kind
