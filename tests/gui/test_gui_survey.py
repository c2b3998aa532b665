"""Survey mode: one question as a table, coded from the keyboard through hundreds of answers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from qualcode.core.surveys.answers import whole_answer_coding
from qualcode.gui.models.survey_table_model import PAGE_SIZE

pytestmark = pytest.mark.gui


def press(qtbot, win, *keys) -> None:
    for key in keys:
        qtbot.keyClick(win.survey_view.table, key)


def coded(project, doc_id: int) -> set[int]:
    return {c.code_id for c in project.coding.for_document(doc_id)}


def test_keyboard_only_coding(survey_window, survey, qtbot):
    project, _qid, ids, (staffing, pay, supervision, paperwork) = survey
    view = survey_window.survey_view
    assert survey_window.stack.currentWidget() is view
    assert view.session.pins == {1: staffing, 2: pay, 3: supervision, 4: paperwork}  # first codes pinned
    assert [b.text() for b in view.keypad.buttons.values()][:2] == ["1  Staffing", "2  Pay"]
    view.table.setFocus()
    press(qtbot, survey_window, Qt.Key.Key_1, Qt.Key.Key_Return)  # answer 1: Staffing; next
    press(qtbot, survey_window, Qt.Key.Key_2, Qt.Key.Key_Space)  # answer 2: Pay; next
    press(qtbot, survey_window, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_4)  # answer 3: Supervision (4 on, 4 off)
    assert coded(project, ids[0]) == {staffing}
    assert coded(project, ids[1]) == {pay}
    assert coded(project, ids[2]) == {supervision}
    whole = whole_answer_coding(project, ids[0], staffing)
    assert (whole.start, whole.end) == (0, project.documents.get(ids[0]).length)
    press(qtbot, survey_window, Qt.Key.Key_Backspace)  # back to answer 2
    assert view.current_document_id() == ids[1]
    # The table shows the codes of each answer, re-read after each key.
    model = view.model
    assert model.index(0, model.codes_column).data() == "Staffing"
    assert model.index(2, model.codes_column).data() == "Supervision"
    assert survey_window.actions.undo.text() == "&Undo Remove “Paperwork”"
    qtbot.waitUntil(lambda: "3 of 12 answers coded" in view.progress.text())


def test_next_uncoded_skips_coded_answers(survey_window, survey, qtbot):
    project, _qid, ids, (staffing, *_rest) = survey
    for doc in ids[:4]:
        project.coding.apply(doc, 0, project.documents.get(doc).length, staffing)
    view = survey_window.survey_view
    view.table.setFocus()
    press(qtbot, survey_window, Qt.Key.Key_N)
    assert view.current_document_id() == ids[4]


def test_the_table_shows_respondents_and_their_attributes(survey_window, survey):
    model = survey_window.survey_view.model
    assert model.columns == ["Respondent", "role_group", "region", "years_in_post", "Answer", "Codes"]
    assert [model.index(0, c).data() for c in range(5)] == ["R001", "supervisor", "North", "1", "More staff, honestly."]
    assert "R001" in survey_window.survey_view.answer_label.text()


def test_part_of_an_answer_can_be_coded_in_the_answer_pane(survey_window, survey):
    project, _qid, ids, (_staffing, pay, *_rest) = survey
    view = survey_window.survey_view
    view.go_to(1)
    answer = view.answer_view
    start = answer.text.index("extra hours")
    answer.select_span(start, start + len("extra hours"))
    assert survey_window.coding.apply_code(pay)
    [coding] = project.coding.for_document(ids[1])
    assert (coding.start, coding.end) == (start, start + len("extra hours"))
    assert [s.code_id for s in answer.spans()] == [pay]
    assert view.model.index(1, view.model.codes_column).data() == "Pay"


def test_answers_are_fetched_a_page_at_a_time(qtbot, project, settings):
    from gui_builders import add_answers, add_question

    from qualcode.core.model import CodeRole
    from qualcode.gui.main_window import MainWindow

    qid = add_question(project, "q_big", "Anything else?")
    ids = add_answers(project, qid, [(f"P{i:04d}", f"Answer number {i}.", {}) for i in range(PAGE_SIZE * 2 + 50)])
    code = project.codes.create("Other", CodeRole.CODE)
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    win.open_question(qid)
    model = win.survey_view.model
    assert (model.total, model.rowCount()) == (PAGE_SIZE * 2 + 50, PAGE_SIZE)
    assert model.canFetchMore()
    assert win.survey_view.go_to(PAGE_SIZE + 10)  # moving on fetches the next page
    assert model.rowCount() == PAGE_SIZE * 2
    assert win.survey_view.toggle_key(1)
    assert [c.code_id for c in project.coding.for_document(ids[PAGE_SIZE + 10])] == [code.id]
    win.close_project()


def test_the_navigator_lists_questions_with_coded_counts(survey_window, survey, qtbot):
    _project, qid, ids, (staffing, *_rest) = survey
    model = survey_window.navigator.model
    item = model.find_question(qid)
    count = item.parent().child(item.row(), 1)
    assert count.text() == "0/12"
    survey_window.coding.toggle_on_whole_document(ids[0], staffing)
    qtbot.waitUntil(lambda: count.text() == "1/12")
