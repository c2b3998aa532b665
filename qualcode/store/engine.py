"""Opening a project's database: a SQLite file or any SQLAlchemy URL.

SQLite is opened in WAL mode with foreign keys on and ``synchronous=FULL``:
a researcher's analysis lives for years in one file, so every committed
transaction must survive a crash or a killed process.

A file that cannot be written (read-only file or folder, or the caller's
choice) is opened with SQLite's ``mode=ro``: nothing, not even the journal
mode, is written to it.  A write waits :data:`BUSY_TIMEOUT` seconds for
another program's write lock, then gives up — long enough for an ordinary
write to finish, short enough that the window does not seem frozen.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, QueuePool, create_engine, event

#: ``PRAGMA application_id`` of every qualcode project ("QlCd"): another program's SQLite file is told apart.
APPLICATION_ID = int.from_bytes(b"QlCd", "big")

#: Seconds a write waits for another program's write lock before "database is locked".
BUSY_TIMEOUT = 4.0


def database_url(location: str | Path) -> str:
    """A SQLAlchemy URL for a project path or URL (``postgresql://…`` passes through)."""
    text = str(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def connect_read_only(path: str | Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A connection that cannot write to the file at ``path`` (SQLite's ``mode=ro``).

    A WAL project in a folder nobody may write to has no shared-memory index
    and cannot get one; SQLite then reads it as ``immutable`` (with no log
    beside it, the file alone is the whole project).
    """
    resolved = Path(str(path)).expanduser().resolve()
    options = "mode=ro"
    shm = resolved.with_name(resolved.name + "-shm")
    if not shm.exists() and not os.access(resolved.parent, os.W_OK | os.X_OK):
        options += "&immutable=1"
    return sqlite3.connect(f"file:{quote(str(resolved))}?{options}", uri=True, timeout=timeout,
                           check_same_thread=False)


def make_engine(location: str | Path, read_only: bool = False) -> Engine:
    url = database_url(location)
    if not is_sqlite(url):
        return create_engine(url, pool_pre_ping=True)
    if read_only:
        engine = create_engine("sqlite://", creator=lambda: connect_read_only(location), poolclass=QueuePool)

        @event.listens_for(engine, "connect")
        def _read_only_pragmas(dbapi_connection, _record) -> None:
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA query_only=ON")
            cur.close()

        return engine
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})

    @event.listens_for(engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record) -> None:
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.close()

    return engine
