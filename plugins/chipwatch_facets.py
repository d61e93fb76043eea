"""The ``counted`` facet: a column facet that reads ``facet_counts`` (data/facet_counts.py) instead of
counting every row, on a table page with no filter or one equality filter on a counted column.

metadata.yml says ``facets: [{counted: vendor}, ...]``. Any other page (a search, ``_where``, two
filters, a range) counts rows exactly as Datasette's column facet does, which it is underneath.
"""

from __future__ import annotations

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import path_with_added_args, path_with_removed_args

from data.facet_counts import COUNTED, counted_trigger

# Query-string arguments that change the page, not the rows counted.
_NOT_FILTERS = {"_sort", "_sort_desc", "_next", "_size", "_facet", "_facet_size", "_nocount", "_nofacet",
                "_labels", "_nolabels", "_col", "_nocol", "_shape", "_json", "_stream", "_dl", "_trace",
                "_context", "_extra", "_timelimit", "_ttl", "_hash", "_facet_counted"}


class CountedFacet(ColumnFacet):
    type = "counted"

    async def facet_results(self):
        within = self._counted_within()
        if within is None or not await self._counts_kept():
            return await super().facet_results()  # a column facet, counted over the matching rows
        results, timed_out = [], []
        pairs, size = self.get_querystring_pairs(), self.get_facet_size()
        for source_and_config in self.get_configs():
            column = source_and_config["config"].get("column") or source_and_config["config"]["simple"]
            rows = await self._counts(column, within, size)
            if rows is None:
                timed_out.append(column)
                continue
            expanded = await self.ds.expand_foreign_keys(self.database, self.table, column,
                                                         [row["value"] for row in rows[:size]])
            values = []
            for row in rows[:size]:
                selected = (column, str(row["value"])) in pairs
                path = (path_with_removed_args(self.request, {column: str(row["value"])}) if selected
                        else path_with_added_args(self.request, {column: row["value"]}))
                values.append({"value": row["value"], "label": expanded.get((column, row["value"]), row["value"]),
                               "count": row["count"], "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(path))})
            results.append({"name": column, "type": self.type, "hideable": source_and_config["source"] != "metadata",
                            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                            "results": values, "truncated": len(rows) > size})
        return results, timed_out

    def _counted_within(self) -> tuple[str, str] | None:
        """``("", "")`` for an unfiltered page, ``(column, value)`` for one equality filter on a counted
        column, None when the counts kept ahead cannot answer."""
        counted = COUNTED.get(self.table)
        if not counted:
            return None
        filters = []
        for key, value in self.get_querystring_pairs():
            if key.startswith("_"):
                if key not in _NOT_FILTERS:
                    return None  # _search, _where, _through, ...: rows the counts know nothing of
                continue
            column = key[:-len("__exact")] if key.endswith("__exact") else key
            if column not in counted:
                return None
            filters.append((column, value))
        if len(filters) > 1:
            return None
        return filters[0] if filters else ("", "")

    async def _counts_kept(self) -> bool:
        """Whether this database keeps the table's counts (a database from before does not)."""
        rows = await self.ds.execute(self.database, "select 1 from sqlite_master where type = 'trigger' and name = ?",
                                     [f"{counted_trigger(self.table)}_ai"])
        return bool(rows.rows)

    async def _counts(self, column: str, within: tuple[str, str], size: int) -> list | None:
        within_column, within_value = within
        if within_column == column:  # the filtered column's own facet: the one value filtered on
            sql = ("select value, count from facet_counts where tbl = :t and within = '' and within_value = '' "
                   "and facet = :f and value = :v and count > 0")
            params = {"t": self.table, "f": column, "v": within_value}
        else:
            sql = ("select value, count from facet_counts where tbl = :t and within = :w and within_value = :wv "
                   "and facet = :f and count > 0 order by count desc, value limit :n")
            params = {"t": self.table, "w": within_column, "wv": within_value, "f": column, "n": size + 1}
        try:
            result = await self.ds.execute(self.database, sql, params,
                                           custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted:
            return None
        return list(result.rows)


@hookimpl
def register_facet_classes():
    return [CountedFacet]
