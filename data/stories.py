"""Group near-duplicate documents into stories: one announcement seen via newsroom, wires and an 8-K.

Each document's opening (the first few hundred words: headline facts, dateline,
lead; boilerplate such as "About X" and safe-harbour text comes last) is cut
into word 5-gram shingles, half of them kept by a stable hash. Two documents
belong to one story when most shingles of the shorter one occur in the longer
one (overlap coefficient >= 0.7, so a wire copy with an extra paragraph or an EX-99.1
with financial tables still matches) and they were published within a week of
each other. Shingles common to many documents (templates, boilerplate) are
ignored. The earliest-published copy is the story's origin.

Call :func:`group_stories` after a crawl; it rewrites only what changed.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from datetime import date
from itertools import combinations

import sqlite_utils

from data.store import short_hash
from nlp.grouping import connected_groups

HEAD_CHARS = 6000  # the opening of a document that is compared
HEAD_TOKENS = 320
SHINGLE = 5
KEEP_ONE_IN = 2  # keep shingles whose hash is divisible by this: half the memory, same estimate
MIN_SHINGLES = 6  # fewer sampled shingles than this: too short to compare reliably
OVERLAP = 0.7  # share of the shorter document's shingles found in the other (copies score ~1.0)
MAX_DAYS_APART = 7  # an 8-K is filed within four business days of the release
COMMON_DOCS = 8  # a shingle in more documents than this (or 2% of them) is boilerplate
_WORD = re.compile(r"[a-z0-9]+(?:[.,][0-9]+)*")


@dataclass
class _Doc:
    id: str
    title: str | None
    published: str | None
    fetched_at: str | None
    source: str | None
    story: str | None
    shingles: frozenset[int]


def shingles(text: str) -> frozenset[int]:
    """Sampled word 5-gram hashes of the opening of ``text``.

    >>> len(shingles("one two three four five six")) <= 2
    True
    """
    words = _WORD.findall(text[:HEAD_CHARS].lower())[:HEAD_TOKENS]
    hashes = (zlib.crc32(" ".join(words[i:i + SHINGLE]).encode()) for i in range(len(words) - SHINGLE + 1))
    return frozenset(h for h in hashes if h % KEEP_ONE_IN == 0)


def _load(db: sqlite_utils.Database) -> list[_Doc]:
    rows = db.execute(
        "select id, title, published, fetched_at, source, story, substr(text, 1, ?) from documents "
        "where text is not null order by id", [HEAD_CHARS]).fetchall()
    return [_Doc(r[0], r[1], r[2], r[3], r[4], r[5], shingles(r[6] or "")) for r in rows]


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _close_in_time(one: _Doc, two: _Doc) -> bool:
    first, second = _day(one.published), _day(two.published)
    return first is None or second is None or abs((first - second).days) <= MAX_DAYS_APART


def similar_pairs(docs: list[_Doc]) -> list[tuple[int, int]]:
    """Index pairs of documents that tell the same story (see the module docstring)."""
    postings: dict[int, list[int]] = {}
    for index, doc in enumerate(docs):
        if len(doc.shingles) >= MIN_SHINGLES:
            for shingle in doc.shingles:
                postings.setdefault(shingle, []).append(index)
    common = max(COMMON_DOCS, len(docs) // 50)
    shared: Counter[tuple[int, int]] = Counter()
    for holders in postings.values():
        if 1 < len(holders) <= common:
            shared.update(combinations(holders, 2))
    pairs = []
    for (i, j), count in shared.items():
        smaller = min(len(docs[i].shingles), len(docs[j].shingles))
        if count / smaller >= OVERLAP and _close_in_time(docs[i], docs[j]):
            pairs.append((i, j))
    return pairs


def _clusters(size: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    return connected_groups(range(size), pairs)


def _origin(members: list[_Doc]) -> _Doc:
    """The earliest-published copy; undated copies come last, then the first fetched."""
    return min(members, key=lambda d: (d.published is None, d.published or "", d.fetched_at or "", d.id))


def group_stories(db: sqlite_utils.Database) -> int:
    """Assign every document with text to a story; return how many stories there are.

    Stories are upserted, ``documents.story`` is updated only where it changed
    (each update re-indexes the document's full text), and stories no document
    points at any more are deleted, all in one transaction.
    """
    docs = _load(db)
    rows, assignments = [], {}
    for cluster in _clusters(len(docs), similar_pairs(docs)):
        members = [docs[i] for i in cluster]
        origin = _origin(members)
        story_id = short_hash("story", origin.id)
        rows.append({"id": story_id, "title": origin.title, "origin_document": origin.id,
                     "first_published": origin.published, "documents": len(members),
                     "sources": json.dumps(sorted({d.source for d in members if d.source}))})
        assignments.update({d.id: story_id for d in members if d.story != story_id})
    with db.conn:
        if rows:
            db["stories"].upsert_all(rows, pk="id")
        for doc_id, story_id in assignments.items():
            db.execute("update documents set story = ? where id = ?", [story_id, doc_id])
        db.execute("delete from stories where id not in (select story from documents where story is not null)")
    return len(rows)
