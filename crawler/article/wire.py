"""Which registry vendor issued a wire-service item, if any.

Signals, most precise first: GlobeNewswire's stock categories
(``<category domain="https://www.globenewswire.com/rss/stock">Nasdaq:NVDA``),
the issuer name in ``dc:contributor`` (PR Newswire, GlobeNewswire), the first
``(Nasdaq: TICKER)`` after the dateline, and a vendor name opening the title or
the lead sentence. A vendor merely *mentioned* later in the text ("servers with
NVIDIA GPUs") does not make the item that vendor's.
"""

from __future__ import annotations

import re

from chipwatch.registry import Registry, Vendor
from crawler.article.feed import FeedEntry
from crawler.text import html_to_text

_TICKER_IN_TEXT = re.compile(r"\((?:NASDAQ|Nasdaq|NYSE|Nyse|NYSE American|TSX|LSE)\s*:\s*([A-Z.]{1,6})\)")
_WIRE_LEAD = re.compile(r"(?:/\s*PRNewswire\s*/|\(\s*GLOBE NEWSWIRE\s*\)|\(\s*BUSINESS WIRE\s*\))\s*--\s*(.{0,80})", re.S)
_PLAIN_LEAD = re.compile(r"(?:\s--|\u2014|\u2013)\s*(.{0,80})", re.S)


def vendor_by_ticker(registry: Registry, symbol: str) -> Vendor | None:
    """The vendor listed under ``symbol`` (``NVDA`` or ``Nasdaq:NVDA``), exchange checked when both know it."""
    exchange, _, ticker = symbol.strip().rpartition(":")
    for vendor in registry.vendors:
        if vendor.ticker and vendor.ticker == ticker.strip().upper():
            if exchange and vendor.exchange and vendor.exchange.lower() != exchange.strip().lower():
                continue
            return vendor
    return None


def wire_vendor(entry: FeedEntry, registry: Registry) -> Vendor | None:
    """The registry vendor that issued ``entry``, or ``None`` for anyone else's release."""
    stocks = [value for domain, value in entry.categories if domain and "stock" in domain.lower()]
    for symbol in stocks:
        vendor = vendor_by_ticker(registry, symbol)
        if vendor:
            return vendor
    if stocks:  # the issuer is listed, under a ticker that is not ours
        return None
    if entry.contributor:
        return registry.match_vendor(entry.contributor)
    summary = html_to_text(entry.summary) if entry.summary else ""
    match = _TICKER_IN_TEXT.search(summary[:600])
    if match:
        return vendor_by_ticker(registry, match.group(1))
    lead = _WIRE_LEAD.search(summary[:600]) or _PLAIN_LEAD.search(summary[:600])
    for opening in (entry.title or "", lead.group(1) if lead else ""):
        vendor = _opening_vendor(opening, registry)
        if vendor:
            return vendor
    return None


def _opening_vendor(text: str, registry: Registry) -> Vendor | None:
    """The vendor whose name opens ``text`` as a whole word ("Arm" opens "Arm Unveils", not "Armada")."""
    head = text.lstrip(" \"'\u201c")
    for vendor in registry.vendors:
        for name in vendor.names:
            if re.match(rf"{re.escape(name)}(?![\w])", head):
                return vendor
    return None
