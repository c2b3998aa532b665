"""The quick-code box, in-vivo codes and emergent themes: from the keyboard, in one step."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from qualcode.core.model import CodeRole
from qualcode.gui.coding_actions import in_vivo_name
from qualcode.gui.dialogs.quick_code_dialog import QuickCodeDialog

pytestmark = pytest.mark.gui


def open_dialog(window, qtbot, shortcut: str = "Ctrl+K") -> QuickCodeDialog:
    window.document_page.view.setFocus()
    qtbot.keyClick(window.document_page.view, shortcut[-1], Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickCodeDialog)
    return dialog


def test_the_shortcut_opens_the_box_and_enter_applies_the_fuzzy_match(window, codes, qtbot):
    start, end = select_text(window, "It feels like a production line.")
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.edit, "prodln")
    assert dialog.list.currentItem().text().startswith("Production line")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert (coding.code_id, coding.start, coding.end) == (codes["production"], start, end)
    assert window.actions.undo.text() == "&Undo Apply “Production line”"


def test_arrow_keys_choose_among_the_matches(window, codes, qtbot):
    select_text(window, "Supervision with Helen")
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.edit, "s")  # several codes contain an s
    first = dialog.list.currentItem().text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    chosen = dialog.list.currentItem().text()
    assert chosen != first
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert window.session.code(coding.code_id).name == chosen.split("    —")[0]


def test_typing_a_new_name_creates_the_code_and_applies_it(window, qtbot):
    start, end = select_text(window, "I’m not sure I’m any good at this any more")
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.edit, "Self-doubt")
    assert dialog.list.currentItem().text() == "+ Create code “Self-doubt”"
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    project = window.session.project
    code = project.codes.find("Self-doubt")
    assert code is not None and code.role == CodeRole.CODE
    [coding] = project.coding.for_document(window.document_page.document_id)
    assert (coding.code_id, coding.start, coding.end) == (code.id, start, end)
    assert window.code_panel.model.index_of(code.id).isValid()
    # One undo removes the code and its coding together.
    window.actions.undo.trigger()
    assert project.codes.find("Self-doubt") is None
    assert project.coding.for_document(window.document_page.document_id) == []


def test_typing_an_existing_name_never_makes_a_duplicate(window, codes, qtbot):
    select_text(window, "relentless")
    window.coding.create_and_apply("relentless pace", parent_id=codes["work"])
    assert [c.name for c in window.session.codes.values()].count("Relentless pace") == 1
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert coding.code_id == codes["relentless"]


def test_in_vivo_names_the_code_with_the_participants_words(window, qtbot):
    start, end = select_text(window, "It feels like a production line.")
    window.document_page.view.setFocus()
    qtbot.keyClick(window.document_page.view, "i", Qt.KeyboardModifier.ControlModifier)
    code = window.session.project.codes.find("It feels like a production line")
    assert code is not None
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert (coding.code_id, coding.start, coding.end) == (code.id, start, end)
    assert window.actions.undo.text() == "&Undo Create and apply “It feels like a production line”"


def test_in_vivo_names_are_tidy():
    assert in_vivo_name("“I’m no good at this.”") == "I’m no good at this"
    assert in_vivo_name("like a\nproduction   line,") == "like a production line"
    long = in_vivo_name("you see one person, you write it up, the next one is already in the waiting room and so on")
    assert long.endswith("…") and len(long) <= 61


def test_an_emergent_theme_from_the_selection_in_one_step(window, qtbot):
    start, end = select_text(window, "She holds it all for me.")
    window.document_page.view.setFocus()
    qtbot.keyClick(window.document_page.view, "e", Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickCodeDialog)
    assert dialog.edit.text() == "She holds it all for me"  # proposed from her words
    dialog.edit.setText("Supervision as holding")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    theme = window.session.project.codes.find("Supervision as holding")
    assert theme is not None and theme.role == CodeRole.EMERGENT
    # It is shown in the left margin beside its line.
    [item] = window.document_page.emergent_margin.items()
    view = window.document_page.view
    assert item.text == "Supervision as holding"
    assert (item.first_line, item.last_line) == view.index.lines_of(start, end)
    window.actions.undo.trigger()
    assert window.document_page.emergent_margin.items() == []


def test_nothing_selected_is_said_not_crashed(window, qtbot):
    window.document_page.view.moveCursor(window.document_page.view.textCursor().MoveOperation.Start)
    assert window.actions.open_quick_code() is None
    assert window.statusBar().currentMessage() == "Select some text first"


def test_the_create_entry_is_drawn_with_the_lists_own_font(window, qtbot):
    """A sign outside common fonts (the full-width ＋) was drawn as a box on a laptop without CJK fonts."""
    from PySide6.QtGui import QFontMetrics

    select_text(window, "I’m not sure I’m any good at this any more")
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.edit, "Self-doubt")
    text = dialog.list.currentItem().text()
    metrics = QFontMetrics(dialog.list.font())
    assert [c for c in text if not metrics.inFontUcs4(ord(c))] == []
