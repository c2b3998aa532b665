"""Coding by fixed line numbers: what ``qualcode code P --document Maya --lines 12-14`` does.

Scripts, tests and researchers who cite ``(Maya, 12-14)`` think in the
transcript's fixed line numbers, not in character offsets.  A line range
becomes the span from the first character of its first line to the last
non-blank character of its last line (a line's final newline is not coded,
as when one selects a passage in the window).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.errors import InvalidValue, NotFound
from qualcode.store.schema import CoderRow, CodingRow, DocumentRow, QuestionRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


def parse_lines(text: str) -> tuple[int, int]:
    """``"12-14"`` → (12, 14); ``"12"`` → (12, 12).  Lines count from 1."""
    parts = text.replace("–", "-").split("-")
    try:
        first, last = (int(parts[0]), int(parts[-1])) if len(parts) in (1, 2) else (0, 0)
    except ValueError:
        first = last = 0
    if first < 1 or last < first:
        raise InvalidValue(f"‘{text}’ is not a line range: give lines like 12-14 or 12 (lines count from 1)")
    return first, last


def find_document(project: Project, title: str) -> int:
    """A document by its title, or ``QUESTION/TITLE`` for a survey answer whose title several questions share."""
    with project.read() as s:
        rows = s.execute(select(DocumentRow.id, DocumentRow.title, QuestionRow.name)
                         .outerjoin(QuestionRow, QuestionRow.id == DocumentRow.question_id)).all()
    wanted = title.strip().casefold()
    found = [(d, q) for d, t, q in rows if t.casefold() == wanted
             or (q is not None and f"{q}/{t}".casefold() == wanted)]
    if not found:
        raise NotFound(f"no document called ‘{title}’ in this project")
    if len(found) > 1:
        where = ", ".join(f"{q}/{title}" for _, q in found if q) or f"{len(found)} documents"
        raise InvalidValue(f"several documents are called ‘{title}’ ({where}); name the one you mean")
    return int(found[0][0])


def line_span(project: Project, document_id: int, first: int, last: int) -> tuple[int, int]:
    """Character offsets of lines ``first``–``last`` (from 1), without the last line's trailing blanks."""
    with project.read() as s:
        row = s.execute(select(DocumentRow.title, DocumentRow.line_starts, DocumentRow.length)
                        .where(DocumentRow.id == document_id)).one()
    starts = json.loads(row.line_starts) if row.line_starts else [0]
    if last > len(starts):
        raise InvalidValue(f"‘{row.title}’ has {len(starts)} lines; there is no line {last}")
    text = project.documents.text(document_id)
    start = starts[first - 1]
    end = starts[last] if last < len(starts) else row.length
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        raise InvalidValue(f"lines {first}-{last} of ‘{row.title}’ are blank: there is nothing to code")
    return start, end


@dataclass(frozen=True)
class LineCoding:
    """What ``qualcode code`` did: the span coded (or uncoded) and how many codings changed."""

    document: str
    start: int
    end: int
    changed: int
    kept: int = 0  # --uncode: codings of the code that run past the lines, left alone


def code_lines(project: Project, document: str, lines: str, code_id: int, coder: str,
               uncode: bool = False) -> LineCoding:
    """Apply ``code_id`` as ``coder`` to the lines, or (``uncode``) remove that coder's codings of it there.

    Removing takes the codings of the code by the coder that lie within the
    lines; one that runs past them is kept and counted (remove it in the
    window, where its extent shows).
    """
    document_id = find_document(project, document)
    first, last = parse_lines(lines)
    start, end = line_span(project, document_id, first, last)
    if not uncode:
        before = len([c for c in project.coding.for_document(document_id, [coder]) if c.code_id == code_id])
        project.coding.apply(document_id, start, end, code_id, coder=coder)
        after = len([c for c in project.coding.for_document(document_id, [coder]) if c.code_id == code_id])
        return LineCoding(document, start, end, after - before)
    line_start = start
    with project.read() as s:
        row = s.execute(select(DocumentRow.line_starts, DocumentRow.length)
                        .where(DocumentRow.id == document_id)).one()
        starts = json.loads(row.line_starts) if row.line_starts else [0]
        line_end = starts[last] if last < len(starts) else row.length
        found = s.execute(select(CodingRow.id, SegmentRow.start, SegmentRow.end)
                          .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
                          .join(CoderRow, CoderRow.id == CodingRow.coder_id)
                          .where(SegmentRow.document_id == document_id, CodingRow.code_id == code_id,
                                 CoderRow.name == coder)).all()
    inside = [c for c, a, b in found if a >= line_start and b <= line_end]
    past = [c for c, a, b in found if c not in inside and a < line_end and b > line_start]
    for coding_id in inside:
        project.coding.remove(coding_id)
    return LineCoding(document, start, end, len(inside), len(past))
