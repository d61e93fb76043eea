"""``python -m nlp.bench``: words per second of the full extractor next to spaCy's tokenizer alone.

The corpus is our own prose in ``nlp/bench_corpus/`` (fictional vendors), replicated to a target
size so the measurement is stable. The tokenizer of the same pipeline is the ceiling: the extractor
can never be faster than splitting the text. Peak memory is measured with tracemalloc in a
separate pass (tracing slows Python down, so it is never timed), and the process's maximum resident
set size is reported next to it.
"""

from __future__ import annotations

import json
import re
import resource
import time
import tracemalloc
from pathlib import Path

import click

CORPUS = Path(__file__).resolve().parent / "bench_corpus"


def load_corpus(directory: Path = CORPUS, target_words: int = 300_000) -> list[dict]:
    """The corpus documents, replicated until they hold about ``target_words`` words."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    if not texts:
        raise click.ClickException(f"{directory}: no .txt files to benchmark on")
    docs, words, i = [], 0, 0
    while words < target_words:
        text = texts[i % len(texts)]
        docs.append({"id": f"bench-{i}", "text": text, "kind": "news"})
        words += count_words(text)
        i += 1
    return docs


def count_words(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def run_bench(target_words: int = 300_000, repeat: int = 3) -> dict:
    """Best-of-``repeat`` throughput of tokenizer and extractor, facts found, and peak memory."""
    from nlp.extract import Extractor

    docs = load_corpus(target_words=target_words)
    words = sum(count_words(d["text"]) for d in docs)
    extractor = Extractor([{"slug": "halcyon", "name": "Halcyon Semiconductor", "aliases": ["Halcyon"],
                            "ticker": "HLCN"}])
    tokenizer = extractor.nlp.tokenizer
    texts = [d["text"] for d in docs]
    facts = 0

    def extract_all() -> None:
        nonlocal facts
        facts = sum(len(f) for _, f in extractor.pipe(docs))

    tok_s = min(_timed(lambda: [tokenizer(t) for t in texts]) for _ in range(repeat))
    ext_s = min(_timed(extract_all) for _ in range(repeat))
    tracemalloc.start()
    extract_all()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"documents": len(docs), "words": words, "facts": facts,
            "tokenizer_words_per_s": round(words / tok_s), "extractor_words_per_s": round(words / ext_s),
            "extractor_vs_tokenizer": round(tok_s / ext_s, 3), "peak_memory_mb": round(peak / 2**20, 1),
            "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--words", "target_words", default=300_000, show_default=True, type=click.IntRange(1_000),
              help="Replicate the corpus to about this many words.")
@click.option("--repeat", default=3, show_default=True, type=click.IntRange(1, 20), help="Best of this many runs.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def main(target_words: int, repeat: int, as_json: bool) -> None:
    """Measure extractor throughput (words/s) against spaCy's tokenizer, and peak memory."""
    result = run_bench(target_words, repeat)
    if as_json:
        click.echo(json.dumps(result, indent=2))
        return
    click.echo(f"corpus      {result['documents']} documents, {result['words']:,} words, {result['facts']:,} facts")
    click.echo(f"tokenizer   {result['tokenizer_words_per_s']:>10,} words/s  (ceiling)")
    click.echo(f"extractor   {result['extractor_words_per_s']:>10,} words/s  "
               f"({result['extractor_vs_tokenizer']:.0%} of the tokenizer)")
    click.echo(f"peak memory {result['peak_memory_mb']:>10} MB allocated while extracting (tracemalloc; "
               f"documents are streamed)")
    click.echo(f"max RSS     {result['max_rss_mb']:>10} MB for the whole process (pipeline, corpus, Python)")


if __name__ == "__main__":
    main()
