"""The recurrence table: participants × themes, ticks, and which themes fall short.

A common quality rule in IPA keeps a group theme only if it is present in
at least half the sample.  In a project analysed in two levels a sub-theme
of a group experiential theme (GET) is present for a participant when one of
their personal themes (PETs) is linked to it; in a project analysed in one
level, when any code below it is coded in their transcript (both count where
a project has both).  A theme is present when any of its sub-themes is.  The
flag is the one rule of :mod:`qualcode.core.themes.recurrence`, which the
theme board shows too.  Presence comes from one ``DISTINCT`` query of (code,
participant) pairs and the links, read through :mod:`qualcode.core.themes.outline`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.core.model import Code
from qualcode.core.themes.outline import GroupPart, group_outline
from qualcode.core.themes.recurrence import Presence, falls_short, recurrence_table
from qualcode.core.themes.recurrence import RecurrenceRow as CoreRow
from qualcode.core.themes.terms import TERMS, Edition, Terms, terms_of
from qualcode.reports.bases import is_survey
from qualcode.reports.document import DATA, DOCUMENT, Column, ReportDocument, Row, Table
from qualcode.reports.headings import headings
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import question_id
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
    two_levels: bool = False  # presence comes (also) through PETs linked to the group themes
    terms: Terms | None = None  # the project's IPA words

    def flagged(self, row: RecurrenceRow) -> bool:
        """Present in fewer than ``threshold`` of the participants (the theme board's rule too)."""
        return falls_short(row.count, len(self.participants), self.threshold)

    @property
    def below_threshold(self) -> list[RecurrenceRow]:
        return [r for r in self.rows if self.flagged(r)]


def build_recurrence(project: Project, options: ReportOptions | None = None) -> Recurrence:
    """Who is present in each theme and sub-theme, by the one rule of :mod:`qualcode.core.themes.recurrence`.

    A participant is present in a sub-theme when one of their personal
    themes (PETs) is linked to it or a passage of theirs is coded with it or
    a statement below it (projects analysed in one level); a theme gathers
    its sub-themes' participants.  The base is every participant with a
    transcript (or, for a survey question, an answer to it).
    """
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
    coded: dict[int, set[str]] = defaultdict(set)
    for code_id, who in pairs:
        coded[code_id].add(who)
    outline = group_outline(project)
    everyone = set(people)

    def presence(key: str, part: GroupPart) -> Presence:
        who = {p for cid in part.code_ids for p in coded.get(cid, ())} | (part.owners & everyone)
        return Presence(key, part.code.name, frozenset(who))

    themes = []
    for t in outline:
        own = len(t.parts) == 1 and t.parts[0].is_theme  # the theme stands alone: no sub-theme rows
        subs = [] if own else [presence(f"{t.code.id}/{p.code.id}", p) for p in t.parts]
        mine = presence(str(t.code.id), t.parts[0]) if own else Presence(str(t.code.id), t.code.name, frozenset())
        themes.append((mine, subs))
    table = recurrence_table(themes, everyone, options.threshold)
    codes = {str(t.code.id): t.code for t in outline}
    codes |= {f"{t.code.id}/{p.code.id}": p.code for t in outline for p in t.parts}
    rows = []
    for row, (mine, _subs) in zip(_by_theme(table.rows), themes):
        theme = codes[str(mine.key)]
        rows.append(RecurrenceRow(theme, theme, {p: p in row[0].participants for p in people}, True))
        rows += [RecurrenceRow(theme, codes[str(r.key)], {p: p in r.participants for p in people}, False)
                 for r in row[1:]]
    two = any(p.personal for t in outline for p in t.parts)
    return Recurrence(people, rows, options.threshold, two, None if is_survey(project) else terms_of(project))


def _by_theme(rows: Sequence[CoreRow]) -> list[list[CoreRow]]:
    """The core table's rows, a theme's row first and its sub-themes' after it."""
    out: list[list[CoreRow]] = []
    for r in rows:
        if r.parent is None:
            out.append([r])
        else:
            out[-1].append(r)
    return out


def recurrence_document(r: Recurrence) -> ReportDocument:
    n = len(r.participants)
    share = f"{r.threshold:.0%}" if r.threshold != 0.5 else "half"
    words = headings(r.terms or TERMS[Edition.Y2022])
    columns = [Column(words.group, show_in=DATA), Column(words.sub, show_in=DATA),
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
    doc = ReportDocument(f"Recurrence of {words.groups} across participants",
                         subtitle=f"{n} participants; a theme is flagged when present in fewer than "
                                  f"{share} of them ({r.threshold * n:g}).",
                         landscape=n > 8)
    doc.blocks.append(Table(f"Recurrence of {words.groups} and {words.subs}", columns, rows,
                            sheet="Recurrence", notes=_notes(r, share)))
    for row in r.below_threshold:
        doc.warnings.append(f"‘{row.code.name}’ is present for {row.count} of {n} participants, fewer "
                            f"than {share}")
    return doc


def _notes(r: Recurrence, share: str) -> list[str]:
    """How the ticks and the flag are counted: the unit, the base and the rule."""
    w = r.terms or TERMS[Edition.Y2022]
    n = len(r.participants)
    if r.two_levels:
        tick = (f"✓ = the participant is present: one of their {w.personal_themes} is linked to the "
                f"{w.sub_theme} (or a passage of theirs is coded under it). A {w.group_theme} counts a participant "
                f"present in any of its {w.sub_themes}; a participant counts once however many of their "
                f"{w.personal_themes} are linked.")
    else:
        below = "a code" if r.terms is None else f"one of the {w.statements}"
        tick = (f"✓ = the theme is present in the participant's transcript (at least one quote coded with it or "
                f"with {below} clustered under it). A theme counts a participant present in any of its "
                f"{w.sub_themes}.")
    rule = (f"Base: the {n} participants with a transcript. Total = participants present, of {n}; a row is "
            f"flagged when present for fewer than {share} of them (fewer than {r.threshold * n:g}).")
    return [tick, rule]


def recurrence_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    return recurrence_document(build_recurrence(project, options))
