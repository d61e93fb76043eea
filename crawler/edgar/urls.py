"""EDGAR endpoint URLs: padded CIKs on data.sec.gov, plain CIKs and dash-less accessions in Archives."""

from __future__ import annotations


def pad_cik(cik: str | int) -> str:
    """The 10-digit form used in ``data.sec.gov`` URLs. ``pad_cik(1045810) == "0001045810"``."""
    return f"{int(cik):010d}"


def submissions_url(data_url: str, cik: str | int) -> str:
    """``{data}/submissions/CIK##########.json``: a company's filing list."""
    return f"{data_url}/submissions/CIK{pad_cik(cik)}.json"


def submissions_page_url(data_url: str, name: str) -> str:
    """A ``filings.files[]`` page, e.g. ``CIK0000320193-submissions-001.json``."""
    return f"{data_url}/submissions/{name}"


def companyfacts_url(data_url: str, cik: str | int) -> str:
    """``{data}/api/xbrl/companyfacts/CIK##########.json``: every XBRL fact a company reported."""
    return f"{data_url}/api/xbrl/companyfacts/CIK{pad_cik(cik)}.json"


def filing_folder(archives_url: str, cik: str | int, accession: str) -> str:
    """``{archives}/Archives/edgar/data/<int cik>/<accession without dashes>``."""
    return f"{archives_url}/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}"


def index_html_url(archives_url: str, cik: str | int, accession: str) -> str:
    """The filing's human index page, whose table maps exhibit types to file names."""
    return f"{filing_folder(archives_url, cik, accession)}/{accession}-index.html"


def index_json_url(archives_url: str, cik: str | int, accession: str) -> str:
    """The filing folder's JSON directory listing (``index.json``; ``<acc>-index.json`` does not exist)."""
    return f"{filing_folder(archives_url, cik, accession)}/index.json"


def document_url(archives_url: str, cik: str | int, accession: str, filename: str) -> str:
    """A document inside the filing folder (``filename`` may hold a sub-path, as Form 4's do)."""
    return f"{filing_folder(archives_url, cik, accession)}/{filename.lstrip('/')}"
