"""Plain domain values handed out by the services.

Services return these frozen dataclasses, never ORM rows, so that the GUI
holds no database objects across edits (a must for team projects on a
server, where another coder may change the row meanwhile).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class CodeRole(str, Enum):
    """Where a code sits in the analysis; the words are the researchers'."""

    THEME = "theme"  # superordinate theme (IPA) / theme (thematic analysis)
    SUBTHEME = "subtheme"
    CODE = "code"
    EMERGENT = "emergent"  # emergent theme / experiential statement (IPA)
    PERSONAL = "personal"  # personal experiential theme, PET (IPA): one participant's statements

    @property
    def label(self) -> str:
        return {
            "theme": "Superordinate theme",
            "subtheme": "Sub-theme",
            "code": "Code",
            "emergent": "Emergent theme",
            "personal": "Personal experiential theme",
        }[self.value]


class NoteKind(str, Enum):
    """The three kinds of exploratory note in IPA, plus a free note."""

    DESCRIPTIVE = "descriptive"
    LINGUISTIC = "linguistic"
    CONCEPTUAL = "conceptual"
    FREE = "free"


class DocumentKind(str, Enum):
    TRANSCRIPT = "transcript"
    ANSWER = "answer"


@dataclass(frozen=True)
class Coder:
    id: int
    guid: str
    name: str


@dataclass(frozen=True)
class Participant:
    id: int
    guid: str
    pseudonym: str
    kind: str = "participant"
    attributes: dict[str, object] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Question:
    id: int
    guid: str
    name: str
    text: str
    blank_count: int


@dataclass(frozen=True)
class Document:
    """A document without its text (the text is loaded only when opened)."""

    id: int
    guid: str
    title: str
    kind: DocumentKind
    source_name: str
    source_hash: str
    imported_at: datetime
    participant_id: int | None
    question_id: int | None
    length: int
    line_width: int


@dataclass(frozen=True)
class SpeakerTurn:
    start: int
    end: int
    speaker: str
    is_interviewer: bool
    timestamp: str | None = None


@dataclass(frozen=True)
class Code:
    id: int
    guid: str
    name: str
    role: CodeRole
    colour: str
    parent_id: int | None
    position: int = 0
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    participant_id: int | None = None  # set on a personal experiential theme (PET): whose it is


@dataclass(frozen=True)
class CodebookEntry:
    """One code of a codebook file: where it sits and how it is defined.

    ``parent`` is the path of names above the code (empty at the top).  A
    codebook lists parents before their children, siblings in order.  The
    counts are written on export only; an import ignores them.
    """

    name: str
    parent: tuple[str, ...] = ()
    role: CodeRole = CodeRole.CODE
    colour: str | None = None  # None: the parent's colour, or the next of the palette
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""
    guid: str = ""
    segments: int | None = None
    participants: int | None = None
    participant: str = ""  # a PET's participant, by pseudonym (IPA)
    links: tuple[str, ...] = ()  # a group theme's or sub-theme's PETs, by guid (IPA)

    @property
    def path(self) -> tuple[str, ...]:
        return (*self.parent, self.name)


@dataclass(frozen=True)
class Codebook:
    """A codebook as plain values: what a codebook file holds, apart from any project."""

    name: str
    entries: tuple[CodebookEntry, ...] = ()


@dataclass(frozen=True)
class Segment:
    id: int
    guid: str
    document_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Coding:
    """A code on a segment by a coder, with what a list or export needs."""

    id: int
    guid: str
    segment_id: int
    code_id: int
    coder_id: int
    document_id: int
    start: int
    end: int
    created_at: datetime | None = None


@dataclass(frozen=True)
class Note:
    id: int
    guid: str
    segment_id: int
    kind: NoteKind
    text: str
    document_id: int
    start: int
    end: int


@dataclass(frozen=True)
class Memo:
    id: int
    target: str
    code_id: int | None
    document_id: int | None
    title: str
    text: str


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    coder: str
    action: str
    target_type: str
    target_id: int | None
    detail: dict


# -- what a second analyst brings back (a qualcode copy or a REFI-QDA project), tool-neutral --

@dataclass(frozen=True)
class IncomingCode:
    """A code as exchanged with another tool, either way; ``parent_guid`` None at the top.

    The REFI-QDA writer uses the same value (``qualcode.io.exchange.qda_xml.values.ExportedCode``).
    """

    guid: str
    name: str
    parent_guid: str | None = None
    role: str = "code"
    colour: str | None = None
    description: str = ""
    inclusion: str = ""
    exclusion: str = ""
    example: str = ""


@dataclass(frozen=True)
class IncomingDocument:
    """A document of the other project; ``text`` None when the file did not carry it."""

    guid: str
    title: str
    source_hash: str = ""
    question: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class IncomingCoding:
    guid: str
    document_guid: str
    code_guid: str
    start: int
    end: int
    coder: str


@dataclass
class Incoming:
    """Everything a merge may take from the other project, and what it could not read."""

    path: str
    name: str
    codes: list[IncomingCode] = field(default_factory=list)
    documents: list[IncomingDocument] = field(default_factory=list)
    codings: list[IncomingCoding] = field(default_factory=list)
    origin: dict | None = None  # the copy's record of where it came from (qualcode copies)
    complete_documents: bool = False  # every document was the coder's to code through (a prepared copy)
    covered: list[str] | None = None  # guids of the documents the second coder coded through (a prepared copy)
    covered_how: str = ""  # "marked done in the copy" or how it was inferred
    not_read: list[str] = field(default_factory=list)  # what was left out, in plain words
    notes: int = 0  # exploratory notes, which a merge does not bring
    owners: dict[str, str] = field(default_factory=dict)  # a PET's guid → its participant's pseudonym (IPA)
    links: list[tuple[str, str]] = field(default_factory=list)  # (GET or sub-theme guid, PET guid) (IPA)


# -- pseudonymisation: a real name and what replaces it ----------------------------------------

#: The kinds of real name a pseudonym replaces, in the order a mapping lists them.
NAME_KINDS = ("person", "place", "organisation", "other")


@dataclass
class MappingEntry:
    """One real name and what replaces it, with where it occurs."""

    original: str
    replacement: str
    kind: str = "person"
    count: int = 0  # whole-word occurrences in the project's documents
    example: str = ""  # the first occurrence in context
    example_at: tuple[int, int] = (0, 0)  # where the name sits in ``example``
    where: str = ""  # its citation, e.g. "(Maya, 208)"
    accepted: bool = True


@dataclass(frozen=True)
class StoredPseudonym:
    """A replacement made in the project, for the ethics record (the original only where kept)."""

    replacement: str
    kind: str
    occurrences: int
    original: str | None
    applied_at: str


# -- a code's path as one line of text ----------------------------------------------
# Code sheets and Excel codebooks head a column or fill a cell with a code's
# path, its names from the top joined by ``/``.  Real codebooks have names
# with a slash in them ("Accreditation/regulation", "IAPT Team/Services"), so
# the path escapes them, in one rule used everywhere a path is written or read:
#
# * a ``/`` inside a name is written ``\/``;
# * a ``\`` inside a name is written ``\\``;
# * every other character (quotes, ``>``, emoji, any length) is written as it is.
#
# ``Workload/Accreditation\/regulation`` is the code "Accreditation/regulation"
# under "Workload".  Reading is lenient: a backslash before any other character
# is kept as it is, so a path typed by hand with a single backslash in a name
# ("a\b") still reads as that name.  Spaces around each name are dropped.

PATH_SEPARATOR = "/"
PATH_ESCAPE = "\\"


def escape_name(name: str) -> str:
    """One name as it appears inside a path."""
    return name.replace(PATH_ESCAPE, PATH_ESCAPE * 2).replace(PATH_SEPARATOR, PATH_ESCAPE + PATH_SEPARATOR)


def join_path(names: Iterable[str]) -> str:
    """``("Workload", "A/B")`` → ``"Workload/A\\/B"``; :func:`split_path` gives the names back."""
    return PATH_SEPARATOR.join(escape_name(n) for n in names)


def split_path(text: str) -> list[str]:
    """The names of a path (the rule above); empty names (``"a//b"``, a trailing ``/``) are dropped."""
    names: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == PATH_ESCAPE and i + 1 < len(text) and text[i + 1] in (PATH_ESCAPE, PATH_SEPARATOR):
            current.append(text[i + 1])
            i += 2
            continue
        if ch == PATH_SEPARATOR:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    names.append("".join(current))
    return [n.strip() for n in names if n.strip()]
