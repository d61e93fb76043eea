"""Assemble performance claims from quantities: specs ("20 petaflops") and comparisons ("6.9x the throughput").

``performance_facts(ctx, q, state)`` returns zero or more fact dicts in the gold schema (without
provenance); one phrase that names several metrics yields one fact per metric ("reduces cost and
energy consumption by up to 25x").
"""

from __future__ import annotations

import re

from nlp.attributes import attributed, comparator_for, hedge_for, product_for, workload_for
from nlp.context import DocState, SentenceContext
from nlp.lexicon import cue_patterns, cue_regex, metric_cues
from nlp.quantities import Quantity

_NO_HYPHEN_COUNTS = {"GPUs", "CPUs", "chips", "processors", "chiplets"}  # "8-GPU H100 systems" is a test setup
_NO_CLAIMS = {"transistor_count", "process_node"}
_ALTERNATIVE = re.compile(r"\s*[(,\u2014\u2013-]?\s*(?:aka|or|i\.e\.|that is|also)\s*$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|&)?\s*(?:the\s+|peak\s+|its\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:\S+\s+){0,3}$", re.IGNORECASE)
_LOWER_SPEC_HEDGES = {"less than", "under", "well under", "just under", "a little less than", "at most"}
_LOWER_IS_BETTER = {"power", "latency", "cost", "area"}
_CAPITALISED_BEFORE = re.compile(r"(?<![.!?]\s)\b([A-Z][\w-]*)[™®]?\s+$")
_SENTENCE_WORDS = {"the", "a", "an", "with", "over", "about", "nearly", "up", "to", "some", "all", "its", "and",
                   "of", "by", "powered", "more", "than", "only", "just", "around", "roughly"}


def performance_facts(ctx: SentenceContext, q: Quantity, state: DocState) -> list[dict]:
    """The performance facts ``q`` carries in its sentence, or [] when it is out of scope."""
    if not in_scope(ctx, q):
        return []
    metrics = [q.metric] if q.family == "perf" else comparison_metrics(ctx, q)
    hedge = hedge_for(ctx, q)
    comparator = comparator_for(ctx, q)
    product = product_for(ctx, q, state, comparator)
    workload = workload_for(ctx, q)
    facts = []
    for metric in metrics:
        direction = direction_for(ctx, q, metric, hedge, comparator)
        fact_hedge = hedge
        if fact_hedge is None and attributed(ctx) and metric not in _NO_CLAIMS:
            fact_hedge = "claims"
        fact = {"type": "performance", "value": q.value, "unit": q.unit, "metric": metric, "direction": direction,
                "product": product, "comparator": comparator, "workload": workload, "hedge": fact_hedge}
        if q.value_high is not None:
            fact["value_high"] = q.value_high
        facts.append(fact)
    return facts


def in_scope(ctx: SentenceContext, q: Quantity) -> bool:
    """Labelling scope: counts written in digits that describe a product; no deployments, no test setups."""
    before = ctx.before(q, 60)
    if q.family == "perf" and q.context is not None:
        window = ctx.text if q.unit == "wafers/month" else ctx.before(q, 40)
        if not q.context.search(window):
            return False
    if not q.count:
        return not _is_alternative(ctx, q)
    if q.hyphenated and q.unit in _NO_HYPHEN_COUNTS:
        return False
    if q.unit in _NO_HYPHEN_COUNTS and cue_patterns("deployment").search(before):
        return False
    return not _inside_product_name(ctx, q)


def _inside_product_name(ctx: SentenceContext, q: Quantity) -> bool:
    """"Gaudi 3 processors": a small number right after a capitalised name is part of the name."""
    if any(p.start <= q.start < p.end for p in ctx.products):
        return True  # "RTX 5000 Ada Generation GPUs"
    m = _CAPITALISED_BEFORE.search(ctx.before(q, 40))
    if not m or m.group(1).lower() in _SENTENCE_WORDS:
        return False
    return "," not in ctx.text[ctx.local(q.start):ctx.local(q.end)]


def _is_alternative(ctx: SentenceContext, q: Quantity) -> bool:
    """"2,880 petaflops (aka 2.9 exaflops)": the restatement is not a second fact."""
    prev = ctx.previous(q)
    if prev is None or prev.family != "perf" or prev.metric != q.metric:
        return False
    return bool(_ALTERNATIVE.fullmatch(ctx.between(prev, q)))


def comparison_metrics(ctx: SentenceContext, q: Quantity) -> list[str]:
    """Metrics a multiplier or percentage speaks of: before "by" ("cuts energy by 90%"), else after it, else a default."""
    regex, lookup = metric_cues("perf_metrics")
    prev = ctx.previous(q)
    before = ctx.before(q, 80)
    if prev is not None:
        before = before[max(0, len(before) - (q.start - prev.end)):]
    by = _BY.search(before)
    if by:
        found = list(regex.finditer(before[:by.start()]))
        if found:
            return _coordinated(found, before, lookup, forward=False)
    nxt = ctx.next(q)
    limit = ctx.local(nxt.start) if nxt else len(ctx.text)
    after = ctx.text[ctx.local(q.end):min(limit, ctx.local(q.end) + 60)]
    found = list(regex.finditer(after))
    if found:
        return _coordinated(found, after, lookup, forward=True)
    found = list(regex.finditer(before))
    if found and q.unit == "%":
        return _coordinated(found, before, lookup, forward=False)
    return ["speed" if q.unit == "x" else "other"]


def _coordinated(found: list[re.Match], text: str, lookup: dict[str, str], *, forward: bool) -> list[str]:
    """The nearest metric cue and the ones joined to it by "and" or commas ("compute, bandwidth, and model size")."""
    chain = [found[0]] if forward else [found[-1]]
    seq = found[1:] if forward else list(reversed(found[:-1]))
    for m in seq:
        gap = text[chain[-1].end():m.start()] if forward else text[m.end():chain[-1].start()]
        if not _COORDINATION.fullmatch(gap):
            break
        chain.append(m)
    if not forward:
        chain.reverse()  # keep the order of the text
    metrics = [lookup[" ".join(m.group(0).lower().split())] for m in chain]
    return list(dict.fromkeys(metrics))


def direction_for(ctx: SentenceContext, q: Quantity, metric: str, hedge: str | None,
                  comparator: str | None) -> str | None:
    """"higher" or "lower" relative to the comparator; specs are "higher" unless hedged downwards."""
    if q.unit in ("x", "%"):
        if q.value < 1 and q.unit == "x":
            return "lower"
        after = ctx.after(q, 40)
        lower, higher = cue_regex("lower").search(after), cue_regex("higher").search(after)
        if lower and (not higher or lower.start() < higher.start()):
            return "lower"
        before = ctx.before(q, 80)
        if _BY.search(before) and cue_regex("lower").search(before):
            return "lower"
        return "higher"
    if metric in _LOWER_IS_BETTER and (hedge in _LOWER_SPEC_HEDGES or re.search(r"\bjust\s+$", ctx.before(q, 10))):
        return "lower"
    return "higher"
