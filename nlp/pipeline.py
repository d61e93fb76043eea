"""Build the extraction pipeline: ``spacy.blank("en")`` plus rulers and the chipwatch components.

No downloaded model is needed. Vendor names, aliases and tickers come from the registry; products
from ``products.yml``; both become ``span_ruler`` patterns.

>>> nlp = build_pipeline([{"slug": "acme", "name": "Acme", "aliases": ["Acme Chips"], "ticker": "ACME"}])
>>> nlp.pipe_names
['products', 'vendors', 'chipwatch_models', 'chipwatch_sentences', 'chipwatch_quantities', 'chipwatch_facts']
"""

from __future__ import annotations

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401  (registers the factories)
from nlp.lexicon import load_lexicon


def build_pipeline(vendors: list[dict]) -> Language:
    """A fresh pipeline for ``vendors`` (dicts with slug, name, aliases, ticker)."""
    pipeline = spacy.blank("en")
    products = pipeline.add_pipe("span_ruler", name="products",
                                 config={"spans_key": "products", "validate": False, "overwrite": False})
    products.add_patterns(product_patterns())
    ruler = pipeline.add_pipe("span_ruler", name="vendors",
                              config={"spans_key": "vendors", "validate": False, "overwrite": False})
    # a ruler without patterns warns on every document; an unknown name keeps it quiet and matches nothing
    ruler.add_patterns(vendor_patterns(vendors) or [{"label": "VENDOR", "pattern": "\u2063no-vendor\u2063"}])
    pipeline.add_pipe("chipwatch_models")
    pipeline.add_pipe("chipwatch_sentences")  # after the rulers: add_patterns runs the pipes before them
    pipeline.add_pipe("chipwatch_quantities")
    pipeline.add_pipe("chipwatch_facts")
    return pipeline


def _variants(name: str) -> list[str]:
    """A name as written plus its all-caps form ("Blackwell", "BLACKWELL")."""
    return list(dict.fromkeys([name, name.upper()]))


def product_patterns() -> list[dict]:
    """SpanRuler phrase patterns for the product catalogue (model-number shapes are ``chipwatch_models``)."""
    patterns = []
    for product in load_lexicon().products:
        label = "MEMORY" if product.get("kind") == "memory" else "PRODUCT"
        for written in [product["name"], *(product.get("aliases") or [])]:
            patterns += [{"label": label, "pattern": v, "id": product["name"]} for v in _variants(str(written))]
    return patterns


def vendor_patterns(vendors: list[dict]) -> list[dict]:
    """SpanRuler patterns for every vendor name, alias and ticker; the span id is the display name."""
    patterns = []
    for vendor in vendors:
        names = [vendor.get("name"), *(vendor.get("aliases") or []), vendor.get("ticker")]
        for written in filter(None, names):
            patterns += [{"label": "VENDOR", "pattern": v, "id": vendor["name"]} for v in _variants(str(written))]
    return patterns
