"""The recurrence table: participants × themes, ticks, and which themes fall short.

A common quality rule in IPA keeps a group theme only if it is present in
at least half the sample.  A sub-theme is present for a participant when any
code below it is coded in their transcript; a superordinate theme when any
of its sub-themes is.  Themes present in fewer than ``threshold`` of the
participants are flagged.  Presence comes from one ``DISTINCT`` query of
(code, participant) pairs, rolled up the code tree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import Code
from qualcode.core.themes.recurrence import falls_short
from qualcode.reports.document import DATA, DOCUMENT, Column, ReportDocument, Row, Table
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import question_id, theme_levels, theme_tree
from qualcode.store.schema import CoderRow, CodingRow, DocumentRow, ParticipantRow, SegmentRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass
class RecurrenceRow:
    theme: Code  # the superordinate theme
    code: Code  # the theme itself (a summary row) or one of its sub-themes
    present: dict[str, bool]
    is_theme: bool

    @property
    def count(self) -> int:
        return sum(self.present.values())


@dataclass
class Recurrence:
    participants: list[str]
    rows: list[RecurrenceRow]
    threshold: float

    def flagged(self, row: RecurrenceRow) -> bool:
        """Present in fewer than ``threshold`` of the participants (the theme board's rule too)."""
        return falls_short(row.count, len(self.participants), self.threshold)

    @property
    def below_threshold(self) -> list[RecurrenceRow]:
        return [r for r in self.rows if self.flagged(r)]


def build_recurrence(project: Project, options: ReportOptions | None = None) -> Recurrence:
    options = options or ReportOptions()
    qid = question_id(project, options.question)
    with project.read() as s:
        people_q = (select(ParticipantRow.pseudonym).join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                    .distinct().order_by(ParticipantRow.pseudonym))
        q = (select(CodingRow.code_id, ParticipantRow.pseudonym)
             .join(SegmentRow, SegmentRow.id == CodingRow.segment_id)
             .join(DocumentRow, DocumentRow.id == SegmentRow.document_id)
             .join(ParticipantRow, ParticipantRow.id == DocumentRow.participant_id).distinct())
        if qid is not None:
            people_q = people_q.where(DocumentRow.question_id == qid)
            q = q.where(DocumentRow.question_id == qid)
        if options.coders:
            q = q.join(CoderRow, CoderRow.id == CodingRow.coder_id).where(CoderRow.name.in_(options.coders))
        people = list(s.scalars(people_q))
        pairs = s.execute(q).all()
    parents = {c.id: c.parent_id for c in project.codes.list()}
    present: dict[int, set[str]] = defaultdict(set)
    for code_id, who in pairs:
        node: int | None = code_id
        while node is not None:
            present[node].add(who)
            node = parents.get(node)
    rows = []
    for root, subs in theme_levels(theme_tree(project)):
        rows.append(RecurrenceRow(root.code, root.code, {p: p in present[root.code.id] for p in people}, True))
        if subs != [root]:
            rows += [RecurrenceRow(root.code, s.code, {p: p in present[s.code.id] for p in people}, False)
                     for s in subs]
    return Recurrence(people, rows, options.threshold)


def recurrence_document(r: Recurrence) -> ReportDocument:
    n = len(r.participants)
    share = f"{r.threshold:.0%}" if r.threshold != 0.5 else "half"
    columns = [Column("Superordinate theme", show_in=DATA), Column("Sub-theme", show_in=DATA),
               Column("Theme", width=2.8, show_in=DOCUMENT)]
    columns += [Column(p, width=0.6, kind="tick", align="center") for p in r.participants]
    columns += [Column("Total", width=0.7, kind="number", align="center"),
                Column(f"Fewer than {share}", width=0.9, kind="tick", align="center")]
    rows = []
    for row in r.rows:
        name = row.code.name if row.is_theme else f"\u2003{row.code.name}"
        flag = r.flagged(row)
        rows.append(Row((row.theme.name, "" if row.is_theme else row.code.name, name,
                         *(row.present[p] for p in r.participants), row.count, flag),
                        emphasis=row.is_theme,
                        shown={len(columns) - 1: "Yes" if flag else "", len(columns) - 2: f"{row.count}/{n}"}))
    doc = ReportDocument("Recurrence of themes across participants",
                         subtitle=f"{n} participants; a theme is flagged when present in fewer than "
                                  f"{share} of them ({r.threshold * n:g}).",
                         landscape=n > 8)
    doc.blocks.append(Table("Recurrence of superordinate themes and sub-themes", columns, rows,
                            sheet="Recurrence",
                            notes=["✓ = the theme is present in the participant's transcript (at least one "
                                   "quote coded with it or with an emergent theme clustered under it)."]))
    for row in r.below_threshold:
        doc.warnings.append(f"‘{row.code.name}’ is present for {row.count} of {n} participants, fewer "
                            f"than {share}")
    return doc


def recurrence_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    return recurrence_document(build_recurrence(project, options))
