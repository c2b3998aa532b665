"""Checks on a project file before it is opened for writing.

SQLite writes to a file the moment it is opened for writing, so the file is
first looked at read-only (:mod:`qualcode.store.probe`): an empty file,
another program's database or a damaged project is refused with the file
left exactly as it was, and a file or folder that cannot be written is
opened read-only rather than failing on the first write.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

from qualcode.core.project import ProjectDamaged, ProjectError
from qualcode.store.probe import FileCheck, FileKind, check_file, why_not_writable

_LEFT = "it was left as it was"


def check_before_opening(location: str | Path, read_only: bool = False) -> tuple[FileCheck, str | None]:
    """What the file at ``location`` is, and why it must be opened read-only (None: it may be written).

    Raises :class:`~qualcode.core.project.ProjectError` (the file named, one
    line) for anything that is not a sound qualcode project.
    """
    path = Path(str(location)).expanduser()
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise ProjectError(f"{location}: no such project file") from None
    except OSError as exc:
        raise ProjectError(f"{location}: cannot be read ({exc.strerror or exc})") from exc
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "not an ordinary file"
        raise ProjectError(f"{location}: not a qualcode project ({what})")
    if not os.access(path, os.R_OK):
        raise ProjectError(f"{location}: cannot be read (permission denied)")
    try:
        found = check_file(path)
    except (OSError, sqlite3.Error) as exc:
        raise ProjectError(f"{location}: cannot be read ({exc})") from exc
    if found.kind == FileKind.EMPTY:
        raise ProjectError(f"{location}: the file is empty (0 bytes), not a qualcode project; {_LEFT}")
    if found.kind == FileKind.NOT_SQLITE:
        raise damaged_or_not_ours(location, "not an SQLite file")
    if found.kind == FileKind.OTHER_APPLICATION:
        raise ProjectError(f"{location}: not a qualcode project (another program's SQLite database, application "
                           f"id {found.application_id:#x}); {_LEFT}")
    if found.kind == FileKind.NOT_A_PROJECT:
        raise ProjectError(f"{location}: this file is not a qualcode project (it has no schema version); {_LEFT}")
    if found.damage is not None:
        raise ProjectDamaged(f"{location}: the project file is damaged ({found.damage}); {backup_advice(location)}")
    return found, "opened read-only" if read_only else why_not_writable(path)


def damaged_or_not_ours(location: str | Path, problem: str) -> ProjectError:
    """A file that is no database: a damaged project if it has backups, else simply not a project."""
    from qualcode.core.safety.backups import backup_files

    if backup_files(location):
        return ProjectDamaged(f"{location}: not a qualcode project ({problem}) — if it was one, it is damaged; "
                              f"{backup_advice(location)}")
    return ProjectError(f"{location}: not a qualcode project ({problem})")


def backup_advice(location: str | Path) -> str:
    """Which backup to restore, and how (or that there is none)."""
    from qualcode.core.safety.backups import latest_good

    good = latest_good(location)
    if good is None:
        return "there is no good backup of it"
    return (f"the latest good backup is {good.path} ({good.created:%Y-%m-%d %H:%M}, {good.reason}) — "
            f"restore it with: qualcode restore {location} {good.name}")
