"""Every big window fits a 1280×720 laptop with its buttons on the screen (issue 16, item 1)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample_fixture
from test_theme_board import _suggest, emergent_window  # noqa: F401  (the fixture is used by name)

from qualcode.gui import screen_fit

LAPTOP = QRect(0, 0, 1280, 720 - 32)  # a 1280×720 screen less a desktop panel

interviews = sample_fixture("interviews")


@pytest.fixture(autouse=True)
def laptop(monkeypatch):
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(LAPTOP))


def _fits(widget: QWidget) -> None:
    """The window with its frame fits the screen, and every visible button lies inside the window."""
    room = screen_fit.room()
    assert widget.width() <= room.width() and widget.height() <= room.height()
    assert widget.minimumSizeHint().height() <= room.height()
    inside = widget.rect()
    buttons = [b for b in widget.findChildren(QAbstractButton) if b.isVisibleTo(widget) and b.text()]
    assert buttons
    for button in buttons:
        corner = button.mapTo(widget, QPoint(button.width() - 1, button.height() - 1))
        assert inside.contains(button.mapTo(widget, QPoint(0, 0))) and inside.contains(corner), button.text()


def test_the_main_window_opens_no_larger_than_the_screen(qtbot, settings) -> None:
    from qualcode.gui.main_window import MainWindow

    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    room = screen_fit.room()
    assert win.width() <= room.width() and win.height() <= room.height()


def test_the_export_dialog_shows_its_export_row(qtbot, interviews) -> None:
    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(interviews, "master", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    _fits(dialog)
    assert dialog.export_button.isVisible()


def test_the_theme_board_shows_accept_and_discard(emergent_window, qtbot) -> None:  # noqa: F811
    win = emergent_window
    _suggest(win, count=2)
    board = win.theme_board
    qtbot.waitExposed(board)
    _fits(board)
    assert board.accept_button.isVisible() and board.close_button.isVisible()


survey = sample_fixture("survey")


def test_the_export_options_are_never_cut_at_the_right(qtbot, survey) -> None:
    """At 1280×720 the prevalence options (combo boxes, the non-answers box) were cut off by the preview."""
    from PySide6.QtWidgets import QCheckBox, QComboBox, QScrollArea

    from qualcode.gui.export.dialog import ExportDialog
    from qualcode.gui.workers import ImmediatePool

    dialog = ExportDialog(survey, "prevalence", pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = next(a for a in dialog.findChildren(QScrollArea) if a.isAncestorOf(dialog.form))
    seen = area.viewport().rect()
    shown = [w for kind in (QComboBox, QCheckBox) for w in dialog.form.findChildren(kind) if w.isVisibleTo(dialog)]
    assert shown
    for widget in shown:
        right = widget.mapTo(area.viewport(), QPoint(widget.width() - 1, 0))
        assert seen.contains(right), widget.objectName() or type(widget).__name__
