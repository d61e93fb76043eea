"""``make bench``: what each stage of chipwatch costs on this machine, beside the alternatives, at several sizes.

``python -m bench extract|crawl|serve|all`` prints a table and merges its figures into
``data/bench/results.json``. Benchmarks measure; they never fail the test suite.
"""
