"""The text size: the researcher's zoom, and fitting long lines to a narrow pane.

The size shown is the chosen size (zoom in percent of :data:`BASE_POINT_SIZE`)
unless the pane is a little too narrow for the widest fixed line; then the
text is drawn up to :data:`FIT_SHRINK` smaller before anything wraps.  This
arithmetic is its own job — it needs the text's widest line and the pane's
width, nothing about codings — so it lives here rather than in the view.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QWidget

from qualcode.gui.widgets.document.geometry import LineGeometry

BASE_POINT_SIZE = 10.5
MIN_ZOOM, MAX_ZOOM, ZOOM_STEP = 60, 250, 10  # text zoom, in percent of BASE_POINT_SIZE
FIT_SHRINK = 0.85  # a pane a little narrower than the lines gets slightly smaller text before any wrap


class TextSizing(LineGeometry):
    """Zoom and fit-to-pane for a plain-text view; the view supplies its text and gutter."""

    _text: str

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._zoom = 100
        self._widest: tuple[tuple[int, float], float] | None = None  # (text, size) → widest line

    @property
    def zoom(self) -> int:
        """The text size in percent of the normal size (100)."""
        return self._zoom

    def set_zoom(self, percent: int) -> int:
        """Show the text at ``percent`` of its normal size (kept within 60–250); returns the size used."""
        percent = max(MIN_ZOOM, min(MAX_ZOOM, int(percent)))
        if percent != self._zoom:
            self._zoom = percent
            self._fit_font()
        return self._zoom

    @property
    def chosen_point_size(self) -> float:
        """The text size the researcher chose (zoom included), before any fitting to the pane."""
        return BASE_POINT_SIZE * self._zoom / 100

    def widest_line(self, point_size: float | None = None) -> float:
        """The width of the longest fixed line at ``point_size`` (the chosen size by default)."""
        size = point_size or self.chosen_point_size
        key = (hash(self._text), size)
        if self._widest is None or self._widest[0] != key:
            font = QFont(self.font())
            font.setPointSizeF(size)
            font.setBold(True)  # speaker labels are bold; measuring all bold errs on the safe side
            metrics = QFontMetricsF(font)
            widest = max((metrics.horizontalAdvance(line) for line in self.toPlainText().split("\n")), default=0.0)
            self._widest = (key, widest)
        return self._widest[1]

    def wanted_width(self) -> int:
        """The width that shows every fixed line whole at the chosen size: text, gutter, scroll bar."""
        margin = 2 * self.document().documentMargin() + 2 * self.frameWidth() + 4
        return round(self.widest_line() + margin + self.gutter_width() + self.verticalScrollBar().sizeHint().width())

    def gutter_width(self) -> int:
        """The width of whatever sits left of the text (the view's gutter)."""
        return 0

    def _fit_font(self) -> None:
        """The chosen size, or a little smaller when that lets every line fit the pane."""
        size = self.chosen_point_size
        room = self.viewport().width() - 2 * self.document().documentMargin() - 4
        widest = self.widest_line(size) if self._text else 0.0
        if widest > room > 0:
            size = max(size * room / widest, size * FIT_SHRINK)
        if abs(self.font().pointSizeF() - size) > 0.05:
            font = self.font()
            font.setPointSizeF(size)
            self.setFont(font)
            self._forget_tops()
            self._font_refitted()

    def _font_refitted(self) -> None:
        """Called after the font changed size, so the view can move its gutter and margins."""
