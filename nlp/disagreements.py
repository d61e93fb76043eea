"""Per-attribute disagreement patterns over matched facts, for ``python -m nlp.evaluate --errors``.

Matching and agreement come from the shared scorer itself (``GOLD/../score.py``, loaded by path,
never copied), so these counts always add up to the scorer's attribute figures.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

from nlp.errors import GoldError

ATTRIBUTES = ("product", "comparator", "workload", "period", "metric", "hedge")


def load_scorer(gold: Path, scorer: Path | None = None) -> ModuleType:
    """The shared scorer module of a split (``scorer``, default ``gold/../score.py``)."""
    path = scorer or gold.parent / "score.py"
    if not path.is_file():
        raise GoldError(f"{path}: the shared scorer is missing")
    spec = importlib.util.spec_from_file_location("_gold_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _shape(value: object) -> str:
    return "—" if value is None else repr(str(value))


def disagreements(scorer: ModuleType, rows: list[dict], predictions: dict[str, list[dict]]) -> dict:
    """{attribute: (agreed, seen, Counter of "gold -> predicted" patterns)} over matched pairs."""
    out = {a: [0, 0, Counter()] for a in ATTRIBUTES}
    for row in rows:
        for g, p in scorer.match(row["facts"], predictions.get(row["doc_id"], [])):
            for a in ATTRIBUTES:
                if g.get(a) is None:  # scored only where the gold label names the attribute
                    continue
                out[a][1] += 1
                if scorer.attr_agrees(a, g, p):
                    out[a][0] += 1
                else:
                    out[a][2][f"{_shape(g.get(a))} -> {_shape(p.get(a))}"] += 1
    return out


def format_disagreements(table: dict, top: int = 10) -> str:
    """Agreement per attribute, then its ``top`` most frequent disagreement patterns."""
    lines = [f"{'attribute':12s} {'agree':>6s} {'seen':>5s} {'rate':>6s}"]
    for a, (agreed, seen, _) in table.items():
        lines.append(f"{a:12s} {agreed:6d} {seen:5d} {agreed / seen if seen else 0:6.2f}")
    for a, (_, _, patterns) in table.items():
        if patterns and top:
            lines.append(f"-- {a}: most frequent disagreements (gold -> predicted)")
            lines += [f"  {n:3d}  {pattern}" for pattern, n in patterns.most_common(top)]
    return "\n".join(lines)
