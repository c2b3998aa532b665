"""Applying codes to spans of text, removing and adjusting codings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import NotFound, QualcodeError
from qualcode.core.model import Coding, Segment
from qualcode.store.schema import (
    CodeRow,
    CoderRow,
    CodingRow,
    DocumentRow,
    NoteRow,
    SegmentRow,
    new_guid,
)
from qualcode.store.snapshot import RowSnapshot, restore

if TYPE_CHECKING:
    from qualcode.core.project import Project


class CodingError(QualcodeError):
    """A coding action that cannot be done, worded for the researcher."""


def _coding(c: CodingRow, seg: SegmentRow) -> Coding:
    return Coding(c.id, c.guid, c.segment_id, c.code_id, c.coder_id, seg.document_id, seg.start,
                  seg.end, c.created_at)


class CodingService:
    def __init__(self, project: Project) -> None:
        self._p = project

    # -- segments ----------------------------------------------------------------
    def segment_in(self, s: Session, document_id: int, start: int, end: int) -> SegmentRow:
        """The segment for exactly this span, created if new."""
        length = s.scalar(select(DocumentRow.length).where(DocumentRow.id == document_id))
        if length is None:
            raise CodingError("that document no longer exists")
        if not (0 <= start < end <= length):
            raise CodingError(f"the span {start}-{end} is empty or outside the document (0-{length})")
        row = s.scalar(select(SegmentRow).where(SegmentRow.document_id == document_id,
                                                SegmentRow.start == start, SegmentRow.end == end))
        if row is None:
            row = SegmentRow(document_id=document_id, start=start, end=end)
            s.add(row)
            s.flush()
        return row

    def segment(self, segment_id: int) -> Segment:
        with self._p.read() as s:
            r = s.get(SegmentRow, segment_id)
            if r is None:
                raise NotFound(f"no segment {segment_id} in this project (it may have been deleted)")
            return Segment(r.id, r.guid, r.document_id, r.start, r.end)

    # -- applying and removing ---------------------------------------------------
    def apply(self, document_id: int, start: int, end: int, code_id: int,
              coder: str | None = None, guid: str | None = None) -> Coding:
        """Apply a code to ``text[start:end]``; applying it twice is a no-op."""
        with self._p.transaction() as s:
            coding = self.apply_in(s, document_id, start, end, code_id, coder, guid)
        self._p.emit(events.CODINGS_CHANGED, (code_id,), document_id)
        return coding

    def apply_in(self, s: Session, document_id: int, start: int, end: int, code_id: int,
                 coder: str | None = None, guid: str | None = None) -> Coding:
        code = s.get(CodeRow, code_id)
        if code is None:
            raise CodingError("that code no longer exists")
        seg = self.segment_in(s, document_id, start, end)
        coder_id = self._p.coder_id_in(s, coder)
        existing = s.scalar(select(CodingRow).where(CodingRow.segment_id == seg.id,
                                                    CodingRow.code_id == code_id,
                                                    CodingRow.coder_id == coder_id))
        if existing is not None:
            return _coding(existing, seg)
        row = CodingRow(segment_id=seg.id, code_id=code_id, coder_id=coder_id, guid=guid or new_guid())
        s.add(row)
        s.flush()
        self._p.audit(s, "apply code", "coding", row.id,
                      {"code": code.name, "document": document_id, "start": start, "end": end})
        return _coding(row, seg)

    def remove(self, coding_id: int) -> Coding:
        """Remove one coding; the segment stays while notes or other codings use it.

        Returns the coding as it was, which :meth:`restore` puts back.
        """
        with self._p.transaction() as s:
            removed = self.remove_in(s, coding_id)
        self._p.emit(events.CODINGS_CHANGED, (removed.code_id,), removed.document_id)
        return removed

    def remove_in(self, s: Session, coding_id: int) -> Coding:
        row = s.get(CodingRow, coding_id)
        if row is None:
            raise CodingError("that coding no longer exists")
        seg = s.get(SegmentRow, row.segment_id)
        assert seg is not None  # the foreign key keeps every coding on a segment
        removed = _coding(row, seg)
        code_name = s.scalar(select(CodeRow.name).where(CodeRow.id == row.code_id))
        self._p.audit(s, "remove coding", "coding", coding_id,
                      {"code": code_name, "document": seg.document_id, "start": seg.start, "end": seg.end})
        s.delete(row)
        s.flush()
        self._drop_segment_if_unused(s, seg)
        return removed

    def restore(self, coding: Coding) -> Coding:
        """Put back a removed coding with its original guid (undo of a remove)."""
        with self._p.transaction() as s:
            self.restore_in(s, coding)
        self._p.emit(events.CODINGS_CHANGED, (coding.code_id,), coding.document_id)
        return self.get(coding.id)

    def restore_in(self, s: Session, coding: Coding) -> None:
        seg = self.segment_in(s, coding.document_id, coding.start, coding.end)
        restore(s, [RowSnapshot("coding", {
            "id": coding.id, "guid": coding.guid, "segment_id": seg.id, "code_id": coding.code_id,
            "coder_id": coding.coder_id, "created_at": coding.created_at})])
        self._p.audit(s, "restore coding", "coding", coding.id, {"code_id": coding.code_id})

    def adjust(self, coding_id: int, start: int, end: int) -> Coding:
        """Move a coding's boundaries (its notes stay on the old segment if shared)."""
        with self._p.transaction() as s:
            row = s.get(CodingRow, coding_id)
            if row is None:
                raise CodingError("that coding no longer exists")
            old = s.get(SegmentRow, row.segment_id)
            assert old is not None  # the foreign key keeps every coding on a segment
            seg = self.segment_in(s, old.document_id, start, end)
            clash = s.scalar(select(CodingRow.id).where(CodingRow.segment_id == seg.id,
                                                        CodingRow.code_id == row.code_id,
                                                        CodingRow.coder_id == row.coder_id,
                                                        CodingRow.id != coding_id))
            if clash:
                raise CodingError("the code is already on exactly that span")
            self._p.audit(s, "adjust coding", "coding", coding_id,
                          {"from": [old.start, old.end], "to": [start, end]})
            row.segment_id = seg.id
            s.flush()
            self._drop_segment_if_unused(s, old)
            result = _coding(row, seg)
        self._p.emit(events.CODINGS_CHANGED, (result.code_id,), result.document_id)
        return result

    @staticmethod
    def _drop_segment_if_unused(s: Session, seg: SegmentRow) -> None:
        used = s.scalar(select(func.count(CodingRow.id)).where(CodingRow.segment_id == seg.id)) or \
            s.scalar(select(func.count(NoteRow.id)).where(NoteRow.segment_id == seg.id))
        if not used:
            s.delete(seg)

    # -- reading -------------------------------------------------------------------
    def get(self, coding_id: int) -> Coding:
        with self._p.read() as s:
            row = s.execute(select(CodingRow, SegmentRow).join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                            .where(CodingRow.id == coding_id)).one_or_none()
            if row is None:
                raise NotFound(f"no coding {coding_id} in this project (it may have been deleted)")
            return _coding(*row)

    def for_document(self, document_id: int, coders: list[str] | None = None) -> list[Coding]:
        """Every coding in a document, in text order (optionally of some coders)."""
        with self._p.read() as s:
            q = (select(CodingRow, SegmentRow).join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                 .where(SegmentRow.document_id == document_id)
                 .order_by(SegmentRow.start, SegmentRow.end, CodingRow.id))
            if coders:
                q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(coders))
            return [_coding(c, seg) for c, seg in s.execute(q)]
