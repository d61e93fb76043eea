"""The search page, ``/<database>/-/search?q=``: ranked full-text search over claims, figures and documents.

Each kind is read from its FTS5 table (porter-stemmed, ``data/db.py``): the
newest :data:`CANDIDATES` matches (all of them for any but a very common word)
are ranked by bm25 (FTS5's ``rank``), and the best :data:`RESULTS_PER_KIND` are
shown with the hit marked by ``highlight()`` / ``snippet()``. Bounding the
candidates is what keeps a common word fast at a million claims (ranking all of
a word's 300,000 matches took half a second); the page says when it did. The
markers are private-use characters, swapped for ``<mark>`` only after the text
is HTML-escaped: crawled text never reaches the page as markup. Facets (vendor,
metric, document kind) count the same candidates; ``vendor=``, ``metric=`` and
``kind=`` narrow the results within the candidates.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import markupsafe
from datasette import hookimpl
from datasette.utils import escape_fts, tilde_encode
from datasette.utils.asgi import NotFound, Response

from data.statements import format_amount, format_value, safe_link

RESULTS_PER_KIND = 50
# Ranking and facets read at most this many matches of each kind, the most recently stored first: bm25 over
# every match of a common word cost ~0.5 s at a million claims; over this many it costs milliseconds.
CANDIDATES = 2_000
FACET_VALUES = 8
OPEN, CLOSE = "\ue000", "\ue001"  # highlight markers: private-use characters, replaced after escaping

# kind -> (table, FTS column highlighted, the columns a facet may narrow by)
KINDS: dict[str, tuple[str, int, tuple[str, ...]]] = {
    "claims": ("claims", 0, ("vendor", "metric")),
    "figures": ("figures", 0, ("vendor", "metric")),
    "documents": ("documents", 1, ("vendor", "kind")),
}

# The candidates: the newest CANDIDATES matches (FTS5 walks rowids backwards and stops, no table read); their
# lowest rowid bounds the facets and the ranking below, which FTS5 applies as a range (cheap). Facets narrow
# within the candidates, so a facet's count is what clicking it shows, and no filter makes the scan longer.
CANDIDATES_SQL = ("select count(*) as n, min(rowid) as lowest from (select rowid from {table}_fts"
                  " where {table}_fts match :q order by rowid desc limit " + str(CANDIDATES) + ")")
OLDER_SQL = "select exists(select 1 from {table}_fts where {table}_fts match :q and rowid < :lowest) as more"
MATCHES_FROM = """
from {table}_fts join {table} t on t.rowid = {table}_fts.rowid
where {table}_fts match :q and {table}_fts.rowid >= :lowest {where}
"""
# one pass over the candidates counts every facet column at once
FACETS_SQL = "select {columns}, count(*) as n " + MATCHES_FROM + " group by {columns}"
# the page of hits, marked: the best RESULTS_PER_KIND by bm25 among the candidates
HIT_COLUMNS = {
    "claims": f"""t.id, t.vendor, t.product, t.metric, t.value, t.value_high, t.unit, t.published, t.document_id,
  highlight(claims_fts, 0, '{OPEN}', '{CLOSE}') as hit, claims_fts.rank as rank""",
    "figures": f"""t.id, t.vendor, t.company, t.metric, t.value, t.value_high, t.unit, t.period, t.published,
  t.document_id, highlight(figures_fts, 0, '{OPEN}', '{CLOSE}') as hit, figures_fts.rank as rank""",
    "documents": f"""t.id, t.vendor, t.kind, t.published, coalesce(t.canonical_url, t.url) as source_url,
  highlight(documents_fts, 0, '{OPEN}', '{CLOSE}') as title_hit,
  snippet(documents_fts, 1, '{OPEN}', '{CLOSE}', '…', 32) as hit, documents_fts.rank as rank""",
}
# claims and figures show their document's kind and title, joined for the page of hits only
WITH_DOCUMENT = """
select hits.*, d.kind as document_kind, d.title as document_title from ({hits}) hits
left join documents d on d.id = hits.document_id order by hits.rank
"""


def hits_sql(kind: str, where: str) -> str:
    """The best hits of ``kind`` among the matches from rowid ``:lowest`` on, with their marked text."""
    table = KINDS[kind][0]
    sql = (f"select {HIT_COLUMNS[kind]} " + MATCHES_FROM.format(table=table, where=where)
           + f" order by {table}_fts.rank limit {RESULTS_PER_KIND}")
    return WITH_DOCUMENT.format(hits=sql) if kind != "documents" else sql


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
    """The best hits among the newest :data:`CANDIDATES` matches of one kind, their count and facets."""
    table, _, columns = KINDS[kind]
    where, params = narrowing(kind, filters)
    params["q"] = q
    found = (await _rows(db, CANDIDATES_SQL.format(table=table), {"q": q}))[0]
    if not found["n"]:
        return {"kind": kind, "hits": [], "count": 0, "more": False, "facets": {c: [] for c in columns}}
    params["lowest"] = found["lowest"]
    more = found["n"] >= CANDIDATES and (await _rows(db, OLDER_SQL.format(table=table), params))[0]["more"]
    counts = await _rows(db, FACETS_SQL.format(table=table, where=where, columns=", ".join(f"t.{c}" for c in columns)),
                         params)
    hits = await _rows(db, hits_sql(kind, where), params)
    return {"kind": kind, "hits": hits, "count": sum(row["n"] for row in counts), "more": bool(more),
            "facets": {column: facet_values(counts, column) for column in columns}}


def facet_values(counts: list[dict], column: str) -> list[dict]:
    """``[{"value", "n"}]`` of one column from the counts grouped by every facet column, largest first.

    >>> facet_values([{"vendor": "a", "metric": "x", "n": 2}, {"vendor": "b", "metric": "x", "n": 3}], "metric")
    [{'value': 'x', 'n': 5}]
    """
    totals: dict = {}
    for row in counts:
        totals[row[column]] = totals.get(row[column], 0) + row["n"]
    ordered = sorted(totals.items(), key=lambda item: (-item[1], str(item[0])))
    return [{"value": value, "n": n} for value, n in ordered[:FACET_VALUES]]


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
        "search_path": path, "per_kind": RESULTS_PER_KIND, "bound": CANDIDATES,
        "clear_urls": {k: path + "?" + urlencode({"q": q, **{o: v for o, v in filters.items() if v and o != k}})
                       for k, v in filters.items() if v},
    }, request=request))


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/search$", search_page)]
