"""Survey mode gives the answer most of the table (issue 16: it was about 65 px wide)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("width", [1280, 1600])
def test_the_answer_column_gets_the_largest_share(survey_window, qtbot, width: int) -> None:
    win = survey_window
    win.resize(width, 700)
    view = win.survey_view
    table, model = view.table, view.model
    header = table.horizontalHeader()

    def answer_share() -> float:
        return header.sectionSize(model.answer_column) / table.viewport().width()

    qtbot.waitUntil(lambda: view._columns_fitted_to == table.viewport().width(), timeout=2000)
    assert answer_share() >= 0.45
    others = [header.sectionSize(c) for c in range(model.columnCount()) if c != model.answer_column]
    assert header.sectionSize(model.answer_column) > max(others)
    assert not table.verticalHeader().isVisible()  # no row numbers beside the respondent ids they repeated


def test_a_code_past_the_nine_keys_is_reached_from_the_keyboard(survey_window, survey, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from qualcode.core.model import CodeRole
    from qualcode.core.surveys.answers import whole_answer_coding
    from qualcode.gui.dialogs.quick_code_dialog import QuickCodeDialog

    project, _qid, ids, _codes = survey
    theme = project.codes.create("Later theme", CodeRole.THEME)
    late = [survey_window.coding.new_code(f"Later code {i}", CodeRole.CODE, theme.id) for i in range(10)]
    view = survey_window.survey_view
    assert late[-1].id not in view.session.pins.values()  # not on any key
    assert view.keypad.findChild(object, "keypad-more") is not None  # the keypad says how
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickCodeDialog)
    dialog.edit.setText("Later code 9")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    whole = whole_answer_coding(project, ids[0], late[-1].id)
    assert whole is not None and (whole.start, whole.end) == (0, project.documents.get(ids[0]).length)
