"""A saved layout can never squeeze the transcript out of sight."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QSplitter

from qualcode.gui.main_window import MainWindow


def test_a_layout_saved_from_a_tiny_window_is_not_restored(qtbot, transcript_project) -> None:
    project, doc = transcript_project
    window = MainWindow(project, ask_coder=False)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.open_document(doc.id)
    page = window.document_page
    # What a window 250 pixels wide once saved: 90 | 70 | 90.
    tiny = QSplitter()
    for _ in range(3):
        tiny.addWidget(QSplitter())
    tiny.setSizes([90, 70, 90])
    state: QByteArray = tiny.saveState()
    page.restore_columns(state)
    qtbot.wait(50)
    page.resize(page.width() + 1, page.height())  # a resize re-checks the columns
    qtbot.waitUntil(lambda: page.splitter.sizes()[1] >= page.MIN_TEXT_WIDTH, timeout=2000)
