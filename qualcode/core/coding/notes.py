"""Exploratory notes on segments, and memos on codes, documents and the project."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core import events
from qualcode.core.errors import NotFound
from qualcode.core.model import Memo, Note, NoteKind
from qualcode.store.schema import MemoRow, NoteRow, SegmentRow, utcnow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project


def _note(n: NoteRow, seg: SegmentRow) -> Note:
    return Note(n.id, n.guid, n.segment_id, NoteKind(n.kind), n.text, seg.document_id, seg.start, seg.end)


def _memo(m: MemoRow) -> Memo:
    return Memo(m.id, m.target, m.code_id, m.document_id, m.title, m.text)


class NoteService:
    def __init__(self, project: Project) -> None:
        self._p = project

    # -- exploratory notes -------------------------------------------------------
    def add(self, document_id: int, start: int, end: int, text: str,
            kind: NoteKind | str = NoteKind.FREE) -> Note:
        kind = NoteKind(kind)
        with self._p.transaction() as s:
            seg = self._p.coding.segment_in(s, document_id, start, end)
            row = NoteRow(segment_id=seg.id, kind=kind.value, text=text, coder_id=self._p.coder_id_in(s))
            s.add(row)
            s.flush()
            self._p.audit(s, "add note", "note", row.id, {"kind": kind.value, "document": document_id,
                                                           "start": start, "end": end})
            note = _note(row, seg)
        self._p.emit(events.NOTES_CHANGED, (note.id,), document_id)
        return note

    def edit(self, note_id: int, text: str | None = None, kind: NoteKind | str | None = None) -> Note:
        with self._p.transaction() as s:
            row = s.get(NoteRow, note_id)
            if row is None:
                raise NotFound("that note no longer exists (it was deleted)")
            self._p.audit(s, "edit note", "note", note_id, {"before": {"text": row.text, "kind": row.kind}})
            if text is not None:
                row.text = text
            if kind is not None:
                row.kind = NoteKind(kind).value
            seg = s.get(SegmentRow, row.segment_id)
            assert seg is not None  # the foreign key keeps every note on a segment
            note = _note(row, seg)
        self._p.emit(events.NOTES_CHANGED, (note_id,), note.document_id)
        return note

    def delete(self, note_id: int) -> RowSnapshot:
        with self._p.transaction() as s:
            row = s.get(NoteRow, note_id)
            if row is None:
                raise NotFound("that note no longer exists (it was deleted)")
            snap = snapshot(row)
            seg = s.get(SegmentRow, row.segment_id)
            assert seg is not None  # the foreign key keeps every note on a segment
            self._p.audit(s, "delete note", "note", note_id, {"text": row.text})
            s.delete(row)
            document_id = seg.document_id
        self._p.emit(events.NOTES_CHANGED, (note_id,), document_id)
        return snap

    def undelete(self, snap: RowSnapshot, document_id: int, start: int, end: int) -> None:
        with self._p.transaction() as s:
            seg = self._p.coding.segment_in(s, document_id, start, end)
            restore(s, [RowSnapshot("note", {**snap.values, "segment_id": seg.id})])
        self._p.emit(events.NOTES_CHANGED, (snap.values["id"],), document_id)

    def for_document(self, document_id: int) -> list[Note]:
        with self._p.read() as s:
            rows = s.execute(select(NoteRow, SegmentRow).join(SegmentRow, SegmentRow.id == NoteRow.segment_id)
                             .where(SegmentRow.document_id == document_id)
                             .order_by(SegmentRow.start, NoteRow.id))
            return [_note(n, seg) for n, seg in rows]

    def get(self, note_id: int) -> Note:
        with self._p.read() as s:
            row = s.execute(select(NoteRow, SegmentRow).join(SegmentRow, SegmentRow.id == NoteRow.segment_id)
                            .where(NoteRow.id == note_id)).one_or_none()
            if row is None:
                raise NotFound(f"no note {note_id} in this project (it may have been deleted)")
            return _note(*row)

    # -- memos -------------------------------------------------------------------
    def set_memo(self, text: str, code_id: int | None = None, document_id: int | None = None,
                 title: str = "") -> Memo:
        """Write the memo of a code, a document, or (neither given) the project."""
        target = "code" if code_id is not None else "document" if document_id is not None else "project"
        with self._p.transaction() as s:
            row = s.scalar(select(MemoRow).where(MemoRow.target == target, MemoRow.code_id == code_id
                                                 if code_id is not None else MemoRow.code_id.is_(None),
                                                 MemoRow.document_id == document_id if document_id is not None
                                                 else MemoRow.document_id.is_(None)))
            if row is None:
                row = MemoRow(target=target, code_id=code_id, document_id=document_id,
                              coder_id=self._p.coder_id_in(s))
                s.add(row)
            row.text, row.title, row.updated_at = text, title or row.title, utcnow()
            s.flush()
            self._p.audit(s, "write memo", target, code_id or document_id, {"length": len(text)})
            memo = _memo(row)
        self._p.emit(events.MEMOS_CHANGED, (memo.id,))
        return memo

    def memo(self, code_id: int | None = None, document_id: int | None = None) -> Memo | None:
        target = "code" if code_id is not None else "document" if document_id is not None else "project"
        with self._p.read() as s:
            q = select(MemoRow).where(MemoRow.target == target)
            if code_id is not None:
                q = q.where(MemoRow.code_id == code_id)
            if document_id is not None:
                q = q.where(MemoRow.document_id == document_id)
            row = s.scalar(q)
            return _memo(row) if row else None

    def memos(self) -> list[Memo]:
        with self._p.read() as s:
            return [_memo(m) for m in s.scalars(select(MemoRow).order_by(MemoRow.id))]
