"""Finding the filed fact for a period: first filed, latest re-filed, a Q4 derived, nothing invented."""

from __future__ import annotations

from evidence.lookup import find_filed
from evidence.periods import fiscal_period

REVENUE = [("us-gaap", "Revenues"), ("us-gaap", "RevenueFromContractWithCustomerExcludingAssessedTax")]


def test_the_first_filing_of_a_period_is_the_value_and_the_last_is_kept(db):
    filed = find_filed(db, "nimbus", REVENUE, "USD", fiscal_period("Q2 FY2026", "0131"))
    assert (filed.value, filed.latest, filed.filed) == (18.4e9, 18.25e9, "2025-08-27")


def test_a_quarter_is_not_matched_by_the_year_to_date_ending_the_same_day(db):
    filed = find_filed(db, "nimbus", REVENUE, "USD", fiscal_period("Q3 FY2026", "0131"))
    assert (filed.start, filed.value) == ("2025-08-04", 22.103e9)
    nine = find_filed(db, "nimbus", REVENUE, "USD", fiscal_period("9M FY2026", "0131"))
    assert nine.value == 60e9


def test_a_fourth_quarter_is_derived_only_when_asked(db):
    q4 = fiscal_period("Q4 FY2026", "0131")
    assert find_filed(db, "nimbus", REVENUE, "USD", q4).value == 25e9
    assert find_filed(db, "nimbus", REVENUE, "USD", q4, derive_q4=False) is None


def test_another_vendor_unit_or_period_finds_nothing(db):
    q3 = fiscal_period("Q3 FY2026", "0131")
    assert find_filed(db, "corvid", REVENUE, "USD", q3) is None
    assert find_filed(db, "nimbus", REVENUE, "EUR", q3) is None
    assert find_filed(db, "nimbus", REVENUE, "USD", fiscal_period("Q3 FY2027", "0131")) is None


def test_an_instant_matches_a_balance_not_a_flow(db):
    cash = [("us-gaap", "CashAndCashEquivalentsAtCarryingValue")]
    q3 = fiscal_period("Q3 FY2026", "0131")
    assert find_filed(db, "nimbus", cash, "USD", q3, instant=True).value == 40.012e9
    assert find_filed(db, "nimbus", cash, "USD", q3) is None
