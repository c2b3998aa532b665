"""Survey mode's "Least sure first" toggle: the answers the suggestions know least come first."""

from __future__ import annotations

import pytest

from qualcode.gui.workers import ImmediatePool

pytestmark = pytest.mark.gui


@pytest.fixture
def toggle(survey_window):
    view = survey_window.survey_view
    view.order_toggle.pool = ImmediatePool()
    view.order_toggle.backend = "tfidf"
    return view.order_toggle


def code_whole(project, doc_id: int, code_id: int) -> None:
    project.coding.apply(doc_id, 0, project.documents.get(doc_id).length, code_id)


def shown(view) -> list[int]:
    model = view.model
    model.ensure_loaded(model.total - 1)
    return [model.answer(r).document_id for r in range(model.total)]


def test_least_sure_first_orders_the_table_and_off_restores_it(survey_window, survey, toggle, qtbot) -> None:
    project, _qid, ids, (staffing, pay, _supervision, paperwork) = survey
    # Coded: three answers about pay, three about staffing and paperwork.
    for doc, code in ((ids[1], pay), (ids[4], pay), (ids[0], staffing), (ids[8], staffing), (ids[3], paperwork)):
        code_whole(project, doc, code)
    view = survey_window.survey_view
    assert toggle.isVisible() and toggle.button.text() == "Least sure first"
    toggle.button.click()
    order = shown(view)
    coded = {ids[1], ids[4], ids[0], ids[8], ids[3]}
    assert set(order[-5:]) == coded  # coded answers last
    assert sorted(order) == sorted(ids)
    assert order[:7] != [d for d in ids if d not in coded]  # not the survey's order any more
    assert "least sure first" in toggle.status.text() and "5 coded" in toggle.status.text()
    assert view.current_row() == 0
    toggle.button.click()  # off: the survey's own order again, on the same answer
    assert shown(view) == ids and view.model.order is None


def test_applying_codes_refits_and_reorders_only_the_answers_ahead(survey_window, survey, toggle, qtbot) -> None:
    project, _qid, ids, (staffing, pay, _supervision, _paperwork) = survey
    code_whole(project, ids[1], pay)
    code_whole(project, ids[0], staffing)
    view = survey_window.survey_view
    toggle.button.click()
    first = shown(view)
    view.go_to(1)
    current = view.current_document_id()
    view.table.setFocus()
    survey_window.coding.apply_code(pay, view.whole_answer())  # the researcher codes the current answer
    assert toggle._timer.isActive()  # refitted a moment later, in a worker
    toggle._timer.stop()
    toggle.refresh()
    after = shown(view)
    assert after[:2] == first[:2] and view.current_document_id() == current  # nothing already seen moved
    assert "3 coded" in toggle.status.text()


def test_with_nothing_coded_it_says_why_and_stays_off(survey_window, toggle) -> None:
    toggle.button.click()
    assert not toggle.button.isChecked()
    assert "nothing is coded yet" in toggle.status.text()
    assert survey_window.survey_view.model.order is None


def test_opening_another_question_turns_it_off(survey_window, survey, toggle) -> None:
    project, qid, ids, (staffing, *_rest) = survey
    code_whole(project, ids[0], staffing)
    toggle.button.click()
    assert toggle.button.isChecked()
    survey_window.survey_view.show_question(qid)
    assert not toggle.button.isChecked() and survey_window.survey_view.model.order is None
