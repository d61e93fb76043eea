"""Role assignment by claim structure: who is claimed about, against what.

The catalogue is evidence, not the only source of names. Whatever follows a comparison marker is the
baseline and never the product; when the product chosen is the baseline (or nothing), the claim's
subject is read from the noun phrase before its verb ("The Orca system runs ... faster than the A100"),
an anaphoric subject ("The chip", "It") resolves to the document's current product, and a generic
baseline ("its predecessor") resolves to the predecessor the document named.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from nlp.context import READ_SUBJECT, DocState, Mention, SentenceContext
from nlp.lexicon import DATA
from nlp.quantities import Quantity

PREDECESSOR = "predecessor"


@lru_cache(maxsize=1)
def _cues() -> dict[str, re.Pattern]:
    data = yaml.safe_load((DATA / "roles.yml").read_text(encoding="utf-8"))
    verbs = "|".join(sorted(map(re.escape, data["subject_verbs"]), key=len, reverse=True))
    return {
        "verb": re.compile(rf"\s(?:{verbs})\b", re.IGNORECASE),
        "reporting": re.compile(rf"\b(?:{'|'.join(data['reporting'])})", re.IGNORECASE),
        "not_subject": re.compile(rf"(?:{'|'.join(data['not_subjects'])})", re.IGNORECASE),
        "anaphor": re.compile(rf"(?:{'|'.join(data['anaphors'])})", re.IGNORECASE),
        "predecessor": re.compile(rf"(?:{'|'.join(data['predecessor'])})", re.IGNORECASE),
        "described": re.compile(rf"(?:{'|'.join(data['described_subjects'])})", re.IGNORECASE),
        "tail": re.compile(rf"(?:{'|'.join(data['subject_tails'])})", re.IGNORECASE | re.DOTALL),
        # "The comparison was made against AMD's MI250X."; "That is measured against the H100."
        "baseline": re.compile(rf"^\s*(?:(?:{'|'.join(data['baseline_subjects'])})\s+(?:[\w-]+\s+){{0,3}}?"
                               rf"(?:{'|'.join(data['baseline_markers'])})|{'|'.join(data['baseline_nouns'])})\s+"
                               rf"(?P<rest>.+)$", re.IGNORECASE | re.DOTALL),
    }


# an introductory phrase before the subject: "In MLPerf Inference v5.0 Offline, ", "Compared with the X, "
_INTRO = re.compile(r"^\s*(?:\w+ly,\s*|(?:in|on|at|for|compared\s+(?:with|to)|versus|against|relative\s+to|according\s+to|"
                    r"(?:built|designed|developed|made|created|fabricated|manufactured)\s+(?:by|at|in)|"
                    r"with|by|after|during|under|unlike|like|separately|meanwhile|however|also)\b[^,]{0,80},\s*)+",
                    re.IGNORECASE)
_MARKER = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:with|to)|relative\s+to|against|over|from)\s",
                     re.IGNORECASE)
_METRIC_HEAD = re.compile(r"\b(?:bandwidth|performance|memory|power|throughput|efficiency|speed|latency|capacity|"
                          r"revenue|sales|cost|price|results?|score|figure|number|total|share|margin)s?$", re.IGNORECASE)
# "a chip from Northgate University": "from" and "over" inside a subject are no comparison
_STRICT_MARKER = re.compile(r"\b(?:than|versus|vs\.?|compared\s+(?:with|to)|relative\s+to|against)\s", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:the|a|an|its|their|our|this|that|these|new)\s+", re.IGNORECASE)
_NAME_LIKE = re.compile(r"(?<![.!?]\s)(?:\b[A-Z][\w.-]*\d|\b\w*\d\w*\b|(?<=\s)[A-Z][\w.-]+)")


def resolve_product(ctx: SentenceContext, q: Quantity, state: DocState, product: str | None,
                    comparator: str | None) -> str | None:
    """The claim's product, corrected by structure when the catalogue's pick is the baseline or missing."""
    # a spec may belong to the baseline ("up from 80 GB ... in the case of the H100"); a comparison never does
    as_baseline = product is not None and _only_as_baseline(ctx, q, product, strict=q.unit not in ("x", "%"))
    memory = _memory_subject(ctx, q)
    if memory is not None and memory.name != comparator:
        return memory.name
    system = system_subject(ctx, q, product)
    if system is not None:
        return system
    component = relative_subject(ctx, q)
    if component is not None:
        return component
    if product is not None and (product != comparator or q.unit not in ("x", "%")) and not as_baseline:
        return product
    subject = subject_phrase(ctx, q)
    if subject is None:
        return None if product == comparator else product
    if isinstance(subject, Mention):
        return subject.name if subject.name != comparator else None
    if _is_anaphor(subject):
        current = state.last_product or state.extras.get(READ_SUBJECT)
        if current and current != comparator:
            return current
        return _descriptive(subject) or _owned_description(ctx, q, subject, state)
    return subject


def _descriptive(phrase: str) -> str | None:
    """An anaphor with nothing to resolve to still describes its subject: "the optical accelerator",
    "the new inference server" -> "inference server"; "the new chip" describes nothing."""
    words = _DETERMINER.sub("", phrase).split()
    while words and words[0].lower() in ("new", "latest"):
        words = words[1:]
    return " ".join(words) if len(words) >= 2 else None


# "one of the key improvements is a second-gen transformer engine that doubles the compute": a component named
# before a relative clause holding the figure is what the figure describes
_RELATIVE = re.compile(
    r"\b(?:an?|the|its|their)\s+(?P<np>(?:[\w-]+\s+){0,3}?(?:engines?|switch(?:es)?|interconnects?|fabrics?|"
    r"caches?|controllers?|chiplets?|tiles?|dies|units?|cores?|links?))\s+(?:that|which)\s+[^,;()]{0,80}$",
    re.IGNORECASE)


def relative_subject(ctx: SentenceContext, q: Quantity) -> str | None:
    """A component before a relative clause that holds the figure, when no product is named before it.

    >>> from nlp.context import SentenceContext
    >>> from nlp.quantities import find_quantities
    >>> text = "A key change is a new matrix engine that doubles the throughput."
    >>> relative_subject(SentenceContext(text, 0, [], [], []), find_quantities(text)[0])
    'new matrix engine'
    """
    if " that " not in ctx.text and " which " not in ctx.text:
        return None
    if any(p.start < q.start for p in ctx.products):
        return None
    m = _RELATIVE.search(ctx.text, 0, ctx.local(q.start))
    return " ".join(m.group("np").split()) if m else None


_ORGANISATION = re.compile(r"(?-i:(?:[A-Z][\w&-]*\s+){1,3}(?:University|Institute|Laboratory|Laboratories|Labs?|College)"
                           r"|(?:University|Institute)\s+of\s+(?:[A-Z][\w-]*\s*){1,3})")


# "Orrin said its chip ...": the one who reports owns "its"
_REPORTER = re.compile(r"(?<![\w-])(?P<who>(?-i:[A-Z][\w&-]*(?:\s+[A-Z][\w&-]*){0,2}))\s+(?:said|says|claims|claimed|"
                       r"announced|reported)\s+(?:that\s+)?(?:its|their)\s", re.IGNORECASE)


def _owned_description(ctx: SentenceContext, q: Quantity, phrase: str, state: DocState) -> str | None:
    """"Researchers at Dunlin University say their chip is 40 times ...": an anaphor with no antecedent is its
    owner's hardware noun ("Dunlin University chip"); the owner is the document's vendor or an institution the
    sentence names before the figure."""
    words = phrase.split()
    if len(words) < 2 or words[0].lower() not in ("its", "their", "our"):
        return None
    owner = state.vendor
    if owner is None:
        found = list(_ORGANISATION.finditer(ctx.text, 0, ctx.local(q.start))) or \
            list(_REPORTER.finditer(ctx.text, 0, ctx.local(q.start)))
        owner = " ".join(found[-1].group("who" if found[-1].re is _REPORTER else 0).split()) if found else None
    return f"{owner} {words[-1]}" if owner else None


# "a Tarrow edge system built around two Lumen L2 accelerators managed ...": the system is the subject, the
# chips it is built from are its parts
_PARTS = r"(?:built\s+(?:around|on|with|from)|based\s+on|powered\s+by|using|with|featuring|equipped\s+with|containing)"
_SYSTEM_WITH_PARTS = re.compile(
    r"\b(?:an?|the|its|their|our)\s+(?P<np>(?:[\w-]+\s+){0,3}?(?:systems?|servers?|racks?|clusters?|nodes?|"
    r"appliances?|supercomputers?|machines?|pods?|boxes|laptops?|PCs?|workstations?))\s+"
    rf"{_PARTS}\s+[^,;]{{0,60}}$", re.IGNORECASE)
_PART_MARKER = re.compile(rf"\b{_PARTS}\s", re.IGNORECASE)


@lru_cache(maxsize=1024)
def _has_parts(sentence: str) -> bool:
    """One scan per sentence for a part marker, before the costlier search per figure."""
    return _PART_MARKER.search(sentence) is not None


def system_subject(ctx: SentenceContext, q: Quantity, product: str | None) -> str | None:
    """The system a figure describes when the product named is only one of its parts.

    "a Tarrow edge system built around two Lumen L2 accelerators managed 41 queries per second" -> "Tarrow edge
    system"; a system that names a catalogued product itself ("the DGX system built with ...") keeps the product.
    """
    if product is None or not _has_parts(ctx.text):
        return None
    lo = ctx.local(q.start)
    parts = [p for p in ctx.products if p.name == product and p.end <= q.start]
    if not parts:
        return None
    m = _SYSTEM_WITH_PARTS.search(ctx.text, 0, ctx.local(parts[0].end))
    if m is None or _STRICT_MARKER.search(ctx.text[m.start():lo] + " "):
        return None
    np_lo, np_hi = ctx.start + m.start("np"), ctx.start + m.end("np")
    if any(np_lo <= p.start < np_hi for p in ctx.products):
        return None
    words = m.group("np").split()
    return " ".join(words) if len(words) >= 2 else None


_MEMORY_PART = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:products?|stacks?|cubes?|modules?|dies|devices?|parts?)\b",
                          re.IGNORECASE)


def _memory_subject(ctx: SentenceContext, q: Quantity) -> Mention | None:
    """A memory that is itself the subject: "HBM3E increases ... bandwidth by 44%", "a 36 GB 12-Hi HBM3E product"."""
    memories = [p for p in ctx.products if p.label == "MEMORY"]
    if not memories:
        return None
    for first in memories:
        lead = ctx.text[:ctx.local(first.start)]
        opens = not lead.strip(" \"'\u201c") or bool(_INTRO.fullmatch(lead))  # "Compared to HBM3, HBM3E increases"
        if q.unit in ("x", "%") and first.end <= q.start and opens \
                and not any(p.label != "MEMORY" and p.start < q.start for p in ctx.products):
            return first  # the sentence opens with the memory and names no chip before the figure
    after = [p for p in memories if p.start >= q.end and p.start - q.end <= 16]
    if q.unit not in ("x", "%") and after and _MEMORY_PART.match(ctx.text, ctx.local(after[0].end)):
        return after[0]
    return None


_APPOSED = re.compile(r"(?:\s+[a-z][\w-]*){0,2}\s*,\s+(?:the\s+)?$")
_APPOSED_BY_NOUN = re.compile(r"(?:\s+[a-z][\w-]*){1,2}\s*,\s+$")


def apposed_name(ctx: SentenceContext, name: str | None, *, noun: bool = False) -> str | None:
    """A family named with its model in apposition is the model: "the second generation Hopper chip, H200" -> H200.

    With ``noun``, only when a noun and a bare comma stand between ("Hopper chip, H200"): "Against the A100,
    the T9 ..." and "Compared with its S3 node, the S2 process ..." give a comparator, then the subject."""
    if name is None:
        return None
    apposed = _APPOSED_BY_NOUN if noun else _APPOSED
    for p, nxt in zip(ctx.products, ctx.products[1:], strict=False):
        if p.name == name and nxt.label == p.label and apposed.fullmatch(ctx.text[ctx.local(p.end):ctx.local(nxt.start)]):
            return nxt.name
    return name


def _only_as_baseline(ctx: SentenceContext, q: Quantity, name: str, strict: bool = False) -> bool:
    """Every mention of ``name`` in the sentence stands after a comparison marker; for a spec (``strict``)
    after the figure and a strict marker ("reaches 2 exaflops, 40% faster than Frontier")."""
    mentions = [p for p in ctx.products if p.name == name]
    if strict:
        return bool(mentions) and all(p.start >= q.end and _after_marker(ctx, p, q, _STRICT_MARKER)
                                      for p in mentions)
    return bool(mentions) and all(_after_marker(ctx, p, q) for p in mentions)


def _after_marker(ctx: SentenceContext, p: Mention, q: Quantity, marker: re.Pattern | None = None) -> bool:
    lo = ctx.local(q.end) if p.start >= q.end else 0
    gap = ctx.text[lo:ctx.local(p.start)]
    return bool((marker or _MARKER).search(gap)) and \
        not re.search(r"[;]|,\s+(?:and|while|but)\s", gap[_last_marker(gap):])


def _last_marker(gap: str) -> int:
    found = list(_MARKER.finditer(gap))
    return found[-1].end() if found else 0


def subject_phrase(ctx: SentenceContext, q: Quantity) -> Mention | str | None:
    """The noun phrase before the claim's verb: a catalogue mention in it, else its text (no determiner)."""
    lo = ctx.local(q.start)
    before = ctx.text[:lo]
    cut = max(before.rfind(";"), before.rfind(":"), before.rfind("\n"))
    start = cut + 1
    reported = list(_cues()["reporting"].finditer(before, start))
    if reported:
        start = reported[-1].end()
    intro = _INTRO.match(before, start)
    if intro:
        start = intro.end()
    verb = _cues()["verb"].search(" " + before[start:])  # a leading space lets "It is" find its verb
    if verb is None:
        return None
    end = start + max(verb.start() - 1, 0)
    phrase = " ".join(before[start:end].split()).strip(" ,\u201c\u201d\"'")
    phrase = _TRAILING.sub("", phrase)  # "its 18A node to deliver", "Intel 3 itself brought"
    if not phrase or len(phrase) > 80 or _STRICT_MARKER.search(phrase + " "):
        return None
    lo_doc, hi_doc = ctx.start + start, ctx.start + end
    inside = [p for p in ctx.products if lo_doc <= p.start and p.end <= hi_doc and p.label != "MEMORY"]
    if inside:
        return inside[-1]
    phrase = phrase.split(", ", 1)[0]  # "Sohu, Etched's transformer ASIC, is ...": the name before its apposition
    if _cues()["not_subject"].fullmatch(phrase) or any(v.start >= lo_doc and v.end <= hi_doc and
                                                       (v.end - v.start) >= len(phrase) - 3 for v in ctx.vendors) \
            and not _VENDOR_NODE.fullmatch(phrase):  # "Intel 3": a vendor's name with a node number is a node
        return None
    if _is_anaphor(phrase):
        return phrase
    described = _described(phrase)
    if _METRIC_HEAD.search(phrase):  # "the memory bandwidth is 4.8 TB/s": a metric, not a subject
        return None
    while _DETERMINER.match(phrase):
        phrase = _DETERMINER.sub("", phrase, count=1)
    phrase = re.sub(r"[\"\u201c\u201d\u2018\u2019](?!s\b)", "", phrase)  # 'The "Heron" chip' names Heron
    return phrase if _NAME_LIKE.search(" " + phrase) else described


_TRAILING = re.compile(r"(?:\s+(?:to|itself|themselves|also|alone|now|still|already|again|then))+$", re.IGNORECASE)
_VENDOR_NODE = re.compile(r"[A-Z][\w-]+\s+\d{1,2}[A-Z]?")


def _described(phrase: str) -> str | None:
    """"A photonic processor from a university lab" -> "photonic processor": a part described, not named
    (used when the phrase has no name in it; "a research chip from Northgate University" is kept whole)."""
    head = _cues()["tail"].sub("", phrase)
    return _DETERMINER.sub("", head) if _cues()["described"].fullmatch(head) else None


def _is_anaphor(phrase: str) -> bool:
    """"The chip", "it", "the new system", "the new NPU"; not "The Orca system", which names its subject."""
    modifiers = phrase.split()[1:-1]  # the words between the determiner and the hardware noun
    return bool(_cues()["anaphor"].fullmatch(phrase)) and not _NAME_LIKE.search(" " + " ".join(modifiers))


def resolve_comparator(ctx: SentenceContext, comparator: str | None, state: DocState) -> str | None:
    """"its predecessor" -> the predecessor the document named ("Its predecessor, the Kestrel 8, ...")."""
    if comparator and state.extras.get(PREDECESSOR) and _cues()["predecessor"].fullmatch(comparator.strip()):
        return state.extras[PREDECESSOR]
    return comparator


_NAMES_PREDECESSOR = re.compile(r"\b(?:predecessor|(?:previous|prior)[- ](?:generation|chip|model|part|processor|"
                                r"accelerator|version|system))(?:\s+\w+)?\s*"
                                r"(?:,|\(|is|was|,\s+the)\s*(?:the\s+)?(?-i:[A-Z][\w-]*\s+){0,2}$", re.IGNORECASE)


# "the K9, which replaces the K8", "successor to the K8"
_SUCCEEDS = re.compile(r"\b(?:replaces|replacing|succeeds|succeeding|supersedes|successor\s+to|follow-?up\s+to)\s+"
                       r"(?:the\s+|its\s+|their\s+)?(?:\w+['’]s\s+)?(?-i:[A-Z][\w-]*\s+)?$", re.IGNORECASE)


def remember_predecessor(ctx: SentenceContext, state: DocState) -> Mention | None:
    """Record a product named as the predecessor ("Its predecessor, the Kestrel 8"); returns its mention."""
    for p in ctx.products:
        lead = ctx.text[max(0, ctx.local(p.start) - 50):ctx.local(p.start)]
        if _NAMES_PREDECESSOR.search(lead) or _SUCCEEDS.search(lead):
            state.extras[PREDECESSOR] = p.name
            return p
    return None


def baseline_statement(ctx: SentenceContext) -> str | None:
    """The baseline a figure-free sentence names for the claim before it: "The comparison was made against
    AMD's MI250X." -> "MI250X" (a catalogued or introduced product first, else the phrase as written)."""
    m = _cues()["baseline"].match(ctx.text)
    if m is None:
        return None
    offset = m.start("rest")
    named = [p for p in ctx.products if ctx.local(p.start) >= offset]
    if named:
        return named[0].name
    words = _DETERMINER.sub("", m.group("rest").strip().rstrip(".!")).split()
    return " ".join(words) if 0 < len(words) <= 6 and _NAME_LIKE.search(" " + " ".join(words)) else None
