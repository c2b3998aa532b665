"""One process's writes to a project file, beside other programs' writes.

Two things make several writers safe on one SQLite file:

* A write transaction takes SQLite's write lock at its first statement
  (``BEGIN IMMEDIATE``), not at its first change.  Otherwise a check that
  reads first ("is this file imported already?", "is there a participant
  P01?") and inserts after can interleave with the same check in another
  process, and both insert.  Only the outermost transaction of a thread
  does so: a nested one (rare) keeps SQLite's lazy begin, as before, so it
  never waits for its own outer transaction.
* A window that shows the project must notice when *another program*
  changed it (an anonymise from the CLI, a second window).  SQLite's
  ``PRAGMA data_version`` on a connection of its own changes whenever any
  other connection committed; this process's own commits are told apart by
  re-reading it right after each of them (:class:`OutsideChanges`).  A
  change committed by another program in the microseconds between one of
  our commits and that re-read would be missed; every other one is seen.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from qualcode.store.engine import connect_read_only, database_url, is_sqlite

_depth = threading.local()  # per thread: file url → how many write transactions are open


def _open_writes(url: str) -> int:
    return getattr(_depth, "open", {}).get(url, 0)


def _count(url: str, step: int) -> None:
    counts = _depth.__dict__.setdefault("open", {})
    counts[url] = counts.get(url, 0) + step


class OutsideChanges:
    """Tells another program's commits to the file from this process's own (``PRAGMA data_version``).

    Nothing is opened until :meth:`watch` (the GUI calls it; the CLI never
    does, so a command pays nothing).  Thread-safe: a worker's write and the
    GUI's poll may meet.
    """

    def __init__(self, location: str) -> None:
        url = database_url(location)
        self._path = Path(location) if is_sqlite(url) and "://" not in location else None
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._seen: int | None = None
        self._pending = False

    def watch(self) -> None:
        """Start watching: from now on :meth:`changed` reports other programs' commits."""
        with self._lock:
            if self._conn is None and self._path is not None:
                self._conn = connect_read_only(self._path, timeout=1.0)
                self._seen = self._version()

    def _version(self) -> int | None:
        if self._conn is None:
            return None
        try:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:  # the file is busy or gone: asked again at the next poll
            return self._seen

    def changed(self) -> bool:
        """True once after another program committed to the file since the last call (a few µs)."""
        with self._lock:
            version = self._version()
            if version != self._seen:
                self._seen, self._pending = version, True
            pending, self._pending = self._pending, False
            return pending

    def before_own_write(self) -> None:
        """Called holding SQLite's write lock: what changed until now was someone else's."""
        with self._lock:
            version = self._version()
            if version != self._seen:
                self._seen, self._pending = version, True

    def after_own_write(self) -> None:
        """Called right after this process committed: that change is not news to it."""
        with self._lock:
            self._seen = self._version()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
            self._conn = None


class FileWrites:
    """How this process writes one project file: the write lock first, own commits noted."""

    def __init__(self, location: str) -> None:
        self.url = database_url(location)
        self.outside = OutsideChanges(location)

    @contextmanager
    def transaction(self, begin: AbstractContextManager[Session]) -> Iterator[Session]:
        """Run ``begin`` (a sessionmaker's ``begin()``) taking SQLite's write lock at once."""
        outermost = _open_writes(self.url) == 0 and is_sqlite(self.url)
        _count(self.url, 1)
        try:
            with begin as session:
                if outermost:
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                    self.outside.before_own_write()
                yield session
        finally:
            _count(self.url, -1)
        if outermost:
            self.outside.after_own_write()

    @contextmanager
    def own_write(self) -> Iterator[None]:
        """Around a write made outside :meth:`transaction` (a VACUUM): this process's own, not news to it.

        Without it the window that pseudonymised a project would report its
        own compaction as "changed by another program".
        """
        self.outside.before_own_write()
        try:
            yield
        finally:
            self.outside.after_own_write()

    def close(self) -> None:
        self.outside.close()
