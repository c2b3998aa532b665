"""Paints one fixed line: speaker labels, the interviewer's dimmed turns, coded spans.

The line is cut at every boundary of a turn or span and each piece gets one
format, so a long span costs one ``setFormat`` per line rather than one per
character.  Formats are cached by what they show (dimmed, bold, colours),
so the thousand-coding transcript reuses a handful of format objects.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from qualcode.core.model import SpeakerTurn
from qualcode.core.transcripts.lines import LineIndex
from qualcode.gui.appearance import is_dark

if TYPE_CHECKING:
    from qualcode.gui.widgets.document.view import DocumentView

INTERVIEWER_GREY = "#6f6f6f"
SPEAKER_INK = "#1d3557"
# On a dark page (Edit → Preferences… → Dark) the same two inks, light enough to read.
DARK_INTERVIEWER_GREY = "#a8a8a8"
DARK_SPEAKER_INK = "#9fc3ea"

#: Per line: the interviewer's dimmed ranges ``(start, end)``, and speaker labels
#: ``(start, end, kind)`` (kind 2: the interviewer's, 1: anyone else's).
TurnLayers = dict[int, tuple[list[tuple[int, int]], list[tuple[int, int, int]]]]


def turn_layers(index: LineIndex, turns: list[SpeakerTurn]) -> TurnLayers:
    """The speaker turns bucketed by fixed line, so painting a line reads only its own."""
    layers: TurnLayers = {}
    for t in turns:
        first, last = index.lines_of(t.start, max(t.end, t.start))
        for line in range(first, last + 1):
            start, end = index.span_of(line)
            dims, labels = layers.setdefault(line, ([], []))
            if t.is_interviewer:
                dims.append((max(t.start, start), min(t.end, end)))
            if line == first:
                label_end = min(t.start + len(t.speaker) + 1, end)
                labels.append((t.start, label_end, 2 if t.is_interviewer else 1))
    return layers


def blend(colours: tuple[str, ...]) -> QColor:
    """One translucent background for the codes over a piece of text.

    Overlaps grow deeper (more alpha) and mix their hues, so an overlap reads
    as an overlap; the gutter stripes say exactly which codes are there.
    """
    qs = [QColor(c) for c in colours]
    n = len(qs)
    colour = QColor(sum(c.red() for c in qs) // n, sum(c.green() for c in qs) // n,
                    sum(c.blue() for c in qs) // n)
    colour.setAlpha(min(64 + 38 * (n - 1), 150))
    return colour


class SpanHighlighter(QSyntaxHighlighter):
    def __init__(self, view: DocumentView) -> None:
        super().__init__(view.document())
        self._view = view
        self._formats: dict[tuple, QTextCharFormat] = {}

    def forget_formats(self) -> None:
        self._formats.clear()

    def _format(self, dim: bool, label: int, colours: tuple[str, ...]) -> QTextCharFormat:
        key = (dim, label, colours)
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = QTextCharFormat()
            dark = is_dark(self._view.palette())
            grey, speaker = (DARK_INTERVIEWER_GREY, DARK_SPEAKER_INK) if dark else (INTERVIEWER_GREY, SPEAKER_INK)
            if dim:
                fmt.setForeground(QColor(grey))
            if label:
                fmt.setFontWeight(QFont.Weight.Bold)
                fmt.setForeground(QColor(grey if label == 2 else speaker))
            if colours:
                fmt.setBackground(blend(colours))
            self._formats[key] = fmt
        return fmt

    def highlightBlock(self, text: str) -> None:
        view = self._view
        index = view.index
        line = self.currentBlock().blockNumber() + 1
        if index is None or line > len(index.starts):
            return
        dims, labels, spans = view.line_layers(line)
        if not (dims or labels or spans):
            return
        starts = index.starts
        line_start = starts[line - 1]
        line_end = starts[line] if line < len(starts) else index.length
        points = {line_start, line_end}
        for a, b in dims:
            points.update((a, b))
        for a, b, _ in labels:
            points.update((a, b))
        for span in spans:
            points.update((max(span.start, line_start), min(span.end, line_end)))
        cuts = sorted(p for p in points if line_start <= p <= line_end)
        to16 = view.block_offsets(line)
        for a, b in pairwise(cuts):
            if a >= b:
                continue
            dim = any(x <= a and b <= y for x, y in dims)
            label = next((kind for x, y, kind in labels if x <= a and b <= y), 0)
            colours = tuple(s.colour for s in spans if s.start <= a and b <= s.end)
            if dim or label or colours:
                pa = to16(a)
                self.setFormat(pa, to16(b) - pa, self._format(dim, label, colours))
