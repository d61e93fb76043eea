"""Growth: does a stage cost what the new work costs, or what the whole history costs?

An incremental extract over a database that already holds N extracted documents, with 100 new
ones, should take about the same time whatever N is.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench.synthetic import history
from data import store
from data.db import open_db
from evidence.check import check_after_extract

NEW_DOCUMENTS = 100
NEW_TEXT = ("The Arc 9 delivers 4.2x faster inference than GPU cloud instances on Llama 3.1 70B, the company "
            "said. Quarterly revenue was $512.0 million, up 18% from a year earlier.")


def incremental_extract(history_claims: tuple[int, ...], histories: Path, work_dir: Path, *, echo=print) -> dict:
    from chipwatch.config import REPO_ROOT, load_settings
    from chipwatch.extract import run_extract
    from chipwatch.registry import load_registry

    registry = load_registry(REPO_ROOT / "sources.yml")
    from chipwatch.extract import vendor_dicts
    from nlp.extract import Extractor

    Extractor(vendor_dicts(registry)).extract("Warm-up.")  # imports and first loads, outside the timings
    results = {}
    for size in history_claims:
        base, _ = history(size, histories, echo=echo)
        db_path = work_dir / f"claims-{size}" / "chipwatch.db"  # a copy: the shared history stays as built
        db_path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        shutil.copy(base, db_path)
        db = open_db(db_path)
        # history counts as extracted by this extractor, so only the new documents are pending
        from nlp import EXTRACTOR_VERSION

        db.execute("update documents set extracted_version = ?", [EXTRACTOR_VERSION])
        db.conn.commit()
        check_after_extract(db, 0, [])  # and checked against the evidence, as the last run left it
        for n in range(NEW_DOCUMENTS):
            store.save_document(db, {"url": f"https://news.benchvendor.example/new/{n}", "vendor": "benchvendor00",
                                     "source": "bench", "kind": "press_release", "published": "2026-11-30",
                                     "text": f"Release {n}. {NEW_TEXT}"})
        documents = db["documents"].count
        db.close()
        settings = load_settings({"CHIPWATCH_DB": str(db_path)})
        started = time.perf_counter()
        report = run_extract(settings, registry, progress=False)
        seconds = time.perf_counter() - started
        results[str(size)] = {"stored_documents": documents, "extracted": report.documents,
                              "seconds": round(seconds, 2), "groups": report.groups}
    return results
