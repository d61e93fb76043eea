"""Attributes shared by both fact types: hedge, attribution, product, comparator, workload.

Each function reads a ``SentenceContext`` around one quantity and returns a plain value.
"""

from __future__ import annotations

import re
from functools import lru_cache

from nlp.context import READ_SUBJECT, DocState, Mention, SentenceContext
from nlp.lexicon import cue_patterns, cue_regex
from nlp.quantities import Quantity
from nlp.workloads import attached_workload, task_paraphrase, vocabulary_pattern

_FILLER = r"(?:\s+(?:a|an|the|be|of|whopping|claimed|staggering|just))*\s*$"
_CLAIMED = re.compile(r"\b(?:a|the)\s+claimed\s*$", re.IGNORECASE)
_COMPARATOR = re.compile(
    r"^[\s,\u201d\u2019\"'()]*(?:[\w-]+\s+){0,4}?(?P<m>than|over|versus|vs\.?|compared\s+(?:to|with)|relative\s+to|against|"
    r"up\s+from|from|of|as\s+\w+\s+as|what|below|above)\s+(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
# a baseline ends at a clause or an attachment: "than N5 at the same power", "than the H200 running Llama"
_PHRASE_END = re.compile(r"[,;:()\u2014\u2013]|\.(?![\w-])|\s(?:while|and|but|which|that|when|for|on|in|at|using|with|running|"
                         r"serving|during|across|thanks|from|according|says|said)\s", re.IGNORECASE)
_WORKLOAD = re.compile(  # every form starts at a word boundary ("BERT" is not in "Pemberton")
    rf"\b(?:(?:{vocabulary_pattern()})(?![\w-])|"  # the data vocabulary first: its longer forms win at the same position
    r"(?:(?:on-device\s+)?(?:LLM|AI|large[- ]language[- ]model|generative AI|GPT-\d\w*(?:\s\d+B)?|"
    r"Llama\s?\d+(?:\.\d+)?(?:\s\d+B)?)\s+)?"
    r"(?:inference|training)(?:\s+workloads?)?"
    r"|AI\s+workloads?|Llama\s?\d+(?:\.\d+)?(?:\s\d+B)?|Mixtral\s\d+x\d+B|Stable\s+Diffusion(?:\s+XL)?"
    r"|GPT-\d+\w*(?:\s\d+B)?(?:\s+(?:LLM\s+)?benchmark)?"
    r"|BERT(?:-Large)?|(?:ResNet-?50|DLRM|BERT)(?:\s+(?:inference|training))?|[\w-]*parameter\s+(?:AI\s+|chat\s+|language\s+|LLM\s+)?model"
    r"|recommendation\s+engines?"
    # benchmark suites: "Cinebench R23", "Geekbench 6", "SPECrate 2017 integer", "MLPerf Training"
    r"|Cinebench(?:\s+(?:R\d+|\d{4}))?|Geekbench(?:\s+\d+(?:\.\d+)?)?|3DMark(?:\s+(?-i:[A-Z])\w+){0,2}"
    r"|LINPACK|(?-i:HPL)|MLPerf(?:\s+(?:Training|Inference))?"
    r"|(?-i:SPEC)(?:rate|speed|int|fp)?(?:[\s_]?\d{4})?(?:\s+(?:integer|floating[- ]point))?(?=\W))",
    re.IGNORECASE)
# generic workloads give way to a named model or benchmark nearby ("inference on Llama 3.1 70B")
_GENERIC_WORKLOAD = re.compile(r"(?:\w+\s+)*(?:inference|training|workloads?)", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|while|but|whereas)\b|\.\s", re.IGNORECASE)


def hedge_for(ctx: SentenceContext, q: Quantity) -> str | None:
    """The lexical hedge right before ``q`` ("up to", "nearly"), "claims" for "a claimed 6.9x", else None."""
    before = ctx.before(q, 60)
    if _CLAIMED.search(before):
        return "claims"
    for m in reversed(list(cue_regex("hedges").finditer(before))):
        hedge, filler = " ".join(m.group(0).lower().split()), before[m.end():]
        if re.fullmatch(_FILLER, filler, re.IGNORECASE) and not (hedge in _COMPARATIVE_HEDGES and
                                                                 _DEFINITE.search(filler)):
            return hedge
        break
    return None


# "more than the 80 GB of the H100" compares with the H100's figure; "more than 80 GB" hedges its own
_COMPARATIVE_HEDGES = {"more than", "over", "under", "less than", "well under", "well over", "just under",
                       "just over", "a little less than", "a little more than", "upwards of", "in excess of",
                       "north of"}
_DEFINITE = re.compile(r"\bthe\b", re.IGNORECASE)


def attributed(ctx: SentenceContext) -> bool:
    """Whether the sentence attributes its figures to someone ("Nvidia says", "the company claims")."""
    return _attributed(ctx.text)


@lru_cache(maxsize=1024)
def _attributed(sentence: str) -> bool:
    return bool(cue_patterns("attribution").search(sentence))


def _own(mention: Mention, q: Quantity) -> bool:
    return mention.end <= q.start or mention.start >= q.end


def product_for(ctx: SentenceContext, q: Quantity, state: DocState, comparator: str | None) -> str | None:
    """The product a figure describes: one attached to it, else the nearest before, after, or in the document."""
    inside = [p for p in ctx.products if q.count and q.start <= p.start and p.end <= q.end]
    if inside and not _PARTS_BEFORE.search(ctx.before(q, 40)):
        return inside[0].name  # "8,000 Hopper GPUs", "2,000 Blackwell GPUs can do it": a count names its product
    candidates = [p for p in ctx.products if _own(p, q) and p.name != comparator]
    spec_of = _spec_owner(ctx, q) or _written_against(ctx, q, candidates) or _spec_of_named(ctx, q, candidates)
    if spec_of is not None:  # "versus 141 GB and 4.8 TB/s on the H200": a comparator's own spec
        return spec_of.name
    subjects = [p for p in candidates if is_subject(ctx, p)]
    if not subjects and state.last_product and any(p.label != "MEMORY" for p in candidates):
        return state.last_product  # every product named is a comparator ("... the throughput of an H200")
    candidates = subjects or candidates  # "... of the H100" names a comparator, not the subject
    chips = [p for p in candidates if p.label != "MEMORY"]
    if not chips and state.last_product:
        return state.last_product  # "288 GB of HBM3E" is the memory of the chip being described
    if not chips and candidates and state.extras.get(READ_SUBJECT):
        return state.extras[READ_SUBJECT]  # ... also when that chip's name was read from a sentence
    candidates = chips or candidates
    for p in candidates:  # "the X9's 3 TB/s", "96 SMs in the RTX 5080", "3-nm B300"
        if _attached(ctx, p, q):
            return p.name
    before = [p for p in candidates if p.end <= q.start]
    clause = ctx.text.rfind(";", 0, ctx.local(q.start))
    if clause >= 0 and any(ctx.local(p.start) > clause for p in before):  # "An A100 takes 10 hours; the T1 ..."
        before = [p for p in before if ctx.local(p.start) > clause]
    if before and state.last_product and _ANAPHOR.search(ctx.text[ctx.local(before[-1].end):ctx.local(q.start)]):
        return state.last_product  # "..., this research system holds 2 billion neurons"
    if before:  # the sentence's subject usually comes first
        return before[0].name
    after = [p for p in candidates if p.start >= q.end]
    if state.last_product or after:
        return state.last_product or after[0].name
    document_product = state.extras.get("doc_product")
    if document_product is not None and document_product != comparator:
        return document_product
    # not the baseline itself ("The Quill Q1 draws 350 watts, half the power of an H100"): the subject is read
    # from the sentence instead, and only then described by its hardware noun (``described_product``)
    return None


# "Powered by 1,152 of Intel's new Loihi 2 processors": a count of parts belongs to the system they make up
_PARTS_BEFORE = re.compile(r"\b(?:powered\s+by|built\s+(?:around|with|from|on)|based\s+on|using|with|featuring|"
                           r"compris(?:es|ing)|contain(?:s|ing)|packs?|houses?|integrates?|combines?|links?|connects?)"
                           r"\s+(?:up\s+to\s+|as\s+many\s+as\s+)?$", re.IGNORECASE)


def _written_against(ctx: SentenceContext, q: Quantity, candidates: list[Mention]) -> Mention | None:
    """A product written right against a spec ("5-nm H100", "the X9's 3 TB/s"), even inside a comparison."""
    if q.unit in ("x", "%"):
        return None
    for p in candidates:
        gap = ctx.text[ctx.local(p.end):ctx.local(q.start)] if p.end <= q.start else \
            ctx.text[ctx.local(q.end):ctx.local(p.start)]
        if p.label != "MEMORY" and re.fullmatch(r"\s*" if p.start >= q.end else r"\s*['’]s\s*", gap):
            return p
    return None


_OF_NAMED = re.compile(r"\s*(?:of|for|on|in)\s+(?:the\s+|an?\s+)?(?:[\w-]+['’]s\s+)?(?:[\w-]+\s+){0,2}")


def _spec_of_named(ctx: SentenceContext, q: Quantity, candidates: list[Mention]) -> Mention | None:
    """A spec written "of"/"for" a product right after it ("312 TFLOPS of the rival's flagship A100 SXM")."""
    if q.unit in ("x", "%"):
        return None
    after = [p for p in candidates if p.start >= q.end and p.label != "MEMORY"]
    if after and _OF_NAMED.fullmatch(ctx.text, ctx.local(q.end), ctx.local(after[0].start)):
        return after[0]
    return None


def is_subject(ctx: SentenceContext, p: Mention) -> bool:
    """Whether a product mention can be what the sentence describes (not "than the H100", "of an H200")."""
    before = ctx.text[max(0, ctx.local(p.start) - 60):ctx.local(p.start)]
    return not (_NOT_SUBJECT.search(before[-40:]) or _COMPARED_PHRASE.search(before))


# "than the first neural engine in the A11", "as fast as the one in the M3": still the comparison's object
_COMPARED_PHRASE = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:to|with)|relative\s+to|as\s+\w+\s+as)\s"
                              r"[^,;:()\u2014\u2013]*$", re.IGNORECASE)


_VERSUS_SPEC = re.compile(r"\b(?:versus|vs\.?|compared\s+(?:to|with)|against|(?:upgrade|up|step\s+up)\s+from)\s+"
                          r"(?:[^,;.]{0,30}\s)?$", re.IGNORECASE)
_SPEC_ON = re.compile(r"^[^,;()]{0,60}?\b(?:on|for|in|of|from|in\s+the\s+case\s+of)\s+(?:the\s+|an?\s+)?"
                      r"(?:[\w-]+['’]s\s+)?$", re.IGNORECASE)  # "versus 4 petaflops of AMD's MI300X"


def _spec_owner(ctx: SentenceContext, q: Quantity) -> Mention | None:
    """The product a comparator spec belongs to: "versus 141 GB and 4.8 TB/s on the H200"."""
    if q.unit in ("x", "%") or not _VERSUS_SPEC.search(ctx.before(q, 60)):
        return None
    after = [p for p in ctx.products if p.start >= q.end and p.label != "MEMORY"]
    if after and _SPEC_ON.match(ctx.text[ctx.local(q.end):ctx.local(after[0].start)]):
        return after[0]
    return None


# whole words only: the "device" of "on-device AI" is no hardware
_HARDWARE = re.compile(r"(?<![\w-])(?:micro)?(?:chips?|processors?|accelerators?|GPUs?|CPUs?|NPUs?|TPUs?|SoCs?|"
                       r"supercomputers?|systems?|cards?|devices?)(?![\w-])", re.IGNORECASE)
_NOT_MODIFIERS = {"the", "a", "an", "its", "their", "this", "that", "these", "single", "new", "of", "to", "on", "in",
                  "at", "by", "for", "with", "and", "or", "than", "any", "said", "says", "is", "are", "was", "were",
                  "has", "have", "which", "who", "it", "made", "make", "ever"}


@lru_cache(maxsize=1024)
def _hardware_nouns(sentence: str) -> tuple[tuple[int, int], ...]:
    return tuple(m.span() for m in _HARDWARE.finditer(sentence))


def described_product(ctx: SentenceContext, q: Quantity, state: DocState) -> str | None:
    """No product named anywhere: the vendor and the hardware noun nearest the figure ("Intel memory chip")."""
    lo, hi = ctx.local(q.start), ctx.local(q.end)
    found = [(a, b) for a, b in _hardware_nouns(ctx.text) if not (a < hi and b > lo)]
    if not found:
        return None
    start, end = min(found, key=lambda span: abs(span[0] - lo))
    if state.extras.get(READ_SUBJECT) and _DEFINITE_BEFORE.search(ctx.text, max(0, start - 30), start):
        return state.extras[READ_SUBJECT]  # "The card carries 96 GB" after "Wren is built on ...": Wren's card
    kept: list[str] = []
    for word in reversed(ctx.text[max(0, start - 40):start].split()[-2:]):  # "single memory chip" -> "memory chip"
        if word.lower() in _NOT_MODIFIERS or not word.replace("-", "").isalnum():
            break
        kept.insert(0, word)
    return " ".join(filter(None, [state.vendor, *kept, ctx.text[start:end]])) or None


_DEFINITE_BEFORE = re.compile(r"(?:^|\s)(?:the|this|its|that)\s+(?:new\s+)?$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(?:this|it|its)\s+(?:[\w-]+\s+){0,2}(?:system|machine|supercomputer|computer|cluster|"
                      r"chip|card|rack|processor|accelerator)\b", re.IGNORECASE)


def _attached(ctx: SentenceContext, p: Mention, q: Quantity) -> bool:
    """A product written right against a figure: "the X9's 3 TB/s", "3-nm B300", "96 SMs in the RTX 5080"."""
    if p.end <= q.start:
        return bool(re.fullmatch(r"\s*['’]s\s*", ctx.text[ctx.local(p.end):ctx.local(q.start)]))
    gap = ctx.text[ctx.local(q.end):ctx.local(p.start)]
    if re.fullmatch(r"\s*", gap):
        return True
    return bool(re.fullmatch(r"[^,.;0-9()]{0,40}?\b(?:for|in|of)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,3}", gap,
                             re.IGNORECASE)) and not re.search(r"\b(?:than|over|versus|vs|from)\b", gap)


def comparator_for(ctx: SentenceContext, q: Quantity) -> str | None:
    """What a claim is compared with: the product or phrase after "than", "over", "versus", "compared to"...

    "5x the throughput of a typical GPU server" -> "a typical GPU server".
    """
    after = ctx.after(q, 160)
    m = _COMPARATOR.match(after)
    if m is None:
        return _times_the_result(ctx, q) or _comparator_before(ctx, q) or _comparator_anywhere(ctx, q)
    offset = ctx.local(q.end) + m.start("rest")
    spec_of = m.group("m").lower() in ("of", "from") and q.unit not in ("x", "%")
    lead = None if spec_of else _METRIC_LEAD.match(m.group("rest"))
    if lead:  # "than the quoted 312 TFLOPS of the rival's flagship H100": the baseline follows its figure
        offset += lead.end()
        m = _COMPARATOR.match(" than " + m.group("rest")[lead.end():])
    for p in ctx.products:
        reach = ctx.local(p.start) - offset
        # a product closing the comparison phrase; further away only when no figure sits in between
        near = reach <= 30 or (not spec_of and reach <= 40 and not re.search(r"[0-9]", m.group("rest")[:reach]))
        if 0 <= reach <= (6 if spec_of else 40) and near and not (spec_of and p.label == "MEMORY"):
            return p.name  # "6 TB/s from the X8's 4 TB/s"
    if spec_of:
        return None  # "96 GB of HBM3" is a spec, not a comparison
    rest = m.group("rest")
    named = _named_in_apposition(ctx, offset, rest)
    if named is not None:
        return named
    end = _PHRASE_END.search(rest)
    phrase = " ".join(rest[:end.start() if end else 60].split()[:6]) or None
    if phrase and m.group("m").lower() == "of" and _METRIC_ONLY.fullmatch(phrase):
        # "matches Blackwell at a third of the power": "the power" is the metric, the comparator is elsewhere
        return _comparator_before(ctx, q) or _comparator_anywhere(ctx, q)
    return phrase


_RESULT_OF = re.compile(r"(?:['’]s)?\s+(?:results?|scores?|performance|throughput|speed|figures?|numbers?|bandwidth|"
                        r"efficiency|capacity)\b", re.IGNORECASE)


def _times_the_result(ctx: SentenceContext, q: Quantity) -> str | None:
    """"1.5x the H100 result", "twice the H200's throughput": the product whose figure is multiplied."""
    if q.unit not in ("x", "%"):
        return None
    hi = ctx.local(q.end)
    for p in ctx.products:
        lo = ctx.local(p.start)
        if p.start >= q.end and re.fullmatch(r"\s+(?:the|an?)\s+", ctx.text[hi:lo]) and \
                _RESULT_OF.match(ctx.text, ctx.local(p.end)):
            return p.name
    return None


_METRIC_LEAD = re.compile(r"(?:the\s+|an?\s+|its\s+)?(?:[\w-]+\s+){0,2}?\d[\d.,]*\s*[\w/%-]+(?:\s+[\w/-]+)?\s+"
                          r"(?:of|for|from|on|by)\s+", re.IGNORECASE)
_GENERIC_THEN_NAME = re.compile(r"(?:its|their|our|the)\s+(?:\w+\s+)?(?:predecessor|previous\s+generation|"
                                r"prior\s+generation|last\s+generation|rival|competitor)\s*,\s*(?:the\s+)?",
                                re.IGNORECASE)


def _named_in_apposition(ctx: SentenceContext, offset: int, rest: str) -> str | None:
    """"than its predecessor, the Q-Series 700": the product named in apposition is the comparator."""
    m = _GENERIC_THEN_NAME.match(rest)
    if m is None:
        return None
    return next((p.name for p in ctx.products if ctx.local(p.start) == offset + m.end()), None)


_METRIC_ONLY = re.compile(r"(?:the|its|their)\s+(?:\w+\s+)?(?:power|energy|performance|cost|speed|bandwidth|"
                          r"memory|latency|throughput|size|area|efficiency)(?:\s+(?:draw|use|consumption))?",
                          re.IGNORECASE)


def _comparator_before(ctx: SentenceContext, q: Quantity) -> str | None:
    """"Compared to the Cloud AI 100 Pro results, Ultra produced a 2.5 to 3 times boost"."""
    before = ctx.before(q)
    m = re.search(r"\b(?:compared\s+(?:to|with)|versus|relative\s+to|against)\s+(?:the\s+)?", before, re.IGNORECASE)
    if not m:
        return None
    for p in ctx.products:
        gap = before[m.end():ctx.local(p.start)]
        if ctx.local(p.start) >= m.end() and p.end <= q.start and _in_phrase(ctx, gap, p):
            return p.name
    phrase = re.match(r"([^,;]{3,60}),", before[m.end():])  # "Compared with the prior generation, the N7 ..."
    return " ".join(phrase.group(1).split()) if phrase else None


def _in_phrase(ctx: SentenceContext, gap: str, p: Mention) -> bool:
    """Whether a product after "compared with" is its object: right in the phrase, or an appositive
    ("Compared with its predecessor, the Q5, the Q7 ..."), not the subject after the comma."""
    if not re.search(r";|,(?![0-9]{3})", gap):  # "1,900 tokens/s for the V8": a digit group is no clause break
        return True
    return bool(_APPOSITIVE.fullmatch(gap)) and ctx.text[ctx.local(p.end):ctx.local(p.end) + 2].startswith(",")


_APPOSITIVE = re.compile(r"[^,;]{0,40},\s*(?:the\s+)?", re.IGNORECASE)
_MARKER = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:to|with)|relative\s+to|against|as|over|ahead\s+of|beats?|"
                     r"outperforms?|match(?:es|ing)?|rivals?)\s+(?:the\s+|an?\s+|its\s+\w+,\s+the\s+|\w+['’]s\s+)?"
                     r"(?-i:[A-Z][\w-]*\s+)?$",  # "beats the Nvidia H100": a maker's name before the model
                     re.IGNORECASE)
# "... the performance of the H100": a product after "of" is not the subject either
_NOT_SUBJECT = re.compile(_MARKER.pattern.replace("beats?|", "beats?|of|"), re.IGNORECASE)


def _comparator_anywhere(ctx: SentenceContext, q: Quantity) -> str | None:
    """A product right after a comparison marker anywhere in the sentence ("... compared to the Hopper H100")."""
    if q.unit not in ("x", "%"):
        return None
    for p in ctx.products:
        if _MARKER.search(ctx.text[max(0, ctx.local(p.start) - 40):ctx.local(p.start)]):
            return p.name
    than = re.search(r"\b(?:than|compared\s+(?:with|to)|versus|vs\.|relative\s+to)\s+(?P<rest>.{1,80})", ctx.after(q, 200),
                     re.IGNORECASE | re.DOTALL)
    if than:  # "50 times faster and use 100 times less energy than conventional systems", "a 10% to 15% speed
        # improvement at the same power compared with N3E"
        end = _PHRASE_END.search(than.group("rest"))
        return " ".join(than.group("rest")[:end.start() if end else 60].split()[:6]) or None
    return None


@lru_cache(maxsize=1024)
def _workloads(sentence: str) -> tuple[re.Match, ...]:
    return tuple(_WORKLOAD.finditer(sentence))


_RIGHT_ON = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:on|for|in)\s+(?:the\s+)?(?:[\w-]+\s+)?", re.IGNORECASE)


def workload_for(ctx: SentenceContext, q: Quantity) -> str | None:
    """The workload named near a claim ("LLM inference", "Llama 2 70B"): in its clause, named before generic.

    The nearest one after the figure comes first ("2x faster on Llama 2 70B"), unless a clause break
    separates them; a generic "inference" gives way to a named model or benchmark in the same reach.
    Outside the vocabulary, a workload noun phrase attached to the claim ("faster in games").
    """
    lo, hi = ctx.local(q.start), ctx.local(q.end)
    return _vocabulary_workload(ctx, lo, hi) or task_paraphrase(ctx.text, lo, hi) or attached_workload(ctx.text, lo, hi)


# "the inference appliance", "a training cluster": a workload word naming a kind of hardware is not the workload
_HARDWARE_AFTER = re.compile(r"\s+(?:servers?|appliances?|chips?|accelerators?|cards?|systems?|clusters?|processors?|"
                             r"racks?|boxes|instances?|silicon|parts?|ASICs?|NPUs?|GPUs?)\b", re.IGNORECASE)


def _vocabulary_workload(ctx: SentenceContext, lo: int, hi: int) -> str | None:
    matches = tuple(m for m in _workloads(ctx.text) if not _HARDWARE_AFTER.match(ctx.text, m.end()))
    if not matches:
        return None
    after = [m for m in matches if m.start() >= hi and m.start() - hi < 80
             and not _CLAUSE_BREAK.search(ctx.text, hi, m.start())]
    before = [m for m in reversed(matches) if m.end() <= lo]
    if after and _RIGHT_ON.fullmatch(ctx.text, hi, after[0].start()):
        return after[0].group(0)  # "38% lower latency on chatbot-style inference": its own workload, even generic
    nearby = after + before
    named = [m for m in nearby if not _GENERIC_WORKLOAD.fullmatch(m.group(0))]
    best = (named or nearby)[:1]
    if not best:
        return None
    if not named:  # "for recommendation inference": a generic task keeps the noun that says which
        modifier = _TASK_MODIFIER.search(ctx.text, max(0, best[0].start() - 30), best[0].start())
        if modifier and modifier.group(1).lower() not in _NOT_TASK_MODIFIERS:
            return f"{modifier.group(1)} {best[0].group(0)}"
    return best[0].group(0)


_TASK_MODIFIER = re.compile(r"\b(?:for|on|in|at|during|with)\s+([a-z][a-z-]{2,}|[A-Z]{2,5})\s+$")
_NOT_TASK_MODIFIERS = {"the", "its", "their", "our", "all", "any", "both", "each", "more", "less", "most", "faster",
                       "better", "higher", "lower", "cheaper", "same", "local", "such", "other", "every"}
