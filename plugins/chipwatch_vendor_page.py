"""The vendor page, ``/<database>/-/vendor/<slug>``: a vendor's claims over time, figures and sources.

A bar chart of its claims per month by metric (an SVG drawn here, no script:
stored text cannot reach a scripting context), its newest claims linked to their
claim pages, the latest figure per metric from its documents beside the latest
value it reported in XBRL, the sources polled for it and when they last worked,
and a link to the Atom feed of its claims (the ``vendor_claims_feed`` canned query).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from data.facet_counts import MONTHS_TRIGGER
from data.statements import format_amount, safe_link, statement_parts

CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 960, 240, 16, 36, 44
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#7f7f7f")
TOP_METRICS = len(PALETTE) - 1  # the rest share one colour as "other"

MONTHLY_SQL = """
select substr(published, 1, 7) as month, coalesce(metric, 'unknown') as metric, count(*) as claims
from claims where vendor = :slug and published >= '1900'
group by month, metric order by month
"""
# the same counts, kept ahead by triggers (data/facet_counts.py): a few rows read instead of every claim
MONTHLY_KEPT_SQL = """
select month, metric, count as claims from claim_months where vendor = :slug and count > 0 order by month, metric
"""
LATEST_CLAIMS_SQL = """
select id, published, product, value, value_high, unit, metric, comparator, workload, hedge, raw
from claims where vendor = :slug order by published desc, id desc limit 20
"""
# the latest figure of each metric and unit (the largest value on that day), read off the
# (vendor, metric, unit, published) index rather than ranking every figure of the vendor
FIGURES_SQL = """
select f.metric, max(f.value) as value, f.value_high, f.unit, f.period, f.change, f.published, f.raw, f.document_id
from (select metric, unit, max(published) as published from figures
      where vendor = :slug and metric is not null group by metric, unit) latest
join figures f on f.vendor = :slug and f.metric = latest.metric and f.unit is latest.unit
  and f.published is latest.published
group by f.metric, f.unit order by f.published desc, f.metric limit 50
"""
REPORTED_SQL = """
select * from (
  select metric, tag, value, unit, start, "end", fp, fy, form, filed,
    row_number() over (partition by coalesce(metric, tag), unit order by "end" desc, filed desc) as n
  from reported_values where vendor = :slug
) where n = 1 order by metric, tag limit 50
"""
SOURCES_SQL = """
select id, kind, url, last_ok, last_status, items_seen from sources where vendor = :slug order by kind, id
"""
COUNTS_SQL = """
select (select count(*) from claims where vendor = :slug) as claims,
       (select count(*) from figures where vendor = :slug) as figures,
       (select count(*) from documents where vendor = :slug) as documents
"""


def vendor_path(datasette, database: str, slug: str) -> str:
    """The path of the vendor page: ``/chipwatch/-/vendor/<slug>``."""
    return datasette.urls.database(database) + "/-/vendor/" + quote(str(slug), safe="")


def months_between(first: str, last: str) -> list[str]:
    """Every ``YYYY-MM`` from ``first`` to ``last``, so months without claims show as gaps.

    >>> months_between("2025-11", "2026-02")
    ['2025-11', '2025-12', '2026-01', '2026-02']
    """
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04}-{month:02}" <= last and len(months) < 1200:
        months.append(f"{year:04}-{month:02}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def claims_chart(rows: list[dict]) -> dict:
    """Stacked bars of claims per month and metric, as plain numbers and strings for the SVG template.

    >>> chart = claims_chart([{"month": "2026-01", "metric": "speed", "claims": 2},
    ...                       {"month": "2026-03", "metric": "power", "claims": 1}])
    >>> [b["title"] for b in chart["bars"]], chart["max"], len(chart["months"])
    (['2026-01: 2 speed', '2026-03: 1 power'], 2, 3)
    """
    rows = [r for r in rows if r.get("month") and len(r["month"]) == 7 and r["month"][4] == "-"]
    if not rows:
        return {"bars": [], "months": [], "legend": [], "max": 0}
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["metric"]] = totals.get(row["metric"], 0) + row["claims"]
    top = sorted(totals, key=lambda m: (-totals[m], m))[:TOP_METRICS]
    colour = {metric: PALETTE[i] for i, metric in enumerate(top)}
    stacks: dict[str, dict[str, int]] = {}
    for row in rows:
        metric = row["metric"] if row["metric"] in colour else "other"
        stack = stacks.setdefault(row["month"], {})
        stack[metric] = stack.get(metric, 0) + row["claims"]
    months = months_between(min(stacks), max(stacks))
    peak = max(sum(s.values()) for s in stacks.values())
    plot_h, step = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM, (CHART_WIDTH - CHART_LEFT) / len(months)
    bars = []
    for i, month in enumerate(months):
        base = CHART_HEIGHT - CHART_BOTTOM
        for metric in [*top, "other"]:
            count = stacks.get(month, {}).get(metric)
            if not count:
                continue
            height = count / peak * plot_h
            base -= height
            width = min(max(step * 0.8, 1), 48)  # a single month is a bar, not a wall
            bars.append({"x": round(CHART_LEFT + i * step + (step - width) / 2, 1), "y": round(base, 1),
                         "width": round(width, 1), "height": round(height, 1),
                         "fill": colour.get(metric, PALETTE[-1]), "title": f"{month}: {count} {metric}"})
    every = max(1, len(months) // 12)
    labels = [{"x": round(CHART_LEFT + (i + 0.5) * step, 1), "text": m} for i, m in enumerate(months) if i % every == 0]
    legend = [{"metric": m, "fill": colour[m]} for m in top] + (
        [{"metric": "other", "fill": PALETTE[-1]}] if len(totals) > len(top) else [])
    return {"bars": bars, "months": labels, "legend": legend, "max": peak, "width": CHART_WIDTH,
            "height": CHART_HEIGHT, "left": CHART_LEFT, "top": CHART_TOP, "bottom": CHART_HEIGHT - CHART_BOTTOM}


async def _months_kept(db) -> bool:
    """Whether the database keeps claim_months (one from before counts every claim instead)."""
    return bool(await _rows(db, "select 1 from sqlite_master where type = 'trigger' and name = :n",
                            {"n": f"{MONTHS_TRIGGER}_ai"}))


async def _rows(db, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def vendor_page(datasette, request):
    database, slug = request.url_vars["database"], request.url_vars["slug"]
    if database not in datasette.databases:
        raise NotFound(f"Database not found: {database}")
    await datasette.ensure_permissions(request.actor, [("view-table", (database, "claims")),
                                                       ("view-database", database), "view-instance"])
    db = datasette.get_database(database)
    found = await _rows(db, "select * from vendors where slug = :slug", {"slug": slug})
    if not found:
        raise NotFound(f"No vendor {slug}")
    params = {"slug": slug}
    claims = await _rows(db, LATEST_CLAIMS_SQL, params)
    for row in claims:
        row["url"] = datasette.urls.database(database) + "/-/claim/" + quote(row["id"], safe="")
        row["statement"] = " · ".join(statement_parts(row))
    figures = await _rows(db, FIGURES_SQL, params)
    reported = await _rows(db, REPORTED_SQL, params)
    for row in [*figures, *reported]:
        row["amount"] = format_amount(row["value"], row.get("value_high"), row["unit"])
    sources = await _rows(db, SOURCES_SQL, params)
    for row in sources:
        row["link"] = safe_link(row["url"])
    feed = datasette.urls.database(database) + "/vendor_claims_feed.atom?" + urlencode({"vendor": slug})
    return Response.html(await datasette.render_template("chipwatch_vendor.html", {
        "database": database, "vendor": found[0], "website": safe_link(found[0].get("website")),
        "counts": (await _rows(db, COUNTS_SQL, params))[0],
        "chart": claims_chart(await _rows(db, MONTHLY_KEPT_SQL if await _months_kept(db) else MONTHLY_SQL, params)),
        "claims": claims, "figures": figures, "reported": reported, "sources": sources, "feed_url": feed,
        "all_claims_url": datasette.urls.table(database, "claims") + "?" + urlencode({"vendor": slug}),
    }, request=request))


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/vendor/(?P<slug>[^/]+)$", vendor_page)]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    # The vendors table links each name to the vendor's page.
    if table == "vendors" and column == "name" and isinstance(value, str):
        import markupsafe

        slug = row["slug"] if "slug" in row.keys() else None
        if slug:
            return markupsafe.Markup('{} <a class="chipwatch-vendor" href="{}">page&nbsp;→</a>').format(
                value, vendor_path(datasette, database, slug))
    return None
