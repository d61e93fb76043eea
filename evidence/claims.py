"""Check one performance claim against MLPerf results: the row ``claim_checks`` stores for it.

A claim is checked when its sentence cites MLPerf, or when it states a ratio against a comparator
("2.3x faster than the LX-2") and its product has results in ``benchmark_results``.
The claim's workload names the MLPerf model (``claim_rules.yml``), its sentence the round, division and
scenario (unnamed: the latest round both products share, the closed division, the one common scenario).
Each side's best result in that round, division, model and scenario gives the ratio the results support,
per system and per accelerator (result / ``total_accelerators``); the claim is compared per accelerator
when it says "per chip", per system otherwise.

>>> claimed_ratio({"value": 2.4, "unit": "x"}), claimed_ratio({"value": 60, "unit": "%", "direction": "higher"})
(2.4, 1.6)
"""

from __future__ import annotations

import json
import re

from evidence.claim_rules import Citation, ClaimRules

SUPPORTED, OVERSTATED, NO_RESULT = "supported", "overstated", "no comparable result"
PER_SYSTEM, PER_ACCELERATOR = "per system", "per accelerator"
_PER_WATT = re.compile(r"\bper watt\b|/W\b", re.IGNORECASE)


class Results:
    """The benchmark_results rows, and which of them a product name names, worked out once per name."""

    def __init__(self, rows: list[dict], rules: ClaimRules):
        self.rows = [(row.get("accelerator") or rules.product_of(row.get("accelerator_name")), row) for row in rows]
        self._named: dict[str, list[dict]] = {}

    def naming(self, text: str | None) -> list[dict]:
        """The rows whose accelerator ``text`` names ("LX-3 Wafer Engine" names a row of "LX-3")."""
        if not text:
            return []
        if text not in self._named:
            self._named[text] = [row for name, row in self.rows if name and _mentions(name, text)]
        return self._named[text]


def check_claim(claim: dict, results: Results, rules: ClaimRules) -> dict | None:
    """The ``claim_checks`` row for ``claim`` (a claims row) against ``results`` (benchmark_results rows),
    or None when it cites no MLPerf result and is not a ratio against a comparator for a benchmarked product."""
    mine = results.naming(claim.get("product"))
    cites = "mlperf" in (claim.get("sentence") or "").lower()
    if not cites and not (mine and claim.get("comparator") and claimed_ratio(claim)):
        return None  # a spec ("44 GB") or a comparison of an unbenchmarked product: nothing to check
    citation = rules.read(claim.get("sentence"))
    row = _base_row(claim, citation, rules)
    if citation.cites_mlperf:
        row["rules_broken"] = _broken_rules(claim, citation, rules)
    ours_ids = {r["id"] for r in mine}
    others = [r for r in results.naming(claim.get("comparator")) if r["id"] not in ours_ids]
    models = rules.models_named(claim.get("workload")) or rules.models_named(claim.get("sentence"))
    ours = theirs = None
    why = _why_not_comparable(claim, row, mine, others, models)
    if not why:
        ours, theirs, why = _pair(mine, others, models, citation, row)
    if citation.cites_mlperf and _PER_WATT.search(claim.get("sentence") or "") \
            and not (ours and ours["has_power"] and theirs["has_power"]):
        row["rules_broken"] = _add_rule(row["rules_broken"], "per watt from power results")
    if why:
        return dict(row, outcome=NO_RESULT, reason=why)
    if citation.cites_mlperf and _unstated_category(ours, theirs, claim.get("sentence")):
        row["rules_broken"] = _add_rule(row["rules_broken"], "category stated")
    row.update(_ratios(ours, theirs, claim, citation, rules))
    return row


def _unstated_category(ours: dict, theirs: dict, sentence: str | None) -> bool:
    """Results of different categories (available / preview / rdi) compared without naming both."""
    categories = {ours.get("availability"), theirs.get("availability")} - {None}
    said = (sentence or "").lower()
    return len(categories) > 1 and not all(re.search(rf"\b{c}\b", said) for c in categories)


def claimed_ratio(claim: dict) -> float | None:
    """The ratio a claim states: "2.4x" -> 2.4, "60% faster" -> 1.6; None for anything else."""
    value, unit = claim.get("value"), (claim.get("unit") or "").lower()
    if value is None:
        return None
    if unit == "x":
        return float(value)
    if unit == "%" and claim.get("direction") == "higher":
        return round(1 + value / 100, 6)
    return None


def _base_row(claim: dict, citation: Citation, rules: ClaimRules) -> dict:
    return {"claim_id": claim["id"], "vendor": claim.get("vendor"), "product": claim.get("product"),
            "comparator": claim.get("comparator"), "workload": claim.get("workload"),
            "cites_mlperf": int(citation.cites_mlperf), "claimed_ratio": claimed_ratio(claim),
            "tolerance": rules.tolerance, "rules_broken": None}


def _why_not_comparable(claim: dict, row: dict, mine: list, others: list, models: tuple) -> str | None:
    if not mine:
        return f"no MLPerf results for {claim.get('product')}"
    if not claim.get("comparator"):
        return "the claim names no comparator"
    if not others:
        return f"no MLPerf results for the comparator {claim['comparator']!r}"
    if row["claimed_ratio"] is None:
        return f"the claim is not a ratio ({claim.get('value')} {claim.get('unit')})"
    if not models:
        return f"the workload {claim.get('workload')!r} names no MLPerf model" if claim.get("workload") \
            else "the claim names no workload"
    return None


def _pair(mine: list, others: list, models: tuple, citation: Citation, row: dict):
    """``(ours, theirs, None)``: the two best comparable results; ``(None, None, why)`` when there are none."""
    division = citation.divisions[0] if len(citation.divisions) == 1 else "closed"
    scenarios = citation.scenarios
    for model in models:
        ours = [r for r in mine if r["model"] == model and r["division"] == division]
        theirs = [r for r in others if r["model"] == model and r["division"] == division]
        rounds = sorted({r["round"] for r in ours} & {r["round"] for r in theirs}, key=_round_key)
        round_name = citation.round if citation.round in rounds else (rounds[-1] if rounds and not citation.round
                                                                     else None)
        if round_name is None:
            continue
        ours = [r for r in ours if r["round"] == round_name]
        theirs = [r for r in theirs if r["round"] == round_name]
        common = sorted({r["scenario"] for r in ours} & {r["scenario"] for r in theirs})
        scenario = scenarios[0] if len(scenarios) == 1 else (common[0] if len(common) == 1 else None)
        if scenario not in common:
            row.update(round=round_name, division=division, model=model)
            return None, None, _no_scenario(scenarios, common)
        row.update(round=round_name, division=division, model=model, scenario=scenario)
        return _best([r for r in ours if r["scenario"] == scenario]), \
            _best([r for r in theirs if r["scenario"] == scenario]), None
    return None, None, _no_round(mine, others, models, citation, division)


def _no_scenario(named: tuple, common: list) -> str:
    if len(named) > 1:
        return f"the claim names {len(named)} scenarios ({', '.join(named)})"
    if named:
        return f"no results of both products in the {named[0]} scenario (both have: {', '.join(common) or 'none'})"
    return f"the claim names no scenario and the results share {len(common)} ({', '.join(common)})"


def _no_round(mine: list, others: list, models: tuple, citation: Citation, division: str) -> str:
    """Which side lacks results in the round and division wanted, and where that side does have them."""
    wanted = f"{citation.round} {division} division" if citation.round else f"the {division} division"
    for side, rows in (("the product", mine), ("the comparator", others)):
        held = {(r["round"], r["division"]) for r in rows if r["model"] in models}
        if (citation.round, division) not in held and not (citation.round is None and division in {d for _, d in held}):
            where = ", ".join(f"{d} division of {r}" for r, d in sorted(held)) or "none for that model"
            return f"{side} has no {'/'.join(models)} results in {wanted} (it has: {where})"
    return f"the two products have no {'/'.join(models)} results in one round of {wanted}"


def _ratios(ours: dict, theirs: dict, claim: dict, citation: Citation, rules: ClaimRules) -> dict:
    system = ours["result"] / theirs["result"] if not ours["lower_is_better"] else theirs["result"] / ours["result"]
    counts = (ours.get("total_accelerators"), theirs.get("total_accelerators"))
    per_accelerator = system * counts[1] / counts[0] if all(counts) else None
    per_chip = bool(re.search(r"\bper (?:chip|accelerator|GPU|card|processor)\b", claim.get("sentence") or "", re.I))
    basis = PER_ACCELERATOR if per_chip else PER_SYSTEM
    supported = per_accelerator if per_chip else system
    row = {"product_result": ours["id"], "comparator_result": theirs["id"], "product_accelerators": counts[0],
           "comparator_accelerators": counts[1], "system_ratio": round(system, 4), "basis": basis,
           "accelerator_ratio": round(per_accelerator, 4) if per_accelerator else None}
    if supported is None:
        return dict(row, outcome=NO_RESULT, reason="a result row lacks its accelerator count")
    claimed = claimed_ratio(claim)
    row["supported_ratio"] = round(supported, 4)
    if claimed <= supported * (1 + rules.tolerance):
        return dict(row, outcome=SUPPORTED, overstated_pct=None)
    pct = round((claimed / supported - 1) * 100)
    return dict(row, outcome=OVERSTATED, overstated_pct=pct,
                reason=f"overstated by {pct}%: the results support {supported:.2f}x {basis}, the claim says {claimed:g}x")


def _broken_rules(claim: dict, citation: Citation, rules: ClaimRules) -> str:
    sentence = claim.get("sentence")
    broken = [name for name, broke in (
        ("round named", citation.round is None),
        ("division named", not citation.divisions),
        ("one division and scenario", len(citation.divisions) > 1 or len(citation.scenarios) > 1),
        ("chip counts stated", bool(claim.get("comparator")) and not rules.states_chip_counts(sentence)),
        ("no non-MLPerf numbers", rules.mixes_other_numbers(sentence)),
    ) if broke]
    return json.dumps(broken)


def _add_rule(broken: str, rule: str) -> str:
    return json.dumps([*json.loads(broken), rule])


def _mentions(name: str, text: str) -> bool:
    """``name`` in ``text`` or ``text`` in ``name``, as whole words ("LX-3" and "LX-3 Wafer Engine")."""
    return any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", b, re.IGNORECASE) for a, b in ((name, text), (text, name)))


def _best(rows: list[dict]) -> dict:
    """The best result among ``rows``: vendors cite their best system, and the fair comparison is the other's best."""
    return (min if rows[0]["lower_is_better"] else max)(rows, key=lambda r: (r["result"], r["id"]))


def _round_key(name: str) -> tuple:
    return tuple(int(part) for part in re.findall(r"\d+", name))
