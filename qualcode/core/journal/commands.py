"""The journal's and memos' undoable edits, run by the window's undo stack and by the CLI.

Each ``do`` and ``undo`` commits one transaction; redo brings back exactly
what undo took away (same id, guid and date), as the coding commands do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from qualcode.core.journal.entries import Journal, JournalEntry
from qualcode.core.journal.links import Link
from qualcode.core.journal.memos import MemoBefore, MemoOn, put_memo_back, write_memo
from qualcode.store.snapshot import RowSnapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"


@dataclass
class AddJournalEntry:
    text: str
    link: Link | None = None
    written_at: datetime | None = None
    entry: JournalEntry | None = field(default=None, init=False)
    removed: RowSnapshot | None = field(default=None, init=False)  # set by undo, for an exact redo

    @property
    def label(self) -> str:
        return f"Add journal entry “{_short(self.text)}”"

    def do(self, project: Project) -> None:
        journal = Journal(project)
        if self.removed is None:
            self.entry = journal.add(self.text, self.link, self.written_at)
        else:
            journal.restore(self.removed)
            self.removed = None

    def undo(self, project: Project) -> None:
        assert self.entry is not None
        self.removed = Journal(project).delete(self.entry.id)


@dataclass
class EditJournalEntry:
    entry_id: int
    text: str
    link: Link | None
    before: JournalEntry | None = field(default=None, init=False)
    label: ClassVar[str] = "Edit journal entry"

    def do(self, project: Project) -> None:
        journal = Journal(project)
        before = journal.get(self.entry_id)
        journal.edit(self.entry_id, self.text, self.link)
        self.before = before

    def undo(self, project: Project) -> None:
        assert self.before is not None
        Journal(project).put_back(self.before)


@dataclass
class DeleteJournalEntry:
    entry_id: int
    removed: RowSnapshot | None = field(default=None, init=False)
    label: ClassVar[str] = "Delete journal entry"

    def do(self, project: Project) -> None:
        self.removed = Journal(project).delete(self.entry_id)

    def undo(self, project: Project) -> None:
        assert self.removed is not None
        Journal(project).restore(self.removed)


@dataclass
class WriteMemo:
    """Write the memo on the project, a code or theme, or a document (empty text removes it)."""

    on: MemoOn
    text: str
    name: str = ""  # what the memo is on, for the Edit menu's label
    before: MemoBefore | None = field(default=None, init=False)
    after: MemoBefore | None = field(default=None, init=False)  # set by undo, for an exact redo

    @property
    def label(self) -> str:
        what = f" on “{_short(self.name)}”" if self.name else ""
        return f"{'Write' if self.text.strip() else 'Remove'} memo{what}"

    def do(self, project: Project) -> None:
        if self.after is None:
            self.before = write_memo(project, self.on, self.text)
        else:
            self.before = put_memo_back(project, self.on, self.after)
            self.after = None

    def undo(self, project: Project) -> None:
        assert self.before is not None
        self.after = put_memo_back(project, self.on, self.before)
