"""The ``chipwatch`` command line: one verb per stage, and ``run`` for the whole sequence.

Errors from configuration, the registry or the database become one
``Error:`` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

import click

from chipwatch import __version__
from chipwatch.config import ConfigError, load_settings
from chipwatch.registry import RegistryError, load_registry


class CleanErrors(click.Group):
    """Turn the project's named errors into one readable line and exit code 2."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (ConfigError, RegistryError) as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(2)


@click.group(cls=CleanErrors)
@click.version_option(__version__, prog_name="chipwatch")
def cli() -> None:
    """chipwatch: track what AI-chip vendors claim and what they report.

    Stages: crawl (Scrapy) -> extract (spaCy) -> serve (Datasette). Configuration
    comes from the environment: CHIPWATCH_DB, CHIPWATCH_SOURCES, SEC_USER_AGENT,
    CHIPWATCH_EDGAR_DATA_URL, CHIPWATCH_EDGAR_ARCHIVES_URL, CHIPWATCH_SINCE, PORT.
    """


@cli.command()
def check() -> None:
    """Validate the configuration and the vendor registry, and say what would be crawled."""
    settings = load_settings()
    registry = load_registry(settings.sources_path)
    click.echo(f"registry  {settings.sources_path}: {len(registry.vendors)} vendors, "
               f"{len(registry.sources)} newsroom sources, {len(registry.wires)} wires")
    click.echo(f"database  {settings.db_path}")
    edgar = "on" if settings.sec_user_agent else "off (set SEC_USER_AGENT='Name email@example.org')"
    click.echo(f"EDGAR     {edgar}; filings since {settings.since}")


def main() -> None:  # pragma: no cover - console entry point
    cli()


@cli.command()
@click.option("--spider", "spiders", multiple=True, help="Run only this spider (repeatable): "
              "edgar, feeds, sitemaps, listings, wires. Default: all.")
@click.option("--vendor", help="Crawl only this vendor slug (comma list allowed).")
@click.option("--demo", is_flag=True, help="Mark everything stored as demo data.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=5.")
def crawl(spiders: tuple[str, ...], vendor: str | None, demo: bool, overrides: tuple[str, ...]) -> None:
    """Fetch new documents from EDGAR, newsroom feeds, sitemaps, listing pages and wires.

    Exits 1 when any source failed (the failures are in the fetch_errors table),
    after storing everything the other sources gave.
    """
    from chipwatch.crawl import ALL_SPIDERS, print_report, run_crawl

    settings = load_settings()
    registry = load_registry(settings.sources_path)
    unknown = set(spiders) - set(ALL_SPIDERS)
    if unknown:
        raise click.BadParameter(f"unknown spider {sorted(unknown)[0]!r}; choose from {', '.join(ALL_SPIDERS)}")
    parsed = dict(o.split("=", 1) for o in overrides if "=" in o)
    report = run_crawl(settings, registry, spiders=spiders or ALL_SPIDERS, vendor=vendor, demo=demo,
                       overrides=parsed)
    print_report(report)
    sys.exit(1 if report.failed else 0)
