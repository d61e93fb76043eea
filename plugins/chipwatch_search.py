"""The search page, ``/<database>/-/search?q=``: ranked full-text search over claims, figures and documents.

Each kind is read from its FTS5 table (porter-stemmed, ``data/db.py``) in bm25
order (``order by rank``), at most :data:`RESULTS_PER_KIND` rows, with the hit
marked by FTS5's ``highlight()`` / ``snippet()``. The markers are private-use
characters, swapped for ``<mark>`` only after the text is HTML-escaped: crawled
text never reaches the page as markup. Facets (vendor, metric, document kind)
count the first :data:`FACET_MATCHES` matches of each kind, so a common term
costs the same at a million claims as at a thousand; the page says when the
count stopped at that bound. ``vendor=`` and ``metric=`` narrow the results.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import markupsafe
from datasette import hookimpl
from datasette.utils import escape_fts, tilde_encode
from datasette.utils.asgi import NotFound, Response

from data.statements import format_amount, format_value, safe_link

RESULTS_PER_KIND = 50
FACET_MATCHES = 10_000  # facets and match counts stop here: bounded cost for common terms
FACET_VALUES = 8
OPEN, CLOSE = "\ue000", "\ue001"  # highlight markers: private-use characters, replaced after escaping

# kind -> (table, FTS column highlighted, the columns a facet may narrow by)
KINDS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "claims": ("claims", 0, ("vendor", "metric")),
    "figures": ("figures", 0, ("vendor", "metric")),
    "documents": ("documents", 1, ("vendor", "kind")),
}

# the ranked page of hits is read first; its documents are joined after, so only 50 rows are joined
WITH_DOCUMENT = """
select hits.*, d.kind as document_kind, d.title as document_title from ({ranked}) hits
left join documents d on d.id = hits.document_id order by hits.rank
"""
CLAIMS_SQL = f"""
select t.id, t.vendor, t.product, t.metric, t.value, t.value_high, t.unit, t.published, t.document_id,
  highlight(claims_fts, 0, '{OPEN}', '{CLOSE}') as hit, claims_fts.rank as rank
from claims_fts join claims t on t.rowid = claims_fts.rowid
where claims_fts match :q {{where}} order by rank limit {RESULTS_PER_KIND}
"""
FIGURES_SQL = f"""
select t.id, t.vendor, t.company, t.metric, t.value, t.value_high, t.unit, t.period, t.published, t.document_id,
  highlight(figures_fts, 0, '{OPEN}', '{CLOSE}') as hit, figures_fts.rank as rank
from figures_fts join figures t on t.rowid = figures_fts.rowid
where figures_fts match :q {{where}} order by rank limit {RESULTS_PER_KIND}
"""
DOCUMENTS_SQL = f"""
select t.id, t.vendor, t.kind, t.published, coalesce(t.canonical_url, t.url) as source_url,
  highlight(documents_fts, 0, '{OPEN}', '{CLOSE}') as title_hit,
  snippet(documents_fts, 1, '{OPEN}', '{CLOSE}', '…', 32) as hit, documents_fts.rank as rank
from documents_fts join documents t on t.rowid = documents_fts.rowid
where documents_fts match :q {{where}} order by rank limit {RESULTS_PER_KIND}
"""
RESULT_SQL = {"claims": WITH_DOCUMENT.replace("{ranked}", CLAIMS_SQL),
              "figures": WITH_DOCUMENT.replace("{ranked}", FIGURES_SQL), "documents": DOCUMENTS_SQL}

# the first FACET_MATCHES matches (FTS order, not ranked: ranking them all is what costs)
MATCHES_SQL = "select rowid from {table}_fts where {table}_fts match :q limit " + str(FACET_MATCHES + 1)
FACET_SQL = """
select t.{column} as value, count(*) as n from {table} t
where t.rowid in ({matches}) {where} group by t.{column} order by n desc, value limit """ + str(FACET_VALUES)
COUNT_SQL = "select count(*) as n from {table} t where t.rowid in ({matches}) {where}"


def marked(text: str | None) -> markupsafe.Markup:
    """``text`` HTML-escaped, with FTS5's highlight markers turned into ``<mark>``.

    >>> str(marked("a \\ue000<b>\\ue001 c"))
    'a <mark>&lt;b&gt;</mark> c'
    """
    escaped = str(markupsafe.escape(text or ""))
    if escaped.count(OPEN) != escaped.count(CLOSE):  # the stored text held a marker itself: show no marks
        escaped = escaped.replace(OPEN, "").replace(CLOSE, "")
    return markupsafe.Markup(escaped.replace(OPEN, "<mark>").replace(CLOSE, "</mark>"))


def fts_query(q: str) -> str:
    """The user's words as an FTS5 query: each word quoted, so punctuation is never FTS syntax.

    >>> fts_query('tokens per "second')
    '"tokens" "per" "second"'
    """
    return escape_fts(q.strip())


def narrowing(kind: str, filters: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The ``and t.col = :col`` clauses for the facets ``kind`` can be narrowed by, and their parameters."""
    columns = [c for c in KINDS[kind][2] if filters.get(c)]
    return "".join(f" and t.{c} = :{c}" for c in columns), {c: filters[c] for c in columns}


async def _rows(db, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def search_kind(db, kind: str, q: str, filters: dict[str, str]) -> dict:
    """Ranked hits, a bounded match count and facets of one kind."""
    table = KINDS[kind][0]
    where, params = narrowing(kind, filters)
    params["q"] = q
    matches = MATCHES_SQL.format(table=table)
    count = (await _rows(db, COUNT_SQL.format(table=table, matches=matches, where=where), params))[0]["n"]
    facets = {}
    for column in KINDS[kind][2]:
        facets[column] = await _rows(db, FACET_SQL.format(table=table, column=column, matches=matches,
                                                           where=where), params)
    hits = await _rows(db, RESULT_SQL[kind].format(where=where), params)
    return {"kind": kind, "hits": hits, "count": min(count, FACET_MATCHES), "more": count > FACET_MATCHES,
            "facets": facets}


def _decorate(datasette, database: str, kind: str, row: dict) -> dict:
    base = datasette.urls.database(database)
    row["marked"] = marked(row.get("hit"))
    if kind == "claims":
        row["url"] = base + "/-/claim/" + quote(row["id"], safe="")
        row["amount"] = format_value(row.get("value"), row.get("value_high"), row.get("unit"))
    elif kind == "figures":
        row["url"] = datasette.urls.row(database, "figures", tilde_encode(row["id"]))
        row["amount"] = format_amount(row.get("value"), row.get("value_high"), row.get("unit"))
    else:
        row["url"] = datasette.urls.row(database, "documents", tilde_encode(row["id"]))
        row["marked_title"] = marked(row.get("title_hit"))
        row["link"] = safe_link(row.get("source_url"))
    if row.get("vendor"):
        row["vendor_url"] = base + "/-/vendor/" + quote(row["vendor"], safe="")
    return row


def facet_links(path: str, q: str, filters: dict[str, str], column: str, values: list[dict]) -> list[dict]:
    """Each facet value with the URL that narrows to it (or, when selected, the URL that removes it)."""
    links = []
    for item in values:
        value = item["value"]
        selected = value is not None and filters.get(column) == str(value)
        params = {"q": q, **{k: v for k, v in filters.items() if v and k != column}}
        if not selected and value is not None:
            params[column] = str(value)
        links.append({"value": value, "n": item["n"], "selected": selected,
                      "url": path + "?" + urlencode(params) if value is not None or selected else None})
    return links


async def search_page(datasette, request):
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound(f"Database not found: {database}")
    await datasette.ensure_permissions(request.actor, [("view-database", database), "view-instance"])
    q = (request.args.get("q") or "").strip()
    filters = {c: (request.args.get(c) or "").strip() for c in ("vendor", "metric", "kind")}
    db = datasette.get_database(database)
    path = datasette.urls.database(database) + "/-/search"
    results = []
    if q and fts_query(q):
        for kind in KINDS:
            allowed = await datasette.permission_allowed(request.actor, "view-table", (database, KINDS[kind][0]),
                                                         default=True)
            if not allowed or any(v and c not in KINDS[kind][2] for c, v in filters.items()):
                continue  # hidden, or narrowed by a facet this kind does not have (kind= is for documents)
            found = await search_kind(db, kind, fts_query(q), filters)
            found["hits"] = [_decorate(datasette, database, kind, row) for row in found["hits"]]
            found["facets"] = {column: facet_links(path, q, filters, column, values)
                               for column, values in found["facets"].items()}
            found["table_url"] = datasette.urls.table(database, KINDS[kind][0]) + "?" + urlencode({"_search": q})
            results.append(found)
    return Response.html(await datasette.render_template("chipwatch_search.html", {
        "database": database, "q": q, "filters": {k: v for k, v in filters.items() if v}, "results": results,
        "search_path": path, "per_kind": RESULTS_PER_KIND, "bound": FACET_MATCHES,
        "clear_urls": {k: path + "?" + urlencode({"q": q, **{o: v for o, v in filters.items() if v and o != k}})
                       for k, v in filters.items() if v},
    }, request=request))


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/search$", search_page)]
