"""The extractor's version follows its inputs: any rule or data change re-extracts old documents."""

from __future__ import annotations

import shutil

import nlp
from nlp import EXTRACTOR_RELEASE, EXTRACTOR_VERSION, PACKAGE, fingerprint, rule_files


def copy_of_the_package(tmp_path):
    root = tmp_path / "nlp"
    shutil.copytree(PACKAGE, root, ignore=shutil.ignore_patterns("__pycache__", "bench_corpus"))
    return root


def test_the_version_is_the_release_and_the_fingerprint_of_the_rule_files():
    assert EXTRACTOR_VERSION == f"{EXTRACTOR_RELEASE}+{fingerprint()}"
    names = {p.relative_to(PACKAGE).as_posix() for p in rule_files()}
    assert {"performance.py", "roles.py", "products.yml", "data/workloads.yml", "data/units.yml"} <= names
    assert not names & {"bench.py", "evaluate.py", "__main__.py"}  # tools around the rules are not rules


def test_editing_a_data_file_changes_the_fingerprint(tmp_path):
    root = copy_of_the_package(tmp_path)
    before = fingerprint(root)
    assert before == fingerprint()  # same files, same fingerprint, wherever they are
    workloads = root / "data" / "workloads.yml"
    workloads.write_text(workloads.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert fingerprint(root) != before


def test_editing_a_rule_module_changes_it_and_a_tool_does_not(tmp_path):
    root = copy_of_the_package(tmp_path)
    before = fingerprint(root)
    (root / "bench.py").write_text("# a faster benchmark\n", encoding="utf-8")
    assert fingerprint(root) == before
    (root / "roles.py").write_text((root / "roles.py").read_text(encoding="utf-8") + "\n# tweak\n", encoding="utf-8")
    assert fingerprint(root) != before
    assert nlp.EXTRACTOR_VERSION.startswith(EXTRACTOR_RELEASE + "+")
