"""Automatic, rotating backups of a project, in a folder beside it.

``Study.qualcode`` keeps its backups in ``Study.qualcode-backups/``, one
project file each, named by the time it was taken and why
(``2025-03-14_10-02-45-120_batch-import.qualcode``), with a small JSON
sidecar holding the counts ``qualcode backups`` lists.  A backup is taken

* before every bulk operation (batch import, survey, code-sheet, attribute
  and codebook import, merge, anonymise, accepting suggestions): one line at
  each entry point, ``project.backups.before("merge")``;
* on a write, when the latest backup is more than ten minutes old (a new
  project starts its ten minutes when it is created).

The last :data:`DEFAULT_KEEP` are kept (the project setting ``backups_keep``
changes that).  A backup identical to the latest one — nothing written since,
as the audit trail tells — is not taken again, so failed or refused bulk
operations never push the useful backups out of the rotation; nor is a new,
still empty project backed up.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.store.backup import copy_database, table_counts
from qualcode.store.engine import database_url, is_sqlite
from qualcode.store.probe import check_file
from qualcode.store.schema import AuditRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

log = logging.getLogger(__name__)

DEFAULT_KEEP = 20
KEEP_KEY = "backups_keep"
#: Seconds of editing between two automatic backups.
INTERVAL = 600
SUFFIX = ".qualcode"
_STAMP = "%Y-%m-%d_%H-%M-%S"
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2}_\d{2}-\d{2}-\d{2})-(\d{3})_([a-z0-9-]+)\.qualcode$")
_COUNTED = {"documents": "document", "codes": "code", "codings": "coding"}


@dataclass(frozen=True)
class Backup:
    """One backup file, as ``qualcode backups`` lists it."""

    path: Path
    created: datetime
    reason: str
    size: int
    counts: dict[str, int]

    @property
    def name(self) -> str:
        return self.path.name


def backup_folder(project_path: str | Path) -> Path:
    """Where the backups of the project at ``project_path`` go: ``Study.qualcode-backups`` beside it."""
    path = Path(str(project_path)).expanduser().resolve()
    return path.with_name(path.name + "-backups")


def _parse(path: Path) -> tuple[datetime, str] | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    created = datetime.strptime(match[1], _STAMP).replace(microsecond=int(match[2]) * 1000)
    return created, match[3].replace("-", " ")


def _sidecar(path: Path) -> Path:
    return path.with_suffix(".json")


def _read_sidecar(path: Path) -> dict:
    try:
        data = json.loads(_sidecar(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def backup_files(project_path: str | Path) -> list[Path]:
    """The backup files of a project, newest first (by the time in their names)."""
    folder = backup_folder(project_path)
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.match(p.name) and p.is_file()),
                  key=lambda p: p.name, reverse=True)


def describe(path: Path) -> Backup:
    """A backup file with its time, reason, size and counts (counted now if its sidecar is missing)."""
    parsed = _parse(path)
    created, reason = parsed if parsed else (datetime.fromtimestamp(path.stat().st_mtime), "copy")
    side = _read_sidecar(path)
    counts = side.get("counts")
    if not isinstance(counts, dict):
        try:
            counts = {k: v for k, v in zip(_COUNTED, table_counts(path, tuple(_COUNTED.values())).values())}
        except Exception:  # a damaged backup still gets listed, without counts
            counts = {}
    return Backup(path, created, str(side.get("reason") or reason), path.stat().st_size, counts)


def list_backups(project_path: str | Path) -> list[Backup]:
    """Every backup of the project at ``project_path``, newest first."""
    return [describe(p) for p in backup_files(project_path)]


def kept(project_path: str | Path) -> int:
    """How many backups the project keeps, read without opening it for writing (a damaged one: the default)."""
    from qualcode.store.engine import connect_read_only

    try:
        con = connect_read_only(project_path)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = ?", (KEEP_KEY,)).fetchone()
        finally:
            con.close()
        return max(1, int(row[0])) if row else DEFAULT_KEEP
    except Exception:
        return DEFAULT_KEEP


def latest_good(project_path: str | Path) -> Backup | None:
    """The newest backup that opens as a sound project (``PRAGMA quick_check``), if any."""
    from qualcode.store.probe import FileKind

    for path in backup_files(project_path):
        try:
            found = check_file(path)
        except Exception:
            continue
        if found.kind == FileKind.PROJECT and found.damage is None:
            return describe(path)
    return None


def take_backup(project_path: str | Path, reason: str, keep: int = DEFAULT_KEEP, marker: str | None = None) -> Backup:
    """Copy the project at ``project_path`` into its backup folder now, then keep only the newest ``keep``."""
    folder = backup_folder(project_path)
    folder.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", reason.lower()).strip("-") or "backup"
    now = datetime.now()
    while True:
        target = folder / f"{now.strftime(_STAMP)}-{now.microsecond // 1000:03d}_{slug}{SUFFIX}"
        if not target.exists():
            break
        now = datetime.fromtimestamp(now.timestamp() + 0.001)
    copy_database(project_path, target)
    counts = dict(zip(_COUNTED, table_counts(target, tuple(_COUNTED.values())).values()))
    side = {"reason": reason, "created": now.isoformat(timespec="milliseconds"),
            "project": str(Path(str(project_path)).expanduser().resolve()), "counts": counts, "marker": marker}
    partial = _sidecar(target).with_name("." + _sidecar(target).name + ".partial")
    partial.write_text(json.dumps(side, indent=2, ensure_ascii=False), encoding="utf-8")
    partial.replace(_sidecar(target))
    rotate(project_path, keep)
    return Backup(target, now, reason, target.stat().st_size, counts)


def rotate(project_path: str | Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` backups (and their sidecars); returns the ones deleted."""
    old = backup_files(project_path)[max(keep, 1):]
    for path in old:
        for gone in (path, _sidecar(path)):
            try:
                gone.unlink()
            except FileNotFoundError:
                pass
    return old


class BackupService:
    """A project's backups: ``project.backups``."""

    def __init__(self, project: Project) -> None:
        self._project = project
        self._due: float | None = None
        self._guard = threading.Lock()

    @property
    def enabled(self) -> bool:
        """Backups are made of a writable project file (not of a server database)."""
        location = self._project.location
        return (is_sqlite(database_url(location)) and ":memory:" not in location
                and self._project.read_only is None)

    @property
    def keep(self) -> int:
        """How many backups are kept (the project setting ``backups_keep``)."""
        try:
            return max(1, int(self._project.get_meta(KEEP_KEY, str(DEFAULT_KEEP)) or DEFAULT_KEEP))
        except ValueError:
            return DEFAULT_KEEP

    def list(self) -> list[Backup]:
        return list_backups(self._project.location)

    def start_fresh(self) -> None:
        """A new project: its first automatic backup is due after ten minutes of work, not at once."""
        self._due = time.time() + INTERVAL

    def before(self, operation: str) -> Backup | None:
        """Back the project up before a bulk ``operation`` (its reason in the backup's name).

        A read-only project refuses here, before the operation reads anything.
        A backup that cannot be written refuses the operation: it is not done
        without one.
        """
        from qualcode.core.project import ProjectError, ProjectReadOnly, storage_error

        project = self._project
        if project.read_only is not None:
            raise ProjectReadOnly(f"{project.location} is read-only: {project.read_only}; nothing was changed")
        if not self.enabled:
            return None
        try:
            return self._take(operation)
        except OSError as exc:
            raise ProjectError(f"{project.location}: could not back it up before the {operation} "
                               f"({exc.strerror or exc}); nothing was changed") from exc
        except Exception as exc:
            known = storage_error(project.location, exc, f"could not back it up before the {operation}")
            if known is None:
                raise
            raise known from exc

    def on_write(self) -> None:
        """Called before every write: back up when the latest backup is more than ten minutes old."""
        if not self.enabled:
            return
        if self._due is None:
            files = backup_files(self._project.location)
            parsed = _parse(files[0]) if files else None
            self._due = parsed[0].timestamp() + INTERVAL if parsed else 0.0
        if time.time() < self._due or not self._guard.acquire(blocking=False):
            return
        try:
            self._take("editing")
        except Exception:  # editing goes on; the next write tries again in a minute
            log.warning("could not back up %s", self._project.location, exc_info=True)
            self._due = time.time() + 60
        finally:
            self._guard.release()

    def _take(self, reason: str) -> Backup | None:
        with self._project.read() as s:
            newest, count = s.execute(select(func.max(AuditRow.id), func.count(AuditRow.id))).one()
        self._due = time.time() + INTERVAL
        if count <= 1:
            return None  # a project that holds nothing but its creation has nothing to lose
        # What changes with every audited write: the newest audit entry and how many there are.
        marker = f"audit {newest}/{count}"
        files = backup_files(self._project.location)
        if files and _read_sidecar(files[0]).get("marker") == marker:
            return None  # nothing written since the latest backup: it holds this state already
        return take_backup(self._project.location, reason, self.keep, marker)
