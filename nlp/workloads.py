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


@lru_cache(maxsize=1)
def _open_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    data = yaml.safe_load((DATA / "workloads.yml").read_text(encoding="utf-8"))
    attach = "|".join(data["attachments"])
    heads = "|".join(data["heads"])
    families = "|".join(sorted((_phrase(f) for f in data["model_families"]), key=len, reverse=True))
    # up to three modifiers ("real-time speech", "popular video") before a workload head, or a gerund phrase
    word = r"(?!(?:than|and|or|versus|vs|compared|while|but|with|at|on|in|for|of|by)\b)[\w.+-]+\s+"
    phrase = (rf"(?P<np>(?:{word}){{0,3}}(?:{heads})|(?-i:[a-z]+ing)\s+(?:[\w-]+\s+){{0,2}}?(?:{heads}|[\w-]+s)"
              rf"|(?:{families}){data['model_version']})(?![\w-])")
    after = re.compile(rf"[^,;:()]{{0,60}}?\b(?:{attach})\s+(?:the\s+|a\s+|an\s+|popular\s+)?{phrase}",
                       re.IGNORECASE)
    before = re.compile(rf"\s*(?:{attach})\s+(?:the\s+|a\s+|an\s+)?{phrase}\s*,", re.IGNORECASE)
    verbs = "|".join(data["object_verbs"])
    obj = re.compile(rf"\b(?:{verbs})\s+(?:the\s+|a\s+|an\s+)?{phrase}\s+(?:by\s+|using\s+|with\s+|at\s+)?(?:up\s+to\s+|nearly\s+|about\s+|"
                     rf"roughly\s+|more\s+than\s+|over\s+|almost\s+)?$", re.IGNORECASE)
    return after, before, obj


# "speeds up protein folding by 6x": the object of a speed-up verb is the workload whatever its head
_SPED_UP = re.compile(r"\b(?:speeds?\s+up|sped\s+up|accelerates?|accelerated)\s+(?:the\s+)?(?P<np>(?:[\w-]+\s+){0,2}?[\w-]+)"
                      r"\s+by\s+(?:up\s+to\s+|nearly\s+|about\s+|roughly\s+|more\s+than\s+|over\s+|almost\s+)?$",
                      re.IGNORECASE)

# "plays Baldur's Gate 3 at 60% higher frame rates": the title a machine plays is the workload
_PLAYS = re.compile(r"\b(?:plays?|played|playing|runs?)\s+(?P<np>(?-i:[A-Z][\w'’:-]*)(?:\s+(?-i:[A-Z0-9][\w'’:-]*)){0,4})"
                    r"\s+(?:at\s+|with\s+|by\s+)?(?:up\s+to\s+|nearly\s+|about\s+|over\s+)?$")

# "the same model", "its second generation": a reference or a generation, not a workload
_NOT_WORKLOAD = re.compile(r"(?:the\s+)?(?:same|this|that|its|their|our|previous|prior|last|first|next)\b|"
                           r"(?:\w+\s+)?(?:\w+(?:st|nd|rd|th)|second|third|new|current|latest|older|future)[\s-]+"
                           r"generation\b", re.IGNORECASE)


def attached_workload(sentence: str, lo: int, hi: int) -> str | None:
    """A workload outside the vocabulary, by attachment to the claim at ``sentence[lo:hi]``.

    >>> text = "The V2 is up to 2x faster in games than the X1."
    >>> attached_workload(text, text.index("2x"), text.index("2x") + 2)
    'games'
    >>> text = "The CS-3 trains models 8 times faster than a cluster."
    >>> attached_workload(text, text.index("8 times"), text.index("8 times") + 7)
    'models'
    >>> text = "For real-time speech translation, the L1 is 3x faster."
    >>> attached_workload(text, text.index("3x"), text.index("3x") + 2)
    'real-time speech translation'
    """
    after, before, obj = _open_patterns()
    m = after.match(sentence, hi, min(len(sentence), hi + 120))
    if m is None:
        m = before.match(sentence, 0, lo) or obj.search(sentence, max(0, lo - 80), lo) or \
            _SPED_UP.search(sentence, max(0, lo - 80), lo) or _PLAYS.search(sentence, max(0, lo - 80), lo)
    if m is None or _NOT_WORKLOAD.match(m.group("np")):
        return None
    return " ".join(m.group("np").split())


# the verb's inflections ("classify", "classifies", "classifying"; "recognise", "recognizing") after its stem
_INFLECTION = r"(?:y|ies|ied|ying|e|es|ed|ing|s|ze|zes|zed|zing|se|ses|sed|sing|e?s?)?"
# "encode 4K video": the object's head; a hedge or function word is never the object ("generating up to 1,800
# tokens per second" names no task)
_NOT_OBJECT = r"(?!(?:up|to|nearly|about|almost|roughly|more|less|than|over|under|with|by|at|in|on|as|the|a|an)(?![\w-]))"
_OBJECT = rf"{_NOT_OBJECT}(?:[\w-]+\s+)??{_NOT_OBJECT}(?P<obj>[a-z][a-z-]*?)s?(?![\w-])"


@lru_cache(maxsize=1)
def _paraphrase_patterns() -> tuple[re.Pattern, re.Pattern, dict[str, str]]:
    data = yaml.safe_load((DATA / "workloads.yml").read_text(encoding="utf-8"))
    verbs = data["task_verbs"]
    stems = "|".join(sorted(verbs, key=len, reverse=True))
    verb = rf"(?P<verb>{stems}){_INFLECTION}"
    # "can classify images 18 times faster", "recognise speech with 35% lower latency"
    before = re.compile(rf"\b{verb}\s+(?:the\s+|their\s+)?{_OBJECT}(?=(?:\s+[\w-]+){{0,3}}?\s*"
                        rf"(?:up\s+to\s+|nearly\s+|about\s+|more\s+than\s+|over\s+|with\s+|by\s+|at\s+|in\s+)?$)",
                        re.IGNORECASE)
    # "is 3x faster at classifying images", "2 times faster when detecting objects"
    after = re.compile(rf"[^,;:()]{{0,50}}?\b(?:at|when|for|while)\s+{verb}\s+(?:the\s+)?{_OBJECT}", re.IGNORECASE)
    return before, after, verbs


@lru_cache(maxsize=1024)
def _names_a_task_verb(sentence: str) -> bool:
    """One scan per sentence, so that sentences without a task verb cost nothing more per figure."""
    stems = "|".join(sorted(_paraphrase_patterns()[2], key=len, reverse=True))
    return re.search(rf"\b(?:{stems})", sentence, re.IGNORECASE) is not None


def task_paraphrase(sentence: str, lo: int, hi: int) -> str | None:
    """A task written as a verb and its object, named as its noun phrase.

    >>> text = "The chip can classify images 18 times faster than a Jetson Orin."
    >>> task_paraphrase(text, text.index("18"), text.index("18") + 8)
    'image classification'
    >>> text = "The R2 can recognise speech with 35% lower latency."
    >>> task_paraphrase(text, text.index("35%"), text.index("35%") + 3)
    'speech recognition'
    """
    before, after, verbs = _paraphrase_patterns()
    if not _names_a_task_verb(sentence):
        return None
    m = after.match(sentence, hi, min(len(sentence), hi + 100))
    if m is None:
        m = next(reversed(list(before.finditer(sentence, max(0, lo - 100), lo))), None)
    if m is None:
        return None
    noun = verbs[next(stem for stem in verbs if m.group("verb").lower() == stem)]
    return f"{m.group('obj').lower()} {noun}"
