"""The Journal & memos window: write, search, browse, link to what is selected, jump back, undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPushButton

from qualcode.core.journal.entries import Journal
from qualcode.core.journal.memos import MemoOn, all_memos, memo_text
from qualcode.gui.journal.menu import journal_window


def _action(win, name: str) -> QAction:
    action = win.findChild(QAction, name)
    assert action is not None, name
    return action


def test_view_menu_opens_the_window_and_an_entry_is_saved_and_undone(window, qtbot) -> None:
    _action(window, "journal-open").trigger()
    journal = journal_window(window)
    assert journal is not None and journal.isVisible()
    page = journal.journal
    qtbot.keyClicks(page.text, "First reading: her tiredness")
    qtbot.mouseClick(page.save, Qt.MouseButton.LeftButton)
    (entry,) = Journal(window.session.project).entries()
    assert entry.text == "First reading: her tiredness" and entry.link is None
    assert page.model.rowCount() == 1 and page.count.text() == "1 entry"
    window.session.undo_last()
    assert Journal(window.session.project).entries() == []
    assert page.model.rowCount() == 0
    window.session.redo_last()
    assert [e.id for e in Journal(window.session.project).entries()] == [entry.id]


def test_add_entry_about_the_selected_lines_prefills_the_link_and_go_to_jumps_back(window, qtbot) -> None:
    project = window.session.project
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    start = text.index("Supervision with Helen")
    window.document_page.view.select_span(start, start + len("Supervision with Helen"))
    _action(window, "journal-add-about").trigger()
    page = journal_window(window).journal
    assert "Maya interview, lines" in page.about_label.text()
    qtbot.keyClicks(page.text, "Helen as a container")
    page.save_now()
    (entry,) = Journal(project).entries()
    assert entry.link is not None and entry.link.kind == "lines"
    window.document_page.view.select_span(0, 5)
    qtbot.mouseClick(page.go, Qt.MouseButton.LeftButton)
    selected = window.document_page.view.selected_span()
    assert selected is not None and text[selected[0]:selected[1]].startswith("Maya: Supervision with Helen")


def test_an_entry_about_the_selected_theme_and_go_to_selects_it(window, codes, qtbot) -> None:
    window.code_panel.select_code(codes["held"])
    window.document_page.view.select_span(0, 0)
    _action(window, "journal-add-about").trigger()
    page = journal_window(window).journal
    assert "theme ‘Being held’" in page.about_label.text()
    qtbot.keyClicks(page.text, "Is this my wish to be held?")
    page.save_now()
    window.code_panel.select_code(codes["work"])
    page.go.click()
    assert window.code_panel.selected_code().id == codes["held"]


def test_search_and_the_about_filter_narrow_the_list(window, qtbot) -> None:
    journal = Journal(window.session.project)
    journal.add("Production line again")
    journal.add("Nothing to do with it")
    _action(window, "journal-open").trigger()
    page = journal_window(window).journal
    page.search.setText("PRODUCTION")
    assert page.model.rowCount() == 1 and page.count.text() == "1 of 2 entries"
    page.search.clear()
    assert page.model.rowCount() == 2
    page.about.setCurrentIndex(page.about.findData("none:"))
    assert page.model.rowCount() == 2


def test_typing_then_choosing_another_entry_saves_what_was_typed(window, qtbot) -> None:
    Journal(window.session.project).add("An older entry")
    _action(window, "journal-open").trigger()
    page = journal_window(window).journal
    page.start_entry(None)
    qtbot.keyClicks(page.text, "Typed, never saved by hand")
    page.table.selectRow(0)
    assert [e.text for e in Journal(window.session.project).entries()] == ["An older entry",
                                                                           "Typed, never saved by hand"]


def test_memos_are_written_per_thing_and_closing_the_window_saves(window, codes, qtbot) -> None:
    _action(window, "journal-open").trigger()
    journal = journal_window(window)
    memos = journal.memos
    journal.tabs.setCurrentWidget(memos)
    memos.show_memo(MemoOn(code_id=codes["held"]))
    qtbot.keyClicks(memos.text, "Containment")
    qtbot.mouseClick(memos.save, Qt.MouseButton.LeftButton)
    assert memo_text(window.session.project, MemoOn(code_id=codes["held"])) == "Containment"
    memos.show_memo(MemoOn())
    qtbot.keyClicks(memos.text, "Why this study")
    journal.close()
    assert [(m.kind, m.text) for m in all_memos(window.session.project)] == [("project", "Why this study"),
                                                                             ("theme", "Containment")]
    assert memos.model.rowCount() == 2
    window.session.undo_last()
    assert memo_text(window.session.project, MemoOn()) == ""


def test_the_window_fits_a_small_screen(window) -> None:
    _action(window, "journal-open").trigger()
    journal = journal_window(window)
    screen = journal.screen().availableGeometry()
    assert journal.width() <= screen.width() and journal.height() <= screen.height()
    assert journal.minimumSizeHint().width() <= 1264 and journal.minimumSizeHint().height() <= 664


def test_export_audit_trail_opens_the_export_dialog_with_what_was_just_typed_saved(window, qtbot) -> None:
    _action(window, "journal-open").trigger()
    journal = journal_window(window)
    qtbot.keyClicks(journal.journal.text, "Written just before exporting")
    journal.findChild(QPushButton, "journal-export").click()
    assert [e.text for e in Journal(window.session.project).entries()] == ["Written just before exporting"]
    dialog = journal._export_dialog
    assert dialog.isVisible()
    dialog.close()
