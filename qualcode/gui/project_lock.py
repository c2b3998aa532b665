"""Which window has a project open: an advisory lock beside the project file.

Two windows on one project both work (each notices the other's changes,
see :mod:`qualcode.gui.session`), but a researcher who opens the same file
twice by mistake should hear of it.  The window holds ``fcntl.flock`` on
``<project>-window.lock`` while the project is open; the operating system
drops the lock when the process ends, so a crash never leaves a stale lock
behind.  The file says which process holds it, for the warning.  The CLI
never takes it (a command may run beside an open window).  Where ``fcntl``
is missing (Windows) or the folder cannot be written, no lock is taken and
no warning given.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


def lock_path(location: str) -> Path:
    return Path(f"{location}-window.lock")


@dataclass
class ProjectLock:
    """The lock this window holds on a project (release it when the project closes)."""

    path: Path
    fd: int

    def release(self) -> None:
        if self.fd < 0:
            return
        try:
            os.ftruncate(self.fd, 0)
            self.path.unlink(missing_ok=True)  # unlinked while held: no other window can hold this file
        except OSError:
            pass
        finally:
            os.close(self.fd)  # closing drops the lock
            self.fd = -1


def take(location: str) -> tuple[ProjectLock | None, str | None]:
    """Lock the project for this window: (the lock, None), or (None, who holds it) when another window does.

    ``(None, None)``: no lock could be taken here (a server URL, a read-only
    folder, no ``fcntl``); the project opens without one.
    """
    if fcntl is None or "://" in location:
        return None, None
    path = lock_path(location)
    for _attempt in range(3):
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None, None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = _read(fd)
            os.close(fd)
            return None, holder or "another qualcode window"
        try:  # the file may have been unlinked by a window closing just now: lock the one on disk
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                os.close(fd)
                continue
        except FileNotFoundError:
            os.close(fd)
            continue
        os.ftruncate(fd, 0)
        os.write(fd, f"qualcode window, process {os.getpid()} on {socket.gethostname()}\n".encode())
        return ProjectLock(path, fd), None
    return None, None


def _read(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        return ""
