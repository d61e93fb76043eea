"""Publication dates and main text of article pages, measured beside the libraries alone on the same pages.

``python -m crawler.article.evaluate`` (or ``make eval-crawl``) reads a labelled
set (default ``eval/``: ``labels.jsonl`` + ``pages/``, built by ``python -m eval.build``)
and prints, for dates, the share of pages with the right day, a wrong day and no day
for chipwatch (:func:`crawler.article.page.best_published`), htmldate fast and htmldate
extensive; for main text, token precision, recall and F1 (over all pages' words) for
chipwatch (:func:`crawler.article.page.parse_article`; a refused page counts as empty)
and trafilatura's ``extract`` with its defaults. ``--errors`` lists the pages each gets wrong.
Every tool gets the same bounds: no date after the set's "today", none before 1970.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import click
import htmldate
import trafilatura

from crawler.article import dates
from crawler.article.page import PageError, best_published, parse_article
from crawler.article.text import main_text
from crawler.charset import decode
from crawler.text import parse_html

DEFAULT_SET = Path(__file__).resolve().parents[2] / "eval"
NOW = datetime.fromisoformat("2026-11-24T12:00:00+00:00")  # eval.build's "today"


@dataclass
class DateScore:
    correct: int = 0
    wrong: int = 0
    missing: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, found: date | None, gold: date | None) -> None:
        if found == gold:
            self.correct += 1
        elif found is None:
            self.missing += 1
            self.errors.append(f"{name}: no date (gold {gold})")
        else:
            self.wrong += 1
            self.errors.append(f"{name}: {found} (gold {gold})")

    def shares(self) -> tuple[float, float, float]:
        total = self.correct + self.wrong + self.missing
        return self.correct / total, self.wrong / total, self.missing / total


@dataclass
class TextScore:
    common: int = 0
    found: int = 0
    wanted: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)

    def add(self, name: str, text: str, gold: str) -> None:
        got, want = _bag(text), _bag(gold)
        common = sum((got & want).values())
        self.common, self.found, self.wanted = self.common + common, self.found + sum(got.values()), \
            self.wanted + sum(want.values())
        p, r = common / max(sum(got.values()), 1), common / max(sum(want.values()), 1)
        if p < 0.9 or r < 0.9:
            self.errors.append(f"{name}: precision {p:.2f}, recall {r:.2f}")

    def prf(self) -> tuple[float, float, float]:
        p, r = self.common / max(self.found, 1), self.common / max(self.wanted, 1)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _bag(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower()))


def load_labels(root: Path) -> list[dict]:
    with (root / "labels.jsonl").open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def chipwatch_date(body: bytes, url: str) -> date | None:
    """The day chipwatch gives the page, in the page's own time zone."""
    tree = parse_html(decode(body))
    if tree is None:
        return None
    text = main_text(decode(body), tree, url)
    value, _ = best_published(tree, url, text, now=NOW)
    return _local_day(value)


def htmldate_date(body: bytes, url: str, *, extensive: bool) -> date | None:
    found = htmldate.find_date(decode(body), url=url, extensive_search=extensive, original_date=True,
                               min_date=datetime(dates.EARLIEST_YEAR, 1, 1), max_date=NOW + timedelta(days=1))
    return date.fromisoformat(found) if found else None


def chipwatch_text(body: bytes, url: str) -> tuple[str, bool]:
    """Main text as chipwatch stores it, and whether the page was refused (stored as nothing)."""
    try:
        return parse_article(body, url, now=NOW).text, False
    except PageError:
        return "", True


def trafilatura_text(body: bytes, url: str) -> str:
    return trafilatura.extract(decode(body), url=url) or ""


def _local_day(value: dates.Published | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value


def evaluate(root: Path) -> tuple[dict[str, DateScore], dict[str, TextScore]]:
    date_scores = {name: DateScore() for name in ("chipwatch", "htmldate fast", "htmldate extensive")}
    text_scores = {name: TextScore() for name in ("chipwatch", "trafilatura")}
    for label in load_labels(root):
        body = (root / "pages" / label["page"]).read_bytes()
        url, name = label["url"], label["page"]
        gold = date.fromisoformat(label["date"]) if label["date"] else None
        date_scores["chipwatch"].add(name, chipwatch_date(body, url), gold)
        date_scores["htmldate fast"].add(name, htmldate_date(body, url, extensive=False), gold)
        date_scores["htmldate extensive"].add(name, htmldate_date(body, url, extensive=True), gold)
        text, refused = chipwatch_text(body, url)
        text_scores["chipwatch"].add(name, text, label["text"])
        text_scores["chipwatch"].refused += refused
        text_scores["trafilatura"].add(name, trafilatura_text(body, url), label["text"])
    return date_scores, text_scores


def report(date_scores: dict[str, DateScore], text_scores: dict[str, TextScore], pages: int) -> str:
    lines = [f"publication date, {pages} pages", f"  {'':20} {'correct':>8} {'wrong':>8} {'no date':>8}"]
    for name, score in date_scores.items():
        correct, wrong, missing = score.shares()
        lines.append(f"  {name:20} {correct:8.1%} {wrong:8.1%} {missing:8.1%}")
    lines += ["", f"main text, {pages} pages (token bags over all pages)",
              f"  {'':20} {'P':>6} {'R':>6} {'F1':>6}  refused"]
    for name, score in text_scores.items():
        p, r, f1 = score.prf()
        lines.append(f"  {name:20} {p:6.3f} {r:6.3f} {f1:6.3f}  {score.refused}")
    return "\n".join(lines)


@click.command()
@click.option("--set", "root", type=click.Path(exists=True, file_okay=False, path_type=Path), default=DEFAULT_SET,
              show_default=True, help="labelled set: labels.jsonl + pages/")
@click.option("--errors", is_flag=True, help="list the pages each tool gets wrong")
def main(root: Path, errors: bool) -> None:
    """Score chipwatch's publication dates and main text beside htmldate and trafilatura alone."""
    if not (root / "labels.jsonl").is_file():
        click.echo(f"Error: {root}/labels.jsonl not found (build it with: python -m eval.build)", err=True)
        sys.exit(2)
    date_scores, text_scores = evaluate(root)
    click.echo(report(date_scores, text_scores, len(load_labels(root))))
    if errors:
        for name, score in [*date_scores.items(), *text_scores.items()]:
            click.echo(f"\n{name}: {len(score.errors)} pages")
            for line in score.errors:
                click.echo(f"  {line}")


if __name__ == "__main__":
    main()
