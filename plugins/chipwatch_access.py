"""Who may do what: with ``CHIPWATCH_ALLOW_SQL=0`` Datasette denies arbitrary SQL (``execute-sql``).

For a shared deployment: the SQL editor, ``?sql=`` and ``?_where=`` answer 403 and
their links disappear, while tables, facets, the canned queries, feeds, search,
claim and vendor pages keep working (they never need ``execute-sql``). The value
is read with :func:`chipwatch.config.parse_allow_sql`, the parser ``chipwatch
serve`` validated it with; a value that does not parse denies SQL rather than
allowing it, since the setting is a safeguard.
"""

from __future__ import annotations

import os

from datasette import hookimpl

from chipwatch.config import ConfigError, parse_allow_sql


def sql_allowed(env=None) -> bool:
    """True unless ``CHIPWATCH_ALLOW_SQL`` says no (or says something that is not a yes or a no)."""
    try:
        return parse_allow_sql(os.environ if env is None else env)
    except ConfigError:
        return False


@hookimpl
def permission_allowed(actor, action):
    if action == "execute-sql" and not sql_allowed():
        return False
    return None
