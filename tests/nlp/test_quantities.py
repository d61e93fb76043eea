"""The number/unit grammar: what counts as a quantity, its canonical unit and value."""

from __future__ import annotations

import pytest

from nlp.quantities import find_quantities
from tests.nlp.conftest import only


def one(text: str):
    found = find_quantities(text)
    assert len(found) == 1, [(text[q.start:q.end], q.unit) for q in found]
    return found[0]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("delivers 6.9x the throughput", 6.9, "x"),
    ("a 7X jump", 7.0, "x"),
    ("seven times faster", 7.0, "x"),
    ("up five-fold", 5.0, "x"),
    ("twice as fast", 2.0, "x"),
    ("less than half the power", 0.5, "x"),
    ("36 petaflops of FP4", 36.0, "PFLOPS"),
    ("3.2 terabytes per second of bandwidth", 3.2, "TB/s"),
    ("offers 4.8TB/s", 4.8, "TB/s"),
    ("250 milliwatts", 250.0, "mW"),
    ("12 megawatts", 12.0, "MW"),
    ("a 4GHz part", 4.0, "GHz"),
    ("a 90-nanometer process", 90.0, "nm"),
    ("1,800 tokens per second", 1800.0, "tokens/s"),
    ("35 quadrillion operations per second", 35.0, "POPS"),
    ("2.5 billion billion floating point operations", 2.5, "EFLOPS"),
    ("12 trillion operations per watt", 12.0, "TOPS/W"),
    ("25 mln instructions per second", 25.0, "MIPS"),
    ("a 92-billion-transistor chip", 92e9, "transistors"),
    ("16,384 CUDA cores", 16384.0, "cores"),
    ("about 814 square millimeters", 814.0, "mm2"),
    ("180 milliseconds", 0.18, "s"),
])
def test_performance_units(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("$13.7 billion", 13.7e9, "USD"),
    ("US$5bn", 5e9, "USD"),
    ("€1.2 billion", 1.2e9, "EUR"),
    ("Won31,000bn", 3.1e13, "KRW"),
    ("4.3 trillion won", 4.3e12, "KRW"),
    ("85 mln dlrs", 8.5e7, "USD"),
    ("27 cts", 0.27, "USD"),
    ("one dlr", 1.0, "USD"),
    ("7-3/4 pct", 7.75, "%"),
    ("75 basis points", 0.75, "%"),
])
def test_money_and_percent(text, value, unit):
    q = one(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "low", "high", "unit"), [
    ("3.1-3.6 times faster", 3.1, 3.6, "x"),
    ("2.5 to 3 times faster", 2.5, 3.0, "x"),
    ("$1,800-$2,200", 1800.0, 2200.0, "USD"),
    ("12%–18%", 12.0, 18.0, "%"),
    ("$4.1 billion to $4.4 billion", 4.1e9, 4.4e9, "USD"),
])
def test_ranges_are_one_quantity(text, low, high, unit):
    q = one(text)
    assert (q.value, q.value_high, q.unit) == (pytest.approx(low), pytest.approx(high), unit)


def test_a_change_and_an_amount_are_not_a_range():
    found = find_quantities("sales rose 2.3 percent to $12.6 billion; value rose by $310 billion to $2.2 trillion")
    assert [q.unit for q in found] == ["%", "USD", "USD", "USD"]
    assert all(q.value_high is None for q in found)


@pytest.mark.parametrize("text", [
    "in 2024 the firm", "a 32-bit chip", "12-inch wafers", "the second half of the year", "double-digit growth",
    "Q4 FY2025", "Llama 2 70B", "twice a year", "the H100 and MI300X", "won the contract 3 times a year",
])
def test_non_quantities(text):
    assert [q for q in find_quantities(text) if q.family != "bare"] == []


def test_hyphenated_counts_are_flagged():
    q = one("8-GPU systems")
    assert q.hyphenated and q.count and q.unit == "GPUs"


def test_offsets_point_at_the_text():
    text = "It runs at a claimed 6.9x the throughput."
    q = one(text)
    assert text[q.start:q.end] == "6.9x"


# --- general behaviours first seen on blind sets, on sentences of our own ---


def test_seconds_are_latency(extract):
    fact = only(extract("The Lumo L9 produced an image in 1.4 seconds."), unit="s")
    assert (fact["value"], fact["metric"]) == (1.4, "latency")


def test_a_model_number_is_not_counted_with_the_next_numbers_unit(extract):
    facts = extract("The Brio BX-4410 part packs 96 cores and 192 threads across 12 compute chiplets.")
    assert sorted((f["value"], f["unit"]) for f in facts) == [(12.0, "chiplets"), (96.0, "cores")]


def test_cpu_cores_count_cores_not_cpus(extract):
    fact = only(extract("The Vantor VX-8 packs 96 Arm-based CPU cores."), value=96.0)
    assert (fact["unit"], fact["metric"]) == ("cores", "cores")


def test_a_digit_group_does_not_break_a_compared_with_phrase(extract):
    facts = extract("The VX-8 produced 2,400 tokens/s compared with 1,500 tokens/s for the VX-7, "
                    "roughly 1.6 times faster.")
    assert only(facts, unit="x")["comparator"] == "VX-7"
