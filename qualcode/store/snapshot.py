"""Row snapshots, so that a delete or merge can be undone exactly.

A snapshot keeps every column of a row, ids and guids included; restoring
re-inserts the rows as they were, parents first.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from qualcode.store.schema import Base, table_of


@dataclass(frozen=True)
class RowSnapshot:
    table: str
    values: dict


def snapshot(row: Base) -> RowSnapshot:
    mapper = inspect(row).mapper
    return RowSnapshot(table_of(mapper.class_).name,
                       {c.key: getattr(row, c.key) for c in mapper.column_attrs})


def restore(s: Session, snaps: list[RowSnapshot]) -> None:
    """Insert the rows back in the order given (parents before children)."""
    tables = Base.metadata.tables
    for snap in snaps:
        s.execute(tables[snap.table].insert().values(**snap.values))
