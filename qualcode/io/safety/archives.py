"""Zip packages (.docx, .xlsx, .odt, .qdpx) checked before anything is inflated.

A zip's central directory declares every member's size, so a bomb — a few
megabytes that inflate to gigabytes — shows itself before a byte is
inflated: too many members, too large a total, or a member that shrank more
than any real document does.  Those are checked first, on the declared
numbers, and the count is read from the end record before ``zipfile`` builds
its list, since ten million members would fill the memory on their own.

Declared sizes are not trusted alone.  Every member is then streamed once,
counting the bytes that really come out and stopping one chunk past what
was declared (``zipfile`` itself never returns more than the declared size,
and checks the CRC at the end), so a forged small size is refused as a
damaged file instead of reaching a library.  The same pass reads the start
of every XML part: a DOCTYPE can only stand before the root element, so
reading up to the root is enough to refuse one — python-docx parses without
resolving entities and would silently drop the text behind them.
"""

from __future__ import annotations

import struct
import zipfile
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from xml.parsers import expat

from qualcode.io.base import ImportRefused
from qualcode.io.safety.files import open_regular_file

MB = 1024 * 1024
#: The most a package may hold once unzipped, all members together.
MAX_UNZIPPED_BYTES = 200 * MB
#: The most members a package may hold.
MAX_MEMBERS = 10_000
#: The most a member may have shrunk (unzipped size / zipped size).
MAX_RATIO = 100
#: Members smaller than this are not held to the ratio: a bomb needs size.
RATIO_GRACE_BYTES = 1 * MB
#: The members of a .qdpx that qualcode inflates: the project and plain-text sources.
QDPX_READ = (".qde", ".txt")
#: A project exported from a survey holds one source per answer.
QDPX_MAX_MEMBERS = 100_000
_CD_BYTES_PER_MEMBER = 1024  # generous: a name, an extra field and a comment
_CHUNK = 64 * 1024
_SUPPORTED = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_DTD_MARKS = tuple(
    mark.encode(encoding) for mark in ("<!DOCTYPE", "<!ENTITY") for encoding in ("ascii", "utf-16-le", "utf-16-be")
)


def check_archive(path: str | Path, archive: zipfile.ZipFile, *, only: tuple[str, ...] | None = None,
                  max_members: int = MAX_MEMBERS) -> None:
    """Refuse ``archive`` (opened from ``path``) if it breaks a limit or carries a DTD.

    Call it after the archive is opened and before any library reads it.
    ``only`` limits the size checks to members whose names end so — the
    members the reader will inflate (a REFI-QDA project may carry a video
    it never reads).
    """
    path = Path(path)
    members = [info for info in archive.infolist() if not info.is_dir()]
    if len(members) > max_members:
        raise ImportRefused(path, _too_many(len(members), max_members))
    if only is not None:
        members = [info for info in members if info.filename.lower().endswith(only)]
    _check_declared(path, members)
    for info in members:
        _stream_member(path, archive, info)


def check_archive_file(path: str | Path) -> None:
    """:func:`check_archive` for a reader that opens an office package by its path itself."""
    kind = Path(path).suffix.lstrip(".") or "zip"
    _check_file(path, None, MAX_MEMBERS, f"the file is damaged or is not a .{kind} package (not a zip file)")


def check_qdpx_file(path: str | Path) -> None:
    """:func:`check_archive` for a REFI-QDA project: the project XML and the text sources only.

    A project exported from a survey holds one source per answer, so it may
    hold ten times as many members as an office document.
    """
    _check_file(path, QDPX_READ, QDPX_MAX_MEMBERS, "not a REFI-QDA project (.qdpx is a zip file, and this is not one)")


def _check_file(path: str | Path, only: tuple[str, ...] | None, max_members: int, damaged: str) -> None:
    path = Path(path)
    with open_regular_file(path) as stream:
        _check_end_record(path, stream, max_members)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
            raise ImportRefused(path, damaged) from None
        with archive:
            check_archive(path, archive, only=only, max_members=max_members)


def open_checked(path: str | Path, data: bytes, damaged: str) -> zipfile.ZipFile:
    """``data`` opened as a zip after every check in :func:`check_archive`.

    ``damaged`` is the refusal for bytes that are not a zip at all.
    """
    path = Path(path)
    _check_end_record(path, BytesIO(data), MAX_MEMBERS)
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise ImportRefused(path, damaged) from None
    try:
        check_archive(path, archive)
    except BaseException:
        archive.close()
        raise
    return archive


def read_member(path: str | Path, archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes, refused once more than ``limit`` bytes come out."""
    path = Path(path)
    out = BytesIO()
    try:
        with archive.open(name) as stream:
            while chunk := stream.read(_CHUNK):
                out.write(chunk)
                if out.tell() > limit:
                    raise ImportRefused(path, f"{name} unzips to more than {limit // MB or 1} MB, the most qualcode reads")
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        raise ImportRefused(path, f"the file is damaged: {name} cannot be unzipped ({exc})") from None
    return out.getvalue()


def _check_end_record(path: Path, stream: BinaryIO, max_members: int) -> None:
    """Member count and directory size from the end record, before ``zipfile`` lists them."""
    size = stream.seek(0, 2)
    stream.seek(max(0, size - (22 + 65_535)))
    tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return  # not a zip: zipfile says so, and the caller words it
    entries, cd_size = struct.unpack("<xxxxxxxxxxHI", tail[at:at + 16])
    locator = tail[at - 20:at] if at >= 20 else b""
    if locator.startswith(b"PK\x06\x07"):
        (offset,) = struct.unpack("<Q", locator[8:16])
        stream.seek(offset)
        record = stream.read(56)
        if record.startswith(b"PK\x06\x06") and len(record) == 56:
            entries, cd_size = struct.unpack("<QQ", record[32:48])
    stream.seek(0)
    if entries > max_members or cd_size > max_members * _CD_BYTES_PER_MEMBER:
        raise ImportRefused(path, _too_many(max(entries, cd_size // _CD_BYTES_PER_MEMBER), max_members))


def _check_declared(path: Path, members: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in members)
    if total > MAX_UNZIPPED_BYTES:
        raise ImportRefused(
            path, f"it unzips to {total / MB:,.0f} MB; qualcode reads packages of up to "
            f"{MAX_UNZIPPED_BYTES // MB} MB unzipped (a zip bomb, or a document too large to code)",
        )
    for info in members:
        if info.flag_bits & 0x1:
            raise ImportRefused(path, "the file is password-protected (encrypted); remove the password and "
                                      "import it again")
        if info.compress_type not in _SUPPORTED:
            raise ImportRefused(path, f"{info.filename} is packed with a compression method qualcode cannot read")
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > RATIO_GRACE_BYTES and ratio > MAX_RATIO:
            raise ImportRefused(
                path, f"{info.filename} shrank {ratio:,.0f} times when zipped; qualcode refuses members "
                f"compressed more than {MAX_RATIO} times (a zip bomb, not a real document)",
            )


def _too_many(count: int, most: int = MAX_MEMBERS) -> str:
    return (f"it holds {count:,} files; qualcode reads packages of at most {most:,} "
            "(a zip bomb, not a real document)")


def _stream_member(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Inflate one member with a cap, checking its XML prolog on the way."""
    limit = info.file_size
    seen = 0
    prolog: _PrologScan | None = None
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                seen += len(chunk)
                if seen > limit:
                    raise ImportRefused(path, f"the file is damaged: {info.filename} holds more than it declares "
                                              f"({limit:,} bytes)")
                if prolog is None and seen == len(chunk):
                    prolog = _PrologScan() if _looks_like_xml(chunk) else None
                if prolog is not None and prolog.feed(chunk):
                    raise ImportRefused(
                        path, f"the file contains a DOCTYPE/entity declaration (in {info.filename}), which "
                        "qualcode does not read; files saved by Word, Excel, LibreOffice or a QDA program "
                        "have none — save it again there and import that copy",
                    )
    except (zipfile.BadZipFile, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as exc:
        raise ImportRefused(path, f"the file is damaged: {info.filename} cannot be unzipped ({exc})") from None
    if seen != limit:
        raise ImportRefused(path, f"the file is damaged: {info.filename} is shorter than it declares")


def _looks_like_xml(chunk: bytes) -> bool:
    head = chunk[:16].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n")
    return head.startswith((b"<", b"\x00<"))


class _PrologScan:
    """Feeds an XML part to expat until the root element: True if a DTD comes first."""

    def __init__(self) -> None:
        self.done = False
        self.head = b""
        self._parser = expat.ParserCreate()
        self._parser.StartDoctypeDeclHandler = self._dtd
        self._parser.EntityDeclHandler = self._dtd
        self._parser.StartElementHandler = self._root

    def feed(self, chunk: bytes) -> bool:
        if self.done:
            return False
        if len(self.head) < MB:
            self.head += chunk
        try:
            self._parser.Parse(chunk, False)
        except _Doctype:
            return True
        except _Root:
            self.done = True
        except expat.ExpatError:
            # Not XML expat can read (an unknown encoding, say): a plain search decides.
            self.done = True
            return any(mark in self.head for mark in _DTD_MARKS)
        return False

    @staticmethod
    def _dtd(*_args: object) -> None:
        raise _Doctype

    @staticmethod
    def _root(*_args: object) -> None:
        raise _Root


class _Doctype(Exception):
    """A DOCTYPE or entity declaration came before the root element."""


class _Root(Exception):
    """The root element started: no DOCTYPE can follow."""
