"""The workbench fits a student's laptop (issue 16, item 1): 1280×720, nothing cut, nothing sideways."""

from __future__ import annotations

from itertools import pairwise

import pytest
from gui_builders import INTERVIEWS, add_transcript_file
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from qualcode.gui.main_window import MainWindow


@pytest.fixture
def maya_window(qtbot, project, settings):
    """Maya's real transcript (lines up to 82 characters) in a window the size of a 1280×720 screen."""
    doc = add_transcript_file(project, INTERVIEWS / "maya.txt")
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1280, 690)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(doc.id)
    qtbot.wait(20)
    yield win
    if win.session is not None:
        win.close_project()


def _rows_fit(view) -> bool:
    """Every row of every line lies inside the viewport (nothing clipped at the right)."""
    width = view.viewport().width()
    block = view.document().begin()
    while block.isValid():
        layout = block.layout()
        view.blockBoundingRect(block)  # laid out
        for i in range(layout.lineCount()):
            row = layout.lineAt(i)
            if row.x() + row.naturalTextWidth() > width + 0.5:
                return False
        block = block.next()
    return True


def test_every_line_is_whole_at_1280(maya_window) -> None:
    view = maya_window.document_page.view
    assert _rows_fit(view)
    assert view.horizontalScrollBar().maximum() == 0
    assert view.blockCount() == view.index.count
    # At 1280 the lines fit by drawing the text a little smaller, not by wrapping.
    assert view.font().pointSizeF() >= view.chosen_point_size * 0.85 - 0.01


def test_lines_too_long_for_the_pane_wrap_without_new_numbers(maya_window) -> None:
    win = maya_window
    win.resize(1000, 690)  # narrower than any laptop: even the smaller text cannot fit
    view = win.document_page.view
    assert view.viewport().width() < view.widest_line() * 0.85
    assert _rows_fit(view)
    assert view.horizontalScrollBar().maximum() == 0
    # Long lines continue on an unnumbered row: the numbers stay the file's line numbers.
    assert view.blockCount() == view.index.count
    wrapped = [b for b in range(view.blockCount()) if view.document().findBlockByNumber(b).layout().lineCount() > 1]
    assert wrapped, "the pane is narrow enough that some line must wrap"
    numbers = [line for line, _top, _h in view.visible_lines()]
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_the_gutter_and_margins_follow_wrapped_lines(maya_window) -> None:
    maya_window.resize(1000, 690)
    view = maya_window.document_page.view
    rows = list(view.visible_lines())
    for (line, top, height), (_next, next_top, _h) in pairwise(rows):
        assert next_top == pytest.approx(top + height, abs=1)
        assert view.line_top(line) == pytest.approx(top, abs=1)
    tall = next(line for line, _t, height in rows if height > view.line_height() * 1.5)
    assert view.line_offset(tall + 1) - view.line_offset(tall) >= 2 * view.line_height() - 1


def test_find_never_scrolls_the_text_sideways(maya_window, qtbot) -> None:
    win = maya_window
    view = win.document_page.view
    text = view.text
    # A word at the very end of the longest line.
    longest = max(text.split("\n"), key=len)
    word = longest.split()[-1]
    win.actions.open_find()
    win.document_page.find_bar.edit.setText(word)
    win.document_page.find_bar.next()
    qtbot.wait(20)
    assert view.textCursor().hasSelection()
    assert view.horizontalScrollBar().value() == 0
    assert view.horizontalScrollBar().maximum() == 0
    # A jump from the Segments panel selects the span the same way.
    start = text.index(longest)
    win.jump_to(view.document_id, start, start + len(longest))
    assert view.horizontalScrollBar().value() == 0


def test_text_zoom_keys_change_the_size_and_it_is_remembered(maya_window, qtbot, project, settings) -> None:
    win = maya_window
    view = win.document_page.view
    before = view.chosen_point_size
    view.setFocus()
    QTest.keySequence(win, QKeySequence("Ctrl+="))
    assert view.chosen_point_size > before
    assert settings.text_zoom == 110
    assert win.survey_view.answer_view.zoom == 110
    assert _rows_fit(view)  # bigger text still fits: it wraps
    QTest.keySequence(win, QKeySequence("Ctrl+-"))
    QTest.keySequence(win, QKeySequence("Ctrl+-"))
    assert settings.text_zoom == 90
    win.close_project()
    again = MainWindow(None, settings)
    qtbot.addWidget(again)
    assert again.document_page.view.zoom == 90
    assert again.document_page.view.chosen_point_size < before


def test_ctrl_wheel_zooms_the_same_way(maya_window, settings) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    view = maya_window.document_page.view
    wheel = QWheelEvent(QPointF(50, 50), QPointF(view.mapToGlobal(QPoint(50, 50))), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom == 110 and settings.text_zoom == 110


def test_the_code_tree_keeps_a_readable_width(maya_window) -> None:
    win = maya_window
    dock = win.panels["codes"]
    win.resizeDocks([dock], [10], Qt.Orientation.Horizontal)  # as if the text were widened all the way
    assert dock.width() >= 200


def test_the_first_emergent_theme_opens_its_folded_margin(maya_window) -> None:
    """At 1280 an empty emergent-theme margin folds away; the first theme written must be seen beside its lines."""
    from gui_helpers import select_text

    page = maya_window.document_page
    assert page.splitter.sizes()[0] == 0 and not page.emergent_margin.items()
    select_text(maya_window, "two people in a room with a clock on the wall")
    assert maya_window.coding.emergent_theme("Therapy hemmed in by the clock")
    assert page.emergent_margin.items() and page.splitter.sizes()[0] > 0
    assert _rows_fit(page.view)  # the transcript still shows its lines whole
