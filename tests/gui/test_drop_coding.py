"""A code dragged from the code tree onto the text or a survey answer codes it (issue 16: it did nothing)."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from qualcode.core.model import SpeakerTurn
from qualcode.core.surveys.answers import whole_answer_coding
from qualcode.gui.widgets.drop_coding import sentence_at, speaker_words

ACTIONS = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction  # what the code tree's drag offers


def _tree_mime(window, code_id: int) -> QMimeData:
    """The data the code tree puts on a drag of ``code_id`` (through its own model, as a drag would)."""
    panel = window.code_panel
    panel.select_code(code_id)  # pressing on the code to drag it selects it
    mime = panel.proxy.mimeData([panel.proxy_index(code_id)])
    assert panel.proxy.supportedDragActions() & Qt.DropAction.CopyAction  # the text may take a copy
    return mime


def _point_at(view, offset: int) -> QPoint:
    """A viewport point over the character at ``offset``."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.to_qt_position(offset))
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 3, rect.center().y())


def _drag_and_drop(widget, mime: QMimeData, point: QPoint) -> QDropEvent:
    """Enter, move and drop at ``point``, as Qt delivers a drag to the widget under the pointer."""
    pos = QPointF(point)
    for event in (QDragEnterEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(widget, event)
        assert event.isAccepted()
    drop = QDropEvent(pos, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop


def _codings(window, code_id: int) -> list[tuple[int, int]]:
    return [(c.start, c.end) for c in window.session.project.coding.for_document(window.document_page.document_id)
            if c.code_id == code_id]


def test_a_code_dropped_on_the_selection_codes_it_in_one_undoable_step(window, codes) -> None:
    view = window.document_page.view
    start, end = select_text(window, "production line")
    mime = _tree_mime(window, codes["production"])
    drop = _drag_and_drop(view.viewport(), mime, _point_at(view, start + 4))
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction  # a copy: the code stays in the tree
    assert _codings(window, codes["production"]) == [(start, end)]
    assert "selection" in window.statusBar().currentMessage()
    assert "Production line" in window.statusBar().currentMessage()
    window.actions.undo.trigger()
    assert _codings(window, codes["production"]) == []


def test_a_code_dropped_on_unselected_words_codes_the_sentence_there(window, codes) -> None:
    view = window.document_page.view
    sentence = "You see one person,\nyou write it up, the next one is already in the waiting room."
    start = view.text.index(sentence)
    view.select_span(0, 0)
    mime = _tree_mime(window, codes["relentless"])
    _drag_and_drop(view.viewport(), mime, _point_at(view, view.text.index("waiting")))
    assert _codings(window, codes["relentless"]) == [(start, start + len(sentence))]
    assert view.selected_span() == (start, start + len(sentence))  # the coded extent is shown
    message = window.statusBar().currentMessage()
    assert "sentence" in message and "lines 3–4" in message
    window.actions.undo.trigger()
    assert _codings(window, codes["relentless"]) == []


def test_dropping_on_the_speakers_name_codes_their_first_sentence_not_the_name(window, codes) -> None:
    view = window.document_page.view
    label = view.text.index("Maya: Supervision")
    mime = _tree_mime(window, codes["supervision"])
    _drag_and_drop(view.viewport(), mime, _point_at(view, label + 1))
    start = label + len("Maya: ")
    assert _codings(window, codes["supervision"]) == [(start, start + len("Supervision with Helen."))]


def test_text_that_is_not_a_code_is_left_alone(window, codes) -> None:
    view = window.document_page.view
    mime = QMimeData()
    mime.setText("production line")
    point = _point_at(view, view.text.index("waiting"))
    enter = QDragEnterEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), enter)
    assert not enter.isAccepted()  # a read-only text takes no pasted words
    assert window.session.project.coding.for_document(window.document_page.document_id) == []


def test_a_code_dropped_on_a_survey_answer_codes_the_whole_answer(survey_window, survey) -> None:
    project, _qid, ids, code_ids = survey
    view = survey_window.survey_view
    table, model = view.table, view.model
    pay = code_ids[1]
    mime = _tree_mime(survey_window, pay)
    rect = table.visualRect(model.index(3, model.answer_column))
    _drag_and_drop(table.viewport(), mime, rect.center())
    coding = whole_answer_coding(project, ids[3], pay)
    assert coding is not None and (coding.start, coding.end) == (0, project.documents.get(ids[3]).length)
    assert view.current_row() == 3  # the answer coded is the one shown below
    assert "R004" in survey_window.statusBar().currentMessage()
    _drag_and_drop(table.viewport(), mime, rect.center())  # again: kept, not toggled off
    assert whole_answer_coding(project, ids[3], pay) is not None
    assert "already" in survey_window.statusBar().currentMessage()
    survey_window.actions.undo.trigger()
    assert whole_answer_coding(project, ids[3], pay) is None


@pytest.mark.parametrize(("text", "offset_of", "expected"), [
    ("One. Two three! Four?", "three", "Two three!"),
    ("One. Two three! Four?", "Four", "Four?"),
    ("He said “no.” Then left.", "no", "He said “no.”"),
    ("First para without a stop\n\nSecond para.", "para without", "First para without a stop"),
    ("It's, erm, it's like a conveyor belt, honestly. Next, next, next.", "conveyor",
     "It's, erm, it's like a conveyor belt, honestly."),
])
def test_the_sentence_around_a_word(text: str, offset_of: str, expected: str) -> None:
    start, end = sentence_at(text, text.index(offset_of))
    assert text[start:end] == expected


def test_a_sentence_never_leaves_the_speakers_turn() -> None:
    text = "Interviewer: Why\nMaya: Because it is so. And more"
    turns = [SpeakerTurn(0, 17, "Interviewer", True), SpeakerTurn(17, len(text), "Maya", False)]
    lo, hi = speaker_words(turns, text.index("Because"), len(text))
    assert text[lo:hi].strip() == "Because it is so. And more"
    start, end = sentence_at(text, text.index("Why"), *speaker_words(turns, text.index("Why"), len(text)))
    assert text[start:end] == "Why"
    assert sentence_at("   \n\n  ", 2) is None


def test_hovering_says_what_a_drop_would_code(window, codes) -> None:
    view = window.document_page.view
    mime = _tree_mime(window, codes["production"])
    point = _point_at(view, view.text.index("waiting"))
    for event in (QDragEnterEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier),
                  QDragMoveEvent(point, ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)):
        QApplication.sendEvent(view.viewport(), event)
        assert event.isAccepted()
        assert window.statusBar().currentMessage() == "Drop to code this sentence (lines 3–4)"
    QApplication.sendEvent(view.viewport(), QEvent(QEvent.Type.DragLeave))
    assert window.statusBar().currentMessage() == ""


def test_a_code_dropped_on_words_selected_in_the_answer_pane_codes_those_words(survey_window, survey) -> None:
    project, _qid, ids, code_ids = survey
    view = survey_window.survey_view
    view.go_to(4)  # "Flexible shifts and better pay."
    answer = view.answer_view
    start = answer.text.index("better pay")
    answer.select_span(start, start + len("better pay"))
    mime = _tree_mime(survey_window, code_ids[1])
    _drag_and_drop(answer.viewport(), mime, _point_at(answer, start + 3))
    [coding] = [c for c in project.coding.for_document(ids[4]) if c.code_id == code_ids[1]]
    assert (coding.start, coding.end) == (start, start + len("better pay"))
