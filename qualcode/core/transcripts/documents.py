"""Documents: transcripts and survey answers, with their fixed lines and turns."""

from __future__ import annotations

import builtins  # the service's own list() method shadows the builtin in annotations
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import NotFound, QualcodeError
from qualcode.core.model import Document, DocumentKind, Question, SpeakerTurn
from qualcode.core.transcripts.lines import LineIndex, compute_line_starts, normalise_text
from qualcode.store.schema import DocumentRow, ParticipantRow, QuestionRow, TurnRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


class DuplicateDocument(QualcodeError):
    """The same file (same content hash) is already in the project."""


def to_document(row: DocumentRow) -> Document:
    return Document(
        id=row.id, guid=row.guid, title=row.title, kind=DocumentKind(row.kind),
        source_name=row.source_name, source_hash=row.source_hash, imported_at=row.imported_at,
        participant_id=row.participant_id, question_id=row.question_id, length=row.length,
        line_width=row.line_width,
    )


@dataclass(frozen=True)
class TurnSpec:
    """A speaker turn to store with a new document (offsets in code points)."""

    start: int
    end: int
    speaker: str
    is_interviewer: bool = False
    timestamp: str | None = None


class DocumentService:
    def __init__(self, project: Project) -> None:
        self._p = project
        self._line_cache: dict[int, LineIndex] = {}

    # -- adding ------------------------------------------------------------------
    def add_transcript(
        self,
        title: str,
        text: str,
        turns: Sequence[TurnSpec] = (),
        participant: str | None = None,
        source_name: str = "",
        source_hash: str = "",
        line_width: int | None = None,
    ) -> Document:
        """Add a transcript; its lines are numbered now and never again."""
        with self._p.transaction() as s:
            row = self.add_transcript_in(s, title, text, turns, participant, source_name,
                                         source_hash, line_width)
            doc = to_document(row)
        self._p.emit(events.DOCUMENTS_CHANGED, (doc.id,))
        if participant:
            self._p.emit(events.PARTICIPANTS_CHANGED)
        return doc

    def add_transcript_in(
        self, s: Session, title: str, text: str, turns: Sequence[TurnSpec] = (),
        participant: str | None = None, source_name: str = "", source_hash: str = "",
        line_width: int | None = None,
    ) -> DocumentRow:
        """The same inside the caller's transaction (batch imports)."""
        if source_hash and s.scalar(select(DocumentRow.id).where(DocumentRow.source_hash == source_hash)):
            existing = s.scalar(select(DocumentRow.title).where(DocumentRow.source_hash == source_hash))
            raise DuplicateDocument(f"already imported (same content as ‘{existing}’)")
        if text != normalise_text(text):
            raise ValueError("document text must be normalised (LF line endings, no BOM)")
        width = line_width or self._p.line_width
        participant_id = None
        if participant:
            participant_id = self._p.participants.ensure_in(s, participant).id
        position = (s.scalar(select(func.max(DocumentRow.position))) or 0) + 1
        row = DocumentRow(
            title=title, kind=DocumentKind.TRANSCRIPT.value, text=text,
            line_starts=json.dumps(compute_line_starts(text, width)), line_width=width,
            length=len(text), source_name=source_name, source_hash=source_hash,
            participant_id=participant_id, position=position,
        )
        s.add(row)
        s.flush()
        for t in turns:
            if not (0 <= t.start <= t.end <= len(text)):
                raise ValueError(f"turn {t.speaker!r} lies outside the text")
            s.add(TurnRow(document_id=row.id, start=t.start, end=t.end, speaker=t.speaker,
                          is_interviewer=t.is_interviewer, timestamp=t.timestamp))
        self._p.audit(s, "import document", "document", row.id,
                      {"title": title, "source": source_name, "participant": participant})
        return row

    def add_answer_in(self, s: Session, question_id: int, participant_id: int, text: str,
                      title: str, source_name: str = "", position: int = 0,
                      line_width: int | None = None) -> DocumentRow:
        """A survey answer: one document per non-empty answer, under its question.

        A batch import passes ``line_width`` (read once): reading the project
        setting for each of 10,000 answers took most of the import's time.
        """
        text = normalise_text(text)
        width = line_width or self._p.line_width
        row = DocumentRow(
            title=title, kind=DocumentKind.ANSWER.value, text=text,
            line_starts=json.dumps(compute_line_starts(text, width)), line_width=width,
            length=len(text), source_name=source_name, source_hash="",
            participant_id=participant_id, question_id=question_id, position=position,
        )
        s.add(row)
        return row

    # -- reading -----------------------------------------------------------------
    def questions(self) -> list[tuple[Question, int]]:
        """Survey questions in order, each with its number of (non-blank) answers."""
        with self._p.read() as s:
            rows = s.execute(
                select(QuestionRow, func.count(DocumentRow.id))
                .outerjoin(DocumentRow, DocumentRow.question_id == QuestionRow.id)
                .group_by(QuestionRow.id).order_by(QuestionRow.position, QuestionRow.id)).all()
            return [(Question(q.id, q.guid, q.name, q.text, q.blank_count), n) for q, n in rows]

    def list(self, kind: DocumentKind | None = None, question_id: int | None = None) -> list[Document]:
        with self._p.read() as s:
            q = select(DocumentRow).order_by(DocumentRow.position, DocumentRow.id)
            if kind is not None:
                q = q.where(DocumentRow.kind == kind.value)
            if question_id is not None:
                q = q.where(DocumentRow.question_id == question_id)
            return [to_document(r) for r in s.scalars(q)]

    def get(self, document_id: int) -> Document:
        with self._p.read() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFound(f"no document {document_id} in this project (it may have been deleted)")
            return to_document(row)

    def by_title(self, title: str) -> Document:
        with self._p.read() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.title == title))
            if row is None:
                raise NotFound(f"no document called ‘{title}’ in this project")
            return to_document(row)

    def text(self, document_id: int) -> str:
        with self._p.read() as s:
            text = s.scalar(select(DocumentRow.text).where(DocumentRow.id == document_id))
        if text is None:
            raise NotFound(f"no document {document_id} in this project (it may have been deleted)")
        return text

    def texts(self, document_ids: Iterable[int]) -> dict[int, str]:
        ids = list(set(document_ids))
        out: dict[int, str] = {}
        with self._p.read() as s:
            for i in range(0, len(ids), 500):
                rows = s.execute(select(DocumentRow.id, DocumentRow.text)
                                 .where(DocumentRow.id.in_(ids[i:i + 500])))
                out.update({r.id: r.text for r in rows})
        return out

    def line_index(self, document_id: int) -> LineIndex:
        """The document's fixed lines (cached: they never change)."""
        cached = self._line_cache.get(document_id)
        if cached is None:
            with self._p.read() as s:
                row = s.execute(select(DocumentRow.line_starts, DocumentRow.length)
                                .where(DocumentRow.id == document_id)).one_or_none()
            if row is None:
                raise NotFound(f"no document {document_id} in this project (it may have been deleted)")
            cached = LineIndex(tuple(json.loads(row.line_starts)), row.length)
            self._line_cache[document_id] = cached
        return cached

    def forget_cached(self, document_id: int) -> None:
        self._line_cache.pop(document_id, None)

    def turns(self, document_id: int) -> builtins.list[SpeakerTurn]:
        with self._p.read() as s:
            rows = s.scalars(select(TurnRow).where(TurnRow.document_id == document_id)
                             .order_by(TurnRow.start))
            return [SpeakerTurn(r.start, r.end, r.speaker, r.is_interviewer, r.timestamp) for r in rows]

    def find_by_hash(self, source_hash: str) -> Document | None:
        with self._p.read() as s:
            row = s.scalar(select(DocumentRow).where(DocumentRow.source_hash == source_hash))
            return to_document(row) if row else None

    def participant_labels(self, document_ids: Iterable[int]) -> dict[int, str]:
        """``participant_label`` for many documents in a few queries (surveys have thousands)."""
        ids = list(set(document_ids))
        out: dict[int, str] = {}
        with self._p.read() as s:
            for i in range(0, len(ids), 500):
                rows = s.execute(
                    select(DocumentRow.id, DocumentRow.title, ParticipantRow.pseudonym)
                    .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
                    .where(DocumentRow.id.in_(ids[i:i + 500])))
                out.update({doc_id: pseud or title for doc_id, title, pseud in rows})
        return out

    def participant_label(self, document_id: int) -> str:
        """How the document's speaker is cited: pseudonym, respondent id, or title."""
        with self._p.read() as s:
            row = s.execute(
                select(DocumentRow.title, ParticipantRow.pseudonym)
                .outerjoin(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id)
                .where(DocumentRow.id == document_id)
            ).one()
        return row.pseudonym or row.title

    def question_name(self, document_id: int) -> str | None:
        with self._p.read() as s:
            return s.scalar(select(QuestionRow.name).join(DocumentRow, DocumentRow.question_id == QuestionRow.id)
                            .where(DocumentRow.id == document_id))

    # -- removing ----------------------------------------------------------------
    def delete(self, document_id: int) -> None:
        """Remove a document with its segments, codings and notes."""
        with self._p.transaction() as s:
            row = s.get(DocumentRow, document_id)
            if row is None:
                raise NotFound(f"no document {document_id} in this project (it may have been deleted)")
            self._p.audit(s, "delete document", "document", document_id, {"title": row.title})
            s.delete(row)
        self.forget_cached(document_id)
        self._p.emit(events.DOCUMENTS_CHANGED, (document_id,))
        self._p.emit(events.CODINGS_CHANGED)
