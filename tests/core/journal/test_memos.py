"""Memos: one per thing (project, code, theme, document), written, rewritten and removed with undo."""

from __future__ import annotations

from qualcode.core.coding.undo import UndoStack
from qualcode.core.journal.commands import WriteMemo
from qualcode.core.journal.memos import MemoOn, all_memos, memo_text
from qualcode.core.model import CodeRole


def test_one_memo_per_thing_rewritten_in_place_with_exact_undo(transcript_project) -> None:
    project, _doc = transcript_project
    theme = project.codes.create("Being held", CodeRole.THEME)
    stack = UndoStack(project)
    on = MemoOn(code_id=theme.id)
    stack.push(WriteMemo(on, "Containment, after Bion?", "Being held"))
    stack.push(WriteMemo(on, "Containment — check with Helen's role", "Being held"))
    assert memo_text(project, on) == "Containment — check with Helen's role"
    assert len(all_memos(project)) == 1
    stack.undo()
    assert memo_text(project, on) == "Containment, after Bion?"
    stack.undo()
    assert memo_text(project, on) == "" and all_memos(project) == []
    stack.redo()
    stack.redo()
    assert memo_text(project, on) == "Containment — check with Helen's role"


def test_memos_list_says_what_each_is_on_and_searches(transcript_project) -> None:
    project, doc = transcript_project
    theme = project.codes.create("Being held", CodeRole.THEME)
    code = project.codes.create("Production line", CodeRole.EMERGENT)
    stack = UndoStack(project)
    stack.push(WriteMemo(MemoOn(document_id=doc.id), "Long pauses"))
    stack.push(WriteMemo(MemoOn(code_id=code.id), "Her metaphor"))
    stack.push(WriteMemo(MemoOn(code_id=theme.id), "Holding"))
    stack.push(WriteMemo(MemoOn(), "Why this study"))
    listed = [(m.kind, m.name) for m in all_memos(project)]
    assert listed == [("project", project.name), ("theme", "Being held"), ("code", "Production line"),
                      ("document", "Maya interview")]
    assert [m.name for m in all_memos(project, "PAUSES")] == ["Maya interview"]


def test_an_empty_memo_removes_it_and_undo_brings_it_back(transcript_project) -> None:
    project, _doc = transcript_project
    stack = UndoStack(project)
    stack.push(WriteMemo(MemoOn(), "Why this study"))
    remove = stack.push(WriteMemo(MemoOn(), ""))
    assert remove.label == "Remove memo"
    assert all_memos(project) == []
    stack.undo()
    assert [m.text for m in all_memos(project)] == ["Why this study"]
