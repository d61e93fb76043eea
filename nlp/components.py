"""spaCy components of the chipwatch pipeline, registered with ``@Language.factory``.

* ``chipwatch_sentences``: sentence boundaries at sentence punctuation and at line breaks (headlines,
  table lines), with an upper bound on sentence length so pathological text stays linear.
* ``chipwatch_models``: model numbers missing from the catalogue, by the regexes in products.yml.
* ``chipwatch_quantities``: the number/unit grammar (``nlp.quantities``) over the document text;
  results in ``doc._.quantities`` and as spans in ``doc.spans["quantities"]``.
* ``chipwatch_facts``: assembles claims and figures per sentence into ``doc._.facts``.

Products and vendors are found by two stock ``span_ruler`` components (see ``nlp.pipeline``).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy
import yaml
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from nlp import PACKAGE
from nlp.assemble import COMPARISON_FRAME, sentence_facts
from nlp.attributes import is_subject
from nlp.context import DocState, Mention, SentenceContext
from nlp.introductions import introduced_spans
from nlp.lexicon import load_lexicon
from nlp.periods import first_period, update_state
from nlp.quantities import find_quantities
from nlp.roles import baseline_statement, remember_predecessor

_BOUNDARY = re.compile(r"(?P<end>[.!?。！？])[\"”’)\]]*(?P<ws>\s+)|(?P<nl>\n\s*)")
DOC_TEXT, _BOUNDS = ("chipwatch", "text"), ("chipwatch", "sentences")
_NOT_A_MODEL = re.compile(r"^(?:FY|CY|FQ|GPT|CIK)\d|^[QH][1-4]$|^\d|^(?:FP|BF|TF|U?INT|MXFP|NVFP)\d+$")
_ABBREVIATIONS = {"inc.", "corp.", "co.", "ltd.", "mr.", "mrs.", "ms.", "dr.", "no.", "vs.", "st.", "jr.", "sr.",
                  "e.g.", "i.e.", "etc.", "approx.", "calif.", "mass.", "jan.", "feb.", "aug.", "sept.", "oct.",
                  "nov.", "dec.", "u.s.", "u.k.", "n.y."}

for _name in ("meta", "quantities", "facts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory("chipwatch_sentences", default_config={"max_tokens": 250})
def make_sentences(nlp: Language, name: str, max_tokens: int) -> SentenceSplitter:
    """Sentence boundaries without a model: punctuation, line breaks, and a length cap."""
    return SentenceSplitter(max_tokens)


class SentenceSplitter:
    """Finds boundaries with one regex pass over the text and writes them as an array (no Python per token)."""

    def __init__(self, max_tokens: int):
        self.max_tokens = max_tokens

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        text = doc_text(doc)
        starts_char = sentence_starts(text)
        idx = doc.to_array([IDX]).astype(numpy.int64).ravel()
        starts = numpy.unique(numpy.searchsorted(idx, numpy.asarray(starts_char, dtype=numpy.int64)))
        starts = _cap_length(starts[starts < len(doc)], len(doc), self.max_tokens)
        column = numpy.full((len(doc), 1), -1, dtype=numpy.int64)
        column[starts, 0] = 1
        doc.from_array([SENT_START], column.view(numpy.uint64))
        chars = list(idx[starts]) + [len(text)]
        doc.user_data[_BOUNDS] = [(int(a), int(b)) for a, b in zip(chars, chars[1:], strict=False)]
        return doc


def doc_text(doc: Doc) -> str:
    """The document text, built once (``Doc.text`` joins every token on each access)."""
    if DOC_TEXT not in doc.user_data:
        doc.user_data[DOC_TEXT] = doc.text
    return doc.user_data[DOC_TEXT]


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character offsets of the sentences, as found by ``chipwatch_sentences``."""
    bounds = doc.user_data.get(_BOUNDS)
    return bounds if bounds is not None else [(s.start_char, s.end_char) for s in doc.sents]


def sentence_starts(text: str) -> list[int]:
    r"""Character offsets where sentences start: after line breaks, and after ". " before a non-lower-case word.

    >>> sentence_starts("Revenue rose 5%. Net income fell.\nQ3 results")
    [0, 17, 34]
    """
    starts = [0]
    for m in _BOUNDARY.finditer(text):
        nxt = m.end()
        if nxt >= len(text):
            break
        if m.group("nl") or "\n" in m.group("ws") or \
                (not text[nxt].islower() and not (m.group("end") == "." and _abbreviation(text, m.start() + 1))):
            starts.append(nxt)
    return starts


def _abbreviation(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` is an abbreviation ("Inc.", "U.S.", "Calif.")."""
    word = text[max(0, end - 12):end].split()[-1:] or [""]
    word = word[0].lstrip("(\"'“‘")
    return word.lower() in _ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z]\.?", word))


def _cap_length(starts: numpy.ndarray, length: int, cap: int) -> numpy.ndarray:
    """Add boundaries so no sentence is longer than ``cap`` tokens (keeps pathological text linear)."""
    bounds = list(starts) + [length]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        out.extend(range(a, b, cap))
    return numpy.asarray(out or [0], dtype=numpy.int64)


@Language.factory("chipwatch_models")
def make_models(nlp: Language, name: str) -> ModelNumberRecognizer:
    """Model numbers not in the catalogue ("MI355X", "RTX 5090"), added to ``doc.spans["products"]``."""
    return ModelNumberRecognizer()


class ModelNumberRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        found = [doc.char_span(a, b, label="PRODUCT", alignment_mode="expand") for a, b in model_spans(text)]
        group = doc.spans.get("products")
        spans = list(group) if group is not None else []
        doc.spans["products"] = SpanGroup(doc, name="products", spans=spans + [s for s in found if s is not None])
        return doc


def model_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of model numbers missing from the catalogue, by the shapes in products.yml.

    A short code ("X3") counts only if the document writes it as a product at least once ("the X3",
    "Sable's S2", "Atlas A2", "X3 supercomputer"); then every mention of it does. Names the document
    introduces ("a chip called Tern") are products too (``nlp.introductions``).

    >>> text = "The X3 has 96 cores; X3 beats the LX-3 on FP16 math, Q4 sales aside."
    >>> [text[a:b] for a, b in model_spans(text)]
    ['X3', 'X3', 'LX-3']
    """
    lexicon = load_lexicon()
    if lexicon.product_shapes is None:
        return []
    found = [m for m in lexicon.product_shapes.finditer(text)
             if not (lexicon.not_models and lexicon.not_models.match(m.group(0)) and not _model_before_hardware(text, m))
             and not (lexicon.not_after and lexicon.not_after.search(text, max(0, m.start() - 16), m.start()))]
    named = {m.group(0) for m in found if m.group("short") and _named_as_product(text, m, lexicon)}
    spans = [m.span() for m in found if not m.group("short") or m.group(0) in named]
    spans += instance_spans(text)
    # an introduced name that holds a model number ("the Photon P3") keeps the model number as its name
    return spans + [(a, b) for a, b in introduced_spans(text) if not any(a < e and s < b for s, e in spans)]


@lru_cache(maxsize=1)
def _instance_patterns() -> tuple[re.Pattern, tuple[str, ...]]:
    data = yaml.safe_load((PACKAGE / "products.yml").read_text(encoding="utf-8"))
    shapes = "|".join(f"(?:{p})" for p in data.get("instance_shapes") or [])
    return re.compile(rf"(?<![\w.-])(?:{shapes})(?![\w-]|\.\w)"), tuple(data.get("instance_words") or [])


def instance_spans(text: str) -> list[tuple[int, int]]:
    """Cloud instance types ("the r12n.large instance", "trn3.48xlarge"), products though lower-case.

    >>> text = "The q7g.xlarge is 30% faster than the q6g.xlarge and the c4-highmem-8."
    >>> [text[a:b] for a, b in instance_spans(text)]
    ['q7g.xlarge', 'q6g.xlarge', 'c4-highmem-8']
    """
    regex, words = _instance_patterns()
    if not any(w in text for w in words):
        return []
    return [m.span() for m in regex.finditer(text)]


def _named_as_product(text: str, m: re.Match, lexicon) -> bool:
    before = lexicon.short_before and lexicon.short_before.search(text, max(0, m.start() - 24), m.start())
    return bool(before or (lexicon.short_after and lexicon.short_after.match(text[m.end():m.end() + 24])))


@Language.factory("chipwatch_quantities")
def make_quantities(nlp: Language, name: str) -> QuantityRecognizer:
    """Quantities ("6.9x", "$22.1 billion", "1.8 terabytes per second") from the unit grammar."""
    return QuantityRecognizer()


class QuantityRecognizer:
    def __call__(self, doc: Doc) -> Doc:
        quantities = find_quantities(doc_text(doc))
        doc._.quantities = quantities
        spans = [doc.char_span(q.start, q.end, label=q.family, alignment_mode="expand") for q in quantities]
        doc.spans["quantities"] = SpanGroup(doc, name="quantities", spans=[s for s in spans if s is not None])
        return doc


@Language.factory("chipwatch_facts")
def make_facts(nlp: Language, name: str) -> FactAssembler:
    """Performance claims and financial figures, one dict per fact, with provenance."""
    return FactAssembler()


class FactAssembler:
    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta or {}
        state = DocState(vendor=meta.get("vendor"), published=meta.get("published"), kind=meta.get("kind"))
        state.extras["fiscal_year_end"] = meta.get("fiscal_year_end")
        quantities = doc._.quantities or []
        products = _mentions(doc, "products")
        vendors = _mentions(doc, "vendors")
        facts: list[dict] = []
        text = doc_text(doc)
        bounds = sentence_bounds(doc)
        first_period(state, (text[lo:hi] for lo, hi in bounds))
        state.extras["doc_product"] = next((p.name for p in products if p.label == "PRODUCT"), None)
        qi = pi = vi = 0
        unbased: list[dict] = []  # the previous sentence's comparisons that named no baseline
        for lo, hi in bounds:
            qi, in_sent = _take(quantities, qi, hi)
            pi, sent_products = _take(products, pi, hi)
            vi, sent_vendors = _take(vendors, vi, hi)
            ctx = SentenceContext(text[lo:hi], lo, in_sent, sent_products, sent_vendors)
            previous = state.last_product
            named_before = remember_predecessor(ctx, state)  # "Its predecessor, the K8": a baseline, not the topic
            if in_sent:
                found = [_with_provenance(ctx, q, fact) for q, fact in sentence_facts(ctx, state)]
                facts.extend(found)
                _baseline_carried_back(ctx, found, unbased)
                unbased = [f for f in found if f["type"] == "performance" and f["unit"] in ("x", "%")
                           and f.get("direction") and not f.get("comparator")]
            else:
                _remember_topic(ctx, state)
                _baseline_named_after(ctx, unbased)
                unbased = []
            if named_before is not None and state.last_product == named_before.name:
                state.last_product = next((p.name for p in sent_products if p.label == "PRODUCT" and
                                           p.name != named_before.name), previous)
            update_state(state, ctx.text)
        doc._.facts = facts
        return doc


_CONTRASTED = re.compile(r"\b(?:unlike|like|than|versus|vs\.?|rivals?|competitors?)\s+(?:[\w-]+['’]s\s+|the\s+|an?\s+)?$",
                         re.IGNORECASE)


def _remember_topic(ctx: SentenceContext, state: DocState) -> None:
    """A sentence without figures moves the topic to the product it is about, not to one it sets apart
    ("Unlike Nvidia's H200, which relies on HBM3E, the new accelerator ..." keeps the document's product)."""
    if COMPARISON_FRAME.search(ctx.text):
        return
    for p in ctx.products:
        if p.label == "PRODUCT" and not _CONTRASTED.search(ctx.text, 0, ctx.local(p.start)) and is_subject(ctx, p):
            state.last_product = p.name
            return


def _baseline_named_after(ctx: SentenceContext, unbased: list[dict]) -> None:
    """"Its S1 chip runs recommendation models 4 times faster. The comparison was made against AMD's MI250X.":
    the next sentence names the baseline of comparisons that had none."""
    if not unbased:
        return
    baseline = baseline_statement(ctx)
    for fact in unbased:
        if baseline and baseline != fact.get("product"):
            fact["comparator"] = baseline


_CONTINUES = re.compile(r"\s*[\"“]?(?:it|they|the\s+(?:new\s+)?(?:chip|system|processor|accelerator|gpu|part))\b",
                       re.IGNORECASE)


def _baseline_carried_back(ctx: SentenceContext, found: list[dict], unbased: list[dict]) -> None:
    """"... can offer 30 times the performance for LLM inference. It reduces cost by up to 25x over an H100": a
    sentence that goes on about the same product ("It", "The chip") gives its baseline to the comparison before
    it that named none."""
    if not unbased or not _CONTINUES.match(ctx.text):
        return
    based = next((f for f in found if f["type"] == "performance" and f.get("comparator")), None)
    if based is None:
        return
    for fact in unbased:
        if fact.get("product") == based.get("product") and based["comparator"] != fact.get("product"):
            fact["comparator"] = based["comparator"]


def _take(items: list, index: int, end: int) -> tuple[int, list]:
    """Items (sorted by start) that start before ``end``, from ``index`` on: a linear sweep over sentences."""
    taken = []
    while index < len(items) and items[index].start < end:
        taken.append(items[index])
        index += 1
    return index, taken


def _mentions(doc: Doc, key: str) -> list[Mention]:
    """Longest non-overlapping mentions of a span group, in order, as (canonical name, char span)."""
    spans: list[Span] = sorted(doc.spans.get(key, []), key=lambda s: (s.start_char, -(s.end_char - s.start_char)))
    out: list[Mention] = []
    for span in spans:
        if out and span.start_char < out[-1].end or _NOT_A_MODEL.match(span.text) and not _hardware_after(doc, span):
            continue
        name, end = span.id_ or span.text, span.end_char
        if not span.id_ and name.endswith(".") and len(name) > 2:  # "the MI300X." at a sentence end
            name, end = name[:-1], end - 1
        out.append(Mention(name, span.start_char, end, span.label_))
    return out


_PERIOD_LIKE = re.compile(r"^[QH][1-4]$")


def _hardware_after(doc: Doc, span: Span) -> bool:
    """"an eight-chip Halcyon H4 system": a period-like code before a hardware noun is a model after all."""
    text = doc_text(doc)
    return bool(_PERIOD_LIKE.match(span.text)) and _hardware_next(text, span.end_char)


def _model_before_hardware(text: str, m: re.Match) -> bool:
    return bool(_PERIOD_LIKE.match(m.group(0))) and _hardware_next(text, m.end())


def _hardware_next(text: str, end: int) -> bool:
    lexicon = load_lexicon()
    after = text[end:end + 24]
    return bool(lexicon.short_after and after[:1].isspace() and lexicon.short_after.match(after))


def _tidy(value):
    """Round away float noise: 4.1 * 1e9 is 4099999999.9999995, stored as 4100000000.0."""
    return float(f"{value:.12g}") if isinstance(value, float) else value


def _with_provenance(ctx: SentenceContext, q, fact: dict) -> dict:
    fact["value"] = _tidy(fact["value"])
    if fact.get("value_high") is not None:
        fact["value_high"] = _tidy(fact["value_high"])
    start, end = ctx.quote(q)
    text = ctx.text
    return {**fact, "quote": text[ctx.local(start):ctx.local(end)], "start": start, "end": end,
            "sentence": text.strip(), "sentence_start": ctx.start + (len(text) - len(text.lstrip()))}
