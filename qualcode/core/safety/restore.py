"""Putting a backup back into use.

By default a backup is restored to a *new* file beside the project
(``Study (restored 2025-03-14 10-02).qualcode``), so nothing is overwritten
and the researcher can look before switching.  Restoring over the project
itself happens only when asked, and backs the project up first; the copy is
made through SQLite's online backup, so a window that has the project open
sees either the old content or the restored one, never a mix.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.project import ProjectError
from qualcode.core.safety.backups import (
    Backup,
    backup_files,
    backup_folder,
    describe,
    kept,
    latest_good,
    take_backup,
)
from qualcode.store.backup import copy_database, restore_into
from qualcode.store.migrations import SCHEMA_VERSION
from qualcode.store.probe import FileKind, check_file, why_not_writable


def find_backup(project_path: str | Path, backup: str | Path) -> Backup:
    """The backup called ``backup``: a path, a name in the project's backup folder, or ``latest``."""
    if str(backup) == "latest":
        good = latest_good(project_path)
        if good is None:
            raise NotFound(f"{project_path}: there is no good backup (none in {backup_folder(project_path)})")
        return good
    for candidate in (Path(str(backup)).expanduser(), backup_folder(project_path) / str(backup)):
        if candidate.is_file():
            return describe(candidate)
    names = [p.name for p in backup_files(project_path)[:3]]
    hint = f"; the newest are: {', '.join(names)}" if names else f"; {backup_folder(project_path)} holds none"
    raise NotFound(f"{backup}: no such backup of {project_path}{hint}")


def default_output(project_path: str | Path, backup: Backup) -> Path:
    """Where a backup is restored unless told otherwise: a new file beside the project."""
    path = Path(str(project_path)).expanduser()
    return path.with_name(f"{path.stem} (restored {backup.created:%Y-%m-%d %H-%M-%S}){path.suffix or '.qualcode'}")


def _check_backup(backup: Backup) -> None:
    try:
        found = check_file(backup.path)
    except (OSError, sqlite3.Error) as exc:
        raise ProjectError(f"{backup.path}: the backup cannot be read ({exc})") from exc
    if found.kind != FileKind.PROJECT:
        raise ProjectError(f"{backup.path}: not a qualcode project, so not a backup to restore")
    if found.damage is not None:
        raise ProjectError(f"{backup.path}: this backup is damaged ({found.damage}); choose an older one")
    if found.schema_version is not None and found.schema_version > SCHEMA_VERSION:
        raise ProjectError(f"{backup.path}: this backup was saved by a newer qualcode; update qualcode to restore it")


def restore(project_path: str | Path, backup: str | Path, output: str | Path | None = None,
            replace: bool = False) -> tuple[Path, Backup]:
    """Restore ``backup`` of the project at ``project_path``; returns the file written and the backup.

    To ``output`` (which must not exist) or, by default, a new file beside the
    project; over the project only with ``replace``, after backing it up.
    """
    if replace and output is not None:
        raise InvalidValue("restore either to a new file (-o) or over the project (--replace), not both")
    chosen = find_backup(project_path, backup)
    _check_backup(chosen)
    if not replace:
        target = Path(str(output)).expanduser() if output is not None else default_output(project_path, chosen)
        if target.exists() or target.is_symlink():
            raise ProjectError(f"{target}: a file already exists there; choose another name "
                               "(or --replace to restore over the project)")
        if not target.resolve().parent.is_dir():
            raise ProjectError(f"{target}: the folder {target.parent} does not exist")
        try:
            copy_database(chosen.path, target)
        except (OSError, sqlite3.Error) as exc:
            raise ProjectError(f"{target}: could not write the restored project ({exc})") from exc
        return target, chosen
    return _restore_over(Path(str(project_path)).expanduser(), chosen), chosen


def _restore_over(project: Path, chosen: Backup) -> Path:
    """Restore over the project itself, backing it up first (a damaged one as raw bytes)."""
    if not project.is_file():
        raise ProjectError(f"{project}: no such project file to restore over (restore to a new file with -o)")
    why = why_not_writable(project)
    if why:
        raise ProjectError(f"{project} is read-only: {why}; nothing was changed")
    try:
        damaged = check_file(project).damage is not None
    except (OSError, sqlite3.Error):
        damaged = True
    try:
        take_backup(project, "damaged, before restore" if damaged else "before restore", kept(project))
        sound = True
    except (OSError, sqlite3.Error):
        sound = False
        _keep_damaged(project)
    try:
        if sound:
            restore_into(chosen.path, project)
        else:
            _swap_in(chosen.path, project)
    except sqlite3.Error as exc:
        from qualcode.core.project import storage_error

        known = storage_error(str(project), exc, "could not restore over it")
        raise (known or ProjectError(f"{project}: could not restore over it ({exc})")) from exc
    return project


def _keep_damaged(project: Path) -> None:
    """Copy a project too damaged for SQLite to read, byte for byte, into its backup folder."""
    folder = backup_folder(project)
    folder.mkdir(exist_ok=True)
    kept = folder / f"damaged {project.name}"
    n = 1
    while kept.exists():
        n += 1
        kept = folder / f"damaged ({n}) {project.name}"
    shutil.copy2(project, kept)
    for suffix in ("-wal", "-shm"):
        if Path(str(project) + suffix).exists():
            shutil.copy2(str(project) + suffix, str(kept) + suffix)


def _swap_in(source: Path, project: Path) -> None:
    """Replace a damaged project file by a copy of ``source`` (its log goes too: it belongs to the damage)."""
    fresh = project.with_name(f".{project.name}.restoring")
    if fresh.exists():
        fresh.unlink()
    copy_database(source, fresh)
    os.replace(fresh, project)
    for suffix in ("-wal", "-shm"):
        try:
            Path(str(project) + suffix).unlink()
        except FileNotFoundError:
            pass
