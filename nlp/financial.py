"""Assemble financial figures: amounts, per-share figures, percentages and multiples of money matters.

Conventions (gold README): amounts in base units with their currency; EPS in USD/share; losses
negative; a percent change attached to an amount in the same clause goes into that amount's
``change`` and is not a fact of its own; a growth rate standing alone is a fact with
``note: "growth rate only"``; a currency conversion in parentheses is a fact with
``note: "USD conversion"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.context import DocState, SentenceContext
from nlp.lexicon import cue_patterns, cue_regex, metric_cues
from nlp.numbers import format_number
from nlp.periods import period_for, respective_period
from nlp.quantities import Quantity

_LABEL = re.compile(r"(?:\bnet|\bloss|\bprofit|\bsales|\brevs|\brevenues?|\bgains?|\bcharges?(?:\s+of)?|"
                    r"\bcredits?(?:\s+of)?|\bincome|\bearnings)\s*$", re.IGNORECASE)
_BARE_NEXT = re.compile(r"^\s*(?:$|[,.;)]|vs\b|in\b|for\b|a\b|and\b|or\b|from\b|to\b|dlrs?\b)", re.IGNORECASE)
_SIGN = re.compile(r"\b(?:loss|losses|profit|profits|income|earnings)\b", re.IGNORECASE)
_SEGMENT = re.compile(r"\bvs\.?\s|;|\bwhile\b|\bcompared\s+(?:to|with)\b", re.IGNORECASE)
_CONVERSION = re.compile(r"\s*[(\[]\s*")
_TO = re.compile(r"\bto\s*(?:about\s+|nearly\s+|around\s+|an?\s+(?:all-time\s+|record\s+)+(?:high\s+of\s+)?)?$",
                 re.IGNORECASE)
_BACK_GAP = re.compile(r"\s*(?:,|--|\u2014|\u2013|-|\(|;)?\s*(?:and\s+)?(?:was\s+|were\s+)?$", re.IGNORECASE)
# "up 18.2% from October 2025 and a decrease of 3.1% ...": a year in the gap does not break the chain
_CHAIN_GAP = re.compile(r"(?:\b(?:19|20)[0-9]{2}\b|[^0-9$€£%]|(?<=[A-Za-z])[0-9])*\band\s+(?:\w+\s+){0,3}$",
                        re.IGNORECASE)
_FLAT = re.compile(r"^\s*,?\s*flat\b", re.IGNORECASE)
_VS_NEXT = re.compile(r"^(?P<gap>(?:\s+[a-z]+){0,4}?)\s+vs\.?\s+(?:(?P<sign>loss|profit)\s+)?"
                      r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
                      r"(?:\s?(?P<scale>mln|billion|bln|million))?(?![\w%$,]|\.\d)", re.IGNORECASE)  # "vs 3.2 mln."
_PERIOD_SUFFIX = (
    (re.compile(r"year[\s-]+(?:ago|earlier|over[\s-]+year|on[\s-]+year)|\bon\s+year\b|\byearly\b|"
                r"same\s+quarter\s+a\s+year|\bprior\s+year\b", re.IGNORECASE), "YoY"),
    (re.compile(r"sequential|previous\s+quarter|prior\s+quarter|quarter[\s-]+over[\s-]+quarter|\bQoQ\b|"
                r"\bfrom\s+(?:the\s+)?Q[1-4]\b|from\s+the\s+(?:first|second|third|fourth)\s+quarter",
                re.IGNORECASE), "QoQ"),
    (re.compile(r"previous\s+month|prior\s+month|month[\s-]+over[\s-]+month", re.IGNORECASE), "MoM"),
    (re.compile(r"this\s+year|year\s+to\s+date|\bYTD\b", re.IGNORECASE), "YTD"),
)
_PER_SHARE = re.compile(r"^\s*(?:a|per)\s+(?:diluted\s+)?share\b", re.IGNORECASE)
_SCALES = {"mln": 1e6, "million": 1e6, "billion": 1e9, "bln": 1e9}


@dataclass
class Figure:
    """A financial quantity being assembled; ``changes`` collects attached growth rates."""

    q: Quantity
    value: float
    unit: str
    metric: str = "other"
    changes: list[str] = field(default_factory=list)
    note: list[str] = field(default_factory=list)
    conversion_of: Figure | None = None
    standalone_growth: bool = False


def money_like(ctx: SentenceContext, q: Quantity) -> Quantity | None:
    """``q`` as money when it is an amount: currency-marked, or a large bare number after a label ("Net loss")."""
    if q.family in ("money", "cents"):
        return q
    if q.family != "bare":
        return None
    if not _BARE_NEXT.match(ctx.after(q, 12)):
        return None
    if _STOCK_MOVE.search(ctx.before(q, 40)) and ctx.text[ctx.local(q.start):ctx.local(q.end)].count("/") == 1:
        return Quantity(q.start, q.end, q.value, "USD", "money")  # "Its shares rose 1-3/8 to 24-1/4"
    earlier = [o for o in ctx.quantities if o.end <= q.start and o.family == "money"]
    if _LABEL.search(ctx.before(q, 30)) or (q.scaled and earlier):
        currency = earlier[-1].unit if earlier and q.scaled else "USD"
        return Quantity(q.start, q.end, q.value, currency, "money", scaled=q.scaled)
    return None


_STOCK_MOVE = re.compile(r"\b(?:shares|stock)\s+(?:\w+\s+){0,2}?(?:rose|fell|gained|lost|climbed|dropped|slipped|"
                         r"eased|jumped|closed|ended|were|was|traded)\b[^.;]*$", re.IGNORECASE)


def inherited_after_vs(ctx: SentenceContext, q: Quantity) -> Quantity | None:
    """"Shr loss 7 cts vs profit 5": the figure after "vs" takes the unit of the one before it."""
    m = _VS_NEXT.match(ctx.after(q, 60))
    if not m:
        return None
    start = ctx.local(q.end) + m.start("num") + ctx.start
    if any(o.start <= start < o.end and o.family not in ("bare",) for o in ctx.quantities):
        return None
    value = float(m.group("num").replace(",", ""))
    if m.group("scale"):
        value *= _SCALES[m.group("scale").lower()]
    elif q.family == "cents":
        value /= 100
    end = ctx.local(q.end) + m.end() + ctx.start
    return Quantity(start, end, value, q.unit, q.family)


def figure_metric(ctx: SentenceContext, q: Quantity, *, percent: bool = False) -> str | None:
    """The financial metric of an amount: a cue right after it ("$4.5 billion charge"), else the nearest before.

    None when the sentence names no metric (the caller falls back on the document's last figure).
    """
    cues = _metric_spans(ctx.text)
    lo, hi = ctx.local(q.start), ctx.local(q.end)
    nxt = ctx.next(q)
    limit = min(ctx.local(nxt.start), hi + 45) if nxt is not None else hi + 45
    after = ctx.text[hi:limit]
    if percent and _SHARE_OF.match(ctx.text, hi):
        return "other"  # "30 percent of the group's sales", "23% and 27% of net revenue": shares, not changes
    if not _PER_SHARE.match(after):
        follow = next(((a, b, m) for a, b, m in cues if hi <= a and b <= limit), None)
        if follow and len(ctx.text[hi:follow[0]].split()) <= 5 and \
                not _FOLLOW_BREAK.search(ctx.text[hi:follow[0]]) and not _LABELS_NEXT.match(ctx.text, follow[1]) and \
                not (ctx.text[follow[0]:follow[1]].lower() in _WEAK and _STRONG_RIGHT_BEFORE.search(ctx.before(q, 30))):
            return follow[2]  # not "repurchased $7.2 billion of our common stock": the verb names it
    before = [m for a, b, m in cues if b <= lo and b >= lo - 200]
    if q.family == "cents" and not re.search(r"\b(?:shares|stock)\b[^.]{0,30}$", ctx.before(q, 40), re.IGNORECASE):
        # "Shr loss 12 cts": per-share results in cents, unless they are a dividend ("Qtly div five cts")
        return "dividend" if before and before[-1] == "dividend" else "eps"
    metric = _strongest(ctx.text, cues, lo, per_share=bool(_AT_PRICE.search(ctx.before(q, 8))
                                                          or _EACH.match(after))) if before else None
    if _PER_SHARE.match(after):  # "per share" qualifies the metric before it: EPS, dividend, or a share price
        metric = {"net_income": "eps", "eps": "eps", "dividend": "dividend"}.get(metric or "", "share_price")
    if metric == "revenue" and _guided(ctx.before(q, 200)) and not past_after(ctx, q):
        return "guidance_revenue"  # but "compared with 71.2 mln dlrs a year ago" is history
    return metric


_PAST_AFTER = re.compile(r"\s*(?:dlrs\s+)?(?:(?:a|one)\s+year\s+(?:ago|earlier)|last\s+year|in\s+the\s+(?:year-ago|"
                         r"prior-year|same)\s+(?:quarter|period))\b", re.IGNORECASE)
_SHARE_OF = re.compile(r"(?:\s*(?:,|and|or)\s+(?:about\s+|approximately\s+)?[0-9.]+\s?(?:%|percent|pct))*\s*of\b",
                       re.IGNORECASE)
_FOLLOW_BREAK = re.compile(r"[,;]|\b(?:vs|and|from|for|to)\b", re.IGNORECASE)  # "12 CTS VS PROFIT 5 CTS"
# "earned 14.2 mln dlrs on sales of 188.6 mln": a cue followed by its own amount labels that amount
_LABELS_NEXT = re.compile(r"\s+(?:of\s+|was\s+|were\s+)?(?:about\s+)?(?:[$€£¥₩]|US\$|[0-9])", re.IGNORECASE)
_AT_PRICE = re.compile(r"\bat\s+$", re.IGNORECASE)
_EACH = re.compile(r"\s*(?:each|apiece)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r";|\b(?:after|while|but|whereas)\b", re.IGNORECASE)


def past_after(ctx: SentenceContext, q: Quantity) -> bool:
    """Whether the text right after an amount dates it in the past ("... a year ago"), so it is no outlook."""
    return bool(_PAST_AFTER.match(ctx.after(q, 40)))


def _guided(before: str) -> bool:
    """Whether a guidance word ("expects", "outlook") governs the figure: in its clause, not an earlier one."""
    found = list(cue_patterns("guidance").finditer(before))
    return bool(found) and not _CLAUSE_BREAK.search(before[found[-1].end():])


def _strongest(sentence: str, cues: tuple[tuple[int, int, str], ...], lo: int, per_share: bool = False) -> str:
    """The nearest metric cue before ``lo``; a weak one ("shares", "stock") gives way to a strong one in its clause.

    "repurchased 9.1 million shares of our common stock for $1.05 billion" is a buyback.
    """
    before = [(a, b, m) for a, b, m in cues if b <= lo and b >= lo - 200]
    a, b, metric = before[-1]
    if sentence[a:b].lower() not in _WEAK or per_share:  # "27.5 million shares at $40 each" is a share price
        return metric
    for a2, b2, m2 in reversed(before[:-1]):
        if b2 < lo - 80 or re.search(r";|\.\s", sentence[b2:a]):
            break
        if sentence[a2:b2].lower() not in _WEAK and m2 != metric:
            return m2
    return metric


@lru_cache(maxsize=1024)
def _metric_spans(sentence: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, metric) of every financial metric cue in a sentence, computed once per sentence."""
    regex, lookup = metric_cues("fin_metrics")
    return tuple((m.start(), m.end(), _market_share(sentence, m) or lookup[_key(m)]) for m in regex.finditer(sentence)
                 if not _QUALIFIER.search(sentence, max(0, m.start() - 24), m.start())
                 and not (lookup[_key(m)] == "share_price" and _PER_WORD.search(sentence, max(0, m.start() - 5),
                                                                                  m.start())))


def _market_share(sentence: str, m: re.Match) -> str | None:
    """"Intel's share slipped to 72.7%", "its share of the market": a company's share is market share (other)."""
    if _key(m) == "share" and _OWNER.search(sentence, max(0, m.start() - 12), m.start()) \
            and not _PRICE_NEXT.match(sentence, m.end()):
        return "other"
    return None


_OWNER = re.compile(r"(?:['’]s|\b(?:its|their|our))\s+$", re.IGNORECASE)
_PRICE_NEXT = re.compile(r"\s+(?:price|prices|count|repurchase|buyback)\b", re.IGNORECASE)


# "as a percentage of net revenue", "18% of total net revenue" qualify another metric;
# "21 cts a share" is a unit, not the stock
_QUALIFIER = re.compile(r"(?:\b(?:percentage|percent|pct|share|proportion)|%)\s+of\s+(?:(?:total|our|the|net)\s+)*$",
                        re.IGNORECASE)
_PER_WORD = re.compile(r"\b(?:a|per)\s+$", re.IGNORECASE)
_WEAK = {"shares", "share", "stock", "net"}
_STRONG_RIGHT_BEFORE = re.compile(r"\b(?:repurchased?|bought\s+back|buy\s+back|paid|returned|raised|raises|raising|"
                                  r"invested)\s+$",
                                  re.IGNORECASE)


def _key(m: re.Match) -> str:
    return " ".join(m.group(0).lower().split())


def change_cue(ctx: SentenceContext, q: Quantity) -> str | None:
    """"+" or "-" when a percent is a change ("up 12%", "fell 3 percent", "a 20 percent slide").

    Also the relative form of an amount's change ("increased by $212 million, or 19%") and a percent
    between a change verb and the new amount ("raised its dividend 10 percent to 44 cents").
    """
    before, after = ctx.before(q, 40), ctx.after(q, 30)
    prev = ctx.previous(q)
    if prev is not None and prev.family in ("money", "bare") and _OR_RELATIVE.fullmatch(ctx.between(prev, q)):
        sign = _last_change_sign(ctx.before(prev, 40))
        if sign:
            return sign
    if _TO_AMOUNT.match(after):
        sign = _last_change_sign(before)
        if sign:
            return sign
    level = q.unit == "%" and _LEVEL_BEFORE.search(before)  # "gross margin was 61.2%, down 240 basis points"
    for text, anchored in ((before, r"(?:\s+(?:by|of|more\s+than|about|nearly|approximately|some|a|an))*\s*$"),
                           (after, None)):
        if level and anchored is None:
            break
        for sign, name in (("+", "change_up"), ("-", "change_down")):
            if anchored:
                m = list(cue_regex(name).finditer(text))
                if m and re.fullmatch(anchored, text[m[-1].end():], re.IGNORECASE):
                    return sign
            else:
                m = cue_regex(name).search(text)
                if m and len(text[:m.start()].split()) <= 1:
                    return sign
    return None


_LEVEL_BEFORE = re.compile(r"\b(?:margins?|rate)\s+(?:was|were|is|of|at|reached)\s+(?:about\s+|approximately\s+)?$",
                           re.IGNORECASE)
_OR_RELATIVE = re.compile(r"\s*,?\s*or\s+(?:about\s+|approximately\s+|nearly\s+|roughly\s+)?", re.IGNORECASE)
_TO_AMOUNT = re.compile(r"\s*to\s+(?:about\s+|a\s+record\s+)?(?:[$€£¥₩]|US\$|[0-9])", re.IGNORECASE)


def _last_change_sign(text: str) -> str | None:
    """The sign of the last change word in ``text`` ("increase of", "decreased by", "raised"), if any."""
    ups, downs = list(cue_regex("change_up").finditer(text)), list(cue_regex("change_down").finditer(text))
    last_up, last_down = (ups[-1].start() if ups else -1), (downs[-1].start() if downs else -1)
    if last_up < 0 and last_down < 0:
        return None
    return "+" if last_up > last_down else "-"


def change_label(ctx: SentenceContext, q: Quantity, sign: str) -> str:
    """"+22% QoQ": sign, magnitude and the comparison period named after the percent."""
    nxt = ctx.next(q)
    limit = ctx.local(nxt.start) if nxt else len(ctx.text)
    tail = ctx.text[ctx.local(q.end):min(limit, ctx.local(q.end) + 60)]
    suffix = next((label for regex, label in _PERIOD_SUFFIX if regex.search(tail)), None)
    unit = "%" if q.unit == "%" else "x"
    return f"{sign}{format_number(q.value)}{unit}" + (f" {suffix}" if suffix else "")


def negative(ctx: SentenceContext, q: Quantity, metric: str) -> bool:
    """Losses are negative: the nearest profit/loss word before the figure, in its segment, says "loss"."""
    if metric not in ("net_income", "operating_income", "eps"):
        return False
    before = ctx.before(q, 120)
    segments = list(_SEGMENT.finditer(before))
    segment = before[segments[-1].end():] if segments else before
    words = _SIGN.findall(segment)
    return bool(words) and words[-1].lower() in ("loss", "losses")


def attach_target(ctx: SentenceContext, q: Quantity, figures: dict[int, Figure],
                  attached: dict[int, Figure]) -> Figure | None:
    """The amount a change percent belongs to: "... to $4.1 billion", "$2.3 billion, down 8%", or a chain."""
    nxt = ctx.next(q)
    if nxt is not None and nxt.start in figures:
        gap = ctx.between(q, nxt)
        if _TO.search(gap) and not re.search(r"[0-9]", gap) and len(gap) < 60:
            return figures[nxt.start]
    prev = ctx.previous(q)
    if prev is None:
        return None
    gap = ctx.between(prev, q)
    if prev.start in figures and _BACK_GAP.search(_strip_cue(gap)) and len(gap) < 25:
        target = figures[prev.start]
        return target.conversion_of or target
    if prev.start in attached and _CHAIN_GAP.fullmatch(gap):
        return attached[prev.start]
    figure = next((figures[o.start] for o in reversed(ctx.quantities) if o.end <= q.start and o.start in figures),
                  None)
    if figure is not None and _APPOSITIVE_CHANGE.search(ctx.text[ctx.local(figure.q.end):ctx.local(q.start)]):
        return figure.conversion_of or figure  # "$14.2 billion in fiscal 2025, an increase of 18%"
    return None


_APPOSITIVE_CHANGE = re.compile(
    r"^[^;]{0,100},\s*(?:(?:an?\s+)?(?:increase|decrease|decline|rise|drop|gain|jump|fall|reduction)\s+of|"
    r"(?:up|down)(?:\s+by)?)\s+(?:about\s+|approximately\s+|nearly\s+|roughly\s+)?$", re.IGNORECASE)


def _strip_cue(gap: str) -> str:
    """The gap without its trailing change word, so ", down " reads as ", "."""
    return re.sub(r"\b(?:\w+)\s*(?:by\s+|more\s+than\s+)?$", "", gap) if re.search(r"\w\s*$", gap) else gap


def figure_fact(ctx: SentenceContext, fig: Figure, state: DocState) -> dict:
    """The financial fact dict (without provenance) for an assembled figure."""
    prev = ctx.previous(fig.q)
    lo, hi = ctx.local(fig.q.start), ctx.local(fig.q.end)
    period = None if fig.metric in _POINT_IN_TIME else \
        respective_period(ctx, fig.q, state) or period_for(state, ctx.text, lo, hi, ctx.local(prev.end) if prev else 0)
    note = list(fig.note)
    value = fig.value
    unit = fig.unit
    if unit == "USD" and (fig.metric == "eps" or (fig.metric == "dividend" and _PER_SHARE.match(ctx.after(fig.q, 20)))):
        unit = "USD/share"  # "a dividend of $0.10 per share" is money per share
    if negative(ctx, fig.q, fig.metric) and fig.q.family in ("money", "cents"):
        value = -abs(value)
        note.append("loss")
    fact = {
        "type": "financial", "value": value, "unit": unit, "metric": fig.metric,
        "period": period, "company": company_for(ctx, fig.q, state),
        "change": "; ".join(fig.changes) or None, "note": "; ".join(note) or None,
    }
    if fig.q.value_high is not None:
        fact["value_high"] = -abs(fig.q.value_high) if value < 0 else fig.q.value_high
    return fact


_POINT_IN_TIME = {"share_price", "market_cap"}  # a price or a valuation is dated, not a period's result


def company_for(ctx: SentenceContext, q: Quantity, state: DocState) -> str | None:
    """The company a figure is about: the nearest registry vendor named before it, else the document's vendor."""
    before = [v for v in ctx.vendors if v.end <= q.start]
    return before[-1].name if before else state.vendor
