"""Names a document introduces for a product the catalogue does not know ("a photonic processor they call
Lumen", "Quarrel unveiled Helix, its first accelerator"): every later mention of the name is a product too,
so "the chip" and "it" can resolve to it and a catalogued baseline is not taken for the subject.
"""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from nlp.lexicon import DATA

_NAME = r"(?P<{}>[A-Z][\w.-]*[\w](?:\s+(?:[A-Z][\w.-]*|\d+[A-Za-z]?)(?![\w-]))?)"


def _name(group: str) -> str:
    return _NAME.format(group)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    data = yaml.safe_load((DATA / "roles.yml").read_text(encoding="utf-8"))
    hardware = "|".join(data["hardware_nouns"])
    news = ["new", "latest", "first", "upcoming", "next-generation"]
    cues = data["naming"] + data["launching"]
    # one pass for the three cue forms, behind a first-letter look-ahead: the engine skips positions that
    # cannot start a cue instead of trying every alternative at every word
    first = "".join(sorted({w[0].lower() for w in cues + news + ["its", "their", "our"]} | {w[0].upper() for w in cues}))
    introducer = re.compile(
        rf"(?<![\w-])(?=[{first}])(?:"
        # "a processor they call Lumen", "named Tern"
        rf"(?i:{'|'.join(data['naming'])})\s+(?:it\s+|them\s+)?(?:the\s+)?[\"“‘']?{_name('named')}"
        r"(?![\w-])(?!\s+(?:[A-Z][\w.-]*\s+)?(?:as|to)\s)"  # "named Rafael Moreno as chief executive": an appointment
        # "unveiled Helix, its first accelerator", "introduced the Kestrel 9 processor"
        rf"|(?i:{'|'.join(data['launching'])})\s+(?:the\s+|its\s+|a\s+)?(?:new\s+|first\s+|latest\s+)?"
        rf"{_name('launched')}(?=\s*,\s+(?:a|an|its|the|their|which|our)\s|\s+(?:{hardware})\b|\s*[.;]|\s*\()"
        # "Halcyon's new Orion processor", "its Sable neuromorphic chip": a new or own name before a hardware noun
        rf"|(?:{'|'.join(news + ['its', 'their', 'our'])})\s+{_name('new')}(?=(?:\s+[a-z][\w-]*)?\s+(?:{hardware})\b))")
    # "a new cloud instance type, the m9x.metal, ...", "A wafer-scale system from Tessellate, the T-2, ...":
    # an apposition to a hardware noun names it when the name holds a digit or follows "the"; found from
    # its comma (a literal: fast), then the hardware noun checked in the few words before it
    # (a lower-case name holds its digit in its first word: "m9x.metal"; "integrates 1,024" is no name)
    apposition = re.compile(r",\s+(?:(?P<the>the)\s+|its\s+)?(?P<name>(?=[^,\s]*\d)[A-Za-z][\w.-]*"
                            r"|(?=[^,]{0,30}\d)[A-Z][\w.-]*\s+[A-Z\d][\w.-]*|(?(the)[A-Z][\w.-]*[\w]))(?=,(?!\d))")
    noun_before = re.compile(rf"\b(?i:{hardware}|predecessors?|successors?)(?:\s+type|\s+(?:from|by|of|at)\s+"
                             rf"[\w .&-]{{0,30}}?)?$")
    # a common word or a bare hardware noun ("the GPU.") is no name
    not_name = re.compile(rf"(?:{'|'.join(data['not_names'])}|(?i:{hardware}))(?!\S)")
    # "an experimental computer chip called an opto-electronic receiver that ...": a lower-case description given
    # as the name of a hardware noun; found from its naming word, then the hardware noun checked before it
    described = re.compile(rf"\b(?i:{'|'.join(data['naming'])})\s+an?\s+(?P<desc>[a-z][\w-]*(?:\s+[a-z][\w-]*){{0,2}}?)"
                           r"(?=\s+(?:that|which|who)\b|\s*[,.;(]|\s*$)")
    hardware_before = re.compile(rf"\b(?i:{hardware})\s+$")
    return introducer, apposition, noun_before, not_name, described, hardware_before


@lru_cache(maxsize=1)
def _described_cues() -> tuple[str, ...]:
    """" called a", " named an", ...: the plain naming words before an article, as substrings."""
    data = yaml.safe_load((DATA / "roles.yml").read_text(encoding="utf-8"))
    words = [w for w in data["naming"] if w.isalpha()] + ["named", "known as"]
    return tuple(f"{w} a" for w in words)


def introduced_names(text: str) -> set[str]:
    """Product names the text introduces, as written.

    >>> sorted(introduced_names("Researchers built a processor they call Lumen. Quarrel unveiled Helix, its first part."))
    ['Helix', 'Lumen']
    >>> sorted(introduced_names("A wafer-scale system from Tessellate, the T-2, generated 1,800 tokens per second."))
    ['T-2']
    >>> sorted(introduced_names("It showed a test chip called a photonic mixer that converts light into signals."))
    ['photonic mixer']
    """
    introducer, apposition, noun_before, not_name, described, hardware_before = _patterns()
    names = [m.group("named") or m.group("launched") or m.group("new") for m in introducer.finditer(text)]
    names += [m.group("name") for m in apposition.finditer(text)
              if m.group("name") and noun_before.search(text, max(0, m.start() - 50), m.start())]
    if any(cue in text for cue in _described_cues()):  # substring checks spare the scan in most documents
        names += [m.group("desc") for m in described.finditer(text)
                  if hardware_before.search(text, max(0, m.start() - 30), m.start())]
    return {n.rstrip(".") for n in names if n and not not_name.match(n.rstrip("."))}


def introduced_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every mention of the names ``text`` introduces."""
    names = introduced_names(text)
    if not names:
        return []
    regex = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, sorted(names, key=len, reverse=True)))})(?![\w-])")
    return [m.span() for m in regex.finditer(text)]
