"""A project made by qualcode at schema 5 opens upgraded to 6 and keeps everything."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from qualcode.core.journal.entries import Journal
from qualcode.core.journal.history import theme_history
from qualcode.core.journal.memos import all_memos
from qualcode.core.project import Project
from qualcode.store.migrations import SCHEMA_VERSION, read_version

DATA = Path(__file__).parent / "data"


def _old_project(tmp_path: Path) -> Path:
    path = tmp_path / "five.qualcode"
    con = sqlite3.connect(path)
    con.executescript((DATA / "project_schema_v5.sql").read_text(encoding="utf-8"))
    con.close()
    return path


def _rows(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    finally:
        con.close()


def test_a_schema_5_project_upgrades_and_keeps_every_row(tmp_path: Path) -> None:
    path = _old_project(tmp_path)
    before = {t: _rows(path, t) for t in ("code", "coding", "segment", "note", "memo", "document", "meta")}
    audit_before = _rows(path, "audit")
    project = Project.open(path)
    with project.engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION == 6
    project.close()
    for table, rows in before.items():
        after = _rows(path, table)
        if table == "meta":
            rows = [r for r in rows if r[0] != "schema_version"]
            after = [r for r in after if r[0] != "schema_version"]
        assert after == rows, table
    # The audit log keeps every row; only the new batch column is added, empty for old rows.
    audit_after = _rows(path, "audit")
    assert [r[:7] for r in audit_after] == audit_before
    assert all(r[7] is None for r in audit_after)


def test_the_upgraded_project_shows_its_memos_and_theme_history_and_takes_a_journal(tmp_path: Path) -> None:
    project = Project.open(_old_project(tmp_path))
    assert "journal_entry" in inspect(project.engine).get_table_names()
    memos = {m.kind: m.text for m in all_memos(project)}
    assert memos == {"project": "Started with Maya; I know this clinic.", "code": "Close to her words",
                     "document": "Long pauses before Helen"}
    details = [e.detail for e in theme_history(project).events]
    assert "renamed from ‘Relentless demand’ to ‘Relentlessness’" in details
    assert any(d.startswith("‘Pressure’ merged into ‘Relentlessness’") for d in details)
    entry = Journal(project).add("First entry after the upgrade")
    assert [e.text for e in Journal(project).entries()] == [entry.text]
    with project.engine.connect() as conn:
        batches = conn.execute(text("SELECT batch FROM audit WHERE action = 'add journal entry'")).scalars().all()
    assert batches and batches[0]
    project.close()
