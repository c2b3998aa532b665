"""A project as another QDA tool receives it: plain values, apart from any database.

The core service :mod:`qualcode.core.exchange.outgoing` fills these from a
project; :mod:`.project_file` and :mod:`.codebook_file` turn them into
REFI-QDA XML.  Keeping the two apart means the writer can be tested with
values made by hand, and the reader of a project never meets XML.

Positions are those of the document's own text: Unicode code points,
0-based, the end exclusive (``text[start:end]``), as REFI-QDA §10.2 counts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from qualcode.core.model import IncomingCode

#: A code, theme or sub-theme; parents listed first. The same value a REFI-QDA import reads.
ExportedCode = IncomingCode


@dataclass(frozen=True)
class ExportedCoder:
    guid: str
    name: str


@dataclass(frozen=True)
class ExportedDocument:
    """A transcript or a survey answer with its whole text."""

    guid: str
    title: str
    text: str
    created_at: datetime | None = None
    question: str | None = None  # a survey answer: its question's name


@dataclass(frozen=True)
class ExportedCoding:
    """A code on ``text[start:end]`` of a document, by a coder (named by guid)."""

    guid: str
    document_guid: str
    code_guid: str
    start: int
    end: int
    coder_guid: str | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class ExportedNote:
    """An exploratory note (on a span of a document) or a memo (on a code, a document or the project)."""

    guid: str
    title: str
    text: str
    coder_guid: str | None = None
    created_at: datetime | None = None
    document_guid: str | None = None
    code_guid: str | None = None
    start: int | None = None  # set with ``end`` for a note on a span
    end: int | None = None


@dataclass(frozen=True)
class ExportedCase:
    """A participant or respondent: their documents and attribute values (as stored, text)."""

    guid: str
    name: str
    document_guids: tuple[str, ...] = ()
    values: tuple[tuple[str, str], ...] = ()  # (attribute name, value)
    code_guids: tuple[str, ...] = ()  # codes that are this case's own (IPA: personal experiential themes)


@dataclass(frozen=True)
class ExportedSet:
    """A named group of codes or documents, for what has no better home in REFI-QDA."""

    guid: str
    name: str
    description: str = ""
    code_guids: tuple[str, ...] = ()
    document_guids: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExportedLink:
    """A link from one code to another that is not its parent (IPA: a group theme gathering a personal one)."""

    guid: str
    name: str
    origin_guid: str
    target_guid: str


@dataclass
class ExportedProject:
    """Everything written to a ``.qdpx``; ``attributes`` maps each attribute's name to its type."""

    name: str
    coders: list[ExportedCoder] = field(default_factory=list)
    codes: list[ExportedCode] = field(default_factory=list)
    documents: list[ExportedDocument] = field(default_factory=list)
    codings: list[ExportedCoding] = field(default_factory=list)
    notes: list[ExportedNote] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)  # name → "text" | "number" | "category" | "date"
    cases: list[ExportedCase] = field(default_factory=list)
    sets: list[ExportedSet] = field(default_factory=list)
    links: list[ExportedLink] = field(default_factory=list)
    creating_coder_guid: str | None = None
    created_at: datetime | None = None
