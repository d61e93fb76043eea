"""The ``counted`` facet: a column facet that reads ``facet_counts`` (data/facet_counts.py) instead of
counting every row, on a table page with no filter or one equality filter on a counted column.

metadata.yml says ``facets: [{counted: vendor}, ...]``. Any other page (a search, ``_where``, two
filters, a range) counts the matching rows, as Datasette's column facet does, but every counted column
in one pass over them instead of one pass each.
"""

from __future__ import annotations

from collections import Counter

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
        kept = within is not None and await self._counts_kept()
        configs = self.get_configs()
        columns = [config["config"].get("column") or config["config"]["simple"] for config in configs]
        size = self.get_facet_size()
        if kept:
            counts = {column: await self._counts(column, within, size) for column in columns}
        else:  # a search, several filters, a range: count the matching rows, every column in one pass
            counts = await self._counted_in_one_pass(columns, size)
        results, timed_out, pairs = [], [], self.get_querystring_pairs()
        for source_and_config, column in zip(configs, columns, strict=True):
            rows = counts[column]
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
            # shown as the column facet it is: only where the counts come from differs
            results.append({"name": column, "type": "column", "hideable": source_and_config["source"] != "metadata",
                            "toggle_url": self.ds.urls.path(path_with_removed_args(self.request, {"_facet": column})),
                            "results": values, "truncated": len(rows) > size})
        return results, timed_out

    async def _counted_in_one_pass(self, columns: list[str], size: int) -> dict[str, list | None]:
        """Each column's counts over the matching rows, from one scan of them rather than one per column."""
        if not columns:
            return {}
        names = ", ".join(f"[{column}]" for column in columns)
        sql = f"select {names}, count(*) as n from ({self.sql}) group by {names}"
        try:
            result = await self.ds.execute(self.database, sql, self.params, truncate=False,
                                           custom_time_limit=self.ds.setting("facet_time_limit_ms"))
        except QueryInterrupted:
            return dict.fromkeys(columns)
        totals: dict[str, Counter] = {column: Counter() for column in columns}
        for row in result.rows:
            for i, column in enumerate(columns):
                if row[i] is not None:
                    totals[column][row[i]] += row["n"]
        return {column: [{"value": value, "count": count} for value, count in
                         sorted(totals[column].items(), key=lambda item: (-item[1], str(item[0])))[:size + 1]]
                for column in columns}

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
