"""The Scrapy project: spiders for EDGAR, newsroom feeds, sitemaps, listing pages and wires.

Everything is a Scrapy component switched on in ``crawler/settings.py``;
documents reach SQLite through ``crawler.pipelines.SQLitePipeline``.
"""
