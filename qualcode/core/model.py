"""Plain domain values handed out by the services.

Services return these frozen dataclasses, never ORM rows, so that the GUI
holds no database objects across edits (a must for team projects on a
server, where another coder may change the row meanwhile).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum


class CodeRole(str, Enum):
    """Where a code sits in the analysis; the words are the researchers'."""

    THEME = "theme"  # superordinate theme (IPA) / theme (thematic analysis)
    SUBTHEME = "subtheme"
    CODE = "code"
    EMERGENT = "emergent"  # emergent theme / experiential statement (IPA)

    @property
    def label(self) -> str:
        return {
            "theme": "Superordinate theme",
            "subtheme": "Sub-theme",
            "code": "Code",
            "emergent": "Emergent theme",
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
