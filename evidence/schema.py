"""Tables the evidence stage owns, created idempotently beside the core schema (data/db.py calls
``ensure_evidence_schema`` from ``ensure_schema``)."""

from __future__ import annotations

import sqlite_utils

# table -> (columns, primary key, foreign keys as (column, other_table, other_column), indexes)
EVIDENCE_SCHEMA: dict[str, tuple[dict, str, list[tuple[str, str, str]], list[list[str]]]] = {
    "figure_checks": ({
        "figure_id": str, "vendor": str, "metric": str, "period": str, "period_start": str, "period_end": str,
        "comparison": str, "outcome": str, "reason": str,
        "quoted_value": float, "quoted_high": float, "quoted_unit": str, "tolerance": float,
        "filed_value": float, "filed_unit": str, "ratio": float, "restated_value": float,
        "taxonomy": str, "tag": str, "accession": str, "filed": str, "reported_value": str, "derived": str,
    }, "figure_id", [("figure_id", "figures", "id"), ("vendor", "vendors", "slug"),
                     ("reported_value", "reported_values", "id")],
        [["outcome"], ["vendor"], ["comparison"], ["metric"]]),
    "benchmark_files": ({
        "url": str, "round": str, "content_hash": str, "rows": int, "loaded_at": str, "problems": str,
    }, "url", [], []),
    "benchmark_results": ({
        "id": str, "round": str, "division": str, "availability": str, "system_type": str,
        "organization": str, "system": str, "platform": str, "accelerator": str, "accelerator_name": str,
        "accelerators_per_node": int, "nodes": int, "total_accelerators": int, "model": str,
        "mlperf_model": str, "scenario": str, "result": float, "units": str, "lower_is_better": int,
        "accuracy": str, "has_power": int, "location": str, "source_url": str,
    }, "id", [("source_url", "benchmark_files", "url")],
        [["round", "division"], ["division"], ["accelerator"], ["model", "scenario"], ["scenario"], ["organization"]]),
    "claim_checks": ({
        "claim_id": str, "vendor": str, "product": str, "comparator": str, "workload": str,
        "round": str, "division": str, "model": str, "scenario": str, "cites_mlperf": int,
        "claimed_ratio": float, "basis": str, "system_ratio": float, "accelerator_ratio": float,
        "supported_ratio": float, "tolerance": float, "outcome": str, "overstated_pct": int, "reason": str,
        "rules_broken": str, "product_result": str, "comparator_result": str,
        "product_accelerators": int, "comparator_accelerators": int,
    }, "claim_id", [("claim_id", "claims", "id"), ("vendor", "vendors", "slug"),
                    ("product_result", "benchmark_results", "id"), ("comparator_result", "benchmark_results", "id")],
        [["outcome"], ["vendor"], ["round", "division"], ["cites_mlperf"]]),
    # one row: the evidence (filed values, results, registry, rule files) the last check saw, and the extract
    # run storing facts since (a run that died before checking them leaves its id: check everything)
    "check_state": ({"id": int, "evidence": str, "pending": int, "checked": str}, "id", [], []),
}


# a check goes with its fact: replacing a document's facts deletes their checks too, so checking new
# documents never has to sweep the whole history for checks whose fact is gone
CHECK_CLEANUP_TRIGGERS = {"claim_checks": ("claims", "claim_id"), "figure_checks": ("figures", "figure_id")}


def ensure_evidence_schema(db: sqlite_utils.Database) -> None:
    """Create missing evidence tables, columns, indexes and triggers; never drop anything."""
    for name, (columns, pk, fks, indexes) in EVIDENCE_SCHEMA.items():
        table = db[name]
        if not table.exists():
            table.create(columns, pk=pk, foreign_keys=fks, not_null={pk})
        else:
            for column, kind in columns.items():
                if column not in table.columns_dict:
                    table.add_column(column, kind)
        for index in indexes:
            table.create_index(index, if_not_exists=True)
    triggers = {row[0] for row in db.execute("select name from sqlite_master where type = 'trigger'")}
    for checks, (facts, key) in CHECK_CLEANUP_TRIGGERS.items():
        name = f"{facts}_delete_{checks}"
        if name not in triggers:
            with db.conn:  # the checks orphaned before the trigger existed go once, with its creation
                db.execute(f"delete from [{checks}] where [{key}] not in (select id from [{facts}])")
                db.execute(f"create trigger [{name}] after delete on [{facts}] "
                           f"begin delete from [{checks}] where [{key}] = old.id; end")
