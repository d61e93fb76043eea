"""The contract command ``python -m nlp --jsonl`` and the evaluator, run as users run them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED_SCORER = REPO.parent / "shared" / "gold" / "score.py"


def run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], input=stdin, capture_output=True, text=True, cwd=REPO,
                          timeout=120)


def test_jsonl_contract():
    docs = [{"id": "d1", "text": "The Vantor T2 runs 3.5x faster than a GPU server.", "vendor": "vantor"},
            {"id": "d2", "text": "Revenue was $9.8 billion, up 31% from a year ago.", "kind": "filing",
             "published": "2025-08-27"},
            {"id": "d3", "text": ""}]
    proc = run(["nlp", "--jsonl"], "".join(json.dumps(d) + "\n" for d in docs))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["d1", "d2", "d3"]
    claim = rows[0]["facts"][0]
    assert (claim["type"], claim["value"], claim["unit"]) == ("performance", 3.5, "x")
    assert docs[0]["text"][claim["start"]:claim["end"]] == claim["quote"]
    figure = rows[1]["facts"][0]
    assert (figure["type"], figure["value"], figure["change"]) == ("financial", 9.8e9, "+31% YoY")
    assert rows[2]["facts"] == []


def test_bad_lines_are_reported_and_skipped():
    stdin = '{"id": "ok", "text": "6.9x faster"}\nnot json\n{"text": "no id"}\n{"id": "n", "text": 5}\n'
    proc = run(["nlp", "--jsonl"], stdin)
    assert proc.returncode == 1
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["ok"]
    assert "line 2: not JSON" in proc.stderr
    assert 'line 3: missing "id"' in proc.stderr
    assert "line 4:" in proc.stderr


def test_help_explains_the_formats():
    proc = run(["nlp", "--help"])
    assert proc.returncode == 0
    assert "--jsonl" in proc.stdout and '"facts"' in proc.stdout


def test_evaluate_names_a_missing_directory(tmp_path):
    proc = run(["nlp.evaluate", "--gold", str(tmp_path / "nowhere")])
    assert proc.returncode != 0
    assert "nowhere: no such directory" in proc.stderr


def test_evaluate_scores_a_split(tmp_path):
    # the team's scorer lives in shared/ beside the checkout, as on CI; evaluate must work with the real one
    assert SHARED_SCORER.is_file(), f"{SHARED_SCORER} is missing: check out shared/ beside the repository"
    # a tiny split of our own, next to a copy of the shared scorer (as the real layout has it)
    gold = tmp_path / "gold" / "mini"
    (gold / "texts").mkdir(parents=True)
    (tmp_path / "gold" / "score.py").write_text(SHARED_SCORER.read_text(encoding="utf-8"), encoding="utf-8")
    (gold / "texts" / "one.txt").write_text("The Vantor T2 runs 3.5x faster than a GPU server.", encoding="utf-8")
    label = {"doc_id": "one", "kind": "news", "vendor": "Vantor", "published": None, "facts": [
        {"type": "performance", "value": 3.5, "unit": "x", "metric": "speed", "direction": "higher",
         "product": "T2", "comparator": "a GPU server", "workload": None, "hedge": None,
         "quote": "runs 3.5x faster than a GPU server"}]}
    (gold / "labels.jsonl").write_text(json.dumps(label) + "\n", encoding="utf-8")
    proc = run(["nlp.evaluate", "--gold", str(gold)])
    assert proc.returncode == 0, proc.stderr
    assert "performance" in proc.stdout and "1.000" in proc.stdout


def test_a_bad_registry_is_one_clean_error(tmp_path):
    registry = tmp_path / "sources.yml"
    registry.write_text("vendors:\n  - {slug: NOT A SLUG, name: Acme}\n", encoding="utf-8")
    proc = run(["nlp", "--jsonl", "--sources", str(registry)], '{"id": "a", "text": "5x faster"}\n')
    assert proc.returncode == 2
    assert proc.stderr.startswith("Error: ") and "slug" in proc.stderr and "Traceback" not in proc.stderr


def test_a_line_of_bad_bytes_or_a_lone_surrogate_costs_that_line_only():
    good = b'{"id": "before", "text": "The T2 is 3x faster than a GPU."}\n'
    latin1 = '{"id": "latin", "text": "Caf\xe9 chips are 2x faster."}\n'.encode("latin-1")
    surrogate = b'{"id": "lone", "text": "broken \\ud800 text, 4x faster"}\n'
    after = b'{"id": "after", "text": "The T3 is 5x faster than a GPU."}\n'
    proc = subprocess.run([sys.executable, "-m", "nlp", "--jsonl"], input=good + latin1 + surrogate + after,
                          capture_output=True, cwd=REPO, timeout=120)
    stderr = proc.stderr.decode()
    assert proc.returncode == 1, stderr
    assert [json.loads(line)["id"] for line in proc.stdout.decode().splitlines()] == ["before", "after"]
    assert "line 2: not UTF-8 (byte 0xe9" in stderr
    assert "line 3: a lone surrogate (\\ud800)" in stderr
    assert "Traceback" not in stderr


# --- fuzz: any input line is a document or an InputError naming the line, never a crash -------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from nlp.__main__ import decode_line, parse_line  # noqa: E402
from nlp.errors import InputError  # noqa: E402

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                           lambda c: st.lists(c, max_size=3) | st.dictionaries(
                               st.sampled_from(["id", "text", "vendor", "published", "kind"]) | st.text(max_size=5),
                               c, max_size=5), max_leaves=10)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=200), JSON_VALUES.map(lambda v: json.dumps(v).encode("utf-8"))))
def test_any_line_parses_or_names_its_line(raw):
    try:
        row = parse_line(decode_line(raw, 7), 7)
    except InputError as exc:
        assert str(exc).startswith("line 7: ")
    else:
        assert isinstance(row["text"], str)
        row["text"].encode("utf-8")  # printable as UTF-8 output
