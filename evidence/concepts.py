"""The metric -> XBRL concept map (concepts.yml) as typed data.

>>> load_concepts().metrics["eps"].unit_for("USD/share")
'USD/shares'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from evidence.errors import ConceptsError

CONCEPTS_FILE = Path(__file__).with_name("concepts.yml")


@dataclass(frozen=True)
class Metric:
    """How one of our metrics is found in companyfacts."""

    name: str
    concepts: tuple[tuple[str, str], ...] = ()
    kind: str = "duration"
    unit: str = "{currency}"
    numerator: tuple[tuple[str, str], ...] = ()
    denominator: tuple[tuple[str, str], ...] = ()
    actual: str | None = None

    @property
    def is_ratio(self) -> bool:
        return bool(self.numerator)

    def unit_for(self, figure_unit: str | None) -> str | None:
        """The filing's unit for a figure quoted in ``figure_unit`` ("USD/share" -> "USD/shares")."""
        if not figure_unit:
            return None
        return self.unit.format(currency=figure_unit.split("/")[0])


@dataclass(frozen=True)
class Concepts:
    metrics: dict[str, Metric]
    not_comparable: dict[str, tuple[str, ...]] = field(default_factory=dict)
    end_tolerance_days: int = 10
    guidance_band: str | None = None
    not_comparable_notes: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=4)
def load_concepts(path: str | Path = CONCEPTS_FILE) -> Concepts:
    """Read ``concepts.yml``; raise ConceptsError naming the file and metric on a bad entry."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    metrics = {name: _metric(path, name, entry or {}) for name, entry in (raw.get("metrics") or {}).items()}
    for metric in metrics.values():
        if metric.actual and metric.actual not in metrics:
            raise ConceptsError(f"{path}: {metric.name}: actual '{metric.actual}' is not a metric")
    cues = {reason: tuple(words) for reason, words in (raw.get("not_comparable") or {}).items()}
    return Concepts(metrics, cues, int(raw.get("end_tolerance_days", 10)), raw.get("guidance_band"),
                    dict(raw.get("not_comparable_notes") or {}))


def _metric(path, name: str, entry: dict) -> Metric:
    ratio = entry.get("ratio") or {}
    metric = Metric(
        name=name, concepts=_tags(path, name, entry.get("concepts")), kind=entry.get("kind", "duration"),
        unit=entry.get("unit", "{currency}"), numerator=_tags(path, name, ratio.get("numerator")),
        denominator=_tags(path, name, ratio.get("denominator")), actual=entry.get("actual"),
    )
    if metric.kind not in ("duration", "instant"):
        raise ConceptsError(f"{path}: {name}: kind must be duration or instant, not {metric.kind!r}")
    if not (metric.concepts or metric.is_ratio or metric.actual):
        raise ConceptsError(f"{path}: {name}: needs concepts, ratio or actual")
    return metric


def _tags(path, name: str, values) -> tuple[tuple[str, str], ...]:
    tags = []
    for value in values or ():
        taxonomy, sep, tag = str(value).partition(":")
        if not sep or not tag:
            raise ConceptsError(f"{path}: {name}: concept {value!r} is not taxonomy:Tag")
        tags.append((taxonomy, tag))
    return tuple(tags)
