"""``check_figures(db)``: rebuild ``figure_checks`` from ``figures`` and ``reported_values``;
``check_claims(db)``: rebuild ``claim_checks`` from ``claims`` and ``benchmark_results``;
``check_after_extract(db, documents)``: what ``extract`` runs, checking only what changed.

Idempotent: every figure with a vendor, a metric and a period gets one row, upserted by
``figure_id``; a check whose figure is gone (the document was re-extracted) is deleted.
Both take ``documents`` to check only the facts of those documents.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import UTC

import sqlite_utils

from evidence.claim_rules import RULES_FILE, ClaimRules, load_claim_rules
from evidence.claims import Results, check_claim
from evidence.concepts import CONCEPTS_FILE, Concepts, load_concepts
from evidence.figures import check_figure
from evidence.schema import EVIDENCE_SCHEMA

_CHECKABLE = """
from figures join vendors on vendors.slug = figures.vendor
where figures.metric is not null and figures.period is not null and figures.value is not null
"""


def check_figures(db: sqlite_utils.Database, concepts: Concepts | None = None,
                  documents: list[str] | None = None) -> Counter:
    """Check every figure (or those of ``documents``) against the filings; return how many got each outcome.

    >>> check_figures(db)  # doctest: +SKIP
    Counter({'match': 12, 'not comparable': 5, 'no filing yet': 3, 'beat': 1})
    """
    concepts = concepts or load_concepts()
    empty = dict.fromkeys(EVIDENCE_SCHEMA["figure_checks"][0])  # a re-check clears what no longer holds
    only, params = _only(documents, "figures")
    figures = list(db.query(f"select figures.*, vendors.cik, vendors.fiscal_year_end {_CHECKABLE} {only} "
                            "order by figures.id", params))
    rows = [{**empty, **check_figure(db, figure, concepts)} for figure in figures]
    with db.conn:
        if documents is None:
            db.execute(f"delete from figure_checks where figure_id not in (select figures.id {_CHECKABLE})")
        else:
            _delete_checks_of(db, "figure_checks", "figure_id", "figures", params)
        if rows:
            db["figure_checks"].upsert_all(rows, pk="figure_id")
    return Counter(row["outcome"] for row in rows)


def check_claims(db: sqlite_utils.Database, rules: ClaimRules | None = None,
                 documents: list[str] | None = None) -> Counter:
    """Check every performance claim (or those of ``documents``) against the MLPerf results; return how many
    got each outcome.

    Claims whose product has no results and which cite no MLPerf result get no row.

    >>> check_claims(db)  # doctest: +SKIP
    Counter({'no comparable result': 4, 'supported': 1, 'overstated': 1})
    """
    rules = rules or load_claim_rules()
    empty = dict.fromkeys(EVIDENCE_SCHEMA["claim_checks"][0])  # a re-check clears what no longer holds
    results = Results(list(db.query("select * from benchmark_results order by id")), rules)
    only, params = _only(documents, "claims", where=True)
    checked = (check_claim(claim, results, rules) for claim in db.query(f"select * from claims {only} order by id",
                                                                         params))
    rows = [{**empty, **row} for row in checked if row]
    with db.conn:
        if documents is None:
            db.execute("delete from claim_checks where claim_id not in (select value from json_each(?))",
                       [json.dumps([row["claim_id"] for row in rows])])
        else:
            _delete_checks_of(db, "claim_checks", "claim_id", "claims", params)
        if rows:
            db["claim_checks"].upsert_all(rows, pk="claim_id")
    return Counter(row["outcome"] for row in rows)


def begin_extract(db: sqlite_utils.Database, run_id: int) -> None:
    """Note that extract run ``run_id`` is about to store facts, so ``check_after_extract`` knows whether
    an earlier run stored facts and died before checking them."""
    with db.conn:
        db.execute("update check_state set pending = ? where pending is null", [run_id])


def check_after_extract(db: sqlite_utils.Database, run_id: int, documents: list[str]) -> tuple[Counter, Counter]:
    """Check the facts of the ``documents`` run ``run_id`` just extracted; return the outcome counts of all
    figure and claim checks.

    Everything is checked instead when the evidence changed (new filings or results, a changed vendor
    registry or rule file) since the last check, or when an earlier run stored facts and died before
    checking them. Otherwise the cost follows the new documents, not the history.
    """
    state = _evidence_state(db)
    last = next(db["check_state"].rows, None)
    if last and last["evidence"] == state and last["pending"] in (None, run_id):
        check_figures(db, documents=documents)
        check_claims(db, documents=documents)
    else:
        check_figures(db)
        check_claims(db)
    with db.conn:
        db["check_state"].upsert({"id": 1, "evidence": state, "pending": None, "checked": _now()}, pk="id")
    return _outcomes(db, "figure_checks"), _outcomes(db, "claim_checks")


def _only(documents: list[str] | None, table: str, *, where: bool = False) -> tuple[str, list]:
    if documents is None:
        return "", []
    return (f"{'where' if where else 'and'} {table}.document_id in (select value from json_each(?))",
            [json.dumps(documents)])


def _delete_checks_of(db: sqlite_utils.Database, checks: str, key: str, facts: str, params: list) -> None:
    """Delete the checks of the facts of some documents before re-checking them (the checks of facts that
    are gone went with them, by the triggers of ``evidence.schema``)."""
    db.execute(f"delete from {checks} where {key} in (select id from {facts} where document_id in "
               f"(select value from json_each(?)))", params)


def _evidence_state(db: sqlite_utils.Database) -> str:
    """What the checks depend on besides the facts, summed up: changes when any of it changes."""
    state = hashlib.sha256()
    for sql in ("select count(*), max(rowid), total(value), max(filed) from reported_values",
                "select count(*), max(rowid), total(result), max(id) from benchmark_results",
                "select group_concat(slug || '|' || coalesce(cik, '') || '|' || coalesce(fiscal_year_end, ''), ',') "
                "from (select * from vendors order by slug)"):
        state.update(json.dumps(list(db.execute(sql).fetchone())).encode())
    for path in (CONCEPTS_FILE, RULES_FILE):
        state.update(path.read_bytes())
    return state.hexdigest()


def _outcomes(db: sqlite_utils.Database, table: str) -> Counter:
    return Counter(dict(db.execute(f"select outcome, count(*) from {table} group by outcome").fetchall()))


def _now() -> str:
    from datetime import datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
