"""Undoable user actions on codings, the codebook and exploratory notes.

Each command's ``do`` and ``undo`` commit one transaction or nothing.  A
compound command (create a code and apply it, as quick-code and in-vivo do)
composes the services' ``*_in(session)`` steps inside one
``project.transaction()``, so a refused step leaves no half-done edit and the
undo stack (:mod:`.undo`) gets no entry.  What undo and redo need is kept in
small frozen records (:class:`CreatedCode`, :class:`PreviousSpan`…), set
only once a step has been committed.  A label that never changes is a class
attribute; one that names the code is a property.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from qualcode.core import events
from qualcode.core.coding.undo import Command, UndoStack
from qualcode.core.model import Code, CodeRole, Coding, NoteKind
from qualcode.core.themes.codes import to_code
from qualcode.core.themes.removal import (
    DeleteRecord,
    MergeRecord,
    RemovedCode,
    delete_created_in,
    restore_created_in,
)
from qualcode.store.snapshot import RowSnapshot

if TYPE_CHECKING:
    from qualcode.core.project import Project

__all__ = [
    "AddNote", "AdjustCoding", "ApplyCode", "Command", "CreateCode", "DeleteCode", "DeleteNote",
    "EditCodeDetails", "EditNote", "MergeCodes", "MoveCode", "RecolourCode", "RemoveCoding", "RenameCode",
    "UndoStack",
]


# -- undo records -------------------------------------------------------------------
@dataclass(frozen=True)
class PreviousSpan:
    """Where a coding's boundaries were before it was adjusted."""

    start: int
    end: int


@dataclass(frozen=True)
class CreatedCode:
    """What :class:`CreateCode` made: the code and, when it was applied at once, its coding."""

    code: Code
    coding: Coding | None


@dataclass(frozen=True)
class PreviousDetails:
    """A code's definition fields (description, inclusion…) as they were before an edit."""

    values: tuple[tuple[str, str], ...]

    def as_dict(self) -> dict[str, str]:
        return dict(self.values)


@dataclass(frozen=True)
class Placement:
    """Where a code sat in the codebook before it was moved."""

    parent_id: int | None
    position: int


@dataclass(frozen=True)
class DeletedNote:
    """A note taken away, with the span it was on, so it can come back with its id and guid."""

    snapshot: RowSnapshot
    document_id: int
    start: int
    end: int


# -- coding -------------------------------------------------------------------------
@dataclass
class ApplyCode:
    document_id: int
    start: int
    end: int
    code_id: int
    code_name: str
    coding: Coding | None = field(default=None, init=False)  # the coding made, put back as it was on redo

    @property
    def label(self) -> str:
        return f"Apply “{self.code_name}”"

    def do(self, project: Project) -> None:
        if self.coding is None:
            self.coding = project.coding.apply(self.document_id, self.start, self.end, self.code_id)
        else:
            project.coding.restore(self.coding)

    def undo(self, project: Project) -> None:
        assert self.coding is not None
        project.coding.remove(self.coding.id)


@dataclass
class RemoveCoding:
    coding: Coding
    code_name: str

    @property
    def label(self) -> str:
        return f"Remove “{self.code_name}”"

    def do(self, project: Project) -> None:
        project.coding.remove(self.coding.id)

    def undo(self, project: Project) -> None:
        project.coding.restore(self.coding)


@dataclass
class AdjustCoding:
    coding_id: int
    start: int
    end: int
    code_name: str
    previous: PreviousSpan | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return f"Adjust “{self.code_name}”"

    def do(self, project: Project) -> None:
        before = project.coding.get(self.coding_id)
        project.coding.adjust(self.coding_id, self.start, self.end)
        self.previous = PreviousSpan(before.start, before.end)

    def undo(self, project: Project) -> None:
        assert self.previous is not None
        project.coding.adjust(self.coding_id, self.previous.start, self.previous.end)


# -- codes --------------------------------------------------------------------------
@dataclass
class CreateCode:
    """Create a code, optionally applying it at once (quick-code, in-vivo): one transaction.

    If the code cannot be applied (the span is outside the document, the
    document has gone), the code is not created either.
    """

    name: str
    role: CodeRole = CodeRole.CODE
    parent_id: int | None = None
    apply_to: tuple[int, int, int] | None = None  # (document_id, start, end)
    made: CreatedCode | None = field(default=None, init=False)
    removed: RemovedCode | None = field(default=None, init=False)  # set by undo, for an exact redo

    @property
    def label(self) -> str:
        verb = "Create and apply" if self.apply_to else "Create"
        return f"{verb} “{self.name}”"

    @property
    def code(self) -> Code | None:
        return self.made.code if self.made else None

    @property
    def coding(self) -> Coding | None:
        return self.made.coding if self.made else None

    def do(self, project: Project) -> None:
        with project.transaction() as s:
            if self.made is None:
                code = to_code(project.codes.create_in(s, self.name, self.role, self.parent_id))
                coding = None
                if self.apply_to:
                    doc, start, end = self.apply_to
                    coding = project.coding.apply_in(s, doc, start, end, code.id)
                made = CreatedCode(code, coding)
            else:  # redo: the same code and coding, ids and guids included
                assert self.removed is not None
                made = self.made
                restore_created_in(s, self.removed)
                if made.coding is not None:
                    project.coding.restore_in(s, made.coding)
        self.made, self.removed = made, None
        with project.events:
            project.emit(events.CODES_CHANGED, (made.code.id,))
            if made.coding is not None:
                project.emit(events.CODINGS_CHANGED, (made.code.id,), made.coding.document_id)

    def undo(self, project: Project) -> None:
        assert self.made is not None
        coding = self.made.coding
        with project.transaction() as s:
            if coding is not None:
                project.coding.remove_in(s, coding.id)
            removed = delete_created_in(project, s, self.made.code.id, self.made.code.guid)
        self.removed = removed
        with project.events:
            if coding is not None:
                project.emit(events.CODINGS_CHANGED, (coding.code_id,), coding.document_id)
            project.emit(events.CODES_CHANGED)


@dataclass
class RenameCode:
    code_id: int
    new_name: str
    old_name: str = field(default="", init=False)

    @property
    def label(self) -> str:
        return f"Rename to “{self.new_name}”"

    def do(self, project: Project) -> None:
        old_name = project.codes.get(self.code_id).name
        project.codes.rename(self.code_id, self.new_name)
        self.old_name = old_name

    def undo(self, project: Project) -> None:
        project.codes.rename(self.code_id, self.old_name)


@dataclass
class RecolourCode:
    code_id: int
    colour: str
    old: str = field(default="", init=False)
    label: ClassVar[str] = "Change colour"

    def do(self, project: Project) -> None:
        old = project.codes.get(self.code_id).colour
        project.codes.recolour(self.code_id, self.colour)
        self.old = old

    def undo(self, project: Project) -> None:
        project.codes.recolour(self.code_id, self.old)


@dataclass
class EditCodeDetails:
    code_id: int
    details: dict[str, str]
    previous: PreviousDetails | None = field(default=None, init=False)
    label: ClassVar[str] = "Edit code definition"

    def do(self, project: Project) -> None:
        code = project.codes.get(self.code_id)
        previous = PreviousDetails(tuple((k, getattr(code, k)) for k in self.details))
        project.codes.update(self.code_id, **self.details)
        self.previous = previous

    def undo(self, project: Project) -> None:
        assert self.previous is not None
        project.codes.update(self.code_id, **self.previous.as_dict())


@dataclass
class MoveCode:
    code_id: int
    new_parent_id: int | None
    code_name: str
    previous: Placement | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return f"Move “{self.code_name}”"

    def do(self, project: Project) -> None:
        code = project.codes.get(self.code_id)
        project.codes.move(self.code_id, self.new_parent_id)
        self.previous = Placement(code.parent_id, code.position)

    def undo(self, project: Project) -> None:
        assert self.previous is not None
        project.codes.move(self.code_id, self.previous.parent_id, self.previous.position)


@dataclass
class MergeCodes:
    """Merge one code into another; the service does it in one transaction, undo too."""

    source_id: int
    target_id: int
    source_name: str
    target_name: str
    record: MergeRecord | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return f"Merge “{self.source_name}” into “{self.target_name}”"

    def do(self, project: Project) -> None:
        self.record = project.codes.merge(self.source_id, self.target_id)

    def undo(self, project: Project) -> None:
        assert self.record is not None
        self.source_id = project.codes.unmerge(self.record)  # a new id if another writer took the old one


@dataclass
class DeleteCode:
    """Delete a code, its codings removed or moved to the parent; one transaction each way."""

    code_id: int
    code_name: str
    codings: str = "delete"
    record: DeleteRecord | None = field(default=None, init=False)

    @property
    def label(self) -> str:
        return f"Delete “{self.code_name}”"

    def do(self, project: Project) -> None:
        self.record = project.codes.delete(self.code_id, self.codings)

    def undo(self, project: Project) -> None:
        assert self.record is not None
        self.code_id = project.codes.undelete(self.record)  # a new id if another writer took the old one


# -- notes --------------------------------------------------------------------------
@dataclass
class AddNote:
    document_id: int
    start: int
    end: int
    text: str
    kind: NoteKind = NoteKind.FREE
    note_id: int | None = field(default=None, init=False)
    removed: DeletedNote | None = field(default=None, init=False)  # set by undo, for an exact redo

    @property
    def label(self) -> str:
        return f"Add {NoteKind(self.kind).value} note"

    def do(self, project: Project) -> None:
        if self.removed is None:
            self.note_id = project.notes.add(self.document_id, self.start, self.end, self.text, self.kind).id
        else:
            project.notes.undelete(self.removed.snapshot, self.document_id, self.start, self.end)
            self.removed = None

    def undo(self, project: Project) -> None:
        assert self.note_id is not None
        snap = project.notes.delete(self.note_id)
        self.removed = DeletedNote(snap, self.document_id, self.start, self.end)


@dataclass
class EditNote:
    note_id: int
    text: str
    old: str = field(default="", init=False)
    label: ClassVar[str] = "Edit note"

    def do(self, project: Project) -> None:
        old = project.notes.get(self.note_id).text
        project.notes.edit(self.note_id, text=self.text)
        self.old = old

    def undo(self, project: Project) -> None:
        project.notes.edit(self.note_id, text=self.old)


@dataclass
class DeleteNote:
    note_id: int
    removed: DeletedNote | None = field(default=None, init=False)
    label: ClassVar[str] = "Delete note"

    def do(self, project: Project) -> None:
        note = project.notes.get(self.note_id)
        snap = project.notes.delete(self.note_id)
        self.removed = DeletedNote(snap, note.document_id, note.start, note.end)

    def undo(self, project: Project) -> None:
        assert self.removed is not None
        r = self.removed
        project.notes.undelete(r.snapshot, r.document_id, r.start, r.end)
