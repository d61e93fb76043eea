"""Article links on an HTML listing page, chosen by the source's ``link_pattern``."""

from __future__ import annotations

import re
from urllib.parse import urldefrag, urljoin, urlsplit

from crawler.charset import decode
from crawler.text import parse_html

MAX_LINKS = 100  # a listing shows the latest releases; more than this is a site map, not news


def listing_links(body: bytes, url: str, pattern: str | None, *, charset: str | None = None,
                  limit: int = MAX_LINKS) -> list[str]:
    """Absolute article URLs linked from the page at ``url`` that match ``pattern`` (a regex), in page order.

    Without a pattern, links on the listing's own host whose path goes below the
    listing's path are taken (``/press`` -> ``/press/<slug>``).
    """
    tree = parse_html(decode(body, charset))
    if tree is None:
        return []
    matcher = re.compile(pattern) if pattern else None
    found: dict[str, None] = {}
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        link = urldefrag(urljoin(url, href)).url
        if link.rstrip("/") == url.rstrip("/") or urlsplit(link).scheme not in ("http", "https"):
            continue
        if matcher.search(link) if matcher else _below(link, url):
            found.setdefault(link)
        if len(found) >= limit:
            break
    return list(found)


def _below(link: str, listing: str) -> bool:
    one, two = urlsplit(link), urlsplit(listing)
    return one.netloc == two.netloc and one.path.startswith(two.path.rstrip("/") + "/")
