"""Select text and code it: double-click, drag-and-drop, recent codes, remove, adjust."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtCore import Qt

from qualcode.gui.widgets.document.drag_data import SPAN_MIME

pytestmark = pytest.mark.gui


def codings_of(win, code_id):
    return [c for c in win.session.project.coding.for_document(win.document_page.document_id)
            if c.code_id == code_id]


def test_double_click_on_a_code_applies_it_to_the_selection(window, codes, qtbot):
    start, end = select_text(window, "It feels like a production line.")
    tree = window.code_panel.tree
    index = window.code_panel.proxy_index(codes["production"])
    rect = tree.visualRect(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # Qt 6 needs the press first
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [coding] = codings_of(window, codes["production"])
    assert (coding.start, coding.end) == (start, end)
    assert window.session.project.coder_name == "Ann"
    # The span is highlighted in the code's colour and has a stripe in the gutter.
    view = window.document_page.view
    assert [s.code_id for s in view.spans_at(start + 3)] == [codes["production"]]
    line = view.index.line_of(start)
    assert [s.code_id for s, _col in view.stripes_on_line(line)] == [codes["production"]]
    block = view.document().findBlockByNumber(line - 1)
    formats = block.layout().formats()
    assert any(f.format.background().color().alpha() > 0 for f in formats)


def test_a_selection_dropped_on_a_code_applies_it(window, codes):
    start, end = select_text(window, "She holds it all for me.")
    view = window.document_page.view
    mime = view.createMimeDataFromSelection()
    assert mime.hasFormat(SPAN_MIME)
    proxy = window.code_panel.proxy
    target = window.code_panel.proxy_index(codes["supervision"])
    assert proxy.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    assert proxy.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    [coding] = codings_of(window, codes["supervision"])
    assert (coding.start, coding.end) == (start, end)


def test_a_drop_anywhere_on_a_row_codes_with_that_row(window, codes):
    """The real drop event: near a row's edge too, the code under the pointer is applied."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QDropEvent

    start, end = select_text(window, "Supervision with Helen")
    mime = window.document_page.view.createMimeDataFromSelection()
    tree = window.code_panel.tree
    rect = tree.visualRect(window.code_panel.proxy_index(codes["supervision"]))
    for y in (rect.top() + 1, rect.center().y()):
        event = QDropEvent(QPointF(rect.center().x(), y), Qt.DropAction.CopyAction, mime,
                           Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        tree.dropEvent(event)
    [coding] = codings_of(window, codes["supervision"])  # the second drop is the same coding
    assert (coding.start, coding.end) == (start, end)
    assert codings_of(window, codes["held"]) == []


def test_recent_codes_apply_with_one_click(window, codes, qtbot):
    select_text(window, "relentless")
    window.coding.apply_code(codes["relentless"])
    assert [b.text() for b in window.document_page.recent.buttons] == ["Relentless pace"]
    start, end = select_text(window, "the next one is already in the waiting room")
    qtbot.mouseClick(window.document_page.recent.buttons[0], Qt.MouseButton.LeftButton)
    spans = {(c.start, c.end) for c in codings_of(window, codes["relentless"])}
    assert (start, end) in spans and len(spans) == 2


def test_remove_and_adjust_a_coding_from_the_context_menu(window, codes):
    _start, _end = select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    # Widen the selection and adjust the coding to it through the document's context menu.
    wide = select_text(window, "It feels like a production line.")
    from PySide6.QtWidgets import QMenu

    menu = QMenu()
    window.actions.build_document_menu(menu, None)
    sub = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("“Production line”"))
    next(a for a in sub.actions() if a.text() == "Adjust to the selection").trigger()
    [coding] = codings_of(window, codes["production"])
    assert (coding.start, coding.end) == wide
    assert window.actions.undo.text() == "&Undo Adjust “Production line”"
    menu = QMenu()
    window.actions.build_document_menu(menu, wide[0] + 2)
    sub = next(a.menu() for a in menu.actions() if a.menu() and a.text().startswith("“Production line”"))
    next(a for a in sub.actions() if a.text() == "Remove this coding").trigger()
    assert codings_of(window, codes["production"]) == []
    assert window.document_page.view.spans() == []


def test_selecting_a_code_shows_only_its_spans(window, codes):
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "Supervision with Helen")
    window.coding.apply_code(codes["supervision"])
    view = window.document_page.view
    assert len(view.spans()) == 2
    window.code_panel.select_code(codes["work"])  # a theme shows its codes below it
    assert [s.code_id for s in view.spans()] == [codes["production"]]
    assert "showing one code only" in window.document_page.header.text()
    window.show_all_codes()
    assert len(view.spans()) == 2


def test_hover_names_the_codes_and_notes_of_a_span(window, codes):
    from qualcode.core.model import NoteKind

    start, _end = select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    window.coding.add_note(NoteKind.LINGUISTIC, "Factory metaphor")
    view = window.document_page.view
    text = view.describe_spans(view.spans_at(start + 1), view.notes_at(start + 1))
    assert "Production line" in text and "Ann" in text and "Factory metaphor" in text
    line = view.index.line_of(start)
    assert f"lines {line}" in text


def test_the_selection_ignores_whitespace_swept_up_at_its_ends(window):
    view = window.document_page.view
    start = view.text.index("Supervision with Helen")
    view.select_span(start - 1, start + len("Supervision with Helen") + 1)
    assert window.document_page.selection().start == start
