"""Opening a project's database: a SQLite file or any SQLAlchemy URL.

SQLite is opened in WAL mode with foreign keys on and ``synchronous=FULL``:
a researcher's analysis lives for years in one file, so every committed
transaction must survive a crash or a killed process.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine, event


def database_url(location: str | Path) -> str:
    """A SQLAlchemy URL for a project path or URL (``postgresql://…`` passes through)."""
    text = str(location)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def make_engine(location: str | Path) -> Engine:
    url = database_url(location)
    if is_sqlite(url):
        engine = create_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:
            cur = dbapi_connection.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True)
