"""Named errors of the extraction package, each with a stable code for the CLI and the logs."""

from __future__ import annotations


class NlpError(Exception):
    """Base class: every error the extractor raises on purpose."""

    code = "E000"


class LexiconError(NlpError):
    """A data file (units.yml, cues.yml, products.yml) is missing or malformed."""

    code = "E001"


class InputError(NlpError):
    """A JSON Lines input line is not a document ``{"id", "text", ...}``; the message names the line."""

    code = "E002"


class GoldError(NlpError):
    """The gold directory for ``python -m nlp.evaluate`` is missing or incomplete."""

    code = "E003"
