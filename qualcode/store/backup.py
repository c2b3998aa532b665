"""Copying a project database through SQLite's online backup API.

The online backup copies the pages of a consistent snapshot while other
connections keep reading and writing (WAL), so a backup can be taken
mid-session without closing the project.  A copy is written to a temporary
file beside its target and renamed into place, so a crash half-way never
leaves a half copy under a backup's name.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from qualcode.store.engine import BUSY_TIMEOUT, connect_read_only


def copy_database(source: str | Path, target: str | Path) -> None:
    """Copy the database at ``source`` to the new file ``target`` (which must not exist).

    Raises :class:`FileExistsError` if ``target`` exists, and
    :class:`sqlite3.Error` if ``source`` cannot be read.
    """
    target = Path(target)
    if target.exists():
        raise FileExistsError(str(target))
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    _remove(partial)
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            # A copy is a single file: no log beside it, whatever the source's journal mode.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
        with open(partial, "rb") as f:
            os.fsync(f.fileno())
        if target.exists():  # someone else got there first; never replace
            raise FileExistsError(str(target))
        os.replace(partial, target)
    finally:
        src.close()
        _remove(partial)
        _remove(partial.with_name(partial.name + "-journal"))


def restore_into(source: str | Path, target: str | Path) -> None:
    """Replace the content of the existing database ``target`` by that of ``source``, in one step.

    Other connections to ``target`` see either the old content or the new,
    never a mix (the backup holds ``target``'s write lock while it copies).
    """
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(target, timeout=BUSY_TIMEOUT)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def table_counts(path: str | Path, tables: tuple[str, ...]) -> dict[str, int]:
    """How many rows each of ``tables`` holds in the database at ``path`` (read-only)."""
    con = connect_read_only(path)
    try:
        return {t: int(con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]) for t in tables}
    finally:
        con.close()


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass
