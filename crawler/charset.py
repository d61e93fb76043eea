"""Decode bytes whose declared charset may be wrong.

Newsroom CMSs often declare one charset and send another (a ``charset=utf-8``
header over Windows-1252 bytes, or ``ISO-8859-1`` over UTF-8). Valid UTF-8 with
non-ASCII bytes is almost never an accident, so it wins; otherwise the declared
charset is used if the bytes decode under it, and Windows-1252 is the last resort.
"""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def declared_charset(body: bytes, header_charset: str | None = None) -> str | None:
    """The charset the server or the document claims: HTTP header, then ``<meta>``, then ``<?xml?>``."""
    if header_charset:
        return header_charset.strip().lower()
    head = body[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii").lower() if match else None


def header_charset(content_type: str | bytes | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, if any.

    >>> header_charset("text/html; charset=ISO-8859-1")
    'iso-8859-1'
    """
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    return match.group(1).lower() if match else None


def decode(body: bytes, header: str | None = None) -> str:
    """Text of ``body``: BOM, else valid UTF-8, else the declared charset, else Windows-1252.

    >>> decode("café".encode("cp1252"), header="utf-8")
    'café'
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    if not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    declared = declared_charset(body, header)
    if declared and _known(declared) and not _is_utf8(declared):
        if codecs.lookup(declared).name == "iso8859-1":
            declared = "cp1252"  # what browsers do: "Latin-1" pages use Windows-1252 quotes and dashes
        try:
            return body.decode(declared)
        except UnicodeDecodeError:
            pass
    return body.decode("cp1252", errors="replace")


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _is_utf8(encoding: str) -> bool:
    return codecs.lookup(encoding).name == "utf-8"
