"""The disagreements coders walk through, one unit at a time.

Every unit where the compared coders differ on a code, grouped by code,
with each coder's codings of that code on the unit (so both can be shown
side by side in context) and the consensus decision already recorded for
it, if any.  Character units have no place to point at, so their review
uses coded segments (overlap units) instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, cast

from sqlalchemy import select

from qualcode.core.reliability.agreement import AgreementResult, build_reliability_data
from qualcode.store.schema import ConsensusDecisionRow

if TYPE_CHECKING:
    from qualcode.core.project import Project

Span = tuple[int, int, int]  # start, end, code id (the code applied; a sub-code when rolled up)


@dataclass(frozen=True)
class Decision:
    """A recorded consensus decision on one unit."""

    id: int
    code_id: int
    document_id: int
    start: int
    end: int
    unit: str
    taken: tuple[str, ...]  # whose codings the consensus took; () for neither
    comment: str
    consensus: str
    decided_by: str
    coding_ids: tuple[int, ...]
    created_at: datetime | None

    @property
    def key(self) -> tuple[int, int, int, int, str]:
        return (self.code_id, self.document_id, self.start, self.end, self.unit)

    @property
    def label(self) -> str:
        """In plain words: "took Sam's coding", "took both", "took neither"."""
        if not self.taken:
            return "neither"
        return " and ".join(self.taken)


@dataclass(frozen=True)
class Side:
    """One coder on one disagreement: applied the code or not, and where."""

    coder: str
    applied: bool | None  # None: the coder did not code this document
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class Disagreement:
    code: str  # the code as named in the reliability table
    code_id: int
    document_id: int
    start: int  # the unit, in document offsets
    end: int
    unit: str
    sides: tuple[Side, ...]
    decision: Decision | None = None

    @property
    def key(self) -> tuple[int, int, int, int, str]:
        return (self.code_id, self.document_id, self.start, self.end, self.unit)

    def side(self, coder: str) -> Side:
        return next(s for s in self.sides if s.coder == coder)


def to_decision(row: ConsensusDecisionRow) -> Decision:
    return Decision(row.id, row.code_id, row.document_id, row.start, row.end, row.unit,
                    tuple(json.loads(row.taken)), row.comment, row.consensus_coder, row.decided_by,
                    tuple(json.loads(row.coding_ids)), row.created_at)


def decisions(project: Project) -> dict[tuple[int, int, int, int, str], Decision]:
    """Every recorded decision, by unit key."""
    with project.read() as s:
        return {d.key: d for d in map(to_decision, s.scalars(select(ConsensusDecisionRow)
                                                              .order_by(ConsensusDecisionRow.id)))}


def review_unit(result: AgreementResult) -> str:
    """The unit disagreements are reviewed on: the compared unit, or segments for characters."""
    return "overlap" if result.request.unit == "character" else str(result.request.unit)


def list_disagreements(project: Project, result: AgreementResult) -> dict[str, list[Disagreement]]:
    """Every unit where the coders differ, grouped by code in codebook order (codes without any left out)."""
    unit = review_unit(result)
    data = result.data
    if unit != result.request.unit:
        data = build_reliability_data(project, replace(result.request, unit=unit))
    split = {label: [(where, votes) for where, votes in data.disagreements(label) if where is not None]
             for label in data.codes}
    # A location's document is the key the builders were given: one of this project's ids.
    needed = {cast(int, where[0]) for units in split.values() for where, _ in units}
    spans: dict[tuple[str, int, str], list[Span]] = {}
    for c in result.table.spans(needed):
        spans.setdefault((c.label, c.document_id, c.coder), []).append((c.start, c.end, c.code_id))
    decided = decisions(project)
    out: dict[str, list[Disagreement]] = {}
    for label, units in split.items():
        code_id = result.code_ids[label]
        found = []
        for (where_doc, start, end), votes in units:
            doc = cast(int, where_doc)
            sides = tuple(
                Side(coder, applied, tuple(sorted({sp for sp in spans.get((label, doc, coder), ())
                                                   if sp[0] < end and sp[1] > start})))
                for coder, applied in votes.items())
            d = Disagreement(label, code_id, doc, start, end, unit, sides)
            found.append(replace(d, decision=decided.get(d.key)))
        if found:
            out[label] = found
    return out


@dataclass(frozen=True)
class Context:
    """A stretch of whole fixed lines around a unit, with the unit's place in it."""

    text: str
    offset: int  # document offset of ``text[0]``
    first_line: int  # the unit's lines
    last_line: int
    citation: str
    lines: tuple[tuple[int, int, int], ...] = ()  # (line number, start, end) of every line shown


def unit_context(project: Project, d: Disagreement, lines: int = 2) -> Context:
    """The unit with ``lines`` fixed lines either side (a whole answer for answer units).

    The stretch grows to take in every coding of either coder that touches
    the unit, and always starts and ends on a line boundary.
    """
    text = project.documents.text(d.document_id)
    index = project.documents.line_index(d.document_id)
    first, last = index.lines_of(d.start, max(d.start + 1, d.end))
    shown_first, shown_last = (1, index.count) if d.unit == "answer" else \
        (max(first - lines, 1), min(last + lines, index.count))
    for side in d.sides:
        for a, b, _ in side.spans:
            a_line, b_line = index.lines_of(a, b)
            shown_first, shown_last = min(shown_first, a_line), max(shown_last, b_line)
    shown = tuple((n, *index.span_of(n)) for n in range(shown_first, shown_last + 1))
    begin, finish = shown[0][1], shown[-1][2]
    return Context(text[begin:finish], begin, first, last,
                   project.queries.citation(d.document_id, d.start, max(d.start + 1, d.end)), shown)
