"""Spider middleware of a shared crawl frontier: every request the spiders yield goes through the dupefilter.

The spiders mark their feed and article requests ``dont_filter`` (one process has its own seen-set,
and Scrapy's dupefilter would hide a redirect loop). With several ``chipwatch crawl --worker``
processes the seen-set is per process, so scrapy-redis's shared dupefilter must see those requests
too, or two workers would both fetch every feed and every article in it. Retries (made by the
downloader middlewares, not the spiders) keep ``dont_filter`` and are still sent again.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware


class SharedFrontierMiddleware(BaseSpiderMiddleware):
    """Turn ``dont_filter`` off on spider requests, so the shared dupefilter decides (worker mode only)."""

    def get_processed_request(self, request: Request, response: Response | None) -> Request:
        return request.replace(dont_filter=False) if request.dont_filter else request
