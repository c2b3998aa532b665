"""Questions researchers ask of their coding, answered in SQL.

Counts are computed by the database (``GROUP BY``), never by loading every
coding into Python, so they stay quick on large projects.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import distinct, func, select

from qualcode.core.model import AuditEntry
from qualcode.core.transcripts.lines import citation, format_line_range
from qualcode.store.schema import (
    AuditRow,
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    NoteRow,
    ParticipantRow,
    QuestionRow,
    SegmentRow,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class Extract:
    """A coded extract with everything needed to show or cite it."""

    coding_id: int
    segment_id: int
    code_id: int
    code_name: str
    coder: str
    document_id: int
    document_title: str
    participant: str | None
    start: int
    end: int
    text: str
    first_line: int
    last_line: int

    @property
    def lines(self) -> str:
        return format_line_range(self.first_line, self.last_line)

    @property
    def citation(self) -> str:
        return citation(self.participant or self.document_title, self.first_line, self.last_line)


@dataclass(frozen=True)
class CodeCounts:
    segments: int
    participants: int


class QueryService:
    def __init__(self, project: Project) -> None:
        self._p = project

    # -- single segments -----------------------------------------------------------
    def segment_text(self, document_id: int, start: int, end: int) -> str:
        return self._p.documents.text(document_id)[start:end]

    def segment_lines(self, document_id: int, start: int, end: int) -> tuple[int, int]:
        return self._p.documents.line_index(document_id).lines_of(start, end)

    def citation(self, document_id: int, start: int, end: int) -> str:
        """``(Pseudonym, 155-157)`` for a span, from the fixed line numbers."""
        first, last = self.segment_lines(document_id, start, end)
        return citation(self._p.documents.participant_label(document_id), first, last)

    # -- extracts ------------------------------------------------------------------
    def _extracts(self, where: list, coders: list[str] | None = None) -> list[Extract]:
        with self._p.read() as s:
            q = (select(CodingRow.id, CodingRow.segment_id, CodingRow.code_id, CodeRow.name, CoderRow.name,
                        SegmentRow.document_id, DocumentRow.title, ParticipantRow.pseudonym,
                        SegmentRow.start, SegmentRow.end)
                 .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                 .join(CodeRow, CodeRow.id == CodingRow.code_id)
                 .join(CoderRow, CoderRow.id == CodingRow.coder_id)
                 .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
                 .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
                 .where(*where)
                 .order_by(DocumentRow.position, DocumentRow.id, SegmentRow.start, CodingRow.id))
            if coders:
                q = q.where(CoderRow.name.in_(coders))
            rows = s.execute(q).all()
        texts = self._p.documents.texts(r[5] for r in rows)
        out = []
        for cid, sid, code_id, code_name, coder, doc_id, title, pseud, start, end in rows:
            first, last = self._p.documents.line_index(doc_id).lines_of(start, end)
            out.append(Extract(cid, sid, code_id, code_name, coder, doc_id, title, pseud, start, end,
                               texts[doc_id][start:end], first, last))
        return out

    def codings_of_code(self, code_id: int, include_descendants: bool = True,
                        coders: list[str] | None = None) -> list[Extract]:
        """Every extract coded with the code (and, by default, the codes below it)."""
        ids = self._p.codes.descendants(code_id) if include_descendants else [code_id]
        return self._extracts([CodingRow.code_id.in_(ids)], coders)

    def codings_of_participant(self, pseudonym: str, coders: list[str] | None = None) -> list[Extract]:
        return self._extracts([ParticipantRow.pseudonym == pseudonym], coders)

    def codings_of_document(self, document_id: int, coders: list[str] | None = None) -> list[Extract]:
        return self._extracts([SegmentRow.document_id == document_id], coders)

    # -- counts --------------------------------------------------------------------
    def code_counts(self, coders: list[str] | None = None) -> dict[int, CodeCounts]:
        """Segments and participants per code, each code counting its descendants.

        A segment or participant under two sub-codes counts once for the parent.
        """
        with self._p.read() as s:
            q = (select(CodingRow.code_id, CodingRow.segment_id, DocumentRow.participant_id)
                 .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                 .join(DocumentRow, DocumentRow.id == SegmentRow.document_id).distinct())
            if coders:
                q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
            pairs = s.execute(q).all()
            parents = {cid: pid for cid, pid in s.execute(select(CodeRow.id, CodeRow.parent_id))}
        segments: dict[int, set[int]] = defaultdict(set)
        people: dict[int, set[int]] = defaultdict(set)
        for code_id, segment_id, participant_id in pairs:
            node: int | None = code_id
            while node is not None:
                segments[node].add(segment_id)
                if participant_id is not None:
                    people[node].add(participant_id)
                node = parents.get(node)
        return {cid: CodeCounts(len(segments.get(cid, ())), len(people.get(cid, ()))) for cid in parents}

    def codings_per_document(self, coders: list[str] | None = None) -> dict[int, int]:
        """How many codings each document carries (the navigator's count column)."""
        with self._p.read() as s:
            q = (select(SegmentRow.document_id, func.count(CodingRow.id))
                 .join(CodingRow, CodingRow.segment_id == SegmentRow.id).group_by(SegmentRow.document_id))
            if coders:
                q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
            return {doc: n for doc, n in s.execute(q)}

    def counts(self) -> dict[str, int]:
        """What ``qualcode info`` prints."""
        with self._p.read() as s:
            def count(col) -> int:
                return s.scalar(select(func.count(distinct(col)))) or 0
            return {
                "documents": count(DocumentRow.id),
                "participants": count(ParticipantRow.id),
                "questions": count(QuestionRow.id),
                "codes": count(CodeRow.id),
                # Segments left without codings or notes (kept for undo) do not count.
                "segments": s.scalar(select(func.count(SegmentRow.id)).where(
                    select(CodingRow.id).where(CodingRow.segment_id == SegmentRow.id).exists()
                    | select(NoteRow.id).where(NoteRow.segment_id == SegmentRow.id).exists())) or 0,
                "codings": count(CodingRow.id),
                "coders": count(CoderRow.id),
            }

    def audit_log(self, limit: int | None = None) -> list[AuditEntry]:
        with self._p.read() as s:
            q = select(AuditRow).order_by(AuditRow.id)
            if limit:
                q = q.limit(limit)
            return [AuditEntry(a.at, a.coder, a.action, a.target_type, a.target_id, json.loads(a.detail))
                    for a in s.scalars(q)]
