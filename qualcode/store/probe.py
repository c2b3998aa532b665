"""Looking at a file before opening it as a project — without writing a byte to it.

SQLite writes to a file as soon as it is opened for writing (the journal
mode, a new header for an empty file), so a file is first looked at through
its header and a read-only connection: another program's database, an empty
file or a damaged project is told apart and refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from qualcode.store.engine import APPLICATION_ID, connect_read_only

SQLITE_HEADER = b"SQLite format 3\x00"


class FileKind(str, Enum):
    EMPTY = "empty"  # zero bytes: not a project, and not written to
    NOT_SQLITE = "not sqlite"  # some other kind of file
    OTHER_APPLICATION = "other application"  # an SQLite file another program marked as its own
    NOT_A_PROJECT = "not a project"  # an SQLite file without qualcode's tables
    PROJECT = "project"


@dataclass(frozen=True)
class FileCheck:
    """What a file is, as far as can be told without writing to it."""

    kind: FileKind
    application_id: int = 0
    schema_version: int | None = None
    #: The first problem ``PRAGMA quick_check`` found (None: none found, or not checked).
    damage: str | None = None

    @property
    def marked_ours(self) -> bool:
        """The header carries qualcode's application id (projects from before it carry 0)."""
        return self.application_id == APPLICATION_ID


def header_application_id(path: str | Path) -> int | None:
    """The ``application_id`` in an SQLite file's header, read as bytes (None: not an SQLite file)."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError:
        return None
    if not head.startswith(SQLITE_HEADER) or len(head) < 72:
        return None
    return int.from_bytes(head[68:72], "big")


def check_file(path: str | Path, integrity: bool = True) -> FileCheck:
    """What the SQLite file at ``path`` holds, read through a read-only connection.

    ``integrity`` runs ``PRAGMA quick_check`` on a project (it reads the whole
    file: a second or so for a large one).  Raises :class:`sqlite3.Error` for
    problems of the file system (I/O errors, a file that cannot be opened).
    """
    if os.path.getsize(path) == 0:
        return FileCheck(FileKind.EMPTY)
    app_id = header_application_id(path)
    if app_id is None:
        return FileCheck(FileKind.NOT_SQLITE)
    if app_id not in (0, APPLICATION_ID):
        return FileCheck(FileKind.OTHER_APPLICATION, app_id)
    con = connect_read_only(path)
    try:
        try:
            has_meta = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone() is not None
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if has_meta else None
        except sqlite3.DatabaseError as exc:
            if app_id == APPLICATION_ID and "malformed" in str(exc):
                return FileCheck(FileKind.PROJECT, app_id, None, str(exc))
            if "not a database" in str(exc) or "malformed" in str(exc):
                return FileCheck(FileKind.NOT_SQLITE, app_id)
            raise
        if row is None:
            return FileCheck(FileKind.NOT_A_PROJECT, app_id)
        try:
            version = int(row[0])
        except (TypeError, ValueError):
            return FileCheck(FileKind.NOT_A_PROJECT, app_id)
        return FileCheck(FileKind.PROJECT, app_id, version, quick_check(con) if integrity else None)
    finally:
        con.close()


def quick_check(con: sqlite3.Connection) -> str | None:
    """The first problem SQLite's ``quick_check`` finds in a database, or None when it is sound."""
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    first = str(rows[0][0]) if rows else "ok"
    return None if first == "ok" else first


def why_not_writable(path: str | Path) -> str | None:
    """Why qualcode may not write the project file at ``path`` (None: it may).

    SQLite writes a log and an index beside the file, so the folder must be
    writable too.  (Run as root, the system lets every write through.)
    """
    file = Path(str(path)).expanduser().resolve()
    try:
        if os.statvfs(file).f_flag & os.ST_RDONLY:
            return "the drive it is on is read-only"
    except (OSError, AttributeError):  # no statvfs (Windows): the access checks below decide
        pass
    if not os.access(file, os.W_OK):
        return "the file is not writable"
    if not os.access(file.parent, os.W_OK | os.X_OK):
        return f"the folder {file.parent} is not writable"
    return None
