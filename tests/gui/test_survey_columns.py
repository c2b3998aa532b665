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
