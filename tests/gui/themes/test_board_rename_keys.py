"""Renaming a card's theme on the board: Enter renames (never presses Accept); Esc cancels the rename, not the board."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from qualcode.gui.themes.board.dialog import ThemeBoardDialog


@pytest.fixture
def board(ipa_window, two_levels, qtbot, monkeypatch):
    win = ipa_window(two_levels.statements_only)
    data = {"mode": "statements", "scope": {"participant": "Maya"}, "backend": "test", "clusters": [
        {"key": "T1", "label": "Numbers", "parent": None, "parent_key": None, "items": []},
        {"key": "T1.1", "label": "Targets", "parent": "Numbers", "parent_key": "T1",
         "items": [{"id": "Targets over people", "participant": "Maya"},
                   {"id": "Judged on the figures", "participant": "Maya"}]}]}
    dialog = ThemeBoardDialog(win.session, data, None, win)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Cancel)
    dialog.asked = asked
    return dialog


def _title(dialog, key: str):
    return dialog.board.box(key).title


def test_enter_while_renaming_renames_and_does_not_accept(board, qtbot) -> None:
    title = _title(board, "T1.1")
    title.start_editing()
    qtbot.keyClicks(title.edit, "Numbers first")
    title.edit.selectAll()
    qtbot.keyClicks(title.edit, "Numbers first")
    qtbot.keyClick(title.edit, Qt.Key.Key_Return)
    assert board.model.cluster("T1.1").label == "Numbers first"
    assert board.isVisible() and board.accepted_command is None  # Accept was not pressed
    assert board.result() == 0
    qtbot.waitUntil(lambda: not board.board.pending)
    column_title = next(c for c in board.board.columns if c.objectName() == "theme-T1").title
    column_title.start_editing()
    qtbot.keyClick(column_title.edit, Qt.Key.Key_Enter)  # the keypad's Enter too
    assert board.isVisible() and board.accepted_command is None


def test_esc_while_renaming_cancels_the_rename_not_the_board(board, qtbot) -> None:
    title = _title(board, "T1.1")
    title.start_editing()
    title.edit.selectAll()
    qtbot.keyClicks(title.edit, "Something else")
    qtbot.keyClick(title.edit, Qt.Key.Key_Escape)
    assert board.model.cluster("T1.1").label == "Targets"  # the rename was cancelled
    assert title.currentWidget() is title.label and title.label.text() == "Targets"
    assert board.isVisible() and not board.asked  # the board stays, and nobody was asked to discard it
    # Esc outside a rename still closes the board, as before.
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    assert not board.isVisible()
