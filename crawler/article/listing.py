"""Article links on an HTML listing page, chosen by the source's ``link_pattern`` with Scrapy's LinkExtractor."""

from __future__ import annotations

from urllib.parse import urldefrag, urlsplit

from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from crawler.charset import decode

MAX_LINKS = 100  # a listing shows the latest releases; more than this is a site map, not news


def listing_links(body: bytes, url: str, pattern: str | None, *, charset: str | None = None,
                  limit: int = MAX_LINKS) -> list[str]:
    """Absolute article URLs linked from the page at ``url`` that match ``pattern`` (a regex), in page order.

    Without a pattern, links on the listing's own host whose path goes below the
    listing's path are taken (``/press`` -> ``/press/<slug>``). Links to files
    (PDF, images: LinkExtractor's ``deny_extensions``) and to the listing itself are left out.
    """
    # Decoded by our rule (valid UTF-8 wins over a lying declaration), then handed to Scrapy as UTF-8.
    response = HtmlResponse(url=url, body=decode(body, charset).encode("utf-8"), encoding="utf-8")
    extractor = LinkExtractor(allow=pattern or (), allow_domains=() if pattern else (urlsplit(url).hostname,),
                              unique=True)
    found: dict[str, None] = {}
    for link in extractor.extract_links(response):
        target = urldefrag(link.url).url
        if target.rstrip("/") == url.rstrip("/") or not (pattern or _below(target, url)):
            continue
        found.setdefault(target)
        if len(found) >= limit:
            break
    return list(found)


def _below(link: str, listing: str) -> bool:
    one, two = urlsplit(link), urlsplit(listing)
    return one.netloc == two.netloc and one.path.startswith(two.path.rstrip("/") + "/")
