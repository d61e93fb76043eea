"""The home page (templates/index.html, plugins/chipwatch_home.py): what the data is and how fresh it is."""

from __future__ import annotations

import json

from tests.serve.conftest import get


def _home_plugin(datasette):
    from datasette.plugins import pm

    return next(p for p in pm.get_plugins() if hasattr(p, "load_evaluations") and hasattr(p, "extra_template_vars"))


def test_home_page_says_when_each_source_last_worked(datasette, sample_db):
    path, _ = sample_db
    from data.db import open_db

    db = open_db(path)
    db["sources"].update("lumenar-feed", {"last_ok": "2026-03-10T13:05:00+00:00", "last_status": "ok"})
    db.close()
    html = get(datasette, "/").text
    assert '<td class="last-ok">2026-03-10T13:05:00+00:00</td>' in html
    assert html.count('<td class="last-ok">never</td>') == 2  # quillon-feed and the wire never worked
    assert 'class="last-crawl">20' in html  # the finished ok crawl run of the sample database
    assert "How claims are extracted" in html


def test_home_page_shows_the_evaluation_files(datasette, tmp_path, monkeypatch):
    result = {"docs": 7, "overall": {"precision": 0.9, "recall": 0.8, "f1": 0.847},
              "types": {"performance": {"gold": 10, "precision": 1.0, "recall": 0.5, "f1": 0.667}}}
    (tmp_path / "blind-9.json").write_text(json.dumps(result), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    monkeypatch.setattr(_home_plugin(datasette), "EVALUATION_DIR", tmp_path)
    html = get(datasette, "/").text
    assert "<td>blind-9</td>" in html and ">0.847<" in html and "performance (10 labelled)" in html
    assert "broken.json: not a scorer result" in html


def test_home_page_says_not_measured_without_evaluation_files(datasette, tmp_path, monkeypatch):
    monkeypatch.setattr(_home_plugin(datasette), "EVALUATION_DIR", tmp_path / "none")
    assert 'class="not-measured">Not measured yet' in get(datasette, "/").text


def test_the_committed_evaluation_files_are_scorer_results():
    from plugins.chipwatch_home import load_evaluations

    evaluations = load_evaluations()
    assert evaluations and not [e for e in evaluations if "error" in e]
