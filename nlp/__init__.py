"""Extraction of performance claims and financial figures from chip-vendor text (spaCy, rule-based).

Light on purpose: importing ``nlp`` loads no spaCy pipeline. Use ``nlp.extract.Extractor``.
"""

from __future__ import annotations

import hashlib
from importlib.metadata import version
from pathlib import Path

# The release of the rules; the fingerprint below adds what the rules are made of.
EXTRACTOR_RELEASE = "1.5.0"

PACKAGE = Path(__file__).resolve().parent
# Modules that read, score or time extraction without changing what it finds
NOT_RULES = {"__init__.py", "__main__.py", "bench.py", "evaluate.py", "disagreements.py", "errors.py", "vendors.py"}


def rule_files(package: Path = PACKAGE) -> list[Path]:
    """Every file whose content decides what the extractor finds: its modules and its data."""
    files = [p for p in package.glob("*.py") if p.name not in NOT_RULES]
    files += [p for p in package.glob("*.yml")] + [p for p in (package / "data").rglob("*") if p.is_file()]
    return sorted(files)


def fingerprint(package: Path = PACKAGE) -> str:
    """A short hash of the rule files and the spaCy version (its tokenizer is part of the rules).

    Any change to a rule or data file changes it, so documents extracted before the change are
    extracted again even if nobody bumps EXTRACTOR_RELEASE.
    """
    digest = hashlib.sha256(version("spacy").encode())
    for path in rule_files(package):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:10]


EXTRACTOR_VERSION = f"{EXTRACTOR_RELEASE}+{fingerprint()}"

__all__ = ["EXTRACTOR_VERSION"]
