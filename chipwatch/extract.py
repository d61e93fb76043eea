"""Run the extractor over stored documents, incrementally, and store claims, figures and claim groups."""

from __future__ import annotations

import sys
from contextlib import closing
from dataclasses import dataclass

import click

from chipwatch.bounds import Bounds, unbounded
from chipwatch.config import Settings
from chipwatch.registry import Registry
from data.claim_groups import update_claim_groups
from data.db import open_db
from data.facts import iter_documents, pending_ids, replace_facts
from data.runs import finish_run, start_run
from evidence.check import begin_extract, check_after_extract

# Documents between two incremental regroupings during a long extraction.
GROUP_EVERY = 1000


@dataclass
class ExtractReport:
    run_id: int
    version: str
    documents: int = 0
    claims: int = 0
    figures: int = 0
    groups: int = 0
    checks: dict | None = None  # figure_checks outcomes: figures against filed XBRL
    claim_checks: dict | None = None  # claim_checks outcomes: claims against MLPerf results
    pending: int = 0
    bounded: str | None = None  # "stopped" or "timed out" when documents were left for the next run


def vendor_dicts(registry: Registry) -> list[dict]:
    """The vendors as the extractor takes them: plain data, with each one's fiscal year end."""
    return [{"slug": v.slug, "name": v.name, "aliases": list(v.aliases), "ticker": v.ticker,
             "fiscal_year_end": v.fiscal_year_end} for v in registry.vendors]


def run_extract(settings: Settings, registry: Registry, *, force: bool = False,
                progress: bool = True, bounds: Bounds | None = None, workers: int = 1) -> ExtractReport:
    """Extract facts from every document not yet extracted by the current extractor version.

    ``bounds`` are checked between documents: a stop or a timeout leaves the rest pending
    (the next run extracts them) and still regroups the claims stored so far. Grouping and the
    evidence checks cost what the new documents cost, not what the history holds. ``workers`` > 1
    spreads the extraction over that many processes; this process alone writes the database.
    """
    bounds = bounds or unbounded()
    from nlp import EXTRACTOR_VERSION, grouping
    from nlp.extract import Extractor

    db = open_db(settings.db_path)
    run_id = start_run(db, "extract")
    report = ExtractReport(run_id, EXTRACTOR_VERSION)
    try:
        ids = pending_ids(db, EXTRACTOR_VERSION, force=force)
        report.pending = len(ids)
        extracted = []
        if ids and not bounds.status:
            begin_extract(db, run_id)
            documents = iter_documents(db, ids)
            if workers > 1:
                from chipwatch.parallel import pipe_parallel

                results = pipe_parallel(vendor_dicts(registry), documents, workers=workers)
            else:
                results = Extractor(vendor_dicts(registry)).pipe(documents)
            label = f"extracting {len(ids)} documents" + (f" with {workers} workers" if workers > 1 else "")
            with click.progressbar(length=len(ids), label=label, file=sys.stderr,
                                   show_pos=True, hidden=not progress) as bar, closing(results):
                for document, facts in results:
                    if bounds.status:
                        break
                    claims, figures = replace_facts(db, document, facts, EXTRACTOR_VERSION)
                    extracted.append(document["id"])
                    report.documents += 1
                    if report.documents % GROUP_EVERY == 0:  # a killed run leaves few claims ungrouped
                        update_claim_groups(db, grouping)
                    report.claims += claims
                    report.figures += figures
                    bar.update(1)
        report.bounded = bounds.status if report.documents < report.pending else None
        report.groups = update_claim_groups(db, grouping)
        if not report.bounded:
            checks, claim_checks = check_after_extract(db, run_id, extracted)
            report.checks, report.claim_checks = dict(checks), dict(claim_checks)
        from data.db import refresh_statistics

        refresh_statistics(db)  # the planner's picture of the new rows, for Datasette
    except BaseException as exc:
        finish_run(db, run_id, status="failed", message=f"{type(exc).__name__}: {exc}"[:500],
                   stats=report.__dict__)
        raise
    message = f"{report.documents} documents, {report.claims} claims, {report.figures} figures"
    if report.bounded:
        message += f"; {bounds.explain()}, {report.pending - report.documents} documents left for the next run"
    finish_run(db, run_id, status=report.bounded or "ok", stats=report.__dict__, message=message)
    db.close()
    return report


def print_extract_report(report: ExtractReport) -> None:
    left = (f"; {report.bounded.upper()}, {report.pending - report.documents} documents left for the next run"
            if report.bounded else "")
    click.echo(f"extract run {report.run_id} (extractor {report.version}): {report.documents} documents, "
               f"{report.claims} claims, {report.figures} figures, {report.groups} claim groups{left}", err=True)
    if report.checks:
        outcomes = ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.checks.items()))
        click.echo(f"  figures against filings: {outcomes}", err=True)
    if report.claim_checks:
        outcomes = ", ".join(f"{count} {outcome}" for outcome, count in sorted(report.claim_checks.items()))
        click.echo(f"  claims against MLPerf results: {outcomes}", err=True)
