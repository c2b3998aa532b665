"""The IPA margins: emergent themes on the left, exploratory notes on the right.

IPA researchers work on paper with three columns — emergent themes, the
transcript, exploratory comments — so each annotation sits beside the lines
it is about.  A margin lays its boxes out once per change (top of the first
line they annotate, pushed down when the one above is still there) and only
translates them as the transcript scrolls.  A bracket on the transcript side
marks the exact lines; a thin leader joins it to a box pushed further down.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QStaticText,
)
from PySide6.QtWidgets import QToolTip, QWidget

from qualcode.core.model import CodeRole, NoteKind
from qualcode.gui.appearance import is_dark
from qualcode.gui.widgets.document.view import DocumentView
from qualcode.gui.widgets.text_fit import fit_wrapped

NOTE_COLOURS = {
    NoteKind.DESCRIPTIVE: "#2f6690",
    NoteKind.LINGUISTIC: "#2a9d8f",
    NoteKind.CONCEPTUAL: "#8e5ea2",
    NoteKind.FREE: "#7a7a7a",
}
BOX_GAP = 4
MAX_BODY_LINES = 8
BRACKET = 6


@dataclass(frozen=True)
class MarginItem:
    key: int  # a note id, or a coding id
    first_line: int
    last_line: int
    start: int
    end: int
    title: str
    text: str
    colour: str


class AnnotationMargin(QWidget):
    """A column of annotation boxes aligned with the document view's lines."""

    itemClicked = Signal(int)
    itemActivated = Signal(int)
    itemMenuRequested = Signal(int, QPoint)

    def __init__(self, view: DocumentView, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._side = side  # "left" or "right": which side the transcript is NOT on
        self._items: list[MarginItem] = []
        self._layout: list[tuple[MarginItem, float, float]] = []  # item, top, height (line space)
        self._bottoms: list[float] = []  # box bottoms in line space, ascending (boxes never overlap)
        self._layout_key: tuple | None = None
        self._static: dict[tuple, QStaticText] = {}
        self._shown_text: dict[int, str] = {}
        self.setMouseTracking(True)
        self.setMinimumWidth(90)
        self.body_font = QFont(self.font())
        self.body_font.setPointSizeF(max(self.font().pointSizeF() - 0.5, 8))
        self.title_font = QFont(self.body_font)
        self.title_font.setPointSizeF(self.body_font.pointSizeF() - 1)
        self.title_font.setBold(True)
        view.linesRepainted.connect(self.update)

    def sizeHint(self) -> QSize:
        return QSize(240, 400)

    def items(self) -> list[MarginItem]:
        return list(self._items)

    def set_items(self, items: list[MarginItem]) -> None:
        self._items = sorted(items, key=lambda i: (i.first_line, i.start, i.key))
        self._static.clear()
        self._layout_key = None
        self.update()

    # -- layout ------------------------------------------------------------------------
    def _box_width(self) -> int:
        return max(self.width() - BRACKET - 14, 40)

    def _relayout(self) -> None:
        view = self._view
        view.line_offsets()
        key = (self.width(), view.layout_generation, len(self._items))
        if key == self._layout_key:
            return
        body, title = QFontMetrics(self.body_font), QFontMetrics(self.title_font)
        width = self._box_width() - 12
        out, bottom = [], float("-inf")
        self._shown_text = {}
        limit = body.lineSpacing() * MAX_BODY_LINES
        for item in self._items:
            shown = item.text
            text_h = body.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, shown).height()
            if text_h > limit:  # long notes end with "…"; the tooltip and the editor show them whole
                shown = fit_wrapped(body, item.text, width, limit)
                text_h = body.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, shown).height()
            self._shown_text[item.key] = shown
            height = text_h + 8 + (title.lineSpacing() if item.title else 0)
            top = max(view.line_offset(item.first_line), bottom + BOX_GAP)
            out.append((item, top, float(height)))
            bottom = top + height
        self._layout, self._layout_key = out, key
        self._bottoms = [top + height for _, top, height in out]

    def _origin(self) -> float:
        """Where line 1's top is, in this widget's coordinates."""
        viewport = self._view.viewport()
        here = self.mapTo(self.window(), QPoint(0, 0)).y()
        there = viewport.mapTo(self.window(), QPoint(0, 0)).y()
        return there - here + self._view.line_top(1)

    def box_rects(self, top: float | None = None, bottom: float | None = None) -> list[tuple[MarginItem, QRectF]]:
        """Items' boxes in widget coordinates; with ``top``/``bottom``, only those near that band.

        An item is near the band when its box or its bracket (the lines it is
        about, which lie at or above the box) may show there.
        """
        self._relayout()
        origin = self._origin()
        x = BRACKET + 8 if self._side == "right" else 6
        first, last = 0, len(self._layout)
        if top is not None and bottom is not None:
            line_h = self._view.line_height()
            first = bisect_left(self._bottoms, top - origin)
            while first > 0 and self._view.line_offset(self._layout[first - 1][0].last_line + 1) + origin >= top:
                first -= 1  # a long passage whose box sits above the band still shows its bracket
            last = bisect_right([t for _, t, _ in self._layout[first:]], bottom - origin + line_h * 40) + first
        return [(item, QRectF(x, origin + t, self._box_width(), h)) for item, t, h in self._layout[first:last]]

    # -- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(event.rect(), self.palette().color(QPalette.ColorRole.AlternateBase))  # light or dark
        line_h = self._view.line_height()
        origin = self._origin()
        visible = QRectF(event.rect()).adjusted(0, -line_h, 0, line_h)
        bracket_x = 3 if self._side == "right" else self.width() - 4
        for item, rect in self.box_rects(visible.top(), visible.bottom()):
            target_top = origin + self._view.line_offset(item.first_line)
            target_bottom = origin + self._view.line_offset(item.last_line + 1)
            if rect.bottom() < visible.top() and target_bottom < visible.top():
                continue
            if rect.top() > visible.bottom() and target_top > visible.bottom():
                break
            colour = QColor(item.colour)
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPoint(bracket_x, round(target_top) + 2), QPoint(bracket_x, round(target_bottom) - 2))
            if rect.top() > target_top + 2:
                faint = QColor(colour)
                faint.setAlpha(110)
                painter.setPen(QPen(faint, 1, Qt.PenStyle.DotLine))
                edge = rect.left() if self._side == "right" else rect.right()
                painter.drawLine(QPoint(bracket_x, round(target_top) + 2), QPoint(round(edge), round(rect.top()) + 6))
            self._paint_box(painter, item, rect, colour)
        painter.end()

    def _paint_box(self, painter: QPainter, item: MarginItem, rect: QRectF, colour: QColor) -> None:
        fill = QColor(colour)
        fill.setAlpha(26)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 3, 3)
        painter.fillRect(QRectF(rect.left(), rect.top(), 3, rect.height()), colour)
        inner = rect.adjusted(8, 4, -4, -4)
        if item.title:
            painter.setFont(self.title_font)
            painter.setPen(colour.lighter(150) if is_dark(self.palette()) else colour.darker(115))
            painter.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, item.title)
            inner.setTop(inner.top() + QFontMetrics(self.title_font).lineSpacing())
        painter.setFont(self.body_font)
        painter.setPen(self.palette().color(QPalette.ColorRole.Text))
        text = self._shown_text.get(item.key, item.text)
        key = (item.key, text, round(inner.width()))
        body = self._static.get(key)
        if body is None:  # laid out once, then only drawn: scrolling stays cheap
            body = self._static[key] = QStaticText(text)
            body.setTextWidth(inner.width())
            body.prepare(font=self.body_font)
        painter.save()
        painter.setClipRect(inner)
        painter.drawStaticText(inner.topLeft(), body)
        painter.restore()

    # -- interaction ---------------------------------------------------------------------
    def item_at(self, pos: QPoint) -> MarginItem | None:
        rects = self.box_rects(pos.y() - 2, pos.y() + 2)
        return next((item for item, rect in rects if rect.contains(pos.toPointF())), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position().toPoint())
        if item and event.button() == Qt.MouseButton.LeftButton:
            self.itemClicked.emit(item.key)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.item_at(event.position().toPoint())
        if item:
            self.itemActivated.emit(item.key)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        item = self.item_at(event.pos())
        if item:
            self.itemMenuRequested.emit(item.key, event.globalPos())

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event: QHelpEvent = event  # type: ignore[assignment]
            item = self.item_at(help_event.pos())
            if item:
                lines = f"{item.first_line}" if item.first_line == item.last_line else f"{item.first_line}–{item.last_line}"
                QToolTip.showText(help_event.globalPos(), f"<b>{item.title or 'Emergent theme'}</b> · lines {lines}"
                                  f"<br>{item.text}", self)
            else:
                QToolTip.hideText()
            return True
        if event.type() == QEvent.Type.Resize:
            self._layout_key = None
        return super().event(event)


class NotesMargin(AnnotationMargin):
    """Exploratory notes (descriptive, linguistic, conceptual) beside their lines."""

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(view, "right", parent)
        self.setObjectName("notes-margin")

    def refresh(self) -> None:
        view = self._view
        if view.index is None:
            self.set_items([])
            return
        items = []
        for note in view.notes:
            first, last = view.index.lines_of(note.start, note.end)
            title = "Note" if note.kind == NoteKind.FREE else note.kind.value.capitalize()
            items.append(MarginItem(note.id, first, last, note.start, note.end, title.upper(), note.text,
                                    NOTE_COLOURS[note.kind]))
        self.set_items(items)


class EmergentThemeMargin(AnnotationMargin):
    """Emergent themes (codes with that role) beside the lines they came from."""

    def __init__(self, view: DocumentView, code_role: Callable[[int], CodeRole | None],
                 code_name: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(view, "left", parent)
        self.setObjectName("emergent-margin")
        self._role, self._name = code_role, code_name

    def refresh(self) -> None:
        view = self._view
        items = []
        visible = view.visible_codes
        for span in view.all_spans().values():
            if self._role(span.code_id) == CodeRole.EMERGENT and (visible is None or span.code_id in visible):
                first, last = view.lines_of_span(span)
                items.append(MarginItem(span.coding_id, first, last, span.start, span.end, "",
                                        self._name(span.code_id), span.colour))
        self.set_items(items)
