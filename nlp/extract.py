"""The public entry point: ``Extractor(vendors).pipe(records)`` yields ``(record, facts)`` pairs.

A record is ``{"id", "text", "vendor"?, "published"?, "kind"?}``. Each fact is a dict in the gold
schema (performance: type, value, value_high?, unit, metric, direction, product, comparator,
workload, hedge; financial: type, value, value_high?, unit, metric, period, company, change, note)
plus provenance: ``quote`` (verbatim ``text[start:end]``), ``start``, ``end``, ``sentence`` and
``sentence_start``.

>>> Extractor([]).extract("The X1 chip runs 6.9x faster than a GPU.")[0]["value"]
6.9
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from nlp.components import DOC_TEXT
from nlp.pipeline import build_pipeline
from nlp.vendors import load_vendors

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000  # longer texts are cut: nothing useful hides past 2 MB of prose


class Extractor:
    """Builds the spaCy pipeline once; extracts facts from many documents with ``nlp.pipe``."""

    def __init__(self, vendors: list[dict] | None = None):
        self.vendors = list(vendors) if vendors is not None else load_vendors()
        self.nlp = build_pipeline(self.vendors)
        self.nlp.max_length = MAX_CHARS + 1  # no parser or NER here, so long texts are cheap
        self._names = _vendor_names(self.vendors)
        # the vendor's fiscal year end ("0131"), passed as data: fiscal periods are read against it
        self._fiscal = {v["name"]: v.get("fiscal_year_end") for v in self.vendors if v.get("fiscal_year_end")}

    def pipe(self, records: Iterable[dict], batch_size: int = 64) -> Iterator[tuple[dict, list[dict]]]:
        """``(record, facts)`` for each record, in order."""
        stream = ((self._make_doc(record), record) for record in records)
        for doc, record in self.nlp.pipe(stream, as_tuples=True, batch_size=batch_size):
            yield record, list(doc._.facts or [])

    def extract(self, text: str, **meta) -> list[dict]:
        """The facts of one text; ``meta`` may give vendor, published and kind."""
        return next(self.pipe([{"id": meta.pop("id", None), "text": text, **meta}]))[1]

    def _make_doc(self, record: dict) -> Doc:
        text = str(record.get("text") or "")
        if len(text) > MAX_CHARS:
            log.warning("document %s: %d characters, extracting from the first %d", record.get("id"), len(text),
                        MAX_CHARS)
            text = text[:MAX_CHARS]
        doc = self.nlp.make_doc(text)
        doc.user_data[DOC_TEXT] = text  # spares Doc.text, which re-joins every token
        vendor = record.get("vendor")
        name = self._names.get(str(vendor).lower(), vendor) if vendor else None
        doc._.meta = {
            "vendor": name, "published": record.get("published"), "kind": record.get("kind"),
            "fiscal_year_end": record.get("fiscal_year_end") or self._fiscal.get(name),
        }
        return doc


def _vendor_names(vendors: list[dict]) -> dict[str, str]:
    """slug, name, alias or ticker (lower-case) -> display name, so "nvidia" becomes "NVIDIA"."""
    names = {}
    for vendor in vendors:
        for key in [vendor.get("slug"), vendor.get("name"), *(vendor.get("aliases") or []), vendor.get("ticker")]:
            if key:
                names[str(key).lower()] = vendor["name"]
    return names
