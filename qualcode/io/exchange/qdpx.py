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
import zipfile
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

from qualcode.core.model import Incoming, IncomingCode, IncomingCoding, IncomingDocument
from qualcode.io.base import ImportRefused
from qualcode.io.safety import check_qdpx_file
from qualcode.io.textnorm import normalise_newlines

NS = "{urn:QDA-XML:project:1.0}"
OTHER_SOURCES = ("PDFSource", "PictureSource", "AudioSource", "VideoSource")
MAX_XML_BYTES = 200_000_000


def _member(archive: zipfile.ZipFile, wanted: str) -> str | None:
    """A zip member by name, ignoring case (``Project.qde`` vs ``project.qde``)."""
    for name in archive.namelist():
        if name.casefold() == wanted.casefold():
            return name
    return None


def _source_text(archive: zipfile.ZipFile, element: ElementTree.Element) -> str | None:
    """A text source's plain text: inline ``PlainTextContent`` or the file ``plainTextPath`` names."""
    inline = element.find(f"{NS}PlainTextContent")
    if inline is not None and inline.text is not None:
        return normalise_newlines(inline.text)
    path = element.get("plainTextPath", "")
    if path.startswith("internal://"):
        member = _member(archive, "Sources/" + path.removeprefix("internal://"))
        if member is not None:
            return normalise_newlines(archive.read(member).decode("utf-8-sig"))
    return None


def _codes(parent: ElementTree.Element, parent_guid: str | None, out: list[IncomingCode]) -> None:
    for code in parent.findall(f"{NS}Code"):
        guid = code.get("guid", "").lower()
        description = code.find(f"{NS}Description")
        out.append(IncomingCode(guid, code.get("name", "").strip() or "(unnamed)", parent_guid, "code",
                                code.get("color"), (description.text or "").strip() if description is not None
                                else ""))
        _codes(code, guid, out)


def read_qdpx(path: str | Path) -> Incoming:
    """The codes, text documents and codings of a ``.qdpx``, with what was left out."""
    path = Path(path)
    check_qdpx_file(path)  # an ordinary file, sizes and ratios within limits, no DTD: before inflating
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused(path, f"not a REFI-QDA project (.qdpx is a zip file): {exc}") from exc
    with archive:
        member = _member(archive, "project.qde")
        if member is None:
            raise ImportRefused(path, "not a REFI-QDA project: it holds no project.qde")
        if archive.getinfo(member).file_size > MAX_XML_BYTES:
            raise ImportRefused(path, "project.qde is too large to read")
        try:
            root = ElementTree.fromstring(archive.read(member))
        except ElementTree.ParseError as exc:
            raise ImportRefused(path, f"project.qde is not valid XML ({exc})") from exc
        if root.tag != f"{NS}Project":
            raise ImportRefused(path, "project.qde is not a QDA-XML project (urn:QDA-XML:project:1.0)")
        incoming = Incoming(str(path), root.get("name") or path.stem)
        users = {u.get("guid", "").lower(): u.get("name") or "unknown coder"
                 for u in root.iter(f"{NS}User")}
        codebook = root.find(f"{NS}CodeBook/{NS}Codes")
        if codebook is not None:
            _codes(codebook, None, incoming.codes)
        left_out: Counter[str] = Counter()
        missing_text = 0
        for source in root.iterfind(f"{NS}Sources/{NS}TextSource"):
            guid = source.get("guid", "").lower()
            text = _source_text(archive, source)
            if text is None:
                missing_text += 1
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else ""
            incoming.documents.append(IncomingDocument(guid, source.get("name", "") or guid, digest, None, text))
            for selection in source.findall(f"{NS}PlainTextSelection"):
                codings = selection.findall(f"{NS}Coding")
                if not codings:
                    left_out["text selections without a coding"] += 1
                for coding in codings:
                    ref = coding.find(f"{NS}CodeRef")
                    if ref is None:
                        left_out["codings without a code"] += 1
                        continue
                    user = coding.get("creatingUser") or selection.get("creatingUser") or ""
                    incoming.codings.append(IncomingCoding(
                        coding.get("guid", "").lower(), guid, ref.get("targetGUID", "").lower(),
                        int(selection.get("startPosition", 0)), int(selection.get("endPosition", 0)),
                        users.get(user.lower(), "unknown coder")))
        for kind in OTHER_SOURCES:
            for source in root.iterfind(f"{NS}Sources/{NS}{kind}"):
                left_out[f"{kind.removesuffix('Source').lower()} sources"] += 1
                left_out[f"codings in {kind.removesuffix('Source').lower()} sources"] += len(
                    source.findall(f".//{NS}Coding"))
        notes = root.find(f"{NS}Notes")
        if notes is not None:
            left_out["notes"] += len(notes.findall(f"{NS}Note"))
        if missing_text:
            incoming.not_read.append(f"{missing_text} text sources came without their text: they are matched "
                                     "by guid or name only, and their codings' positions cannot be checked")
        incoming.not_read += [f"{what}: {n}" for what, n in left_out.items() if n]
    return incoming
