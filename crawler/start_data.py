"""A start request as JSON and back: the form start requests take in ``<spider>:start_urls`` in Redis.

scrapy-redis reads JSON start data through the spider's ``make_request_from_data``; ours keep the whole
request (callback and errback by name, meta, cb_kwargs, headers such as ``If-None-Match`` or
``If-Modified-Since``, priority, dont_filter) by way of Scrapy's own ``Request.to_dict`` and
``request_from_dict``. Values must be JSON's own types; a spider whose requests carry other objects
converts them in its ``start_data`` / ``make_request_from_data`` (see ``EdgarSpider``).
"""

from __future__ import annotations

import json
from typing import Any

from scrapy import Request, Spider
from scrapy.utils.request import request_from_dict

# Header names, values and bodies are bytes; latin-1 maps each byte to one character and back.
BYTES_ENCODING = "latin-1"


class StartDataError(ValueError):
    """A start request that cannot go to Redis as JSON, or start data that is not a request."""


def request_to_data(request: Request, spider: Spider) -> bytes:
    """``request`` as JSON bytes, callbacks named after ``spider``'s methods.

    >>> from scrapy import Spider
    >>> request_to_data(Request("https://acme.test/feed.xml", meta={"vendor": "acme"}), Spider("s"))[:40]
    b'{"url": "https://acme.test/feed.xml", "c'
    """
    data = request.to_dict(spider=spider)
    data["headers"] = {name.decode(BYTES_ENCODING): [v.decode(BYTES_ENCODING) for v in values]
                       for name, values in data["headers"].items()}
    data["body"] = data["body"].decode(BYTES_ENCODING)
    try:
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    except TypeError as exc:
        raise StartDataError(f"start request {request.url} cannot go to Redis as JSON: {exc}") from exc


def request_from_data(data: bytes | str, spider: Spider) -> Request:
    """The request :func:`request_to_data` encoded (a bare ``{"url": ...}`` pushed by hand works too)."""
    try:
        fields: dict[str, Any] = json.loads(data)
        fields["url"]  # noqa: B018 - raises KeyError on data that is not a request
    except (ValueError, TypeError, KeyError) as exc:
        raise StartDataError(f"start data is not a JSON request with a url: {data[:200]!r}") from exc
    headers = fields.get("headers") or {}
    fields["headers"] = {name.encode(BYTES_ENCODING): [v.encode(BYTES_ENCODING) for v in values]
                         for name, values in headers.items()}
    fields["body"] = (fields.get("body") or "").encode(BYTES_ENCODING)
    return request_from_dict(fields, spider=spider)
