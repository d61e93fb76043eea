"""Extraction of performance claims and financial figures from chip-vendor text (spaCy, rule-based).

Light on purpose: importing ``nlp`` loads no spaCy pipeline. Use ``nlp.extract.Extractor``.
"""

from __future__ import annotations

# Bump whenever rules, patterns or data files change: documents extracted by an older
# version are re-extracted by `make extract`.
EXTRACTOR_VERSION = "1.4.0"

__all__ = ["EXTRACTOR_VERSION"]
