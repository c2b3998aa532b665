"""Writing a file without ever destroying one: every export, mapping and copy goes through here.

A researcher's years of work live in one project file, and a slip of the
keyboard (``-o study.qualcode``) or a second use of the same name (the
mapping being applied, written over by the record of applying it) must not
cost them.  So:

* an output is refused, in one line naming the file, when it is a qualcode
  project (or any SQLite database, or one's journal), a file the command is
  reading, a folder, or anything but an ordinary file — before anything is
  written;
* what is written goes to a temporary folder beside the target and is
  renamed into place (:func:`os.replace`, atomic on one file system), so a
  failure half-way leaves no partial file and the old one intact.

Links are followed: the real file is the one compared and replaced, so a
symbolic or hard link to the project is refused like the project itself.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from qualcode.core.errors import QualcodeError

SQLITE_HEADER = b"SQLite format 3\x00"
_WAL_MAGIC = (b"\x37\x7f\x06\x82", b"\x37\x7f\x06\x83")
_JOURNAL_MAGIC = b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7"
_SIDECARS = ("-wal", "-shm", "-journal")
_CHOOSE = "choose another file name"

Reads = Iterable[str | os.PathLike[str]]


class OutputRefused(QualcodeError):
    """A file qualcode will not write over (a project, an input), or one it could not write."""


def _qualcode_application_id() -> int | None:
    """qualcode's ``PRAGMA application_id`` (None while the store does not declare one)."""
    from qualcode.store import engine

    value = getattr(engine, "APPLICATION_ID", None)
    return value if isinstance(value, int) else None


def _header(path: Path) -> bytes:
    """The first 100 bytes of an ordinary file (b"" if it cannot be read)."""
    try:
        with path.open("rb") as f:
            return f.read(100)
    except OSError:
        return b""


def _database_kind(path: Path) -> str | None:
    """"a qualcode project", "a database" or None, from the SQLite header alone (never opened as a database)."""
    head = _header(path)
    if not head.startswith(SQLITE_HEADER):
        return None
    ours = _qualcode_application_id()
    found = int.from_bytes(head[68:72], "big") if len(head) >= 72 else 0
    # A project from before application_id was set carries 0, as most SQLite files do: both refused.
    return "a qualcode project" if ours is None or found in (0, ours) else "a database"


def _journal_of(path: Path) -> str | None:
    """What ``path`` is the journal of (``study.qualcode-wal``: "the project study.qualcode"), or None."""
    for suffix in _SIDECARS:
        if path.name.endswith(suffix):
            base = path.with_name(path.name[: -len(suffix)])
            if base.is_file() and _database_kind(base):
                return f"the project {base.name}"
    head = _header(path)
    if head[:4] in _WAL_MAGIC or head.startswith(_JOURNAL_MAGIC):
        return "a database"
    return None


def _same(a: Path, b: str | os.PathLike[str]) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def check_output(path: str | os.PathLike[str], reads: Reads = ()) -> Path:
    """Refuse ``path`` as an output if writing it could destroy work; returns the real file to replace.

    ``reads`` are the files the command reads (the project, a mapping being
    applied): writing onto any of them is refused, through any link.  A
    project location that is a database URL, not a file, is skipped.
    """
    shown = os.fspath(path)
    target = Path(os.path.realpath(Path(shown).expanduser()))
    if not os.path.lexists(target):
        return target
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        raise OutputRefused(f"{shown}: cannot be checked ({exc.strerror}); {_CHOOSE}") from exc
    if stat.S_ISDIR(mode):
        raise OutputRefused(f"{shown}: is a folder, not a file; {_CHOOSE}")
    if not stat.S_ISREG(mode):
        raise OutputRefused(f"{shown}: is not an ordinary file (a device, pipe or socket); {_CHOOSE}")
    kind = _database_kind(target)
    if kind:
        raise OutputRefused(f"{shown}: is {kind} — qualcode never writes over one; {_CHOOSE}")
    owner = _journal_of(target)
    if owner:
        raise OutputRefused(f"{shown}: is the journal of {owner} — writing over it would damage it; {_CHOOSE}")
    for source in reads:
        if "://" not in os.fspath(source) and _same(target, source):
            raise OutputRefused(f"{shown}: is a file this command reads — writing over it would destroy it; "
                                f"{_CHOOSE}")
    return target


def check_outputs(paths: Iterable[str | os.PathLike[str]], reads: Reads = ()) -> None:
    """:func:`check_output` for every file a command will write, before it writes the first."""
    reads = tuple(reads)
    for path in paths:
        check_output(path, reads)


@contextmanager
def replacing(path: str | os.PathLike[str], reads: Reads = ()) -> Iterator[Path]:
    """Yield a path to write instead of ``path``; on success it replaces ``path`` in one step.

    The yielded file has ``path``'s own name (libraries and messages see the
    real name and suffix) inside a hidden temporary folder beside it.  If the
    block raises, nothing changes: the partial file is removed and an older
    file at ``path`` is left as it was.  An existing file keeps its permissions.
    """
    reads = tuple(reads)
    shown = os.fspath(path)
    target = check_output(path, reads)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent))
    except OSError as exc:
        raise OutputRefused(f"{shown}: cannot be written there ({exc.strerror or exc}); "
                            f"choose another folder") from exc
    partial = work / target.name
    try:
        try:
            yield partial
        except OSError as exc:  # a full disk, a folder made read-only meanwhile
            raise OutputRefused(f"{shown}: cannot be written ({exc.strerror or exc}); "
                                f"nothing was changed") from exc
        check_output(path, reads)  # again: the target may have changed while this one was written
        try:
            if target.exists():
                shutil.copymode(target, partial)
            _sync(partial)
            os.replace(partial, target)
            _sync(target.parent)
        except OSError as exc:
            raise OutputRefused(f"{shown}: cannot be written ({exc.strerror or exc}); "
                                f"nothing was changed") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _sync(path: Path) -> None:
    """Flush ``path`` (a file or a folder) to disk, where the system allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_bytes(path: str | os.PathLike[str], data: bytes, reads: Reads = ()) -> Path:
    """Write ``data`` to ``path`` through :func:`replacing`; returns ``path``."""
    with replacing(path, reads) as partial:
        partial.write_bytes(data)
    return Path(path)


def write_text(path: str | os.PathLike[str], text: str, reads: Reads = (), encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` through :func:`replacing` (newlines as given); returns ``path``."""
    return write_bytes(path, text.encode(encoding), reads)
