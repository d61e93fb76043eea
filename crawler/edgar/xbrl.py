"""XBRL ``companyfacts`` JSON -> reported-value rows for a curated list of tags.

Shape: ``{cik, entityName, facts: {taxonomy: {Tag: {label, description,
units: {unit: [fact, ...]}}}}}`` with facts ``{start?, end, val, accn, fy, fp,
form, filed, frame?}``. The same figure is repeated by later filings (as a
comparative); each repetition is kept, keyed by its accession, because "as
reported in filing X" is what a cross-check against that filing's press
release needs. Only facts filed on or after the horizon are kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from crawler.edgar.submissions import normalise_cik

# Periodic reports whose XBRL updates companyfacts; other forms (8-K, 6-K, S-1) rarely change it.
XBRL_REPORT_FORMS = frozenset({"10-K", "10-K/A", "10-Q", "10-Q/A", "20-F", "20-F/A", "40-F"})

# (taxonomy, tag) -> our metric name. Several tags map to one metric because filers
# switch tags over the years (e.g. RevenueFromContractWithCustomer... -> Revenues).
CURATED_TAGS: dict[tuple[str, str], str] = {
    ("us-gaap", "Revenues"): "revenue",
    ("us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax"): "revenue",
    ("us-gaap", "SalesRevenueNet"): "revenue",
    ("us-gaap", "CostOfRevenue"): "cost_of_revenue",
    ("us-gaap", "GrossProfit"): "gross_profit",
    ("us-gaap", "OperatingIncomeLoss"): "operating_income",
    ("us-gaap", "NetIncomeLoss"): "net_income",
    ("us-gaap", "EarningsPerShareBasic"): "eps_basic",
    ("us-gaap", "EarningsPerShareDiluted"): "eps_diluted",
    ("us-gaap", "ResearchAndDevelopmentExpense"): "research_and_development",
    ("us-gaap", "CashAndCashEquivalentsAtCarryingValue"): "cash",
    ("us-gaap", "Assets"): "total_assets",
    ("us-gaap", "NetCashProvidedByUsedInOperatingActivities"): "operating_cash_flow",
    ("dei", "EntityCommonStockSharesOutstanding"): "shares_outstanding",
    # Foreign private issuers reporting under IFRS (20-F filers such as TSMC).
    ("ifrs-full", "Revenue"): "revenue",
    ("ifrs-full", "GrossProfit"): "gross_profit",
    ("ifrs-full", "ProfitLossFromOperatingActivities"): "operating_income",
    ("ifrs-full", "ProfitLoss"): "net_income",
    ("ifrs-full", "BasicEarningsLossPerShare"): "eps_basic",
    ("ifrs-full", "DilutedEarningsLossPerShare"): "eps_diluted",
    ("ifrs-full", "CashAndCashEquivalents"): "cash",
}


def reported_rows(data: Any, *, vendor: str, cik: str, since: date) -> tuple[list[dict], list[str]]:
    """Rows ``{vendor, cik, taxonomy, tag, metric, unit, value, start, end, fy, fp, form, filed, frame,
    accession}`` for the curated tags, filed on or after ``since``; plus problems found on the way.
    """
    facts = data.get("facts") if isinstance(data, dict) else None
    if not isinstance(facts, dict):
        return [], ["companyfacts has no 'facts' object"]
    cik = normalise_cik(data.get("cik")) or cik
    rows: list[dict] = []
    skipped = 0
    for (taxonomy, tag), metric in CURATED_TAGS.items():
        units = ((facts.get(taxonomy) or {}).get(tag) or {}).get("units")
        if not isinstance(units, dict):
            continue
        for unit, values in units.items():
            for fact in values if isinstance(values, list) else []:
                row = _row(fact, vendor=vendor, cik=cik, taxonomy=taxonomy, tag=tag, metric=metric, unit=unit)
                if row is None:
                    skipped += 1
                elif row["filed"] >= since.isoformat():
                    rows.append(row)
    problems = [f"companyfacts: {skipped} facts of curated tags lack end, val or filed"] if skipped else []
    return rows, problems


def _row(fact: Any, **context: str) -> dict | None:
    if not isinstance(fact, dict):
        return None
    value, end, filed = fact.get("val"), fact.get("end"), fact.get("filed")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not end or not filed:
        return None
    fy = fact.get("fy")
    return {
        **context, "value": float(value), "start": fact.get("start"), "end": str(end),
        "fy": fy if isinstance(fy, int) else None, "fp": fact.get("fp"), "form": fact.get("form"),
        "filed": str(filed), "frame": fact.get("frame"), "accession": fact.get("accn"),
    }
