"""Assemble performance claims from quantities: specs ("20 petaflops") and comparisons ("6.9x the throughput").

``performance_facts(ctx, q, state)`` returns zero or more fact dicts in the gold schema (without
provenance); one phrase that names several metrics yields one fact per metric ("reduces cost and
energy consumption by up to 25x").
"""

from __future__ import annotations

import re

from nlp.attributes import attributed, comparator_for, described_product, hedge_for, product_for, workload_for
from nlp.context import DocState, SentenceContext
from nlp.lexicon import cue_patterns, cue_regex, metric_cues
from nlp.quantities import Quantity
from nlp.roles import apposed_name, resolve_comparator, resolve_product

_NO_HYPHEN_COUNTS = {"GPUs", "CPUs", "chips", "processors", "chiplets"}  # "8-GPU H100 systems" is a test setup
_WAFER_SIZE = re.compile(r"[\s-]*(?:[\w-]+\s+){0,2}?(?:wafers?|fabs?|test|lines?|capacity)\b", re.IGNORECASE)
_RATE_AFTER = re.compile(r"\s*(?:a|per|each|every)\s+(?:month|year|week|day|quarter)\b", re.IGNORECASE)
_NO_CLAIMS = {"transistor_count", "process_node"}
_ALTERNATIVE = re.compile(r"\s*[(,\u2014\u2013-]?\s*(?:aka|or|i\.e\.|that is|also)\s*$", re.IGNORECASE)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|&)?\s*(?:the\s+|peak\s+|its\s+)?$", re.IGNORECASE)
_COMPOUND = re.compile(r"[ \t]+|-")
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
    metrics = [q.metric] if q.family == "perf" else comparison_metrics(ctx, q, state.extras.get(_LAST_METRIC))
    hedge = hedge_for(ctx, q)
    comparator = apposed_name(ctx, comparator_for(ctx, q) or _elided(ctx, q, "comparator"), noun=True)
    product = apposed_name(ctx, resolve_product(ctx, q, state, product_for(ctx, q, state, comparator), comparator)
                           or described_product(ctx, q, state))
    comparator = resolve_comparator(ctx, comparator or _carried_comparator(q, state, product), state)
    if comparator is not None and comparator == product:
        comparator = None  # "versus the 4 petaflops of AMD's MI300X": the baseline's own spec compares nothing
    workload = workload_for(ctx, q) or _carried_workload(ctx, q, state)
    if workload:
        state.extras[_LAST_WORKLOAD] = (ctx.end, workload, state.last_product)
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
    if q.unit in ("x", "%") and facts:
        ctx.last_claim = {"end": q.end, "metric": facts[0]["metric"], "comparator": comparator}
    if comparator and product:
        state.extras[_LAST_COMPARISON] = (product, comparator)
    if q.unit in ("x", "%") and facts and comparator:
        state.extras[_LAST_METRIC] = facts[-1]["metric"]
    return facts


_LAST_COMPARISON = "last_comparison"
_LAST_METRIC = "last_comparison_metric"
_LAST_WORKLOAD = "last_workload"
_SAME_TASK = re.compile(r"\b(?:do|does|did|doing|done|handle|handles|run|runs)\s+(?:it|that|this|so)\b|"
                        r"\bthe\s+same\s+(?:job|task|work|workload|model|benchmark|test)\b", re.IGNORECASE)
_CONTINUES = re.compile(r"\s*(?:that|this|it|these|the\s+(?:result|score|figure|number)s?)\b(?!\s+(?:chip|processor|"
                        r"system|accelerator)s?\b)", re.IGNORECASE)


def _carried_workload(ctx: SentenceContext, q: Quantity, state: DocState) -> str | None:
    """"... processed 24,000 tokens per second on Llama 2 70B. That was 1.4 times the result of ...": a claim
    that continues the sentence before it keeps that sentence's workload."""
    last = state.extras.get(_LAST_WORKLOAD)
    if not last or ctx.start - last[0] > 2:
        return None
    if q.unit in ("x", "%") and _CONTINUES.match(ctx.text):
        return last[1]
    # a figure that refers back to the task ("2,000 Blackwell GPUs can do it", "the same job") keeps its workload
    return last[1] if _SAME_TASK.search(ctx.text) else None


def _carried_comparator(q: Quantity, state: DocState, product: str | None) -> str | None:
    """A claim about the product last compared keeps that comparison ("... than the V8. Latency fell by 45%")."""
    last = state.extras.get(_LAST_COMPARISON)
    if q.unit not in ("x", "%") or not last or not product or last[0] != product:
        return None
    return last[1]


_ELISION_GAP = re.compile(r"[^;:()]{0,80}?(?:,\s*|\s)(?:and|or|while|with|but)\s[^;:()]{0,30}$", re.IGNORECASE)


def _elided(ctx: SentenceContext, q: Quantity, key: str) -> str | None:
    """What a claim leaves unsaid and the claim before it said: "1.8x the throughput of the HX-7 ... and 2.1x on ..."."""
    last = ctx.last_claim
    if last is None or q.unit not in ("x", "%") or not last.get(key):
        return None
    gap = ctx.text[ctx.local(last["end"]):ctx.local(q.start)]
    return last[key] if _ELISION_GAP.fullmatch(gap) else None


def in_scope(ctx: SentenceContext, q: Quantity) -> bool:
    """Labelling scope: counts written in digits that describe a product; no deployments, no test setups."""
    before = ctx.before(q, 60)
    if q.family == "perf" and q.context is not None:
        window = ctx.text if q.unit == "wafers/month" else ctx.before(q, 40)
        if not q.context.search(window):
            return False
    if q.metric == "area" and _WAFER_SIZE.match(ctx.after(q, 40)):
        return False  # "300-millimeter wafers": a wafer size, not a chip's dimension
    if q.family == "multiplier" and q.value == 1 and not _ONE_TIMES_THE.match(ctx.after(q, 20)):
        return False  # "companies 1X, Agile Robots and Waabi": a name; a baseline's 1x is no claim either
    if not q.count:
        return not _is_alternative(ctx, q)
    if _RATE_AFTER.match(ctx.after(q, 20)):
        return False  # "makes 120,000 chips a month": an output rate, not a spec
    if q.hyphenated and q.unit in _NO_HYPHEN_COUNTS:
        return False
    if q.unit in _NO_HYPHEN_COUNTS and cue_patterns("deployment").search(before):
        return False
    return not _inside_product_name(ctx, q)


_ONE_TIMES_THE = re.compile(r"\s+(?:the|as|that\s+of)\b", re.IGNORECASE)


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


def comparison_metrics(ctx: SentenceContext, q: Quantity, previous_metric: str | None = None) -> list[str]:
    """Metrics a multiplier or percentage speaks of: before "by" ("cuts energy by 90%"), else after it, else a default.

    A bare gain ("Intel 3 itself brought an 18% gain") goes on with the metric of the document's previous
    comparison (``previous_metric``), else it is speed."""
    regex, lookup = metric_cues("perf_metrics")
    prev = ctx.previous(q)
    before = ctx.before(q, 80)
    if prev is not None:
        before = before[max(0, len(before) - (q.start - prev.end)):]
    by = _BY.search(before)
    if by:
        found = list(_metric_matches(regex, before[:by.start()]))
        named = list(_metric_matches(regex, ctx.after(q, 40))) if found and _WINS.match(found[-1].group(0)) else []
        if named and not _WINS.match(named[0].group(0)):  # "beats H100 by 25 percent on performance per dollar"
            return _coordinated(named, ctx.after(q, 40), lookup, forward=True)
        if found:
            return _coordinated(found, before, lookup, forward=False)
    nxt = ctx.next(q)
    if nxt is not None and nxt.family == "perf" and _TIMES_THE.fullmatch(ctx.between(q, nxt)):
        return [nxt.metric]  # "three times the quoted 312 TFLOPS of ...": the metric of the figure it multiplies
    limit = ctx.local(nxt.start) if nxt else len(ctx.text)
    after = ctx.text[ctx.local(q.end):min(limit, ctx.local(q.end) + 60)]
    found = list(_metric_matches(regex, after))
    if found:
        return _coordinated(found, after, lookup, forward=True)
    found = list(_metric_matches(regex, before))
    if found and (q.unit == "%" or _IMPROVED.fullmatch(before[found[-1].end():])):
        return _coordinated(found, before, lookup, forward=False)
    if prev is not None and prev.family == "perf" and _RESTATED.fullmatch(ctx.between(prev, q)):
        return [prev.metric]  # "reaches 1.9 exaflops on HPL, roughly 35% more than ...": the same metric
    inherited = _elided(ctx, q, "metric")
    if inherited:
        return [inherited]
    if _GAIN.match(after):
        return [previous_metric or "speed"]
    return ["speed" if q.unit == "x" else "other"]


# "at the same power", "iso-frequency": a condition the comparison holds fixed, not its metric
_HELD_FIXED = re.compile(r"(?:\bat\s+(?:the\s+)?(?:same|equal|identical|similar|comparable|constant)|\biso)[\s-]*$",
                         re.IGNORECASE)
# "an 18% gain relative to N4" names no metric: a gain of a chip or a process is its performance
_GAIN = re.compile(r"\s*(?:gain|improvement|uplift|boost)\b", re.IGNORECASE)


def _metric_matches(regex: re.Pattern, text: str) -> list[re.Match]:
    if "at " not in text and "iso" not in text.lower():
        return list(regex.finditer(text))  # no condition can be held fixed
    return [m for m in regex.finditer(text) if not _HELD_FIXED.search(text, max(0, m.start() - 20), m.start())]


# verbs of winning name a speed only when no metric follows the figure
_WINS = re.compile(r"(?:beats|outperform(?:s|ed)|outpaces)$", re.IGNORECASE)
_TIMES_THE = re.compile(r"\s*(?:times\s+)?(?:the|its|their|an?)\s+(?:quoted|claimed|stated|rated|listed|reported|"
                        r"advertised|official|peak)?\s*(?:figure\s+of\s+)?", re.IGNORECASE)
# "performance per watt improved nearly twofold", "the N5's throughput is 2.5x that of the H100": the metric is
# the subject of the change verb or the copula
_IMPROVED = re.compile(r"\s+(?:(?:has\s+|have\s+)?(?:improved|increased|rose|grew|jumped|climbed)|is|was|are|were)\s+"
                       r"(?:by\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_RESTATED = re.compile(r"[^,;.]{0,40},\s*(?:\w+\s+){0,2}", re.IGNORECASE)


def _coordinated(found: list[re.Match], text: str, lookup: dict[str, str], *, forward: bool) -> list[str]:
    """The nearest metric cue and the ones joined to it by "and" or commas ("compute, bandwidth, and model size")."""
    chain = [found[0]] if forward else [found[-1]]
    seq = found[1:] if forward else list(reversed(found[:-1]))
    for m in seq:
        gap = text[chain[-1].end():m.start()] if forward else text[m.end():chain[-1].start()]
        if _COMPOUND.fullmatch(gap):  # "inference throughput", "memory power", "energy efficient": the head
            if forward:
                chain[-1] = m
            continue
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
        nxt = ctx.next(q)
        after = ctx.after(q, 40) if nxt is None else ctx.after(q, min(40, nxt.start - q.end))
        lower, higher = cue_regex("lower").search(after), cue_regex("higher").search(after)
        if lower and (not higher or lower.start() < higher.start()):
            return "lower"
        before = ctx.before(q, 80)
        if _BY.search(before) and cue_regex("lower").search(before):
            return "lower"
        return "higher"
    if metric in _LOWER_IS_BETTER and (hedge in _LOWER_SPEC_HEDGES or re.search(r"\bjust\s+$", ctx.before(q, 10))):
        return "lower"
    against = _spec_against(ctx, q)
    if against is not None and against.value > q.value:
        return "lower"  # "draws 350 watts, versus 400 watts for the V8"
    return "higher"


_AGAINST = re.compile(r"\s*,?\s*(?:versus|vs\.?|compared\s+(?:to|with)|against|down\s+from)\s+"
                      r"(?:about\s+|roughly\s+|nearly\s+|the\s+)?$", re.IGNORECASE)


def _spec_against(ctx: SentenceContext, q: Quantity) -> Quantity | None:
    """The comparator's figure in the same unit right after "versus" ("350 watts, versus 400 watts"), if any."""
    nxt = ctx.next(q)
    if nxt is None or nxt.unit != q.unit or not _AGAINST.fullmatch(ctx.between(q, nxt)):
        return None
    return nxt
