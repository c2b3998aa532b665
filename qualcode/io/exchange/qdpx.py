"""Read a REFI-QDA project (``.qdpx``) as material for a merge.

A ``.qdpx`` is a zip holding ``project.qde`` (QDA-XML, namespace
``urn:QDA-XML:project:1.0``) and the sources under ``Sources/``.  This
reader takes the subset a merge needs: users (coders), the codebook (with
its hierarchy), text sources (with their plain text when the file carries
it) and their text selections with codings.  Everything else — PDF,
picture, audio and video sources, selections without a coding, notes,
sets, graphs — is counted and reported, never silently dropped.

Real exports are untidy (see ``/work/shared/interop/README.md``): ATLAS.ti
names the XML member ``Project.qde`` and flattens the hierarchy into names
like ``Coke::diet Coke``; sources may be missing from the zip.  Positions
are taken as character (code point) offsets into the plain text, as the
standard says.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from qualcode.core.model import Incoming, IncomingCode, IncomingCoding, IncomingDocument
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.codebooks.json_format import MAX_DEPTH
from qualcode.io.safety import MAX_UNZIPPED_BYTES, check_qdpx_file, read_member
from qualcode.io.textnorm import decode_bytes, normalise_newlines

NS = "{urn:QDA-XML:project:1.0}"
OTHER_SOURCES = ("PDFSource", "PictureSource", "AudioSource", "VideoSource")
MAX_XML_BYTES = 200_000_000
_WHOLE_NUMBER = re.compile(r"-?[0-9]+")
_DRIVE = re.compile(r"[A-Za-z]:")
_ENCODINGS = {"cp1252": "Windows-1252", "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16",
              "utf-32": "UTF-32"}


def check_member_names(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a package whose member names point outside it: ``../``, an absolute path, a drive letter.

    qualcode reads members by name and never unpacks them to disk, but a
    name like that only comes from a damaged or hostile file, and another
    tool unpacking it could write anywhere: it is refused, naming the member.
    """
    for name in archive.namelist():
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or _DRIVE.match(name) or ".." in parts:
            raise ImportRefused(path, f"it holds a member named ‘{name[:80]}’, which points outside the project "
                                      "(an absolute path, a drive or ../); qualcode does not read such files")


def _member(archive: zipfile.ZipFile, wanted: str) -> str | None:
    """A zip member by name, ignoring case (``Project.qde`` vs ``project.qde``)."""
    for name in archive.namelist():
        if name.casefold() == wanted.casefold():
            return name
    return None


def _source_text(path: Path, archive: zipfile.ZipFile, element: ElementTree.Element,
                 notes: list[str]) -> str | None:
    """A text source's plain text: inline ``PlainTextContent`` or the file ``plainTextPath`` names.

    The standard says UTF-8; a file that is not is decoded as qualcode decodes
    any text file (a note says how), and one that is not text is refused.
    """
    inline = element.find(f"{NS}PlainTextContent")
    if inline is not None and inline.text is not None:
        return normalise_newlines(inline.text)
    source = element.get("plainTextPath", "")
    if source.startswith("internal://"):
        member = _member(archive, "Sources/" + source.removeprefix("internal://"))
        if member is not None:
            data = read_member(path, archive, member, MAX_UNZIPPED_BYTES)
            if not data:
                return ""
            name = element.get("name") or member
            try:
                decoded = decode_bytes(data, member)
            except ImportRefused as exc:
                raise ImportRefused(path, f"the text of source ‘{name}’ ({member}) cannot be read: "
                                          f"{exc.problem}") from None
            notes += [f"source ‘{name}’: {warning}" for warning in decoded.warnings]
            if decoded.encoding not in ("utf-8", "utf-8-sig"):
                label = _ENCODINGS.get(decoded.encoding, decoded.encoding.replace("_", "-"))
                notes.append(f"source ‘{name}’ was not UTF-8, as the standard asks; its text was read as {label}")
            return normalise_newlines(decoded.text)
    return None


class _Guids:
    """Each guid of one kind seen once: a missing or repeated one is refused, naming it."""

    def __init__(self, path: Path, kind: str) -> None:
        self.path, self.kind, self.seen = path, kind, dict[str, str]()

    def add(self, element: ElementTree.Element, label: str) -> str:
        guid = element.get("guid", "").strip().lower()
        if not guid:
            raise ImportRefused(self.path, f"the {self.kind} {label} has no guid; every {self.kind} in a "
                                           "REFI-QDA project needs one")
        if guid in self.seen:
            raise ImportRefused(self.path, f"two {self.kind}s have the guid {guid} ({self.seen[guid]} and "
                                           f"{label}); each guid must be unique")
        self.seen[guid] = label
        return guid


def _codes(path: Path, codebook: ElementTree.Element, out: list[IncomingCode]) -> None:
    """The codebook's codes, parents first; walked with a list, so no hierarchy can exhaust the stack."""
    guids = _Guids(path, "code")
    stack: list[tuple[ElementTree.Element, str | None, int, str]] = [
        (code, None, 1, "") for code in reversed(codebook.findall(f"{NS}Code"))]
    while stack:
        code, parent_guid, depth, top = stack.pop()
        name = code.get("name", "").strip() or "(unnamed)"
        guid = guids.add(code, f"‘{name}’")
        description = code.find(f"{NS}Description")
        out.append(IncomingCode(guid, name, parent_guid, "code", code.get("color"),
                                (description.text or "").strip() if description is not None else ""))
        children = code.findall(f"{NS}Code")
        if children and depth >= MAX_DEPTH:
            raise ImportRefused(path, f"the codes under ‘{top or name}’ nest more than {MAX_DEPTH} levels deep; "
                                      f"qualcode reads codebooks up to {MAX_DEPTH} levels")
        stack.extend((child, guid, depth + 1, top or name) for child in reversed(children))


def _position(path: Path, selection: ElementTree.Element, attribute: str, source: str) -> int:
    """A selection's ``startPosition`` or ``endPosition``: a whole number of characters.

    Whether it lies inside the text is the merge's question (it knows our
    document); a value that is no number at all makes the file unreadable.
    """
    value = selection.get(attribute)
    if value is None:
        raise ImportRefused(path, f"a text selection in ‘{source}’ has no {attribute}")
    if not _WHOLE_NUMBER.fullmatch(value.strip()):
        raise ImportRefused(path, f"a text selection in ‘{source}’ has {attribute}=\"{value[:40]}\", "
                                  "which is not a character position (a whole number)")
    return int(value)


def read_qdpx(path: str | Path) -> Incoming:
    """The codes, text documents and codings of a ``.qdpx``, with what was left out.

    Refused in one line, changing nothing: a file that is not a REFI-QDA
    project, a code, source or coding without a guid or with another's, a
    position that is not a number, a source whose text cannot be read, codes
    nested more than :data:`MAX_DEPTH` deep.
    """
    path = Path(path)
    check_qdpx_file(path)  # an ordinary file, sizes and ratios within limits, no DTD: before inflating
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused(path, f"not a REFI-QDA project (.qdpx is a zip file): {exc}") from exc
    with archive:
        check_member_names(path, archive)
        member = _member(archive, "project.qde")
        if member is None:
            raise ImportRefused(path, "not a REFI-QDA project: it holds no project.qde")
        if archive.getinfo(member).file_size > MAX_XML_BYTES:
            raise ImportRefused(path, "project.qde is too large to read")
        try:
            root = ElementTree.fromstring(read_member(path, archive, member, MAX_XML_BYTES))
        except ElementTree.ParseError as exc:
            raise ImportRefused(path, f"project.qde is not valid XML ({exc})") from exc
        if root.tag != f"{NS}Project":
            raise ImportRefused(path, "project.qde is not a QDA-XML project (urn:QDA-XML:project:1.0)")
        incoming = Incoming(str(path), root.get("name") or path.stem)
        user_guids = _Guids(path, "user")
        users: dict[str, str] = {}
        for person in root.iter(f"{NS}User"):
            name = person.get("name") or "unknown coder"
            if person.get("guid", "").strip():  # a user nobody can name as a coder does no harm
                users[user_guids.add(person, f"‘{name}’")] = name
        codebook = root.find(f"{NS}CodeBook/{NS}Codes")
        if codebook is not None:
            _codes(path, codebook, incoming.codes)
        left_out: Counter[str] = Counter()
        notes: list[str] = []
        missing_text = 0
        sources = _Guids(path, "source")
        codings = _Guids(path, "coding")
        for source in (child for element in root.findall(f"{NS}Sources") for child in element):
            kind = source.tag.removeprefix(NS)
            if kind != "TextSource":
                what = kind.removesuffix("Source").lower() if kind in OTHER_SOURCES \
                    else f"of a type qualcode does not know ({kind})"
                left_out[f"{what} sources" if kind in OTHER_SOURCES else f"sources {what}"] += 1
                left_out[f"codings in {what} sources" if kind in OTHER_SOURCES
                         else f"codings in sources {what}"] += len(source.findall(f".//{NS}Coding"))
                continue
            title = source.get("name", "").strip()
            guid = sources.add(source, f"‘{title}’" if title else "without a name")
            text = _source_text(path, archive, source, notes)
            if text is None:
                missing_text += 1
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else ""
            incoming.documents.append(IncomingDocument(guid, title or guid, digest, None, text))
            for selection in source.findall(f"{NS}PlainTextSelection"):
                found = selection.findall(f"{NS}Coding")
                if not found:
                    left_out["text selections without a coding"] += 1
                    continue
                start = _position(path, selection, "startPosition", title or guid)
                end = _position(path, selection, "endPosition", title or guid)
                for coding in found:
                    coding_guid = codings.add(coding, f"in ‘{title or guid}’ at characters {start} to {end}")
                    ref = coding.find(f"{NS}CodeRef")
                    if ref is None:
                        left_out["codings without a code"] += 1
                        continue
                    user = coding.get("creatingUser") or selection.get("creatingUser") or ""
                    incoming.codings.append(IncomingCoding(
                        coding_guid, guid, ref.get("targetGUID", "").lower(), start, end,
                        users.get(user.lower(), "unknown coder")))
        notes_element = root.find(f"{NS}Notes")
        if notes_element is not None:
            left_out["notes"] += len(notes_element.findall(f"{NS}Note"))
        if missing_text:
            incoming.not_read.append(f"{missing_text} text sources came without their text: they are matched "
                                     "by guid or name only, and their codings' positions cannot be checked")
        incoming.not_read += notes
        incoming.not_read += [f"{what}: {n}" for what, n in left_out.items() if n]
    return incoming
