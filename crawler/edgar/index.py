"""Discover a filing's documents from its index: which file is the primary document, which are EX-99.x.

Exhibit file names are free-form (``q4fy25pr.htm``, ``d917887dex991.htm``), so
they are never guessed: the ``<accession>-index.html`` page's "Document Format
Files" table maps each ``Type`` (``8-K``, ``EX-99.1`` ...) to its file name.
``index.json`` (the folder listing) has names and sizes but no types; it is the
fallback that still finds the primary document when the index page is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from parsel import Selector

# Press releases and other "additional exhibits": EX-99, EX-99.1, EX-99.2, EX-99.01 ...
PRESS_EXHIBIT = re.compile(r"^EX-99(\.\d+)?$", re.IGNORECASE)
TEXT_EXTENSIONS = (".htm", ".html", ".txt")
_ITEM = re.compile(r"Item\s+(\d{1,2}\.\d{2})")


@dataclass(frozen=True)
class IndexDocument:
    """One row of the "Document Format Files" table."""

    filename: str
    type: str | None  # "8-K", "EX-99.1"; None for the complete submission text file
    description: str | None = None
    sequence: str | None = None
    size: int | None = None


@dataclass
class FilingIndex:
    """What a ``-index.html`` page says about a filing."""

    documents: list[IndexDocument] = field(default_factory=list)
    form: str | None = None
    filing_date: str | None = None
    items: list[str] = field(default_factory=list)  # ["2.02", "9.01"]


@dataclass(frozen=True)
class WantedDocument:
    """A document the crawler fetches: the primary document or a press-release exhibit."""

    filename: str
    type: str | None
    description: str | None
    primary: bool


def parse_index_html(html: str) -> FilingIndex:
    """Parse an EDGAR ``<accession>-index.html`` page (empty :class:`FilingIndex` if it is not one)."""
    sel = Selector(text=html)
    index = FilingIndex(documents=_document_rows(sel))
    form = " ".join(sel.css("#formName strong::text").getall()).strip()
    index.form = re.sub(r"^Form\s+", "", form) or None
    info = _info_pairs(sel)
    index.filing_date = info.get("Filing Date")
    index.items = _ITEM.findall(info.get("Items", ""))
    return index


def _document_rows(sel: Selector) -> list[IndexDocument]:
    rows = []
    for tr in sel.css('table.tableFile[summary="Document Format Files"] tr'):
        cells = tr.xpath("./td")
        if len(cells) < 4:
            continue  # the header row has <th> cells
        filename = _filename(cells[2])
        if not filename:
            continue
        rows.append(IndexDocument(
            filename=filename, type=_cell_text(cells[3]), description=_cell_text(cells[1]),
            sequence=_cell_text(cells[0]), size=_int(_cell_text(cells[4])) if len(cells) > 4 else None,
        ))
    return rows


def _filename(cell: Selector) -> str | None:
    """The document's file name: the link text, else the last part of its href (``/ix?doc=...``)."""
    text = (cell.css("a::text").get() or "").strip()
    if text:
        return text
    href = cell.css("a::attr(href)").get() or ""
    return href.rsplit("/", 1)[-1] or None


def _cell_text(cell: Selector) -> str | None:
    text = " ".join(" ".join(cell.xpath(".//text()").getall()).split())
    return text.replace("\xa0", " ").strip() or None


def _info_pairs(sel: Selector) -> dict[str, str]:
    """The ``div.infoHead`` -> following ``div.info`` pairs of the filing header."""
    pairs = {}
    for head in sel.css("div.formGrouping div.infoHead"):
        label = " ".join(head.xpath(".//text()").getall()).strip()
        value = head.xpath("following-sibling::div[contains(@class, 'info')][1]")
        if label and value:
            pairs[label] = " ".join(" ".join(value[0].xpath(".//text()").getall()).split())
    return pairs


def parse_index_json(data: Any) -> list[str]:
    """File names in an ``index.json`` folder listing (``{"directory": {"item": [...]}}``)."""
    directory = data.get("directory") if isinstance(data, dict) else None
    items = directory.get("item") if isinstance(directory, dict) else None
    if not isinstance(items, list):
        return []
    return [str(i["name"]) for i in items if isinstance(i, dict) and i.get("name")]


def wanted_documents(index: FilingIndex, primary_document: str | None, form: str) -> list[WantedDocument]:
    """The primary document, then each EX-99.x press-release exhibit with a text format, in table order."""
    wanted: list[WantedDocument] = []
    primary = _primary_row(index.documents, primary_document, form)
    if primary is not None:
        wanted.append(WantedDocument(primary.filename, primary.type, primary.description, primary=True))
    for doc in index.documents:
        if doc is primary or not doc.type or not PRESS_EXHIBIT.match(doc.type):
            continue
        if doc.filename.lower().endswith(TEXT_EXTENSIONS):
            wanted.append(WantedDocument(doc.filename, doc.type.upper(), doc.description, primary=False))
    return wanted


def _primary_row(rows: list[IndexDocument], primary_document: str | None, form: str) -> IndexDocument | None:
    """The row named by the submissions ``primaryDocument``, else the one whose type is the form."""
    if primary_document:
        name = primary_document.rsplit("/", 1)[-1]
        for row in rows:
            if row.filename == name:
                return row
    for row in rows:
        if row.type == form:
            return row
    return None


def items_text(items: list[str]) -> str | None:
    """``["2.02", "9.01"]`` -> ``"2.02,9.01"``, the submissions JSON's spelling."""
    return ",".join(items) or None


def _int(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
