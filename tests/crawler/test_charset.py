"""``crawler.charset``: bytes -> text whatever the declared charset."""

from __future__ import annotations

import pytest

from crawler.charset import decode, header_charset


@pytest.mark.parametrize("raw, header, text", [
    ("caf\u00e9 \u2014 \u201cquoted\u201d".encode("cp1252"), "utf-8", "caf\u00e9 \u2014 \u201cquoted\u201d"),
    ("caf\u00e9 \u2014".encode(), "iso-8859-1", "caf\u00e9 \u2014"),
    ("caf\u00e9".encode("latin-1"), None, "caf\u00e9"),
    ('<meta charset="windows-1251">\u041f\u0440\u0438\u0432\u0435\u0442'.encode("cp1251"), None,
     '<meta charset="windows-1251">\u041f\u0440\u0438\u0432\u0435\u0442'),
])
def test_text_is_decoded_whatever_the_declared_charset(raw, header, text):
    assert decode(raw, header) == text


def test_header_charset():
    assert header_charset(b"text/html; charset=ISO-8859-1") == "iso-8859-1"
    assert header_charset("text/html") is None
