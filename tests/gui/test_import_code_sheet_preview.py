"""The import dialog's code-sheet preview lists the columns the import reads, and the ones it leaves out."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.gui.importing.survey_mapping_dialog import CODE_SHEET, SurveyMappingDialog

pytestmark = pytest.mark.gui


def test_preview_leaves_out_a_rating_and_a_blank_column(qtbot, project, tmp_path: Path) -> None:
    from qualcode.core.surveys.importing import import_survey

    answers = tmp_path / "answers.csv"
    answers.write_text("id,q1\nR1,More pay\nR2,Less admin\nR3,Kind staff\n", encoding="utf-8")
    import_survey(project, answers, "id", ["q1"])
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("id,Sentiment,Empty,Pay,Admin & rotas\nR1,1,,1,0\nR2,4,,0,1\nR3,2,,1,1\n", encoding="utf-8")
    dialog = SurveyMappingDialog(project, sheet)
    qtbot.addWidget(dialog)
    dialog.kind_buttons[CODE_SHEET].setChecked(True)
    text = dialog.code_columns.text()
    assert text.startswith("2 code columns: Pay, Admin &amp; rotas")
    assert "Not codes, left out: ‘Sentiment’ (numbers 1–4, a rating), ‘Empty’ (blank in every row)" in text
