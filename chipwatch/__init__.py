"""chipwatch: track what AI-chip vendors claim and what they report.

The pipeline's stages live in the top-level packages ``crawler`` (Scrapy),
``nlp`` (spaCy), ``data`` (SQLite via sqlite-utils); this package holds what
they share: configuration, the vendor registry and the command line.
"""

__version__ = "0.1.0"
