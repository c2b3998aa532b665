"""Undo and redo of coding actions, each saved at once."""

from __future__ import annotations

from qualcode.core.coding.commands import (
    AddNote,
    ApplyCode,
    CreateCode,
    MergeCodes,
    MoveCode,
    RemoveCoding,
    RenameCode,
    UndoStack,
)
from qualcode.core.model import CodeRole, NoteKind
from qualcode.core.project import Project


def test_apply_undo_redo_keeps_the_same_coding(transcript_project) -> None:
    project, doc = transcript_project
    code = project.codes.create("Production line")
    stack = UndoStack(project)
    cmd = stack.push(ApplyCode(doc.id, 10, 30, code.id, code.name))
    guid = cmd.coding.guid
    assert stack.undo_label == "Apply “Production line”"
    assert stack.undo() == "Apply “Production line”"
    assert project.queries.counts()["codings"] == 0
    assert stack.redo_label == "Apply “Production line”"
    stack.redo()
    codings = project.coding.for_document(doc.id)
    assert [c.guid for c in codings] == [guid]


def test_quick_code_creates_and_applies_in_one_undoable_step(transcript_project) -> None:
    project, doc = transcript_project
    stack = UndoStack(project)
    stack.push(CreateCode("production line", CodeRole.EMERGENT, apply_to=(doc.id, 5, 25)))
    assert project.queries.counts()["codings"] == 1
    stack.undo()
    counts = project.queries.counts()
    assert (counts["codes"], counts["codings"]) == (0, 0)
    stack.redo()
    assert [c.name for c in project.codes.list()] == ["production line"]
    assert project.queries.counts()["codings"] == 1


def test_merge_rename_move_note_remove_undo_in_order(transcript_project, tmp_path) -> None:
    project, doc = transcript_project
    a = project.codes.create("A")
    b = project.codes.create("B")
    t = project.codes.create("T", CodeRole.THEME)
    stack = UndoStack(project)
    apply = stack.push(ApplyCode(doc.id, 0, 10, a.id, "A"))
    stack.push(ApplyCode(doc.id, 20, 30, b.id, "B"))
    stack.push(RenameCode(a.id, "A2"))
    stack.push(MoveCode(a.id, t.id, "A2"))
    stack.push(MergeCodes(b.id, a.id, "B", "A2"))
    stack.push(AddNote(doc.id, 0, 10, "a metaphor", NoteKind.LINGUISTIC))
    stack.push(RemoveCoding(apply.coding, "A2"))
    assert project.queries.counts()["codings"] == 1
    for _ in range(7):
        stack.undo()
    assert stack.undo() is None
    names = {c.name: c for c in project.codes.list()}
    assert set(names) == {"A", "B", "T"} and names["A"].parent_id is None
    assert project.queries.counts()["codings"] == 0
    for _ in range(7):
        stack.redo()
    assert project.queries.counts()["codings"] == 1
    assert [n.text for n in project.notes.for_document(doc.id)] == ["a metaphor"]
    # Everything is already saved: a fresh connection sees the same state.
    again = Project.open(project.location)
    assert again.queries.counts() == project.queries.counts()
    again.close()
