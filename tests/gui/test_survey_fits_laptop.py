"""Survey mode leaves the side panels their room on a 1280×720 laptop.

The progress line's key hints (about 850 px of text on one line) made the
survey page that wide at least, so opening a question squeezed Documents
and Codes to their minimum — and they stayed squeezed for the next project.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from qualcode.gui.main_window import MainWindow


def test_opening_a_question_leaves_the_panels_as_they_were(qtbot, survey, settings) -> None:
    project, qid, _ids, _codes = survey
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    QApplication.processEvents()
    before = win.navigator.width(), win.code_panel.width()
    win.open_question(qid)
    QApplication.processEvents()
    assert (win.navigator.width(), win.code_panel.width()) == before
    progress = win.survey_view.progress
    assert "N next uncoded" in progress.text()
    assert progress.height() >= progress.heightForWidth(progress.width())  # wrapped, every hint shown
    win.close_project()
