"""``python -m nlp --jsonl``: extract facts from JSON Lines documents on stdin, one result line per document.

Input lines: ``{"id", "text", "vendor"?, "published"?, "kind"?}``. Output lines: ``{"id", "facts": [...]}``.
A bad input line is reported on stderr with its line number and skipped; the other documents are
still extracted, and the exit status is 1 if any line was bad (2 for usage errors).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import BinaryIO

import click

from nlp.errors import InputError


def read_documents(stream: BinaryIO, errors: list[str]) -> Iterator[dict]:
    """Documents from JSON Lines bytes; a bad line is recorded in ``errors`` (and on stderr) and skipped.

    The stream is read as bytes and decoded line by line, so one line that is not UTF-8 costs
    that line only, never the lines after it.
    """
    for number, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        try:
            yield parse_line(decode_line(raw, number), number)
        except InputError as exc:
            errors.append(str(exc))
            click.echo(f"Error: {exc}", err=True)


def decode_line(raw: bytes, number: int) -> str:
    """One input line as text, or InputError naming the line and the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"line {number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc


def parse_line(line: str, number: int) -> dict:
    """One input line as a document dict, or InputError naming the line."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {number}: not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(row, dict):
        raise InputError(f"line {number}: expected a JSON object, got {type(row).__name__}")
    if "id" not in row or not isinstance(row["id"], (str, int)):
        raise InputError(f"line {number}: missing \"id\" (a string)")
    if not isinstance(row.get("text"), str):
        raise InputError(f"line {number}: \"text\" must be a string (document {row['id']!r})")
    try:  # JSON may escape a lone surrogate ("\\ud800"), which no UTF-8 output can carry
        json.dumps(row, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"line {number}: a lone surrogate (\\u{ord(exc.object[exc.start]):04x}) is not text "
                         f"(document {row['id']!r})") from exc
    return row


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--jsonl", "jsonl", is_flag=True, required=True,
              help="Read JSON Lines documents on stdin and write one JSON line of facts per document.")
@click.option("--batch-size", default=64, show_default=True, type=click.IntRange(1, 10_000),
              help="Documents per spaCy batch.")
@click.option("--sources", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Vendor registry to take vendor names from (default: the repository's sources.yml).")
def main(jsonl: bool, batch_size: int, sources: str | None) -> None:
    """Extract performance claims and financial figures from chip-vendor text.

    \b
    Input  (stdin):  {"id": "doc-1", "text": "...", "vendor": "nvidia", "published": "2025-02-26", "kind": "news"}
    Output (stdout): {"id": "doc-1", "facts": [{"type": "performance", "value": 6.9, "unit": "x", ...}]}

    Every fact carries its quote and character offsets into the text. Bad input lines are reported
    on stderr ("Error: line N: ...") and skipped; the exit status is then 1.

    \b
    Example:
      echo '{"id": "a", "text": "The X1 runs 6.9x faster than a GPU."}' | python -m nlp --jsonl
    """
    from nlp.errors import NlpError
    from nlp.extract import Extractor
    from nlp.vendors import DEFAULT_REGISTRY, load_vendors

    try:
        extractor = Extractor(load_vendors(sources or DEFAULT_REGISTRY))
    except NlpError as exc:  # one Error: line and exit 2, as chipwatch reports its named errors
        click.secho(f"Error: {exc}", fg="red", err=True)
        sys.exit(2)
    errors: list[str] = []
    out = sys.stdout
    for record, facts in extractor.pipe(read_documents(sys.stdin.buffer, errors), batch_size=batch_size):
        out.write(json.dumps({"id": record["id"], "facts": facts}, ensure_ascii=False) + "\n")
    out.flush()
    if errors:
        click.echo(f"Error: {len(errors)} bad input line(s) skipped", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
