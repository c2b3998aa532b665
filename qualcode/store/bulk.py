"""Many rows in one statement: for imports of tens of thousands of answers.

An ORM object costs about a third of a millisecond to build, track and
flush; a 100,000-answer survey (a participant, two attribute values, an
audit row and a document per respondent: half a million objects) spent
about 40 of its 42 seconds there.  Plain rows handed to one ``executemany``
per chunk insert the same thing in a few seconds.  Column defaults (guid,
timestamps) are still filled in per row by SQLAlchemy, so a row inserted
here reads back exactly like one added through the ORM.

Rows inserted here are not in the session's identity map: read them back
with a query (for example ids by a unique key) when they are needed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from itertools import islice
from typing import Any

from sqlalchemy import BindParameter, Table, bindparam, insert
from sqlalchemy.orm import Session

from qualcode.store.schema import Base, new_guid

#: Rows per ``executemany``: large enough to amortise the statement, small
#: enough that a cancel or progress report never waits long.
CHUNK = 5000


def insert_rows(s: Session, model: type[Base], rows: Iterable[Mapping[str, Any]],
                between_chunks: Callable[[int], None] | None = None, chunk: int = CHUNK) -> int:
    """Insert ``rows`` (column name → value) into ``model``'s table; returns how many.

    ``between_chunks(inserted_so_far)`` runs after each chunk: the caller
    reports progress or raises ``Cancelled`` there (the transaction then
    rolls back and nothing is kept).
    """
    table = model.__table__
    assert isinstance(table, Table)
    done = 0
    it = iter(rows)
    while batch := list(islice(it, chunk)):
        s.execute(insert(table), batch)
        done += len(batch)
        if between_chunks is not None:
            between_chunks(done)
    return done


def audit_batch(s: Session) -> str:
    """The transaction's audit batch, as ORM-added audit rows get it (see ``schema.AuditRow``).

    Audit rows inserted in bulk bypass the ORM event that sets it, so they
    take it from here: the audit trail still sees one action per transaction.
    """
    batch: str = s.info.setdefault("audit_batch", new_guid())
    return batch


_id_lists = itertools.count()


def id_list(ids: Iterable[int]) -> BindParameter[Any]:
    """Ids for ``column.in_(...)`` / ``.not_in(...)``, written into the SQL itself.

    A plain list becomes one SQL variable per id, and SQLite refuses a
    statement with more than its variable limit (32,766 in the builds
    Python ships on Windows and macOS): a 100,000-answer survey's
    non-answers can pass that.  Integers written inline have no such limit.
    """
    return bindparam(f"id_list_{next(_id_lists)}", sorted(int(i) for i in ids), expanding=True,
                     literal_execute=True)
