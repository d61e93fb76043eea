"""The vendor registry: one human-edited YAML file listing each vendor once.

Adding a vendor is one entry, never code. The file is validated on load and
an error names the file, the line, the entry and the field that is wrong::

    RegistryError: sources.yml:42: vendors[3] (broadcom): cik: must be 10 digits, got '17301'

URLs may use ``${VAR}`` placeholders, expanded from the environment, so a
registry for the demo or the tests can point at a local server.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SOURCE_KINDS = ("feed", "sitemap", "listing")
WIRE_KINDS = ("feed",)
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_CIK = re.compile(r"^\d{10}$")
_TICKER = re.compile(r"^[A-Z.]{1,6}$")
_FISCAL_YEAR_END = re.compile(r"^(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")  # MMDD, as SEC submissions give it
_VAR = re.compile(r"\$\{([A-Z0-9_]+)\}")


class RegistryError(ValueError):
    """The registry file is malformed; the message names file, line, entry and field."""


@dataclass(frozen=True)
class Source:
    """One place to poll for a vendor's news: an RSS/Atom feed, a sitemap or a listing page."""

    id: str
    vendor: str | None
    kind: str
    url: str
    link_pattern: str | None = None  # listing pages: regex an article URL must match
    lastmod_after: str | None = None  # sitemaps: ignore entries older than this date


@dataclass(frozen=True)
class Vendor:
    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    ticker: str | None = None
    exchange: str | None = None
    cik: str | None = None
    website: str | None = None
    founded: int | None = None
    # Month and day the fiscal year ends ("0131" for a year ending in late January), as SEC's
    # submissions JSON gives it; fiscal periods such as "Q4 FY2025" are read against it.
    fiscal_year_end: str | None = None
    sources: tuple[Source, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the vendor is mentioned by: display name, aliases, ticker."""
        return tuple(dict.fromkeys([self.name, *self.aliases, *([self.ticker] if self.ticker else [])]))

    def as_row(self) -> dict[str, Any]:
        return {
            "slug": self.slug, "name": self.name, "ticker": self.ticker, "exchange": self.exchange,
            "cik": self.cik, "website": self.website, "founded": self.founded,
            "fiscal_year_end": self.fiscal_year_end, "aliases": list(self.aliases),
        }


@dataclass(frozen=True)
class Wire:
    """A press-release wire feed, filtered to the registry's vendors by ticker or issuer name."""

    id: str
    name: str
    url: str


@dataclass(frozen=True)
class Registry:
    path: Path
    vendors: tuple[Vendor, ...]
    wires: tuple[Wire, ...] = field(default=())

    def vendor(self, slug: str) -> Vendor:
        for vendor in self.vendors:
            if vendor.slug == slug:
                return vendor
        raise KeyError(slug)

    @property
    def sources(self) -> tuple[Source, ...]:
        return tuple(s for v in self.vendors for s in v.sources)

    def match_vendor(self, text: str | None) -> Vendor | None:
        """The vendor whose name, alias or ticker appears in ``text`` as a whole word, if any.

        >>> reg.match_vendor("Nasdaq:NVDA")  # doctest: +SKIP
        Vendor(slug='nvidia', ...)
        """
        if not text:
            return None
        for vendor in self.vendors:
            for name in vendor.names:
                if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
                    return vendor
        return None


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _expand(value: str, where: str) -> str:
    def sub(match: re.Match) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise RegistryError(f"{where}: uses ${{{name}}}, which is not set in the environment")
        return os.environ[name].rstrip("/")

    return _VAR.sub(sub, value)


class _Checker:
    def __init__(self, path: Path, entry: dict, label: str):
        self.path, self.entry, self.label = path, entry, label

    def fail(self, field_name: str, message: str) -> RegistryError:
        line = self.entry.get("__line__", "?")
        return RegistryError(f"{self.path}:{line}: {self.label}: {field_name}: {message}")

    def get(self, name: str, *, required: bool = False, pattern: re.Pattern | None = None,
            kind: type = str) -> Any:
        value = self.entry.get(name)
        if value is None:
            if required:
                raise self.fail(name, "is required")
            return None
        if kind is int:
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.fail(name, f"must be a whole number, got {value!r}")
            return value
        if not isinstance(value, str):
            raise self.fail(name, f"must be text, got {value!r}")
        if pattern and not pattern.match(value):
            raise self.fail(name, f"does not match {pattern.pattern}, got {value!r}")
        return value

    def url(self, name: str, *, required: bool = True) -> str | None:
        value = self.get(name, required=required)
        if value is None:
            return None
        where = f"{self.path}:{self.entry.get('__line__', '?')}: {self.label}: {name}"
        value = _expand(value, where)
        if not re.match(r"^https?://[^/\s]+", value):
            raise self.fail(name, f"must be an http(s) URL, got {value!r}")
        return value

    def unknown(self, allowed: set[str]) -> None:
        extra = sorted(set(self.entry) - allowed - {"__line__"})
        if extra:
            raise self.fail(extra[0], f"unknown field (allowed: {', '.join(sorted(allowed))})")


_VENDOR_FIELDS = {"slug", "name", "aliases", "ticker", "exchange", "cik", "website", "founded", "fiscal_year_end",
                  "sources"}
_SOURCE_FIELDS = {"kind", "url", "id", "link_pattern", "lastmod_after"}


def _load_source(path: Path, vendor_slug: str, index: int, entry: Any, label: str) -> Source:
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: {label}: must be a mapping with kind and url")
    check = _Checker(path, entry, label)
    check.unknown(_SOURCE_FIELDS)
    kind = check.get("kind", required=True)
    if kind not in SOURCE_KINDS:
        raise check.fail("kind", f"must be one of {', '.join(SOURCE_KINDS)}, got {kind!r}")
    link_pattern = check.get("link_pattern")
    if link_pattern:
        try:
            re.compile(link_pattern)
        except re.error as exc:
            raise check.fail("link_pattern", f"is not a valid regular expression ({exc})") from exc
    source_id = check.get("id", pattern=_SLUG) or f"{vendor_slug}-{kind}" + (f"-{index + 1}" if index else "")
    return Source(id=source_id, vendor=vendor_slug, kind=kind, url=check.url("url"),
                  link_pattern=link_pattern, lastmod_after=check.get("lastmod_after"))


def _load_vendor(path: Path, index: int, entry: Any) -> Vendor:
    label = f"vendors[{index}]"
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: {label}: must be a mapping, got {entry!r}")
    check = _Checker(path, entry, label)
    slug = check.get("slug", required=True, pattern=_SLUG)
    check.label = f"{label} ({slug})"
    check.unknown(_VENDOR_FIELDS)
    cik = entry.get("cik")
    if isinstance(cik, int):  # YAML reads unquoted 0001045810 as a number; accept and pad it
        entry["cik"] = f"{cik:010d}"
    cik = check.get("cik", pattern=_CIK)
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise check.fail("aliases", "must be a list of names")
    sources_raw = entry.get("sources") or []
    if not isinstance(sources_raw, list):
        raise check.fail("sources", "must be a list")
    sources = tuple(
        _load_source(path, slug, i, s, f"{check.label}.sources[{i}]") for i, s in enumerate(sources_raw)
    )
    return Vendor(
        slug=slug, name=check.get("name", required=True), aliases=tuple(aliases),
        ticker=check.get("ticker", pattern=_TICKER), exchange=check.get("exchange"), cik=cik,
        website=check.url("website", required=False), founded=check.get("founded", kind=int),
        fiscal_year_end=check.get("fiscal_year_end", pattern=_FISCAL_YEAR_END), sources=sources,
    )


def _load_wire(path: Path, index: int, entry: Any) -> Wire:
    label = f"wires[{index}]"
    if not isinstance(entry, dict):
        raise RegistryError(f"{path}: {label}: must be a mapping with id, name and url")
    check = _Checker(path, entry, label)
    check.unknown({"id", "name", "url"})
    return Wire(id=check.get("id", required=True, pattern=_SLUG), name=check.get("name", required=True),
                url=check.url("url"))


def load_registry(path: str | Path) -> Registry:
    """Load and validate the registry at ``path``; raise :class:`RegistryError` naming what is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RegistryError(f"{path}: cannot read the registry ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[:exc.start].count(b"\n") + 1
        raise RegistryError(f"{path}:{line}: not UTF-8 (byte 0x{exc.object[exc.start]:02x}); save the file "
                            "as UTF-8") from exc
    try:
        raw = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        raise RegistryError(f"{path}: not valid YAML: {_one_line(exc)}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("vendors"), list):
        raise RegistryError(f"{path}: must be a mapping with a 'vendors' list")
    vendors = tuple(_load_vendor(path, i, v) for i, v in enumerate(raw["vendors"]))
    wires = tuple(_load_wire(path, i, w) for i, w in enumerate(raw.get("wires") or []))
    _check_unique(path, [v.slug for v in vendors], "vendor slug")
    _check_unique(path, [s.id for v in vendors for s in v.sources] + [w.id for w in wires], "source id")
    _check_unique(path, [v.cik for v in vendors if v.cik], "cik")
    return Registry(path=path, vendors=vendors, wires=wires)


def _one_line(exc: yaml.YAMLError) -> str:
    """PyYAML's message without its multi-line excerpt: "line 3, column 5: expected ',' or ']'"."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"line {mark.line + 1}, column {mark.column + 1}: {problem}" if mark else problem


def _check_unique(path: Path, values: list[str], what: str) -> None:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise RegistryError(f"{path}: {what} {value!r} appears twice")
        seen.add(value)
