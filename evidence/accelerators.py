"""MLPerf's free-text ``accelerator_model_name`` -> a product in the catalogue (nlp/products.yml).

The catalogue is read as data: names and aliases, memories left out. The longest name found as a
whole word wins (hyphens separate words, so "H200-SXM-141GB" holds H200 but "GB200" holds no B200);
a mixed system ("... + ...") keeps both names.

>>> catalogue = Catalogue.from_products([{"name": "H200"}, {"name": "MI355X", "aliases": ["Instinct MI355X"]}])
>>> catalogue.normalise("NVIDIA H200-SXM-141GB"), catalogue.normalise("AMD Instinct MI355X 288GB HBM3e")
('H200', 'MI355X')
>>> catalogue.normalise("N/A") is None
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PRODUCTS_FILE = Path(__file__).resolve().parent.parent / "nlp" / "products.yml"


@dataclass(frozen=True)
class Catalogue:
    """Spellings (lower case) -> canonical product name, longest spelling first."""

    spellings: tuple[tuple[str, str], ...]

    @classmethod
    def from_products(cls, products: list[dict]) -> Catalogue:
        pairs = {}
        for product in products:
            if product.get("kind") == "memory" or not product.get("name"):
                continue
            for spelling in (product["name"], *product.get("aliases", ())):
                pairs.setdefault(str(spelling).lower(), product["name"])
        return cls(tuple(sorted(pairs.items(), key=lambda p: -len(p[0]))))

    def normalise(self, accelerator: str | None) -> str | None:
        """The catalogue name of each part of ``accelerator`` joined by " + ", or None if none is known."""
        parts = [self._product_in(part) for part in (accelerator or "").split("+")]
        found = [p for p in parts if p]
        return " + ".join(dict.fromkeys(found)) if found else None

    def _product_in(self, text: str) -> str | None:
        text = text.lower()
        for spelling, name in self.spellings:
            if re.search(rf"(?<![a-z0-9]){re.escape(spelling)}(?![a-z0-9])", text):
                return name
        return None


@lru_cache(maxsize=2)
def load_catalogue(path: str | Path = PRODUCTS_FILE) -> Catalogue:
    """The product catalogue the extractor uses (``nlp/products.yml``)."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    return Catalogue.from_products(raw.get("products") or [])
