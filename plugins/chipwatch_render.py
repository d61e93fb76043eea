"""Cell rendering for claims: show a claim in its context, and link every claim to that view.

* In the ``claim`` canned query, the ``context`` column shows the text around the
  claim with its sentence in bold and the claim's own words highlighted.
* In the ``claims`` table, each ``sentence`` cell ends with an "in context" link
  to the claim page (``/<database>/-/claim/<id>``); in the canned queries, a
  ``claim`` column (a claim id) links there too, and a
  ``claim_group`` column links to the group's row.
"""

from __future__ import annotations

from urllib.parse import quote

import markupsafe
from datasette import hookimpl

SENTENCE_CHARS = 200  # a claims row stays a few lines tall; the claim page has the whole sentence


def truncate(text: str, limit: int) -> str:
    """``text`` cut at a word boundary before ``limit`` characters, with "…" when cut.

    >>> truncate("one two three", 9), truncate("short", 9)
    ('one two…', 'short')
    """
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def highlight_context(context: str, sentence: str | None, raw: str | None) -> markupsafe.Markup:
    """Escape ``context``; bold ``sentence`` and mark ``raw`` inside it where they occur.

    >>> str(highlight_context("a b c", "b", "b"))
    '…a <strong><mark>b</mark></strong> c…'
    """
    before, found, after = context.partition(sentence) if sentence else (context, "", "")
    if not found:
        return markupsafe.Markup("…{}…").format(_mark(context, raw))
    return markupsafe.Markup("…{}<strong>{}</strong>{}…").format(before, _mark(found, raw), after)


def _mark(text: str, raw: str | None) -> markupsafe.Markup:
    before, found, after = text.partition(raw) if raw else (text, "", "")
    if not found:
        return markupsafe.Markup("{}").format(text)
    return markupsafe.Markup("{}<mark>{}</mark>{}").format(before, found, after)


def _row_value(row, column: str):
    try:
        return row[column]
    except (KeyError, IndexError):
        return None


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    if column == "context" and table is None and isinstance(value, str):
        # A wide cell: the context is the point of the page, not one narrow column among many.
        return markupsafe.Markup('<div class="chipwatch-context" style="min-width:28em;max-width:48em">{}</div>').format(
            highlight_context(value, _row_value(row, "sentence"), _row_value(row, "raw")))
    if column == "claim_group" and table is None and isinstance(value, str):
        url = datasette.urls.table(database, "claim_groups") + "/" + quote(value, safe="")
        return markupsafe.Markup('<a href="{}">{}</a>').format(url, value)
    if column == "claim" and table is None and isinstance(value, str):
        return markupsafe.Markup('<a class="chipwatch-context" href="{}">{}</a>').format(
            claim_url(datasette, database, value), value)
    if table == "claims" and column == "sentence" and isinstance(value, str):
        claim_id = _row_value(row, "id")
        if claim_id is None:
            return None
        return markupsafe.Markup('{} <a class="chipwatch-context" href="{}">in&nbsp;context&nbsp;→</a>').format(
            truncate(value, SENTENCE_CHARS), claim_url(datasette, database, claim_id))
    return None


def claim_url(datasette, database: str, claim_id: str) -> str:
    """The path of the claim page (plugins/chipwatch_claim_page.py) for one claim."""
    return datasette.urls.database(database) + "/-/claim/" + quote(str(claim_id), safe="")
