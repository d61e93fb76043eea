"""Downloader middlewares, switched on in ``DOWNLOADER_MIDDLEWARES`` (crawler/settings.py).

- :mod:`crawler.middlewares.sec`: SEC fair-access etiquette (declared User-Agent, one global
  request rate across SEC hosts, pause on the rate-limit page, AccessDenied as not found).
"""
