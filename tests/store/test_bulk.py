"""Bulk writes and long id lists against SQLite's limits."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, event, select

from qualcode.store.bulk import id_list


def test_an_id_list_longer_than_sqlites_variable_limit_still_runs() -> None:
    engine = create_engine("sqlite://")

    @event.listens_for(engine, "connect")
    def _small_limit(conn: sqlite3.Connection, _record: object) -> None:
        conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 999)  # as in older SQLite builds

    table = Table("t", MetaData(), Column("id", Integer, primary_key=True))
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(table.insert(), [{"id": i} for i in range(5000)])
        left_out = range(0, 5000, 2)  # 2,500 ids: a plain list would need 2,500 variables
        kept = conn.execute(select(table.c.id).where(table.c.id.not_in(id_list(left_out)))).scalars().all()
        assert kept == list(range(1, 5000, 2))
        assert conn.execute(select(table.c.id).where(table.c.id.in_(id_list([3, 1])))).scalars().all() == [1, 3]
