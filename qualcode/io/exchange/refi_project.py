"""Read a whole REFI-QDA project (``.qdpx``) for importing it as a project.

:mod:`qualcode.io.exchange.qdpx` reads what a *merge* needs; an import
needs more: who the users are, every code with its colour and description,
the text of each text source (from its plain text, or from its Word or
OpenDocument file when the plain text is missing or empty), every text
selection with its codings, description and note references, the notes,
and the cases with their variables.  All of it comes back as plain values;
the project is changed by :mod:`qualcode.core.transcripts.refi_import`.

Positions (§10.2 of the standard) count Unicode code points, from 0, in
the source's plain text *as the file holds it*:

* a byte-order mark is an encoding mark, not text, and is not counted;
* a CRLF line ending counts two (CR and LF), as in the file; qualcode keeps
  LF only, so every position after a CRLF is moved back by one per CR;
* text written inline in the XML (``PlainTextContent``) has had its literal
  line endings made LF by the XML parser, so those count one; a CR written
  as ``&#13;`` survives parsing and counts as in a file.

Refused in one line, changing nothing: what the merge's reader refuses
(see :mod:`.qdpx`: a member named outside the package, a DOCTYPE or entity,
oversized or lying members, malformed XML, missing or repeated guids), and a
selection no text can hold (a negative position, or ending before it
starts) — the file contradicts itself.  A selection running past the end
of its text (tools differ by a final newline) or in a text re-read from a
Word file is left out by the import and reported with its position.
Whatever else is left out (other kinds of source, unknown elements) is
listed in plain words, never raised.
"""

from __future__ import annotations

import bisect
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from qualcode.core.model import IncomingCode
from qualcode.io.base import ImportRefused
from qualcode.io.exchange.qdpx import (
    MAX_XML_BYTES,
    NS,
    OTHER_SOURCES,
    _codes,
    _Guids,
    _member,
    _position,
    check_member_names,
)
from qualcode.io.safety import MAX_UNZIPPED_BYTES, check_qdpx_file, read_member
from qualcode.io.textnorm import decode_bytes, normalise_newlines, normalise_text

KNOWN = {"Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Links", "Sets", "Graphs", "Description"}
#: Variable types of the standard → qualcode's attribute types.
VARIABLE_TYPES = {"Text": "text", "Boolean": "category", "Integer": "number", "Float": "number",
                  "Date": "date", "DateTime": "date"}


@dataclass
class RefiCoding:
    guid: str
    code_guid: str
    user: str  # the user's name ("" when unknown)


@dataclass
class RefiSelection:
    guid: str
    start: int  # already in qualcode's text (CRLF counted as one)
    end: int
    name: str = ""  # the selected text or its beginning, as some tools write it
    description: str = ""
    codings: list[RefiCoding] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)


@dataclass
class RefiSource:
    guid: str
    title: str
    text: str | None  # None: the file carries no text for it
    text_from: str = ""  # "plain text", "inline text", "Word file" …
    selections: list[RefiSelection] = field(default_factory=list)
    note_guids: list[str] = field(default_factory=list)
    description: str = ""


@dataclass
class RefiNote:
    guid: str
    title: str
    text: str
    user: str = ""  # who wrote it (the project's user name), when the file says


@dataclass
class RefiCase:
    guid: str
    name: str
    values: dict[str, object] = field(default_factory=dict)
    source_guids: list[str] = field(default_factory=list)
    code_guids: list[str] = field(default_factory=list)  # codes that are the case's own (qualcode: its PETs)


@dataclass
class RefiSet:
    """A named group of codes and sources (qualcode writes a code's role, a survey question's answers)."""

    guid: str
    name: str
    description: str = ""
    code_guids: list[str] = field(default_factory=list)
    source_guids: list[str] = field(default_factory=list)


@dataclass
class RefiLink:
    """A link from one item to another (qualcode writes a group theme gathering a personal one)."""

    guid: str
    name: str
    origin_guid: str
    target_guid: str


@dataclass
class RefiProject:
    """A REFI-QDA project as plain values, with what was not read."""

    path: str
    name: str
    users: dict[str, str] = field(default_factory=dict)  # guid → name
    codes: list[IncomingCode] = field(default_factory=list)
    code_notes: dict[str, list[str]] = field(default_factory=dict)  # code guid → note guids
    sources: list[RefiSource] = field(default_factory=list)
    notes: dict[str, RefiNote] = field(default_factory=dict)
    variable_types: dict[str, str] = field(default_factory=dict)  # name → qualcode attribute type
    cases: list[RefiCase] = field(default_factory=list)
    sets: list[RefiSet] = field(default_factory=list)
    links: list[RefiLink] = field(default_factory=list)
    not_read: list[str] = field(default_factory=list)


def _text(element: ElementTree.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _refs(element: ElementTree.Element, tag: str) -> list[str]:
    return [r.get("targetGUID", "").strip().lower() for r in element.findall(f"{NS}{tag}") if r.get("targetGUID")]


class _Archive:
    """The zip's members by name, found whatever the case of ``Sources/`` or the name."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path, self.archive = path, archive

    def member(self, reference: str) -> str | None:
        name = reference.removeprefix("internal://").lstrip("/")
        return _member(self.archive, "sources/" + name) or _member(self.archive, name)

    def read(self, member: str) -> bytes:
        return read_member(self.path, self.archive, member, MAX_UNZIPPED_BYTES)


def _crlf_mapper(raw: str) -> tuple[str, list[int]]:
    """The text without BOM and with LF endings, and where the CRs of its CRLFs stood."""
    if raw.startswith("\ufeff"):
        raw = raw[1:]
    crs = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"] if "\r\n" in raw else []
    return normalise_newlines(raw), crs


def _plain_text(files: _Archive, source: ElementTree.Element, title: str,
                notes: list[str]) -> tuple[str | None, str, list[int]]:
    """(text, where it came from, CR positions to discount) — text None when the file has none."""
    inline = source.find(f"{NS}PlainTextContent")
    if inline is not None and (inline.text or "").strip():
        text, crs = _crlf_mapper(inline.text or "")  # a CRLF written as &#13;&#10; survives parsing: two
        return text, "inline text", crs
    member = files.member(source.get("plainTextPath", "")) if source.get("plainTextPath") else None
    if member is not None:
        data = files.read(member)
        if data.strip():
            decoded = decode_bytes(data, member)
            notes += [f"source ‘{title}’: {w}" for w in decoded.warnings]
            text, crs = _crlf_mapper(decoded.text)
            if text.strip():
                return text, "plain text", crs
    rich = files.member(source.get("richTextPath", "")) if source.get("richTextPath") else None
    if rich is not None:
        suffix = Path(rich).suffix.lower()
        data = files.read(rich)
        if suffix == ".docx":
            from qualcode.io.readers.word import read_docx
            result = read_docx(Path(rich), data)
        elif suffix == ".odt":
            from qualcode.io.readers.opendocument import read_odt
            result = read_odt(Path(rich), data)
        elif suffix == ".pdf":
            from qualcode.io.readers.pdf import read_pdf
            result = read_pdf(Path(rich), data)
        else:
            notes.append(f"source ‘{title}’: its rich text is a {suffix or 'file'} file, which qualcode does not read")
            return None, "", []
        text = normalise_newlines(result.text)
        if text.strip():
            return text, f"its {suffix[1:].upper()} file (the plain text was missing or empty)", []
        return "", f"its plain text and its {suffix[1:].upper()} file, both empty", []
    return None, "", []


def check_span(path: Path, title: str, start: int, end: int, length: int) -> None:
    """Refuse a selection no text can hold: it starts before any text, or after it ends.

    A selection running past the end of its text is different: tools drop
    or add a final newline, so one such selection must not block a whole
    project — the import leaves it out and reports it with its position.
    """
    problem = "starts before the text" if start < 0 else "starts after it ends" if start > end else ""
    if problem:
        raise ImportRefused(path, f"the text selection in ‘{title}’ at characters {start} to {end} {problem}; "
                                  "the file does not match its own text")


def _selection(path: Path, element: ElementTree.Element, title: str, crs: list[int],
               users: dict[str, str], coding_guids: _Guids, length: int | None) -> RefiSelection:
    """A selection with its codings; ``length`` (the file's own text, CRs counted) when positions must fit it."""
    start = _position(path, element, "startPosition", title)
    end = _position(path, element, "endPosition", title)
    if length is not None:
        check_span(path, title, start, end, length)
    if crs:
        start -= bisect.bisect_left(crs, start)
        end -= bisect.bisect_left(crs, end)
    selection = RefiSelection(element.get("guid", "").strip().lower(), start, end, element.get("name", ""),
                              _text(element.find(f"{NS}Description")), note_guids=_refs(element, "NoteRef"))
    for coding in element.findall(f"{NS}Coding"):
        guid = coding_guids.add(coding, f"in ‘{title}’ at characters {start} to {end}")
        ref = coding.find(f"{NS}CodeRef")
        user = (coding.get("creatingUser") or element.get("creatingUser") or "").lower()
        selection.codings.append(RefiCoding(guid, (ref.get("targetGUID", "") if ref is not None else "").lower(),
                                            users.get(user, "")))
    return selection


def _variable_value(element: ElementTree.Element) -> object:
    for child in element:
        kind = child.tag.removeprefix(NS)
        if kind.endswith("Value") and kind != "VariableValue":
            return (child.text or "").strip()
    return None


def _cases(root: ElementTree.Element, project: RefiProject) -> None:
    names: dict[str, str] = {}
    for variable in root.iter(f"{NS}Variable"):
        name = variable.get("name", "").strip()
        if name:
            names[variable.get("guid", "").lower()] = name
            project.variable_types[name] = VARIABLE_TYPES.get(variable.get("typeOfVariable", "Text"), "text")
    for case in root.findall(f"{NS}Cases/{NS}Case"):
        name = case.get("name", "").strip() or case.get("guid", "case")
        values: dict[str, object] = {}
        for value in case.findall(f"{NS}VariableValue"):
            ref = value.find(f"{NS}VariableRef")
            named = names.get(ref.get("targetGUID", "").lower()) if ref is not None else None
            if named:
                values[named] = _variable_value(value)
        project.cases.append(RefiCase(case.get("guid", "").lower(), name, values, _refs(case, "SourceRef"),
                                      _refs(case, "CodeRef")))


def _open(path: Path) -> tuple[zipfile.ZipFile, ElementTree.Element]:
    """The archive and its ``project.qde`` (any case), checked as the merge's reader checks them."""
    check_qdpx_file(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportRefused(path, f"not a REFI-QDA project (.qdpx is a zip file): {exc}") from exc
    try:
        check_member_names(path, archive)
    except ImportRefused:
        archive.close()
        raise
    member = _member(archive, "project.qde")
    if member is None:
        archive.close()
        raise ImportRefused(path, "not a REFI-QDA project: it holds no project.qde")
    try:
        root = ElementTree.fromstring(read_member(path, archive, member, MAX_XML_BYTES))
    except ElementTree.ParseError as exc:
        archive.close()
        raise ImportRefused(path, f"project.qde is not valid XML ({exc})") from exc
    if root.tag != f"{NS}Project":
        archive.close()
        raise ImportRefused(path, "project.qde is not a QDA-XML project (urn:QDA-XML:project:1.0)")
    return archive, root


def read_refi_project(path: str | Path) -> RefiProject:
    """Everything of a ``.qdpx`` that an import can use; refused in one line when unreadable.

    Refused: what :func:`qualcode.io.exchange.qdpx.read_qdpx` refuses (not a
    REFI-QDA project, missing or repeated guids, a position that is no
    number, codes nested too deep).  Listed in ``not_read``: everything else
    qualcode cannot use.
    """
    path = Path(path)
    archive, root = _open(path)
    with archive:
        files = _Archive(path, archive)
        project = RefiProject(str(path), root.get("name") or path.stem)
        user_guids = _Guids(path, "user")
        for person in root.iter(f"{NS}User"):
            if person.get("guid", "").strip():
                project.users[user_guids.add(person, f"‘{person.get('name')}’")] = \
                    (person.get("name") or person.get("id") or "unknown coder").strip()
        codebook = root.find(f"{NS}CodeBook/{NS}Codes")
        if codebook is not None:
            _codes(path, codebook, project.codes)
            for code in codebook.iter(f"{NS}Code"):
                if refs := _refs(code, "NoteRef"):
                    project.code_notes[code.get("guid", "").lower()] = refs
        left_out: Counter[str] = Counter()
        sources, coding_guids = _Guids(path, "source"), _Guids(path, "coding")
        for element in (child for sources_el in root.findall(f"{NS}Sources") for child in sources_el):
            kind = element.tag.removeprefix(NS)
            if kind != "TextSource":
                what = kind.removesuffix("Source").lower() if kind in OTHER_SOURCES else f"‘{kind}’"
                left_out[f"{what} sources (qualcode reads text only)"] += 1
                left_out[f"codings in {what} sources"] += len(element.findall(f".//{NS}Coding"))
                continue
            title = element.get("name", "").strip() or element.get("guid", "")
            guid = sources.add(element, f"‘{title}’")
            try:
                text, text_from, crs = _plain_text(files, element, title, project.not_read)
            except ImportRefused as exc:
                project.not_read.append(f"source ‘{title}’: its text cannot be read ({exc.problem})")
                text, text_from, crs = None, "", []
            if text is not None:
                text = normalise_text(text, title)
            source = RefiSource(guid, title, text, text_from, note_guids=_refs(element, "NoteRef"),
                                description=_text(element.find(f"{NS}Description")))
            # Positions count in the text the file itself carries; in a text re-read from a Word file they may
            # drift, so those are only reported by the import, not refused here.
            own = len(text) + len(crs) if text is not None and text_from in ("plain text", "inline text") else None
            for selection in element.findall(f"{NS}PlainTextSelection"):
                source.selections.append(_selection(path, selection, title, crs, project.users, coding_guids, own))
            for child in element:
                tag = child.tag.removeprefix(NS)
                if tag not in ("PlainTextSelection", "PlainTextContent", "Description", "NoteRef", "VariableValue"):
                    left_out[f"‘{tag}’ in text sources"] += 1
            project.sources.append(source)
        for note in root.findall(f"{NS}Notes/{NS}Note"):
            text = _text(note.find(f"{NS}PlainTextContent")) or _text(note.find(f"{NS}Description"))
            author = project.users.get((note.get("creatingUser") or "").strip().lower(), "")
            project.notes[note.get("guid", "").lower()] = RefiNote(note.get("guid", "").lower(),
                                                                   note.get("name", "").strip(), text, author)
        _cases(root, project)
        for group in root.findall(f"{NS}Sets/{NS}Set"):
            project.sets.append(RefiSet(group.get("guid", "").strip().lower(), group.get("name", "").strip(),
                                        _text(group.find(f"{NS}Description")), _refs(group, "MemberCode"),
                                        _refs(group, "MemberSource")))
        for link in root.findall(f"{NS}Links/{NS}Link"):
            project.links.append(RefiLink(link.get("guid", "").strip().lower(), link.get("name", "").strip(),
                                          link.get("originGUID", "").strip().lower(),
                                          link.get("targetGUID", "").strip().lower()))
        for graphs in root.findall(f"{NS}Graphs"):
            left_out["graphs"] += len(graphs)
        for child in root:
            tag = child.tag.removeprefix(NS)
            if tag not in KNOWN:
                left_out[f"unknown element ‘{tag}’"] += 1
        project.not_read += [f"{what}: {n}" for what, n in left_out.items() if n]
    return project
