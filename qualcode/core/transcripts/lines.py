"""Fixed line numbering: lines are defined once, at import, and never change.

IPA researchers cite every quote as ``(Pseudonym, 155-157)``.  Those numbers
must stay true for the life of the project, so a document stores the start
offset of each of its lines, computed here at import time, and nothing ever
recomputes them.

A *line* is a stretch of a hard line (text between ``\\n``) no longer than the
wrap width, broken at the last space before the width where there is one —
close to how a word processor lays out a transcript.  Every hard line counts,
blank ones included, so the numbers match what the researcher sees.

All offsets are Python string indices (Unicode code points).  Qt counts UTF-16
units; :mod:`qualcode.core.transcripts.offsets` converts at the GUI boundary only.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from qualcode.io.textnorm import normalise_newlines

DEFAULT_WRAP_WIDTH = 80

# The stored form of a text is decided where files are read (io); the document
# services check a text against it under this name.
normalise_text = normalise_newlines


def compute_line_starts(text: str, width: int = DEFAULT_WRAP_WIDTH) -> list[int]:
    """Start offsets of every line of ``text`` wrapped at ``width`` characters.

    The first line always starts at 0, so an empty text has one (empty) line.
    """
    if width < 10:
        raise ValueError("wrap width must be at least 10 characters")
    starts: list[int] = []
    pos = 0
    n = len(text)
    while True:
        nl = text.find("\n", pos)
        hard_end = n if nl == -1 else nl
        starts.append(pos)
        line_start = pos
        while hard_end - line_start > width:
            # Break after the last space within the width; a word longer than
            # the width is cut at the width.
            brk = text.rfind(" ", line_start + 1, line_start + width + 1)
            cut = brk + 1 if brk > line_start else line_start + width
            starts.append(cut)
            line_start = cut
        if nl == -1:
            break
        pos = nl + 1
        if pos == n:
            # A final newline does not open a new, empty line.
            break
    return starts


@dataclass(frozen=True)
class LineIndex:
    """Maps character offsets to fixed line numbers (1-based) and back."""

    starts: tuple[int, ...]
    length: int

    @classmethod
    def build(cls, text: str, width: int = DEFAULT_WRAP_WIDTH) -> LineIndex:
        return cls(tuple(compute_line_starts(text, width)), len(text))

    @property
    def count(self) -> int:
        return len(self.starts)

    def line_of(self, offset: int) -> int:
        """The line holding the character at ``offset`` (1-based)."""
        if offset < 0 or offset > self.length:
            raise ValueError(f"offset {offset} outside the document (0..{self.length})")
        return bisect_right(self.starts, offset)

    def span_of(self, line: int) -> tuple[int, int]:
        """``(start, end)`` offsets of ``line``; ``end`` excludes its newline."""
        if not 1 <= line <= self.count:
            raise ValueError(f"line {line} outside the document (1..{self.count})")
        start = self.starts[line - 1]
        end = self.starts[line] if line < self.count else self.length
        return start, end

    def lines_of(self, start: int, end: int) -> tuple[int, int]:
        """First and last line touched by the span ``[start, end)``.

        Trailing whitespace at the end of a span (a newline selected by a
        sweeping mouse) does not pull the citation onto the next line.
        """
        if end <= start:
            first = self.line_of(start)
            return first, first
        return self.line_of(start), self.line_of(end - 1)


def format_line_range(first: int, last: int) -> str:
    """``155`` or ``155-157`` as cited in IPA write-ups."""
    return str(first) if first == last else f"{first}-{last}"


def citation(label: str, first: int, last: int) -> str:
    """``(Pseudonym, 155-157)``."""
    return f"({label}, {format_line_range(first, last)})"
