"""Synthetic databases of any size, built with the project's own schema and write path.

Ten claims and two figures per document, across fictional vendors with a skewed share (the
largest holds about a quarter of the claims, as the biggest real vendor does). Every sentence
is generated from templates; about a third say "faster"; one claim in ten thousand carries the
rare word "zirconium", so full-text search can be timed on a common and on a rare term.
Deterministic: the same size gives the same database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from data import store
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
    for n in range(documents):
        vendor = rng.choices(slugs, weights=VENDOR_SHARES)[0]
        published = f"20{rng.randint(19, 26)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sentences, facts = [], []
        offset = 0
        for k in range(claims_per_document + figures_per_document):
            sentence, fact = (_claim(rng, n, k) if k < claims_per_document else _figure(rng))
            quote_at = sentence.index(fact["quote"])
            fact.update(sentence=sentence, start=offset + quote_at, end=offset + quote_at + len(fact["quote"]))
            sentences.append(sentence)
            facts.append(fact)
            offset += len(sentence) + 1
        text = " ".join(sentences)
        doc_id, _ = store.save_document(db, {
            "url": f"https://news.benchvendor.example/{vendor}/{n}", "vendor": vendor, "source": f"{vendor}-feed",
            "kind": "press_release", "published": published, "title": f"Bench release {n} of {vendor}",
            "text": text}, demo=True)
        c, f = replace_facts(db, {"id": doc_id, "vendor": vendor, "published": published}, facts, VERSION)
        made_claims += c
        made_figures += f
        if progress and n % 1000 == 0:
            progress(n)
    from nlp import grouping

    groups = rebuild_claim_groups(db, grouping)  # a real history is grouped as it is extracted
    db.execute("ANALYZE")
    db.close()
    return {"documents": documents, "claims": made_claims, "figures": made_figures, "groups": groups}


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
