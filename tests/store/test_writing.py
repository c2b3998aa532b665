"""A window tells its own writes from another program's, even a write outside a transaction (a VACUUM)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import text


def _vacuum(project) -> None:
    with project.engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM"))


def test_a_vacuum_marked_as_own_is_not_news_but_another_programs_commit_is(project) -> None:
    outside = project.writes.outside
    outside.watch()
    assert outside.changed() is False
    with project.writes.own_write():
        _vacuum(project)
    assert outside.changed() is False  # the window's own compaction
    with sqlite3.connect(project.location) as other:  # another program (the CLI) writes
        other.execute("PRAGMA user_version = 7")
    assert outside.changed() is True
    assert outside.changed() is False  # told once


def test_an_unmarked_vacuum_looks_like_another_programs_write(project) -> None:
    """Why own_write is needed: SQLite cannot tell a raw write of ours from anyone else's."""
    outside = project.writes.outside
    outside.watch()
    _vacuum(project)
    assert outside.changed() is True
