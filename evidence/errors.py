"""Named errors of the evidence stage."""

from __future__ import annotations


class EvidenceError(Exception):
    """Base class: anything the evidence stage refuses to do."""


class ConceptsError(EvidenceError):
    """concepts.yml is malformed: ``file: metric: problem``."""


class SummaryFormatError(EvidenceError):
    """An MLPerf summary.csv that cannot be read: empty, truncated, or missing a required column."""


class ClaimRulesError(EvidenceError):
    """claim_rules.yml is malformed: ``file: entry: problem``."""
