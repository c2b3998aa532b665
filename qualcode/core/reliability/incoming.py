"""What a second analyst brings back: codes, documents and codings, tool-neutral.

A merge reads the second analyst's work into these plain values first,
whether it comes as a qualcode project (:func:`read_qualcode`) or as a
REFI-QDA ``.qdpx`` (:func:`qualcode.io.exchange.qdpx.read_qdpx`), so matching and
merging are written once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from qualcode.store.schema import (
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    NoteRow,
    QuestionRow,
    SegmentRow,
)


@dataclass(frozen=True)
class IncomingCode:
    guid: str
    name: str
    parent_guid: str | None
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
    not_read: list[str] = field(default_factory=list)  # what was left out, in plain words
    notes: int = 0  # exploratory notes, which a merge does not bring


def read_qualcode(path: str | Path) -> Incoming:
    """The codes, documents and codings of a qualcode project file."""
    from qualcode.core.project import Project
    from qualcode.core.reliability.second_coder_copy import ORIGIN_KEY

    with Project.open(path) as other:
        origin_text = other.get_meta(ORIGIN_KEY)
        incoming = Incoming(str(path), other.name, origin=json.loads(origin_text) if origin_text else None)
        incoming.complete_documents = incoming.origin is not None
        with other.read() as s:
            guids = dict(s.execute(select(CodeRow.id, CodeRow.guid)).all())
            for r in s.scalars(select(CodeRow).order_by(CodeRow.id)):
                incoming.codes.append(IncomingCode(r.guid, r.name, guids.get(r.parent_id), r.role, r.colour,
                                                   r.description, r.inclusion, r.exclusion, r.example))
            questions = dict(s.execute(select(QuestionRow.id, QuestionRow.name)).all())
            doc_guids = {}
            for d in s.execute(select(DocumentRow.id, DocumentRow.guid, DocumentRow.title, DocumentRow.source_hash,
                                      DocumentRow.question_id, DocumentRow.text).order_by(DocumentRow.id)):
                doc_guids[d.id] = d.guid
                incoming.documents.append(IncomingDocument(d.guid, d.title, d.source_hash,
                                                           questions.get(d.question_id), d.text))
            rows = s.execute(
                select(CodingRow.guid, SegmentRow.document_id, CodingRow.code_id, SegmentRow.start,
                       SegmentRow.end, CoderRow.name)
                .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                .join(CoderRow, CoderRow.id == CodingRow.coder_id).order_by(CodingRow.id))
            incoming.codings = [IncomingCoding(g, doc_guids[d], guids[c], a, b, who) for g, d, c, a, b, who in rows]
            incoming.notes = len(s.scalars(select(NoteRow.id)).all())
    if incoming.notes:
        incoming.not_read.append(f"{incoming.notes} exploratory notes (a merge brings codings only)")
    return incoming
