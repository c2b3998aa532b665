"""The workbench defects a new researcher met on a laptop (issue 16, item 2), each fixed and kept fixed."""

from __future__ import annotations

from pathlib import Path

from gui_helpers import select_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QToolButton

from qualcode.gui.main_window import MainWindow
from qualcode.gui.workers import ImmediatePool


def test_second_coder_entries_in_file_are_ready_without_opening_reliability(window) -> None:
    assert window.reliability.prepare.isEnabled()
    assert window.reliability.merge.isEnabled()
    window.close_project()
    assert not window.reliability.prepare.isEnabled()


def test_a_new_project_does_not_show_the_last_projects_segments(window, codes, tmp_path: Path) -> None:
    from qualcode.core.project import Project
    from qualcode.gui.widgets.segment_browser import EMPTY_TITLE

    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    window.segment_browser.show_code(codes["production"])
    assert window.segment_browser.model.rowCount() == 1
    window.set_project(Project.create(tmp_path / "second.qualcode"))
    assert window.segment_browser.model.rowCount() == 0
    assert window.segment_browser.title.text() == EMPTY_TITLE


def test_the_empty_screen_says_how_to_import(window) -> None:
    text = window.welcome.text()
    assert "Import files" in text and ".docx" in text and ".csv" in text


def test_the_codes_menu_deletes_the_selected_code(window, codes) -> None:
    menu = window.menu("Codes")
    delete = next(a for a in menu.actions() if a.objectName() == "delete-code")
    window.code_panel.select_code(codes["relentless"])  # no codings: deleted without a question
    delete.trigger()
    assert window.session.code(codes["relentless"]) is None
    window.actions.undo.trigger()
    assert window.session.code(codes["relentless"]) is not None


def test_suggested_codes_buttons_show_their_whole_line(window, codes, qtbot) -> None:
    from qualcode.gui.menus.analysis_menu import open_code_hints

    project = window.session.project
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    for phrase, code in (("It feels like a production line", "production"), ("Supervision with Helen", "supervision")):
        start = text.index(phrase)
        project.coding.apply(doc.id, start, start + len(phrase), codes[code])
    select_text(window, "She holds it all for me")
    dialog = open_code_hints(window, backend="tfidf", pool=ImmediatePool())
    qtbot.waitExposed(dialog)
    assert dialog.buttons
    for button in dialog.buttons.values():
        assert button.height() >= button.fontMetrics().height() + 10, button.text()


def test_the_recent_codes_strip_keeps_its_height(window, codes) -> None:
    page = window.document_page
    before_strip, before_text = page.recent.height(), page.view.mapTo(page, page.view.rect().topLeft()).y()
    for code in ("production", "supervision", "relentless", "numbers", "held"):
        select_text(window, "production line")
        window.coding.apply_code(codes[code])
    QApplication.processEvents()
    assert page.recent.buttons  # the strip filled up
    assert [b.text() for b in page.recent.findChildren(QToolButton) if b.isVisible()] == \
        [b.text() for b in page.recent.buttons if b.isVisible()]  # nothing else drawn in it
    assert page.recent.height() == before_strip
    assert page.view.mapTo(page, page.view.rect().topLeft()).y() == before_text


def test_in_vivo_takes_whole_words_and_its_name_can_be_edited(window, qtbot) -> None:
    view = window.document_page.view
    start = view.text.index("onestly? It feels like a product")
    view.select_span(start, start + len("onestly? It feels like a product"))
    view.setFocus()
    qtbot.keyClick(view, "i", Qt.KeyboardModifier.ControlModifier)
    code = window.session.project.codes.find("Honestly? It feels like a production")
    assert code is not None, [c.name for c in window.session.codes.values()]
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert (coding.start, coding.end) == (start - 1, start - 1 + len("Honestly? It feels like a production"))
    # Its name is open for editing in the code tree; the text is not filtered to it.
    tree = window.code_panel.tree
    assert tree.state() == QAbstractItemView.State.EditingState
    assert view.visible_codes is None
    editor = tree.findChild(QLineEdit)
    editor.setText("Work as a production line")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: window.session.project.codes.get(code.id).name == "Work as a production line")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)  # back to the text


def test_the_documents_panel_keeps_room_for_names(window) -> None:
    dock = window.panels["documents"]
    window.resizeDocks([dock], [40], Qt.Orientation.Horizontal)  # a layout saved from a squeezed window
    assert window.navigator.width() >= 150


def test_arrow_keys_in_documents_open_the_document(qtbot, transcript_project, settings) -> None:
    project, maya = transcript_project
    tom = project.documents.add_transcript("Tom interview", "Tom: I just get on with it.\n", participant="Tom")
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.show()
    win.open_document(maya.id)
    tree = win.navigator.tree
    tree.setFocus()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    opened = {win.document_page.document_id}
    for _ in range(3):
        qtbot.keyClick(tree, Qt.Key.Key_Down)
        opened.add(win.document_page.document_id)
    assert {maya.id, tom.id} <= opened
    win.close_project()


def test_ctrl_y_redoes(window, codes, qtbot) -> None:
    assert QKeySequence("Ctrl+Y") in window.actions.redo.shortcuts()
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    window.actions.undo.trigger()
    assert window.session.project.coding.for_document(window.document_page.document_id) == []
    window.document_page.view.setFocus()
    qtbot.keyClick(window.document_page.view, "y", Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.project.coding.for_document(window.document_page.document_id)) == 1


def test_clicking_a_code_says_the_text_is_filtered_and_offers_the_way_back(window, codes) -> None:
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "Supervision with Helen")
    window.coding.apply_code(codes["supervision"])
    window.code_panel.select_code(codes["supervision"])
    header = window.document_page.header.text()
    assert "“Supervision”" in header and "show all codes" in header
    assert "Supervision" in window.statusBar().currentMessage()
    window.document_page.header.linkActivated.emit("show-all")
    assert window.document_page.view.visible_codes is None
    assert len(window.document_page.view.spans()) == 2


def test_an_emergent_theme_from_a_half_word_selection_takes_whole_words(window, qtbot) -> None:
    from qualcode.gui.dialogs.quick_code_dialog import QuickCodeDialog

    view = window.document_page.view
    start = view.text.index("onestly? It feels like a product")
    view.select_span(start, start + len("onestly? It feels like a product"))
    view.setFocus()
    qtbot.keyClick(view, "e", Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickCodeDialog)
    assert dialog.edit.text() == "Honestly? It feels like a production"  # proposed from whole words
    dialog.edit.setText("Care as a product")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    code = window.session.project.codes.find("Care as a product")
    [coding] = [c for c in window.session.project.coding.for_document(window.document_page.document_id)
                if c.code_id == code.id]
    assert (coding.start, coding.end) == (start - 1, start - 1 + len("Honestly? It feels like a production"))


def test_the_filter_notice_and_its_way_back_are_never_cut_off(window, qtbot) -> None:
    """At 1280×720 the notice of a filter by a long code name ran past the page's edge, its link cut."""
    from PySide6.QtGui import QTextDocument

    window.resize(1280, 720)
    long = window.coding.new_code("Never enough time to write anything up properly at the end of the day")
    select_text(window, "production line")
    window.coding.apply_code(long.id)
    window.code_panel.select_code(long.id)
    QApplication.processEvents()
    header = window.document_page.header
    assert "show all codes" in header.text()
    laid_out = QTextDocument()
    laid_out.setDefaultFont(header.font())
    laid_out.setHtml(header.text())
    laid_out.setDocumentMargin(0)
    laid_out.setTextWidth(header.contentsRect().width())
    assert laid_out.size().height() > header.fontMetrics().lineSpacing() * 1.5  # it needs two lines here…
    assert header.contentsRect().height() >= laid_out.size().height() - 2  # …and has them: every word drawn
