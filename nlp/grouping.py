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
from bisect import bisect_left, bisect_right
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


def _tolerance(unit: str) -> float:
    return _TOLERANCE.get(unit, _DEFAULT_TOLERANCE)


def _close(a: float, b: float, unit: str) -> bool:
    return abs(a - b) <= _tolerance(unit) * max(abs(a), abs(b))


def value_window(claim: dict) -> tuple[float, float] | None:
    """The values another claim must have to be close to ``claim``'s, or None when it cannot be grouped.

    Exact for the relative tolerance (``|a - b| <= t * max(|a|, |b|)``), widened by a hair so a caller
    that pre-selects by this window (a SQL ``between``) never loses a neighbour to rounding.

    >>> value_window({"value": 9.0, "unit": "x"})
    (8.099999999, 10.000000001)
    """
    value, unit = claim.get("value"), claim.get("unit")
    if value is None or not unit:
        return None
    value, keep = float(value), 1 - _tolerance(unit)
    low, high = sorted((value * keep, value / keep))
    return round(low - 1e-9, 9), round(high + 1e-9, 9)


@cache
def _comparator_key(comparator: str) -> str | None:
    return comparator_key(comparator)


def _keys(claim: dict) -> tuple:
    """What two mentions of one claim must not contradict: product family, baseline, direction."""
    return (product_key(claim.get("product")), _comparator_key(claim.get("comparator") or ""),
            claim.get("direction") or None)


def _keys_agree(a: tuple, b: tuple) -> bool:
    return all(x is None or y is None or x == y for x, y in zip(a, b, strict=True))


def same_claim(a: dict, b: dict) -> bool:
    """The definition, for one pair: close values, and product, baseline and direction not contradicting.

    ``group_claims`` gives the connected parts of this relation without testing every pair.
    """
    return _close(float(a["value"]), float(b["value"]), a["unit"]) and _keys_agree(_keys(a), _keys(b))


class _Runs:
    """Claims that share signature and keys, sorted by value, cut into runs of close neighbours.

    Within one such set, two claims close in value are linked through every claim between them
    (the tolerance is relative, so closeness is an interval around each value), so linking each
    claim to the next one is enough; a run ends where the next value is too far.
    """

    def __init__(self, claims: list[dict]):
        self.claims = sorted(claims, key=lambda c: float(c["value"]))
        self.values = [float(c["value"]) for c in self.claims]
        self.unit = self.claims[0]["unit"]
        self.links: list[tuple[str, str]] = []
        self.run_end = [0] * len(self.claims)  # index just past the run each claim is in
        start = 0
        for i in range(1, len(self.claims) + 1):
            if i < len(self.claims) and _close(self.values[i - 1], self.values[i], self.unit):
                self.links.append((self.claims[i - 1]["id"], self.claims[i]["id"]))
                continue
            self.run_end[start:i] = [i] * (i - start)
            start = i

    def close_to(self, claim: dict) -> list[str]:
        """One claim of every run that holds a claim close in value to ``claim``."""
        low, high = value_window(claim)
        value, found = float(claim["value"]), []
        i, stop = bisect_left(self.values, low), bisect_right(self.values, high)
        while i < stop:
            if _close(value, self.values[i], self.unit):
                found.append(self.claims[i]["id"])
                i = self.run_end[i]
            else:
                i += 1
        return found


def _runs_by_keys(claims: Iterable[dict]) -> dict[str, dict[tuple, _Runs]]:
    """signature -> keys -> the claims with that signature and keys, as runs."""
    buckets: dict[str, dict[tuple, list[dict]]] = {}
    for claim in claims:
        signature = claim_signature(claim, claim.get("vendor"))
        if signature is not None:
            buckets.setdefault(signature, {}).setdefault(_keys(claim), []).append(claim)
    return {signature: {keys: _Runs(members) for keys, members in by_keys.items()}
            for signature, by_keys in buckets.items()}


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
    """Claim ids grouped by sameness; every claim is in exactly one group, groups in first-seen order.

    The groups are the connected parts of "is the same claim as" over all pairs, found without
    comparing all pairs: claims with the same keys are linked along their runs, and a claim that
    leaves a key open (no product, no baseline) is linked to one claim of each close run it agrees with.
    """
    links = []
    for by_keys in _runs_by_keys(claims).values():
        for runs in by_keys.values():
            links.extend(runs.links)
        open_keys = [keys for keys in by_keys if None in keys]
        linked = set()
        for keys in open_keys:
            for other in by_keys:
                if other == keys or (other, keys) in linked or not _keys_agree(keys, other):
                    continue
                linked.add((keys, other))
                few, many = sorted((by_keys[keys], by_keys[other]), key=lambda runs: len(runs.claims))
                for claim in few.claims:
                    links.extend((claim["id"], found) for found in many.close_to(claim))
    return connected_groups((claim["id"] for claim in claims), links)


def joinable(new: list[dict], stored: Iterable[dict]) -> set[str]:
    """Ids of the ``stored`` claims that one of the ``new`` claims is the same claim as.

    What an incremental regrouping must reopen: the groups of these claims, and nothing else.
    """
    runs = _runs_by_keys(new)
    found = set()
    for claim in stored:
        by_keys = runs.get(claim_signature(claim, claim.get("vendor")) or "", {})
        keys = _keys(claim)
        if any(_keys_agree(keys, other) and members.close_to(claim) for other, members in by_keys.items()):
            found.add(claim["id"])
    return found
