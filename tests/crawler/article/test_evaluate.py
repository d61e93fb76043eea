"""``crawler.article.evaluate`` on the labelled page set in ``eval/``: chipwatch against the libraries alone.

The targets of issue 10, held on every run: publication dates at least as often right as
htmldate (fast or extensive, whichever does better) and never more often wrong; main text
with at least trafilatura's recall and F1 on the same pages.
"""

from __future__ import annotations

import filecmp

import pytest

from crawler.article.evaluate import DEFAULT_SET, evaluate, load_labels, main
from eval.build import build


@pytest.fixture(scope="module")
def scores():
    return evaluate(DEFAULT_SET)


def test_the_committed_set_is_what_eval_build_writes(tmp_path):
    assert build(tmp_path) == len(load_labels(DEFAULT_SET))
    assert filecmp.cmp(tmp_path / "labels.jsonl", DEFAULT_SET / "labels.jsonl", shallow=False)
    pages = sorted(p.name for p in (tmp_path / "pages").iterdir())
    assert pages == sorted(p.name for p in (DEFAULT_SET / "pages").iterdir())
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "pages", DEFAULT_SET / "pages", pages, shallow=False)
    assert mismatch == [] and errors == [], "run: python -m eval.build"


def test_the_set_covers_every_date_convention_and_undated_pages():
    labels = load_labels(DEFAULT_SET)
    assert len(labels) >= 200
    conventions = {label["date_convention"] for label in labels}
    assert {"json-ld", "dateline-prnewswire", "dateline-dash", "url", "relative", "none", "month-in-de"} <= conventions
    assert any(label["date"] is None for label in labels)


def test_dates_at_least_as_right_as_htmldate_and_never_more_often_wrong(scores):
    dates, _ = scores
    ours = dates["chipwatch"]
    best = max(dates["htmldate fast"].correct, dates["htmldate extensive"].correct)
    fewest_wrong = min(dates["htmldate fast"].wrong, dates["htmldate extensive"].wrong)
    assert ours.correct >= best, ours.errors
    assert ours.wrong <= fewest_wrong, ours.errors


def test_main_text_at_least_trafilaturas_recall_and_f1(scores):
    _, texts = scores
    ours, alone = texts["chipwatch"].prf(), texts["trafilatura"].prf()
    assert ours[1] >= alone[1] - 1e-9, texts["chipwatch"].errors
    assert ours[2] >= alone[2], texts["chipwatch"].errors
    assert texts["chipwatch"].refused == 0


def test_the_runner_prints_both_tables(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--set", str(DEFAULT_SET)])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "htmldate extensive" in out and "trafilatura" in out and "publication date, " in out
