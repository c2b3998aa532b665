"""One memo per thing: the project, a code, a theme or a document, written and rewritten.

The memo table is older than the journal (:class:`~qualcode.store.schema.MemoRow`);
a theme's memo is a code memo (themes are codes with a theme role), which
is also why merging two themes carries the memo along.  Writing an empty
memo removes it.  The undo of each write is exact: :class:`MemoBefore`
says whether the memo existed and what it said.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import NotFound
from qualcode.core.journal.links import THEME_ROLES
from qualcode.store.schema import CodeRow, CoderRow, DocumentRow, MemoRow, utcnow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class MemoOn:
    """What a memo is on: the project (both ids None), a code or theme, or a document."""

    code_id: int | None = None
    document_id: int | None = None

    @property
    def target(self) -> str:
        return "code" if self.code_id is not None else "document" if self.document_id is not None else "project"


@dataclass(frozen=True)
class MemoEntry:
    """A memo with the name of what it is on, for lists, search and the audit trail."""

    id: int
    on: MemoOn
    kind: str  # project | code | theme | document
    name: str  # the code's, theme's or document's name; the project's name for its memo
    text: str
    updated_at: datetime
    coder: str


@dataclass(frozen=True)
class MemoBefore:
    """A memo as it was before a write: its row (None: there was no memo)."""

    row: RowSnapshot | None


def _where(on: MemoOn) -> tuple:  # SQLAlchemy conditions
    return (MemoRow.target == on.target,
            MemoRow.code_id == on.code_id if on.code_id is not None else MemoRow.code_id.is_(None),
            MemoRow.document_id == on.document_id if on.document_id is not None else MemoRow.document_id.is_(None))


def _memo_row(s: Session, on: MemoOn) -> MemoRow | None:
    return s.scalars(select(MemoRow).where(*_where(on)).order_by(MemoRow.id)).first()


def _check_exists(s: Session, on: MemoOn) -> None:
    if on.code_id is not None and s.get(CodeRow, on.code_id) is None:
        raise NotFound(f"no code {on.code_id} in this project (it may have been deleted)")
    if on.document_id is not None and s.get(DocumentRow, on.document_id) is None:
        raise NotFound(f"no document {on.document_id} in this project (it may have been deleted)")


def write_memo(project: Project, on: MemoOn, text: str) -> MemoBefore:
    """Write (or, with empty text, remove) the memo on ``on``; returns what undo puts back."""
    text = text.strip()
    with project.transaction() as s:
        _check_exists(s, on)
        row = _memo_row(s, on)
        before = MemoBefore(snapshot(row) if row is not None else None)
        if row is None and text:
            row = MemoRow(target=on.target, code_id=on.code_id, document_id=on.document_id,
                          coder_id=project.coder_id_in(s))
            s.add(row)
        if row is not None and text:
            row.text, row.updated_at = text, utcnow()
            s.flush()
            project.audit(s, "write memo", on.target, on.code_id or on.document_id, {"length": len(text)})
        elif row is not None:
            project.audit(s, "clear memo", on.target, on.code_id or on.document_id, {"text": row.text})
            s.delete(row)
    project.emit(events.MEMOS_CHANGED)
    return before


def put_memo_back(project: Project, on: MemoOn, before: MemoBefore) -> MemoBefore:
    """Make the memo on ``on`` what it was (undo of a write); returns what redo needs."""
    with project.transaction() as s:
        row = _memo_row(s, on)
        now = MemoBefore(snapshot(row) if row is not None else None)
        if row is not None:
            s.delete(row)
            s.flush()
        if before.row is not None:
            restore(s, [before.row])
        project.audit(s, "undo memo", on.target, on.code_id or on.document_id, {})
    project.emit(events.MEMOS_CHANGED)
    return now


def memo_text(project: Project, on: MemoOn) -> str:
    """The memo's text ("" when there is none)."""
    with project.read() as s:
        row = _memo_row(s, on)
        return row.text if row is not None else ""


def all_memos(project: Project, search: str = "") -> list[MemoEntry]:
    """Every memo: the project's first, then themes and codes in codebook order, then documents."""
    with project.read() as s:
        rows = s.execute(select(MemoRow, CodeRow.name, CodeRow.role, CodeRow.position, DocumentRow.title,
                                CoderRow.name)
                         .outerjoin(CodeRow, CodeRow.id == MemoRow.code_id)
                         .outerjoin(DocumentRow, DocumentRow.id == MemoRow.document_id)
                         .outerjoin(CoderRow, CoderRow.id == MemoRow.coder_id)).all()
    order = {"project": 0, "theme": 1, "code": 2, "document": 3}
    found = []
    for memo, code_name, role, position, title, coder in rows:
        on = MemoOn(memo.code_id, memo.document_id)
        kind = "theme" if role in THEME_ROLES else on.target
        name = code_name if memo.code_id is not None else title if memo.document_id is not None else project.name
        found.append((order[kind], position or 0, name or "", MemoEntry(
            memo.id, on, kind, name or "", memo.text, memo.updated_at or memo.created_at, coder or "")))
    found.sort(key=lambda t: t[:3])
    words = search.casefold().split()
    return [m for *_, m in found if all(w in f"{m.name}\n{m.text}".casefold() for w in words)]
