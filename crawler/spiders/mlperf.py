"""``mlperf``: MLPerf Inference ``summary.csv`` files, one URL per round -> ``benchmark_results``.

The URLs come from ``CHIPWATCH_MLPERF_ROUNDS`` (or ``-a rounds=url,url``); a user with internet
points them at the results repositories' raw files, e.g.
``https://raw.githubusercontent.com/mlcommons/inference_results_v6.1/main/summary.csv``.
A round that cannot be fetched (404, timeout) is a recorded fetch error; the others still load.
Storing is incremental (an unchanged file adds nothing): see ``evidence.benchmarks``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import scrapy

from crawler.items import BenchmarkFileItem
from crawler.spiders.base import ChipwatchSpider

SOURCE = "mlperf"
_ROUND_IN_URL = re.compile(r"inference_results_(v\d+\.\d+)")


def round_of(url: str) -> str | None:
    """The round a results URL names, for files without a ``version`` column.

    >>> round_of("https://raw.githubusercontent.com/mlcommons/inference_results_v6.1/main/summary.csv")
    'v6.1'
    """
    m = _ROUND_IN_URL.search(url)
    return m.group(1) if m else None


class MlperfSpider(ChipwatchSpider):
    name = "mlperf"

    def __init__(self, *args: Any, rounds: str | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rounds_argument = rounds

    def round_urls(self) -> list[str]:
        configured = self.rounds_argument or self.settings.get("CHIPWATCH_MLPERF_ROUNDS") or []
        if isinstance(configured, str):
            configured = configured.split(",")
        return [url.strip() for url in configured if url.strip()]

    async def start(self):
        for url in self.round_urls():
            yield self.request(url, self.parse_summary, source=SOURCE, dont_filter=True)

    def parse_summary(self, response: scrapy.http.Response) -> Iterator[BenchmarkFileItem]:
        """Callback: the raw CSV bytes, with the round its URL names."""
        yield BenchmarkFileItem(source=SOURCE, url=response.url, body=response.body, round=round_of(response.url))
