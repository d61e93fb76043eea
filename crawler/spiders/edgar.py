"""Spider ``edgar``: new filings of registry vendors from SEC EDGAR, their documents, and XBRL facts.

Per vendor with a CIK::

    data.sec.gov/submissions/CIK##########.json    -> tracked forms filed since CHIPWATCH_SINCE
        (+ filings.files[] pages that can hold filings after the horizon)
    .../Archives/edgar/data/<cik>/<acc>/<acc>-index.html   -> primary document + EX-99.x names
        (index.json when the index page is missing: primary document only)
    .../<acc>/<document>                            -> DocumentItem per document (conditional GET)
    FilingItem                                      -> after all of its documents
    data.sec.gov/api/xbrl/companyfacts/CIK##########.json -> one ReportedValueItem
        (only when a periodic report is newer than the values already stored)

Incremental: accessions already in ``filings`` are skipped; the filing row is
written only after its documents, so a run interrupted half-way fetches the
incomplete filing again next time (documents already stored answer 304).
A document that EDGAR says does not exist (AccessDenied) is recorded as a fetch
error and counts as settled; any other failure leaves the filing for next run.
Etiquette (User-Agent, global rate, back-off) is ``crawler.middlewares.sec``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import scrapy
from scrapy.exceptions import CloseSpider
from scrapy.http import Response

from chipwatch.config import valid_user_agent
from chipwatch.registry import Vendor
from crawler.charset import decode, header_charset
from crawler.edgar import urls
from crawler.edgar.index import (
    FilingIndex,
    WantedDocument,
    items_text,
    parse_index_html,
    parse_index_json,
    wanted_documents,
)
from crawler.edgar.submissions import EdgarFormatError, FilingRow, Submissions, parse_submissions
from crawler.edgar.text import extract_text, guess_title
from crawler.edgar.xbrl import XBRL_REPORT_FORMS, reported_rows
from crawler.items import DocumentItem, FetchErrorItem, FilingItem, ReportedValueItem, SourceSeenItem
from crawler.spiders.base import ChipwatchSpider
from data import seen


@dataclass
class FilingProgress:
    """Documents of one filing still in flight; the FilingItem is released when all have settled."""

    filing: FilingItem
    pending: int
    failed: bool = False

    def settle(self, ok: bool) -> FilingItem | None:
        """Mark one document settled; return the FilingItem once the last one settled and none failed."""
        self.pending -= 1
        self.failed = self.failed or not ok
        return self.filing if self.pending == 0 and not self.failed else None


class EdgarSpider(ChipwatchSpider):
    """EDGAR filings (8-K, 10-K, 10-Q, S-1, S-1/A, 424B4, 6-K, 20-F, F-1), exhibits and companyfacts."""

    name = "edgar"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        spider.data_url = settings.get("EDGAR_DATA_URL").rstrip("/")
        spider.archives_url = settings.get("EDGAR_ARCHIVES_URL").rstrip("/")
        spider.sec_user_agent = valid_user_agent(settings.get("SEC_USER_AGENT"))
        return spider

    async def start(self):
        if not self.sec_user_agent:
            self.logger.error("SEC_USER_AGENT is not set or has no contact address: EDGAR asks every client "
                              "to declare 'Name email' (e.g. SEC_USER_AGENT='Jane Doe jane@example.org'); "
                              "not crawling EDGAR")
            raise CloseSpider("sec_user_agent_missing")
        for vendor in self.registry.vendors:
            if vendor.cik and self.wanted(vendor.slug):
                yield self._request(urls.submissions_url(self.data_url, vendor.cik), self.parse_submissions,
                                    vendor)

    def start_data(self, request: scrapy.Request) -> bytes:
        """The start request as JSON, its vendor by slug (the registry gives it back)."""
        vendor = request.cb_kwargs["vendor"]
        return super().start_data(request.replace(cb_kwargs={**request.cb_kwargs, "vendor": vendor.slug}))

    def make_request_from_data(self, data: bytes) -> scrapy.Request:
        request = super().make_request_from_data(data)
        request.cb_kwargs["vendor"] = self.registry.vendor(request.cb_kwargs["vendor"])
        return request

    def _request(self, url: str, callback, vendor: Vendor, **kwargs: Any) -> scrapy.Request:
        cb_kwargs = {"vendor": vendor, **kwargs.pop("cb_kwargs", {})}
        return self.request(url, callback, source=_source(vendor), cb_kwargs=cb_kwargs, **kwargs)

    # --- submissions --------------------------------------------------------------------------
    def parse_submissions(self, response: Response, vendor: Vendor) -> Iterator[Any]:
        """A company's submissions JSON (or one of its ``files[]`` pages): follow new tracked filings."""
        parsed = yield from self._load_submissions(response, vendor)
        if parsed is None:
            return
        if parsed.cik and parsed.cik != vendor.cik:
            self.logger.warning("%s: submissions JSON is for CIK %s, registry says %s", response.url,
                                parsed.cik, vendor.cik)
        filings = parsed.tracked_since(self.since)
        if not response.meta.get("edgar_page"):
            yield SourceSeenItem(source=_source(vendor), url=response.url, items=len(filings))
            if self._companyfacts_may_have_changed(vendor, parsed):
                yield self._request(urls.companyfacts_url(self.data_url, vendor.cik), self.parse_companyfacts,
                                    vendor, meta={"handle_httpstatus_list": [404]})
        for page in parsed.pages:
            if page.may_hold_since(self.since):
                yield self._request(urls.submissions_page_url(self.data_url, page.name), self.parse_submissions,
                                    vendor, meta={"edgar_page": page.name})
        known = seen.known_accessions(self.db, vendor.slug)
        for filing in filings:
            if filing.accession not in known:
                yield self._index_request(vendor, filing)

    def _load_submissions(self, response: Response, vendor: Vendor):
        """Parse the JSON, recording what cannot be read; returns None when nothing usable came back."""
        try:
            parsed: Submissions = parse_submissions(json.loads(response.text))
        except (ValueError, EdgarFormatError) as exc:
            yield self._format_error(vendor, response, f"unexpected EDGAR submissions JSON: {exc}")
            return None
        for problem in parsed.problems:
            yield self._format_error(vendor, response, f"EDGAR submissions JSON: {problem}")
        return parsed

    def _format_error(self, vendor: Vendor, response: Response, reason: str) -> FetchErrorItem:
        self.logger.error("%s: %s", response.url, reason)
        return FetchErrorItem(source=_source(vendor), url=response.url, reason=reason[:500], status=response.status)

    # --- filing index -------------------------------------------------------------------------
    def _index_request(self, vendor: Vendor, filing: FilingRow) -> scrapy.Request:
        url = urls.index_html_url(self.archives_url, vendor.cik, filing.accession)
        return self._request(url, self.parse_index, vendor, cb_kwargs={"filing": filing},
                             meta={"edgar_on_not_found": "index_html"})

    def parse_index(self, response: Response, vendor: Vendor, filing: FilingRow) -> Iterator[Any]:
        """The ``-index.html`` table: fetch the primary document and every EX-99.x exhibit."""
        index = parse_index_html(response.text)
        wanted = wanted_documents(index, filing.primary_document, filing.form)
        if not wanted:
            yield self._format_error(vendor, response, f"no documents found in the filing index of "
                                                       f"{filing.accession}")
            return
        yield from self._document_requests(vendor, filing, wanted, index)

    def parse_index_json(self, response: Response, vendor: Vendor, filing: FilingRow) -> Iterator[Any]:
        """Fallback when ``-index.html`` is missing: the primary document, if the folder lists it."""
        try:
            names = parse_index_json(json.loads(response.text))
        except ValueError:
            names = []
        primary = (filing.primary_document or "").rsplit("/", 1)[-1]
        if primary and primary in names:
            doc = WantedDocument(primary, filing.form, None, primary=True)
            yield from self._document_requests(vendor, filing, [doc], FilingIndex())
        else:
            yield self._format_error(vendor, response, f"primary document {primary or '(none)'} of "
                                                       f"{filing.accession} is not in the folder listing")
            yield self._filing_item(vendor, filing, FilingIndex())  # nothing more EDGAR can give us

    def _document_requests(self, vendor: Vendor, filing: FilingRow, wanted: list[WantedDocument],
                           index: FilingIndex) -> Iterator[scrapy.Request]:
        progress = FilingProgress(self._filing_item(vendor, filing, index), pending=len(wanted))
        for doc in wanted:
            url = urls.document_url(self.archives_url, vendor.cik, filing.accession, doc.filename)
            yield self._request(url, self.parse_document, vendor, headers=seen.validators(self.db, url),
                                cb_kwargs={"filing": filing, "doc": doc},
                                meta={"handle_httpstatus_list": [304], "filing_progress": progress})

    def _filing_item(self, vendor: Vendor, filing: FilingRow, index: FilingIndex) -> FilingItem:
        return FilingItem(
            accession=filing.accession, vendor=vendor.slug, cik=vendor.cik, form=filing.form,
            filing_date=filing.filing_date, items=filing.items or items_text(index.items),
            report_date=filing.report_date, acceptance_datetime=filing.acceptance_datetime,
            primary_document=filing.primary_document,
            index_url=urls.index_html_url(self.archives_url, vendor.cik, filing.accession),
        )

    # --- documents ----------------------------------------------------------------------------
    def parse_document(self, response: Response, vendor: Vendor, filing: FilingRow,
                       doc: WantedDocument) -> Iterator[Any]:
        """One document: a DocumentItem (unless 304 Not Modified), then the filing once all settled."""
        if response.status == 304:
            self.crawler.stats.inc_value("chipwatch/documents_not_modified")
        else:
            yield self._document_item(response, vendor, filing, doc)
        done = response.meta["filing_progress"].settle(ok=True)
        if done is not None:
            yield done

    def _document_item(self, response: Response, vendor: Vendor, filing: FilingRow,
                       doc: WantedDocument) -> DocumentItem:
        charset = header_charset(response.headers.get("Content-Type"))
        text = extract_text(response.body, charset) if _is_html(response, doc) else decode(response.body, charset)
        if doc.primary:
            title = f"{vendor.name} {filing.form} filed {filing.filing_date}"
        else:
            title = guess_title(text) or doc.description or f"{vendor.name} {filing.form} {doc.type}"
        return DocumentItem(
            url=response.url, vendor=vendor.slug, source=_source(vendor),
            kind="filing" if doc.primary else "exhibit", text=text, title=title,
            published=filing.filing_date, form=filing.form, accession=filing.accession,
            exhibit=None if doc.primary else doc.type,
            etag=_header(response, b"ETag"), last_modified=_header(response, b"Last-Modified"),
        )

    # --- XBRL ---------------------------------------------------------------------------------
    def _companyfacts_may_have_changed(self, vendor: Vendor, parsed: Submissions) -> bool:
        """companyfacts (1-4 MB, no validators) changes only with a periodic report: skip it until one is newer.

        True when nothing is stored for the vendor yet, or a 10-K/10-Q/20-F/40-F was filed after the
        latest filing the stored values came from.
        """
        latest_stored = seen.latest_reported_filing(self.db, vendor.slug)
        newest_report = max((f.filing_date for f in parsed.filings if f.form in XBRL_REPORT_FORMS), default=None)
        return latest_stored is None or (newest_report is not None and newest_report > latest_stored)

    def parse_companyfacts(self, response: Response, vendor: Vendor) -> Iterator[Any]:
        """companyfacts -> one ReportedValueItem; 404 means the company has no XBRL facts yet."""
        if response.status == 404:
            self.logger.info("%s: no XBRL companyfacts for %s (not applicable, e.g. before its IPO)",
                             response.url, vendor.slug)
            self.crawler.stats.inc_value("chipwatch/companyfacts_not_applicable")
            return
        try:
            data = json.loads(response.text)
        except ValueError as exc:
            yield self._format_error(vendor, response, f"companyfacts is not JSON: {exc}")
            return
        rows, problems = reported_rows(data, vendor=vendor.slug, cik=vendor.cik, since=self.since)
        for problem in problems:
            yield self._format_error(vendor, response, problem)
        if rows:
            yield ReportedValueItem(vendor=vendor.slug, cik=vendor.cik, rows=rows)

    # --- failures -----------------------------------------------------------------------------
    def record_failure(self, failure):
        """Record the failure (base class), then settle the filing it belonged to, or fall back."""
        yield from super().record_failure(failure)
        request = failure.request
        not_found = bool(request.meta.get("sec_not_found"))  # set by SecEtiquetteMiddleware on AccessDenied
        if not_found and request.meta.get("edgar_on_not_found") == "index_html":
            filing, vendor = request.cb_kwargs["filing"], request.cb_kwargs["vendor"]
            yield self._request(urls.index_json_url(self.archives_url, vendor.cik, filing.accession),
                                self.parse_index_json, vendor, cb_kwargs={"filing": filing})
        progress = request.meta.get("filing_progress")
        if progress is not None:
            done = progress.settle(ok=not_found)  # a document EDGAR does not have will not appear later
            if done is not None:
                yield done


def _source(vendor: Vendor) -> str:
    """The ``sources`` row id of a vendor's EDGAR feed (see ``data.store.upsert_sources``)."""
    return f"{vendor.slug}-edgar"


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _is_html(response: Response, doc: WantedDocument) -> bool:
    content_type = (_header(response, b"Content-Type") or "").lower()
    return "html" in content_type or doc.filename.lower().endswith((".htm", ".html"))
