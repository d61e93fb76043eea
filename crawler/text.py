"""HTML -> plain text, one way for every document the crawler stores (article pages, feed bodies, EDGAR files).

One block (paragraph, heading, list item, table row) per line, spaces collapsed,
the cells of a table row joined by spaces on one line (EDGAR's financial tables put
``$`` and ``22,103`` in cells of their own: ``Revenue $ 22,103 $ 18,120``). What a reader never sees is dropped:
scripts, styles, templates, comments, inline XBRL's hidden ``<ix:header>`` and any
element styled ``display:none``. A bullet laid out in a cell or tag of its own
joins the text it marks. Bytes are decoded by :func:`crawler.charset.decode`
(BOM, valid UTF-8, then the declared charset).
"""

from __future__ import annotations

import re

from lxml import etree, html

from crawler.charset import decode

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "center", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
})
CELLS = frozenset({"td", "th"})
INVISIBLE = ("script", "style", "noscript", "template", "head", "title", "ix:header")
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BULLETS = frozenset({"•", "·", "●", "▪", "◦", "-", "–"})
_GLUED_BULLET = re.compile(r"^([•·●▪◦])(?=\S)")


def parse_html(markup: str | bytes, charset: str | None = None) -> html.HtmlElement | None:
    """An lxml tree of ``markup`` (tolerant of truncated or broken HTML); ``None`` if there is none.

    Bytes are decoded first, with ``charset`` as the declared one (the HTTP header's).
    """
    if isinstance(markup, bytes):
        markup = decode(markup, charset)
    markup = _XML_DECLARATION.sub("", markup, count=1) if markup else markup
    if not markup or not markup.strip():
        return None
    try:
        return html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def element_text(element: html.HtmlElement) -> str:
    """Plain text of ``element`` (left untouched): one line per block, a table row per line.

    >>> element_text(html.fromstring("<table><tr><td>Revenue</td><td>$</td><td>22,103</td></tr></table>"))
    'Revenue $ 22,103'
    """
    lines: list[str] = []
    row: list[str] = []  # cells of the table row being read
    buffer: list[str] = []
    _walk(element, buffer, lines, row)
    _flush(buffer, lines)
    return _join_bullets(lines)


def html_to_text(markup: str | bytes | None, charset: str | None = None) -> str:
    """Plain text of an HTML document or fragment (a feed's escaped ``<content>``, an EDGAR exhibit).

    >>> html_to_text("<p>One &amp; two</p><p>three</p>")
    'One & two\\nthree'
    """
    if not markup:
        return ""
    if isinstance(markup, bytes):
        markup = decode(markup, charset)
    tree = parse_html(markup if re.search(r"<html|<body", markup[:2000], re.I) else f"<div>{markup}</div>")
    if tree is None:
        return ""
    body = tree.find("body")
    return element_text(body if body is not None else tree)


def normalise_text(text: str) -> str:
    """Collapse spaces within lines and drop empty lines (text that did not come through the walker)."""
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def _visible(element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False  # comments, processing instructions
    return tag.lower() not in INVISIBLE and not _HIDDEN.search(element.get("style") or "")


def _walk(element, buffer: list[str], lines: list[str], row: list[str]) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if _visible(element):
        if tag in BLOCKS:
            _flush(buffer, lines)
        if tag in CELLS:
            _flush(buffer, lines)  # text before the cell, inside the row, belongs to no cell
            cell: list[str] = []
            _inline(element, cell)
            row.append(" ".join("".join(cell).split()))
        elif tag == "tr":
            inner: list[str] = []
            _children(element, buffer, lines, inner)
            _flush(buffer, lines)
            _emit(" ".join(c for c in inner if c), lines)
        else:
            if element.text:
                buffer.append(element.text)
            _children(element, buffer, lines, row)
            if tag in BLOCKS:
                _flush(buffer, lines)
    if element.tail:
        buffer.append(element.tail)


def _children(element, buffer: list[str], lines: list[str], row: list[str]) -> None:
    for child in element:
        _walk(child, buffer, lines, row)


def _inline(element, parts: list[str]) -> None:
    """All visible text inside a table cell, blocks within it flattened to spaces."""
    if element.text:
        parts.append(element.text)
    for child in element:
        if _visible(child):
            if isinstance(child.tag, str) and child.tag.lower() in BLOCKS:
                parts.append(" ")
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _flush(buffer: list[str], lines: list[str]) -> None:
    if buffer:
        _emit("".join(buffer), lines)
        buffer.clear()


def _emit(text: str, lines: list[str]) -> None:
    line = " ".join(text.replace("\xa0", " ").split())
    if line:
        lines.append(line)


def _join_bullets(lines: list[str]) -> str:
    kept: list[str] = []
    for line in lines:
        if kept and kept[-1] in _BULLETS:  # a bullet in its own cell or block joins the text it marks
            line = f"{kept.pop()} {line}"
        kept.append(_GLUED_BULLET.sub(r"\1 ", line))  # "•Record" (bullet and text in adjacent inline tags)
    return "\n".join(kept)
