"""Reporting periods: "Q4 FY2023", "FY2025", "9M FY1987", "Q1", "August".

A document carries a period state from sentence to sentence (a headline "3RD QTR" or "fourth
quarter of fiscal 2023" sets it; a table line "Nine mths" or "YEAR" switches it). A figure takes the
period named nearest to it in its own sentence first, else the state. Years are never invented:
only a year in the text, or the dateline year of a dated news story, is used.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from nlp.context import DocState

_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_MONTH_QUARTER = {"march": 1, "june": 2, "september": 3, "december": 4}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"

_QUARTER_WORD = r"(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|qtr)|Q(?P<q>[1-4]))"
_MONTH_ABBR = (r"(?P<end>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
               r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?(?:\s+\d{1,2}\b)?")
# wire style: "six months to June 30", "Qtr to Dec 31", "nine mths ended Sept 30", "year to March 31, 1987"
_TO_MONTH = re.compile(rf"\b(?:(?P<len>three|six|nine|twelve|3|6|9|12)[\s-]+(?:months?|mths?)|(?P<qtr>qtr|quarter)|"
                       rf"(?P<yr>year))\s+(?:to|ended|ending)\s+{_MONTH_ABBR}(?:,?\s+(?P<cy>(?:19|20)\d\d)\b)?",
                       re.IGNORECASE)
_LENGTH = {"three": 3, "3": 3, "six": 6, "6": 6, "nine": 9, "9": 9, "twelve": 12, "12": 12}
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("TO", _TO_MONTH),
    # "first quarter of 2026", "Q1 2026", "Fourth Quarter 2025": calendar labels unless "fiscal" is written
    ("Q", re.compile(rf"\b{_QUARTER_WORD}(?:\s+of)?\s+(?:(?P<fisc>fiscal(?:\s+year)?)\s+|calendar\s+(?:year\s+)?)?"
                     r"(?P<cy>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("H1", re.compile(r"\bfirst\s+half\s+(?:of\s+)?(?:(?P<fisc>fiscal(?:\s+year)?)\s+)?(?P<cy>(?:19|20)\d\d)\b",
                      re.IGNORECASE)),
    ("Q", re.compile(r"\b(?:january|april|july|october)[\s-]+(?:to[\s-]+)?(?P<me>march|june|september|december)"
                     r"\s+(?:quarter|qtr)\b", re.IGNORECASE)),
    # "fiscal year ended December 31, 2025", "six months ended June 28, 2025": the period and its year
    ("FY", re.compile(rf"\b(?P<fisc>fiscal\s+)?year\s+ended\s+(?:{_MONTHS})\s+\d{{1,2}},\s+(?P<cy>(?:19|20)\d\d)\b",
                      re.IGNORECASE)),
    ("H1", re.compile(rf"\b(?:first\s+)?six\s+months\s+ended\s+(?:{_MONTHS})\s+\d{{1,2}},\s+(?P<cy>(?:19|20)\d\d)\b",
                      re.IGNORECASE)),
    ("Q", re.compile(r"\bthree\s+months\s+ended\s+(?P<m>march|june|september|december)\s+\d{1,2},\s+"
                     r"(?P<cy>(?:19|20)\d\d)\b", re.IGNORECASE)),
    ("9M", re.compile(r"\bnine[\s-]+(?:mths|months?|mth)\b|\b9\s+mths\b", re.IGNORECASE)),  # "nine-month earnings"
    ("H1", re.compile(r"\bfirst[\s-]+half\b|\b(?:first\s+)?six\s+months\s+ended\b|\b(?:six|6)\s+mths\b|"
                      r"\bfirst\s+six\s+months\b", re.IGNORECASE)),
    ("Q", re.compile(r"\b(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:quarter|qtr)\b|"
                     r"\bQ(?P<q>[1-4])\b|\bquarterly\b|\bquarter\b|\bqtr\b|"
                     r"\bthree\s+months\s+ended\s+(?P<m>march|june|september|december)\b", re.IGNORECASE)),
    ("FY", re.compile(r"\bfiscal(?:\s+year)?\s+(?P<y>(?:19|20)\d\d)\b|\bFY\s?(?P<fy>(?:19|20)?\d\d)\b|"
                      r"\b(?P<y2>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:year|net\s+sales|sales|revenue|results|net)\b|"
                      r"\b(?:annual|full[\s-]year)\s+(?:\w+\s+){0,2}in\s+(?P<y3>(?:19|20)\d\d)\b|"
                      # "compared with $6.1 billion in 2024": a bare year after a figure is that year
                      r"(?<=[\d\s])(?:in|for|during)\s+(?P<y4>(?:19|20)\d\d)\b(?![-/\d]|\s*(?:through|to|and)\b)|"
                      # "for fiscal 2025 and 2024 ... respectively": the second year of a pair
                      r"(?<=\d\d\d\d and )(?P<y5>(?:19|20)\d\d)\b",
                      re.IGNORECASE)),
    ("FY", re.compile(r"\bfiscal[\s-]year\b|\bannual\b|\bfull[\s-]year\b|^\s*year\s*$|\b12\s+mths\b|"
                      r"\btwelve\s+months\b|\bfor\s+(?:the\s+)?year\b|\bthis\s+year\b", re.IGNORECASE)),
    ("FY-1", re.compile(r"\blast\s+year\b|\bprior\s+year\b|\bprevious\s+year\b", re.IGNORECASE)),
    ("LAST-Q", re.compile(r"\b(?:last|latest|most\s+recent)\s+(?:reported\s+)?quarter\b", re.IGNORECASE)),
)
_PRIOR_BETWEEN = re.compile(r"\bvs\.?\s", re.IGNORECASE)
_PRIOR_AFTER = re.compile(r"^\s*(?:a\s+)?year\s+(?:earlier|ago)\b|^\s*(?:prior|last)\s+year\b", re.IGNORECASE)
_MONTH = re.compile(rf"\s*\b(?:in|for)\s+(?P<m>{_MONTHS})\b(?!\s+(?:through|to|until)\b)(?:,?\s+(?P<y>(?:19|20)[0-9]{{2}})\b)?", re.IGNORECASE)
_NEAR_AFTER = 30
_PRIOR_WORD = re.compile(r"\b(?:prior|previous)\s+$", re.IGNORECASE)
_YEAR_AGO_AFTER = re.compile(r"^\s*(?:in|for|during|of)\s+the\s+[\w-]+\s+$", re.IGNORECASE)
_YEAR_AGO_WORD = re.compile(r"\b(?:(?:prior|previous|preceding)[- ]year|year[- ](?:ago|earlier))\s+$", re.IGNORECASE)
_RIGHT_AFTER = re.compile(r"^\s*(?:dlrs?\s+)?(?:in|for|during|of)\s+(?:the\s+)?$", re.IGNORECASE)
_COMPARED = re.compile(r"\b(?:from|vs\.?|versus|than|compared\s+(?:to|with)|over)\s+(?:the\s+)?$", re.IGNORECASE)
# "up from €3.9 billion in the first quarter": the period of a comparison figure, not the document's
_OF_COMPARISON = re.compile(r"\b(?:from|vs\.?|versus|than|compared\s+(?:to|with))\s+(?:[$€£¥₩]?[0-9][\w.,]*\s+)"
                            r"(?:[a-z]+\s+){0,2}?(?:in|for|during)\s+(?:the\s+)?$", re.IGNORECASE)
_COMPARISON_REACH = 60
_FORECAST = "forecast_period"
_GUIDED = re.compile(r"\b(?:(?:is|are)\s+expected\s+to\s+be|(?:is|are)\s+forecast\s+to\s+be|expects?|outlook)\b",
                     re.IGNORECASE)
_COMPARISON_MARK = re.compile(r"\b(?:compared\s+(?:to|with)|versus|vs\.?)\s", re.IGNORECASE)
_CONTRAST = re.compile(r"\b(?:compared|vs|versus|from|than|against)\b", re.IGNORECASE)


@dataclass(frozen=True)
class PeriodMention:
    start: int
    end: int
    span: str  # Q, 9M, H1, FY
    quarter: str | None = None
    year: int | None = None
    prior: bool = False
    year_before: bool = False  # "the prior-year quarter", "the same period last year": its span a year earlier
    compared: bool = False  # "up 17% from Q2": the period compared against, not the figure's own
    calendar: bool = False  # "first quarter of 2026" (calendar) vs "first quarter of fiscal 2026"
    ends: int | None = None  # "six months to June 30": the month the period ends in (its year from the dateline)


@lru_cache(maxsize=4096)
def mentions(text: str) -> tuple[PeriodMention, ...]:
    """Every period named in ``text``, in order (cached: each sentence is asked once per figure)."""
    found = []
    for span, regex in _PATTERNS:
        for m in regex.finditer(text):
            groups = m.groupdict()
            if span == "TO":
                found.append(_to_month(m, groups))
                continue
            year = next((int(groups[k]) for k in ("y", "fy", "y2", "y3", "y4", "y5", "cy") if groups.get(k)), None)
            year = year + 2000 if year is not None and year < 100 else year
            quarter = _quarter_label(groups)
            compared = bool(_COMPARED.search(text, max(0, m.start() - 20), m.start()))
            year_before = bool(_YEAR_AGO_WORD.search(text, max(0, m.start() - 16), m.start()))
            prior = not year_before and (span == "FY-1" or bool(_PRIOR_WORD.search(text, max(0, m.start() - 10),
                                                                                    m.start())))
            calendar = bool(groups.get("cy")) and not groups.get("fisc")
            ends = _MONTH_NUMBER[groups["me"][:3].lower()] if groups.get("me") and year is None else None
            found.append(PeriodMention(m.start(), m.end(), span.replace("-1", ""), quarter, year, prior,
                                       year_before, compared, calendar or ends is not None, ends))
    return tuple(_merge_quarter_of_year(_outermost(found)))


def _to_month(m: re.Match, groups: dict) -> PeriodMention:
    """"six months to December 31" is H2, "Qtr to Dec 31" Q4, "nine mths to Sept 30" 9M, "year to March 31" FY."""
    ends = _MONTH_NUMBER[groups["end"][:3].lower()]
    length = 3 if groups.get("qtr") else 12 if groups.get("yr") else _LENGTH[groups["len"].lower()]
    span = {3: "Q", 6: "H1" if ends <= 6 else "H2", 9: "9M", 12: "FY"}[length]
    quarter = f"Q{(ends + 2) // 3}" if span == "Q" else None
    year = int(groups["cy"]) if groups.get("cy") else None
    return PeriodMention(m.start(), m.end(), span, quarter, year, calendar=True, ends=ends)


_MONTH_NUMBER = {name[:3]: n for n, name in enumerate(_MONTHS.split("|"), 1)}


def _dated(m: PeriodMention, state: DocState) -> PeriodMention:
    """A period ending in a named month takes the year of that month's last end before publication."""
    if m.ends is None or m.year is not None or not state.published or not state.published[:7].replace("-", "").isdigit():
        return m
    year, month = int(state.published[:4]), int(state.published[5:7])
    return replace(m, year=year if m.ends < month else year - 1)


def _outermost(found: list[PeriodMention]) -> list[PeriodMention]:
    """Drop mentions inside another ("fiscal year" inside "fiscal year 2026"), in text order."""
    kept: list[PeriodMention] = []
    for m in sorted(found, key=lambda p: (p.start, -(p.end - p.start))):
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def _merge_quarter_of_year(found: list[PeriodMention]) -> list[PeriodMention]:
    """"the second quarter of fiscal 2026" is one period, Q2 FY2026."""
    out: list[PeriodMention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev and prev.span == "Q" and m.span == "FY" and m.year and not prev.year and m.start - prev.end <= 12:
            out[-1] = PeriodMention(prev.start, m.end, "Q", prev.quarter, m.year)
            continue
        out.append(m)
    return out


def _quarter_label(groups: dict) -> str | None:
    if groups.get("o"):
        return f"Q{_ORDINAL[groups['o'].lower()]}"
    if groups.get("q"):
        return f"Q{groups['q']}"
    month = groups.get("m") or groups.get("me")
    if month:
        return f"Q{_MONTH_QUARTER[month.lower()]}"
    return None


def update_state(state: DocState, sentence: str) -> None:
    """Let a sentence that names a period (headline, table line) set the document's period state."""
    if state.kind == "filing" and _ANNUAL.search(sentence):
        state.extras[_ANNUAL_FILING] = True  # "The year over year increase ...": an annual report's comparison
    usable = [_dated(m, state) for m in mentions(sentence) if not m.prior and not m.compared
              and not _OF_COMPARISON.search(sentence, max(0, m.start - 40), m.start)]
    found = [m for m in usable if not _forward_looking(sentence, m)]
    forecast = [m for m in usable if m not in found and m.year]
    if forecast:  # "For the fourth quarter of fiscal 2026, revenue is expected ...": later outlook lines share it
        state.extras[_FORECAST] = _label(forecast[-1].span, forecast[-1].quarter, forecast[-1].year,
                                         forecast[-1].calendar)
    if not found:
        return
    last = found[-1]
    state.span = last.span
    state.quarter = next((m.quarter for m in reversed(found) if m.quarter), state.quarter)
    dated = next((m for m in found if m.year), None)
    if dated is not None:
        state.fiscal_year = dated.year
        state.calendar_year = dated.year if dated.calendar else None


_GUIDANCE_BEFORE = re.compile(r"\b(?:expects?|expected|forecasts?|forecast(?:ing|ed)|sees|guid(?:es|ed|ance)|"
                              r"outlook|projects?|anticipates?)\b(?:\s+\w+){0,3}\s+$", re.IGNORECASE)


_GUIDANCE_AFTER = re.compile(r"^[^.;]{0,40}?\b(?:expects?|expected|forecasts?|sees|projects?|anticipates?)\b",
                             re.IGNORECASE)


def _forward_looking(sentence: str, m: PeriodMention) -> bool:
    """"said it expects third-quarter sales of ...": a period being forecast, not the one being reported.

    A short heading ("First Quarter 2026 Outlook") still sets the period of the lines under it.
    """
    if len(sentence.split()) <= 6:
        return False
    return bool(_GUIDANCE_BEFORE.search(sentence, max(0, m.start - 40), m.start)
                or _GUIDANCE_AFTER.match(sentence[m.end:m.end + 60]))


def first_period(state: DocState, sentences: Iterable[str]) -> None:
    """Start the state from the first period the document names (often its headline or dateline)."""
    for sentence in sentences:
        if any(not m.prior and not m.compared for m in mentions(sentence)):
            update_state(state, sentence)
            return


def period_for(state: DocState, sentence: str, lo: int, hi: int, prev_end: int = 0) -> str | None:
    """The period of the figure at ``sentence[lo:hi]``: the nearest period named, else the state's."""
    found = [_dated(m, state) for m in mentions(sentence) if not m.compared]
    before = [m for m in found if m.end <= lo]
    after = [m for m in found if m.start >= hi and m.start - hi <= _NEAR_AFTER
             and not _CONTRAST.search(sentence[hi:m.start])]
    chosen = before[-1] if before else (after[0] if after else None)
    if after and (_RIGHT_AFTER.match(sentence[hi:after[0].start]) or
                  after[0].year_before and _YEAR_AGO_AFTER.match(sentence[hi:after[0].start])):
        chosen = after[0]  # "3,300,000 dlrs in nine mths", "$750 million in the prior-year quarter"
    elif before and _in_comparison(sentence, before[-1].end, lo):
        later = [m for m in found if m.start >= hi and m.start - hi <= _COMPARISON_REACH
                 and not _CONTRAST.search(sentence[hi:m.start]) and ";" not in sentence[hi:m.start]]
        chosen = later[0] if later else chosen  # "compared with $5.1 billion, or 48%, in fiscal 2024"
    duration = duration_label(sentence, lo, hi, state.published) if chosen is None else None
    if duration:
        return duration  # "invest $20 billion over the next five years": a span from the publication date
    if chosen is None and state.extras.get(_FORECAST) and _GUIDED.search(sentence, max(0, lo - 60), lo):
        return state.extras[_FORECAST]  # "gross margins are expected to be 58.5%" after the revenue outlook
    a_year_before = chosen is not None and chosen.year_before
    if chosen is not None and chosen.prior and chosen.span == "FY" and \
            _SAME_PERIOD.search(sentence, max(0, chosen.start - 25), chosen.start):
        # "compared with $750 million in the same period last year": the figure's own span, a year earlier
        chosen, a_year_before = (before[-1] if before and before[-1] is not chosen else None), True
    span = chosen.span if chosen else state.span
    month_after = _MONTH.match(sentence, hi, hi + 24) if chosen is None else None
    if month_after:  # "$17.8 billion in August": a month named with the figure beats the story's quarter
        return _month_label(month_after)
    if span is None:
        month = _MONTH.search(sentence)
        if month:
            return _month_label(month)
        # a dated filing that names no period at all ("The year over year increase ...") is an annual report's
        # section: the fiscal year it reports
        annual = state.kind == "filing" and (state.extras.get(_ANNUAL_FILING) or _ANNUAL.search(sentence))
        year = _dateline_year(state) if annual else None
        return _label("FY", None, year) if year else None
    quarter = (chosen.quarter if chosen else None) or (state.quarter if span == "Q" else None)
    # a year named only for a comparison ("down from 17% in fiscal 2024") does not date the figure
    # ... nor one named after a comparison that follows the figure ("$7.2 billion, compared with $6.1 billion in 2024")
    dated = next((m for m in found if m.year and m.span in ("FY", "Q")
                  and (m is chosen or not _CONTRAST.search(sentence, hi if m.start >= hi else max(0, m.start - 25),
                                                           m.start))), None)
    year, calendar = (dated.year, dated.calendar) if dated else (None, False)
    if chosen and chosen.year:
        year, calendar = chosen.year, chosen.calendar
    elif year is None and state.fiscal_year:
        year, calendar = state.fiscal_year, state.calendar_year == state.fiscal_year
    year = year or _dateline_year(state)
    if year is None and chosen is not None and chosen.prior and span == "FY":
        return " ".join(sentence[chosen.start:chosen.end].lower().split())  # "last year", with no date to resolve it
    if chosen is not None and (span == "LAST-Q" or span == "Q" and not quarter):
        inferred = quarter_before(state)  # "revenue for the quarter", "sales last quarter": the one just reported
        if inferred:
            span, (quarter, year, calendar) = "Q", inferred
    if chosen and chosen.span == "Q" and chosen.prior and quarter:  # "the prior quarter"
        number = int(quarter[1]) - 1
        quarter, year = (f"Q{number}", year) if number else ("Q4", year - 1 if year else None)
        return _label(span, quarter, year)
    prior = (chosen.prior if chosen else False) or bool(_PRIOR_BETWEEN.search(sentence[prev_end:lo])) \
        or bool(_PRIOR_AFTER.match(sentence[hi:hi + 30])) or _compared_a_year_earlier(sentence, lo, hi) \
        or (chosen is None or chosen.end <= lo) and _changed_from(sentence, lo, hi, found) \
        or _same_period_a_year_earlier(sentence, lo, hi) or a_year_before
    if year and prior:
        year -= 1
    return _label(span, quarter, year, calendar)


_FROM_BEFORE = re.compile(r"\b(?:from|against|vs\.?|versus|compared\s+(?:to|with))\s+(?:a\s+(?:profit|loss)\s+of\s+)?"
                          r"[$€£¥₩]?$", re.IGNORECASE)
_YEAR_EARLIER_SOON = re.compile(r"[^;.]{0,30}?\b(?:a\s+)?year\s+(?:earlier|ago|before)\b", re.IGNORECASE)


def _compared_a_year_earlier(sentence: str, lo: int, hi: int) -> bool:
    """"rose to 4.2 mln dlrs ... from 2.9 mln dlrs, or 22 cts, a year earlier": the compared figures are the prior year's."""
    if not _YEAR_EARLIER_SOON.match(sentence, hi, hi + 60):
        return False
    opened = _FROM_BEFORE.search(sentence, max(0, lo - 30), lo)
    if opened:
        return True
    # "or 22 cts" restating an amount that stood after "from"
    restated = re.search(r"([$€£¥₩]?[\d.,]+\s*(?:mln|billion|million|bln)?\s*(?:dlrs)?),\s+or\s+$", sentence[max(0, lo - 40):lo])
    return bool(restated) and bool(_FROM_BEFORE.search(sentence, max(0, lo - 40 - 30), max(0, lo - 40) + restated.start(1)))


# "nine-month earnings rose to 4.5 mln dlrs from 3.1 mln dlrs": the figure a change started from
_CHANGE_VERB = re.compile(r"\b(?:rose|rising|rises|risen|fell|falls|fallen|increased|decreased|declined|dropped|grew|"
                          r"climbed|jumped|improved|widened|narrowed|up|down)\b", re.IGNORECASE)
_FROM_FIGURE = re.compile(r"\bfrom\s+(?:a\s+(?:profit|loss)\s+of\s+)?[$€£¥₩]?$", re.IGNORECASE)
_RESTATED_FROM = re.compile(r"\bfrom\s+[$€£¥₩]?[\d.,]+\s*(?:mln|billion|million|bln|dlrs|\s)*,\s+or\s+$", re.IGNORECASE)


def _changed_from(sentence: str, lo: int, hi: int, found: list[PeriodMention]) -> bool:
    """The figure after "rose to ... from" (or its restatement "or 76 cts") is the same period a year earlier,
    unless the sentence names that figure's own period ("from $790 million in the previous quarter")."""
    window = sentence[max(0, lo - 60):lo]
    if not (_FROM_FIGURE.search(window) or _RESTATED_FROM.search(window)):
        return False
    if not _CHANGE_VERB.search(sentence, 0, lo):
        return False
    clause = re.search(r"[;.](?!\d)|$", sentence[hi:])
    return not any(hi <= m.start < hi + clause.start() for m in found)


_SAME_PERIOD = re.compile(r"\bsame\s+(?:quarter|period|half|months?)\b", re.IGNORECASE)
_YEAR_BEFORE = re.compile(r"\b(?:last|prior|previous|preceding)\s+year\b|\ba\s+year\s+(?:earlier|ago|before)\b",
                          re.IGNORECASE)


def _same_period_a_year_earlier(sentence: str, lo: int, hi: int) -> bool:
    """"Last year, revenue in the same quarter was $6.8 billion", "from $750 million in the same quarter a
    year earlier": the figure of the same period a year before. "$840 million, up 12% from the same quarter
    last year" compares with it and stays the current period (the comma ends the figure's clause)."""
    start = max(sentence.rfind(";", 0, lo), 0)
    before = sentence[start:lo]
    if _SAME_PERIOD.search(before) and _YEAR_BEFORE.search(before):
        return True
    clause = re.match(r"[^,;]*", sentence[hi:]).group(0)
    return bool(_SAME_PERIOD.search(clause) and _YEAR_BEFORE.search(clause))


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "2": 2, "3": 3, "4": 4, "5": 5, "6": 6, "7": 7, "8": 8, "9": 9, "10": 10}
_DURATION = re.compile(r"\b(?:over|in|during|within)\s+the\s+(?:next|coming)\s+(?P<n>two|three|four|five|six|seven|"
                       r"eight|nine|ten|\d{1,2})\s+years\b|\b(?:through|until|till|by)\s+(?:the\s+end\s+of\s+)?"
                       r"(?P<y>(?:19|20)\d\d)\b(?!\s*[-/])", re.IGNORECASE)


def duration_label(sentence: str, lo: int, hi: int, published: str | None) -> str | None:
    """A duration near the figure, resolved against the publication year and kept as written.

    >>> duration_label("It will invest $20 billion over the next five years.", 15, 26, "2025-06-02")
    '2025-2030 (over the next five years)'
    >>> duration_label("It plans to spend $8 billion through 2010.", 18, 28, "1987-03-01")
    '1987-2010 (through 2010)'
    """
    m = _DURATION.search(sentence, hi, min(len(sentence), hi + 50))
    if m is None:
        m = _DURATION.search(sentence, max(0, lo - 50), lo)
    if m is None:
        return None
    written = " ".join(m.group(0).split())
    start = int(published[:4]) if published and published[:4].isdigit() else None
    end = start + _NUMBER_WORDS[m.group("n").lower()] if m.group("n") and start else \
        int(m.group("y")) if m.group("y") else None
    if start is None or end is None or end <= start:
        return written
    return f"{start}-{end} ({written})"


def quarter_before(state: DocState) -> tuple[str, int, bool] | None:
    """The last quarter ended before publication, as ``(quarter, year, calendar)``: a calendar quarter for a
    vendor on the calendar year (or with no year end known), else a fiscal one from its year end ("MMDD").

    >>> quarter_before(DocState(published="2026-05-01")), quarter_before(DocState(published="2026-03-31"))
    (('Q1', 2026, True), ('Q4', 2025, True))
    >>> quarter_before(DocState(published="2026-06-25", extras={"fiscal_year_end": "0831"}))
    ('Q3', 2026, False)
    """
    published = state.published or ""
    if not published[:7].replace("-", "").isdigit() or len(published) < 7:
        return None
    year_end = state.extras.get("fiscal_year_end")
    if year_end not in (None, "1231"):
        fiscal_year = reported_fiscal_year(published, year_end)
        if fiscal_year is None:
            return None
        ended = _last_quarter_end(date.fromisoformat(published[:10]), int(year_end[:2]), int(year_end[2:]))
        number = (ended.month - int(year_end[:2])) % 12 // 3  # 0: the quarter that ends the year
        return (f"Q{number or 4}", fiscal_year, False)
    year, month = int(published[:4]), int(published[5:7])
    ended = (month - 1) // 3
    return ("Q4", year - 1, True) if ended == 0 else (f"Q{ended}", year, True)


def _month_label(m: re.Match) -> str:
    """"August", or "October 2026" where the text names the year; no year is invented."""
    return " ".join(filter(None, [m.group("m").capitalize(), m.group("y")]))


def _in_comparison(sentence: str, start: int, lo: int) -> bool:
    """Whether the figure at ``lo`` sits in a comparison phrase opened after the last period named."""
    return bool(_COMPARISON_MARK.search(sentence, start, lo)) and ";" not in sentence[start:lo]


def _dateline_year(state: DocState) -> int | None:
    """A dated news story's year stands in for its fiscal year (Reuters earnings tables); with the vendor's
    fiscal year end ("0131"), the fiscal year that the month before publication falls in."""
    fiscal = reported_fiscal_year(state.published, state.extras.get("fiscal_year_end"))
    if fiscal is not None:
        return fiscal
    if state.kind == "news" and state.published and state.published[:4].isdigit():
        return int(state.published[:4])
    if state.kind in _REPORTS:  # a vendor's own report, year end unknown: most report by the calendar year
        return reported_fiscal_year(state.published, "1231")
    return None


_REPORTS = {"press_release", "filing"}
_ANNUAL_FILING = "annual_filing"
_ANNUAL = re.compile(r"\byear[\s-]+(?:over|on)[\s-]+year\b|\bannual\b", re.IGNORECASE)


def _label(span: str, quarter: str | None, year: int | None, calendar: bool = False) -> str | None:
    """"Q4 FY2024", "FY2025", "9M FY1987"; calendar quarters and halves as "Q1 2026", "H1 2025"."""
    if span == "LAST-Q":
        return "last reported quarter"
    if span == "Q" and not quarter:
        return None
    base = quarter if span == "Q" else span
    if year is None:
        return None if base == "FY" else base
    if calendar and base != "FY":
        return f"{base} {year}"
    return f"FY{year}" if base == "FY" else f"{base} FY{year}"


_RESPECTIVELY = re.compile(r"\brespectively\b", re.IGNORECASE)


def respective_period(ctx, q, state: DocState) -> str | None:
    """"... for Q2 2025 and Q2 2024 was $812 million and $640 million, respectively": the n-th amount takes the
    n-th period, when the sentence names as many dated periods as amounts."""
    if not _RESPECTIVELY.search(ctx.text):
        return None
    amounts = [o for o in ctx.quantities if o.family in ("money", "cents")]
    periods = [m for m in mentions(ctx.text) if m.year and m.span in ("FY", "Q", "H1", "H2", "9M")]
    periods = [also for m in periods for also in (m, *_dated_alike(ctx.text, m))]
    if len(amounts) < 2 or len(periods) != len(amounts) or q not in amounts:
        return None
    m = periods[amounts.index(q)]
    quarter = m.quarter or (state.quarter if m.span == "Q" else None)
    return _label(m.span, quarter, m.year, m.calendar)


_AND_DATE = re.compile(rf"\s*,?\s+and\s+(?:{_MONTHS})\s+\d{{1,2}},\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)


def _dated_alike(text: str, m: PeriodMention) -> list[PeriodMention]:
    """"the three months ended September 27, 2025 and September 28, 2024": the second date names the
    same span a year apart."""
    also = _AND_DATE.match(text, m.end)
    return [replace(m, start=also.start("y"), end=also.end(), year=int(also.group("y")))] if also else []


def reported_fiscal_year(published: str | None, fiscal_year_end: str | None) -> int | None:
    """The fiscal year a report published on ``published`` covers: that of the last quarter ended before it.

    A fiscal year is named after the calendar year it ends in; quarters end every three months from the
    fiscal year end ("MMDD", as SEC submissions give it). A calendar-year vendor publishing in February
    reports its fourth quarter, so the year before; Nvidia (year end late January) reports the year just ended.

    >>> reported_fiscal_year("2026-02-25", "0131"), reported_fiscal_year("2026-02-25", "1231")
    (2026, 2025)
    >>> reported_fiscal_year("2026-05-05", "1231"), reported_fiscal_year("2025-05-28", "0131")
    (2026, 2026)
    """
    if not (published and fiscal_year_end and len(fiscal_year_end) == 4 and fiscal_year_end.isdigit()):
        return None
    month, day = int(fiscal_year_end[:2]), int(fiscal_year_end[2:])
    try:
        when = date.fromisoformat(published[:10])
    except ValueError:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    ended = _last_quarter_end(when, month, day)
    return ended.year if (ended.month, ended.day) <= (month, day) else ended.year + 1


def _last_quarter_end(when: date, month: int, day: int) -> date:
    """The latest quarter end strictly before ``when``, quarters ending every three months from ``month``/``day``."""
    ends = []
    for year in (when.year - 1, when.year):
        for k in range(4):
            m = (month - 1 + 3 * k) % 12 + 1
            ends.append(date(year, m, min(day, monthrange(year, m)[1])))
    return max(d for d in ends if d < when)
