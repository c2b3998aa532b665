"""Schema versions and the steps that upgrade an older project file.

A new project is created from the current models and stamped with
``SCHEMA_VERSION``.  An older project is upgraded step by step, each step in
its own transaction, so a project is never left half-upgraded.  Steps use
SQLAlchemy constructs that work on SQLite and PostgreSQL alike.

Every SQLite project carries qualcode's ``PRAGMA application_id``
(:data:`~qualcode.store.engine.APPLICATION_ID`): set on creation, and on the
first writable opening of a project made before it existed.

To change the schema: edit :mod:`qualcode.store.schema`, add a step here
that brings a project of the previous version to the new one, bump
``SCHEMA_VERSION``, and add the previous version's fixture to the tests.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, select, text

from qualcode.store.engine import APPLICATION_ID
from qualcode.store.schema import (
    Base,
    CoderDocumentRow,
    ConsensusDecisionRow,
    EmbeddingRow,
    JournalEntryRow,
    MetaRow,
    PseudonymRow,
    ThemeLinkRow,
    table_of,
)

SCHEMA_VERSION = 6


def _v1_to_v2(conn: Connection) -> None:
    """Version 2: cached embeddings, and blank-answer counts per question."""
    table_of(EmbeddingRow).create(conn, checkfirst=True)
    columns = {c["name"] for c in inspect(conn).get_columns("question")}
    if "blank_count" not in columns:
        conn.execute(text("ALTER TABLE question ADD COLUMN blank_count INTEGER NOT NULL DEFAULT 0"))


def _v2_to_v3(conn: Connection) -> None:
    """Version 3: the pseudonymisation mapping, in a table of its own."""
    table_of(PseudonymRow).create(conn, checkfirst=True)


def _v3_to_v4(conn: Connection) -> None:
    """Version 4: which documents each coder coded through, and consensus decisions."""
    table_of(CoderDocumentRow).create(conn, checkfirst=True)
    table_of(ConsensusDecisionRow).create(conn, checkfirst=True)


def _v4_to_v5(conn: Connection) -> None:
    """Version 5: IPA in two levels — PETs belong to a participant, GETs link PETs.

    Nothing is moved or renamed: today's superordinate themes and sub-themes
    are the group level (GETs) and emergent themes are the experiential
    statements, as their roles already say.  What cannot be decided for the
    researcher (statements sitting straight under a group theme, themes left
    empty by an earlier accept) is reported by
    :func:`qualcode.core.themes.levels.level_report`, not guessed at.  The
    project keeps the 2009 words it was written in until the researcher
    chooses the 2022 ones.
    """
    columns = {c["name"] for c in inspect(conn).get_columns("code")}
    if "participant_id" not in columns:
        conn.execute(text("ALTER TABLE code ADD COLUMN participant_id INTEGER "
                          "REFERENCES participant(id) ON DELETE SET NULL"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_code_participant_id ON code (participant_id)"))
    table_of(ThemeLinkRow).create(conn, checkfirst=True)
    meta = table_of(MetaRow)
    if conn.execute(select(meta.c.value).where(meta.c.key == "ipa_terms")).first() is None:
        conn.execute(meta.insert().values(key="ipa_terms", value="2009"))


def _v5_to_v6(conn: Connection) -> None:
    """Version 6: the reflexive journal, and which audit rows belong to one action.

    Nothing existing changes: memos stay as they were (they already hold the
    project's, codes', themes' and documents' memos).  Audit rows written
    before the upgrade have no batch, so the audit trail cannot say which of
    their themes an accepted suggestion created; it says so rather than guess.
    """
    table_of(JournalEntryRow).create(conn, checkfirst=True)
    columns = {c["name"] for c in inspect(conn).get_columns("audit")}
    if "batch" not in columns:
        conn.execute(text("ALTER TABLE audit ADD COLUMN batch VARCHAR(36)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_audit_batch ON audit (batch)"))


# UPGRADES[n] upgrades a project of version n to version n + 1.
UPGRADES: dict[int, Callable[[Connection], None]] = {1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5,
                                                     5: _v5_to_v6}


def read_version(conn: Connection) -> int | None:
    if not inspect(conn).has_table("meta"):
        return None
    value = conn.execute(select(MetaRow.value).where(MetaRow.key == "schema_version")).scalar()
    return int(value) if value is not None else None


def _write_version(conn: Connection, version: int) -> None:
    table = table_of(MetaRow)
    updated = conn.execute(
        table.update().where(table.c.key == "schema_version").values(value=str(version))
    ).rowcount
    if not updated:
        conn.execute(table.insert().values(key="schema_version", value=str(version)))


def create_schema(engine: Engine) -> None:
    """Create every table of a new project and stamp the current version."""
    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        _write_version(conn, SCHEMA_VERSION)
        _mark(conn)


def _mark(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def mark_as_project(engine: Engine) -> None:
    """Give a project from before ``application_id`` existed qualcode's mark (nothing if it has it)."""
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as conn:
        if conn.exec_driver_sql("PRAGMA application_id").scalar() == APPLICATION_ID:
            return
    with engine.begin() as conn:
        _mark(conn)


def stored_version(engine: Engine) -> int | None:
    """The schema version the file was written with (``None``: not a qualcode project)."""
    with engine.connect() as conn:
        return read_version(conn)


def upgrade(engine: Engine) -> int:
    """Bring an existing project to ``SCHEMA_VERSION``; return the version it had.

    The caller refuses, in the researcher's words, a file with no version or
    a newer one (:meth:`qualcode.core.project.Project.open`) before calling
    this; here either is a programming error.
    """
    found = stored_version(engine)
    if found is None or found > SCHEMA_VERSION:
        raise ValueError(f"cannot upgrade a project of schema {found} (this qualcode reads 1 to {SCHEMA_VERSION})")
    for version in range(found, SCHEMA_VERSION):
        with engine.begin() as conn:
            UPGRADES[version](conn)
            _write_version(conn, version + 1)
    return found
