"""``python -m nlp.evaluate --gold DIR``: score the extractor on a gold split with the shared scorer.

Builds the input JSON Lines from ``DIR/texts/*.txt`` and ``DIR/labels.jsonl`` (vendor, published,
kind), runs the contract command ``python -m nlp --jsonl`` in a subprocess exactly as other stages
do, then runs ``DIR/../score.py`` (by path, never copied) and prints per-type precision, recall,
F1 and attribute agreement, then agreement per attribute (product, comparator, workload, period,
metric, hedge). ``--errors`` adds the 10 most frequent disagreement patterns per attribute and lists
missed and spurious facts per document.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

import click

from nlp.disagreements import disagreements, format_disagreements, load_scorer
from nlp.errors import GoldError


def load_gold(gold: Path) -> list[dict]:
    """The gold label rows of a split, each with its text; GoldError when the split is incomplete."""
    labels, texts = gold / "labels.jsonl", gold / "texts"
    if not gold.is_dir():
        raise GoldError(f"{gold}: no such directory")
    if not labels.is_file() or not texts.is_dir():
        raise GoldError(f"{gold}: expected labels.jsonl and texts/ inside")
    rows = []
    for n, line in enumerate(labels.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            row = json.loads(line)
            path = texts / f"{row['doc_id']}.txt"
            if not path.is_file():
                raise GoldError(f"{labels}:{n}: text {path.name} is missing")
            row["text"] = path.read_text(encoding="utf-8")
            rows.append(row)
    return rows


def input_lines(rows: list[dict]) -> str:
    """The contract input: one ``{"id", "text", "vendor", "published", "kind"}`` line per document."""
    return "".join(json.dumps({"id": r["doc_id"], "text": r["text"], "vendor": r.get("vendor"),
                               "published": r.get("published"), "kind": r.get("kind")}) + "\n" for r in rows)


def run_extractor(lines: str) -> str:
    """Run ``python -m nlp --jsonl`` on ``lines``; its stdout, or ClickException with its stderr."""
    proc = subprocess.run([sys.executable, "-m", "nlp", "--jsonl"], input=lines, capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    if proc.returncode != 0:
        raise click.ClickException(f"python -m nlp --jsonl failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def score(gold: Path, predictions: Path, scorer: Path | None = None) -> dict:
    """The shared scorer's JSON result for ``predictions`` (``scorer`` defaults to ``gold/../score.py``)."""
    scorer = scorer or gold.parent / "score.py"
    if not scorer.is_file():
        raise GoldError(f"{scorer}: the shared scorer is missing")
    proc = subprocess.run([sys.executable, str(scorer), str(gold / "labels.jsonl"), str(predictions), "--json"],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise click.ClickException(f"score.py failed: {proc.stderr.strip() or proc.stdout.strip()}")
    return json.loads(proc.stdout)


def format_report(result: dict) -> str:
    """A table: per type P/R/F1 and counts, then attribute agreement."""
    lines = [f"{'type':12s} {'gold':>5s} {'pred':>5s} {'match':>5s} {'P':>6s} {'R':>6s} {'F1':>6s}  attributes"]
    for name, s in result["types"].items():
        attrs = " ".join(f"{k}={v:.2f}" for k, v in s["attributes"].items())
        lines.append(f"{name:12s} {s['gold']:5d} {s['predicted']:5d} {s['matched']:5d} {s['precision']:6.3f} "
                     f"{s['recall']:6.3f} {s['f1']:6.3f}  {attrs}")
    o = result["overall"]
    lines.append(f"{'overall':12s} {'':5s} {'':5s} {'':5s} {o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f}")
    return "\n".join(lines)


def error_listing(rows: list[dict], predictions: dict[str, list[dict]]) -> str:
    """Missed (gold, unmatched) and spurious (predicted, unmatched) facts per document, by value and unit."""
    out = []
    for row in rows:
        gold = [(f["type"], f.get("unit"), float(f["value"]), f.get("quote")) for f in row["facts"]]
        pred = [(f["type"], f.get("unit"), float(f["value"]), f.get("quote")) for f in predictions.get(row["doc_id"], [])]
        missed = [g for g in gold if not _take_match(g, pred)]
        spurious = pred
        if missed or spurious:
            out.append(f"== {row['doc_id']}")
            out += [f"  MISSED   {t[:4]} {v:g} {u}  | {q}" for t, u, v, q in missed]
            out += [f"  SPURIOUS {t[:4]} {v:g} {u}  | {q}" for t, u, v, q in spurious]
    return "\n".join(out)


def _take_match(g: tuple, pred: list[tuple]) -> bool:
    for i, p in enumerate(pred):
        if p[0] == g[0] and (p[1] or "").lower() == (g[1] or "").lower() and \
                abs(p[2] - g[2]) <= 0.005 * max(abs(p[2]), abs(g[2])):
            pred.pop(i)
            return True
    return False


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--gold", "gold", required=True, type=click.Path(path_type=Path),
              help="Gold split directory with labels.jsonl and texts/ (the scorer is ../score.py).")
@click.option("--scorer", type=click.Path(path_type=Path), default=None,
              help="The shared scorer, when the split does not sit beside it (default GOLD/../score.py).")
@click.option("--errors", is_flag=True, help="Also list missed and spurious facts per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the scorer's JSON result instead of a table.")
def main(gold: Path, scorer: Path | None, errors: bool, as_json: bool) -> None:
    """Score the extractor on a gold split: per-type precision/recall/F1 and attribute agreement."""
    try:
        rows = load_gold(gold)
        output = run_extractor(input_lines(rows))
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
            fh.write(output)
        result = score(gold, Path(fh.name), scorer)
        Path(fh.name).unlink()
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
    if as_json:
        return
    predictions = {json.loads(line)["id"]: json.loads(line)["facts"] for line in output.splitlines() if line}
    try:
        table = disagreements(load_scorer(gold, scorer), rows, predictions)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(format_disagreements(table, top=10 if errors else 0))
    if errors:
        click.echo(error_listing(rows, predictions))


if __name__ == "__main__":
    main()
