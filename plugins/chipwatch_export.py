"""Exact CSV exports: a streamed table export (``.csv?_stream=on``) pages by the primary key.

Datasette 0.65 streams a CSV page by page with keyset pagination on the sort
column, but orders the first page by the sort column alone, without the
primary-key tie-breaker the later pages use. ``claims`` sort by ``published``,
which thousands of rows share, so a full export repeated some rows and missed
others. A full export has no use for the page's sort order; this middleware
rewrites a streamed table CSV to sort by the primary key, which is unique, so
every row comes out exactly once. Sorted views of a table keep their order on
the HTML and JSON pages.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

# /<database>/<table>.csv — a canned query has no primary key and is left alone.
CSV_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/]+)\.csv$")
SORT_ARGS = ("_sort", "_sort_desc")


def sorted_by_key(query_string: str, primary_key: str) -> str:
    """``query_string`` with any ``_sort``/``_sort_desc`` replaced by ``_sort=<primary_key>``.

    >>> sorted_by_key("_stream=on&_sort_desc=published", "id")
    '_stream=on&_sort=id'
    """
    args = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True) if k not in SORT_ARGS]
    return urlencode([*args, ("_sort", primary_key)])


async def _stream_primary_key(datasette, path: str, query_string: str) -> str | None:
    """The single-column primary key to sort a streamed CSV of a table by, else None."""
    match = CSV_PATH.match(path)
    if not match or not dict(parse_qsl(query_string)).get("_stream"):
        return None
    database, table = match["database"], match["table"]
    if database not in datasette.databases:
        return None
    db = datasette.get_database(database)
    if not await db.table_exists(table):
        return None
    keys = await db.primary_keys(table)
    return keys[0] if len(keys) == 1 else "rowid" if not keys else None


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def exact_csv_stream(scope, receive, send):
            if scope["type"] == "http" and scope.get("path", "").endswith(".csv"):
                query_string = scope.get("query_string", b"").decode("latin-1")
                key = await _stream_primary_key(datasette, scope["path"], query_string)
                if key:
                    scope = dict(scope, query_string=sorted_by_key(query_string, key).encode("latin-1"))
            await app(scope, receive, send)

        return exact_csv_stream

    return wrap
