"""Rows taken away by a delete or merge, kept by GUID so undo can put them back safely.

Another program (a second window, the CLI) may write the project between a
delete and its undo, and SQLite gives a freed integer id to the next row
inserted: an undo that put rows back "by id" would collide with, or move,
someone else's rows.  A :class:`KeptRow` therefore names itself and every
row it points at by GUID.  :func:`put_back` re-inserts it under its old id
when that id is still free (so the rest of the undo stack keeps finding
it) and under a new one otherwise, and refuses — the caller's transaction
then changes nothing — when a row it pointed at has gone or its GUID is
already in the project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, inspect, select
from sqlalchemy.orm import Session

from qualcode.core.themes.codes import CodeError
from qualcode.store.schema import Base, table_of

#: What a gone row is called in a refusal, by table.
_GONE = {"segment": "a passage it coded has been removed (its codings and notes were taken away)",
         "code": "a code it belonged to has been deleted",
         "coder": "a coder has been removed from the project",
         "document": "a document has been removed from the project"}


class UndoRefused(CodeError):
    """Another writer changed the rows an undo would put back; nothing was changed."""


@dataclass(frozen=True)
class KeptRow:
    """A removed row: its own values, and the GUIDs of the rows its foreign keys pointed at."""

    table: str
    guid: str
    old_id: int
    values: Mapping[str, Any]  # every column but id and the references
    refs: Mapping[str, str | None]  # column → GUID of the row it pointed at (None: nowhere)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _referenced(table: Table, column: str) -> Table | None:
    """The table a foreign-key column points at, when that table has GUIDs."""
    for fk in table.c[column].foreign_keys:
        target = fk.column.table
        if isinstance(target, Table) and "guid" in target.c:
            return target
    return None


def guid_of(s: Session, table: Table, row_id: int | None) -> str | None:
    if row_id is None:
        return None
    return s.scalar(select(table.c.guid).where(table.c.id == row_id))


def id_of(s: Session, table: Table | str, guid: str | None) -> int | None:
    if guid is None:
        return None
    table = _table(table) if isinstance(table, str) else table
    return s.scalar(select(table.c.id).where(table.c.guid == guid))


def keep(s: Session, row: Base) -> KeptRow:
    """Keep a row (before it is deleted), its references as GUIDs."""
    mapper = inspect(row).mapper
    table = table_of(mapper.class_)
    values: dict[str, Any] = {}
    refs: dict[str, str | None] = {}
    for attr in mapper.column_attrs:
        key = attr.key
        if key == "id":
            continue
        target = _referenced(table, key)
        if target is None:
            values[key] = getattr(row, key)
        else:
            refs[key] = guid_of(s, target, getattr(row, key))
    return KeptRow(table.name, row.guid, row.id, values, refs)  # type: ignore[attr-defined]


def put_back(s: Session, rows: Iterable[KeptRow], what: str) -> dict[str, int]:
    """Re-insert kept rows in the order given (parents first); GUID → the id each row got.

    ``what`` names what comes back, in a refusal ("‘Pressure’").
    """
    placed: dict[str, int] = {}
    for kept in rows:
        table = _table(kept.table)
        if id_of(s, table, kept.guid) is not None:
            raise UndoRefused(f"{what} is in the project already (someone else has put it back); "
                              "nothing was changed")
        values = dict(kept.values)
        for column, guid in kept.refs.items():
            if guid is None:
                values[column] = None
                continue
            target = _referenced(table, column)
            assert target is not None
            found = placed.get(guid) or id_of(s, target, guid)
            if found is None:
                raise UndoRefused(f"{what} cannot come back: since it was removed, "
                                  f"{_GONE.get(target.name, 'a row it needs has gone')}; nothing was changed")
            values[column] = found
        if s.scalar(select(table.c.id).where(table.c.id == kept.old_id)) is None:
            values["id"] = kept.old_id
        s.execute(table.insert().values(**values))
        new_id = id_of(s, table, kept.guid)
        assert new_id is not None
        placed[kept.guid] = new_id
    return placed
