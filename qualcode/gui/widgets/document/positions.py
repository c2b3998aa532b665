"""Document offsets (code points) ↔ Qt positions (UTF-16 units) in the document view.

Each ``QTextBlock`` of the view is exactly one of the document's fixed lines,
so a document offset is ``line start + position in block``. The project counts
code points and Qt counts UTF-16 units; they differ only after characters
outside the Basic Multilingual Plane (emoji, some scripts), so for almost every
transcript the conversion is a subtraction. The conversion lives here and
nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtGui import QTextDocument

from qualcode.core.transcripts.lines import LineIndex
from qualcode.core.transcripts.offsets import OffsetMap

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # characters Qt counts as two UTF-16 units


def display_lines(text: str, index: LineIndex) -> list[str]:
    """The fixed lines' texts, without their newlines."""
    starts = index.starts
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else index.length
        out.append(text[start:end].rstrip("\n"))
    return out


class BlockPositions:
    """Converts between document offsets and positions in the view's ``QTextDocument``.

    Built once per view; :meth:`reset` whenever another document is shown.
    Per-line offset maps are made only for lines that need them, and kept.
    """

    def __init__(self, document: Callable[[], QTextDocument]) -> None:
        self._document = document
        self._text = ""
        self._index: LineIndex | None = None
        self._maps: dict[int, OffsetMap] = {}
        self._bmp_only = True

    def reset(self, text: str, index: LineIndex | None) -> None:
        """Another document (or none) is shown."""
        self._text, self._index = text, index
        self._maps = {}
        self._bmp_only = _ASTRAL.search(text) is None

    def block_offsets(self, line: int) -> Callable[[int], int]:
        """A function: document offset on ``line`` → UTF-16 position within its block."""
        assert self._index is not None
        start = self._index.starts[line - 1]
        if self._bmp_only:  # the usual case: code points and UTF-16 units agree
            return lambda offset: offset - start
        end = self._index.span_of(line)[1]
        omap = self._maps.get(line)
        if omap is None:
            omap = self._maps[line] = OffsetMap(self._text[start:end])
        return lambda offset: omap.to_utf16(offset - start)

    def to_document_offset(self, position: int) -> int:
        """A Qt cursor position → document offset (code points)."""
        assert self._index is not None
        block = self._document().findBlock(position)
        line = block.blockNumber() + 1
        start, end = self._index.span_of(line)
        if self._bmp_only:
            return min(start + position - block.position(), self._index.length)
        omap = self._maps.get(line) or OffsetMap(self._text[start:end])
        return min(start + omap.from_utf16(position - block.position()), self._index.length)

    def to_qt_position(self, offset: int) -> int:
        """A document offset → Qt cursor position (an offset on a line's newline lands at its end)."""
        index = self._index
        assert index is not None
        line = index.line_of(min(offset, max(index.length - 1, 0))) if index.length else 1
        start, end = index.span_of(line)
        visible_end = start + len(self._text[start:end].rstrip("\n"))  # the newline is not in the block
        block = self._document().findBlockByNumber(line - 1)
        return block.position() + self.block_offsets(line)(min(offset, visible_end))
