"""The document view: one text block per fixed line, numbers and coding stripes in a gutter.

Each ``QTextBlock`` is exactly one of the document's fixed lines, so the
gutter shows the numbers a researcher will cite, and positions convert
exactly: a document offset is ``line start + position in block`` (code
points; Qt's UTF-16 positions are converted in
:mod:`~qualcode.gui.widgets.document.positions` and nowhere else).

Codings are bucketed by line when they are set, so painting a line looks at
that line's codings only, and a changed coding re-paints just its lines.

A fixed line longer than the pane is first drawn a little smaller (down to
:data:`~qualcode.gui.widgets.document.sizing.FIT_SHRINK` of the chosen size)
and, if it still does not fit, wrapped softly onto a continuation row with no number of its own, so no word is ever
cut off or scrolled out of sight sideways and the numbers a researcher cites
never change.  Lines can
therefore differ in height: :meth:`DocumentView.line_offset` gives each
line's top, and the gutter and margins place things by it.

The view is built in three layers, one job each: line geometry
(:mod:`~qualcode.gui.widgets.document.geometry`), text size and fitting to the
pane (:mod:`~qualcode.gui.widgets.document.sizing`), and, here, the document,
its codings, selection in document offsets, tooltips and the context menu.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFontDatabase,
    QHelpEvent,
    QPalette,
    QResizeEvent,
    QTextCursor,
    QTextOption,
    QWheelEvent,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QToolTip, QWidget

from qualcode.core.model import Code, Coding, Note, SpeakerTurn
from qualcode.core.transcripts.lines import LineIndex
from qualcode.gui.widgets.document.coded_spans import CodedSpan, SpanIndex
from qualcode.gui.widgets.document.drag_data import selection_mime
from qualcode.gui.widgets.document.highlighter import SpanHighlighter, TurnLayers, turn_layers
from qualcode.gui.widgets.document.line_gutter import LineGutter
from qualcode.gui.widgets.document.positions import BlockPositions, display_lines
from qualcode.gui.widgets.document.sizing import BASE_POINT_SIZE, TextSizing
from qualcode.gui.widgets.document.sizing import FIT_SHRINK as FIT_SHRINK
from qualcode.gui.widgets.document.sizing import MAX_ZOOM as MAX_ZOOM
from qualcode.gui.widgets.document.sizing import MIN_ZOOM as MIN_ZOOM
from qualcode.gui.widgets.document.sizing import ZOOM_STEP as ZOOM_STEP
from qualcode.gui.widgets.document.tooltips import describe_spans

SELECTION_COLOUR = "#ffd966"
FULL_REPAINT_LINES = 300  # past this many changed lines, one full re-highlight is quicker


class DocumentView(TextSizing):
    """Read-only transcript or answer with fixed line numbers and coded spans.

    ``selectionChangedSpan(start, end)`` reports the selection in document
    offsets (code points) so callers never see Qt positions.
    """

    selectionChangedSpan = Signal(int, int)
    codingClicked = Signal(int)
    linesRepainted = Signal()  # after scrolling or new codings: margins follow
    spansChanged = Signal()  # the set of shown codings changed
    zoomRequested = Signal(int)  # Ctrl+wheel: +1 larger, -1 smaller (the window sets and remembers the size)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        # Soft wrap: a long fixed line continues on an unnumbered row; nothing scrolls sideways.
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(BASE_POINT_SIZE)
        self.setFont(font)
        # A highlighter-pen selection, so a selection never looks like a coded span.
        palette = self.palette()
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION_COLOUR))
            palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor("#000000"))
        self.setPalette(palette)
        self.document().setDocumentMargin(6)
        self.document_id: int | None = None
        self.index: LineIndex | None = None
        self.code_lookup: Callable[[int], Code | None] = lambda _id: None
        self.coder_lookup: Callable[[int], str] = lambda _id: ""
        self.menu_builder: Callable[[QMenu, int | None], None] | None = None
        self._text = ""
        self._turn_layers: TurnLayers = {}
        self._turns: list[SpeakerTurn] = []
        self._index = SpanIndex()
        self._notes: list[Note] = []
        self._positions = BlockPositions(self.document)
        self._gutter = LineGutter(self)
        self.blockCountChanged.connect(self._update_gutter_width)
        self.updateRequest.connect(self._on_update_request)
        self.selectionChanged.connect(self._emit_selection)
        self._highlighter = SpanHighlighter(self)
        layout = self.document().documentLayout()
        layout.documentSizeChanged.connect(self._forget_tops)
        layout.updateBlock.connect(self._forget_tops)
        self._update_gutter_width()

    def _font_refitted(self) -> None:
        self._update_gutter_width()
        self.linesRepainted.emit()

    # -- content -----------------------------------------------------------------
    def show_document(self, document_id: int, text: str, index: LineIndex, turns: list[SpeakerTurn],
                      codings: Sequence[Coding] = (), notes: Sequence[Note] = ()) -> None:
        """Show a document with its codings (painted once, as the text goes in)."""
        self.document_id, self._text, self.index = document_id, text, index
        self._positions.reset(text, index)
        self._notes = list(notes)
        self._turn_layers = turn_layers(index, turns)
        self._turns = list(turns)
        visible = self._index.visible_codes
        self._index.reset(index)
        self._index.visible_codes = visible
        self._index.set_codings(codings, self._colour_of)
        self._spans_changed()
        self.setPlainText("\n".join(display_lines(text, index)))
        self._forget_tops()
        self._fit_font()
        self._update_gutter_width()
        self.linesRepainted.emit()

    def clear_document(self) -> None:
        self.document_id, self._text, self.index = None, "", None
        self._positions.reset("", None)
        self._index.reset(None)
        self._notes = []
        self._turn_layers = {}
        self._turns = []
        self.setPlainText("")
        self._forget_tops()
        self.linesRepainted.emit()

    @property
    def text(self) -> str:
        return self._text

    @property
    def turns(self) -> list[SpeakerTurn]:
        """The shown transcript's speaker turns (none for a survey answer)."""
        return self._turns

    def set_codings(self, codings: list[Coding]) -> None:
        """New codings for the shown document: only the lines that changed are re-painted."""
        self.set_coding_rows([(c.id, c.code_id, c.coder_id, c.start, c.end) for c in codings])

    def set_coding_rows(self, rows: list[tuple[int, int, int, int, int]]) -> None:
        """The same from ``(coding id, code id, coder id, start, end)`` rows."""
        changed = self._index.set_rows(rows, self._colour_of)
        if changed is None:
            self._highlighter.rehighlight()
            self._after_repaint()
        elif changed:
            self._repaint_lines(changed)
        else:
            return
        self._spans_changed()

    def _colour_of(self, code_id: int) -> str:
        code = self.code_lookup(code_id)
        return code.colour if code else "#888888"

    def refresh_colours(self) -> None:
        """Codes were renamed or recoloured: re-read colours and re-paint everything."""
        self._index.recolour(self._colour_of)
        self._highlighter.forget_formats()
        self._highlighter.rehighlight()
        self._spans_changed()
        self._after_repaint()

    def set_visible_codes(self, code_ids: set[int] | None) -> None:
        """Show only these codes' spans (``None``: every code)."""
        if code_ids == self._index.visible_codes:
            return
        self._index.set_visible(code_ids)
        self._highlighter.rehighlight()
        self._spans_changed()
        self._after_repaint()

    def _spans_changed(self) -> None:
        self._update_gutter_width()
        self.spansChanged.emit()

    @property
    def visible_codes(self) -> set[int] | None:
        return self._index.visible_codes

    def set_notes(self, notes: list[Note]) -> None:
        self._notes = list(notes)

    @property
    def notes(self) -> list[Note]:
        return self._notes

    def spans(self) -> list[CodedSpan]:
        """Every coded span shown (respecting the code filter), in text order."""
        return self._index.shown()

    def all_spans(self) -> dict[int, CodedSpan]:
        """Every coded span by coding id, shown or not (read-only)."""
        return self._index.spans

    def line_layers(
        self, line: int
    ) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]], list[CodedSpan]]:
        """What the highlighter paints on ``line``: dimmed turns, speaker labels, coded spans."""
        dims, labels = self._turn_layers.get(line, ([], []))
        return dims, labels, self._index.on_line(line)

    def lines_of_span(self, span: CodedSpan) -> tuple[int, int]:
        return self._index.lines[span.coding_id]

    def stripes_on_line(self, line: int) -> list[tuple[CodedSpan, int]]:
        columns = self._index.columns
        return [(s, columns.get(s.coding_id, 0)) for s in self._index.on_line(line)]

    @property
    def stripe_columns(self) -> int:
        return self._index.column_count

    def spans_at(self, offset: int) -> list[CodedSpan]:
        """The shown codings that cover the character at ``offset``."""
        return self._index.at(offset)

    def spans_touching(self, start: int, end: int) -> list[CodedSpan]:
        """The shown codings that overlap ``[start, end)``."""
        return [s for s in self.spans() if s.start < end and s.end > start]

    def notes_at(self, offset: int) -> list[Note]:
        return [n for n in self._notes if n.start <= offset < n.end]

    def _repaint_lines(self, lines: set[int]) -> None:
        if len(lines) > FULL_REPAINT_LINES:
            self._highlighter.rehighlight()
        else:
            doc = self.document()
            for line in sorted(lines):
                block = doc.findBlockByNumber(line - 1)
                if block.isValid():
                    self._highlighter.rehighlightBlock(block)
        self._after_repaint()

    def _after_repaint(self) -> None:
        self._gutter.update()
        self.linesRepainted.emit()

    # -- offsets -----------------------------------------------------------------
    def block_offsets(self, line: int) -> Callable[[int], int]:
        """A function: document offset on ``line`` → UTF-16 position within its block."""
        return self._positions.block_offsets(line)

    def to_document_offset(self, position: int) -> int:
        """A Qt cursor position → document offset (code points)."""
        return self._positions.to_document_offset(position)

    def to_qt_position(self, offset: int) -> int:
        """A document offset → Qt cursor position."""
        return self._positions.to_qt_position(offset)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.index is None:
            return None
        a = self.to_document_offset(cursor.selectionStart())
        b = self.to_document_offset(cursor.selectionEnd())
        # Whitespace swept up at either end (a newline, a trailing space) is not part of the quote.
        while a < b and self._text[a].isspace():
            a += 1
        while b > a and self._text[b - 1].isspace():
            b -= 1
        return (a, b) if b > a else None

    def select_span(self, start: int, end: int, centre: bool = True) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt_position(start))
        cursor.setPosition(self.to_qt_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if centre:
            self.centerCursor()

    def scroll_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(line - 1, 0))
        self.setTextCursor(QTextCursor(block))
        self.centerCursor()

    def show_line_at_top(self, line: int) -> None:
        """Scroll so that ``line`` is the first line in view (reopening where the researcher left off)."""
        self.line_offsets()  # every line laid out, so the rows before ``line`` are counted right
        block = self.document().findBlockByNumber(max(line - 1, 0))
        self.verticalScrollBar().setValue(block.firstLineNumber() if block.isValid() else 0)

    def offset_at(self, pos: QPoint) -> int | None:
        """The document offset under a viewport point, or ``None`` past a line's end."""
        if self.index is None:
            return None
        cursor = self.cursorForPosition(pos)
        rect = self.cursorRect(cursor)
        if pos.x() > rect.right() + 8 and cursor.atBlockEnd():
            return None
        return self.to_document_offset(cursor.position())

    def _emit_selection(self) -> None:
        span = self.selected_span()
        if span:
            self.selectionChangedSpan.emit(*span)

    # -- drag and drop: a selection dragged onto a code codes it --------------------
    def createMimeDataFromSelection(self) -> QMimeData:
        return selection_mime(super().createMimeDataFromSelection(), self.document_id, self.selected_span())

    # -- hover and context menu ---------------------------------------------------
    def describe_spans(self, spans: list[CodedSpan], notes: Sequence[Note] = (), heading: str = "") -> str:
        """Rich text naming codes (with coder and lines) and notes, for tooltips."""
        return describe_spans(spans, notes, heading, self.code_lookup, self.coder_lookup, self._index.lines)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_highlighter"):  # light ↔ dark
            self._highlighter.forget_formats()
            self._highlighter.rehighlight()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            offset = self.offset_at(help_event.pos())
            text = "" if offset is None else self.describe_spans(self.spans_at(offset), self.notes_at(offset))
            if text:
                QToolTip.showText(help_event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            step = event.angleDelta().y()
            if step:
                self.zoomRequested.emit(1 if step > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.menu_builder is not None:
            self.menu_builder(menu, self.offset_at(event.pos()))
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- gutter ----------------------------------------------------------------------
    def gutter_width(self) -> int:
        """The gutter's width: line numbers and one column per stripe in use."""
        return self._gutter.wanted_width()

    def _update_gutter_width(self, *_: object) -> None:
        self.setViewportMargins(self.gutter_width(), 0, 0, 0)
        cr = self.contentsRect()
        self._gutter.setGeometry(QRect(cr.left(), cr.top(), self.gutter_width(), cr.height()))

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._gutter.scroll(0, dy)
            self.linesRepainted.emit()
        else:
            self._gutter.update(0, rect.y(), self._gutter.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._forget_tops()
            self._fit_font()
        self._update_gutter_width()
        self.linesRepainted.emit()
