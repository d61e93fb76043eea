"""concepts.yml: our metrics mapped to XBRL concepts as data; a bad entry names file and metric."""

from __future__ import annotations

import pytest

from evidence.concepts import load_concepts
from evidence.errors import ConceptsError


def test_the_shipped_map_covers_the_checkable_metrics():
    metrics = load_concepts().metrics
    assert {"revenue", "net_income", "operating_income", "eps", "cash", "gross_margin", "guidance_revenue"} <= set(metrics)
    assert metrics["revenue"].concepts[0] == ("us-gaap", "Revenues")
    assert metrics["cash"].kind == "instant"
    assert metrics["guidance_revenue"].actual == "revenue"


def test_a_figure_unit_maps_to_the_filings_unit():
    metrics = load_concepts().metrics
    assert metrics["eps"].unit_for("USD/share") == "USD/shares"
    assert metrics["revenue"].unit_for("TWD") == "TWD"


@pytest.mark.parametrize(("entry", "problem"), [
    ("revenue: {concepts: [Revenues]}", "revenue: concept 'Revenues' is not taxonomy:Tag"),
    ("revenue: {kind: monthly, concepts: ['us-gaap:Revenues']}", "revenue: kind must be duration or instant"),
    ("guidance_eps: {actual: eps}", "guidance_eps: actual 'eps' is not a metric"),
    ("revenue: {}", "revenue: needs concepts, ratio or actual"),
])
def test_a_malformed_entry_is_refused_with_its_metric(tmp_path, entry, problem):
    path = tmp_path / "concepts.yml"
    path.write_text(f"metrics:\n  {entry}\n", encoding="utf-8")
    with pytest.raises(ConceptsError, match=problem):
        load_concepts(path)
