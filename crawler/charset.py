"""Decode bytes whose declared charset may be wrong (every page, feed and EDGAR file goes through here).

Newsroom CMSs often declare one charset and send another (a ``charset=utf-8``
header over Windows-1252 bytes, or ``ISO-8859-1`` over UTF-8). Valid UTF-8 with
non-ASCII bytes is almost never an accident, so it wins; otherwise the declared
charset is used if the bytes decode under it, and Windows-1252 is the last resort.
Finding the declaration is ``w3lib.encoding``'s job (BOM, HTTP header, ``<meta>``,
``<?xml?>``, and the WHATWG aliases: a "Latin-1" page is read as Windows-1252, as
browsers do).
"""

from __future__ import annotations

import re

from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, resolve_encoding

FALLBACK = "cp1252"


def header_charset(content_type: str | bytes | None) -> str | None:
    """The ``charset=`` parameter of a Content-Type header, as written, if any.

    >>> header_charset("text/html; charset=ISO-8859-1")
    'iso-8859-1'
    """
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    return match.group(1).lower() if match else None


def declared_encoding(body: bytes, header: str | None = None) -> str | None:
    """The Python codec the server (``header``, a charset name) or the document declares, if it names one."""
    if header:
        declared = http_content_type_encoding(f"text/html; charset={header}")
        if declared:
            return declared
    return html_body_declared_encoding(body[:4096])


def decode(body: bytes, header: str | None = None) -> str:
    """Text of ``body``: BOM, else valid UTF-8, else the declared charset, else Windows-1252.

    ``header`` is the charset the HTTP ``Content-Type`` declared (see :func:`header_charset`).

    >>> decode("café".encode("cp1252"), header="utf-8")
    'café'
    """
    encoding, bom = read_bom(body)
    if encoding:
        return body[len(bom):].decode(encoding, errors="replace")
    if not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    declared = declared_encoding(body, header)
    if declared and resolve_encoding(declared) not in (None, "utf-8"):
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode(FALLBACK, errors="replace")
