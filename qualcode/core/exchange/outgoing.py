"""A project handed to another QDA tool: read into plain values, written as ``.qdpx`` or ``.qdc``.

The files themselves are written by :mod:`qualcode.io.exchange.qda_xml`; this
module decides what of a project goes where in REFI-QDA's vocabulary:

* every coder is a user; each coding names its coder;
* the codebook keeps its nesting, colours and definitions; a code's role
  (superordinate theme, sub-theme, emergent or personal experiential
  theme), which REFI-QDA has no word for, is a set named after the role
  (``Superordinate themes`` …) whose description is ``qualcode role: theme``;
* transcripts and survey answers are text sources; a survey question is a
  set of its answers;
* exploratory notes are notes on their span, titled by kind (``Descriptive
  note`` …); memos on a code, a document or the project (the journal) are
  notes referred to from it;
* participants and respondents are cases with their documents and
  attribute values, and (IPA) a reference to each personal experiential
  theme of theirs; a group theme's link to a personal theme is a link.
"""

from __future__ import annotations

import os
import uuid
from collections import defaultdict
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from qualcode.core.exchange.levels import ROLE_PREFIX, note_title
from qualcode.core.exchange.questions import QUESTION_PREFIX
from qualcode.core.model import CodeRole
from qualcode.core.progress import IsCancelled, Progress
from qualcode.io.exchange.qda_xml.codebook_file import codebook_xml
from qualcode.io.exchange.qda_xml.project_file import write_qdpx
from qualcode.io.exchange.qda_xml.values import (
    ExportedCase,
    ExportedCode,
    ExportedCoder,
    ExportedCoding,
    ExportedDocument,
    ExportedLink,
    ExportedNote,
    ExportedProject,
    ExportedSet,
)
from qualcode.io.output import write_bytes
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    MemoRow,
    NoteRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
    ThemeLinkRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

_SETS = uuid.UUID("3e0f5c1d-7a92-4b6e-b1d4-8c2a9f60e7b3")  # namespace of the sets' guids


def _role_label(role: str) -> str:
    try:
        return CodeRole(role).label
    except ValueError:
        return role


def _codes(s: Session) -> list[ExportedCode]:
    """The codebook, parents before children, siblings in their order."""
    rows = s.scalars(select(CodeRow).order_by(CodeRow.position, CodeRow.id)).all()
    children: dict[int | None, list[CodeRow]] = defaultdict(list)
    ids = {row.id for row in rows}
    for row in rows:
        children[row.parent_id if row.parent_id in ids else None].append(row)
    guids = {row.id: row.guid for row in rows}
    out: list[ExportedCode] = []
    stack = list(reversed(children[None]))
    while stack:  # a list, not recursion: no codebook is deep enough to exhaust the stack
        row = stack.pop()
        out.append(ExportedCode(row.guid, row.name, guids.get(row.parent_id) if row.parent_id else None,
                                row.role, row.colour, row.description or "", row.inclusion or "",
                                row.exclusion or "", row.example or ""))
        stack.extend(reversed(children[row.id]))
    return out


def _role_sets(codes: list[ExportedCode]) -> list[ExportedSet]:
    """A set per role other than a plain code, so another tool keeps which codes are themes."""
    by_role: dict[str, list[str]] = defaultdict(list)
    for code in codes:
        if code.role != CodeRole.CODE.value:
            by_role[code.role].append(code.guid)
    return [ExportedSet(str(uuid.uuid5(_SETS, f"role:{role}")), f"{_role_label(role)}s",
                        f"{ROLE_PREFIX}{role}", tuple(members)) for role, members in by_role.items()]


def _documents(s: Session) -> tuple[list[ExportedDocument], list[ExportedSet]]:
    """Every document with its text, and a set of answers per survey question."""
    rows = s.execute(select(DocumentRow.guid, DocumentRow.title, DocumentRow.text, DocumentRow.imported_at,
                            QuestionRow.name, QuestionRow.guid, QuestionRow.text)
                     .outerjoin(QuestionRow, DocumentRow.question_id == QuestionRow.id)
                     .order_by(DocumentRow.position, DocumentRow.id)).all()
    documents: list[ExportedDocument] = []
    answers: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for guid, title, text, imported_at, question, question_guid, question_text in rows:
        documents.append(ExportedDocument(guid, title, text or "", imported_at, question))
        if question is not None:
            answers[(question_guid, question, question_text or "")].append(guid)
    sets = [ExportedSet(question_guid, f"{QUESTION_PREFIX}{name}", text, document_guids=tuple(members))
            for (question_guid, name, text), members in answers.items()]
    return documents, sets


def _codings(s: Session) -> list[ExportedCoding]:
    rows = s.execute(select(CodingRow.guid, DocumentRow.guid, CodeRow.guid, SegmentRow.start, SegmentRow.end,
                            CoderRow.guid, CodingRow.created_at)
                     .join(SegmentRow, CodingRow.segment_id == SegmentRow.id)
                     .join(DocumentRow, SegmentRow.document_id == DocumentRow.id)
                     .join(CodeRow, CodingRow.code_id == CodeRow.id)
                     .join(CoderRow, CodingRow.coder_id == CoderRow.id)
                     .order_by(DocumentRow.id, SegmentRow.start, SegmentRow.end, CodingRow.id)).all()
    return [ExportedCoding(*row) for row in rows]


def _notes(s: Session) -> list[ExportedNote]:
    """Exploratory notes on their spans, then memos on codes, documents and the project."""
    coder = aliased(CoderRow)
    notes = [ExportedNote(guid, note_title(kind), text or "", coder_guid, created_at, document_guid,
                          None, start, end)
             for guid, kind, text, coder_guid, created_at, document_guid, start, end in s.execute(
                 select(NoteRow.guid, NoteRow.kind, NoteRow.text, coder.guid, NoteRow.created_at, DocumentRow.guid,
                        SegmentRow.start, SegmentRow.end)
                 .join(SegmentRow, NoteRow.segment_id == SegmentRow.id)
                 .join(DocumentRow, SegmentRow.document_id == DocumentRow.id)
                 .outerjoin(coder, NoteRow.coder_id == coder.id)
                 .order_by(DocumentRow.id, SegmentRow.start, NoteRow.id))]
    memos = s.execute(select(MemoRow.guid, MemoRow.target, MemoRow.title, MemoRow.text, coder.guid,
                             MemoRow.created_at, CodeRow.guid, CodeRow.name, DocumentRow.guid, DocumentRow.title)
                      .outerjoin(coder, MemoRow.coder_id == coder.id)
                      .outerjoin(CodeRow, MemoRow.code_id == CodeRow.id)
                      .outerjoin(DocumentRow, MemoRow.document_id == DocumentRow.id)
                      .order_by(MemoRow.id)).all()
    for guid, target, title, text, coder_guid, created_at, code_guid, code_name, document_guid, document_title \
            in memos:
        on_code = code_guid if target == "code" else None
        on_document = document_guid if target == "document" else None
        if not title:
            title = f"Memo on ‘{code_name}’" if on_code else \
                f"Memo on ‘{document_title}’" if on_document else "Project memo"
        notes.append(ExportedNote(guid, title, text or "", coder_guid, created_at, on_document, on_code))
    return notes


def _cases(s: Session) -> tuple[dict[str, str], list[ExportedCase]]:
    """Attribute types by name, and each participant or respondent with documents and values."""
    attributes = {name: kind for name, kind in s.execute(select(AttributeRow.name, AttributeRow.type)
                                                         .order_by(AttributeRow.id))}
    documents: dict[int | None, list[str]] = defaultdict(list)
    for participant_id, guid in s.execute(select(DocumentRow.participant_id, DocumentRow.guid)
                                          .where(DocumentRow.participant_id.is_not(None))
                                          .order_by(DocumentRow.position, DocumentRow.id)):
        documents[participant_id].append(guid)
    values: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for participant_id, name, value in s.execute(
            select(AttributeValueRow.participant_id, AttributeRow.name, AttributeValueRow.value)
            .join(AttributeRow, AttributeValueRow.attribute_id == AttributeRow.id)
            .order_by(AttributeRow.id)):
        if value is not None and value != "":
            values[participant_id].append((name, value))
    owned: dict[int | None, list[str]] = defaultdict(list)  # IPA: each participant's personal themes
    for participant_id, guid in s.execute(select(CodeRow.participant_id, CodeRow.guid)
                                          .where(CodeRow.participant_id.is_not(None))
                                          .order_by(CodeRow.position, CodeRow.id)):
        owned[participant_id].append(guid)
    cases = [ExportedCase(row.guid, row.pseudonym, tuple(documents[row.id]), tuple(values[row.id]),
                          tuple(owned[row.id]))
             for row in s.scalars(select(ParticipantRow).order_by(ParticipantRow.id))]
    return attributes, cases


def _links(s: Session) -> list[ExportedLink]:
    """IPA: each group theme's link to a personal theme it gathers."""
    group, personal = aliased(CodeRow), aliased(CodeRow)
    rows = s.execute(select(group.guid, personal.guid).select_from(ThemeLinkRow)
                     .join(group, ThemeLinkRow.group_id == group.id)
                     .join(personal, ThemeLinkRow.personal_id == personal.id)
                     .order_by(group.id, personal.id)).all()
    return [ExportedLink(str(uuid.uuid5(_SETS, f"link:{a}:{b}")), "gathers", a, b) for a, b in rows]


def outgoing_project(project: Project) -> ExportedProject:
    """Everything of ``project`` that a ``.qdpx`` carries, read in one go."""
    with project.read() as s:
        codes = _codes(s)
        documents, question_sets = _documents(s)
        attributes, cases = _cases(s)
        return ExportedProject(
            name=project.name,
            coders=[ExportedCoder(guid, name) for guid, name in
                    s.execute(select(CoderRow.guid, CoderRow.name).order_by(CoderRow.id))],
            codes=codes, documents=documents, codings=_codings(s), notes=_notes(s),
            attributes=attributes, cases=cases, sets=_role_sets(codes) + question_sets, links=_links(s))


def export_qdpx(project: Project, path: str | os.PathLike[str], progress: Progress | None = None,
                is_cancelled: IsCancelled | None = None) -> list[str]:
    """Write ``project`` as a REFI-QDA project file at ``path``; returns warnings for the researcher."""
    return write_qdpx(outgoing_project(project), path, reads=(project.location,), progress=progress,
                      is_cancelled=is_cancelled)


def export_qdc(project: Project, path: str | os.PathLike[str]) -> list[str]:
    """Write the codebook as a REFI-QDA codebook file at ``path``; returns warnings for the researcher."""
    with project.read() as s:
        codes = _codes(s)
    data, warnings = codebook_xml(codes, _role_sets(codes), origin="qualcode")
    write_bytes(path, data, reads=(project.location,))
    return warnings
