"""The workload vocabulary of ``data/workloads.yml`` as one regex: models with parameter-count shapes,
benchmarks with versions and modes, applications and task phrases (longest alternatives first)."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from nlp.lexicon import DATA


def _phrase(word: str) -> str:
    if any(c in word for c in "\\(?["):  # already a regex
        return word
    return r"\s+".join(map(re.escape, word.split()))


@lru_cache(maxsize=1)
def vocabulary_pattern() -> str:
    """An alternation (no flags, no anchors) for ``attributes._WORKLOAD`` to put before its own forms."""
    data = yaml.safe_load((DATA / "workloads.yml").read_text(encoding="utf-8"))
    families = "|".join(sorted((_phrase(f) for f in data["model_families"]), key=len, reverse=True))
    model = rf"(?:{families}){data['model_version']}{data['parameter_shape']}"  # a shape is required
    parts = [model, *data["model_phrases"], *data["benchmarks"], *data["tasks"],
             *sorted((_phrase(a) for a in data["applications"]), key=len, reverse=True)]
    return "|".join(f"(?:{p})" for p in parts)


def compiled() -> re.Pattern:
    return re.compile(rf"\b(?:{vocabulary_pattern()})(?![\w-])", re.IGNORECASE)
