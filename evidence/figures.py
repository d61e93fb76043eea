"""Check one extracted figure against the filings: the row ``figure_checks`` stores for it.

``check_figure(db, figure, concepts)`` takes a figure row joined with its vendor's ``cik`` and
``fiscal_year_end`` and returns the outcome with both values, the ratio and the fact used.
"""

from __future__ import annotations

import re
from datetime import timedelta

import sqlite_utils

from evidence.concepts import Concepts, Metric
from evidence.lookup import FiledValue, find_filed
from evidence.outcomes import DIFFERS, MATCH, NO_FILING, NOT_COMPARABLE, against_filing, against_guidance
from evidence.periods import Period, fiscal_period
from evidence.precision import figure_number, stated_tolerance

FILING, GUIDANCE = "filing", "guidance vs. actual"


def check_figure(db: sqlite_utils.Database, figure: dict, concepts: Concepts) -> dict:
    """The ``figure_checks`` row for ``figure`` (keys of the figures table plus ``cik``, ``fiscal_year_end``)."""
    metric = concepts.metrics.get(figure["metric"])
    row = _base_row(figure, metric)
    period = fiscal_period(figure.get("period"), figure.get("fiscal_year_end"))
    reason = _not_comparable(figure, metric, period, concepts)
    if reason:
        return dict(row, outcome=NOT_COMPARABLE, reason=reason)
    row.update(period_start=period.start.isoformat(), period_end=period.end.isoformat())
    target = concepts.metrics[metric.actual] if metric.actual else metric
    filed = _filed(db, figure, target, period, concepts)
    if filed is None and _per_share_q4_of_a_filed_year(db, figure, target, period, concepts):
        return dict(row, outcome=NOT_COMPARABLE, reason="a Q4 per-share value is not filed on its own")
    if filed is None:
        why = "the vendor files no XBRL" if not figure.get("cik") else f"no {target.name} filed for {period.label}"
        return dict(row, outcome=NO_FILING, reason=why)
    row.update(_filed_columns(filed))
    if metric.actual:
        low, high = _guided_range(figure, concepts)
        tolerance = 0.0 if high is not None else row["tolerance"]
        return dict(row, outcome=against_guidance(low, high, filed.value, tolerance), quoted_high=high,
                    ratio=round(filed.value / low, 6) if low else None)
    outcome, ratio = against_filing(figure["value"], filed.value, row["tolerance"])
    if outcome == DIFFERS and row["restated_value"] is not None \
            and against_filing(figure["value"], filed.latest, row["tolerance"])[0] == MATCH:
        # a release quoting the period as later restated (e.g. last year's comparative) is right
        return dict(row, outcome=MATCH, ratio=round(filed.latest / figure["value"], 6),
                    reason="matches the restated value")
    return dict(row, outcome=outcome, ratio=ratio)


def _base_row(figure: dict, metric: Metric | None) -> dict:
    return {
        "figure_id": figure["id"], "vendor": figure["vendor"], "metric": figure["metric"],
        "period": figure.get("period"), "comparison": GUIDANCE if metric and metric.actual else FILING,
        "quoted_value": figure["value"], "quoted_high": figure.get("value_high"), "quoted_unit": figure.get("unit"),
        "tolerance": stated_tolerance(figure.get("raw"), figure["value"]),
    }


def _not_comparable(figure: dict, metric: Metric | None, period: Period | None, concepts: Concepts) -> str | None:
    """Why the filing cannot say anything about this figure, or None when it can."""
    if metric is None:
        return f"no XBRL concept for {figure['metric']}"
    if period is None and "FY" in (figure.get("period") or "") and not figure.get("fiscal_year_end"):
        return f"no fiscal_year_end to read {figure['period']!r} against"
    if period is None:
        return f"period {figure.get('period')!r} names no dated fiscal period"
    note = next((why for words, why in concepts.not_comparable_notes.items() if words in (figure.get("note") or "")),
                None)
    if note:
        return note
    cue = _cue_before_amount(figure, concepts)
    if cue:
        return cue
    return _unit_problem(figure, concepts.metrics[metric.actual] if metric.actual else metric)


def _unit_problem(figure: dict, metric: Metric) -> str | None:
    """Why the figure's unit cannot be the filed concept's: a growth rate for revenue, dollars for EPS."""
    unit, name = figure.get("unit"), figure["metric"]
    if not unit:
        return "figure has no unit"
    if metric.is_ratio:
        return None if unit == "%" else f"{name} in {unit!r}, not a percent"
    per_share = "/shares" in metric.unit
    if re.fullmatch(r"[A-Z]{3}/share" if per_share else r"[A-Z]{3}", unit):
        return None
    if unit == "%":
        return f"a percent, not an amount of {name}"
    return f"{name} in {unit!r}, not {'a per-share amount' if per_share else 'an amount of money'}"


def _cue_before_amount(figure: dict, concepts: Concepts) -> str | None:
    """"non-GAAP" or "segment" when such a word qualifies the amount: before it in its clause of the sentence
    (the quote alone may start mid-phrase: "center revenue grew ..." for "Data center revenue")."""
    quote, sentence = figure.get("raw") or "", figure.get("sentence") or ""
    number = figure_number(quote, figure["value"])
    at = sentence.find(quote) if quote else -1
    if number and at >= 0:
        before = sentence[:at + number.start()]
    else:
        before = quote[:number.start()] if number else quote or sentence
    before = re.split(r";|\u2022", before)[-1]  # the amount's own clause or bullet
    for reason, words in concepts.not_comparable.items():
        if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", before, re.IGNORECASE) for w in words):
            return reason
    return None


def _filed(db, figure: dict, metric: Metric, period: Period, concepts: Concepts) -> FiledValue | None:
    if metric.is_ratio:
        return _filed_ratio(db, figure["vendor"], metric, period, concepts)
    unit = metric.unit_for(figure["unit"])
    return find_filed(db, figure["vendor"], metric.concepts, unit, period, instant=metric.kind == "instant",
                      tolerance=concepts.end_tolerance_days, derive_q4="/" not in unit)


def _per_share_q4_of_a_filed_year(db, figure: dict, metric: Metric, period: Period, concepts: Concepts) -> bool:
    """A Q4 EPS cannot be derived (share counts differ by quarter), but the year it ends may be filed."""
    if metric.is_ratio or "/" not in (figure.get("unit") or "") or period.months != 3 \
            or not period.label.startswith("Q4"):
        return False
    year = Period(period.label, _year_start(period), period.end, 12)
    return find_filed(db, figure["vendor"], metric.concepts, metric.unit_for(figure["unit"]), year,
                      tolerance=concepts.end_tolerance_days + 7) is not None


def _year_start(period: Period):
    return period.start - timedelta(days=273)


def _filed_ratio(db, vendor: str, metric: Metric, period: Period, concepts: Concepts) -> FiledValue | None:
    """A percent (gross margin) from its two filed amounts."""
    if not metric.is_ratio:
        return None
    options = dict(tolerance=concepts.end_tolerance_days)
    top = find_filed(db, vendor, metric.numerator, metric.unit, period, **options)
    bottom = find_filed(db, vendor, metric.denominator, metric.unit, period, **options)
    if top is None or bottom is None or not bottom.value:
        return None
    derived = f"{top.tag} {top.value:g} / {bottom.tag} {bottom.value:g}"
    return FiledValue(round(100 * top.value / bottom.value, 6), round(100 * top.latest / bottom.latest, 6),
                      top.taxonomy, top.tag, "%", top.start, top.end, top.filed, top.accession, top.fact_id,
                      derived=derived)


def _filed_columns(filed: FiledValue) -> dict:
    return {
        "filed_value": filed.value, "filed_unit": filed.unit, "taxonomy": filed.taxonomy, "tag": filed.tag,
        "accession": filed.accession, "filed": filed.filed, "reported_value": filed.fact_id,
        "derived": filed.derived, "restated_value": filed.latest if filed.latest != filed.value else None,
    }


def _guided_range(figure: dict, concepts: Concepts) -> tuple[float, float | None]:
    """``(low, high)`` of a guidance: its stored range, a "plus or minus N%" band, or ``(value, None)``."""
    value, high = figure["value"], figure.get("value_high")
    if high is not None:
        return value, high
    band = re.search(concepts.guidance_band, figure.get("raw") or "", re.IGNORECASE) if concepts.guidance_band \
        else None
    if band:
        spread = value * float(band.group(1)) / 100
        return value - spread, value + spread
    return value, None
