"""Parsing what newsrooms and wires publish: feeds, sitemaps, listing pages and article pages.

Pure functions over bytes and strings, no Scrapy and no database, so each is
tested on saved fixtures; the one exception is ``spider``, the base class the
newsroom spiders in ``crawler/spiders`` share (seen-set, article requests,
pages to items).

- ``charset``: bytes -> text when the declared charset lies
- ``xml``: strict-then-tolerant XML parsing for feeds and sitemaps
- ``dates``: every date format we meet, and the publication date of a page
- ``text``: HTML -> plain text, and the main text of an article page
- ``page``: an article page -> :class:`Article` (title, canonical URL, date, text)
- ``feed``: RSS 2.0 / RSS 1.0 / Atom -> :class:`FeedEntry` list
- ``sitemap``: sitemap.xml and sitemap indexes
- ``listing``: article links on an HTML list page
- ``wire``: which registry vendor issued a wire-service item
- ``spider``: the base spider of feeds/sitemaps/listings/wires (seen-set, article pages -> items)
"""

from __future__ import annotations

from crawler.article.page import Article, PageError, parse_article

__all__ = ["Article", "PageError", "parse_article"]
