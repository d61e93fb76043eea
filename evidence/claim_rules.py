"""The vocabulary claim checks read with (``claim_rules.yml``), and what a claim's sentence says about MLPerf:
the round, division and scenario it names, the models, whether chip counts are stated.

>>> rules = load_claim_rules()
>>> rules.models_named("Llama 2 70B Offline")
('llama2-70b-99', 'llama2-70b-99.9')
>>> cited = rules.read("In MLPerf Inference v6.0, closed division, Offline scenario, eight Q7 chips ...")
>>> (cited.round, cited.divisions, cited.scenarios, cited.cites_mlperf)
('v6.0', ('closed',), ('Offline',), True)
>>> rules.product_of("Quillon Q7 128GB LPDDR6")
'Q7'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from evidence.errors import ClaimRulesError

RULES_FILE = Path(__file__).with_name("claim_rules.yml")
_ROUND = re.compile(r"\bv(\d+\.\d+)\b|\b(?:Inference|round)\s+(\d+\.\d+)\b", re.IGNORECASE)
_DIVISION = re.compile(r"\b(closed|open)\s+division\b|\bdivision:?\s+(closed|open)\b", re.IGNORECASE)
# "server" is also plain hardware ("a 4U server"): as a scenario it is capitalised mid-sentence or says "scenario"
_SCENARIO = re.compile(r"(?i:\b(offline|single[- ]?stream|multi[- ]?stream|interactive)\b)"
                       r"|(?<=[\w,] )(Server)\b|(?i:\b(server)\s+scenario\b)")


@dataclass(frozen=True)
class Citation:
    """What a sentence says about the MLPerf result it cites (empty tuples: nothing named)."""

    cites_mlperf: bool
    round: str | None
    divisions: tuple[str, ...]
    scenarios: tuple[str, ...]


@dataclass(frozen=True)
class ClaimRules:
    tolerance: float
    workloads: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    not_product_words: tuple[str, ...]
    non_mlperf_cues: tuple[str, ...]
    chip_count_cues: tuple[str, ...]
    rules: dict[str, str]

    def models_named(self, text: str | None) -> tuple[str, ...]:
        """The MLPerf models of the longest workload name found in ``text``; () when none is."""
        found = [(len(name), models) for names, models in self.workloads for name in names
                 if _has_words(text, name)]
        return max(found)[1] if found else ()

    def read(self, sentence: str | None) -> Citation:
        """The round, divisions and scenarios ``sentence`` names, and whether it cites MLPerf at all."""
        text = sentence or ""
        m = _ROUND.search(text) if "mlperf" in text.lower() else None
        divisions = {(a or b).lower() for a, b in _DIVISION.findall(text)}
        scenarios = {_scenario_name(next(g for g in groups if g)) for groups in _SCENARIO.findall(text)}
        return Citation("mlperf" in text.lower(), f"v{m.group(1) or m.group(2)}" if m else None,
                        tuple(sorted(divisions)), tuple(sorted(scenarios)))

    def product_of(self, accelerator_name: str | None) -> str | None:
        """The product code in a free-text accelerator name: the first word holding a letter and a digit
        that is not a memory or form-factor word."""
        for word in (accelerator_name or "").split():
            if re.search(r"\d", word) and re.search(r"[A-Za-z]", word) and not any(
                    re.fullmatch(pattern, word, re.IGNORECASE) for pattern in self.not_product_words):
                return word
        return None

    def states_chip_counts(self, sentence: str | None) -> bool:
        return any(re.search(cue, sentence or "", re.IGNORECASE) for cue in self.chip_count_cues)

    def mixes_other_numbers(self, sentence: str | None) -> bool:
        return any(_has_words(sentence, cue) for cue in self.non_mlperf_cues)


def _has_words(text: str | None, phrase: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text or "", re.IGNORECASE))


def _scenario_name(word: str) -> str:
    key = re.sub(r"[- ]", "", word.lower())
    return {"offline": "Offline", "server": "Server", "singlestream": "SingleStream",
            "multistream": "MultiStream", "interactive": "Interactive"}[key]


@lru_cache(maxsize=4)
def load_claim_rules(path: str | Path = RULES_FILE) -> ClaimRules:
    """Read ``claim_rules.yml``; raise ClaimRulesError naming the file and entry when one is malformed."""
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    workloads = []
    for index, entry in enumerate(raw.get("workloads") or []):
        if not (isinstance(entry, dict) and entry.get("names") and entry.get("models")):
            raise ClaimRulesError(f"{path}: workloads[{index}]: needs names and models")
        workloads.append((tuple(map(str, entry["names"])), tuple(map(str, entry["models"]))))
    tolerance = raw.get("tolerance", 0.05)
    if not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise ClaimRulesError(f"{path}: tolerance must be a fraction between 0 and 1, not {tolerance!r}")
    return ClaimRules(float(tolerance), tuple(workloads), tuple(raw.get("not_product_words") or ()),
                      tuple(raw.get("non_mlperf_cues") or ()), tuple(raw.get("chip_count_cues") or ()),
                      dict(raw.get("rules") or {}))
