"""The document list's "Coded through" action marks and unmarks coverage (issue #12, item 1)."""

from __future__ import annotations

from qualcode.core.reliability.coverage import coded_documents, has_record


def _action(menu, text: str):
    return next(a for a in menu.actions() if a.text().startswith(text))


def test_a_question_is_marked_and_unmarked_as_coded_through(survey_window, survey) -> None:
    project, qid, ids, _codes = survey
    nav = survey_window.navigator
    coder = project.coder_name
    item = nav.model.find_question(qid)
    action = _action(nav.context_menu(item.index()), "Coded through by")
    assert not action.isChecked()  # nothing coded, nothing marked
    action.toggle()
    assert has_record(project, coder) and coded_documents(project, [coder])[coder] == set(ids)
    action = _action(nav.context_menu(nav.model.find_question(qid).index()), "Coded through by")
    assert action.isChecked()
    action.toggle()
    assert coded_documents(project, [coder])[coder] == set()
