"""Decoding: declared charsets, detection, and one-line refusals of empty or binary input."""

from __future__ import annotations

import gzip

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


@pytest.mark.parametrize(
    "text,kind",
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <html lang='en'><p>x</p></html>", "html"),
        ("<div><p>A fragment</p><p>of markup</p><br></div>", "html"),
        ("Plain text with a <3 heart and a < b comparison.", "text"),
        ("Headline\n\nFirst paragraph.\n\nSecond paragraph.", "text"),
    ],
)
def test_sniffing_tells_html_from_text(text, kind):
    assert sniff_kind(text) == kind


WIDE_TEXTS = [
    "<html><body><p>Plain markup in a wide encoding, with no byte order mark.</p></body></html>",
    "Новости дня: совет города проголосовал сегодня за сохранение библиотеки.\n\nВторой абзац.",
    "Nachrichten: Der Stadtrat hat heute über die Bibliothek abgestimmt, 2024.",
]


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", WIDE_TEXTS, ids=["html", "russian", "german"])
def test_utf16_and_utf32_without_a_bom_are_detected(codec, text):
    assert decode(text.encode(codec)) == text


def test_bytes_after_a_complete_gzip_stream_are_ignored():
    page = "<html><body><p>A page saved with gzip and then some stray bytes.</p></body></html>"
    assert decode(gzip.compress(page.encode()) + b"\r\n<trailing garbage>") == page


def test_a_transport_charset_decodes_a_page_that_declares_none():
    page = "<html><body><p>Le café a réouvert à l'été, après des travaux. « Très bien », dit-elle.</p></body></html>"
    data = page.encode("latin-1")
    assert decode(data) != page  # detection alone gets this one wrong
    assert decode(data, declared="ISO-8859-1") == page


def test_a_transport_charset_outranks_the_page_declaration_and_a_bom_outranks_both():
    page = '<html><head><meta charset="koi8-r"></head><body><p>Caf\xe9 cr\xe8me br\xfbl\xe9e</p></body></html>'
    assert "Café crème brûlée" in decode(page.encode("latin-1"), declared="iso-8859-1")
    assert "Café" in decode(b"\xef\xbb\xbf" + page.encode("utf-8"), declared="koi8-r")


def test_latin1_labels_are_read_as_windows_1252_as_browsers_do():
    data = b"<html><body><p>\x93Quoted\x94 and caf\xe9.</p></body></html>"
    assert "\u201cQuoted\u201d and café." in decode(data, declared="ISO-8859-1")
