"""``nlp.extract``: the extractor stands alone, taking vendors as data."""

from __future__ import annotations

import subprocess
import sys

from tests.nlp.test_cli import REPO


def test_extracting_never_imports_chipwatch():
    """Layers point one way: chipwatch uses nlp, never the reverse."""
    code = ("import sys; from nlp.extract import Extractor; import nlp.__main__; "
            "Extractor().extract('The T2 is 3x faster than a GPU.'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('chipwatch', 'crawler', 'data')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_vendors_come_from_a_registry_file_as_plain_data(tmp_path):
    from nlp.extract import Extractor
    from nlp.vendors import load_vendors

    registry = tmp_path / "sources.yml"
    registry.write_text("vendors:\n  - {slug: vantor, name: Vantor Systems, aliases: [Vantor], "
                        "fiscal_year_end: '0131', sources: [{kind: feed, url: '${UNSET_URL}/feed'}]}\n")
    vendors = load_vendors(registry)
    assert vendors == [{"slug": "vantor", "name": "Vantor Systems", "aliases": ["Vantor"], "ticker": None,
                        "fiscal_year_end": "0131"}]
    facts = Extractor(vendors).extract("Vantor said its T2 runs 3.5x faster than a GPU server.")
    assert facts and facts[0]["value"] == 3.5
