"""Light reads the coding workbench makes after every keystroke.

The workbench re-reads a document's codings each time one changes, so this
read must cost a few milliseconds even with a thousand codings: it selects
plain columns (no ORM objects) and returns the same :class:`Coding` values
the services hand out.  Counts are grouped in SQL, never in Python loops.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import distinct, func, select

from qualcode.core.model import Coding, Note, NoteKind, SpeakerTurn
from qualcode.store.schema import CoderRow, CodingRow, DocumentRow, NoteRow, SegmentRow, TurnRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


def document_codings(project: Project, document_id: int, coders: list[str] | None = None) -> list[Coding]:
    """Every coding in a document in text order, optionally of some coders only."""
    q = (select(CodingRow.id, CodingRow.guid, CodingRow.segment_id, CodingRow.code_id, CodingRow.coder_id,
                SegmentRow.start, SegmentRow.end, CodingRow.created_at)
         .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
         .where(SegmentRow.document_id == document_id)
         .order_by(SegmentRow.start, SegmentRow.end, CodingRow.id))
    if coders:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
    with project.read() as s:
        rows = s.connection().execute(q).all()  # Core rows: no ORM bookkeeping per row
    return [Coding(cid, guid, seg, code, coder, document_id, start, end, created)
            for cid, guid, seg, code, coder, start, end, created in rows]


def document_spans(project: Project, document_id: int,
                   coders: list[str] | None = None) -> list[tuple[int, int, int, int, int]]:
    """``(coding id, code id, coder id, start, end)`` for each coding: what painting needs, nothing more.

    Re-read after every coding action, so it is kept to five integer columns.
    """
    q = (select(CodingRow.id, CodingRow.code_id, CodingRow.coder_id, SegmentRow.start, SegmentRow.end)
         .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
         .where(SegmentRow.document_id == document_id))
    if coders:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
    with project.read() as s:
        return [(cid, code, coder, a, b) for cid, code, coder, a, b in s.connection().execute(q)]


def document_notes(project: Project, document_id: int) -> list[Note]:
    """The exploratory notes of a document in text order (plain columns, no ORM objects)."""
    q = (select(NoteRow.id, NoteRow.guid, NoteRow.segment_id, NoteRow.kind, NoteRow.text,
                SegmentRow.start, SegmentRow.end)
         .join(SegmentRow, SegmentRow.id == NoteRow.segment_id)
         .where(SegmentRow.document_id == document_id)
         .order_by(SegmentRow.start, NoteRow.id))
    with project.read() as s:
        rows = s.connection().execute(q).all()
    return [Note(nid, guid, seg, NoteKind(kind), text, document_id, start, end)
            for nid, guid, seg, kind, text, start, end in rows]


def document_turns(project: Project, document_id: int) -> list[SpeakerTurn]:
    """A document's speaker turns in order (plain columns: a long interview has hundreds)."""
    q = (select(TurnRow.start, TurnRow.end, TurnRow.speaker, TurnRow.is_interviewer, TurnRow.timestamp)
         .where(TurnRow.document_id == document_id).order_by(TurnRow.start))
    with project.read() as s:
        return [SpeakerTurn(*row) for row in s.connection().execute(q)]


def coder_names(project: Project) -> list[str]:
    """Everyone who has coded in this project, by name."""
    with project.read() as s:
        return list(s.scalars(select(CoderRow.name).order_by(CoderRow.name)))


def coder_names_by_id(project: Project) -> dict[int, str]:
    with project.read() as s:
        return {cid: name for cid, name in s.execute(select(CoderRow.id, CoderRow.name))}


def codings_per_question(project: Project, coders: list[str] | None = None) -> dict[int, int]:
    """How many answers to each survey question carry at least one coding."""
    q = (select(DocumentRow.question_id, func.count(distinct(DocumentRow.id)))
         .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
         .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
         .where(DocumentRow.question_id.is_not(None))
         .group_by(DocumentRow.question_id))
    if coders:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
    with project.read() as s:
        return {qid: n for qid, n in s.execute(q) if qid is not None}  # the query already drops None; this tells mypy
