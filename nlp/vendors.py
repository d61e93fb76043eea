"""The vendors the extractor knows, read as plain data from a registry file (``sources.yml``).

``nlp`` never imports ``chipwatch``: `chipwatch extract` hands it the validated registry's
vendors, and ``python -m nlp`` reads the same file's ``vendors`` list here, taking only what
extraction needs (slug, name, aliases, ticker, fiscal year end).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from nlp.errors import NlpError

DEFAULT_REGISTRY = Path(__file__).resolve().parent.parent / "sources.yml"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class VendorsError(NlpError):
    """The vendor registry file cannot be read as a list of vendors."""

    code = "E004"


def load_vendors(path: str | Path = DEFAULT_REGISTRY) -> list[dict]:
    """The ``vendors`` of the registry at ``path`` as dicts; VendorsError names what is wrong.

    >>> [v["name"] for v in load_vendors()][:3]
    ['NVIDIA', 'AMD', 'Intel']
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise VendorsError(f"{path}: cannot read the vendor registry ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise VendorsError(f"{path}: not UTF-8") from exc
    except yaml.YAMLError as exc:
        raise VendorsError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    entries = raw.get("vendors") if isinstance(raw, dict) else None
    if not isinstance(entries, list):
        raise VendorsError(f"{path}: must be a mapping with a 'vendors' list")
    vendors = []
    for i, entry in enumerate(entries):
        slug = entry.get("slug") if isinstance(entry, dict) else None
        name = entry.get("name") if isinstance(entry, dict) else None
        if not (isinstance(slug, str) and _SLUG.match(slug) and isinstance(name, str) and name.strip()):
            raise VendorsError(f"{path}: vendors[{i}] needs a lower-case slug and a name")
        aliases = entry.get("aliases") or []
        vendors.append({"slug": slug, "name": name.strip(),
                        "aliases": [str(a) for a in aliases] if isinstance(aliases, list) else [],
                        "ticker": entry.get("ticker"),
                        "fiscal_year_end": str(entry["fiscal_year_end"]) if entry.get("fiscal_year_end") else None})
    return vendors
