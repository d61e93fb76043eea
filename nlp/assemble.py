"""Turn one sentence's quantities into facts: classify, join ranges, attach changes, then build each fact.

This is the heart of the ``chipwatch_facts`` component; it knows nothing about spaCy objects, only
``SentenceContext`` and ``DocState``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from nlp import financial as fin
from nlp.attributes import hedge_for, is_subject
from nlp.context import READ_SUBJECT, DocState, SentenceContext
from nlp.lexicon import cue_patterns, metric_cues, phrase_regex
from nlp.performance import performance_facts
from nlp.quantities import Quantity

_BETWEEN_NUMBER = re.compile(r"\bbetween\s+(?P<n>[0-9]+(?:\.[0-9]+)?)\s+and\s+$", re.IGNORECASE)
_VS_GAP = re.compile(r"[^0-9]*\bvs\.?\s[^0-9]*", re.IGNORECASE)
_FROM_GAP = re.compile(r"[^0-9]*\b(?:from|compared\s+(?:with|to))\s+(?:about\s+)?", re.IGNORECASE)
_PLUS_MINUS = re.compile(r"(?:plus\s+or\s+minus|±|\+/-)\s*$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_RANGING = re.compile(r"\brang(?:e|es|ing)\s+from\s+$", re.IGNORECASE)
_FIN_CONTEXT = phrase_regex([
    "sequentially", "from a year ago", "year over year", "year-over-year", "year on year", "this year",
    "quarter", "fiscal", "revenue", "revenues", "sales", "profit", "income", "earnings", "margin", "shares",
    "stock", "stake", "market share", "market value", "market cap", "index", "yield", "pct", "expenses",
    "dividend", "price", "valuation", "share of", "orders", "bookings", "premarket", "trading", "share price",
    "basis points", "notes", "growth", "forecast", "market", "outlook", "interest", "loan", "coupon", "trading", "tax",
    "tax rate", "tax rates", "GAAP", "non-GAAP", "operating", "guidance", "dividend", "cash", "shareholders"])
_PERF_CONTEXT = phrase_regex([
    "faster", "slower", "performance", "speed", "bandwidth", "memory", "efficiency", "energy", "power",
    "throughput", "latency", "GPU", "GPUs", "CPU", "CPUs", "chip", "processor", "accelerator", "benchmark",
    "inference", "training", "transistors", "cores", "compute", "better", "worse", "boost", "workloads",
    "time", "computing", "model", "size", "flops", "petaflops", "per watt", "per dollar", "cost"])


_EXCHANGE_RATE = re.compile(r"\s*(?:per|to\s+the|to\s+one|a|for\s+each)\s+(?:U\.?S\.?\s+)?"
                            r"(?:dollar|euro|yen|won|pound)s?\b", re.IGNORECASE)


def sentence_facts(ctx: SentenceContext, state: DocState) -> list[tuple[Quantity, dict]]:
    """Every fact of one sentence, each with the quantity it came from (for provenance)."""
    ctx.quantities = _join_ranges(ctx, _with_vs_inherited(ctx))
    figures: dict[int, fin.Figure] = {}
    perf: list[tuple[Quantity, dict]] = []
    pending_percents: list[Quantity] = []
    for q in ctx.quantities:
        if _PLUS_MINUS.search(ctx.before(q, 20)):
            continue  # "plus or minus 2%" qualifies guidance; it is not a figure
        if (q.family == "percent" or q.family == "multiplier" and q.value < 1) and \
                cue_patterns("not_figures").match(ctx.after(q, 60)):
            continue  # "about 6 percent of its workforce", "half of the top 10": a share, outside both fact types
        if q.family == "money" and _EXCHANGE_RATE.match(ctx.after(q, 30)):
            continue  # "1,378 won per dollar": an exchange rate, not an amount
        money = fin.money_like(ctx, q)
        if money is not None:
            figures[q.start] = _figure(ctx, money, figures, state)
        elif q.family in ("percent", "multiplier") and _is_financial(ctx, q, state):
            pending_percents.append(q)
        elif q.family in ("perf", "percent", "multiplier"):
            perf.extend((q, f) for f in performance_facts(ctx, q, state))
    growth = _attach_changes(ctx, pending_percents, figures, state)
    assembled = list(figures.values()) + growth
    out = [(f.q, fin.figure_fact(ctx, f, state)) for f in assembled]
    if assembled:
        state.extras["metric"] = max(assembled, key=lambda f: f.q.start).metric
    out += perf
    _remember_product(ctx, state, perf)
    return sorted(out, key=lambda pair: pair[0].start)


def _with_vs_inherited(ctx: SentenceContext) -> list[Quantity]:
    """Add the figures after "vs" that only carry a number ("Net loss 25.6 mln vs loss 39.4 mln")."""
    quantities = list(ctx.quantities)
    for q in ctx.quantities:
        if q.family == "money" and _EXCHANGE_RATE.match(ctx.after(q, 30)):
            continue  # "1,378 won per dollar": an exchange rate, not an amount
        money = fin.money_like(ctx, q) if q.family in ("money", "cents", "bare") else None
        inherited = fin.inherited_after_vs(ctx, money) if money is not None else None
        if inherited is not None:
            quantities = [o for o in quantities if not (o.start <= inherited.start < o.end)]
            quantities.append(inherited)
    return sorted(quantities, key=lambda q: q.start)


def _join_ranges(ctx: SentenceContext, quantities: list[Quantity]) -> list[Quantity]:
    """"between 11 and 13 pct", "ranging from 18 percent to 91 percent", "between $30,000 and $40,000"."""
    ctx.quantities = quantities
    out: list[Quantity] = []
    skip: set[int] = set()
    for i, q in enumerate(quantities):
        if i in skip:
            continue
        before = ctx.before(q, 40)
        number = _BETWEEN_NUMBER.search(before)
        if number and q.value_high is None:
            low = float(number.group("n")) * (q.value / _raw_number(ctx, q) if _raw_number(ctx, q) else 1)
            out.append(replace(q, start=ctx.start + ctx.local(q.start) - len(before) + number.start("n"),
                               value=low, value_high=q.value))
            continue
        partner = _range_partner(ctx, quantities, i, before)
        if partner is not None:
            out.append(replace(q, end=quantities[partner].end, value_high=quantities[partner].value))
            skip.add(partner)
            conv = _paired_conversions(ctx, quantities, i, partner)
            if conv is not None:
                a, b = conv
                out.append(replace(quantities[a], value_high=quantities[b].value))
                skip.update(conv)
            continue
        out.append(q)
    return sorted(out, key=lambda q: q.start)


def _raw_number(ctx: SentenceContext, q: Quantity) -> float | None:
    m = re.search(r"[0-9][0-9,]*(?:\.[0-9]+)?", ctx.text[ctx.local(q.start):ctx.local(q.end)])
    return float(m.group(0).replace(",", "")) if m else None


def _range_partner(ctx: SentenceContext, quantities: list[Quantity], i: int, before: str) -> int | None:
    """Index of the high end of a "between A and B" / "ranging from A to B" range that starts at ``i``."""
    q = quantities[i]
    between, ranging = _BETWEEN.search(before), _RANGING.search(before)
    if not (between or ranging) or q.value_high is not None:
        return None
    joiner = r"\s*and\s*$" if between else r"\s*to\s*$"
    for j in range(i + 1, min(i + 4, len(quantities))):
        o = quantities[j]
        if o.unit == q.unit and o.family == q.family and re.search(joiner, ctx.between(quantities[j - 1], o)):
            return j if o.value >= q.value else None
    return None


def _paired_conversions(ctx: SentenceContext, quantities: list[Quantity], i: int, j: int) -> tuple[int, int] | None:
    """"between €5.7 billion ($6.06 billion) and €6.2 billion ($6.59 billion)": the converted range too."""
    if i + 1 >= j or j + 1 >= len(quantities):
        return None
    a, b = quantities[i + 1], quantities[j + 1]
    if a.unit == b.unit and a.unit != quantities[i].unit and re.match(r"\s*[(\[]", ctx.between(quantities[i], a)) \
            and re.match(r"\s*[(\[]", ctx.between(quantities[j], b)):
        return i + 1, j + 1
    return None


def _figure(ctx: SentenceContext, q: Quantity, figures: dict[int, fin.Figure], state: DocState) -> fin.Figure:
    prev = ctx.previous(q)
    if prev is not None and prev.start in figures and fin._CONVERSION.fullmatch(ctx.between(prev, q)) \
            and prev.unit != q.unit:
        primary = figures[prev.start]
        return fin.Figure(q, q.value, q.unit or "USD", primary.metric, note=[f"{q.unit} conversion"],
                          conversion_of=primary)
    if prev is not None and prev.start in figures and _same_metric(ctx, prev, q):
        metric = figures[prev.start].metric  # "Shr loss 9 cts vs loss one dlr", "44 cts, up from 40 cts"
        if metric == "guidance_revenue" and fin.past_after(ctx, q):
            metric = "revenue"  # "expects 85 mln to 90 mln dlrs, compared with 71.2 mln dlrs a year ago"
    else:
        metric = fin.figure_metric(ctx, q) or state.extras.get("metric") or "other"
    fig = fin.Figure(q, q.value, q.unit or "USD", metric)
    hedge = hedge_for(ctx, q)
    if hedge:
        fig.note.append(hedge)
    if fin._FLAT.match(ctx.after(q, 20)):
        fig.changes.append("flat YoY")
    return fig


def _same_metric(ctx: SentenceContext, prev: Quantity, q: Quantity) -> bool:
    """Whether ``q`` restates ``prev``'s metric for another period: "13 cts vs 10 cts", "44 cts, up from 40 cts".

    After "from"/"compared with" only a figure of the same kind, with no metric named in between.
    """
    gap = ctx.between(prev, q)
    if _VS_GAP.fullmatch(gap):
        return True
    return bool(_FROM_GAP.fullmatch(gap)) and prev.family == q.family and prev.scaled == q.scaled


def _is_financial(ctx: SentenceContext, q: Quantity, state: DocState) -> bool:
    """Whether a percent or multiple speaks of money matters: the nearer kind of cue wins."""
    lo, hi = ctx.local(q.start), ctx.local(q.end)
    fin_spans, perf_spans = _cue_spans(ctx.text)
    fin_d = _distance(fin_spans, lo, hi)
    perf_d = min(_distance(perf_spans, lo, hi),
                 min((abs(ctx.local(p.start) - lo) for p in ctx.products), default=_FAR))
    if fin.change_cue(ctx, q) and fin_spans and metric_cues("fin_metrics")[0].search(ctx.before(q, 120)):
        return True  # "Revenue from cloud accelerators grew 88%"
    if _against_product(ctx, q):
        return False  # "an 18% gain relative to Tollan 4": a product is the baseline, so performance
    if fin_d == perf_d == _FAR:
        return q.unit == "%" and fin.change_cue(ctx, q) is not None or state.kind == "filing"
    return fin_d < perf_d


_FAR = 10**9
_VERSUS_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,3}?(?:relative\s+to|compared\s+(?:with|to)|than|over|versus|vs\.?|"
                           r"against)\s+(?:the\s+|an?\s+|its\s+)?(?:[\w-]+['’]s\s+)?", re.IGNORECASE)


# a process node or model the catalogue does not know: "Intel 4", "Tollan 4", "N3", "18A" (no quarter, month or year)
_NODE_LIKE = re.compile(r"(?!(?:Q[1-4]|H[12]|FY\d*|9M)\b)(?:(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s)"
                        r"[A-Z][a-z]+\s+\d{1,2}[A-Z]?|[A-Z]+\d+[A-Za-z]*|\d+[A-Z]+)(?![\w-])")


def _against_product(ctx: SentenceContext, q: Quantity) -> bool:
    """Whether a percent or multiple is compared with a product named right after it ("18% ... relative to N4",
    "an 18% gain relative to Tollan 4")."""
    hi = ctx.local(q.end)
    versus = _VERSUS_AFTER.match(ctx.text, hi)  # most figures stand before no comparison marker: one match
    if versus is None:
        return False
    if any(p.start >= q.end and p.label != "MEMORY" and _VERSUS_AFTER.fullmatch(ctx.text, hi, ctx.local(p.start))
           for p in ctx.products):
        return True
    return bool(_NODE_LIKE.match(ctx.text, versus.end()))


@lru_cache(maxsize=1024)
def _cue_spans(sentence: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Where the financial and the performance context words of a sentence are (computed once per sentence)."""
    return (tuple(m.span() for m in _FIN_CONTEXT.finditer(sentence)),
            tuple(m.span() for m in _PERF_CONTEXT.finditer(sentence)))


def _distance(spans: tuple[tuple[int, int], ...], lo: int, hi: int) -> int:
    """Characters between ``[lo, hi)`` and the nearest span, ``_FAR`` when there is none within 200."""
    best = _FAR
    for start, end in spans:
        gap = lo - end if end <= lo else max(0, start - hi)
        if gap <= 200:
            best = min(best, gap)
    return best


def _attach_changes(ctx: SentenceContext, percents: list[Quantity], figures: dict[int, fin.Figure],
                    state: DocState) -> list[fin.Figure]:
    """Growth rates join the amount they describe; the rest become facts of their own."""
    attached: dict[int, fin.Figure] = {}
    standalone: list[fin.Figure] = []
    for q in percents:
        sign = fin.change_cue(ctx, q)
        if sign is None:
            standalone.append(fin.Figure(q, q.value, q.unit, _percent_metric(ctx, q, state)))
            continue
        label = fin.change_label(ctx, q, sign)
        target = fin.attach_target(ctx, q, figures, attached)
        if target is not None:
            target.changes.append(label)
            attached[q.start] = target
            continue
        fig = fin.Figure(q, q.value, q.unit, _percent_metric(ctx, q, state, growth=True), changes=[label],
                         note=["growth rate only"], standalone_growth=True)
        standalone.append(fig)
        attached[q.start] = fig
    return standalone


def _percent_metric(ctx: SentenceContext, q: Quantity, state: DocState, growth: bool = False) -> str:
    """A percent's metric; with no cue, the document's last figure, else (for a move) the company's stock."""
    metric = fin.figure_metric(ctx, q, percent=True)
    if metric is None:
        return state.extras.get("metric") or ("share_price" if growth else "other")
    return metric


COMPARISON_FRAME = re.compile(r"\b(?:by|for|in)\s+comparison\b|\b(?:unlike|rivals?['’]?|competitors?['’]?)\s",
                              re.IGNORECASE)


def _remember_product(ctx: SentenceContext, state: DocState, perf: list[tuple[Quantity, dict]]) -> None:
    """The last product named carries over to later sentences ("It can reach 12 petaops")."""
    if COMPARISON_FRAME.search(ctx.text):  # "The H100, by comparison, draws 700 watts": a baseline's spec
        return
    spans = [q.span for q in ctx.quantities if q.count]
    outside = [p for p in ctx.products if p.label == "PRODUCT" and not any(a <= p.start < b for a, b in spans)]
    subjects = [p for p in outside if is_subject(ctx, p)]
    if subjects:  # "... faster than the M2": a comparator does not become the topic
        state.last_product = subjects[0].name
    else:
        # a subject read from the sentence, not the catalogue ("Wren is built on a 3 nm process"): what "it"
        # and "the card" refer to while no catalogued product is the topic
        read = next((f["product"] for _, f in perf if f.get("product") and f["product"] != f.get("comparator")), None)
        if read is not None:
            state.extras[READ_SUBJECT] = read
