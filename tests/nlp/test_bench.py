"""The benchmark runs on our own corpus and reports its figures (speed itself is never asserted)."""

from __future__ import annotations

from nlp.bench import load_corpus, run_bench


def test_corpus_is_replicated_to_size():
    docs = load_corpus(target_words=5_000)
    assert sum(len(d["text"].split()) for d in docs) >= 5_000


def test_bench_reports_its_figures():
    result = run_bench(target_words=2_000, repeat=1)
    assert result["words"] >= 2_000 and result["facts"] > 0
    assert result["tokenizer_words_per_s"] > 0 and result["extractor_words_per_s"] > 0
    assert result["peak_memory_mb"] > 0
