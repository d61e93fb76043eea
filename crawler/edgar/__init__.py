"""Pure parsers for SEC EDGAR responses: no HTTP, no SQLite, so each is unit-tested on its own.

- :mod:`crawler.edgar.urls`: the endpoint URLs built from a CIK and an accession number.
- :mod:`crawler.edgar.submissions`: ``data.sec.gov/submissions`` JSON (columnar arrays,
  ``files[]`` pages, field drift) to :class:`~crawler.edgar.submissions.FilingRow` rows.
- :mod:`crawler.edgar.index`: a filing's ``<accession>-index.html`` table (which maps exhibit
  types such as ``EX-99.1`` to file names) and its ``index.json`` directory listing.
- :mod:`crawler.edgar.text`: main text of an HTML or inline-XBRL document.
- :mod:`crawler.edgar.xbrl`: ``companyfacts`` JSON to reported-value rows for a curated tag list.
"""
