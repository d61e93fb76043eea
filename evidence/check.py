"""``check_figures(db)``: rebuild ``figure_checks`` from ``figures`` and ``reported_values``;
``check_claims(db)``: rebuild ``claim_checks`` from ``claims`` and ``benchmark_results``.

Idempotent: every figure with a vendor, a metric and a period gets one row, upserted by
``figure_id``; a check whose figure is gone (the document was re-extracted) is deleted.
Run it after ``extract`` and after an EDGAR crawl brought new companyfacts.
"""

from __future__ import annotations

import json
from collections import Counter

import sqlite_utils

from evidence.claim_rules import ClaimRules, load_claim_rules
from evidence.claims import Results, check_claim
from evidence.concepts import Concepts, load_concepts
from evidence.figures import check_figure
from evidence.schema import EVIDENCE_SCHEMA

_CHECKABLE = """
from figures join vendors on vendors.slug = figures.vendor
where figures.metric is not null and figures.period is not null and figures.value is not null
"""


def check_figures(db: sqlite_utils.Database, concepts: Concepts | None = None) -> Counter:
    """Check every figure against the filings; return how many got each outcome.

    >>> check_figures(db)  # doctest: +SKIP
    Counter({'match': 12, 'not comparable': 5, 'no filing yet': 3, 'beat': 1})
    """
    concepts = concepts or load_concepts()
    empty = dict.fromkeys(EVIDENCE_SCHEMA["figure_checks"][0])  # a re-check clears what no longer holds
    figures = list(db.query(f"select figures.*, vendors.cik, vendors.fiscal_year_end {_CHECKABLE} order by figures.id"))
    rows = [{**empty, **check_figure(db, figure, concepts)} for figure in figures]
    with db.conn:
        db.execute(f"delete from figure_checks where figure_id not in (select figures.id {_CHECKABLE})")
        if rows:
            db["figure_checks"].upsert_all(rows, pk="figure_id")
    return Counter(row["outcome"] for row in rows)


def check_claims(db: sqlite_utils.Database, rules: ClaimRules | None = None) -> Counter:
    """Check every performance claim against the MLPerf results; return how many got each outcome.

    Claims whose product has no results and which cite no MLPerf result get no row.

    >>> check_claims(db)  # doctest: +SKIP
    Counter({'no comparable result': 4, 'supported': 1, 'overstated': 1})
    """
    rules = rules or load_claim_rules()
    empty = dict.fromkeys(EVIDENCE_SCHEMA["claim_checks"][0])  # a re-check clears what no longer holds
    results = Results(list(db.query("select * from benchmark_results order by id")), rules)
    checked = (check_claim(claim, results, rules) for claim in db.query("select * from claims order by id"))
    rows = [{**empty, **row} for row in checked if row]
    with db.conn:
        db.execute("delete from claim_checks where claim_id not in (select value from json_each(?))",
                   [json.dumps([row["claim_id"] for row in rows])])
        if rows:
            db["claim_checks"].upsert_all(rows, pk="claim_id")
    return Counter(row["outcome"] for row in rows)
