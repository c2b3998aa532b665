"""The survey mapping dialog: choose columns, import, and check what the project holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.gui.importing import controller as controller_module
from qualcode.gui.importing import import_controller
from qualcode.gui.importing.survey_mapping_dialog import (
    ATTRIBUTE,
    ATTRIBUTES,
    CODE_SHEET,
    IGNORE,
    QUESTION,
    SURVEY,
    SurveyMappingDialog,
)
from qualcode.gui.workers import ImmediatePool

SURVEY_DIR = Path(__file__).resolve().parents[2] / "sample_projects" / "survey"
RESPONSES = SURVEY_DIR / "responses.csv"


@pytest.fixture
def empty_window(qtbot, project, settings):
    from qualcode.gui.importing import build_import_actions, install_drop_support
    from qualcode.gui.main_window import MainWindow

    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.menu("File").addActions(build_import_actions(win))
    install_drop_support(win)
    import_controller(win).pool = ImmediatePool()
    yield win
    if win.session is not None:
        win.close_project()


def _answer_with(monkeypatch: pytest.MonkeyPatch, qtbot, choose) -> list[SurveyMappingDialog]:
    """Stand in for the researcher at each mapping dialog: ``choose(dialog)`` then Import."""
    shown: list[SurveyMappingDialog] = []

    def ask(parent, project, path):
        dialog = SurveyMappingDialog(project, path, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        choose(dialog)
        assert dialog.import_button.isEnabled(), dialog.problem_text()
        return dialog.plan(), ""

    monkeypatch.setattr(controller_module, "ask_survey_mapping", ask)
    return shown


def test_the_dialog_shows_a_preview_and_the_detected_types(qtbot, project) -> None:
    dialog = SurveyMappingDialog(project, RESPONSES)
    qtbot.addWidget(dialog)
    assert dialog.kind() == SURVEY and dialog.chosen_id() == "respondent_id"
    assert dialog.preview.rowCount() == 8 and dialog.preview.columnCount() == 6
    assert dialog.preview.horizontalHeaderItem(3).text() == "years_in_post\n(number)"
    assert dialog.preview.item(0, 0).text() == "R001"
    detected = {dialog.columns.item(r, 0).text(): dialog.columns.item(r, 1).text()
                for r in range(dialog.columns.rowCount())}
    assert detected["years_in_post"] == "number" and detected["q1_retention"] == "text"
    assert dialog.columns_used_as(QUESTION) == ["q1_retention", "q2_support"]
    assert dialog.columns_used_as(ATTRIBUTE) == ["role_group", "region", "years_in_post"]
    # Nothing to import without an open question: the button says so.
    dialog.set_use("q1_retention", IGNORE)
    dialog.set_use("q2_support", IGNORE)
    assert not dialog.import_button.isEnabled()
    assert "open-question" in dialog.problem.text()


def test_choose_columns_and_import(monkeypatch, qtbot, empty_window) -> None:
    def choose(dialog: SurveyMappingDialog) -> None:
        dialog.set_use("q2_support", IGNORE)  # only the first question
        dialog.set_use("region", IGNORE)
        dialog.set_use("years_in_post", ATTRIBUTE, "category")  # bands, not amounts

    _answer_with(monkeypatch, qtbot, choose)
    controller = import_controller(empty_window)
    with qtbot.waitSignal(controller.importFinished) as finished:
        controller.import_paths([RESPONSES])
    (result,) = finished.args[0]
    assert result.imported and "276 answers, 24 blank" in result.message
    project = empty_window.session.project
    assert [q.name for q, _n in project.documents.questions()] == ["q1_retention"]
    assert project.queries.counts()["documents"] == 276
    assert project.participants.attribute_types() == {"role_group": "category", "years_in_post": "category"}
    r1 = project.participants.get("R001")
    assert r1.kind == "respondent" and r1.attributes == {"role_group": "practitioner", "years_in_post": "4"}
    assert controller.report_dialog.outcome("responses.csv") == "Imported"


def test_code_sheets_and_attributes_through_the_dialog(monkeypatch, qtbot, empty_window, tmp_path: Path) -> None:
    from qualcode.core.surveys.importing import import_survey

    project = empty_window.session.project
    import_survey(project, RESPONSES, "respondent_id", ["q1_retention", "q2_support"])
    extra = tmp_path / "teams.csv"
    extra.write_text("respondent_id,team,site\nR001,Crisis,North Hospital\nR002,Inpatient,South Clinic\n",
                     encoding="utf-8")
    seen: dict[str, str] = {}

    def choose(dialog: SurveyMappingDialog) -> None:
        seen[dialog.path.name] = dialog.kind()
        if dialog.kind() == CODE_SHEET:
            dialog.coder.setText("Second coder")

    _answer_with(monkeypatch, qtbot, choose)
    controller = import_controller(empty_window)
    with qtbot.waitSignal(controller.importFinished) as finished:
        controller.import_paths([SURVEY_DIR / "codebook.json", SURVEY_DIR / "reference_coding_q2_support.csv",
                                 extra])
    # The dialog recognised each file, and matched the sheet to its question by name.
    assert seen == {"reference_coding_q2_support.csv": CODE_SHEET, "teams.csv": ATTRIBUTES}
    assert all(r.imported for r in finished.args[0]), [r.message for r in finished.args[0]]
    coded = project.queries.codings_of_code(project.codes.find("Protected time").id)
    assert coded and {e.coder for e in coded} == {"Second coder"}
    assert {project.documents.question_name(e.document_id) for e in coded} == {"q2_support"}
    assert project.participants.get("R002").attributes["site"] == "South Clinic"
    assert project.participants.attribute_types()["team"] == "category"


def test_an_unreadable_table_is_reported_by_name(qtbot, empty_window, tmp_path: Path) -> None:
    bad = tmp_path / "answers.csv"
    bad.write_text("", encoding="utf-8")
    controller = import_controller(empty_window)
    with qtbot.waitSignal(controller.importFinished) as finished:
        controller.import_paths([bad])
    (result,) = finished.args[0]
    assert not result.imported and result.message == "answers.csv: the file is empty"
    assert controller.report_dialog.outcome("answers.csv") == "Refused"


def test_a_workbook_sheet_can_be_chosen(qtbot, project, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "About"
    book.active.append(["Exported from the survey tool"])
    answers = book.create_sheet("Answers")
    answers.append(["ResponseID", "Team", "What helps you stay?"])
    for i in range(6):
        answers.append([f"X{i}", ("Crisis", "Ward")[i % 2], f"My manager listens and the team is kind, {i}"])
    path = tmp_path / "export.xlsx"
    book.save(path)
    dialog = SurveyMappingDialog(project, path)
    qtbot.addWidget(dialog)
    # The notes sheet before the answers is skipped; either sheet can be chosen.
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["About", "Answers"]
    assert dialog.sheet.currentText() == "Answers"
    dialog.sheet.setCurrentText("About")
    assert "no rows of answers" in dialog.problem.text() and not dialog.import_button.isEnabled()
    dialog.sheet.setCurrentText("Answers")
    assert dialog.preview.rowCount() == 6 and dialog.chosen_id() == "ResponseID"
    plan = dialog.plan()
    assert (plan.sheet, plan.question_columns, plan.attribute_columns) == ("Answers", ("What helps you stay?",),
                                                                           ("Team",))
