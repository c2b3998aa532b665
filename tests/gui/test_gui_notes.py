"""Exploratory notes: written on a selection, shown in the right margin beside their lines."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qualcode.core.model import NoteKind
from qualcode.gui.dialogs.note_dialog import NoteDialog

pytestmark = pytest.mark.gui


def write_note(window, qtbot, key: str, text: str) -> None:
    window.document_page.view.setFocus()
    qtbot.keyClick(window.document_page.view, key, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NoteDialog)
    qtbot.keyClicks(dialog.edit, text)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_a_linguistic_note_from_the_keyboard(window, qtbot):
    start, end = select_text(window, "It feels like a production line.")
    write_note(window, qtbot, "2", "Factory metaphor: care as throughput.")
    project = window.session.project
    [note] = project.notes.for_document(window.document_page.document_id)
    assert (note.kind, note.text, note.start, note.end) == (NoteKind.LINGUISTIC, "Factory metaphor: care as throughput.",
                                                            start, end)
    [item] = window.document_page.notes_margin.items()
    assert item.title == "LINGUISTIC" and item.text == note.text
    assert (item.first_line, item.last_line) == window.document_page.view.index.lines_of(start, end)
    assert window.actions.undo.text() == "&Undo Add linguistic note"


def test_the_three_kinds_stack_beside_their_lines(window, qtbot):
    select_text(window, "It feels like a production line.")
    write_note(window, qtbot, "1", "Describes the pace of referrals.")
    write_note(window, qtbot, "2", "Production line metaphor.")
    select_text(window, "She holds it all for me.")
    write_note(window, qtbot, "3", "What does being held make possible?")
    margin = window.document_page.notes_margin
    assert [i.title for i in margin.items()] == ["DESCRIPTIVE", "LINGUISTIC", "CONCEPTUAL"]
    rects = [r for _, r in margin.box_rects()]
    assert rects[0].bottom() < rects[1].top()  # stacked, never overlapping
    view = window.document_page.view

    def line_top(item) -> float:
        return margin._origin() + (item.first_line - 1) * view.line_height()

    items = margin.items()
    assert abs(rects[0].top() - line_top(items[0])) < 1  # the first sits beside its line
    assert all(rect.top() >= line_top(item) - 0.5 for item, rect in zip(items, rects))  # none above its line


def test_edit_and_delete_from_the_margin(window, qtbot):
    select_text(window, "Supervision with Helen")
    window.coding.add_note(NoteKind.DESCRIPTIVE, "Names her supervisor")
    margin = window.document_page.notes_margin
    [item] = margin.items()
    margin.itemActivated.emit(item.key)  # a double-click on the box
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NoteDialog)
    dialog.edit.setPlainText("Names her supervisor, Helen, warmly")
    dialog.accept()
    project = window.session.project
    assert project.notes.get(item.key).text == "Names her supervisor, Helen, warmly"
    window.coding.delete_note(item.key)
    assert margin.items() == []
    window.actions.undo.trigger()
    assert [n.text for n in project.notes.for_document(window.document_page.document_id)] == [
        "Names her supervisor, Helen, warmly"]


def test_clicking_a_note_selects_its_passage(window, qtbot):
    start, _end = select_text(window, "Supervision with Helen")
    window.coding.add_note(NoteKind.FREE, "A name")
    window.document_page.view.moveCursor(window.document_page.view.textCursor().MoveOperation.Start)
    margin = window.document_page.notes_margin
    [(_item, rect)] = margin.box_rects()
    qtbot.mouseClick(margin, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.document_page.selection().start == start
