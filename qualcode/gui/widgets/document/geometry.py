"""Where each fixed line sits on screen, shared by the view, its gutter and the margins.

Soft wrapping makes lines differ in height, so "line N is at N × row height"
no longer holds.  This base class works out each line's real top once per
layout and hands it to everything that places things beside the text; it is
kept apart from :class:`~qualcode.gui.widgets.document.view.DocumentView` so
that the view's module is about showing a document and its codings, not
about counting pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from qualcode.core.transcripts.lines import LineIndex


class LineGeometry(QPlainTextEdit):
    """Each fixed line's top and height, in document and viewport coordinates."""

    index: LineIndex | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tops: list[float] | None = None  # each line's top in document space, while valid
        self._last_tops: list[float] = []
        self.layout_generation = 0  # goes up whenever lines move (a re-wrap, a new font)

    def line_height(self) -> float:
        """The height of one row of text (a wrapped line is several rows)."""
        block = self.firstVisibleBlock()
        layout = block.layout() if block.isValid() else None
        if layout is not None and layout.lineCount():
            return layout.lineAt(0).height()
        return float(self.fontMetrics().lineSpacing())

    def _forget_tops(self, *_: object) -> None:
        self._tops = None

    def line_offsets(self) -> list[float]:
        """Each line's top in document space (line 1 at 0), then the bottom of the last line.

        Worked out once per layout: a resize, a new font or a re-wrapped line starts again.
        """
        if self._tops is None:
            layout = self.document().documentLayout()
            tops, y = [0.0], 0.0
            block = self.document().begin()
            while block.isValid():
                y += layout.blockBoundingRect(block).height()
                tops.append(y)
                block = block.next()
            if tops != self._last_tops:
                self._last_tops = tops
                self.layout_generation += 1
            self._tops = self._last_tops
        return self._tops

    def line_offset(self, line: int) -> float:
        """Top of ``line`` (1-based; ``count + 1`` is the bottom of the last) in document space."""
        tops = self.line_offsets()
        return tops[max(0, min(line - 1, len(tops) - 1))]

    def visible_lines(self) -> Iterator[tuple[int, int, int]]:
        """``(line, top, height)`` for each line in view, in viewport coordinates (height: all its rows)."""
        block = self.firstVisibleBlock()
        if not block.isValid() or self.index is None:
            return
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        bottom = self.viewport().height()
        while block.isValid() and block.blockNumber() < self.index.count and top <= bottom:
            height = self.blockBoundingRect(block).height()
            yield block.blockNumber() + 1, round(top), round(height)
            top += height
            block = block.next()

    def line_top(self, line: int) -> float:
        """Top of ``line`` in viewport coordinates (off-screen lines too)."""
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0.0
        top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        return top + self.line_offset(line) - self.line_offset(block.blockNumber() + 1)

    def line_at_y(self, y: int) -> int | None:
        for line, top, height in self.visible_lines():
            if top <= y < top + height:
                return line
        return None
