"""Group mentions of the same performance claim across documents.

"6.9x the throughput", "nearly seven times faster" and "the 7x claim" about the same chip and
comparison are one claim. Two mentions are the same claim when they share vendor, unit and metric
family, their values agree within a tolerance (10% for multipliers: rounding and hedges), and their
product, comparator and direction do not contradict each other (a missing one contradicts nothing).

Pure functions: no spaCy, no database.

>>> a = {"id": "a", "vendor": "cerebras", "product": "WSE-3", "metric": "throughput", "value": 6.9, "unit": "x"}
>>> b = {"id": "b", "vendor": "cerebras", "product": None, "metric": "speed", "value": 7, "unit": "x"}
>>> group_claims([a, b])
[['a', 'b']]
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import cache

from nlp.lexicon import load_lexicon

# Metrics that readers treat as one kind of claim ("faster" vs "more throughput").
_METRIC_FAMILY = {"speed": "performance", "throughput": "performance", "compute": "performance",
                  "power": "power", "efficiency": "efficiency"}
_TOLERANCE = {"x": 0.10, "%": 0.10}
_DEFAULT_TOLERANCE = 0.02
_GENERIC = {"gpu": re.compile(r"\bgpus?\b", re.I), "cpu": re.compile(r"\bcpus?\b", re.I)}


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"[^a-z0-9]+", "", str(text).lower()) or None


@cache
def _product_families() -> dict[str, str]:
    """Normalised product name or alias -> catalogue family (its ``family`` field, else its name)."""
    out = {}
    for entry in load_lexicon().products:
        family = _norm(entry.get("family") or entry["name"])
        for name in [entry["name"], *(entry.get("aliases") or [])]:
            out[_norm(str(name))] = family
    return out


def product_key(product: str | None) -> str | None:
    """A product's family key: "WSE-3" and "Wafer Scale Engine" are one family."""
    key = _norm(product)
    return _product_families().get(key, key) if key else None


def comparator_key(comparator: str | None) -> str | None:
    """A comparator's key: a catalogue product it names, else "gpu"/"cpu" for generic setups, else its words."""
    if not comparator:
        return None
    families = _product_families()
    for word in re.findall(r"[\w-]+", comparator):
        if _norm(word) in families:
            return families[_norm(word)]
    for key, regex in _GENERIC.items():
        if regex.search(comparator):
            return key
    return _norm(comparator)


def claim_signature(fact: dict, vendor: str | None) -> str | None:
    """The bucket a claim is grouped in ("cerebras|x|performance"), or None when it cannot be grouped.

    >>> claim_signature({"unit": "x", "metric": "speed", "value": 7}, "Cerebras")
    'cerebras|x|performance'
    """
    unit, value = fact.get("unit"), fact.get("value")
    if not unit or value is None:
        return None
    metric = fact.get("metric") or "other"
    return "|".join([_norm(vendor) or "-", str(unit), _METRIC_FAMILY.get(metric, metric)])


def _close(a: float, b: float, unit: str) -> bool:
    tolerance = _TOLERANCE.get(unit, _DEFAULT_TOLERANCE)
    return abs(a - b) <= tolerance * max(abs(a), abs(b))


def _compatible(a: dict, b: dict) -> bool:
    if not _close(float(a["value"]), float(b["value"]), a["unit"]):
        return False
    for key in (product_key, comparator_key):
        field_name = "product" if key is product_key else "comparator"
        ka, kb = key(a.get(field_name)), key(b.get(field_name))
        if ka and kb and ka != kb:
            return False
    da, db = a.get("direction"), b.get("direction")
    return not (da and db and da != db)


def connected_groups(items: Iterable[Hashable], pairs: Iterable[tuple[Hashable, Hashable]]) -> list[list]:
    """``items`` joined wherever a pair links them (union-find); groups and members in first-seen order.

    The one union-find of the project: claims into claim groups here, copies of a story in ``data.stories``.

    >>> connected_groups("abcde", [("a", "c"), ("d", "e"), ("c", "a")])
    [['a', 'c'], ['b'], ['d', 'e']]
    """
    items = list(items)
    parent = {item: item for item in items}

    def find(i: Hashable) -> Hashable:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[find(b)] = find(a)
    groups: dict = {}
    for item in items:
        groups.setdefault(find(item), []).append(item)
    return list(groups.values())


def group_claims(claims: list[dict]) -> list[list[str]]:
    """Claim ids grouped by sameness; every claim is in exactly one group, groups in first-seen order."""
    pairs = []
    buckets: dict[str, list[dict]] = {}
    for claim in claims:
        signature = claim_signature(claim, claim.get("vendor"))
        if signature is not None:
            buckets.setdefault(signature, []).append(claim)
    for members in buckets.values():
        members.sort(key=lambda c: float(c["value"]))
        for i, a in enumerate(members):
            for b in members[i + 1:]:  # sorted by value: stop once values are too far apart
                if not _close(float(a["value"]), float(b["value"]), a["unit"]):
                    break
                if _compatible(a, b):
                    pairs.append((a["id"], b["id"]))
    return connected_groups((claim["id"] for claim in claims), pairs)
