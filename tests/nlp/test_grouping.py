"""Grouping the same claim across documents."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.grouping import (
    claim_signature,
    comparator_key,
    connected_groups,
    group_claims,
    joinable,
    product_key,
    same_claim,
    value_window,
)


def claim(id_, value, *, vendor="cerebras", product=None, metric="speed", unit="x", direction="higher",
          comparator=None, published=None):
    return {"id": id_, "vendor": vendor, "product": product, "metric": metric, "value": value, "unit": unit,
            "direction": direction, "comparator": comparator, "workload": None, "published": published}


def test_rounded_and_hedged_restatements_are_one_claim():
    claims = [
        claim("a", 6.9, product="WSE-3", metric="throughput", comparator="a standard GPU setup"),
        claim("b", 7.0, product="Wafer Scale Engine", comparator="comparable GPU cloud configurations"),
        claim("c", 7.0),
    ]
    assert group_claims(claims) == [["a", "b", "c"]]


def test_different_vendors_products_or_values_stay_apart():
    claims = [
        claim("a", 7.0, product="WSE-3"),
        claim("b", 7.0, vendor="nvidia", product="B200"),
        claim("c", 4.0, product="WSE-3"),
        claim("d", 7.0, product="CS-2"),
        claim("e", 7.0, product="WSE-3", direction="lower"),
    ]
    assert sorted(map(sorted, group_claims(claims))) == [["a"], ["b"], ["c"], ["d"], ["e"]]


def test_comparators_must_agree_when_both_are_known():
    claims = [claim("a", 3.0, comparator="the H100"), claim("b", 3.1, comparator="a CPU server")]
    assert len(group_claims(claims)) == 2


def test_every_claim_is_in_one_group():
    claims = [claim(str(i), 1.0 + i * 0.01) for i in range(50)] + [claim("x", 5.0, unit=None)]
    groups = group_claims(claims)
    assert sorted(i for g in groups for i in g) == sorted(c["id"] for c in claims)


def test_signature_and_keys():
    assert claim_signature({"unit": "x", "metric": "throughput", "value": 6.9}, "Cerebras") == "cerebras|x|performance"
    assert claim_signature({"unit": None, "value": 1}, "x") is None
    assert product_key("WSE-3") == product_key("Wafer Scale Engine")
    assert comparator_key("8-GPU H100 systems") == product_key("H100")
    assert comparator_key("comparable GPU cloud configurations") == "gpu"


# Values on a coarse grid (0.91 and 1.09 are both within 10% of 1.0 but not of each other), zeros and
# negatives, keys often missing: the shapes that make runs and open keys interact.
_claims = st.lists(st.builds(
    dict,
    value=st.sampled_from([-2.0, -1.9, 0.0, 0.5, 0.55, 0.91, 0.985, 1.0, 1.015, 1.09, 1.2, 2.0, 2.1]),
    unit=st.sampled_from(["x", "%", "GB"]),
    product=st.sampled_from([None, "WSE-3", "Wafer Scale Engine", "CS-2"]),
    comparator=st.sampled_from([None, "the H100", "a CPU server"]),
    direction=st.sampled_from([None, "higher", "lower"]),
), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_claims)
def test_groups_are_the_connected_parts_of_same_claim_over_all_pairs(rows):
    claims = [dict(row, id=str(i), vendor="cerebras", metric="speed") for i, row in enumerate(rows)]
    every_pair = [(a["id"], b["id"]) for i, a in enumerate(claims) for b in claims[i + 1:]
                  if a["unit"] == b["unit"] and same_claim(a, b)]
    assert group_claims(claims) == connected_groups([c["id"] for c in claims], every_pair)


@settings(max_examples=200, deadline=None)
@given(_claims, _claims)
def test_joinable_finds_exactly_the_stored_claims_a_new_claim_is_the_same_as(stored_rows, new_rows):
    stored = [dict(row, id=f"s{i}", vendor="cerebras", metric="speed") for i, row in enumerate(stored_rows)]
    new = [dict(row, id=f"n{i}", vendor="cerebras", metric="speed") for i, row in enumerate(new_rows)]
    expected = {s["id"] for s in stored if any(s["unit"] == n["unit"] and same_claim(s, n) for n in new)}
    assert joinable(new, stored) == expected


def test_value_window_holds_every_close_value():
    for value in (0.0, 0.3, 7.0, 123456.0, -4.0):
        low, high = value_window({"value": value, "unit": "x"})
        assert low <= value <= high
        assert same_claim(claim("a", value), claim("b", high - 1e-8)) or high - 1e-8 < value


def test_an_open_claim_joins_every_close_run_of_a_product():
    # 0.91x and 1.09x of the WSE-3 are not the same claim, but an unattributed 1.0x is the same as both
    claims = [claim("a", 0.91, product="WSE-3"), claim("b", 1.09, product="WSE-3"), claim("c", 5.0, product="WSE-3"),
              claim("open", 1.0)]
    assert group_claims(claims) == [["a", "b", "open"], ["c"]]
