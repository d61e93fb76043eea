"""Synthetic databases of any size, built with the project's own schema and write path.

Ten claims and two figures per document, across fictional vendors with a skewed share (the
largest holds about a quarter of the claims, as the biggest real vendor does). Every sentence
is generated from templates; about a third say "faster"; one claim in ten thousand carries the
rare word "zirconium", so full-text search can be timed on a common and on a rare term.
Deterministic: the same size gives the same database.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from data import store
from data.bulk import batches, bulk_load
from data.claim_groups import rebuild_claim_groups
from data.db import open_db
from data.facts import replace_facts

VERSION = "bench"
RARE_WORD = "zirconium"
COMMON_WORD = "faster"
VENDOR_SHARES = [24, 16, 12, 10, 8, 7, 6, 5, 4, 3, 2, 2, 1]  # percent, 13 vendors like the real registry
PRODUCTS = ["Arc {n}", "Vela V{n}", "Tern T{n}", "Quill Q{n}", "Orrin O{n}"]
METRICS = [("speed", "x", COMMON_WORD), ("efficiency", "x", "more efficient"), ("throughput", "tokens/s", "more"),
           ("latency", "x", "lower latency"), ("bandwidth", "TB/s", "more bandwidth")]
COMPARATORS = ["GPU cloud instances", "the previous generation", "a leading GPU", "CPU servers", None]
WORKLOADS = ["Llama 3.1 70B inference", "MLPerf Inference ResNet-50 Offline", "video transcoding", None]
FIGURE_METRICS = [("revenue", "USD"), ("net income", "USD"), ("gross margin", "%"), ("EPS", "USD/share")]


def vendor_slugs() -> list[str]:
    return [f"benchvendor{i:02d}" for i in range(len(VENDOR_SHARES))]


def build(path: Path, claims: int, *, claims_per_document: int = 10, figures_per_document: int = 2,
          progress: Callable[[int], None] | None = None) -> dict:
    """Build ``path`` with about ``claims`` claims; return what was built."""
    rng = random.Random(claims)
    db = open_db(path)
    slugs = vendor_slugs()
    db["vendors"].upsert_all([{"slug": s, "name": f"Bench Vendor {i:02d}", "demo": 1}
                              for i, s in enumerate(slugs)], pk="slug")
    documents = max(1, claims // claims_per_document)
    made_claims = made_figures = 0
    with bulk_load(db):  # the project's write path, with FTS and facet counts rebuilt once at the end
        for batch in batches(range(documents)):
            with db.atomic():
                for n in batch:
                    c, f = _write_document(db, rng, slugs, n, claims_per_document, figures_per_document)
                    made_claims += c
                    made_figures += f
                    if progress and n % 1000 == 0:
                        progress(n)
    from nlp import grouping

    groups = rebuild_claim_groups(db, grouping)  # a real history is grouped as it is extracted
    db.execute("ANALYZE")
    db.close()
    return {"documents": documents, "claims": made_claims, "figures": made_figures, "groups": groups}


def history(size: int, work_dir: Path, *, echo=print) -> tuple[Path, dict]:
    """The synthetic database of ``size`` claims under ``work_dir``, built once and shared by the benchmarks.

    Built under another name and renamed when done, so a killed build is never reused. Returns the path
    (named chipwatch.db, the name metadata.yml describes) and what it holds, with ``build_seconds`` None
    when it was built before.
    """
    db_path = work_dir / f"claims-{size}" / "chipwatch.db"
    if db_path.exists():
        db = open_db(db_path)
        built = {"documents": db["documents"].count, "claims": db["claims"].count,
                 "figures": db["figures"].count, "build_seconds": None}
        db.close()
        return db_path, built
    echo(f"  building {size:,} claims (bench/synthetic.py, through the project's write path) ...")
    partial = db_path.with_name("building.db")
    partial.parent.mkdir(parents=True, exist_ok=True)
    for leftover in partial.parent.glob("building.db*"):
        leftover.unlink()
    started = time.perf_counter()
    documents = max(1, size // 10)

    def progress(n: int) -> None:
        if n and n % max(1000, documents // 10 // 1000 * 1000) == 0:
            echo(f"    {n:,} of {documents:,} documents, {time.perf_counter() - started:.0f} s")

    built = build(partial, size, progress=progress)
    partial.rename(db_path)
    built["build_seconds"] = round(time.perf_counter() - started, 1)
    return db_path, built


def _write_document(db, rng: random.Random, slugs: list[str], n: int, claims: int, figures: int) -> tuple[int, int]:
    vendor = rng.choices(slugs, weights=VENDOR_SHARES)[0]
    published = f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    sentences, facts = [], []
    offset = 0
    for k in range(claims + figures):
        sentence, fact = (_claim(rng, n, k) if k < claims else _figure(rng))
        quote_at = sentence.index(fact["quote"])
        fact.update(sentence=sentence, start=offset + quote_at, end=offset + quote_at + len(fact["quote"]))
        sentences.append(sentence)
        facts.append(fact)
        offset += len(sentence) + 1
    doc_id, _ = store.save_document(db, {
        "url": f"https://news.benchvendor.example/{vendor}/{n}", "vendor": vendor, "source": f"{vendor}-feed",
        "kind": "press_release", "published": published, "title": f"Bench release {n} of {vendor}",
        "text": " ".join(sentences)}, demo=True)
    return replace_facts(db, {"id": doc_id, "vendor": vendor, "published": published}, facts, VERSION)


def _claim(rng: random.Random, n: int, k: int) -> tuple[str, dict]:
    metric, unit, phrase = rng.choice(METRICS)
    product = rng.choice(PRODUCTS).format(n=rng.randint(1, 9))
    value = round(rng.uniform(1.1, 12.0), 1)
    comparator = rng.choice(COMPARATORS)
    workload = rng.choice(WORKLOADS)
    quote = f"{value}{unit if unit == 'x' else ' ' + unit} {phrase}"
    rare = f" with {RARE_WORD} interconnects" if (n * 10 + k) % 10_000 == 7 else ""
    sentence = (f"The {product} delivers {quote}" + (f" than {comparator}" if comparator else "")
                + (f" on {workload}" if workload else "") + f"{rare}.")
    return sentence, {"type": "performance", "value": value, "unit": unit, "metric": metric, "direction": "higher",
                      "product": product, "comparator": comparator, "workload": workload,
                      "hedge": rng.choice([None, None, "up to"]), "quote": quote}


def _figure(rng: random.Random) -> tuple[str, dict]:
    metric, unit = rng.choice(FIGURE_METRICS)
    amount = round(rng.uniform(10, 900), 1)
    quote = f"${amount} million" if unit == "USD" else f"{amount}%"
    sentence = f"Quarterly {metric} was {quote}, the company said."
    return sentence, {"type": "financial", "metric": metric, "value": amount * 1e6 if unit == "USD" else amount,
                      "unit": unit, "period": f"Q{rng.randint(1, 4)} FY20{rng.randint(19, 26)}", "quote": quote}
