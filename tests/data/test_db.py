"""``data.db``: the schema repairs itself, and a file that cannot be the database says so in one line."""

from __future__ import annotations

import pytest

from data.db import DatabaseError, check_database, missing_fts_triggers, open_db


def test_a_half_created_fts_index_is_rebuilt_on_the_next_open(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    db["documents"].insert({"id": "d1", "title": "Helix ships", "text": "The Helix H300 ships today."})
    db.execute("drop trigger documents_au")  # as a kill between sqlite-utils' trigger statements leaves it
    db.conn.commit()
    assert missing_fts_triggers(db, "documents") == {"documents_au"}
    db.close()
    db = open_db(path)
    assert missing_fts_triggers(db, "documents") == set()
    db["documents"].update("d1", {"text": "The Helix H400 ships today."})
    assert [r["id"] for r in db["documents"].search("H400")] == ["d1"]  # the update trigger works again


def test_the_fts_index_follows_only_changes_of_indexed_columns(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    # a database made before the trigger was narrowed: sqlite-utils' own trigger, on any update
    db.execute("drop trigger documents_au")
    db.conn.commit()
    db["documents"].enable_fts(["title", "text"], create_triggers=True, tokenize="porter", replace=True)
    wide = db.execute("select sql from sqlite_master where name = 'documents_au'").fetchone()[0]
    assert "UPDATE OF" not in wide
    db.close()
    db = open_db(path)
    assert "UPDATE OF [title], [text]" in db.execute("select sql from sqlite_master where name = 'documents_au'").fetchone()[0]

    db["documents"].insert({"id": "d1", "title": "Helix ships", "text": "The Helix H300 ships today."})
    before = db.execute("select count(*) from documents_fts_docsize").fetchone()[0]
    db["documents"].update("d1", {"extracted_version": "9"})  # not indexed: the index is not touched
    db["documents"].update("d1", {"text": "The Helix H400 ships today."})
    assert [r["id"] for r in db["documents"].search("H400")] == ["d1"]
    assert list(db["documents"].search("H300")) == []
    assert db.execute("select count(*) from documents_fts_docsize").fetchone()[0] == before


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(DatabaseError, match="is a directory"):
        open_db(tmp_path)
    with pytest.raises(DatabaseError, match="is a directory"):
        check_database(tmp_path)


def test_a_file_that_is_not_sqlite_is_refused_without_being_touched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("shopping list\n" * 100)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        check_database(path)
    with pytest.raises(DatabaseError, match="not a usable SQLite database"):
        open_db(path)
    assert path.read_text() == "shopping list\n" * 100


def test_a_truncated_database_is_refused(tmp_path):
    path = tmp_path / "chipwatch.db"
    db = open_db(path)
    db["documents"].insert_all({"id": f"d{i}", "text": "x" * 2000} for i in range(200))
    db.execute("pragma wal_checkpoint(truncate)")
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(DatabaseError, match="damaged|not a usable"):
        check_database(path)


def test_a_database_not_created_yet_is_fine(tmp_path):
    assert "not created yet" in check_database(tmp_path / "new" / "chipwatch.db")
    open_db(tmp_path / "made.db").close()
    assert check_database(tmp_path / "made.db") == "ok"


@pytest.fixture
def page_bound():
    """``limit_database_pages`` for one test, then no bound again."""
    from data.db import limit_database_pages

    yield limit_database_pages
    limit_database_pages(None)


def test_a_database_past_its_page_bound_raises_sqlite_full_and_keeps_what_was_committed(tmp_path, page_bound):
    import sqlite3

    from data.db import is_disk_full

    path = tmp_path / "chipwatch.db"
    open_db(path).close()
    page_bound(int(sqlite3.connect(path).execute("pragma page_count").fetchone()[0]) + 2)
    db = open_db(path)
    with pytest.raises(sqlite3.OperationalError) as full:
        for n in range(100):
            with db.conn:
                db["documents"].insert({"id": f"d{n}", "text": "x" * 4000})
    assert is_disk_full(full.value)
    assert 0 < db.execute("select count(*) from documents").fetchone()[0] < 100  # the committed ones stay
    assert db.execute("pragma integrity_check").fetchone()[0] == "ok"


def test_a_database_that_cannot_even_take_its_schema_is_disk_full(tmp_path, page_bound):
    from data.db import DiskFull

    page_bound(4)
    with pytest.raises(DiskFull, match="the disk is full .*: cannot write .*chipwatch.db"):
        open_db(tmp_path / "chipwatch.db")


def test_enospc_and_edquot_are_disk_full_and_other_errors_are_not():
    import errno
    import sqlite3

    from data.db import is_disk_full

    assert is_disk_full(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not is_disk_full(OSError(errno.EACCES, "Permission denied"))
    assert not is_disk_full(sqlite3.OperationalError("database is locked"))
