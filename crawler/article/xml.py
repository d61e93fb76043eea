"""Parse XML from the web with a real parser: strict first, then tolerant, never fetching anything.

Feeds and sitemaps arrive with lying encoding declarations, HTML entities and
truncated tails. :func:`parse_xml` returns the tree it could build and, when
the document was not well-formed, the parser's complaint, so the caller can
use what was recovered and still report the source as broken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from crawler.article.charset import decode

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class ParsedXml:
    root: etree._Element | None
    error: str | None  # why the document is not well-formed, if it is not


def _parser(recover: bool) -> etree.XMLParser:
    return etree.XMLParser(recover=recover, resolve_entities=False, no_network=True, huge_tree=False,
                           remove_comments=True, remove_pis=True)


def parse_xml(body: bytes, charset: str | None = None) -> ParsedXml:
    """Parse ``body``; on failure re-decode it (a lying charset) and finally recover what parses."""
    try:
        return ParsedXml(etree.fromstring(body, _parser(False)), None)
    except etree.XMLSyntaxError as exc:
        first_error = _message(exc)
    utf8 = _DECLARATION.sub("", decode(body, charset), count=1).encode("utf-8")
    try:
        return ParsedXml(etree.fromstring(utf8, _parser(False)), None)
    except etree.XMLSyntaxError as exc:
        error = _message(exc) if "encoding" in first_error.lower() or "utf-8" in first_error else first_error
    try:
        root = etree.fromstring(utf8, _parser(True))
    except etree.XMLSyntaxError:
        root = None
    return ParsedXml(root, f"malformed XML: {error}")


def _message(exc: etree.XMLSyntaxError) -> str:
    return str(exc.msg or exc).strip()


def local(element: etree._Element) -> str:
    """An element's tag without its namespace (``{http://www.w3.org/2005/Atom}entry`` -> ``entry``)."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local(child) == name]


def child_text(element: etree._Element, *names: str) -> str | None:
    """Stripped text of the first child named any of ``names`` that has text."""
    for name in names:
        for child in children(element, name):
            text = (child.text or "").strip()
            if text:
                return text
    return None
