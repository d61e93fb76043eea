"""``python -m bench [extract|crawl|serve|growth|all]``: measure, print a table, keep the figures.

Every command merges its figures into ``data/bench/results.json`` with the machine they came from.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import click

from bench.machine import describe, machine
from chipwatch.config import REPO_ROOT

RESULTS = REPO_ROOT / "data" / "bench" / "results.json"
WORK = Path(tempfile.gettempdir()) / "chipwatch-bench"
HISTORIES = WORK / "histories"  # synthetic databases by size, built once, shared by `serve` and `growth`


def save(section: str, figures: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    results[section] = {"measured": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": machine(), **figures}
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")


def row(name: str, value, comparison: str = "") -> None:
    click.echo(f"  {name:<40} {value!s:>14}  {comparison}")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """What each stage of chipwatch costs on this machine, beside the alternatives.

    Figures go to data/bench/results.json. Benchmarks never fail: a missed target is a figure to read.
    """
    click.echo(f"machine: {describe(machine())}")


@cli.command()
@click.option("--words", default=300_000, show_default=True, help="Corpus size for the single-process figures.")
@click.option("--repeat", default=3, show_default=True, help="Median of this many runs.")
def extract(words: int, repeat: int) -> None:
    """Extractor words/s beside spaCy's tokenizer and quantulum3; peak memory; 1 and 2 processes."""
    from bench.extract import bench_extract

    click.echo("extraction (own prose, nlp/bench_corpus, replicated)")
    small = bench_extract(words // 3, repeat, quantulum_words=0, parallel_words=0) if words >= 30_000 else None
    r = bench_extract(words, repeat)
    row("corpus", f"{r['corpus_words']:,} words")
    row("spaCy tokenizer alone (ceiling)", f"{r['tokenizer_words_per_s']:,}/s")
    row("chipwatch extractor, 1 process", f"{r['extractor_words_per_s']:,}/s",
        f"{r['extractor_share_of_tokenizer']:.0%} of the tokenizer; target >= 150,000/s")
    if small:
        row(f"  at {small['corpus_words']:,} words", f"{small['extractor_words_per_s']:,}/s", "(growth: about equal)")
    if r.get("quantulum3_words_per_s"):
        row("quantulum3 parser (same prose)", f"{r['quantulum3_words_per_s']:,}/s",
            f"chipwatch is {r['extractor_vs_quantulum3']}x faster")
    else:
        row("quantulum3", "n/a", r.get("quantulum3_note", ""))
    row("--workers 1 (pool, incl. start-up)", f"{r['workers_1_words_per_s']:,}/s")
    row("--workers 2", f"{r['workers_2_words_per_s']:,}/s", f"{r['workers_2_speedup']}x one; target >= 1.8x")
    row("peak memory while extracting", f"{r['peak_memory_mb']} MB", "(tracemalloc)")
    save("extract", {**r, "growth_smaller_corpus": small})


@cli.command()
@click.option("--copies", default=250, show_default=True,
              help="Copies of each demo release (250: about 5,000 stored documents).")
def crawl(copies: int) -> None:
    """Pages/s of the real spiders on the replay server beside `scrapy bench`; a no-news re-run."""
    from bench.crawl import bench_crawl

    click.echo(f"crawl (demo corpus x{copies}, local replay server)")
    r = bench_crawl(copies, WORK / "crawl")
    row("newsroom + wire crawl", f"{r['pages_per_s']}/s",
        f"{r['requests']:,} requests, {r['documents_stored']:,} documents in {r['seconds']} s")
    row("scrapy bench (do-nothing spider)", f"{r['scrapy_bench_pages_per_s']}/s",
        f"chipwatch at {r.get('share_of_scrapy_bench', 0):.0%}; target >= 50%")
    row("then every spider, project politeness", f"{r['full_crawl_seconds']} s", f"{r['full_crawl_requests']} requests")
    row("no-news re-run", f"{r['rerun_requests']} requests",
        f"{r['rerun_seconds']} s, {r['rerun_requests_per_url']} per URL, {r['rerun_new_documents']} new documents")
    save("crawl", r)


@cli.command()
@click.option("--sizes", default="100000,1000000", show_default=True,
              help="Comma list of claim counts to build (once, kept in the bench work directory) and serve.")
@click.option("--repeat", default=9, show_default=True, help="Requests per page (p50 and p95 of them).")
def serve(sizes: str, repeat: int) -> None:
    """Build synthetic databases and time Datasette's pages as `chipwatch serve` serves them."""
    from bench.serve import bench_serve

    counts = tuple(int(s) for s in sizes.split(",") if s.strip())
    click.echo(f"database and Datasette ({', '.join(f'{c:,}' for c in counts)} claims)")
    results = bench_serve(counts, HISTORIES, repeat, echo=lambda m: click.echo(m, err=True))
    targets = {"claims table with facets": 100, "ranked search, common term": 50, "ranked search, rare term": 50,
               "claim page": 50, "vendor page": 150}
    for size, r in results.items():
        built = r["built"]
        how = f"built in {built['build_seconds']} s" if built["build_seconds"] is not None else "built before"
        click.echo(f" {int(size):,} claims: {built['documents']:,} documents, {built['figures']:,} figures; "
                   f"{how}; serve started in {r['serve_startup_s']} s")
        for name, page in r["pages"].items():
            target = f"target p50 <= {targets[name]} ms" if name in targets else "target <= 500 ms"
            status = "" if page["status"] == [200] else f" HTTP {page['status']}"
            row(name, f"{page['p50_ms']} ms", f"p95 {page['p95_ms']} ms; {target}{status}")
        if "csv_export" in r:
            c = r["csv_export"]
            row("CSV of all claims (_stream=on)", f"{c['seconds']} s",
                f"{c['rows']:,} rows for {c['rows_expected']:,} ({'exact' if c['exact'] else 'NOT EXACT'}); "
                "target 100k rows <= 5 s")
    save("serve", {"sizes": results})


@cli.command()
@click.option("--sizes", default="10000,100000,1000000", show_default=True,
              help="Stored claims before the new documents (the histories `serve` built are reused).")
def growth(sizes: str) -> None:
    """An incremental extract of 100 new documents over histories of different sizes."""
    from bench.growth import NEW_DOCUMENTS, incremental_extract

    counts = tuple(int(s) for s in sizes.split(",") if s.strip())
    click.echo(f"growth: extract {NEW_DOCUMENTS} new documents over a stored history")
    results = incremental_extract(counts, HISTORIES, WORK / "growth", echo=lambda m: click.echo(m, err=True))
    for size, r in results.items():
        row(f"history of {int(size):,} claims", f"{r['seconds']} s",
            f"{r['extracted']} documents extracted, {r['groups']:,} claim groups")
    save("growth", {"incremental_extract": results})


@cli.command(name="all")
@click.pass_context
def all_(ctx: click.Context) -> None:
    """Every benchmark in turn (under fifteen minutes on two cores, building the 1M history included)."""
    started = time.perf_counter()
    for command in (extract, crawl, serve, growth):
        ctx.invoke(command)
    minutes, seconds = divmod(round(time.perf_counter() - started), 60)
    click.echo(f"every benchmark in {minutes} min {seconds} s; figures: {RESULTS}")


if __name__ == "__main__":
    cli()
