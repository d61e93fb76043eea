"""Storage: one SQLite database built by sqlite-utils upserts.

``data.db`` opens it and keeps the schema; ``data.store`` writes what the
stages produce; ``data.runs`` records each run. The generated database
(``data/chipwatch.db`` by default) lives beside this code and is git-ignored.
"""
