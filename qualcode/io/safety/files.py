"""Ordinary files only, of a size named in advance, read without surprises.

``open()`` on a named pipe waits for a writer that never comes, and reading
a link to ``/dev/zero`` never ends; a folder or a socket named ``.txt`` is
no better.  So the kind of file is decided from ``os.stat`` (which follows
links) before anything is opened, and the file is then opened non-blocking
and checked again on the open descriptor, in case it was swapped in
between.  Reading stops one byte past the limit, so a file that grows while
it is read cannot fill the memory either.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from qualcode.io.base import ImportRefused

_CHUNK = 1024 * 1024

_KINDS = (
    (stat.S_ISCHR, "a device (character special file)"),
    (stat.S_ISBLK, "a device (block special file)"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
)


def regular_file_size(path: str | Path) -> int:
    """The size of ``path`` after checking it is an ordinary file, never opening it.

    A folder, device, pipe or socket is refused with what it is; a link is
    followed and its target named, since the name the researcher sees
    (``notes.txt``) says nothing about it.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImportRefused(path, "the file does not exist (was it moved or renamed?)") from None
    except OSError as exc:
        raise ImportRefused(path, f"the file cannot be opened ({exc.strerror or exc})") from None
    _check_kind(path, info.st_mode)
    return info.st_size


def read_regular_file(path: str | Path, limit: int, too_large: str) -> bytes:
    """All bytes of an ordinary file no larger than ``limit``.

    ``too_large`` is the refusal used when the file is over the limit (it
    should name the limit).  The size is checked before reading, and the
    read stops one byte past the limit whatever ``stat`` said.
    """
    path = Path(path)
    if regular_file_size(path) > limit:
        raise ImportRefused(path, too_large)
    fd = _open(path)
    try:
        info = os.fstat(fd)
        _check_kind(path, info.st_mode)
        if info.st_size > limit:
            raise ImportRefused(path, too_large)
        return _read_at_most(path, fd, limit, too_large)
    finally:
        os.close(fd)


@contextmanager
def open_regular_file(path: str | Path) -> Iterator[BinaryIO]:
    """An ordinary file opened for reading (binary, seekable), never a pipe or device.

    For a library that reads a large package by seeking (zipfile), rather
    than all its bytes at once.
    """
    path = Path(path)
    regular_file_size(path)
    fd = _open(path)
    try:
        _check_kind(path, os.fstat(fd).st_mode)
        stream = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with stream:
        yield stream


def _open(path: Path) -> int:
    try:
        # O_NONBLOCK: should a pipe have replaced the file since the stat, open() returns at once.
        return os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise ImportRefused(path, "permission denied: qualcode may not read this file") from None
    except OSError as exc:
        raise ImportRefused(path, f"the file cannot be read ({exc.strerror or exc})") from None


def _read_at_most(path: Path, fd: int, limit: int, too_large: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise ImportRefused(path, too_large)
    except OSError as exc:
        raise ImportRefused(path, f"the file cannot be read ({exc.strerror or exc})") from None
    return b"".join(chunks)


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise ImportRefused(path, "this is a folder, not a file")
    what = next((name for test, name in _KINDS if test(mode)), "not an ordinary file")
    target = _link_target(path)
    where = f"a link to {target}, which is {what}" if target else what
    raise ImportRefused(path, f"this is {where}, not a file; qualcode imports only ordinary files")


def _link_target(path: Path) -> str | None:
    try:
        return os.path.realpath(path) if path.is_symlink() else None
    except OSError:
        return None
