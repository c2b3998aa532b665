"""The audit trail, for a supervisor or an examiner: the journal, the memos, the themes' history.

IPA's quality checks ask whether the themes are grounded and how they came
to be.  This report puts side by side what the researcher wrote (the
dated reflexive journal and the memos) and what the audit log recorded of
the themes (created, accepted from a suggestion, renamed, merged, moved,
deleted).  Times are those the project recorded, in UTC.

Document formats show three sections; Excel has a sheet for each and a
single timeline; CSV holds the timeline (one row per dated event).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from qualcode.core.journal.entries import Journal, JournalEntry
from qualcode.core.journal.history import theme_history
from qualcode.core.journal.memos import all_memos
from qualcode.reports.document import DATA, Column, Heading, Paragraph, ReportDocument, Rich, Row, Span, Table
from qualcode.reports.options import ReportOptions

if TYPE_CHECKING:
    from qualcode.core.project import Project

UNDATED_ACCEPTS = ("{n} accept{s} of suggested themes {was} recorded before qualcode kept which action each "
                   "change belongs to (schema 6): the themes {they} created are listed as created, not as "
                   "accepted from a suggestion.")


def _when(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M")


def _edited(e: JournalEntry) -> bool:
    """Changed after the minute it was written (a later edit is worth an examiner's notice)."""
    return _when(e.updated_at) != _when(e.written_at) and e.updated_at > e.written_at


def _shown_when(at: datetime) -> Rich:
    """The date on one line (its hyphens never break) and the time under it, for narrow columns."""
    return Rich((Span(at.strftime("%Y-%m-%d"), "nowrap"), Span("\n" + at.strftime("%H:%M"))))


def audit_trail_document(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    entries = Journal(project).entries()
    memos = all_memos(project)
    history = theme_history(project)
    doc = ReportDocument(f"Audit trail — {project.name}",
                         subtitle=f"{len(entries)} journal entr{'y' if len(entries) == 1 else 'ies'}, "
                                  f"{len(memos)} memo{'' if len(memos) == 1 else 's'}, {len(history.events)} "
                                  f"recorded change{'' if len(history.events) == 1 else 's'} to the themes. "
                                  "Dates and times are UTC, as the project recorded them.")
    timeline = [(e.written_at, "Journal", "entry", e.about, e.text, e.coder) for e in entries]
    timeline += [(m.updated_at, "Memo", "memo (last written)", f"{m.kind}: {m.name}", m.text, m.coder)
                 for m in memos]
    timeline += [(e.at, "Themes", e.kind, e.theme, e.detail, e.coder) for e in history.events]
    timeline.sort(key=lambda t: t[0])
    doc.blocks.append(Table(
        "Audit trail (every dated event, oldest first)",
        [Column("Date (UTC)"), Column("Section"), Column("Kind"), Column("About"), Column("Text", width=3),
         Column("Coder")],
        [Row((_when(at), section, kind, about, text, coder)) for at, section, kind, about, text, coder in timeline],
        sheet="Timeline", show_in=DATA))

    doc.blocks.append(Heading("Reflexive journal"))
    if entries:
        doc.blocks.append(Table(
            "Reflexive journal, oldest entry first",
            [Column("Written (UTC)", width=1.15), Column("About", width=1.2), Column("Entry", width=3.4),
             Column("By", width=0.8)],
            [Row((_when(e.written_at) + (f"\nedited {_when(e.updated_at)}" if _edited(e) else ""),
                  e.about, e.text, e.coder),
                 shown={0: Rich(_shown_when(e.written_at).spans
                                + ((Span(f"\nedited {_when(e.updated_at)}", "muted"),) if _edited(e) else ()))})
             for e in entries],
            sheet="Journal", keep_rows_whole=False))
    else:
        doc.blocks.append(Paragraph("No journal entries yet.", "note"))

    doc.blocks.append(Heading("Memos"))
    if memos:
        doc.blocks.append(Table(
            "Memos on the project, themes, codes and documents (one per thing; the text as last written)",
            [Column("On", width=0.7), Column("Name", width=1.4), Column("Memo", width=3.4),
             Column("Last written (UTC)", width=1.15)],
            [Row((m.kind, m.name, m.text, _when(m.updated_at)), shown={3: _shown_when(m.updated_at)}) for m in memos],
            sheet="Memos"))
    else:
        doc.blocks.append(Paragraph("No memos yet.", "note"))

    doc.blocks.append(Heading("History of the themes"))
    if history.events:
        doc.blocks.append(Table(
            "Changes to the themes, oldest first, from the project's audit log",
            [Column("When (UTC)", width=1.15), Column("Change", width=0.8), Column("Theme", width=1.5),
             Column("What happened", width=2.6), Column("By", width=0.8)],
            [Row((_when(e.at), e.kind, e.theme, e.detail, e.coder), shown={0: _shown_when(e.at)})
             for e in history.events],
            sheet="Themes",
            notes=["Each row is one entry of the audit log that concerns a theme (a group, personal or "
                   "sub-theme): its creation, a suggestion accepted, a rename, a merge, a move of a theme or "
                   "into or out of one, a delete, an undo. Theme names are those at the time of the change; "
                   "statements and codes appear only when they move into or out of a theme."]))
    else:
        doc.blocks.append(Paragraph("The audit log records no change to any theme yet.", "note"))
    if history.undated_batches:
        n = history.undated_batches
        doc.blocks.append(Paragraph(UNDATED_ACCEPTS.format(n=n, s="" if n == 1 else "s", was="was" if n == 1
                                                           else "were", they="it" if n == 1 else "they"), "note"))
    doc.blocks.append(Paragraph(
        "Moves made by accepting a suggestion (statements placed under new themes) are counted in the accept's "
        "row, not listed one by one; undo and redo in the window are recorded as they happened.", "note"))
    return doc
