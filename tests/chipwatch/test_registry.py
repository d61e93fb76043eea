"""The vendor registry: the real one loads, and every mistake names file, line, entry and field."""

from __future__ import annotations

import textwrap

import pytest

from chipwatch.config import REPO_ROOT
from chipwatch.registry import RegistryError, load_registry

REQUIRED_VENDORS = {"nvidia", "amd", "intel", "broadcom", "qualcomm", "micron", "marvell", "arm", "tsmc",
                    "cerebras", "groq", "sambanova", "tenstorrent"}


def write(tmp_path, text: str):
    path = tmp_path / "sources.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_real_registry_lists_every_required_vendor_with_its_identifiers():
    registry = load_registry(REPO_ROOT / "sources.yml")
    assert REQUIRED_VENDORS <= {v.slug for v in registry.vendors}
    assert registry.vendor("nvidia").cik == "0001045810"
    assert registry.vendor("cerebras").cik == "0002021728"
    assert registry.vendor("amd").ticker == "AMD"
    assert all(v.sources for v in registry.vendors), "every vendor has a newsroom source"
    assert {w.id for w in registry.wires} == {"globenewswire", "prnewswire", "businesswire"}


def test_vendor_names_include_aliases_and_ticker():
    nvidia = load_registry(REPO_ROOT / "sources.yml").vendor("nvidia")
    assert {"NVIDIA", "Nvidia", "NVDA"} <= set(nvidia.names)


def test_match_vendor_finds_tickers_and_issuer_names_as_whole_words():
    registry = load_registry(REPO_ROOT / "sources.yml")
    assert registry.match_vendor("Nasdaq:NVDA").slug == "nvidia"
    assert registry.match_vendor("Advanced Micro Devices, Inc. announced").slug == "amd"
    assert registry.match_vendor("Armada Widgets reports results") is None


def test_an_unpadded_numeric_cik_is_padded(tmp_path):
    path = write(tmp_path, """
        vendors:
          - slug: acme
            name: Acme
            cik: 12345
    """)
    assert load_registry(path).vendor("acme").cik == "0000012345"


@pytest.mark.parametrize("entry, line, message", [
    ("  - name: Acme\n", 2, "vendors[0]: slug: is required"),
    ("  - slug: Acme Chips\n    name: Acme\n", 2, "vendors[0]: slug: does not match"),
    ("  - slug: acme\n    name: Acme\n    cik: '12a'\n", 2, "vendors[0] (acme): cik: does not match"),
    ("  - slug: acme\n    name: Acme\n    sources: [{kind: podcast, url: 'https://a.example/x'}]\n", 4,
     "vendors[0] (acme).sources[0]: kind: must be one of feed, sitemap, listing"),
    ("  - slug: acme\n    name: Acme\n    sources:\n      - kind: feed\n        url: 'ftp://a.example/x'\n", 5,
     "vendors[0] (acme).sources[0]: url: must be an http(s) URL"),
    ("  - slug: acme\n    name: Acme\n    founded: soon\n", 2, "founded: must be a whole number"),
    ("  - slug: acme\n    name: Acme\n    colour: red\n", 2, "colour: unknown field"),
    ("  - slug: acme\n    name: Acme\n    fiscal_year_end: '01-31'\n", 2, "fiscal_year_end: does not match"),
])
def test_errors_name_the_file_line_entry_and_field(tmp_path, entry, line, message):
    path = write(tmp_path, "vendors:\n" + entry)
    with pytest.raises(RegistryError) as error:
        load_registry(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_duplicate_slugs_are_refused(tmp_path):
    path = write(tmp_path, """
        vendors:
          - {slug: acme, name: Acme}
          - {slug: acme, name: Acme Again}
    """)
    with pytest.raises(RegistryError, match="vendor slug 'acme' appears twice"):
        load_registry(path)


def test_placeholders_expand_from_the_environment(tmp_path, monkeypatch):
    path = write(tmp_path, """
        vendors:
          - slug: acme
            name: Acme
            sources: [{kind: feed, url: "${DEMO_BASE}/news.acme.example/feed.xml"}]
    """)
    with pytest.raises(RegistryError, match=r"\$\{DEMO_BASE\}, which is not set"):
        load_registry(path)
    monkeypatch.setenv("DEMO_BASE", "http://127.0.0.1:9999/")
    source = load_registry(path).vendor("acme").sources[0]
    assert source.url == "http://127.0.0.1:9999/news.acme.example/feed.xml"
    assert source.id == "acme-feed"


def test_unreadable_and_malformed_files_give_one_clear_error(tmp_path):
    with pytest.raises(RegistryError, match="cannot read the registry"):
        load_registry(tmp_path / "missing.yml")
    with pytest.raises(RegistryError, match="not valid YAML"):
        load_registry(write(tmp_path, "vendors: [\n"))
    with pytest.raises(RegistryError, match="must be a mapping with a 'vendors' list"):
        load_registry(write(tmp_path, "- just a list\n"))


def test_fiscal_year_end_is_read_as_sec_gives_it(tmp_path):
    path = write(tmp_path, "vendors:\n  - slug: acme\n    name: Acme\n    fiscal_year_end: '0131'\n")
    vendor = load_registry(path).vendor("acme")
    assert vendor.fiscal_year_end == "0131"
    assert vendor.as_row()["fiscal_year_end"] == "0131"


def test_shipped_registry_gives_listed_vendors_a_fiscal_year_end():
    vendors = load_registry(REPO_ROOT / "sources.yml").vendors
    assert {v.slug: v.fiscal_year_end for v in vendors if v.cik}["nvidia"] == "0131"
    assert all(v.fiscal_year_end for v in vendors if v.cik)


def test_a_registry_that_is_not_utf8_names_its_line(tmp_path):
    path = tmp_path / "sources.yml"
    path.write_bytes("vendors:\n  - slug: caf\xe9\n".encode("latin-1"))
    with pytest.raises(RegistryError, match=r"sources.yml:2: not UTF-8 \(byte 0xe9\)"):
        load_registry(path)


def test_broken_yaml_is_one_line_with_its_position(tmp_path):
    path = write(tmp_path, "vendors: [\n  - {slug: x\n")
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    assert "\n" not in str(info.value)
    assert "not valid YAML: line 2, column 3" in str(info.value)


# --- fuzz: whatever the file holds, the loader answers with a Registry or a RegistryError ------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

YAMLISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["vendors", "wires", "slug", "name", "cik", "sources", "kind", "url", "aliases",
                         "ticker", "founded", "fiscal_year_end", "id", "x"]), children, max_size=5),
    max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(YAMLISH.map(lambda value: yaml_dump(value).encode("utf-8")), st.binary(max_size=300)))
def test_any_file_loads_or_is_a_registry_error(tmp_path, content):
    path = tmp_path / "fuzz.yml"
    path.write_bytes(content)
    try:
        load_registry(path)
    except RegistryError as exc:
        assert "\n" not in str(exc)  # one Error: line


def yaml_dump(value) -> str:
    import yaml

    return yaml.safe_dump({"vendors": value} if not isinstance(value, dict) else value, allow_unicode=True)
