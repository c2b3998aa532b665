"""The reflexive journal: dated entries, searched and browsed by date or by what they are about.

Each change is one short transaction with its audit row, as everywhere in
qualcode; the undoable commands that the window and the command line run
are in :mod:`.commands`.  Search is plain text and case-insensitive
(``casefold``, so "ÉTÉ" finds "été" — SQLite's LIKE folds only ASCII).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.core.errors import InvalidValue, NotFound
from qualcode.core.journal.links import Link
from qualcode.store.schema import JournalEntryRow, utcnow
from qualcode.store.snapshot import RowSnapshot, restore, snapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project

#: The event kind the journal announces (the GUI's journal window listens for it).
JOURNAL_CHANGED = "journal"


@dataclass(frozen=True)
class JournalEntry:
    """One entry: when it was written (UTC), by whom, what it says and what it is about."""

    id: int
    guid: str
    written_at: datetime
    text: str
    link: Link | None
    coder: str
    updated_at: datetime

    @property
    def about(self) -> str:
        return self.link.describe() if self.link else "the project"


def _entry(row: JournalEntryRow) -> JournalEntry:
    link = None
    if row.link_kind:
        link = Link(row.link_kind, row.link_label, row.document_guid, row.first_line, row.last_line, row.code_guid)
    return JournalEntry(row.id, row.guid, row.written_at, row.text, link, row.coder, row.updated_at)


def _link_values(link: Link | None) -> dict:
    if link is None:
        return {"link_kind": "", "link_label": "", "document_guid": None, "first_line": None, "last_line": None,
                "code_guid": None}
    return {"link_kind": link.kind, "link_label": link.label, "document_guid": link.document_guid,
            "first_line": link.first_line, "last_line": link.last_line, "code_guid": link.code_guid}


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise InvalidValue("a journal entry needs some text")
    return text


class Journal:
    """The project's journal (cheap to make: it holds only the project)."""

    def __init__(self, project: Project) -> None:
        self._p = project

    def add(self, text: str, link: Link | None = None, written_at: datetime | None = None) -> JournalEntry:
        """Write a new entry, dated now unless ``written_at`` says when (UTC) it was written."""
        with self._p.transaction() as s:
            now = utcnow()
            row = JournalEntryRow(text=_text(text), written_at=written_at or now, updated_at=now,
                                  coder=self._p.coder_name, **_link_values(link))
            s.add(row)
            s.flush()
            self._p.audit(s, "add journal entry", "journal_entry", row.id,
                          {"about": link.describe() if link else "", "length": len(row.text)})
            entry = _entry(row)
        self._p.emit(JOURNAL_CHANGED, (entry.id,))
        return entry

    def edit(self, entry_id: int, text: str, link: Link | None) -> JournalEntry:
        """Change an entry's text and link; its date stays the date it was written."""
        with self._p.transaction() as s:
            row = self._row(s, entry_id)
            self._p.audit(s, "edit journal entry", "journal_entry", entry_id,
                          {"before": {"text": row.text, "about": row.link_label}})
            row.text = _text(text)
            for key, value in _link_values(link).items():
                setattr(row, key, value)
            row.updated_at = utcnow()
            entry = _entry(row)
        self._p.emit(JOURNAL_CHANGED, (entry_id,))
        return entry

    def delete(self, entry_id: int) -> RowSnapshot:
        """Remove an entry; the snapshot returned brings it back exactly (:meth:`restore`)."""
        with self._p.transaction() as s:
            row = self._row(s, entry_id)
            snap = snapshot(row)
            self._p.audit(s, "delete journal entry", "journal_entry", entry_id, {"text": row.text})
            s.delete(row)
        self._p.emit(JOURNAL_CHANGED, (entry_id,))
        return snap

    def restore(self, snap: RowSnapshot) -> None:
        """Put back an entry taken away, with its id, guid, date and text."""
        with self._p.transaction() as s:
            restore(s, [snap])
            self._p.audit(s, "restore journal entry", "journal_entry", snap.values["id"], {})
        self._p.emit(JOURNAL_CHANGED, (snap.values["id"],))

    def put_back(self, entry: JournalEntry) -> None:
        """Make an entry say again what ``entry`` said (text, link, last change) — undo of an edit."""
        with self._p.transaction() as s:
            row = self._row(s, entry.id)
            self._p.audit(s, "edit journal entry", "journal_entry", entry.id,
                          {"before": {"text": row.text, "about": row.link_label}})
            row.text, row.updated_at = entry.text, entry.updated_at
            for key, value in _link_values(entry.link).items():
                setattr(row, key, value)
        self._p.emit(JOURNAL_CHANGED, (entry.id,))

    def get(self, entry_id: int) -> JournalEntry:
        with self._p.read() as s:
            return _entry(self._row(s, entry_id))

    def entries(self, search: str = "", since: date | None = None, until: date | None = None,
                document_guid: str | None = None, code_guid: str | None = None) -> list[JournalEntry]:
        """Entries oldest first, narrowed by words (in the text or the link), dates and what they are about.

        ``since``/``until`` are whole days, both included.  ``document_guid``
        keeps entries about that document or lines of it; ``code_guid`` those
        about that code or theme.
        """
        q = select(JournalEntryRow).order_by(JournalEntryRow.written_at, JournalEntryRow.id)
        if since is not None:
            q = q.where(JournalEntryRow.written_at >= datetime.combine(since, datetime.min.time()))
        if until is not None:
            q = q.where(JournalEntryRow.written_at <= datetime.combine(until, datetime.max.time()))
        if document_guid is not None:
            q = q.where(JournalEntryRow.document_guid == document_guid)
        if code_guid is not None:
            q = q.where(JournalEntryRow.code_guid == code_guid)
        with self._p.read() as s:
            found = [_entry(r) for r in s.scalars(q)]
        words = search.casefold().split()
        if not words:
            return found
        return [e for e in found if all(w in f"{e.text}\n{e.about}".casefold() for w in words)]

    @staticmethod
    def _row(s: Session, entry_id: int) -> JournalEntryRow:
        row = s.get(JournalEntryRow, entry_id)
        if row is None:
            raise NotFound(f"no journal entry {entry_id} in this project (it may have been deleted)")
        return row
