"""How a stored claim reads on a page: a statement, a value with its unit, its words in context, safe links.

Pure functions over rows (no SQL, no Datasette), shared by the claim and vendor pages in ``plugins/``.
Every string they return is plain text: the templates escape it.
"""

from __future__ import annotations

from urllib.parse import urlsplit

CONTEXT_CHARS = 400  # text shown either side of the claim's sentence


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL, else None: stored text never becomes a ``javascript:`` link.

    >>> safe_link("https://example.com/a"), safe_link("javascript:alert(1)")
    ('https://example.com/a', None)
    """
    if not url or not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def format_value(value, value_high=None, unit: str | None = None) -> str:
    """A claimed value with its range and unit, as a reader writes it.

    >>> format_value(6.9, None, "x"), format_value(1800.0, None, "tokens/s"), format_value(2, 3, "x")
    ('6.9x', '1,800 tokens/s', '2–3x')
    """
    def number(v) -> str:
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return f"{v:,}" if isinstance(v, int) else str(v)

    if value is None:
        return ""
    text = number(value) + (f"–{number(value_high)}" if value_high not in (None, "") else "")
    if not unit:
        return text
    return text + unit if unit in ("x", "%") else f"{text} {unit}"


def statement_parts(claim: dict) -> list[str]:
    """The claim as the parts of a statement: product · value unit · metric · versus … · on … · hedge.

    >>> statement_parts({"product": "LX-3", "value": 6.9, "unit": "x", "metric": "speed",
    ...                  "comparator": "a GPU", "workload": "70B model", "hedge": "up to"})
    ['LX-3', '6.9x', 'speed', 'versus a GPU', 'on 70B model', 'hedge: up to']
    """
    parts = [claim.get("product"), format_value(claim.get("value"), claim.get("value_high"), claim.get("unit")),
             claim.get("metric")]
    if claim.get("comparator"):
        parts.append(f"versus {claim['comparator']}")
    if claim.get("workload"):
        parts.append(f"on {claim['workload']}")
    if claim.get("hedge"):
        parts.append(f"hedge: {claim['hedge']}")
    return [part for part in parts if part]


def context_segments(text: str | None, sentence: str | None, start, end, raw: str | None) -> dict:
    """The text around a claim cut into plain pieces: before, sentence head, claim, sentence tail, after.

    The claim is ``text[start:end]`` when the offsets hold its words; otherwise the first occurrence
    of ``raw`` in the sentence. Pieces are plain strings: the template escapes them.

    >>> context_segments("Intro. It is 6x faster. End.", "It is 6x faster.", 13, 22, "6x faster")["claim"]
    '6x faster'
    """
    text, sentence, raw = text or "", sentence or "", raw or ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) and (
            not raw or text[start:end] == raw):
        # the first occurrence of the sentence that ends at or after the claim, if it also begins before it
        s_from = text.find(sentence, max(0, end - len(sentence))) if sentence else -1
        if s_from < 0 or s_from > start:
            s_from, s_to = start, end
        else:
            s_to = s_from + len(sentence)
        return {"before": _clip_left(text[max(0, s_from - CONTEXT_CHARS):s_from], s_from > CONTEXT_CHARS),
                "head": text[s_from:start], "claim": text[start:end], "tail": text[end:s_to],
                "after": _clip_right(text[s_to:s_to + CONTEXT_CHARS], s_to + CONTEXT_CHARS < len(text))}
    head, found, tail = sentence.partition(raw) if raw else (sentence, "", "")
    if not found:
        head, tail = sentence, ""
    return {"before": "", "head": head, "claim": found, "tail": tail, "after": ""}


def _clip_left(text: str, clipped: bool) -> str:
    return "…" + text if clipped else text


def _clip_right(text: str, clipped: bool) -> str:
    return text + "…" if clipped else text


def format_amount(value, value_high=None, unit: str | None = None) -> str:
    """A financial figure as a reader writes it: dollars in millions or billions, per-share amounts.

    >>> format_amount(412_500_000, None, "USD"), format_amount(0.45, None, "USD/share"), format_amount(38, None, "%")
    ('$412.5 million', '$0.45 per share', '38%')
    """
    if value is None or unit not in ("USD", "USD/share", "USD/shares"):  # USD/shares: XBRL's spelling
        return format_value(value, value_high, unit)
    text = _dollars(value) + (f"–{_dollars(value_high)}" if value_high not in (None, "") else "")
    return text + (" per share" if unit != "USD" else "")


def _dollars(value: float) -> str:
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"${value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    return f"${value:,.2f}"
