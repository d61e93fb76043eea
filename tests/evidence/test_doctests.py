"""The examples in the evidence stage's docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import evidence


def modules_with_examples() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(evidence.__path__, "evidence.")]
    finder = doctest.DocTestFinder()
    return sorted(n for n in names if any(t.examples for t in finder.find(importlib.import_module(n))))


def test_the_evidence_modules_have_examples_to_run():
    assert {"evidence.periods", "evidence.precision", "evidence.outcomes", "evidence.accelerators",
            "evidence.mlperf", "evidence.concepts"} <= set(modules_with_examples())


@pytest.mark.parametrize("name", modules_with_examples())
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
