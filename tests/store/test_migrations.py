"""The project file: creation, pragmas, and upgrades from older schemas."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from qualcode.core.project import Project, ProjectError
from qualcode.store.migrations import SCHEMA_VERSION, read_version

DATA = Path(__file__).parent / "data"


def test_new_project_has_every_table_and_the_current_version(tmp_path: Path) -> None:
    project = Project.create(tmp_path / "new.qualcode")
    tables = set(inspect(project.engine).get_table_names())
    assert {"document", "code", "segment", "coding", "note", "memo", "audit", "coder", "participant",
            "question", "turn", "embedding", "meta", "pseudonym", "coder_document",
            "consensus_decision"} <= tables
    with project.engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    project.close()


def test_project_of_schema_1_opens_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.qualcode"
    con = sqlite3.connect(path)
    con.executescript((DATA / "project_schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    project = Project.open(path)
    with project.engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION
    assert "embedding" in inspect(project.engine).get_table_names()
    assert project.name == "Old study"
    counts = project.queries.counts()
    assert counts["documents"] == 1 and counts["codings"] == 1
    (extract,) = project.queries.codings_of_code(project.codes.find("Conveyor belt").id)
    assert extract.text == "conveyor belt"
    assert extract.citation == "(Maya, 3)"
    # The upgraded project is fully usable.
    question_cols = {c["name"] for c in inspect(project.engine).get_columns("question")}
    assert "blank_count" in question_cols
    project.close()


def test_project_of_schema_2_opens_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "two.qualcode"
    con = sqlite3.connect(path)
    con.executescript((DATA / "project_schema_v2.sql").read_text(encoding="utf-8"))
    con.close()
    project = Project.open(path)
    with project.engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION
    assert "pseudonym" in inspect(project.engine).get_table_names()
    pseudonym_cols = {c["name"] for c in inspect(project.engine).get_columns("pseudonym")}
    assert {"replacement", "kind", "occurrences", "original", "applied_at"} <= pseudonym_cols
    assert project.name == "Schema two study"
    (extract,) = project.queries.codings_of_code(project.codes.find("Being held").id)
    assert extract.text.startswith("Supervision with Helen") and extract.citation == "(Maya, 3)"
    (note,) = project.notes.for_document(extract.document_id)
    assert note.text == "Helen as a container"
    project.close()


def test_project_of_schema_3_opens_upgraded_with_both_coders(tmp_path: Path) -> None:
    path = tmp_path / "three.qualcode"
    con = sqlite3.connect(path)
    con.executescript((DATA / "project_schema_v3.sql").read_text(encoding="utf-8"))
    con.close()
    project = Project.open(path)
    with project.engine.connect() as conn:
        assert read_version(conn) == SCHEMA_VERSION
    tables = set(inspect(project.engine).get_table_names())
    assert {"coder_document", "consensus_decision"} <= tables
    decision_cols = {c["name"] for c in inspect(project.engine).get_columns("consensus_decision")}
    assert {"code_id", "document_id", "start", "end", "unit", "taken", "comment", "coding_ids"} <= decision_cols
    assert project.name == "Schema three study"
    code = project.codes.find("Being held")
    assert code.description == "Feeling contained by others"
    assert sorted(e.coder for e in project.queries.codings_of_code(code.id)) == ["Ann", "Sam"]
    project.close()


def test_a_project_from_a_newer_qualcode_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.qualcode"
    Project.create(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(ProjectError, match="newer qualcode"):
        Project.open(path)


def test_files_that_are_not_projects_are_refused_clearly(tmp_path: Path) -> None:
    junk = tmp_path / "notes.qualcode"
    junk.write_bytes(b"this is not a database at all" * 10)
    with pytest.raises(ProjectError, match="notes.qualcode") as caught:
        Project.open(junk)
    message = str(caught.value)
    assert message.endswith("not a qualcode project (not an SQLite file)")
    assert "\n" not in message and "http" not in message
    with pytest.raises(ProjectError, match="no such project"):
        Project.open(tmp_path / "missing.qualcode")
    empty_db = tmp_path / "empty.qualcode"
    sqlite3.connect(empty_db).execute("CREATE TABLE x (a)").connection.close()
    with pytest.raises(ProjectError, match="not a qualcode project"):
        Project.open(empty_db)


def test_create_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="does not exist"):
        Project.create(tmp_path / "no" / "such" / "p.qualcode")


def test_create_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "p.qualcode"
    Project.create(path).close()
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(path)
