"""The claim page, ``/<database>/-/claim/<id>``: one claim as a statement, in its text, with its kin.

Shows the claim as a readable statement (product · value unit · metric · versus
comparator · on workload · hedge), the text around it with its sentence in bold
and only the claim's own characters marked (the ``start``/``end`` offsets into
the document text), the document (title, date, kind, source link), the other
mentions of its claim group, earliest first, and the other claims of the
document. Everything is read through Datasette's read-only connection, under
its SQL time limit; every stored string reaches the page through the
template's autoescaping, and only http(s) URLs become links.
"""

from __future__ import annotations

from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

from data.statements import context_segments, safe_link, statement_parts

CLAIM_SQL = """
select claims.*, documents.title as document_title, documents.kind as document_kind,
  documents.published as document_published, documents.source as document_source,
  coalesce(documents.canonical_url, documents.url) as source_url, documents.text as document_text,
  coalesce(vendors.name, claims.vendor) as vendor_name
from claims
left join documents on documents.id = claims.document_id
left join vendors on vendors.slug = claims.vendor
where claims.id = :id
"""

GROUP_SQL = """
select claims.id, claims.raw, claims.published, documents.title, documents.kind, documents.source,
  coalesce(documents.canonical_url, documents.url) as source_url
from claims left join documents on documents.id = claims.document_id
where claims.claim_group = :group and claims.id != :id
order by claims.published, claims.id
limit 200
"""

# The independent evidence for the claim (issue 12): its MLPerf check, if it got one
EVIDENCE_SQL = """
select claim_checks.*, json_extract(claim_checks.rules_broken, '$') as rules
from claim_checks where claim_id = :id
"""

DOCUMENT_CLAIMS_SQL = """
select id, raw, product, metric, value, value_high, unit, hedge, comparator, workload
from claims where document_id = :document and id != :id
order by start, id
limit 200
"""


def claim_path(datasette, database: str, claim_id: str) -> str:
    """The path of the claim page: ``/chipwatch/-/claim/<id>``."""
    return datasette.urls.database(database) + "/-/claim/" + quote(str(claim_id), safe="")


async def _rows(db, sql: str, params: dict) -> list[dict]:
    return [dict(row) for row in (await db.execute(sql, params)).rows]


async def claim_page(datasette, request):
    database = request.url_vars["database"]
    if database not in datasette.databases:
        raise NotFound(f"Database not found: {database}")
    await datasette.ensure_permissions(request.actor, [("view-table", (database, "claims")),
                                                       ("view-database", database), "view-instance"])
    db = datasette.get_database(database)
    claim_id = request.url_vars["id"]
    found = await _rows(db, CLAIM_SQL, {"id": claim_id})
    if not found:
        raise NotFound(f"No claim {claim_id}")
    claim = found[0]
    mentions = await _rows(db, GROUP_SQL, {"group": claim["claim_group"], "id": claim_id}) \
        if claim.get("claim_group") else []
    siblings = await _rows(db, DOCUMENT_CLAIMS_SQL, {"document": claim["document_id"], "id": claim_id})
    evidence = await _evidence(datasette, db, database, claim_id)
    for row in [*mentions, *siblings]:
        row["url"] = claim_path(datasette, database, row["id"])
        row["source_link"] = safe_link(row.get("source_url"))
        row["statement"] = " · ".join(statement_parts(row))
    context = context_segments(claim.pop("document_text"), claim["sentence"], claim["start"], claim["end"],
                               claim["raw"])
    return Response.html(await datasette.render_template("chipwatch_claim.html", {
        "database": database, "claim": claim, "statement": statement_parts(claim), "context": context,
        "source_link": safe_link(claim.get("source_url")), "mentions": mentions, "siblings": siblings,
        "evidence": evidence,
        "vendor_url": datasette.urls.database(database) + "/-/vendor/" + quote(claim["vendor"] or "", safe=""),
        "row_url": datasette.urls.row(database, "claims", quote(claim_id, safe="")),
        "group_url": datasette.urls.row(database, "claim_groups", quote(claim["claim_group"], safe=""))
        if claim.get("claim_group") else None,
    }, request=request))


async def _evidence(datasette, db, database: str, claim_id: str) -> dict | None:
    """The claim's check against MLPerf results, with links to the result rows it used."""
    import json

    if "claim_checks" not in await db.table_names():
        return None
    found = await _rows(db, EVIDENCE_SQL, {"id": claim_id})
    if not found:
        return None
    check = found[0]
    try:
        check["rules"] = json.loads(check.get("rules_broken") or "[]")
    except ValueError:
        check["rules"] = []
    for side in ("product_result", "comparator_result"):
        if check.get(side):
            check[f"{side}_url"] = datasette.urls.row(database, "benchmark_results", quote(check[side], safe=""))
    return check


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/claim/(?P<id>[^/]+)$", claim_page)]
