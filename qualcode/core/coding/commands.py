"""Undoable user actions.

Every edit a researcher makes in the GUI is a :class:`Command` with ``do``,
``undo`` and a human label; the window shows ``Undo Apply “Production
line”``.  Each ``do``/``undo`` is saved at once by the services (one
transaction), so the undo stack itself holds no unsaved state and nothing
is lost if the app is killed.  The stack lives in memory: it is a
convenience for this session, not the record (that is the audit log).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from qualcode.core.model import Code, CodeRole, Coding, NoteKind

if TYPE_CHECKING:
    from qualcode.core.project import Project


class Command(Protocol):
    label: str

    def do(self, project: Project) -> None: ...

    def undo(self, project: Project) -> None: ...


class UndoStack:
    """A linear history; pushing after an undo discards the redo branch."""

    def __init__(self, project: Project, limit: int = 500) -> None:
        self._p = project
        self._done: list[Command] = []
        self._undone: list[Command] = []
        self._limit = limit
        self.listeners: list[Callable[[], None]] = []

    def push(self, command: Command) -> Command:
        """Do ``command`` and remember it (nothing is remembered if it fails)."""
        command.do(self._p)
        self._done.append(command)
        del self._done[:-self._limit]
        self._undone.clear()
        self._changed()
        return command

    def undo(self) -> str | None:
        if not self._done:
            return None
        command = self._done.pop()
        command.undo(self._p)
        self._undone.append(command)
        self._changed()
        return command.label

    def redo(self) -> str | None:
        if not self._undone:
            return None
        command = self._undone.pop()
        command.do(self._p)
        self._done.append(command)
        self._changed()
        return command.label

    @property
    def undo_label(self) -> str | None:
        return self._done[-1].label if self._done else None

    @property
    def redo_label(self) -> str | None:
        return self._undone[-1].label if self._undone else None

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()
        self._changed()

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()


# -- coding -------------------------------------------------------------------------
@dataclass
class ApplyCode:
    document_id: int
    start: int
    end: int
    code_id: int
    code_name: str
    coding: Coding | None = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Apply “{self.code_name}”"

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
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Remove “{self.code_name}”"

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
    old: tuple[int, int] = (0, 0)
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Adjust “{self.code_name}”"

    def do(self, project: Project) -> None:
        before = project.coding.get(self.coding_id)
        self.old = (before.start, before.end)
        project.coding.adjust(self.coding_id, self.start, self.end)

    def undo(self, project: Project) -> None:
        project.coding.adjust(self.coding_id, *self.old)


# -- codes --------------------------------------------------------------------------
@dataclass
class CreateCode:
    """Create a code, optionally applying it at once (quick-code, in-vivo)."""

    name: str
    role: CodeRole = CodeRole.CODE
    parent_id: int | None = None
    apply_to: tuple[int, int, int] | None = None  # (document_id, start, end)
    code: Code | None = None
    coding: Coding | None = None
    label: str = ""

    def __post_init__(self) -> None:
        verb = "Create and apply" if self.apply_to else "Create"
        self.label = f"{verb} “{self.name}”"

    def do(self, project: Project) -> None:
        with project.events:
            if self.code is None:
                self.code = project.codes.create(self.name, self.role, self.parent_id)
            else:
                from qualcode.store.snapshot import RowSnapshot, restore

                with project.transaction() as s:
                    restore(s, [RowSnapshot("code", {
                        "id": self.code.id, "guid": self.code.guid, "name": self.code.name,
                        "role": self.code.role.value, "colour": self.code.colour,
                        "parent_id": self.code.parent_id, "position": self.code.position})])
                project.emit("codes", (self.code.id,))
            if self.apply_to:
                doc, start, end = self.apply_to
                if self.coding is None:
                    self.coding = project.coding.apply(doc, start, end, self.code.id)
                else:
                    project.coding.restore(self.coding)

    def undo(self, project: Project) -> None:
        assert self.code is not None
        with project.events:
            if self.coding is not None:
                project.coding.remove(self.coding.id)
            project.codes.delete_created(self.code.id)


@dataclass
class RenameCode:
    code_id: int
    new_name: str
    old_name: str = ""
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Rename to “{self.new_name}”"

    def do(self, project: Project) -> None:
        self.old_name = project.codes.get(self.code_id).name
        project.codes.rename(self.code_id, self.new_name)

    def undo(self, project: Project) -> None:
        project.codes.rename(self.code_id, self.old_name)


@dataclass
class RecolourCode:
    code_id: int
    colour: str
    old: str = ""
    label: str = "Change colour"

    def do(self, project: Project) -> None:
        self.old = project.codes.get(self.code_id).colour
        project.codes.recolour(self.code_id, self.colour)

    def undo(self, project: Project) -> None:
        project.codes.recolour(self.code_id, self.old)


@dataclass
class EditCodeDetails:
    code_id: int
    details: dict[str, str]
    old: dict[str, str] = field(default_factory=dict)
    label: str = "Edit code definition"

    def do(self, project: Project) -> None:
        code = project.codes.get(self.code_id)
        self.old = {k: getattr(code, k) for k in self.details}
        project.codes.update(self.code_id, **self.details)

    def undo(self, project: Project) -> None:
        project.codes.update(self.code_id, **self.old)


@dataclass
class MoveCode:
    code_id: int
    new_parent_id: int | None
    code_name: str
    old: tuple[int | None, int] = (None, 0)
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Move “{self.code_name}”"

    def do(self, project: Project) -> None:
        code = project.codes.get(self.code_id)
        self.old = (code.parent_id, code.position)
        project.codes.move(self.code_id, self.new_parent_id)

    def undo(self, project: Project) -> None:
        project.codes.move(self.code_id, self.old[0], self.old[1])


@dataclass
class MergeCodes:
    source_id: int
    target_id: int
    source_name: str
    target_name: str
    record: object = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Merge “{self.source_name}” into “{self.target_name}”"

    def do(self, project: Project) -> None:
        self.record = project.codes.merge(self.source_id, self.target_id)

    def undo(self, project: Project) -> None:
        project.codes.unmerge(self.record)  # type: ignore[arg-type]


@dataclass
class DeleteCode:
    code_id: int
    code_name: str
    codings: str = "delete"
    record: object = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Delete “{self.code_name}”"

    def do(self, project: Project) -> None:
        self.record = project.codes.delete(self.code_id, self.codings)

    def undo(self, project: Project) -> None:
        project.codes.undelete(self.record)  # type: ignore[arg-type]


# -- notes --------------------------------------------------------------------------
@dataclass
class AddNote:
    document_id: int
    start: int
    end: int
    text: str
    kind: NoteKind = NoteKind.FREE
    note_id: int | None = None
    snap: object = None
    label: str = ""

    def __post_init__(self) -> None:
        self.label = f"Add {NoteKind(self.kind).value} note"

    def do(self, project: Project) -> None:
        if self.snap is None:
            self.note_id = project.notes.add(self.document_id, self.start, self.end, self.text, self.kind).id
        else:
            project.notes.undelete(self.snap, self.document_id, self.start, self.end)  # type: ignore[arg-type]

    def undo(self, project: Project) -> None:
        assert self.note_id is not None
        self.snap = project.notes.delete(self.note_id)


@dataclass
class EditNote:
    note_id: int
    text: str
    old: str = ""
    label: str = "Edit note"

    def do(self, project: Project) -> None:
        self.old = project.notes.get(self.note_id).text
        project.notes.edit(self.note_id, text=self.text)

    def undo(self, project: Project) -> None:
        project.notes.edit(self.note_id, text=self.old)


@dataclass
class DeleteNote:
    note_id: int
    snap: object = None
    where: tuple[int, int, int] = (0, 0, 0)
    label: str = "Delete note"

    def do(self, project: Project) -> None:
        note = project.notes.get(self.note_id)
        self.where = (note.document_id, note.start, note.end)
        self.snap = project.notes.delete(self.note_id)

    def undo(self, project: Project) -> None:
        project.notes.undelete(self.snap, *self.where)  # type: ignore[arg-type]
