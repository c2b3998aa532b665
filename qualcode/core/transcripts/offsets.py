"""Code points versus UTF-16 units.

The project stores offsets in code points (Python string indices) because
REFI-QDA and our own exports count characters that way.  Qt's text cursor
counts UTF-16 units, which differ for characters outside the Basic
Multilingual Plane (emoji, some scripts).  Convert only at the GUI boundary.
"""

from __future__ import annotations

from bisect import bisect_left


class OffsetMap:
    """Converts offsets within one text; cheap when the text is all BMP."""

    def __init__(self, text: str) -> None:
        # Code-point positions of characters that take two UTF-16 units.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral_u16 = [i + k + 1 for k, i in enumerate(self._astral)]

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, offset: int) -> int:
        # Each astral character before the position adds one extra unit.
        return offset - bisect_left(self._astral_u16, offset + 1) if self._astral else offset
