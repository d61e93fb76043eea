"""The examples in the crawler's docstrings (and the seen-state it reads through ``data.seen``) run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import crawler


def modules_with_examples() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(crawler.__path__, "crawler.")] + ["data.seen"]
    return sorted(n for n in names if doctest.DocTestFinder().find(importlib.import_module(n))
                  and any(t.examples for t in doctest.DocTestFinder().find(importlib.import_module(n))))


def test_the_crawler_has_examples_to_run():
    assert {"crawler.text", "crawler.charset", "crawler.article.dates", "crawler.spiders.base",
            "data.seen"} <= set(modules_with_examples())


@pytest.mark.parametrize("name", modules_with_examples())
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
