"""check_figures: every dated figure of a known vendor gets one outcome, and a re-run changes nothing."""

from __future__ import annotations

from evidence.check import begin_extract, check_after_extract, check_figures


def test_each_figure_gets_one_row_with_its_outcome(db, add_figures):
    match, differs = add_figures("nimbus", [
        ("Revenue for the third quarter was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026"),
        ("Net income was $12.1 billion.", "net_income", 12.1e9, "USD", "Q3 FY2026"),
    ])
    counts = check_figures(db)
    assert counts == {"match": 1, "differs": 1}
    assert db["figure_checks"].get(match)["outcome"] == "match"
    assert db["figure_checks"].get(differs)["outcome"] == "differs"


def test_checking_twice_gives_the_same_table(db, add_figures):
    add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")])
    check_figures(db)
    first = list(db["figure_checks"].rows)
    check_figures(db)
    assert list(db["figure_checks"].rows) == first
    assert db["figure_checks"].count == 1


def test_a_re_extracted_document_leaves_no_stale_check(db, add_figures):
    url = "https://nimbus.example.com/news/q3"
    [old] = add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")], url=url)
    check_figures(db)
    [new] = add_figures("nimbus", [("Revenue was $22.10 billion.", "revenue", 22.10e9, "USD", "Q3 FY2025")], url=url)
    check_figures(db)
    assert old != new
    assert [row["figure_id"] for row in db["figure_checks"].rows] == [new]


def test_a_figure_without_a_period_is_not_checked(db, add_figures):
    add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", None)])
    assert check_figures(db) == {}
    assert db["figure_checks"].count == 0


def test_a_filing_arriving_later_turns_no_filing_yet_into_an_outcome(db, add_figures):
    [figure] = add_figures("nimbus", [("Revenue was $26.0 billion.", "revenue", 26.0e9, "USD", "Q1 FY2027")])
    check_figures(db)
    assert db["figure_checks"].get(figure)["outcome"] == "no filing yet"
    db["reported_values"].insert({"id": "late", "vendor": "nimbus", "cik": "0009990001", "taxonomy": "us-gaap",
                                  "tag": "Revenues", "metric": "revenue", "unit": "USD", "value": 26.04e9,
                                  "start": "2026-02-02", "end": "2026-05-03", "fy": 2027, "fp": "Q1",
                                  "form": "10-Q", "filed": "2026-05-27", "accession": "0009990001-26-000020"})
    check_figures(db)
    row = db["figure_checks"].get(figure)
    assert (row["outcome"], row["filed_value"], row["reason"]) == ("match", 26.04e9, None)


def _document_of(db, figure_id: str) -> str:
    return db["figures"].get(figure_id)["document_id"]


def test_after_an_extract_only_the_new_documents_are_checked_until_the_evidence_changes(db, add_figures):
    [old] = add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")])
    check_after_extract(db, 1, [_document_of(db, old)])
    assert db["figure_checks"].get(old)["outcome"] == "match"
    db["figure_checks"].update(old, {"outcome": "left alone"})  # marks the row: is it checked again?

    begin_extract(db, 2)
    [new] = add_figures("nimbus", [("Net income was $12.1 billion.", "net_income", 12.1e9, "USD", "Q3 FY2026")],
                        url="https://nimbus.example.com/news/net")
    figures, _ = check_after_extract(db, 2, [_document_of(db, new)])
    assert db["figure_checks"].get(new)["outcome"] == "differs"
    assert db["figure_checks"].get(old)["outcome"] == "left alone"
    assert figures == {"left alone": 1, "differs": 1}  # the counts are of the whole table

    # a new filed value is new evidence: everything is checked again
    db["reported_values"].insert({"id": "late", "vendor": "nimbus", "cik": "0009990001", "taxonomy": "us-gaap",
                                  "tag": "Revenues", "metric": "revenue", "unit": "USD", "value": 26.04e9,
                                  "start": "2026-02-02", "end": "2026-05-03", "fy": 2027, "fp": "Q1",
                                  "form": "10-Q", "filed": "2026-05-27", "accession": "0009990001-26-000020"})
    check_after_extract(db, 3, [])
    assert db["figure_checks"].get(old)["outcome"] == "match"


def test_facts_stored_by_a_run_that_died_before_checking_are_checked_by_the_next(db, add_figures):
    check_after_extract(db, 1, [])
    begin_extract(db, 2)  # run 2 stores a figure, then is killed before its checks
    [lost] = add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")])
    begin_extract(db, 3)
    check_after_extract(db, 3, [])  # run 3 extracted nothing itself
    assert db["figure_checks"].get(lost)["outcome"] == "match"


def test_an_incremental_check_leaves_no_check_of_a_replaced_fact(db, add_figures):
    url = "https://nimbus.example.com/news/q3"
    [old] = add_figures("nimbus", [("Revenue was $22.1 billion.", "revenue", 22.1e9, "USD", "Q3 FY2026")], url=url)
    check_after_extract(db, 1, [_document_of(db, old)])
    begin_extract(db, 2)
    [new] = add_figures("nimbus", [("Revenue was $22.10 billion.", "revenue", 22.10e9, "USD", "Q3 FY2025")], url=url)
    check_after_extract(db, 2, [_document_of(db, new)])  # checks only this document's facts
    assert [row["figure_id"] for row in db["figure_checks"].rows] == [new]
