"""Main text of an EDGAR HTML or inline-XBRL document, one block (paragraph, table row) per line.

Inline-XBRL filings carry a hidden ``<div style="display:none"><ix:header>``
with contexts and hidden facts; that, scripts, styles and other hidden blocks
are dropped. ``ix:nonFraction`` and friends wrap visible numbers and are kept as
text. Page numbers and "Table of Contents" links, which the HTML repeats on every
printed page, are dropped too.
"""

from __future__ import annotations

import re

from crawler.text import element_text, parse_html

_BOILERPLATE_LINE = re.compile(r"^(\d{1,3}|[ivxlc]{1,6}|table of contents|page \d+( of \d+)?)$", re.IGNORECASE)
_NOT_A_TITLE = re.compile(
    r"^(exhibit\b|ex-\d|for immediate release|press release|news release|contacts?\b|media\b|investor\b|"
    r"news highlights|source:|page \d)", re.IGNORECASE)


def extract_text(html: str | bytes, charset: str | None = None) -> str:
    """The visible text of an EDGAR document, one block per line (:mod:`crawler.text`), page furniture dropped.

    ``charset`` is the one the HTTP header declared; bytes are decoded as every other page is.

    >>> extract_text("<div style='display:none'><ix:header>x</ix:header></div><p>Revenue rose 12%.</p>")
    'Revenue rose 12%.'
    """
    if isinstance(html, str):
        html = html.replace("<XBRL>", "").replace("</XBRL>", "")
    else:
        html = html.replace(b"<XBRL>", b"").replace(b"</XBRL>", b"")
    root = parse_html(html, charset)
    if root is None:
        return ""
    lines = element_text(root).split("\n")
    return "\n".join(line for line in lines if line and not _BOILERPLATE_LINE.match(line))


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
