"""Fixtures for the extraction tests: one pipeline per session (building it is the slow part)."""

from __future__ import annotations

import pytest

from nlp.extract import Extractor

VENDORS = [
    {"slug": "halcyon", "name": "Halcyon Semiconductor", "aliases": ["Halcyon"], "ticker": "HLCN"},
    {"slug": "vantor", "name": "Vantor Compute", "aliases": ["Vantor"], "ticker": None},
    {"slug": "cerebras", "name": "Cerebras", "aliases": ["Cerebras Systems"], "ticker": "CBRS"},
    {"slug": "nvidia", "name": "NVIDIA", "aliases": ["Nvidia"], "ticker": "NVDA"},
]


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(VENDORS)


@pytest.fixture(scope="session")
def extract(extractor):
    """``extract(text, **meta)`` -> facts."""
    return extractor.extract


def only(facts: list[dict], **fields) -> dict:
    """The single fact matching ``fields``; fails with the facts listed otherwise."""
    found = [f for f in facts if all(f.get(k) == v for k, v in fields.items())]
    assert len(found) == 1, f"expected one fact with {fields}, got {len(found)} in {facts}"
    return found[0]
