"""The left gutter of the document view: fixed line numbers and coding stripes.

Each coding gets a stripe column for its whole length (columns are handed
out greedily, so nested and overlapping codings sit side by side), drawn in
its code's colour.  Hovering the gutter names the codes on that line;
clicking a stripe selects its coding's span.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QToolTip, QWidget

if TYPE_CHECKING:
    from qualcode.gui.widgets.document.coded_spans import CodedSpan
    from qualcode.gui.widgets.document.view import DocumentView

STRIPE_WIDTH = 4
STRIPE_GAP = 2
# The gutter's colours come from the palette (light or dark, Edit → Preferences…): its background is the
# window's, its numbers the quiet placeholder ink, a continuation row's mark fainter still.
CONTINUATION = "↪"  # drawn beside a wrapped line's continuation rows: the same line, not a new one


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_COLOURS: dict[str, QColor] = {}


def _colour(name: str) -> QColor:
    colour = _COLOURS.get(name)
    if colour is None:
        colour = _COLOURS[name] = QColor(name)
    return colour


class LineGutter(QWidget):
    def __init__(self, view: DocumentView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self.wanted_width(), 0)

    def numbers_width(self) -> int:
        """Room for the line numbers: three digits at least, so short documents line up."""
        view = self._view
        digits = max(3, len(str(max(1, view.blockCount()))))
        return 14 + view.fontMetrics().horizontalAdvance("9") * digits

    def wanted_width(self) -> int:
        """Numbers, then one stripe column per column in use (at least one)."""
        return self.numbers_width() + max(self._view.stripe_columns, 1) * (STRIPE_WIDTH + STRIPE_GAP) + 6

    def stripes_left(self) -> int:
        return self.numbers_width()

    def paintEvent(self, event: QPaintEvent) -> None:
        view = self._view
        painter = QPainter(self)
        palette = self.palette()
        number_ink = palette.color(QPalette.ColorRole.PlaceholderText)
        continuation_ink = palette.color(QPalette.ColorRole.Mid)
        painter.fillRect(event.rect(), palette.color(QPalette.ColorRole.Window))
        numbers_width = self.numbers_width() - 6
        left = self.stripes_left()
        painter.setPen(number_ink)
        clip_top, clip_bottom = event.rect().top(), event.rect().bottom()
        row = round(view.line_height())  # the number sits on a line's first row, not its continuation
        for line, top, height in view.visible_lines():
            if top > clip_bottom:
                break
            if top + height < clip_top:
                continue
            painter.drawText(0, top, numbers_width, min(row, height), _RIGHT, str(line))
            if height >= 2 * row - 1:  # a wrapped line: its continuation rows get a faint mark, no number
                painter.setPen(continuation_ink)
                for k in range(1, round(height / row)):
                    painter.drawText(0, top + k * row, numbers_width, row, _RIGHT, CONTINUATION)
                painter.setPen(number_ink)
            for span, col in view.stripes_on_line(line):
                first, last = view.lines_of_span(span)
                y0 = top + (2 if line == first else 0)
                y1 = top + height - (2 if line == last else 0)
                painter.fillRect(left + col * (STRIPE_WIDTH + STRIPE_GAP), y0, STRIPE_WIDTH, y1 - y0,
                                 _colour(span.colour))
        painter.end()

    def _hit(self, x: int, y: int) -> tuple[int | None, CodedSpan | None]:
        line = self._view.line_at_y(y)
        if line is None:
            return None, None
        col = (x - self.stripes_left()) // (STRIPE_WIDTH + STRIPE_GAP)
        hit = next((s for s, c in self._view.stripes_on_line(line) if c == col), None) if col >= 0 else None
        return line, hit

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            line, hit = self._hit(help_event.pos().x(), help_event.pos().y())
            if line is None:
                QToolTip.hideText()
                return True
            spans = [hit] if hit else [s for s, _ in self._view.stripes_on_line(line)]
            html = self._view.describe_spans(spans, heading=f"Line {line}")
            QToolTip.showText(help_event.globalPos(), html, self) if html else QToolTip.hideText()
            return True
        return super().event(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        _, hit = self._hit(int(event.position().x()), int(event.position().y()))
        if hit is not None:
            self._view.select_span(hit.start, hit.end, centre=False)
            self._view.codingClicked.emit(hit.coding_id)
        else:
            super().mousePressEvent(event)
