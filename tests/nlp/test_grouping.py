"""Grouping the same claim across documents."""

from __future__ import annotations

from nlp.grouping import claim_signature, comparator_key, group_claims, product_key


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
