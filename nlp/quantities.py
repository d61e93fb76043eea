"""Find quantities in text: a number (digits or words, with a scale) followed by a unit.

The grammar is small and the vocabulary is data (``data/units.yml``). It works on characters
rather than tokens because spaCy's tokenizer splits number-unit forms inconsistently ("4GHz" is one
token, "90 nm" two, "$2,000-$2,500" is glued), and a character scan is also what keeps the
extractor fast.

>>> [(q.value, q.unit) for q in find_quantities("up to 20 petaflops and $22.1 billion")]
[(20.0, 'PFLOPS'), (22100000000.0, 'USD')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from nlp.lexicon import Lexicon, UnitEntry, load_lexicon
from nlp.numbers import WORD_NUMBERS, multiplier_word_value, parse_number, scale_factor

MAX_NUMBER_CHARS = 40  # longer digit runs are identifiers or noise, never quantities


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, at ``text[start:end]``.

    ``family`` is money | cents | percent | multiplier | perf | bare (a large number with no unit,
    money only if the financial assembler finds a label such as "Net loss" before it).
    """

    start: int
    end: int
    value: float
    unit: str | None
    family: str
    value_high: float | None = None
    metric: str | None = None
    word_number: bool = False
    hyphenated: bool = False
    count: bool = False
    context: re.Pattern | None = None
    scaled: bool = False
    paren: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


_CURRENCY = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "jpy": "JPY", "₩": "KRW", "won": "KRW", "krw": "KRW", "nt$": "TWD", "hk$": "HKD",
    "c$": "CAD", "a$": "AUD", "dlrs": "USD", "dlr": "USD", "dollars": "USD", "dollar": "USD",
    "euros": "EUR", "euro": "EUR", "yen": "JPY", "yuan": "CNY", "pounds": "GBP", "stg": "GBP", "sterling": "GBP",
    "francs": "CHF", "marks": "DEM", "guilders": "NLG",
}
_WORDS = "|".join(sorted(WORD_NUMBERS, key=len, reverse=True))
_NUMBER = (r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:-[0-9]/[0-9]{1,2}(?![0-9]))?|\.[0-9]+")
# "$(0.10)": accounting notation for a negative amount
_CURRENCY_PREFIX = r"(?:(?P<cur>US\$|NT\$|HK\$|C\$|A\$|\$|€|£|¥|₩|(?:USD|EUR|KRW|JPY|GBP|Won)(?=\s?[0-9]))\s?(?P<paren>\()?)?"
_SCALE = (r"(?:(?P<sep>[\s-]?)(?P<scale>(?i:billion\s+billion|thousand|million|mln|mn|billion|bln|bn|trillion|tln|tn|"
          r"quadrillion))(?![\w]))?")
# Two scanners: digits (with an optional currency) and words ("seven times", "twice"); a number word is
# then parsed with the same grammar as digits, anchored where the word starts.
_CORE = re.compile(rf"(?<![\w.,$€£¥₩/]){_CURRENCY_PREFIX}(?P<num>{_NUMBER}|(?i:{_WORDS})(?![\w]))" + _SCALE)
_DIGIT_CORE = re.compile(rf"(?<![\w.,$€£¥₩/]){_CURRENCY_PREFIX}(?P<num>{_NUMBER})" + _SCALE)
_DIGIT_RUN = re.compile(r"\.?[0-9][0-9,.]*")
_CURRENCY_BEFORE = re.compile(r"(?:US\$|NT\$|HK\$|C\$|A\$|\$|€|£|¥|₩|USD|EUR|KRW|JPY|GBP|Won)\s?\(?$")
_ATTACHED_SCALE = re.compile(r"(?P<scale>[kKmMbB]n?)(?![\w])")
_PERCENT = re.compile(r"\s?(?:(?P<pct>%|(?i:percent|per\s+cent|pct|percentage\s+points?))|"
                      r"(?P<bp>(?i:basis\s+points?)|bps|bp))(?![\w])")
_X = re.compile(r"(?:(?P<x>[xX])|\s?×)(?![\w])")
_TIMES = re.compile(r"[\s-]?(?P<times>(?i:times))(?![\w])")
_FOLD = re.compile(r"-?(?i:fold)(?![\w])")
_TIMES_NEXT = re.compile(
    r"\s+(?:the|as|that|its|their|faster|quicker|more|less|better|higher|lower|greater|larger|bigger|smaller|"
    r"fewer|cheaper|slower|over|improvement|boost|increase|speedup|performance|throughput|speed|bandwidth|"
    r"efficiency|memory|compute|power|energy|density|latency|capacity|"
    r"[\w-]+\s+(?:improvement|gain|boost|increase|reduction|speedup))\b", re.IGNORECASE)  # "1.3 times density improvement"
_MONEY_WORD = re.compile(r"\s?(?P<word>(?i:dlrs|dlr|dollars|dollar|euros|euro|won|yen|yuan|stg|sterling|francs|marks|"
                         r"guilders))(?![\w])")
_NEEDS_SCALE = {"KRW", "DEM", "CHF", "NLG", "GBP"}  # "won", "marks": also ordinary words
_CENTS = re.compile(r"\s?(?i:cts|cents|cent|ct)(?![\w])")
_FACTOR_OF = re.compile(r"\bfactor\s+of\s+(?:about\s+|nearly\s+|roughly\s+|up\s+to\s+)?$", re.IGNORECASE)
_SCORE_BEFORE = re.compile(r"\b(?:scor(?:e|es|ed|ing)(?:\s+of)?|benchmark\s+result\s+of)\s+(?:about\s+|nearly\s+|over\s+)?$",
                           re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(?:by|from|to|rose|fell|grew|increased|decreased|declined|jumped|dropped|cut|"
                            r"raised|lowered|lifted|boosted|narrowed|widened)\s+(?:about\s+|nearly\s+|roughly\s+)?$",
                            re.IGNORECASE)
_CONNECTOR = re.compile(r"\s?(?P<c>-|–|—|to(?=\s))\s?")
_FILLER_WORD = r"(?:[\w'’.]+-)*[\w'’.]+"
_STOP = {"the", "a", "an", "and", "or", "to", "in", "on", "for", "with", "by", "of", "from", "than", "as", "at",
         "is", "are", "was", "were", "be", "that", "which", "per", "into", "its", "their", "his", "her", "vs",
         "over", "more", "less", "up", "about", "this", "these", "those", "it", "will", "can", "has", "have"}
# Runs over the lower-cased text: a case-sensitive scan is several times faster than IGNORECASE.
_WORDY = re.compile(
    r"(?<![\w-])(?:(?P<w>twice|double[sd]?|doubling|triple[sd]?|tripling|thrice|quadruple[sd]?|quadrupling|"
    rf"half|one-half|one-third|a third|two-thirds|one-quarter|three-quarters)|(?P<number>{_WORDS.lower()}))(?![\w])"
    r"|(?P<fold>fold)(?![\w])")
_FOLD_PREFIX = re.compile(r"([a-z]+)-?$")
_NEEDS_OBJECT = {"twice", "double", "triple", "quadruple", "half", "one-half", "one-third", "a third",
                 "two-thirds", "one-quarter", "three-quarters", "thrice"}
_OBJECT_NEXT = re.compile(r"\s+(?:the|as|that|its|their|of|more|faster)\b", re.IGNORECASE)


@cache
def _unit_regexes() -> tuple[re.Pattern, re.Pattern]:
    """(direct, filler) unit regexes compiled from the lexicon, longest form first."""
    lexicon = load_lexicon()
    return _compile_units(lexicon, filler=False), _compile_units(lexicon, filler=True)


def _form_regex(entry: UnitEntry) -> str:
    body = r"[\s-]+".join(re.escape(w) for w in entry.forms[0].split())
    return body if entry.sensitive else f"(?i:{body})"


def _compile_units(lexicon: Lexicon, filler: bool) -> re.Pattern:
    entries = sorted((e for e in lexicon.units if e.filler or not filler), key=lambda e: -len(e.forms[0]))
    alternatives = "|".join(_form_regex(e) for e in entries)
    if filler:
        lead = rf"(?:\s+of)?(?P<fill>(?:\s+{_FILLER_WORD}){{1,4}}?)\s+"
    else:
        lead = r"(?P<sep>[\s-]?)"
    return re.compile(rf"{lead}(?P<unit>{alternatives})(?![\w])")


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity in ``text``, in order, none overlapping another.

    >>> [(q.value, q.value_high, q.unit) for q in find_quantities("2.4-2.9 times faster")]
    [(2.4, 2.9, 'x')]
    """
    found = [q for m in _digit_cores(text) if (q := _quantity_at(text, m)) is not None]
    found += _word_quantities(text)
    return _without_overlaps(found)


def _digit_cores(text: str) -> list[re.Match]:
    """Number cores led by digits: a cheap scan for digit runs, then the grammar anchored at each.

    Scanning with the full grammar would try it at every character of the text.
    """
    out, skip_to = [], -1
    for run in _DIGIT_RUN.finditer(text):
        if run.start() < skip_to:
            continue
        lead = _CURRENCY_BEFORE.search(text, max(0, run.start() - 5), run.start())
        start = lead.start() if lead else run.start()
        m = _DIGIT_CORE.match(text, start) or (_DIGIT_CORE.match(text, run.start()) if lead else None)
        if m is not None:
            out.append(m)
            skip_to = m.end()
    return out


def _without_overlaps(found: list[Quantity]) -> list[Quantity]:
    found.sort(key=lambda q: (q.start, -(q.end - q.start)))
    kept: list[Quantity] = []
    for q in found:
        if kept and q.start < kept[-1].end:
            continue
        kept.append(q)
    return kept


def _core_value(text: str, m: re.Match) -> tuple[float, int, bool] | None:
    """(value with scale, end of the core, scaled) for a core match, or None when it is not a number."""
    raw = m.group("num")
    if len(raw) > MAX_NUMBER_CHARS:
        return None
    value = parse_number(raw)
    if value is None:
        return None
    end = m.end()
    scale = m.group("scale")
    if not scale and m.group("cur"):
        attached = _ATTACHED_SCALE.match(text, end)
        if attached:
            scale, end = attached.group("scale"), attached.end()
    return value * scale_factor(scale), end, bool(scale)


def _quantity_at(text: str, m: re.Match) -> Quantity | None:
    core = _core_value(text, m)
    if core is None:
        return None
    value, end, scaled = core
    word = m.group("num")[0].isalpha()
    first = _with_unit(text, m, value, end, word, scaled)
    if first is None or first.family in ("money", "bare", "perf", "percent", "multiplier", "cents"):
        ranged = _range(text, m, first, value, end, word)
        if ranged is not None:
            return ranged
    return first


def _with_unit(text: str, m: re.Match, value: float, end: int, word: bool, scaled: bool) -> Quantity | None:
    """The quantity whose number core ends at ``end``, with the unit that follows, if any."""
    start, cur = m.start(), m.group("cur")
    if cur and m.group("paren"):
        if not text.startswith(")", end):
            return None
        return Quantity(start, end + 1, -value, _CURRENCY.get(cur.lower(), "USD"), "money", scaled=scaled)
    if cur:
        return _money(text, start, end, value, _CURRENCY.get(cur.lower(), "USD"), scaled)
    if _FACTOR_OF.search(text, max(0, start - 24), start):  # "by a factor of 10"
        return Quantity(start, end, value, "x", "multiplier", word_number=word)
    # "a Geekbench score of 3,021", but "scores 37% higher" is a percent
    if not word and _SCORE_BEFORE.search(text, max(0, start - 30), start) \
            and not (_PERCENT.match(text, end) or _X.match(text, end)):
        return Quantity(start, end, value, "score", "perf", metric="speed")
    for attempt in (_percent, _multiplier, _money_word, _perf):
        q = attempt(text, start, end, value, word, scaled)
        if q is not None:
            return q
    if not word and (scaled or "," in m.group("num") or "/" in m.group("num")):
        return Quantity(start, end, value, None, "bare", scaled=scaled)  # "24-1/4": a quoted stock price
    return None


def _money(text: str, start: int, end: int, value: float, currency: str, scaled: bool) -> Quantity:
    suffix = _MONEY_WORD.match(text, end)  # "$5 million dollars"
    return Quantity(start, suffix.end() if suffix else end, value, currency, "money", scaled=scaled)


def _percent(text, start, end, value, word, scaled) -> Quantity | None:
    p = _PERCENT.match(text, end)
    if not p:
        return None
    return Quantity(start, p.end(), value / 100 if p.group("bp") else value, "%", "percent", word_number=word)


def _multiplier(text, start, end, value, word, scaled) -> Quantity | None:
    x = _X.match(text, end)
    if x and not (x.group("x") and (word or end != x.start())):
        return Quantity(start, x.end(), value, "x", "multiplier", word_number=word)
    times = _TIMES.match(text, end)
    if times and (_TIMES_NEXT.match(text, times.end()) or re.search(r"\bby\s+(?:\w+\s+){0,2}$", text[max(0, start - 20):start])):
        return Quantity(start, times.end(), value, "x", "multiplier", word_number=word)
    fold = _FOLD.match(text, end)
    if fold:
        return Quantity(start, fold.end(), value, "x", "multiplier", word_number=word)
    return None


def _money_word(text, start, end, value, word, scaled) -> Quantity | None:
    cents = _CENTS.match(text, end)
    if cents:
        return Quantity(start, cents.end(), value / 100, "USD", "cents", word_number=word)
    money = _MONEY_WORD.match(text, end)
    if not money:
        return None
    currency = _CURRENCY[money.group("word").lower()]
    if currency in _NEEDS_SCALE and not scaled and value < 1000 and money.group("word").lower() != "stg":
        return None
    return Quantity(start, money.end(), value, currency, "money", word_number=word, scaled=scaled)


def _perf(text, start, end, value, word, scaled) -> Quantity | None:
    direct, filler = _unit_regexes()
    lexicon = load_lexicon()
    u = direct.match(text, end)
    via_filler = False
    if not u and not word:
        u = filler.match(text, end)
        if u and (any(w.lower() in _STOP for w in u.group("fill").split()) or _stray_number(u.group("fill"))):
            u = None
        via_filler = bool(u)
    if not u:
        return None
    entry = lexicon.unit_for(u.group("unit"))
    stop = u.end()
    cores = _CORES_NEXT.match(text, stop) if entry is not None and entry.unit in ("CPUs", "GPUs") else None
    if cores:  # "64 Arm-based CPU cores" counts cores, not CPUs
        entry, stop = lexicon.unit_for("cores"), cores.end()
    if entry is None or (word and entry.count):
        return None
    unit, value = _canonical(lexicon, entry, value * entry.factor)
    hyphen = (not via_filler) and u.group("sep") == "-"
    return Quantity(start, stop, value, unit, "perf", metric=entry.metric, word_number=word, hyphenated=hyphen,
                    count=entry.count, context=entry.context, scaled=scaled)


_CORES_NEXT = re.compile(r"\s+cores?(?![\w])", re.IGNORECASE)


def _stray_number(fill: str) -> bool:
    """A number among the modifiers that is not part of a name: "X9-9965 part packs 128 cores" is 128 cores,
    while "1,152 of Intel's new Loihi 2 processors" keeps its count."""
    words = fill.split()
    return any(_BARE_DIGITS.fullmatch(w) and (i == 0 or not words[i - 1][0].isupper()) for i, w in enumerate(words))


_BARE_DIGITS = re.compile(r"[0-9][0-9,.]*")  # "12-inch" is a modifier, "128" is a number


def _canonical(lexicon: Lexicon, entry: UnitEntry, value: float) -> tuple[str, float]:
    """Rescale base units to the best prefix: 2e16 operations per second -> (POPS, 20)."""
    if not entry.scale:
        return entry.unit, value
    for factor, unit in lexicon.prefixes.get(entry.scale, []):
        if abs(value) >= factor:
            return unit, value / factor
    prefixes = lexicon.prefixes.get(entry.scale) or [(1.0, entry.unit)]
    factor, unit = prefixes[-1]
    return unit, value / factor


def _range(text: str, m: re.Match, first: Quantity | None, value: float, end: int, word: bool) -> Quantity | None:
    """"2.4-2.9 times", "$2,000-$2,500", "15%–20%", "2.5 to 3 times" as one quantity with value_high."""
    pos = first.end if first is not None and first.family != "bare" else end
    c = _CONNECTOR.match(text, pos)
    if not c:
        return None
    second_core = _CORE.match(text, c.end())
    if not second_core or second_core.group("num")[0].isalpha() != word:
        return None
    core = _core_value(text, second_core)
    if core is None:
        return None
    high, high_end, high_scaled = core
    second = _with_unit(text, second_core, high, high_end, word, high_scaled)
    if second is None or second.family == "bare":
        return None
    has_unit = first is not None and first.family != "bare"
    if c.group("c") == "to" and has_unit and (first.unit != second.unit or _CHANGE_BEFORE.search(text, max(0, m.start() - 30), m.start())):
        return None  # "rose 2 percent to $9 billion", "by $300 billion to $2 trillion": changes, not ranges
    if has_unit and (first.unit != second.unit or first.family != second.family):
        return None
    low = first.value if has_unit else value * _borrowed_scale(m, second_core)
    if low > second.value:
        return None
    return replace(second, start=m.start(), value=low, value_high=second.value)


def _borrowed_scale(first: re.Match, second: re.Match) -> float:
    """"2-3 billion transistors": the low end borrows the scale of the high end."""
    if first.group("scale"):
        return 1.0
    return scale_factor(second.group("scale"))


def _word_quantities(text: str) -> list[Quantity]:
    """Quantities led by a word: "seven times", "nine pct", "twice as fast", "five-fold"."""
    out = []
    lower = text.lower()
    if len(lower) != len(text):  # a few characters change length when lower-cased; keep offsets exact
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    for m in _WORDY.finditer(lower):
        if m.group("fold"):
            q = _fold_word(lower, m)
            if q is not None:
                out.append(q)
            continue
        if m.group("number"):
            core = _CORE.match(text, m.start())
            q = _quantity_at(text, core) if core else None
            if q is not None:
                out.append(q)
            continue
        word = m.group("w").lower()
        value = multiplier_word_value(word)
        if value is None or value <= 0:
            continue
        if word in _NEEDS_OBJECT and not _has_object(text, m, word):
            continue
        out.append(Quantity(m.start(), m.end(), value, "x", "multiplier", word_number=True))
    return out


def _fold_word(lower: str, m: re.Match) -> Quantity | None:
    """"fivefold", "five-fold" (digits, "10-fold", are handled by the digit scanner)."""
    prefix = _FOLD_PREFIX.search(lower, max(0, m.start() - 14), m.start())
    if prefix is None or prefix.start() > 0 and (lower[prefix.start() - 1].isalnum() or lower[prefix.start() - 1] == "-"):
        return None
    value = multiplier_word_value(prefix.group(1) + "-fold")
    if value is None or value <= 0:
        return None
    return Quantity(prefix.start(), m.end(), value, "x", "multiplier", word_number=True)


def _has_object(text: str, m: re.Match, word: str) -> bool:
    """"twice as fast", "half the performance", "by half"; not "the second half" or "double-digit"."""
    before = text[max(0, m.start() - 12):m.start()].lower()
    if word in ("half", "one-half") and re.search(r"(?:first|second|the|a|and)\s+$", before):
        return False
    if re.search(r"\bby\s+$", before):
        return True
    if word not in ("twice", "thrice") and re.match(r"\s+of\s+(?!the\b)", text[m.end():m.end() + 10]):
        return False  # "over half of its shipments" is a share; "one-third of the latency" a multiple
    return bool(_OBJECT_NEXT.match(text, m.end()))
