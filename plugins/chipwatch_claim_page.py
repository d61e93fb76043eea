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

from urllib.parse import quote, urlsplit

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

CONTEXT_CHARS = 400  # text shown either side of the claim's sentence

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

DOCUMENT_CLAIMS_SQL = """
select id, raw, product, metric, value, value_high, unit, hedge, comparator, workload
from claims where document_id = :document and id != :id
order by start, id
limit 200
"""


def claim_path(datasette, database: str, claim_id: str) -> str:
    """The path of the claim page: ``/chipwatch/-/claim/<id>``."""
    return datasette.urls.database(database) + "/-/claim/" + quote(str(claim_id), safe="")


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None: stored text never becomes a ``javascript:`` link.

    >>> safe_link("https://example.com/a"), safe_link("javascript:alert(1)")
    ('https://example.com/a', None)
    """
    if not url or not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def format_value(value, value_high=None, unit: str | None = None) -> str:
    """A claimed value with its range and unit, as a reader writes it.

    >>> format_value(6.9, None, "x"), format_value(1800.0, None, "tokens/s"), format_value(2, 3, "x")
    ('6.9x', '1,800 tokens/s', '2–3x')
    """
    def number(v) -> str:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return f"{v:,}" if isinstance(v, int) else str(v)

    if value is None:
        return ""
    text = number(value) + (f"–{number(value_high)}" if value_high not in (None, "") else "")
    if not unit:
        return text
    return text + unit if unit in ("x", "%") else f"{text} {unit}"


def statement_parts(claim: dict) -> list[str]:
    """The claim as the parts of a statement: product · value unit · metric · versus … · on … · hedge.

    >>> statement_parts({"product": "LX-3", "value": 6.9, "unit": "x", "metric": "speed",
    ...                  "comparator": "a GPU", "workload": "70B model", "hedge": "up to"})
    ['LX-3', '6.9x', 'speed', 'versus a GPU', 'on 70B model', 'hedge: up to']
    """
    parts = [claim.get("product"), format_value(claim.get("value"), claim.get("value_high"), claim.get("unit")),
             claim.get("metric")]
    if claim.get("comparator"):
        parts.append(f"versus {claim['comparator']}")
    if claim.get("workload"):
        parts.append(f"on {claim['workload']}")
    if claim.get("hedge"):
        parts.append(f"hedge: {claim['hedge']}")
    return [part for part in parts if part]


def context_segments(text: str | None, sentence: str | None, start, end, raw: str | None) -> dict:
    """The text around a claim cut into plain pieces: before, sentence head, claim, sentence tail, after.

    The claim is ``text[start:end]`` when the offsets hold its words; otherwise the first occurrence
    of ``raw`` in the sentence. Pieces are plain strings: the template escapes them.

    >>> context_segments("Intro. It is 6x faster. End.", "It is 6x faster.", 13, 22, "6x faster")["claim"]
    '6x faster'
    """
    text, sentence, raw = text or "", sentence or "", raw or ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and (
            not raw or text[start:end] == raw):
        # the first occurrence of the sentence that ends at or after the claim, if it also begins before it
        s_from = text.find(sentence, max(0, end - len(sentence))) if sentence else -1
        if s_from < 0 or s_from > start:
            s_from, s_to = start, end
        else:
            s_to = s_from + len(sentence)
        return {"before": _clip_left(text[max(0, s_from - CONTEXT_CHARS):s_from], s_from > CONTEXT_CHARS),
                "head": text[s_from:start], "claim": text[start:end], "tail": text[end:s_to],
                "after": _clip_right(text[s_to:s_to + CONTEXT_CHARS], s_to + CONTEXT_CHARS < len(text))}
    head, found, tail = sentence.partition(raw) if raw else (sentence, "", "")
    if not found:
        head, tail = sentence, ""
    return {"before": "", "head": head, "claim": found, "tail": tail, "after": ""}


def _clip_left(text: str, clipped: bool) -> str:
    return "…" + text if clipped else text


def _clip_right(text: str, clipped: bool) -> str:
    return text + "…" if clipped else text


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
    for row in [*mentions, *siblings]:
        row["url"] = claim_path(datasette, database, row["id"])
        row["source_link"] = safe_link(row.get("source_url"))
        row["statement"] = " · ".join(statement_parts(row))
    context = context_segments(claim.pop("document_text"), claim["sentence"], claim["start"], claim["end"],
                               claim["raw"])
    return Response.html(await datasette.render_template("chipwatch_claim.html", {
        "database": database, "claim": claim, "statement": statement_parts(claim), "context": context,
        "source_link": safe_link(claim.get("source_url")), "mentions": mentions, "siblings": siblings,
        "vendor_url": datasette.urls.database(database) + "/-/vendor/" + quote(claim["vendor"] or "", safe=""),
        "row_url": datasette.urls.row(database, "claims", quote(claim_id, safe="")),
        "group_url": datasette.urls.row(database, "claim_groups", quote(claim["claim_group"], safe=""))
        if claim.get("claim_group") else None,
    }, request=request))


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/-/claim/(?P<id>[^/]+)$", claim_page)]
