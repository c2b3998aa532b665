"""Consensus: the coding both coders agree on, and their decisions on each disagreement.

The consensus is a coder of its own (``consensus`` by default), so the
original codings stay untouched and the consensus can be compared with
each coder like anyone else.  :func:`start_consensus` gives it the text
every compared coder coded with the same code; :func:`resolve` records a
decision on one disagreement — take one coder's codings, both, or neither
— with a comment, copying the chosen codings (clipped to the unit for
line and sentence units, so one decision settles one unit).  A decision
can be changed (the earlier one is replaced) or undone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qualcode.core import events
from qualcode.core.errors import InvalidValue
from qualcode.core.reliability.agreement import AgreementResult
from qualcode.core.reliability.blind import CONSENSUS
from qualcode.core.reliability.comparison import compared_documents
from qualcode.core.reliability.coverage import mark_coded_in
from qualcode.core.reliability.review import Decision, Disagreement, to_decision
from qualcode.store.schema import CodingRow, ConsensusDecisionRow, NoteRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

CLIPPED_UNITS = ("line", "sentence")


def add_codings_in(s: Session, document_id: int, spans: Iterable[tuple[int, int, int]], coder_id: int) -> list[int]:
    """Code ``(start, end, code_id)`` spans for a coder in one document; return the new codings' ids.

    Spans the coder already has with that code add nothing.
    """
    segments = {(a, b): i for i, a, b in s.execute(
        select(SegmentRow.id, SegmentRow.start, SegmentRow.end).where(SegmentRow.document_id == document_id))}
    taken = {(seg, code) for seg, code in s.execute(
        select(CodingRow.segment_id, CodingRow.code_id)
        .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
        .where(SegmentRow.document_id == document_id, CodingRow.coder_id == coder_id))}
    made = []
    for start, end, code_id in spans:
        if end <= start:
            continue
        seg = segments.get((start, end))
        if seg is None:
            row = SegmentRow(document_id=document_id, start=start, end=end)
            s.add(row)
            s.flush()
            seg = segments[(start, end)] = row.id
        if (seg, code_id) in taken:
            continue
        taken.add((seg, code_id))
        coding = CodingRow(segment_id=seg, code_id=code_id, coder_id=coder_id)
        s.add(coding)
        s.flush()
        made.append(coding.id)
    return made


def _remove_codings_in(s: Session, coding_ids: Sequence[int]) -> None:
    """Remove codings (those still there) and the segments nothing else uses."""
    if not coding_ids:
        return
    segments = set(s.scalars(select(CodingRow.segment_id).where(CodingRow.id.in_(coding_ids))))
    s.execute(delete(CodingRow).where(CodingRow.id.in_(coding_ids)))
    for seg in segments:
        used = s.scalar(select(func.count(CodingRow.id)).where(CodingRow.segment_id == seg)) or \
            s.scalar(select(func.count(NoteRow.id)).where(NoteRow.segment_id == seg))
        if not used:
            s.execute(delete(SegmentRow).where(SegmentRow.id == seg))


def _intersection(per_coder: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """Where every coder's spans overlap (each coder's spans first joined)."""
    def join(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[list[int]] = []
        for a, b in sorted(spans):
            if out and a <= out[-1][1]:
                out[-1][1] = max(out[-1][1], b)
            else:
                out.append([a, b])
        return [(a, b) for a, b in out]

    common = join(per_coder[0])
    for spans in per_coder[1:]:
        other = join(spans)
        common = [(max(a, c), min(b, d)) for a, b in common for c, d in other if max(a, c) < min(b, d)]
    return common


@dataclass
class ConsensusStart:
    consensus: str
    documents: int
    codings_added: int
    agreed: dict[str, int] = field(default_factory=dict)  # code → spans every coder coded


def start_consensus(project: Project, result: AgreementResult, consensus: str = CONSENSUS) -> ConsensusStart:
    """Give the consensus coder what every compared coder coded alike; safe to run again.

    For each document and code (the code actually applied), the text that
    every coder coded with it becomes a consensus coding.  The documents
    compared are recorded as coded through by the consensus.
    """
    if consensus in result.request.coders:
        raise InvalidValue(f"the consensus coder must not be one of the coders compared ({consensus}); choose another name")
    documents = set(result.documents) or compared_documents(project, result.request)
    spans: dict[tuple[int, int], dict[str, set[tuple[int, int]]]] = {}
    for c in result.codings:
        spans.setdefault((c.document_id, c.code_id), {}).setdefault(c.coder, set()).add((c.start, c.end))
    start = ConsensusStart(consensus, len(documents), 0)
    names = {cid: label for label, cid in result.code_ids.items()}
    with project.transaction() as s:
        coder_id = project.coder_id_in(s, consensus)
        by_document: dict[int, list[tuple[int, int, int]]] = {}
        for (doc, code_id), by_coder in sorted(spans.items()):
            if doc not in documents or len(by_coder) < len(result.request.coders):
                continue
            common = _intersection([list(by_coder[c]) for c in result.request.coders])
            by_document.setdefault(doc, []).extend((a, b, code_id) for a, b in common)
            if common:
                name = names.get(code_id, str(code_id))
                start.agreed[name] = start.agreed.get(name, 0) + len(common)
        for doc, items in by_document.items():
            start.codings_added += len(add_codings_in(s, doc, items, coder_id))
        mark_coded_in(s, coder_id, documents, "consensus")
        project.audit(s, "start consensus", "coder", coder_id,
                      {"consensus": consensus, "coders": list(result.request.coders),
                       "documents": len(documents), "codings_added": start.codings_added})
    project.emit(events.CODINGS_CHANGED)
    return start


def _chosen_spans(d: Disagreement, take: Sequence[str]) -> list[tuple[int, int, int]]:
    out = []
    for coder in take:
        for a, b, code_id in d.side(coder).spans:
            if d.unit in CLIPPED_UNITS:
                a, b = max(a, d.start), min(b, d.end)
            out.append((a, b, code_id))
    return out


def resolve(project: Project, d: Disagreement, take: Sequence[str], comment: str = "",
            consensus: str = CONSENSUS) -> Decision:
    """Record the consensus on one disagreement; an earlier decision on the unit is replaced.

    ``take`` names the coders whose codings of the code on this unit the
    consensus keeps: one coder, several, or none ("neither").
    """
    unknown = [c for c in take if c not in {side.coder for side in d.sides}]
    if unknown:
        raise InvalidValue(f"{unknown[0]} is not one of the coders of this disagreement; choose among {', '.join(side.coder for side in d.sides)}")
    with project.transaction() as s:
        decision = _resolve_in(project, s, d, take, comment, consensus)
    project.emit(events.CODINGS_CHANGED, (d.code_id,), d.document_id)
    return decision


def _resolve_in(project: Project, s: Session, d: Disagreement, take: Sequence[str], comment: str,
                consensus: str) -> Decision:
    coder_id = project.coder_id_in(s, consensus)
    _drop_decision_in(s, d.code_id, d.document_id, d.start, d.end, d.unit)
    made = add_codings_in(s, d.document_id, _chosen_spans(d, take), coder_id)
    row = ConsensusDecisionRow(code_id=d.code_id, document_id=d.document_id, start=d.start, end=d.end,
                               unit=d.unit, coders=json.dumps([x.coder for x in d.sides]),
                               taken=json.dumps(list(take)), comment=comment.strip(),
                               consensus_coder=consensus, decided_by=project.coder_name,
                               coding_ids=json.dumps(made))
    s.add(row)
    mark_coded_in(s, coder_id, [d.document_id], "consensus")
    s.flush()
    project.audit(s, "resolve disagreement", "consensus_decision", row.id,
                  {"code": d.code, "document": d.document_id, "unit": [d.unit, d.start, d.end],
                   "took": list(take), "comment": comment.strip()})
    return to_decision(row)


def _drop_decision_in(s: Session, code_id: int, document_id: int, start: int, end: int, unit: str) -> None:
    for row in s.scalars(select(ConsensusDecisionRow).where(
            ConsensusDecisionRow.code_id == code_id, ConsensusDecisionRow.document_id == document_id,
            ConsensusDecisionRow.start == start, ConsensusDecisionRow.end == end,
            ConsensusDecisionRow.unit == unit)):
        _remove_codings_in(s, json.loads(row.coding_ids))
        s.delete(row)
    s.flush()


def undo_decision(project: Project, d: Disagreement) -> None:
    """Take back the decision on a unit: its consensus codings go, the unit is open again."""
    with project.transaction() as s:
        _undo_decision_in(project, s, d)
    project.emit(events.CODINGS_CHANGED, (d.code_id,), d.document_id)


def _undo_decision_in(project: Project, s: Session, d: Disagreement) -> None:
    _drop_decision_in(s, d.code_id, d.document_id, d.start, d.end, d.unit)
    project.audit(s, "undo consensus decision", "document", d.document_id,
                  {"code": d.code, "unit": [d.unit, d.start, d.end]})


@dataclass
class ResolveCommand:
    """An undoable decision for the GUI's undo stack ("Undo Resolve ‘Pay’ (R017)")."""

    disagreement: Disagreement
    take: tuple[str, ...]
    comment: str = ""
    consensus: str = CONSENSUS
    label: str = ""
    decision: Decision | None = None

    def __post_init__(self) -> None:
        taken = " and ".join(self.take) if self.take else "neither"
        self.label = self.label or f"Resolve ‘{self.disagreement.code}’: take {taken}"

    def do(self, project: Project) -> None:
        self.decision = resolve(project, self.disagreement, self.take, self.comment, self.consensus)

    def undo(self, project: Project) -> None:
        """Take the decision back and restore the earlier one, if any, in one transaction."""
        d, earlier = self.disagreement, self.disagreement.decision
        with project.transaction() as s:
            _undo_decision_in(project, s, d)
            if earlier is not None:
                _resolve_in(project, s, d, earlier.taken, earlier.comment, earlier.consensus)
        project.emit(events.CODINGS_CHANGED, (d.code_id,), d.document_id)
