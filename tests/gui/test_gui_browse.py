"""Segment browser, find in document, navigator, hover."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtCore import Qt

from qualcode.core.transcripts.documents import TurnSpec

pytestmark = pytest.mark.gui


def test_the_segment_browser_lists_a_codes_segments_with_descendants(window, codes, qtbot):
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "relentless")
    window.coding.apply_code(codes["relentless"])
    window.code_panel.select_code(codes["work"])  # the theme: both codes below it
    browser = window.segment_browser
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2)
    first = [browser.model.index(0, c).data() for c in range(5)]
    assert first[0] == "Maya" and first[2] == "Production line" and first[3] == "Ann"
    assert first[4] == "production line"
    assert "2 segments from 1 participant" in browser.title.text()


def test_double_click_jumps_to_the_place(window, codes, transcript_project, qtbot):
    project, _doc = transcript_project
    other = project.documents.add_transcript("Tom interview", "Interviewer: Hello.\n\nTom: It is a conveyor belt.\n",
                                             [TurnSpec(21, 48, "Tom")], participant="Tom")
    text = project.documents.text(other.id)
    start = text.index("conveyor belt")
    project.coding.apply(other.id, start, start + len("conveyor belt"), codes["production"])
    browser = window.segment_browser
    browser.show_code(codes["production"])
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1)
    index = browser.model.index(0, 4)
    browser.table.doubleClicked.emit(index)
    assert window.document_page.document_id == other.id
    assert window.document_page.selection().start == start
    assert window.navigator.tree.currentIndex().data() == "Tom"


def test_segments_of_a_participant(window, codes, qtbot):
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    window._participant_segments("Maya")
    qtbot.waitUntil(lambda: window.segment_browser.model.rowCount() == 1)


def test_find_in_document(window, qtbot):
    view = window.document_page.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.document_page.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "interviewer")
    assert bar.count.text() == "1 of 2"
    first = window.document_page.selection()
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    second = window.document_page.selection()
    assert bar.count.text() == "2 of 2" and second.start > first.start
    assert view.text[second.start:second.end] == "Interviewer"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert window.document_page.selection() == first
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_line_numbers_speakers_and_the_interviewer_dimmed(window):
    view = window.document_page.view
    assert view.blockCount() == view.index.count
    block = view.document().findBlockByNumber(0)
    formats = block.layout().formats()
    label = next(f for f in formats if f.start == 0)
    assert label.format.fontWeight() >= 700 and label.length == len("Interviewer:")
    dim = [f for f in formats if f.start > 0]
    assert dim and dim[0].format.foreground().color().name() == "#6f6f6f"
    maya = view.document().findBlockByNumber(view.index.line_of(view.text.index("Maya:")) - 1)
    assert maya.layout().formats()[0].format.foreground().color().name() == "#1d3557"


def test_overlapping_codings_get_stripes_side_by_side(window, codes):
    select_text(window, "It feels like a production line.")
    window.coding.apply_code(codes["production"])
    select_text(window, "production line")
    window.coding.apply_code(codes["relentless"])
    view = window.document_page.view
    line = view.index.line_of(view.text.index("production line"))
    columns = sorted(col for _span, col in view.stripes_on_line(line))
    assert columns == [0, 1]
    overlap = view.text.index("production line") + 2
    assert {s.code_id for s in view.spans_at(overlap)} == {codes["production"], codes["relentless"]}
