"""Moving everything that points into a document whose names were replaced.

Part of pseudonymisation (:mod:`qualcode.core.transcripts.pseudonymise`), inside its
one transaction: the document's text and fixed line starts, its speaker
turns, its segments (and so codings and notes), then the names written
elsewhere — notes, memos, codes, titles and the audit trail.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from qualcode.core.transcripts.replacements import (
    NameMatcher,
    Replacement,
    ShiftMap,
    apply_replacements,
    find_replacements,
)
from qualcode.store.schema import (
    AuditRow,
    CodeRow,
    CodingRow,
    DocumentRow,
    JournalEntryRow,
    MemoRow,
    NoteRow,
    SegmentRow,
    TurnRow,
)


@dataclass
class RewriteCounts:
    segments_moved: int = 0
    segments_merged: int = 0  # segments that came to cover the same span
    turns_moved: int = 0


def rewrite_document(s: Session, doc_id: int, text: str, line_starts: str, found: list[Replacement],
                     report: RewriteCounts, speaker_map: dict[str, str] | None = None) -> None:
    """New text, and every offset into it moved: line starts, turns, segments."""
    shift = ShiftMap(found)
    new_text = apply_replacements(text, found)
    starts = shift.line_starts(json.loads(line_starts))
    s.execute(update(DocumentRow).where(DocumentRow.id == doc_id)
              .values(text=new_text, length=len(new_text), line_starts=json.dumps(starts)))
    turn_rows = s.execute(select(TurnRow.id, TurnRow.start, TurnRow.end, TurnRow.speaker)
                          .where(TurnRow.document_id == doc_id)).all()
    if turn_rows:
        new_turns = [{"id": t.id, "start": shift.position(t.start, "start"), "end": shift.position(t.end, "end"),
                      "speaker": (speaker_map or {}).get(t.speaker, t.speaker)} for t in turn_rows]
        s.execute(update(TurnRow), new_turns)
        report.turns_moved += sum(1 for t, n in zip(turn_rows, new_turns) if (t.start, t.end) != (n["start"], n["end"]))
    seg_rows = s.execute(select(SegmentRow.id, SegmentRow.start, SegmentRow.end)
                         .where(SegmentRow.document_id == doc_id).order_by(SegmentRow.id)).all()
    if not seg_rows:
        return
    moved = [(r.id, *shift.span(r.start, r.end)) for r in seg_rows]
    s.execute(update(SegmentRow), [{"id": i, "start": a, "end": b} for i, a, b in moved])
    report.segments_moved += sum(1 for r, (_, a, b) in zip(seg_rows, moved) if (a, b) != (r.start, r.end))
    same_span: defaultdict[tuple[int, int], list[int]] = defaultdict(list)
    for seg_id, a, b in moved:
        same_span[(a, b)].append(seg_id)
    for ids in same_span.values():
        if len(ids) > 1:
            _merge_segments(s, ids[0], ids[1:])
            report.segments_merged += len(ids) - 1


def _merge_segments(s: Session, keep: int, others: list[int]) -> None:
    """Segments that now cover the same span (a cut name was taken in whole) become one."""
    have = {(c.code_id, c.coder_id) for c in s.scalars(select(CodingRow).where(CodingRow.segment_id == keep))}
    for other in others:
        for coding in s.scalars(select(CodingRow).where(CodingRow.segment_id == other)):
            if (coding.code_id, coding.coder_id) in have:
                s.delete(coding)
            else:
                coding.segment_id = keep
                have.add((coding.code_id, coding.coder_id))
        s.execute(update(NoteRow).where(NoteRow.segment_id == other).values(segment_id=keep))
        s.flush()
        s.delete(s.get(SegmentRow, other))
    s.flush()


def rewrite_other_texts(s: Session, matcher: NameMatcher, mapping: dict[str, str]) -> int:
    """Names in notes, memos, codes, document titles, the journal and the audit trail."""

    def swap(value: str | None) -> str | None:
        if not value:
            return value
        found = find_replacements(value, matcher, mapping)
        return apply_replacements(value, found) if found else value

    changed = 0
    targets: list[tuple[type[NoteRow | MemoRow | CodeRow | DocumentRow | JournalEntryRow], tuple[str, ...]]] = [
        (NoteRow, ("text",)), (MemoRow, ("title", "text")),
        (CodeRow, ("name", "description", "inclusion", "exclusion", "example")),
        (DocumentRow, ("title", "source_name")), (JournalEntryRow, ("text", "link_label"))]
    for model, columns in targets:
        cols = [getattr(model, c) for c in columns]
        for row in s.execute(select(model.id, *cols)):
            new = {c: swap(v) for c, v in zip(columns, row[1:])}
            if any(new[c] != v for c, v in zip(columns, row[1:])):
                s.execute(update(model).where(model.id == row.id).values(**new))
                changed += model is not DocumentRow
    for audit_id, detail in s.execute(select(AuditRow.id, AuditRow.detail)):
        if next(iter(matcher.finditer(detail)), None) is None:
            continue
        new_detail = json.dumps(_swap_json(json.loads(detail), swap), ensure_ascii=False)
        s.execute(update(AuditRow).where(AuditRow.id == audit_id).values(detail=new_detail))
        changed += 1
    return changed


def _swap_json(value: object, swap: Callable[[str], str | None]) -> object:
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_swap_json(v, swap) for v in value]
    if isinstance(value, dict):
        return {swap(k): _swap_json(v, swap) for k, v in value.items()}
    return value
