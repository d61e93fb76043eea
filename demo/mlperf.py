"""Render the demo's MLPerf round (``corpus/mlperf.yml``) as a whole-round ``summary.csv`` in the real v6.x
column set, every field quoted as MLCommons quotes it. Every row's ``notes`` says it is demo data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from demo.corpus import CORPUS_DIR

HEADER = ("Organization", "Availability", "Division", "SystemType", "SystemName", "Platform", "Model", "MlperfModel",
          "Scenario", "Result", "Accuracy", "number_of_nodes", "host_processor_model_name",
          "host_processors_per_node", "host_processor_core_count", "accelerator_model_name", "accelerators_per_node",
          "total_accelerators", "Location", "framework", "operating_system", "notes", "compliance", "errors",
          "version", "inferred", "has_power", "Units", "weight_data_types", "design_power_watts", "PrivateID")
DEMO_NOTE = "Demo data: fictional submitter and result, invented for the chipwatch demo corpus."
ACCURACY = {"llama2-70b-99": "ROUGE1: 44.41 ROUGE2: 22.05 ROUGEL: 28.62 TOKENS_PER_SAMPLE: 294.4",
            "llama3.1-8b": "ROUGE1: 38.79 ROUGE2: 15.91 ROUGEL: 24.52 GEN_LEN: 8167644"}


def load_round(corpus_dir: Path = CORPUS_DIR) -> dict:
    return yaml.safe_load((corpus_dir / "mlperf.yml").read_text(encoding="utf-8"))


def mlperf_files(round_: dict) -> dict[str, bytes]:
    """``{"<host>/<path>": summary.csv bytes}`` for the demo round."""
    systems = {s["system"]: s for s in round_["systems"]}
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerow(HEADER)
    for system_name, division, model, scenario, result, units in round_["results"]:
        writer.writerow(_row(systems[system_name], round_["round"], division, model, scenario, result, units))
    return {f"{round_['host']}/{round_['path']}": out.getvalue().encode("utf-8")}


def _row(system: dict, version: str, division: str, model: str, scenario: str, result: float, units: str) -> list:
    org = system["organization"].split()[0]
    per_node, nodes = system["accelerators_per_node"], system["nodes"]
    location = f"./{division}/{org}/results/{system['platform']}/{model}/{scenario}/performance/run_1"
    return [system["organization"], "available", division, "datacenter", system["system"], system["platform"],
            model, model, scenario, f"{result:g}", ACCURACY.get(model, ""), str(nodes), system["host_processor"], "2",
            "64", system["accelerator"], str(per_node), str(per_node * nodes), location, system["framework"],
            "Demo Linux 1.0", DEMO_NOTE, division, "0", version, "0", "False", units, "fp8", "None", ""]


def round_url(base: str, round_: dict | None = None) -> str:
    """The URL of the demo round's summary.csv under the replay server's ``base`` URL."""
    round_ = round_ or load_round()
    return f"{base.rstrip('/')}/{round_['host']}/{round_['path']}"
