"""The document view: one text block per fixed line, numbers in a margin.

Each ``QTextBlock`` is exactly one of the document's fixed lines, so the
margin shows the numbers a researcher will cite, and positions convert
exactly: a document offset is ``line start + position in block`` (code
points; Qt's UTF-16 positions are converted here and nowhere else).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from qualcode.core.lines import LineIndex
from qualcode.core.model import Coding, SpeakerTurn
from qualcode.core.offsets import OffsetMap


@dataclass(frozen=True)
class SpanStyle:
    """A coded span to paint: document offsets and a colour."""

    start: int
    end: int
    colour: str


def display_lines(text: str, index: LineIndex) -> list[str]:
    """The fixed lines' texts, without their newlines."""
    out = []
    for n in range(1, index.count + 1):
        start, end = index.span_of(n)
        out.append(text[start:end].rstrip("\n"))
    return out


class _LineHighlighter(QSyntaxHighlighter):
    """Paints speaker labels, the interviewer's turns and coded spans per line."""

    def __init__(self, view: "DocumentView") -> None:
        super().__init__(view.document())
        self._view = view

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt name
        """Formats are worked out in Python first, then set once per run.

        (Reading formats back with ``QSyntaxHighlighter.format`` corrupts
        reference counts in PySide6 6.12 and aborts the process at exit.)
        """
        view = self._view
        line = self.currentBlock().blockNumber() + 1
        if view.index is None or line > view.index.count:
            return
        line_start, line_end = view.index.span_of(line)
        to16 = view.block_offsets(line)
        # Per code point of the line: (bold, dimmed, label, span colour or None).
        n = max(line_end - line_start, 0)
        dim = [False] * n
        bold = [False] * n
        label_dim = [False] * n
        colour: list[str | None] = [None] * n
        for turn in view.turns_on_line(line_start, line_end):
            a, b = max(turn.start, line_start), min(turn.end, line_end)
            if turn.is_interviewer:
                for i in range(a - line_start, b - line_start):
                    dim[i] = True
            if line_start <= turn.start < line_end:
                label_end = min(turn.start + len(turn.speaker) + 1, line_end)
                for i in range(turn.start - line_start, label_end - line_start):
                    bold[i] = True
                    label_dim[i] = turn.is_interviewer
        for span in view.spans_on_line(line_start, line_end):
            for i in range(max(span.start, line_start) - line_start, min(span.end, line_end) - line_start):
                colour[i] = span.colour
        i = 0
        while i < n:
            key = (bold[i], dim[i], label_dim[i], colour[i])
            j = i + 1
            while j < n and (bold[j], dim[j], label_dim[j], colour[j]) == key:
                j += 1
            if any(key[:2]) or key[3]:
                fmt = QTextCharFormat()
                if key[0]:
                    fmt.setFontWeight(QFont.Weight.Bold)
                    fmt.setForeground(QColor("#6b6b6b") if key[2] else QColor("#1d3557"))
                elif key[1]:
                    fmt.setForeground(QColor("#6b6b6b"))
                if key[3]:
                    background = QColor(key[3])
                    background.setAlpha(70)
                    fmt.setBackground(background)
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(QColor(key[3]))
                a16 = to16(line_start + i)
                self.setFormat(a16, to16(line_start + j) - a16, fmt)
            i = j


class _LineNumberMargin(QWidget):
    def __init__(self, view: "DocumentView") -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._view.margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._view.paint_margin(self, event)


class DocumentView(QPlainTextEdit):
    """Read-only transcript view with fixed line numbers.

    ``selectionChangedSpan(start, end)`` reports the selection in document
    offsets (code points) so callers never see Qt positions.
    """

    selectionChangedSpan = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSize(11)
        self.setFont(font)
        self.index: LineIndex | None = None
        self._text = ""
        self._turns: list[SpeakerTurn] = []
        self._spans: list[SpanStyle] = []
        self._block_maps: dict[int, OffsetMap] = {}
        self._margin = _LineNumberMargin(self)
        self.blockCountChanged.connect(self._update_margin_width)
        self.updateRequest.connect(self._update_margin)
        self.selectionChanged.connect(self._emit_selection)
        self._highlighter = _LineHighlighter(self)
        self._update_margin_width()

    # -- content -----------------------------------------------------------------
    def show_document(self, text: str, index: LineIndex, turns: list[SpeakerTurn],
                      spans: list[SpanStyle] = ()) -> None:  # type: ignore[assignment]
        self._text, self.index, self._turns = text, index, turns
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._block_maps = {}
        self.setPlainText("\n".join(display_lines(text, index)))
        self._update_margin_width()

    def set_spans(self, spans: list[SpanStyle]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._highlighter.rehighlight()

    @staticmethod
    def spans_from_codings(codings: list[Coding], colours: dict[int, str]) -> list[SpanStyle]:
        return [SpanStyle(c.start, c.end, colours.get(c.code_id, "#888888")) for c in codings]

    def turns_on_line(self, start: int, end: int) -> list[SpeakerTurn]:
        return [t for t in self._turns if t.start < end and t.end > start or t.start == start]

    def spans_on_line(self, start: int, end: int) -> list[SpanStyle]:
        return [s for s in self._spans if s.start < end and s.end > start]

    # -- offsets -----------------------------------------------------------------
    def block_offsets(self, line: int):  # noqa: ANN201 - returns a converter
        """A function: document offset on ``line`` → UTF-16 position within its block."""
        assert self.index is not None
        start, end = self.index.span_of(line)
        omap = self._block_maps.get(line)
        if omap is None:
            omap = self._block_maps[line] = OffsetMap(self._text[start:end])
        return lambda offset: omap.to_utf16(offset - start)

    def to_document_offset(self, position: int) -> int:
        """A Qt cursor position → document offset (code points)."""
        assert self.index is not None
        block = self.document().findBlock(position)
        line = block.blockNumber() + 1
        start, end = self.index.span_of(line)
        omap = self._block_maps.get(line) or OffsetMap(self._text[start:end])
        return min(start + omap.from_utf16(position - block.position()), self.index.length)

    def to_qt_position(self, offset: int) -> int:
        assert self.index is not None
        line = self.index.line_of(min(offset, max(self.index.length - 1, 0))) if self.index.length else 1
        start, end = self.index.span_of(line)
        if offset > end:  # the newline that ends a hard line
            offset = end
        block = self.document().findBlockByNumber(line - 1)
        return block.position() + self.block_offsets(line)(offset)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.index is None:
            return None
        a = self.to_document_offset(cursor.selectionStart())
        b = self.to_document_offset(cursor.selectionEnd())
        # A selection that ends at the start of a line ends on the line before.
        return (a, b) if b > a else None

    def select_span(self, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(self.to_qt_position(start))
        cursor.setPosition(self.to_qt_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.centerCursor()

    def scroll_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(line - 1, 0))
        cursor = QTextCursor(block)
        self.setTextCursor(cursor)
        self.centerCursor()

    def _emit_selection(self) -> None:
        span = self.selected_span()
        if span:
            self.selectionChangedSpan.emit(*span)

    # -- line-number margin ------------------------------------------------------
    def margin_width(self) -> int:
        digits = max(3, len(str(max(1, self.blockCount()))))
        return 16 + self.fontMetrics().horizontalAdvance("9") * digits

    def _update_margin_width(self, *_: object) -> None:
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        cr = self.contentsRect()
        self._margin.setGeometry(QRect(cr.left(), cr.top(), self.margin_width(), cr.height()))

    def paint_margin(self, widget: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(widget)
        painter.fillRect(event.rect(), QColor("#f3f1ec"))
        painter.setPen(QColor("#8a8a8a"))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        height = round(self.blockBoundingRect(block).height())
        width = widget.width() - 8
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible() and top + height >= event.rect().top():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 str(block.blockNumber() + 1))
            block = block.next()
            top += height
        painter.end()
