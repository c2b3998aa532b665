"""A qualcode project: one database, its services, its events.

Open or create one with :func:`Project.create` / :func:`Project.open`, then
use the services: ``project.documents``, ``project.codes``, ``project.coding``,
``project.notes``, ``project.participants``, ``project.queries``.  Every
service method that changes something runs in its own short transaction and
writes an audit entry in that same transaction.

Writes are serialised: :meth:`Project.transaction` holds the project file's
write lock (:func:`write_lock`) from its first statement to its commit, so a
background worker and the GUI thread (or two workers) never write at the same
time — the second waits its turn instead of meeting SQLite's "database is
locked".  Reads take no lock (SQLite's WAL lets them run beside a write).

The file is looked at read-only before it is opened
(:mod:`qualcode.core.safety.opening`): another program's database, an empty
file or a damaged project is refused untouched, and a project that cannot be
written opens read-only (:attr:`Project.read_only` says why; every write is
refused in one line).  Another program's write lock, a full disk or an I/O
error become one :class:`ProjectError` line, the transaction rolled back.
Every write may first take an automatic backup (:mod:`qualcode.core.safety.backups`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from qualcode.core.errors import QualcodeError
from qualcode.core.events import Event, EventBus
from qualcode.store.engine import BUSY_TIMEOUT, database_url, is_sqlite, make_engine
from qualcode.store.migrations import SCHEMA_VERSION, create_schema, mark_as_project, stored_version, upgrade
from qualcode.store.schema import AuditRow, CoderRow, MetaRow
from qualcode.store.writing import FileWrites

PROJECT_SUFFIX = ".qualcode"


class ProjectError(QualcodeError):
    """A problem with the project itself, worded for the researcher."""


class ProjectTooNew(ProjectError):
    """The file was written by a newer qualcode; opening it could lose data."""


class ProjectReadOnly(ProjectError):
    """The project cannot be written (its file or folder, or it was opened so); nothing was changed."""


class ProjectBusy(ProjectError):
    """Another program held the project's write lock longer than qualcode waits; nothing was changed."""


class ProjectStorageError(ProjectError):
    """The disk refused a write (full, or an I/O error); the transaction was rolled back."""


class ProjectDamaged(ProjectError):
    """The project file fails SQLite's integrity check; the message names the latest good backup."""


def _reason(exc: DBAPIError) -> str:
    """The database's own words, without SQLAlchemy's statement and web link."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else "unknown error"
    return {"file is not a database": "not an SQLite file",
            "unable to open database file": "the file cannot be opened"}.get(reason, reason)


def _read_only_folder(folder: Path) -> bool:
    """Whether new files cannot be made in ``folder`` (a read-only drive or mount, no permission).

    ``os.access`` is asked first; as root it says yes to a folder chmod'ed
    read-only but no on a read-only mount.  A small probe file settles the rest.
    """
    import errno
    import os
    import tempfile

    if not os.access(folder, os.W_OK):
        return True
    try:
        with tempfile.TemporaryFile(dir=folder):
            return False
    except OSError as exc:
        return exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM)


def storage_error(location: str, exc: BaseException, doing: str = "") -> ProjectError | None:
    """The one line for a database error the researcher can act on (None: not one of those, a bug).

    ``doing`` says what failed ("could not back it up before the merge");
    by default the failure was a write that was rolled back.
    """
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if not isinstance(orig, sqlite3.Error):
        return None
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    doing = f"{doing}; " if doing else ""
    if "locked" in reason or "busy" in reason:
        return ProjectBusy(f"{location}: {doing}another program is writing to this project (the database stayed "
                           f"locked for {BUSY_TIMEOUT:g} s); nothing was changed — try again in a moment")
    if "disk is full" in reason:
        return ProjectStorageError(f"{location}: {doing}the disk is full; nothing was changed — "
                                   "free some space and try again")
    if "disk I/O error" in reason:
        return ProjectStorageError(f"{location}: {doing}the disk reported an error (disk I/O error); nothing "
                                   "was changed — check the drive (or network folder) and try again")
    if "readonly database" in reason:
        return ProjectReadOnly(f"{location} is read-only: the file cannot be written; nothing was changed")
    if "malformed" in reason or "not a database" in reason:
        return ProjectDamaged(f"{location}: {doing}the project file is damaged ({reason}); "
                              f"`qualcode backups {location}` lists its backups")
    if "unable to open database file" in reason:
        return ProjectStorageError(f"{location}: {doing}the file cannot be opened (was it moved, or its drive "
                                   "removed?); nothing was changed")
    return None


_write_locks: dict[str, threading.RLock] = {}
_write_locks_guard = threading.Lock()


def write_lock(location: str | Path) -> threading.RLock:
    """The lock every write to the database at ``location`` holds, one per file in this process.

    One per file rather than per :class:`Project`, so two objects opened on
    the same file are serialised too.  Re-entrant: a thread already writing
    may open a nested transaction without waiting for itself.  Anything that
    writes the file outside :meth:`Project.transaction` (a VACUUM) takes it too.
    """
    key = database_url(location)
    with _write_locks_guard:
        return _write_locks.setdefault(key, threading.RLock())


class Project:
    def __init__(self, engine: Engine, location: str, read_only: str | None = None) -> None:
        from qualcode.core.coding.codings import CodingService
        from qualcode.core.coding.notes import NoteService
        from qualcode.core.participants import ParticipantService
        from qualcode.core.queries import QueryService
        from qualcode.core.safety.backups import BackupService
        from qualcode.core.themes.codes import CodeService
        from qualcode.core.transcripts.documents import DocumentService

        self.engine = engine
        self.location = location
        #: Why the project cannot be written (None: it can); every write is refused with this reason.
        self.read_only = read_only
        self.events = EventBus()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.write_lock = write_lock(location)
        #: SQLite's write lock taken first; other programs' commits told from ours (store.writing).
        self.writes = FileWrites(location)
        self._coder_name: str | None = None
        self._line_width: int | None = None  # a project setting, cached (see set_meta)
        self._coder_id: int | None = None
        self.documents = DocumentService(self)
        self.participants = ParticipantService(self)
        self.codes = CodeService(self)
        self.coding = CodingService(self)
        self.notes = NoteService(self)
        self.queries = QueryService(self)
        self.backups = BackupService(self)

    # -- opening -------------------------------------------------------------
    @classmethod
    def create(cls, location: str | Path, name: str | None = None) -> Project:
        """Create a new, empty project at a path (or SQLAlchemy URL)."""
        url = database_url(location)
        if is_sqlite(url):
            path = Path(str(location))
            if path.exists() and path.stat().st_size:
                raise ProjectError(f"{location}: a file already exists there; choose another name")
            if not path.expanduser().resolve().parent.is_dir():
                raise ProjectError(f"{location}: the folder {path.parent} does not exist")
            if _read_only_folder(path.expanduser().resolve().parent):
                raise ProjectReadOnly(f"{location}: the folder {path.parent} is read-only; "
                                      "choose a folder you can write to")
        engine = make_engine(location)
        try:
            if inspect(engine).has_table("meta"):
                raise ProjectError(f"{location}: already holds a project")
            create_schema(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise ProjectError(f"{location}: cannot create a project there ({_reason(exc)})") from exc
        project = cls(engine, str(location))
        project.backups.start_fresh()
        project.set_meta("name", name or Path(str(location)).stem)
        project.audit_now("create project", "project", None, {"name": project.name})
        return project

    @classmethod
    def open(cls, location: str | Path, read_only: bool = False) -> Project:
        """Open an existing project, upgrading an older schema first.

        A SQLite file is looked at read-only first and refused, untouched, if
        it is not a sound qualcode project.  ``read_only`` (or a file or
        folder that cannot be written) opens it without ever writing to it.
        """
        url = database_url(location)
        why_read_only: str | None = None
        if is_sqlite(url):
            from qualcode.core.safety.opening import check_before_opening

            _found, why_read_only = check_before_opening(location, read_only)
        engine = make_engine(location, read_only=why_read_only is not None)
        try:
            found = stored_version(engine)
            if found is None:
                raise ProjectError(f"{location}: this file is not a qualcode project (it has no schema version)")
            if found > SCHEMA_VERSION:
                raise ProjectTooNew(f"{location}: this project was saved by a newer qualcode (schema {found}; "
                                    f"this one reads up to {SCHEMA_VERSION}). Update qualcode to open it.")
            if why_read_only is None:
                upgrade(engine)
                mark_as_project(engine)
            elif found < SCHEMA_VERSION:
                raise ProjectReadOnly(f"{location} is read-only: {why_read_only}, and it was saved by an older "
                                      "qualcode that must update it before it can be read; open a writable copy")
        except ProjectError:
            engine.dispose()
            raise
        except DBAPIError as exc:
            engine.dispose()
            known = storage_error(str(location), exc, "could not open it")
            raise known or ProjectError(f"{location}: not a qualcode project ({_reason(exc)})") from exc
        return cls(engine, str(location), why_read_only)

    def close(self) -> None:
        self.writes.close()
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: committed as a whole, or not at all.

        Holds :attr:`write_lock` throughout, so a write from another thread
        waits until this one has committed (or rolled back).  Refused at once
        on a read-only project; takes the ten-minute backup when one is due.
        """
        if self.read_only is not None:
            raise ProjectReadOnly(f"{self.location} is read-only: {self.read_only}; nothing was changed")
        self.backups.on_write()
        with self.write_lock:
            try:
                with self.writes.transaction(self._sessions.begin()) as session:
                    yield session
            except (DBAPIError, sqlite3.Error) as exc:
                known = storage_error(self.location, exc)
                if known is None:
                    raise
                raise known from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._sessions() as session:
                yield session
        except (DBAPIError, sqlite3.Error) as exc:
            known = storage_error(self.location, exc, "could not read it")
            if known is None:
                raise
            raise known from exc

    def emit(self, kind: str, ids: tuple[int, ...] = (), document_id: int | None = None) -> None:
        self.events.emit(Event(kind, ids, document_id))

    # -- meta and settings -----------------------------------------------------
    def get_meta(self, key: str, default: str | None = None) -> str | None:
        with self.read() as s:
            value = s.scalar(select(MetaRow.value).where(MetaRow.key == key))
        return default if value is None else value

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as s:
            s.merge(MetaRow(key=key, value=value))
        if key == "line_width":
            self._line_width = None

    @property
    def name(self) -> str:
        return self.get_meta("name") or Path(self.location).stem

    @property
    def line_width(self) -> int:
        """Wrap width for new transcripts' fixed lines (a project setting)."""
        from qualcode.core.transcripts.lines import DEFAULT_WRAP_WIDTH

        if self._line_width is None:
            stored = self.get_meta("line_width")
            self._line_width = DEFAULT_WRAP_WIDTH if stored is None else int(stored)
        return self._line_width

    # -- coder -----------------------------------------------------------------
    @property
    def coder_name(self) -> str:
        # Read once: every audited action asks, and bulk imports audit thousands.
        if self._coder_name is None:
            self._coder_name = self.get_meta("last_coder") or "Researcher"
        return self._coder_name

    def set_coder(self, name: str) -> int:
        """Make ``name`` the coder of the following actions (created if new)."""
        name = name.strip()
        if not name:
            raise ProjectError("a coder needs a name")
        with self.transaction() as s:
            coder_id = self.coder_id_in(s, name)
            s.merge(MetaRow(key="last_coder", value=name))
        self._coder_name, self._coder_id = name, coder_id
        return coder_id

    def coder_id_in(self, s: Session, name: str | None = None) -> int:
        """The id of coder ``name`` (default: the current coder), created if new."""
        name = name or self.coder_name
        if name == self._coder_name and self._coder_id is not None:
            return self._coder_id
        row = s.scalar(select(CoderRow).where(CoderRow.name == name))
        if row is None:
            row = CoderRow(name=name)
            s.add(row)
            s.flush()
        return row.id

    # -- audit -------------------------------------------------------------------
    def audit(self, s: Session, action: str, target_type: str = "", target_id: int | None = None,
              detail: dict | None = None) -> None:
        """Record an action inside the caller's transaction."""
        s.add(AuditRow(coder=self.coder_name, action=action, target_type=target_type,
                       target_id=target_id, detail=json.dumps(detail or {}, ensure_ascii=False)))

    def audit_now(self, action: str, target_type: str = "", target_id: int | None = None,
                  detail: dict | None = None) -> None:
        with self.transaction() as s:
            self.audit(s, action, target_type, target_id, detail)
