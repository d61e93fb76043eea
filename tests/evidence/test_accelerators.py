"""MLPerf accelerator spellings normalised to the product catalogue."""

from __future__ import annotations

import pytest

from evidence.accelerators import Catalogue, load_catalogue


@pytest.mark.parametrize(("spelling", "product"), [
    ("NVIDIA H200-SXM-141GB", "H200"),
    ("AMD Instinct MI355X 288GB HBM3e", "MI355X"),
    ("Nvidia B300-SXM-270GB", "B300"),       # the same chip spelled two ways
    ("NVIDIA B300-SXM-270GB", "B300"),
    ("NVIDIA GB200", "GB200"),               # not the B200 inside its name
    ("NVIDIA H200-SXM-141GB + AMD Instinct MI350X 288GB HBM3e", "H200 + MI350X"),
    ("N/A", None),
    ("", None),
])
def test_the_shipped_catalogue_names_the_accelerator(spelling, product):
    assert load_catalogue().normalise(spelling) == product


def test_memories_are_never_the_accelerator():
    catalogue = Catalogue.from_products([{"name": "HBM3E", "kind": "memory", "aliases": ["HBM3e"]}])
    assert catalogue.normalise("Example X9 288GB HBM3e") is None


def test_the_longest_spelling_wins():
    catalogue = Catalogue.from_products([{"name": "QX"}, {"name": "QX Edge", "aliases": ["QX-1 Edge"]}])
    assert catalogue.normalise("Quillon QX-1 Edge 32GB") == "QX Edge"
