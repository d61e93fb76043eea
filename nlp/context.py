"""What the assemblers see of one sentence: its text, its quantities, products and vendors, and cue look-ups.

Offsets in a ``SentenceContext`` are document offsets; ``local(i)`` turns one into a sentence offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.quantities import Quantity

READ_SUBJECT = "read_subject"  # DocState.extras: the last claim subject read from a sentence, not the catalogue


@dataclass(frozen=True)
class Mention:
    """A product or vendor mention: canonical name and document character span."""

    name: str
    start: int
    end: int
    label: str = "PRODUCT"


@dataclass
class DocState:
    """Document-level memory carried from sentence to sentence (last product, period state)."""

    vendor: str | None = None
    published: str | None = None
    kind: str | None = None
    last_product: str | None = None
    quarter: str | None = None
    span: str | None = None  # "Q", "9M", "H1", "FY": what the current figures cover
    fiscal_year: int | None = None
    calendar_year: int | None = None
    extras: dict = field(default_factory=dict)


@dataclass
class SentenceContext:
    text: str
    start: int
    quantities: list[Quantity]
    products: list[Mention]
    vendors: list[Mention]
    last_claim: dict | None = None  # the sentence's previous comparative claim ("1.8x ... and 2.1x on ...")

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def local(self, offset: int) -> int:
        return offset - self.start

    def before(self, q: Quantity, chars: int | None = None) -> str:
        """Sentence text before ``q`` (the last ``chars`` characters when given)."""
        lo = 0 if chars is None else max(0, self.local(q.start) - chars)
        return self.text[lo:self.local(q.start)]

    def after(self, q: Quantity, chars: int | None = None) -> str:
        """Sentence text after ``q`` (the first ``chars`` characters when given)."""
        hi = len(self.text) if chars is None else self.local(q.end) + chars
        return self.text[self.local(q.end):hi]

    def previous(self, q: Quantity) -> Quantity | None:
        earlier = [o for o in self.quantities if o.end <= q.start]
        return earlier[-1] if earlier else None

    def next(self, q: Quantity) -> Quantity | None:
        later = [o for o in self.quantities if o.start >= q.end]
        return later[0] if later else None

    def between(self, a: Quantity, b: Quantity) -> str:
        return self.text[self.local(a.end):self.local(b.start)]

    def quote(self, q: Quantity, words_before: int = 8, words_after: int = 8) -> tuple[int, int]:
        """A short span around ``q`` (document offsets): a few words either side, inside the sentence."""
        lo, hi, text = self.local(q.start), self.local(q.end), self.text
        floor = max(0, lo - 300)  # bounded windows: a pathological sentence stays linear
        start = lo
        for _ in range(words_before):
            cut = text.rfind(" ", floor, max(floor, start - 1))
            if cut < 0:
                start = floor
                break
            start = cut + 1
        end = hi
        ceiling = min(len(text), hi + 200)
        for _ in range(words_after):
            cut = text.find(" ", min(end + 1, ceiling), ceiling)
            if cut < 0:
                end = ceiling
                break
            end = cut
        return self.start + start, self.start + len(text[:end].rstrip())


def nearest(matches: list[re.Match], position: int, *, after: bool) -> re.Match | None:
    """The match nearest to ``position`` on one side of it (sentence offsets)."""
    if after:
        later = [m for m in matches if m.start() >= position]
        return min(later, key=lambda m: m.start(), default=None)
    earlier = [m for m in matches if m.end() <= position]
    return max(earlier, key=lambda m: m.end(), default=None)
