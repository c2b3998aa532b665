"""The coded spans of one document, bucketed by fixed line (plain Python, no Qt).

Painting a line asks for that line's spans only; a coding applied or undone
changes the buckets of its own lines and hands back which lines to re-paint,
so the thousand-coding transcript never rebuilds everything for one edit.
Each span also keeps a stripe column for the gutter, chosen so overlapping
codings sit side by side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from qualcode.core.model import Coding
from qualcode.core.transcripts.lines import LineIndex

MAX_STRIPES = 8
INCREMENTAL_LIMIT = 64  # past this many changed codings, rebuilding is as quick


@dataclass(frozen=True)
class CodedSpan:
    """A coding as painted: document offsets, its code and the code's colour."""

    coding_id: int
    code_id: int
    coder_id: int
    start: int
    end: int
    colour: str


class SpanIndex:
    def __init__(self) -> None:
        self.index: LineIndex | None = None
        self.spans: dict[int, CodedSpan] = {}
        self.lines: dict[int, tuple[int, int]] = {}  # coding id → (first line, last line)
        self.by_line: dict[int, list[CodedSpan]] = {}  # shown spans only
        self.columns: dict[int, int] = {}
        self.column_count = 0
        self.visible_codes: set[int] | None = None
        self._raw: dict[int, tuple[int, int, int, int, str]] = {}

    # -- filling -------------------------------------------------------------------
    def reset(self, index: LineIndex | None) -> None:
        self.__init__()  # type: ignore[misc]
        self.index = index

    def set_codings(self, codings: Iterable[Coding], colour_of: Callable[[int], str]) -> set[int] | None:
        """Take a document's codings; return the lines to re-paint (``None``: all of them)."""
        return self.set_rows(((c.id, c.code_id, c.coder_id, c.start, c.end) for c in codings), colour_of)

    def set_rows(self, rows: Iterable[tuple[int, int, int, int, int]],
                 colour_of: Callable[[int], str]) -> set[int] | None:
        """The same from ``(coding id, code id, coder id, start, end)`` rows (the light query)."""
        colours: dict[int, str] = {}
        raw = {}
        for key, code_id, coder_id, start, end in rows:
            colour = colours.get(code_id)
            if colour is None:
                colour = colours[code_id] = colour_of(code_id)
            raw[key] = (start, end, code_id, coder_id, colour)
        old = self._raw
        gone = [k for k, v in old.items() if raw.get(k) != v]
        new = [k for k, v in raw.items() if old.get(k) != v]
        self._raw = raw
        if len(gone) + len(new) > INCREMENTAL_LIMIT or not old:
            self._rebuild()
            return None
        changed: set[int] = set()
        for key in gone:
            span = self.spans.pop(key)
            first, last = self.lines.pop(key)
            changed.update(range(first, last + 1))
            if self.shows(span):
                for line in range(first, last + 1):
                    bucket = self.by_line[line]
                    bucket.remove(span)
                    if not bucket:
                        del self.by_line[line]
            self.columns.pop(key, None)
        for key in new:
            span = self._make(key, raw[key])
            first, last = self.lines[key]
            changed.update(range(first, last + 1))
            if self.shows(span):
                used = {self.columns.get(s.coding_id) for line in range(first, last + 1)
                        for s in self.by_line.get(line, ())}
                col = next((c for c in range(MAX_STRIPES) if c not in used), MAX_STRIPES - 1)
                self.columns[key] = col
                self.column_count = max(self.column_count, col + 1)
                for line in range(first, last + 1):
                    self.by_line.setdefault(line, []).append(span)
        return changed

    def recolour(self, colour_of: Callable[[int], str]) -> None:
        self._raw = {k: (*v[:4], colour_of(v[2])) for k, v in self._raw.items()}
        self._rebuild()

    def set_visible(self, code_ids: set[int] | None) -> None:
        self.visible_codes = set(code_ids) if code_ids is not None else None
        self._rebuild()

    def _make(self, key: int, raw: tuple[int, int, int, int, str]) -> CodedSpan:
        start, end, code_id, coder_id, colour = raw
        span = self.spans[key] = CodedSpan(key, code_id, coder_id, start, end, colour)
        assert self.index is not None
        length = self.index.length
        self.lines[key] = self.index.lines_of(min(start, length), min(end, length))
        return span

    def _rebuild(self) -> None:
        self.spans, self.lines, self.by_line = {}, {}, {}
        for key, raw in self._raw.items():
            self._make(key, raw)
        shown = [s for s in self.spans.values() if self.shows(s)]
        for span in shown:
            first, last = self.lines[span.coding_id]
            for line in range(first, last + 1):
                self.by_line.setdefault(line, []).append(span)
        self._assign_columns(shown)

    def _assign_columns(self, shown: list[CodedSpan]) -> None:
        """Greedy interval colouring: long spans first among those starting together."""
        ends: list[int] = []  # last line used by each column
        columns: dict[int, int] = {}
        keyed = sorted((self.lines[s.coding_id][0], -self.lines[s.coding_id][1], s.coding_id) for s in shown)
        for first, neg_last, key in keyed:
            last = -neg_last
            col = next((i for i, end in enumerate(ends) if end < first), None)
            if col is None:
                if len(ends) < MAX_STRIPES:
                    col = len(ends)
                    ends.append(last)
                else:
                    col = MAX_STRIPES - 1
                    ends[col] = max(ends[col], last)
            else:
                ends[col] = last
            columns[key] = col
        self.columns, self.column_count = columns, len(ends)

    # -- asking ----------------------------------------------------------------------
    def shows(self, span: CodedSpan) -> bool:
        return self.visible_codes is None or span.code_id in self.visible_codes

    def shown(self) -> list[CodedSpan]:
        """Every shown span in text order."""
        return sorted((s for s in self.spans.values() if self.shows(s)), key=lambda s: (s.start, s.end))

    def on_line(self, line: int) -> list[CodedSpan]:
        return self.by_line.get(line, [])

    def at(self, offset: int) -> list[CodedSpan]:
        if self.index is None or not self.index.length:
            return []
        line = self.index.line_of(min(max(offset, 0), self.index.length - 1))
        return [s for s in self.by_line.get(line, []) if s.start <= offset < s.end]
