"""Main text of an EDGAR HTML or inline-XBRL document, one block (paragraph, table row) per line.

Inline-XBRL filings carry a hidden ``<div style="display:none"><ix:header>``
with contexts and hidden facts; that, scripts, styles and other hidden blocks
are dropped. ``ix:nonFraction`` and friends wrap visible numbers and are kept as
text. Page numbers and "Table of Contents" links, which the HTML repeats on every
printed page, are dropped too.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

BLOCK_TAGS = frozenset({
    "address", "article", "blockquote", "body", "center", "dd", "div", "dl", "dt", "figcaption", "footer",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table",
    "tbody", "thead", "tfoot", "tr", "ul",
})
CELL_TAGS = frozenset({"td", "th"})
DROP_TAGS = ("script", "style", "head", "title", "noscript", "ix:header", "template")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_HIDDEN = re.compile(r"display\s*:\s*none", re.IGNORECASE)
_BOILERPLATE_LINE = re.compile(r"^(\d{1,3}|[ivxlc]{1,6}|table of contents|page \d+( of \d+)?)$", re.IGNORECASE)
_BULLETS = frozenset({"•", "·", "●", "▪", "◦", "-", "–"})
_GLUED_BULLET = re.compile(r"^([•·●▪◦])(?=\S)")
_NOT_A_TITLE = re.compile(
    r"^(exhibit\b|ex-\d|for immediate release|press release|news release|contacts?\b|media\b|investor\b|"
    r"news highlights|source:|page \d)", re.IGNORECASE)


def extract_text(html: str | bytes) -> str:
    """The visible text of ``html``, one block per line, whitespace collapsed.

    >>> extract_text("<div style='display:none'><ix:header>x</ix:header></div><p>Revenue rose 12%.</p>")
    'Revenue rose 12%.'
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    html = _XML_DECLARATION.sub("", html.replace("<XBRL>", "").replace("</XBRL>", ""), count=1)
    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    _drop_invisible(root)
    return _clean_lines(_walk(root))


def _drop_invisible(root: lxml.html.HtmlElement) -> None:
    doomed = [el for el in root.iter() if not isinstance(el.tag, str)]  # comments, processing instructions
    doomed += [el for el in root.iter(*DROP_TAGS)]
    doomed += [el for el in root.iter() if isinstance(el.tag, str) and _HIDDEN.search(el.get("style") or "")]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()  # keeps the element's tail text


def _walk(root: lxml.html.HtmlElement) -> str:
    """Text with a newline around every block element and a space between table cells."""
    parts: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag in BLOCK_TAGS:
                parts.append("\n")
            elif tag in CELL_TAGS:
                parts.append(" ")
            if el.text:
                parts.append(el.text)
        else:
            if tag in BLOCK_TAGS or tag == "br":
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
    return "".join(parts)


def _clean_lines(text: str) -> str:
    lines = (" ".join(line.replace("\xa0", " ").split()) for line in text.split("\n"))
    kept: list[str] = []
    for line in lines:
        if not line or _BOILERPLATE_LINE.match(line):
            continue
        if kept and kept[-1] in _BULLETS:  # a bullet laid out in its own table cell joins its text
            line = f"{kept.pop()} {line}"
        line = _GLUED_BULLET.sub(r"\1 ", line)  # "•Record" (bullet and text in adjacent inline tags)
        kept.append(line)
    return "\n".join(kept)


def guess_title(text: str, *, max_lines: int = 40) -> str | None:
    """The headline of a press release: the first early line that reads like one.

    Skips "Exhibit 99.1", "FOR IMMEDIATE RELEASE", contact blocks and short
    name/phone lines; returns None when nothing fits.

    >>> guess_title("Exhibit 99.1\\nFOR IMMEDIATE RELEASE\\nAcme Reports Record Revenue for Fiscal 2025\\n...")
    'Acme Reports Record Revenue for Fiscal 2025'
    """
    for line in text.split("\n")[:max_lines]:
        words = line.split()
        if not 4 <= len(words) <= 30 or _NOT_A_TITLE.match(line) or "@" in line:
            continue
        if sum(ch.isdigit() for ch in line) > len(line) / 3:
            continue  # phone numbers, table rows
        return line.rstrip(" :")
    return None
