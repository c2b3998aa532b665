"""Fitting wrapped text into a few lines, ending with "…" (margins and the survey table)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

_WRAP = Qt.TextFlag.TextWordWrap


def wrapped_height(metrics: QFontMetrics, text: str, width: int) -> int:
    return metrics.boundingRect(QRect(0, 0, width, 100_000), _WRAP, text).height()


def fit_wrapped(metrics: QFontMetrics, text: str, width: int, height: int) -> str:
    """``text`` whole if it wraps into ``height``; else its longest start (cut at a word) with "…"."""
    if wrapped_height(metrics, text, width) <= height:
        return text
    words = text.split()
    lo, hi = 1, len(words)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if wrapped_height(metrics, " ".join(words[:mid]) + " …", width) <= height:
            lo = mid
        else:
            hi = mid - 1
    return " ".join(words[:lo]) + " …"


class WrappedTextDelegate(QStyledItemDelegate):
    """Word-wrapped cell text cut to the row's height with "…", never half a line."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int, int], str] = {}

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = " ".join((opt.text or "").split())
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect = opt.rect.adjusted(4, 2, -4, -2)
        metrics = QFontMetrics(opt.font)
        height = (rect.height() // metrics.lineSpacing()) * metrics.lineSpacing()
        key = (text, rect.width(), height)
        shown = self._cache.get(key)
        if shown is None:
            if len(self._cache) > 5000:
                self._cache.clear()
            shown = self._cache[key] = fit_wrapped(metrics, text, rect.width(), height)
        painter.save()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.setPen(opt.palette.highlightedText().color() if selected else opt.palette.text().color())
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(_WRAP), shown)
        painter.restore()
