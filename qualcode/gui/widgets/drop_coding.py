"""A code dragged from the code tree onto the text, or onto a survey answer, codes it.

Dropped on the selected words, it codes the selection.  Dropped on words that
are not selected, it codes the sentence under the pointer — within the
speaker's turn, never the speaker's name — which is what a researcher pointing
at a passage most often means; the coded sentence is then selected so its
extent can be seen and adjusted.  On a row of the survey table it codes the
whole answer.  While dragging, the status bar says what a drop there would
code; after it, what was coded.  Each drop is one undoable step (Ctrl+Z).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QAbstractScrollArea

from qualcode.core.model import SpeakerTurn
from qualcode.core.surveys.answers import whole_answer_coding
from qualcode.gui.session import SpanTarget
from qualcode.gui.widgets.document.drag_data import read_code_mime
from qualcode.gui.widgets.document.view import DocumentView

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

# A sentence ends at . ! ? or … (closing quotes and brackets kept with it) before a space or the end.
SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
HINT_MS = 4000


def speaker_words(turns: Sequence[SpeakerTurn], offset: int, length: int) -> tuple[int, int]:
    """``[start, end)`` of what the speaker says around ``offset``: the turn after its "Name:" label.

    Without turns (a survey answer, an unmarked transcript) the whole text.
    """
    for turn in turns:
        if turn.start <= offset < turn.end:
            label = turn.start + len(turn.speaker) + 1  # "Maya:" as the view draws it
            return min(label, turn.end), turn.end
    return 0, length


def sentence_at(text: str, offset: int, lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """The sentence of ``text[lo:hi]`` around ``offset``, without the spaces at its ends.

    A blank line ends a sentence too (a paragraph's last words need no full
    stop).  ``None`` when there are no words there.
    """
    hi = len(text) if hi is None else hi
    if hi <= lo:
        return None
    offset = min(max(offset, lo), hi - 1)
    if (before := text.rfind("\n\n", lo, offset + 1)) != -1:
        lo = before + 2
    if (after := text.find("\n\n", max(offset, lo), hi)) != -1:
        hi = after
    start, end = lo, hi
    for match in SENTENCE_END.finditer(text, lo, hi):
        if match.end() <= offset:
            start = match.end()
        else:
            end = match.end()
            break
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


class _CodeDropTarget(QObject):
    """Codes dragged from the code tree onto a view: what a drop at a point would code, and the drop.

    One event filter for every view codes can be dropped on; a subclass says
    what lies under the pointer (:meth:`target`) and emits its own signals.
    Anything that is not a code (files, text) is left to the window.
    """

    def __init__(self, area: QAbstractScrollArea) -> None:
        super().__init__(area)
        area.viewport().setAcceptDrops(True)
        area.viewport().installEventFilter(self)

    def target(self, pos: QPoint) -> object | None:
        """What a drop at ``pos`` (viewport coordinates) would code, or None."""
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether the view has anything to code at all."""
        return True

    def hover(self, target: object | None) -> None:
        raise NotImplementedError

    def drop(self, code_id: int, target: object) -> None:
        raise NotImplementedError

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.DragEnter, QEvent.Type.DragMove, QEvent.Type.Drop):
            if kind == QEvent.Type.DragLeave:
                self.hover(None)
            return False
        assert isinstance(event, (QDragMoveEvent, QDropEvent))
        code_ids = read_code_mime(event.mimeData())
        if not code_ids or not self.ready():
            return False  # not a code (files, text): the window's own handling
        target = self.target(event.position().toPoint())
        event.setDropAction(Qt.DropAction.CopyAction)
        if kind == QEvent.Type.Drop:
            event.setAccepted(target is not None)
            self.hover(None)
            if target is not None:
                self.drop(code_ids[0], target)  # the tree drags one code at a time
            return True
        event.setAccepted(target is not None or kind == QEvent.Type.DragEnter)  # enter: so moves follow
        self.hover(target)
        return True


class TextDropTarget(_CodeDropTarget):
    """Codes dragged onto a document view.

    ``hovering(target or None)`` while a code is dragged over the text and
    ``dropped(code id, start, end, on_selection)`` when one is let go, the
    span in document offsets.
    """

    hovering = Signal(object)  # (start, end, on_selection) or None
    dropped = Signal(int, int, int, bool)

    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self.view = view

    def ready(self) -> bool:
        return self.view.document_id is not None

    def target(self, pos: QPoint) -> tuple[int, int, bool] | None:
        """What a drop at ``pos`` (viewport coordinates) would code: the selection, else the sentence there."""
        view = self.view
        offset = view.offset_at(pos) if view.document_id is not None else None
        if offset is None:
            return None
        selected = view.selected_span()
        if selected is not None and selected[0] <= offset < selected[1]:
            return selected[0], selected[1], True
        span = sentence_at(view.text, offset, *speaker_words(view.turns, offset, len(view.text)))
        return (span[0], span[1], False) if span else None

    def hover(self, target: object | None) -> None:
        self.hovering.emit(target)

    def drop(self, code_id: int, target: object) -> None:
        self.dropped.emit(code_id, *target)  # type: ignore[misc]  # (start, end, on_selection)


class AnswerDropTarget(_CodeDropTarget):
    """Codes dragged onto a row of the survey table: ``dropped(code id, row)``."""

    dropped = Signal(int, int)
    hovering = Signal(object)  # the row, or None

    def __init__(self, table: QAbstractItemView) -> None:
        super().__init__(table)
        self.table = table

    def target(self, pos: QPoint) -> int | None:
        index = self.table.indexAt(pos)
        return index.row() if index.isValid() else None

    def hover(self, target: object | None) -> None:
        self.hovering.emit(target)

    def drop(self, code_id: int, target: object) -> None:
        self.dropped.emit(code_id, target)


# -- the window's side: what a drop does, and what the status bar says ------------------------------
def wire_code_drops(window: MainWindow) -> None:
    """Let codes be dropped on the transcript, the survey answer pane and the survey table's rows."""
    for view in (window.document_page.view, window.survey_view.answer_view):
        text = TextDropTarget(view)
        text.hovering.connect(partial(_say_text_target, window, view))
        text.dropped.connect(partial(code_dropped_text, window, view))
    rows = AnswerDropTarget(window.survey_view.table)
    rows.hovering.connect(lambda row: _say(window, "Drop to code this whole answer" if row is not None else ""))
    rows.dropped.connect(partial(code_dropped_answer, window))


def _say(window: MainWindow, text: str) -> None:
    if text:
        window.statusBar().showMessage(text, HINT_MS)
    else:
        window.statusBar().clearMessage()


def _lines(view: DocumentView, start: int, end: int) -> str:
    if view.index is None:
        return ""
    first, last = view.index.lines_of(start, end)
    return f"line {first}" if first == last else f"lines {first}–{last}"


def _say_text_target(window: MainWindow, view: DocumentView, target: tuple[int, int, bool] | None) -> None:
    if target is None:
        _say(window, "")
        return
    start, end, on_selection = target
    what = "the selection" if on_selection else "this sentence"
    _say(window, f"Drop to code {what} ({_lines(view, start, end)})")


def code_dropped_text(window: MainWindow, view: DocumentView, code_id: int, start: int, end: int,
                      on_selection: bool) -> bool:
    """Code ``[start, end)`` of the shown text with the dropped code; say what was coded."""
    if window.session is None or window.coding is None or view.document_id is None:
        return False
    code = window.session.code(code_id)
    if code is None or not window.coding.apply_code(code_id, SpanTarget(view.document_id, start, end,
                                                                        seen=view.text)):
        return False
    if not on_selection:
        view.select_span(start, end, centre=False)  # the coded sentence, seen and ready to adjust
    what = "the selection" if on_selection else "the sentence under the pointer"
    _say(window, f"Coded {what} ({_lines(view, start, end)}) with “{code.name}” — Ctrl+Z undoes it")
    return True


def code_dropped_answer(window: MainWindow, code_id: int, row: int) -> bool:
    """Put the dropped code on the whole answer in ``row`` of the survey table (kept, not toggled off)."""
    survey = window.survey_view
    if window.session is None or window.coding is None or not survey.go_to(row):
        return False
    code, target = window.session.code(code_id), survey.whole_answer()
    if code is None or target is None:
        _say(window, "An empty answer cannot be coded")
        return False
    assert survey.model is not None
    who = survey.model.answer(row).respondent
    if whole_answer_coding(window.session.project, target.document_id, code_id) is not None:
        _say(window, f"“{code.name}” is already on {who}’s answer")
        return False
    if not window.coding.apply_code(code_id, target):
        return False
    _say(window, f"Coded {who}’s whole answer with “{code.name}” — Ctrl+Z undoes it")
    return True
