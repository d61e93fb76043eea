"""Extraction: words/s of the full extractor beside spaCy's tokenizer (the ceiling) and quantulum3
(the generic alternative) on the same corpus, peak memory, and 1 against 2 processes.

The corpus is our own prose (``nlp/bench_corpus``, fictional vendors) replicated to a size.
"""

from __future__ import annotations

import tracemalloc

from bench.timing import median_seconds, timed
from nlp.bench import count_words, load_corpus

VENDORS = [{"slug": "halcyon", "name": "Halcyon Semiconductor", "aliases": ["Halcyon"], "ticker": "HLCN"}]


def bench_extract(words: int = 300_000, repeat: int = 3, *, quantulum_words: int = 30_000,
                  parallel_words: int = 1_000_000) -> dict:
    from nlp.extract import Extractor

    docs = load_corpus(target_words=words)
    total = sum(count_words(d["text"]) for d in docs)
    extractor = Extractor(VENDORS)
    texts = [d["text"] for d in docs]
    tokenizer = extractor.nlp.tokenizer
    tokenizer_s = median_seconds(lambda: [tokenizer(t) for t in texts], repeat)
    extractor_s = median_seconds(lambda: sum(len(f) for _, f in extractor.pipe(docs)), repeat)
    result = {
        "corpus_words": total, "corpus_documents": len(docs),
        "tokenizer_words_per_s": round(total / tokenizer_s),
        "extractor_words_per_s": round(total / extractor_s),
        "extractor_share_of_tokenizer": round(tokenizer_s / extractor_s, 3),
        "peak_memory_mb": _peak_memory_mb(extractor, docs[: max(1, len(docs) // 3)]),
    }
    if quantulum_words:
        result.update(_quantulum(docs, quantulum_words))
        result["extractor_vs_quantulum3"] = (
            round(result["extractor_words_per_s"] / result["quantulum3_words_per_s"], 1)
            if result.get("quantulum3_words_per_s") else None)
    if parallel_words:
        result.update(_processes(docs, parallel_words))
    return result


def _peak_memory_mb(extractor, docs: list[dict]) -> float:
    tracemalloc.start()
    for _ in extractor.pipe(docs):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return round(peak / 2**20, 1)


def _quantulum(docs: list[dict], words: int) -> dict:
    """quantulum3's parser on the first ``words`` words of the same corpus (it is much slower)."""
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "classifier dependencies not installed": the rule-based parser
            from quantulum3 import parser
    except ImportError:
        return {"quantulum3_words_per_s": None, "quantulum3_note": "not installed (pip install quantulum3)"}
    sample, count = [], 0
    for doc in docs:
        if count >= words:
            break
        sample.append(doc["text"])
        count += count_words(doc["text"])
    seconds = timed(lambda: [parser.parse(text) for text in sample])
    return {"quantulum3_words_per_s": round(count / seconds), "quantulum3_sample_words": count}


def _processes(docs: list[dict], words: int) -> dict:
    """The same corpus through `chipwatch extract --workers 1` and `--workers 2`'s code path."""
    from chipwatch.parallel import pipe_parallel

    big, count = [], 0
    while count < words:
        for doc in docs:
            big.append({**doc, "id": f"{doc['id']}-{len(big)}"})
            count += count_words(doc["text"])
    figures = {}
    for workers in (1, 2):
        seconds = timed(lambda: sum(1 for _ in pipe_parallel(VENDORS, big, workers=workers)))  # noqa: B023
        figures[f"workers_{workers}_words_per_s"] = round(count / seconds)
    figures["workers_2_speedup"] = round(figures["workers_2_words_per_s"] / figures["workers_1_words_per_s"], 2)
    figures["parallel_corpus_words"] = count
    return figures
