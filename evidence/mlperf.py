"""Parse an MLPerf Inference ``summary.csv`` (v4.x per-submitter or v5+/v6.x whole-round) into rows
of ``benchmark_results``.

One row per system x model x scenario. Column names are matched ignoring case, spaces and
underscores, so a header renamed "System Name" still reads; v4.x has no ``total_accelerators``
(it is nodes x accelerators per node). A missing required column refuses the whole file; a bad
or truncated row costs that row only and is reported.

>>> rows, problems = parse_summary(b"Organization,Division,SystemName,Model,Scenario,Result,Units,"
...     b"accelerator_model_name,accelerators_per_node,Location,version\\n"
...     b"Acme,closed,A1x8,resnet50,offline,123.5,Samples/s,NVIDIA H200-SXM-141GB,8,closed/Acme/r/A1x8/resnet50/Offline,v5.0\\n")
>>> rows[0]["id"], rows[0]["accelerator"], rows[0]["scenario"], rows[0]["total_accelerators"]
('v5.0/closed/Acme/r/A1x8/resnet50/Offline', 'H200', 'Offline', 8)
"""

from __future__ import annotations

import csv
import io
import re

from evidence.accelerators import Catalogue, load_catalogue
from evidence.errors import SummaryFormatError

# our column -> MLPerf header (normalised: lower case, no spaces, underscores or hyphens)
COLUMNS = {
    "organization": "organization", "availability": "availability", "division": "division",
    "system_type": "systemtype", "system": "systemname", "platform": "platform", "model": "model",
    "mlperf_model": "mlperfmodel", "scenario": "scenario", "result": "result", "units": "units",
    "accuracy": "accuracy", "nodes": "numberofnodes", "accelerator_name": "acceleratormodelname",
    "accelerators_per_node": "acceleratorspernode", "total_accelerators": "totalaccelerators",
    "location": "location", "version": "version", "has_power": "haspower",
}
REQUIRED = ("organization", "division", "system", "model", "scenario", "result", "units", "location",
            "accelerator_name", "accelerators_per_node")
SCENARIOS = {s.lower(): s for s in ("Offline", "Server", "SingleStream", "MultiStream", "Interactive")}


def parse_summary(data: bytes, *, round_name: str | None = None,
                  catalogue: Catalogue | None = None) -> tuple[list[dict], list[str]]:
    """``(rows, problems)`` from the bytes of a summary.csv; ``round_name`` ("v6.1") when the file has
    no ``version`` column. Raises SummaryFormatError for an empty file or a missing required column."""
    catalogue = catalogue or load_catalogue()
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig", errors="replace")))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        raise SummaryFormatError("summary.csv is empty")
    index = _column_index(header)
    rows, problems = [], []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        try:
            rows.append(_row(cells, index, len(header), round_name, catalogue))
        except ValueError as exc:
            problems.append(f"line {line}: {exc}")
    return rows, problems


def _column_index(header: list[str]) -> dict[str, int]:
    positions = {re.sub(r"[\s_\-]", "", name.lower()): i for i, name in enumerate(header)}
    index = {ours: positions[theirs] for ours, theirs in COLUMNS.items() if theirs in positions}
    missing = [COLUMNS[c] for c in REQUIRED if c not in index]
    if missing:
        raise SummaryFormatError(f"summary.csv lacks required column(s): {', '.join(missing)}")
    return index


def _row(cells: list[str], index: dict[str, int], width: int, round_name: str | None, catalogue: Catalogue) -> dict:
    if len(cells) < width:
        raise ValueError(f"{len(cells)} of {width} fields (truncated row)")
    get = {ours: cells[i].strip() for ours, i in index.items()}
    version = get.get("version") or round_name
    if not version:
        raise ValueError("no round: neither a version column nor a round name")
    per_node, nodes = _count(get, "accelerators_per_node"), _count(get, "nodes") or 1
    location = re.sub(r"^\./", "", get["location"])
    return {
        "id": f"{version}/{location}", "round": version, "division": get["division"].lower(),
        "availability": (get.get("availability") or "").lower() or None, "system_type": get.get("system_type"),
        "organization": get["organization"], "system": get["system"], "platform": get.get("platform"),
        "accelerator": catalogue.normalise(get["accelerator_name"]), "accelerator_name": get["accelerator_name"],
        "accelerators_per_node": per_node, "nodes": nodes,
        "total_accelerators": _count(get, "total_accelerators") or (per_node * nodes if per_node else None),
        "model": get["model"], "mlperf_model": get.get("mlperf_model"),
        "scenario": SCENARIOS.get(get["scenario"].lower(), get["scenario"]), "result": _result(get["result"]),
        "units": get["units"], "lower_is_better": int(get["units"].lower().startswith("latency")),
        "accuracy": get.get("accuracy"), "has_power": int(get.get("has_power", "").lower() == "true"),
        "location": location,
    }


def _count(get: dict, column: str) -> int | None:
    value = get.get(column) or ""
    return int(float(value)) if re.fullmatch(r"\d+(?:\.0+)?", value) else None


def _result(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise ValueError(f"result {value!r} is not a number") from None
