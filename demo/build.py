"""Build ``demo/site`` from ``demo/corpus``: ``python -m demo.build`` (``--check`` to verify it is current).

The site is generated, never edited by hand: sizes in ``index.json``, the
``-index.html`` tables and the submissions JSON must match the files exactly,
and only a generator keeps them in step when a sentence of prose changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from demo.corpus import SITE_DIR, Corpus, load_corpus
from demo.edgar import company_files
from demo.mlperf import load_round, mlperf_files
from demo.newsroom import newsroom_files, wire_files


def site_files(corpus: Corpus) -> dict[str, bytes]:
    """Every file of the demo site, keyed by path under the site root (``<host>/<path>``)."""
    files: dict[str, bytes] = {}
    for company in corpus.companies.values():
        files.update(company_files(company, corpus.releases))
    for vendor in corpus.newsrooms:
        if vendor != "wire":
            files.update(newsroom_files(vendor, corpus))
    files.update(wire_files(corpus))
    files.update(mlperf_files(load_round()))
    return files


def write_site(files: dict[str, bytes], site_dir: Path) -> None:
    """Make ``site_dir`` hold exactly ``files``: write changed ones, delete stale ones."""
    existing = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    for rel in existing - set(files):
        (site_dir / rel).unlink()
    for rel, body in files.items():
        path = site_dir / rel
        if not path.is_file() or path.read_bytes() != body:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(body)
    for directory in sorted((p for p in site_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()


def stale_files(files: dict[str, bytes], site_dir: Path) -> list[str]:
    """Paths that differ between ``files`` and ``site_dir`` (missing, changed or extra)."""
    existing = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()}
    changed = [rel for rel, body in files.items()
               if rel not in existing or (site_dir / rel).read_bytes() != body]
    return sorted(changed + list(existing - set(files)))


@click.command()
@click.option("--site", "site_dir", type=click.Path(file_okay=False, path_type=Path), default=SITE_DIR,
              show_default=True, help="Where to write the site.")
@click.option("--check", is_flag=True, help="Only check that the site matches the corpus; exit 1 if not.")
def main(site_dir: Path, check: bool) -> None:
    """Render demo/corpus/*.yml into the demo site tree served by chipwatch.replay."""
    files = site_files(load_corpus())
    if check:
        stale = stale_files(files, site_dir)
        for rel in stale:
            click.echo(f"stale: {rel}", err=True)
        sys.exit(1 if stale else 0)
    site_dir.mkdir(parents=True, exist_ok=True)
    write_site(files, site_dir)
    click.echo(f"wrote {len(files)} files under {site_dir}", err=True)


if __name__ == "__main__":
    main()
