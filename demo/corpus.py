"""Read the demo corpus (``demo/corpus/*.yml``) and the pieces every renderer shares.

Every rendered document carries :data:`DEMO_NOTICE`, so no page of the corpus
can be mistaken for a real company's.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import yaml

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
SITE_DIR = Path(__file__).resolve().parent / "site"
DEMO_NOTICE = ("Demo data: fictional company. This document belongs to the chipwatch demo corpus; "
               "the company, people, products and figures in it are invented.")


@dataclass(frozen=True)
class Corpus:
    companies: dict[str, dict[str, Any]]
    releases: dict[str, dict[str, Any]]
    newsrooms: dict[str, dict[str, Any]]


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> Corpus:
    """The three corpus files, parsed."""
    def read(name: str) -> dict:
        return yaml.safe_load((corpus_dir / name).read_text(encoding="utf-8"))

    return Corpus(read("companies.yml"), read("releases.yml"), read("newsrooms.yml"))


def published(release: dict) -> datetime:
    """The release's publication time (timezone-aware)."""
    return datetime.fromisoformat(release["published"])


def rfc822(moment: datetime, *, two_digit_year: bool = False) -> str:
    """An RSS ``pubDate``; ``two_digit_year`` gives the ``Tue, 14 Oct 25 ...`` form some IR platforms emit.

    >>> rfc822(datetime.fromisoformat("2025-10-14T08:00:00-04:00"), two_digit_year=True)
    'Tue, 14 Oct 25 08:00:00 -0400'
    """
    text = format_datetime(moment)
    return re.sub(r" (\d{2})(\d{2}) ", r" \2 ", text, count=1) if two_digit_year else text


def slugify(title: str) -> str:
    """``"Lumenar Unveils LX-3, 6.9x Faster"`` -> ``"lumenar-unveils-lx-3-6-9x-faster"``."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def dateline(release: dict, *, wire: str | None = None) -> str:
    """``"SUNNYVALE, Calif., March 10, 2026 -- "``, with ``(WIRE NAME)`` before the dashes on a wire."""
    agency = f" ({wire.upper()})" if wire else ""
    return f"{release['city']}, {release['date_text']}{agency} -- "


def body_blocks(release: dict, *, wire: str | None = None) -> list[tuple[str, str]]:
    """The release as ``(kind, text)`` blocks: ``bullet``, ``para`` (the first with its dateline), ``contacts``."""
    blocks = [("bullet", item) for item in release.get("highlights") or []]
    for index, paragraph in enumerate(release["paragraphs"]):
        blocks.append(("para", (dateline(release, wire=wire) if index == 0 else "") + paragraph))
    if release.get("contacts"):
        blocks.append(("contacts", release["contacts"]))
    blocks.append(("para", DEMO_NOTICE))
    return blocks


def blocks_html(blocks: list[tuple[str, str]], *, contacts_tag: str = "p") -> str:
    """Plain HTML for body blocks: ``<ul>`` for bullets, ``<p>`` for paragraphs, contacts in ``contacts_tag``."""
    out: list[str] = []
    bullets = [html.escape(text, quote=False) for kind, text in blocks if kind == "bullet"]
    if bullets:
        out.append("<ul>" + "".join(f"<li>{b}</li>" for b in bullets) + "</ul>")
    for kind, text in blocks:
        if kind == "para":
            out.append(f"<p>{html.escape(text, quote=False)}</p>")
        elif kind == "contacts":
            inner = html.escape(text, quote=False)
            inner = inner if contacts_tag == "pre" else inner.replace("\n", "<br/>")
            out.append(f"<{contacts_tag}>{inner}</{contacts_tag}>")
    return "\n".join(out)
