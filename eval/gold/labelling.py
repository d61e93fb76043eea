"""Shared by the blind-split builders (``eval/gold/blind-*/build_blind.py``): terse fact constructors in the
gold schema and the writer of a split's ``texts/`` and ``labels.jsonl``."""

from __future__ import annotations

import json
from pathlib import Path


def P(value, unit, metric, direction, product, comparator, workload, hedge, quote, **extra) -> dict:  # noqa: N802
    """A performance fact, fields in the order a labeller reads them off the sentence."""
    return dict(type="performance", value=value, unit=unit, metric=metric, direction=direction, product=product,
                comparator=comparator, workload=workload, hedge=hedge, quote=quote, **extra)


def F(value, unit, metric, period, company, quote, change=None, **extra) -> dict:  # noqa: N802
    """A financial fact."""
    return dict(type="financial", value=value, unit=unit, metric=metric, period=period, company=company,
                change=change, quote=quote, **extra)


class Split:
    """The documents of one split, added with ``doc(...)`` and written with ``write(directory)``."""

    def __init__(self) -> None:
        self.docs: list[tuple] = []

    def doc(self, doc_id, kind, vendor, published, text, facts) -> None:
        self.docs.append((doc_id, kind, vendor, published, text, facts))

    def write(self, here: Path) -> None:
        """``texts/<id>.txt`` and ``labels.jsonl``; every quote must stand in its text as written."""
        (here / "texts").mkdir(exist_ok=True)
        rows = []
        for doc_id, kind, vendor, published, text, facts in self.docs:
            for fact in facts:
                assert fact["quote"] in text, (doc_id, fact["quote"])
            (here / "texts" / f"{doc_id}.txt").write_text(text + "\n", encoding="utf-8")
            rows.append(json.dumps({"doc_id": doc_id, "kind": kind, "vendor": vendor, "published": published,
                                    "facts": facts}))
        (here / "labels.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
        print(f"{len(self.docs)} documents, {sum(len(d[5]) for d in self.docs)} facts")
