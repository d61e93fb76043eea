"""The examples in the nlp docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["nlp.numbers", "nlp.quantities", "nlp.grouping", "nlp.lexicon", "nlp.pipeline", "nlp.components",
           "nlp.extract", "nlp.periods", "nlp.introductions", "nlp.workloads", "nlp.vendors"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0 and result.failed == 0
