"""Survey answers one question at a time, a page at a time.

A survey may hold 50,000 answers; the survey table asks for them in pages
(``answers_page``) as the researcher scrolls, and re-reads the codes of one
answer after each keystroke (``answer_code_ids``).  Pure functions over the
project, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from qualcode.core.model import Coding, DocumentKind
from qualcode.core.participants import parse_attribute
from qualcode.store.schema import (
    AttributeRow,
    AttributeValueRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    ParticipantRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class AnswerRow:
    """One respondent's answer to the question, with who they are and its codes."""

    document_id: int
    respondent_id: int | None
    respondent: str
    text: str
    attributes: dict[str, object] = field(default_factory=dict, compare=False)
    code_ids: tuple[int, ...] = ()


def answer_count(project: Project, question_id: int) -> int:
    with project.read() as s:
        return s.scalar(select(func.count(DocumentRow.id)).where(
            DocumentRow.question_id == question_id, DocumentRow.kind == DocumentKind.ANSWER.value)) or 0


def attribute_names(project: Project, question_id: int) -> list[str]:
    """The attributes the respondents of this question carry, in definition order.

    One EXISTS probe per attribute (there are few), so it stays quick with 50,000 answers.
    """
    with project.read() as s:
        out = []
        for attr_id, name in s.execute(select(AttributeRow.id, AttributeRow.name).order_by(AttributeRow.id)):
            probe = (select(AttributeValueRow.participant_id)
                     .join(DocumentRow, DocumentRow.participant_id == AttributeValueRow.participant_id)
                     .where(AttributeValueRow.attribute_id == attr_id, DocumentRow.question_id == question_id)
                     .limit(1))
            if s.execute(probe).first() is not None:
                out.append(name)
    return out


def answers_page(project: Project, question_id: int, offset: int, limit: int,
                 coders: list[str] | None = None, order: Sequence[int] | None = None) -> list[AnswerRow]:
    """``limit`` answers from ``offset`` in the survey's own order, or in ``order`` (document ids)."""
    with project.read() as s:
        q = (select(DocumentRow.id, DocumentRow.participant_id, ParticipantRow.pseudonym, DocumentRow.title,
                    DocumentRow.text)
             .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
             .where(DocumentRow.question_id == question_id, DocumentRow.kind == DocumentKind.ANSWER.value))
        if order is None:
            rows = s.execute(q.order_by(DocumentRow.position, DocumentRow.id).offset(offset).limit(limit)).all()
        else:  # e.g. least sure first (qualcode.core.surveys.least_sure)
            wanted = list(order[offset:offset + limit])
            found = {r.id: r for i in range(0, len(wanted), 500)
                     for r in s.execute(q.where(DocumentRow.id.in_(wanted[i:i + 500])))}
            rows = [found[d] for d in wanted if d in found]
        people = [r.participant_id for r in rows if r.participant_id is not None]
        attrs: dict[int, dict[str, object]] = {}
        if people:
            for pid, name, type_, value in s.execute(
                    select(AttributeValueRow.participant_id, AttributeRow.name, AttributeRow.type,
                           AttributeValueRow.value)
                    .join(AttributeRow, AttributeRow.id == AttributeValueRow.attribute_id)
                    .where(AttributeValueRow.participant_id.in_(people))):
                attrs.setdefault(pid, {})[name] = parse_attribute(value, type_)
    codes = answer_code_ids(project, [r.id for r in rows], coders)
    return [AnswerRow(r.id, r.participant_id, r.pseudonym or r.title, r.text,
                      attrs.get(r.participant_id or -1, {}), tuple(codes.get(r.id, ())))
            for r in rows]


def answer_code_ids(project: Project, document_ids: list[int],
                    coders: list[str] | None = None) -> dict[int, list[int]]:
    """The codes on each answer (on the whole of it or a part), in order of first use."""
    out: dict[int, list[int]] = {}
    if not document_ids:
        return out
    with project.read() as s:
        for i in range(0, len(document_ids), 500):
            q = (select(SegmentRow.document_id, CodingRow.code_id)
                 .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
                 .where(SegmentRow.document_id.in_(document_ids[i:i + 500]))
                 .order_by(CodingRow.id))
            if coders:
                q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
            for doc_id, code_id in s.execute(q):
                codes = out.setdefault(doc_id, [])
                if code_id not in codes:
                    codes.append(code_id)
    return out


def whole_answer_coding(project: Project, document_id: int, code_id: int,
                        coder: str | None = None) -> Coding | None:
    """The coder's coding of ``code_id`` on the whole answer, if there is one.

    Survey coding toggles a code on the whole answer; this says whether the
    current coder has already put it there.
    """
    name = coder or project.coder_name
    with project.read() as s:
        row = s.execute(
            select(CodingRow.id, CodingRow.guid, CodingRow.segment_id, CodingRow.coder_id, SegmentRow.start,
                   SegmentRow.end, CodingRow.created_at)
            .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
            .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
            .join(CoderRow, CoderRow.id == CodingRow.coder_id)
            .where(SegmentRow.document_id == document_id, CodingRow.code_id == code_id, CoderRow.name == name,
                   SegmentRow.start == 0, SegmentRow.end == DocumentRow.length)).first()
    if row is None:
        return None
    return Coding(row.id, row.guid, row.segment_id, code_id, row.coder_id, document_id, row.start, row.end,
                  row.created_at)


def coded_answer_count(project: Project, question_id: int, coders: list[str] | None = None) -> int:
    """How many answers to the question carry at least one code."""
    q = (select(func.count(func.distinct(DocumentRow.id)))
         .join(SegmentRow, SegmentRow.document_id == DocumentRow.id)
         .join(CodingRow, CodingRow.segment_id == SegmentRow.id)
         .where(DocumentRow.question_id == question_id))
    if coders:
        q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
    with project.read() as s:
        return s.scalar(q) or 0
