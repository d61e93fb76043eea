"""The ``chipwatch`` command line: one verb per stage, and ``run`` for the whole sequence.

Errors from configuration, the registry or the database become one
``Error:`` line and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys

import click

from chipwatch import __version__, config
from chipwatch.config import ConfigError, repo_path
from chipwatch.registry import RegistryError, load_registry

EXIT_DISK_FULL = 74  # EX_IOERR (sysexits.h, as EXIT_BUSY is EX_TEMPFAIL): the disk or the database is full


def load_settings() -> config.Settings:
    """The validated settings of this process, with the database size bound (CHIPWATCH_MAX_DB_PAGES) applied."""
    from data.db import limit_database_pages

    settings = config.load_settings()
    limit_database_pages(settings.max_db_pages)
    return settings


def disk_full_error(exc: BaseException):
    """``exc`` (or what it was raised from) as a DiskFull naming the path, when it is a full disk or database."""
    from data.db import DiskFull, is_disk_full

    while exc is not None:
        if isinstance(exc, DiskFull):
            return exc
        if is_disk_full(exc):
            if isinstance(exc, OSError) and exc.filename:  # a log, an export, the HTTP cache
                return DiskFull(exc.filename, exc.strerror or str(exc), database=False)
            return DiskFull(config.load_settings().db_path, str(exc))
        exc = exc.__cause__ or exc.__context__
    return None


class CleanErrors(click.Group):
    """Turn the project's named errors into one readable line: exit 2 (bad input), 74 (disk full), 75 (busy)."""

    def invoke(self, ctx):
        from chipwatch.schedule import EXIT_BUSY, AlreadyRunning
        from chipwatch.serve import ServeError
        from data.db import DatabaseError
        from data.export import ExportError

        try:
            return super().invoke(ctx)
        except AlreadyRunning as exc:
            click.secho(f"Error: {exc}", fg="red", err=True)
            sys.exit(EXIT_BUSY)
        except Exception as exc:
            full = disk_full_error(exc)
            if full is not None:
                click.secho(f"Error: {full}", fg="red", err=True)
                sys.exit(EXIT_DISK_FULL)
            if isinstance(exc, (ConfigError, RegistryError, ServeError, ExportError, DatabaseError)):
                click.secho(f"Error: {exc}", fg="red", err=True)
                sys.exit(2)
            raise


EXIT_TIMED_OUT = 124  # as coreutils' timeout(1) reports it


def bounded(settings):
    """This command's Bounds: CHIPWATCH_MAX_RUN_SECONDS from now, and SIGTERM/SIGINT as a stop request."""
    from chipwatch.bounds import Bounds

    bounds = Bounds(settings.max_run_seconds)
    bounds.install_signal_handlers()
    return bounds


def exit_if_bounded(bounds) -> None:
    """After a stage: a stop request or a passed deadline ends the command here, with its own exit code."""
    status = bounds.status
    if status is None:
        return
    click.secho(f"{bounds.explain()}; everything stored so far is kept and the next run goes on from there",
                fg="yellow", err=True)
    sys.exit(bounds.exit_code if bounds.signum is not None else EXIT_TIMED_OUT)


def writing(settings, command: str):
    """The database's write lock for ``command``; another writer means exit 75 (see CHIPWATCH_LOCK_WAIT)."""
    from chipwatch.schedule import writer_lock

    return writer_lock(settings.db_path, wait=settings.lock_wait, command=command)


@click.group(cls=CleanErrors, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="chipwatch")
@click.option("-v", "--verbose", count=True, help="Show Scrapy's own log lines (-v: INFO, -vv: DEBUG).")
def cli(verbose: int) -> None:
    """chipwatch: track what AI-chip vendors claim and what they report.

    Stages: crawl (Scrapy) -> extract (spaCy) -> serve (Datasette); `run` does all three,
    `demo` does them offline on a bundled corpus of fictional vendors.

    Configuration comes from the environment (CHIPWATCH_DB, CHIPWATCH_SOURCES, SEC_USER_AGENT,
    PORT and the other CHIPWATCH_* settings listed in the README); `chipwatch check` validates
    all of it, the registry and the database file.

    Commands that write the database (crawl, extract, run, demo, scheduled, evidence) take one
    lock per database: a second one exits 75 at once, or waits up to CHIPWATCH_LOCK_WAIT seconds.
    Exit codes: 0 ok, 1 a source failed, 2 bad configuration, 74 disk (or CHIPWATCH_MAX_DB_PAGES)
    full, 75 busy, 124 timed out (CHIPWATCH_MAX_RUN_SECONDS), 143 stopped by SIGTERM (130 by Ctrl-C).
    """
    if verbose:
        import os

        os.environ["CHIPWATCH_LOG_LEVEL"] = "DEBUG" if verbose > 1 else "INFO"


@cli.command()
def check() -> None:
    """Validate the configuration, the vendor registry and the database, and say what would be crawled.

    Exits 2 with one Error: line for the first thing that is wrong, so a cron job can run it first.
    """
    from chipwatch.runlog import LOG_BACKUPS, MAX_LOG_BYTES
    from data.db import check_database

    settings = load_settings()
    registry = load_registry(settings.sources_path)
    click.echo(f"registry  {settings.sources_path}: {len(registry.vendors)} vendors, "
               f"{len(registry.sources)} newsroom sources, {len(registry.wires)} wires")
    click.echo(f"database  {settings.db_path}: {check_database(settings.db_path)}")
    click.echo(f"limits    run {settings.max_run_seconds:g} s, each spider {settings.source_budget_seconds:g} s, "
               f"request timeout {settings.timeout:g} s, SEC {settings.sec_rate:g} requests/s, "
               f"lock wait {settings.lock_wait:g} s")
    size = (f"at most {settings.max_db_pages} pages ({settings.max_db_pages * 4 / 1024:.1f} MB at 4 KiB)"
            if settings.max_db_pages else "as large as the disk allows")
    logs_mb = MAX_LOG_BYTES * (LOG_BACKUPS + 1) / 1024 / 1024
    click.echo(f"sizes     database {size}; logs {logs_mb:g} MB; HTTP cache (if enabled) "
               f"{settings.httpcache_max_mb:g} MB")
    edgar = "on" if settings.sec_user_agent else "off (set SEC_USER_AGENT='Name email@example.org')"
    click.echo(f"EDGAR     {edgar}; filings since {settings.since}")
    click.echo(f"serve     port {settings.port}, arbitrary SQL {'on' if settings.allow_sql else 'off (CHIPWATCH_ALLOW_SQL=0)'}")


def main() -> None:  # pragma: no cover - console entry point
    cli()


@cli.command()
@click.option("--spider", "spiders", multiple=True, help="Run only this spider (repeatable): "
              "edgar, feeds, sitemaps, listings, wires, mlperf (CHIPWATCH_MLPERF_ROUNDS). Default: all.")
@click.option("--vendor", help="Crawl only this vendor slug (comma list allowed).")
@click.option("--demo", is_flag=True, help="Mark everything stored as demo data.")
@click.option("-s", "--set", "overrides", multiple=True, metavar="NAME=VALUE",
              help="Override a Scrapy setting, e.g. -s DOWNLOAD_TIMEOUT=5.")
@click.option("--worker", is_flag=True, help="One of several workers sharing the crawl frontier in "
              "CHIPWATCH_REDIS_URL; items go to Redis for `chipwatch store`.")
def crawl(spiders: tuple[str, ...], vendor: str | None, demo: bool, overrides: tuple[str, ...],
          worker: bool) -> None:
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
    if worker:
        _crawl_worker(settings, spiders or ALL_SPIDERS, vendor, demo, parsed)
    with writing(settings, "crawl"):
        bounds = bounded(settings)
        report = run_crawl(settings, registry, spiders=spiders or ALL_SPIDERS, vendor=vendor, demo=demo,
                           overrides=parsed, bounds=bounds)
    print_report(report)
    exit_if_bounded(bounds)
    sys.exit(EXIT_TIMED_OUT if report.bounded else 1 if report.failed else 0)


def _crawl_worker(settings, spiders, vendor, demo, overrides) -> None:
    """`crawl --worker`: no database lock (a worker writes only to Redis); exit as a crawl does."""
    from chipwatch.crawl import run_worker

    bounds = bounded(settings)
    report = run_worker(settings, spiders=spiders, vendor=vendor, demo=demo, overrides=overrides, bounds=bounds)
    for name, reason in report.skipped.items():
        click.secho(f"  {name}: skipped: {reason}", fg="yellow", err=True)
    for name, stats in report.stats.items():
        seeded = stats.get("chipwatch/start_urls_seeded")
        click.echo(f"  spider {name}: {stats.get('requests', 0)} requests, "
                   f"{stats.get('item_scraped_count', 0)} items queued, "
                   f"{stats.get('chipwatch/start_urls_taken', 0)} start requests taken"
                   + (f" ({seeded} pushed to Redis by this worker)" if seeded is not None else ""), err=True)
    exit_if_bounded(bounds)
    sys.exit(0)


@cli.command()
@click.option("--wait", type=click.FloatRange(0), default=0.0, show_default=True,
              help="Keep storing until no item came for this many seconds (0: stop when the queue is empty).")
@click.option("--end-round", is_flag=True, help="Then clear the shared frontier, so the next crawl round starts "
              "from the database's seen-state (run it when no worker is left).")
@click.option("--demo", is_flag=True, help="Mark everything stored as demo data.")
def store(wait: float, end_round: bool, demo: bool) -> None:
    """Store what `chipwatch crawl --worker` processes queued in Redis: the shared crawl's one SQLite writer."""
    from chipwatch.crawl import run_store
    from crawler.pipelines import ItemFormatError

    settings = load_settings()
    registry = load_registry(settings.sources_path)
    with writing(settings, "store"):
        try:
            report = run_store(settings, registry, demo=demo, wait=wait, end_round=end_round)
        except ItemFormatError as exc:  # left at the head of the queue: nothing after it is lost
            raise click.ClickException(f"{exc}; it and the items after it stay queued "
                                       "(remove it from the list to go on)") from exc
    new = report.counts.get("chipwatch/documents_new", 0)
    click.echo(f"store run {report.run_id}: {report.stored} items stored, {new} new or changed documents, "
               f"{report.counts.get('chipwatch/fetch_errors', 0)} fetch errors", err=True)


@cli.command()
@click.option("--force", is_flag=True, help="Re-extract every document, not only new or changed ones.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Extract in this many processes (one per core); the database keeps one writer.")
def extract(force: bool, quiet: bool, workers: int) -> None:
    """Extract performance claims and financial figures from stored documents.

    Incremental: only documents not yet extracted by the current extractor
    version are processed; their old facts are replaced, never duplicated.
    """
    from chipwatch.extract import print_extract_report, run_extract

    settings = load_settings()
    registry = load_registry(settings.sources_path)
    with writing(settings, "extract"):
        bounds = bounded(settings)
        print_extract_report(run_extract(settings, registry, force=force, progress=not quiet, bounds=bounds,
                                         workers=workers))
    exit_if_bounded(bounds)


@cli.command()
def evidence() -> None:
    """Check figures against filed XBRL values and claims against MLPerf results (also done after each extract).

    Each figure gets one outcome in figure_checks: match, differs, no filing yet, not comparable, or for
    guidance beat / met / missed against the actual reported later. Each checkable claim gets one in
    claim_checks: supported, overstated (by how much), no comparable result, with the rules it breaks.
    """
    from data.db import open_db
    from evidence.check import check_claims, check_figures

    settings = load_settings()
    with writing(settings, "evidence"):
        db = open_db(settings.db_path)
        figures, claims = check_figures(db), check_claims(db)
        db.close()
    for title, counts, table in (("figures against filings", figures, "figure_checks"),
                                 ("claims against MLPerf results", claims, "claim_checks")):
        click.echo(f"{title} ({table}):")
        for outcome, count in sorted(counts.items()):
            click.echo(f"{count:>8}  {outcome}")


@cli.command()
@click.option("--port", type=int, help="Port on 127.0.0.1 (default: $PORT or 8001).")
def serve(port: int | None) -> None:
    """Serve the database with Datasette (metadata.yml, plugins/) on 127.0.0.1."""
    from chipwatch.serve import serve as serve_datasette
    from data.db import check_database

    settings = load_settings()
    check_database(settings.db_path)
    sys.exit(serve_datasette(settings.db_path, port or settings.port))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default="data/exports", show_default=True,
              help="Directory for the CSV and JSON files.")
@click.option("--table", "tables", multiple=True, help="Table to export (repeatable). Default: claims, figures.")
def export(out_dir: str, tables: tuple[str, ...]) -> None:
    """Write tables (claims and figures by default) as CSV and JSON files."""
    from data.db import check_database
    from data.export import export_tables

    settings = load_settings()
    check_database(settings.db_path)
    export_tables(settings.db_path, repo_path(out_dir), tables=tables or ("claims", "figures"),
                  on_written=lambda path, rows: click.echo(f"wrote {path} ({rows:,} rows)", err=True))


def crawl_then_extract(settings, registry, bounds, *, demo: bool = False, progress: bool = True):
    """Crawl, then extract, under ``bounds``: a stop or a passed deadline ends the command between them.

    The sequence `run`, `demo` and `scheduled` share; returns the crawl's report.
    """
    from chipwatch.crawl import print_report, run_crawl
    from chipwatch.extract import print_extract_report, run_extract

    report = run_crawl(settings, registry, demo=demo, bounds=bounds)
    print_report(report)
    exit_if_bounded(bounds)
    print_extract_report(run_extract(settings, registry, progress=progress, bounds=bounds))
    exit_if_bounded(bounds)
    return report


def _crawl_extract_serve(*, demo: bool, then_serve: bool) -> None:
    """The main job's sequence, shared by `run` and `demo`: crawl, extract, then serve or exit."""
    settings = load_settings()
    registry = load_registry(settings.sources_path)
    with writing(settings, "demo" if demo else "run"):
        bounds = bounded(settings)
        click.echo(f"crawling {len(registry.vendors)} vendors into {settings.db_path}", err=True)
        report = crawl_then_extract(settings, registry, bounds, demo=demo)
    bounds.restore_signal_handlers()
    if then_serve:
        from chipwatch.serve import serve as serve_datasette

        label = "DEMO DATA" if demo else settings.db_path.name
        click.echo(f"serving {label} on http://127.0.0.1:{settings.port}/ (Ctrl-C to stop)", err=True)
        sys.exit(serve_datasette(settings.db_path, settings.port))
    sys.exit(1 if report.failed else 0)


@cli.command()
@click.option("--serve/--no-serve", "then_serve", default=True, show_default=True,
              help="Serve Datasette when the run is done.")
def run(then_serve: bool) -> None:
    """The main job: crawl the live sources, extract, then serve.

    A source that fails (no network, an error page) is reported and recorded;
    the run goes on, so Datasette always serves what the database holds.
    """
    _crawl_extract_serve(demo=False, then_serve=then_serve)


@cli.command()
@click.option("--serve/--no-serve", "then_serve", default=True, show_default=True,
              help="Serve Datasette when the demo data is in.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default="data/demo.db", show_default=True,
              help="Database for the demo (kept apart from the real one).")
def demo(then_serve: bool, db_path: str) -> None:
    """Offline twin of `run`: replay the bundled demo corpus through the same crawl, extract and serve.

    The corpus (fictional vendors, demo/site) is served on 127.0.0.1 (CHIPWATCH_DEMO_PORT, default 8765)
    and every setting is pointed at it; the real database is never touched.
    """
    import os

    from chipwatch.demo import demo_env, start_demo_server

    server = start_demo_server()
    click.echo(f"demo corpus served at {server.url}", err=True)
    os.environ.update(demo_env(server, db_path=str(repo_path(db_path))))
    _crawl_extract_serve(demo=True, then_serve=then_serve)


@cli.command()
@click.option("--schedule", default=None, help="Cron schedule (default: every six hours at minute 17).")
@click.option("--install", "action", flag_value="install", help="Add the line to your crontab (idempotent).")
@click.option("--remove", "action", flag_value="remove", help="Remove chipwatch's line from your crontab.")
def cron(schedule: str | None, action: str | None) -> None:
    """Print the crontab line for the scheduled run, or --install / --remove it.

    The line carries the CHIPWATCH_* and SEC_USER_AGENT settings of this shell, since cron starts
    jobs with an almost empty environment. The run prints nothing when it went well, so cron's
    mail means trouble; every run is in data/logs/scheduled.log.
    """
    import os

    from chipwatch.schedule import DEFAULT_SCHEDULE, crontab_line, install_crontab, remove_crontab

    keep = {k: v for k, v in os.environ.items()
            if k.startswith("CHIPWATCH_") or k == "SEC_USER_AGENT"}
    line = crontab_line(schedule=schedule or DEFAULT_SCHEDULE, env=keep)
    if action == "install":
        click.echo("installed" if install_crontab(line) else "already installed", err=True)
    elif action == "remove":
        click.echo("removed" if remove_crontab() else "not installed", err=True)
    else:
        click.echo(line)
    if action != "remove" and "SEC_USER_AGENT" not in keep:
        click.echo("# note: SEC_USER_AGENT is not set, so the scheduled run will skip EDGAR", err=True)


@cli.command()
@click.option("--quiet", is_flag=True, help="Print nothing unless the run fails (cron mails only trouble); "
              "the log file has every run either way.")
def scheduled(quiet: bool) -> None:
    """The unattended run cron starts: lock, crawl, extract, export, log. Never overlaps itself.

    \b
    Exit codes: 0 ok; 1 a source failed (the rest is stored); 2 bad configuration; 74 the disk
    (or the database's CHIPWATCH_MAX_DB_PAGES) is full; 75 another run holds the lock;
    124 CHIPWATCH_MAX_RUN_SECONDS passed; 143 stopped by SIGTERM.
    Every line goes to data/logs/scheduled.log (next to the database; rotated at 5 MB, 4 kept).
    """
    from chipwatch.runlog import run_log
    from chipwatch.schedule import log_dir

    settings = load_settings()
    with run_log(log_dir(settings.db_path) / "scheduled.log", quiet=quiet):
        _scheduled_run(settings)


def _scheduled_run(settings) -> None:
    import os

    from chipwatch.schedule import EXIT_BUSY, AlreadyRunning
    from data.export import export_tables
    from data.runs import now

    registry = load_registry(settings.sources_path)
    click.echo(f"{now()} scheduled run starting (pid {os.getpid()})", err=True)
    try:
        with writing(settings, "scheduled"):
            report = crawl_then_extract(settings, registry, bounded(settings), progress=False)
            export_tables(settings.db_path, settings.db_path.parent / "exports", tables=("claims", "figures"))
    except AlreadyRunning as exc:
        click.echo(f"{now()} skipped: {exc}", err=True)
        sys.exit(EXIT_BUSY)  # cron will try again next time
    except Exception as exc:
        full = disk_full_error(exc)
        if full is None:
            raise
        click.echo(f"Error: {full}", err=True)  # in the log too, and in cron's mail
        sys.exit(EXIT_DISK_FULL)
    click.echo(f"{now()} scheduled run finished: {'FAILED' if report.failed else 'ok'}", err=True)
    sys.exit(1 if report.failed else 0)
