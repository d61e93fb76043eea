"""The extractor's vocabulary, loaded once from the YAML data files next to this module.

``units.yml`` is the performance-unit grammar, ``cues.yml`` the context cues (hedges, metric words,
directions, change verbs) and ``products.yml`` the product catalogue. Nothing here knows about spaCy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from nlp.errors import LexiconError

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"


@dataclass(frozen=True)
class UnitEntry:
    """One performance unit: canonical name, metric, and how it is written."""

    unit: str
    metric: str
    forms: tuple[str, ...]
    sensitive: bool = False
    scale: str | None = None
    factor: float = 1.0
    filler: bool = False
    count: bool = False
    context: re.Pattern | None = None


@dataclass(frozen=True)
class Lexicon:
    units: tuple[UnitEntry, ...]
    prefixes: dict[str, list[tuple[float, str]]]
    cues: dict
    products: tuple[dict, ...]
    product_shapes: re.Pattern | None  # every shape in one regex; group "short" marks a short code ("X3")
    short_before: re.Pattern | None = None
    short_after: re.Pattern | None = None
    not_models: re.Pattern | None = None
    not_after: re.Pattern | None = None  # what makes a model-shaped code a version of something else
    _forms: dict[str, UnitEntry] = field(default_factory=dict)

    def unit_for(self, written: str) -> UnitEntry | None:
        """The unit entry a matched surface form belongs to (exact case first, then any case)."""
        key = " ".join(written.replace("-", " ").split())
        return self._forms.get(key) or self._forms.get(key.lower())


def _read_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh)
    except (OSError, yaml.YAMLError) as exc:
        raise LexiconError(f"{path}: cannot read ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping at the top level")
    return data


def _is_sensitive(form: str, entry: dict) -> bool:
    """Symbols are case-sensitive ("MW" is not "mW"); words are not ("Petaflops")."""
    if entry.get("case") == "sensitive":
        return True
    return any(c.isupper() for c in form) and len(form) <= 6 and " " not in form


def _unit_entries(data: dict, path: Path) -> tuple[tuple[UnitEntry, ...], dict[str, UnitEntry]]:
    entries, forms = [], {}
    for i, raw in enumerate(data.get("units") or []):
        if not isinstance(raw, dict) or not raw.get("unit") or not raw.get("forms"):
            raise LexiconError(f"{path}: units[{i}]: needs unit, metric and forms")
        for form in raw["forms"]:
            form = str(form)
            sensitive = _is_sensitive(form, raw)
            context = re.compile(raw["context"], re.IGNORECASE) if raw.get("context") else None
            entry = UnitEntry(unit=raw["unit"], metric=raw.get("metric", "other"), forms=(form,),
                              sensitive=sensitive, scale=raw.get("scale"), factor=float(raw.get("factor", 1.0)),
                              filler=bool(raw.get("filler")), count=bool(raw.get("count")), context=context)
            entries.append(entry)
            key = " ".join(form.replace("-", " ").split())
            forms[key if sensitive else key.lower()] = entry
    return tuple(entries), forms


@cache
def load_lexicon() -> Lexicon:
    """The lexicon, read from the data files once per process."""
    units_path, cues_path, products_path = DATA / "units.yml", DATA / "cues.yml", HERE / "products.yml"
    units_data = _read_yaml(units_path)
    entries, forms = _unit_entries(units_data, units_path)
    prefixes = {k: [(float(f), u) for f, u in v] for k, v in (units_data.get("prefixes") or {}).items()}
    products_data = _read_yaml(products_path)
    return Lexicon(units=entries, prefixes=prefixes, cues=_read_yaml(cues_path),
                   products=tuple(products_data.get("products") or []), product_shapes=_shapes_regex(products_data),
                   short_before=_optional_regex(products_data, "short_before"),
                   short_after=_optional_regex(products_data, "short_after"),
                   not_models=_optional_regex(products_data, "not_models"),
                   not_after=_optional_regex(products_data, "not_after"), _forms=forms)


def _shapes_regex(data: dict) -> re.Pattern | None:
    """The model-number shapes of products.yml as one regex, anchored at a capital letter between word edges."""
    long = [f"(?:{p})" for p in data.get("shapes") or []]
    short = [f"(?:{p})" for p in data.get("short_shapes") or []]
    if not long and not short:
        return None
    parts = long + ([f"(?P<short>{'|'.join(short)})"] if short else [])
    return re.compile(rf"(?<![\w-])(?=[A-Z])(?:{'|'.join(parts)})(?![\w-])")


def _optional_regex(data: dict, key: str) -> re.Pattern | None:
    return re.compile(data[key]) if data.get(key) else None


def phrase_regex(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex matching any of ``phrases`` as whole words, longest first; spaces match any whitespace.

    >>> bool(phrase_regex(["up to", "up"]).search("rises up  to 5"))
    True
    """
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    parts = [r"\s+".join(re.escape(w) for w in p.split()) for p in ordered]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", flags)


@cache
def cue_regex(name: str) -> re.Pattern:
    """The compiled phrase regex for a cue list in cues.yml (``hedges``, ``higher``, ...)."""
    return phrase_regex(list(load_lexicon().cues.get(name) or []))


@cache
def cue_patterns(name: str) -> re.Pattern:
    """A cue list written as regexes (``attribution``, ``guidance``, ``deployment``) joined into one."""
    patterns = load_lexicon().cues.get(name) or []
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@cache
def metric_cues(name: str) -> tuple[re.Pattern, dict[str, str]]:
    """A regex over every phrase of a metric cue table (``perf_metrics``/``fin_metrics``) and phrase -> metric."""
    table = load_lexicon().cues.get(name) or {}
    lookup = {" ".join(p.lower().split()): metric for metric, phrases in table.items() for p in phrases}
    return phrase_regex(list(lookup)), lookup
