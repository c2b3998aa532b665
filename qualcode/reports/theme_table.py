"""The short table of themes for the paper: group (superordinate) themes × sub-themes.

The full master table with quotes goes in the appendix; the paper itself
carries this one — each superordinate theme once, its sub-themes beside it,
and how many participants each rests on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.reports.bases import base_note
from qualcode.reports.document import Column, ReportDocument, Row, Table
from qualcode.reports.headings import headings
from qualcode.reports.master_table import MasterTable, build_master_table
from qualcode.reports.options import ReportOptions

if TYPE_CHECKING:
    from qualcode.core.project import Project


def theme_table_document(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    """Group theme | Sub-theme | participants (n of N) | quotes, in the project's IPA terms.

    It follows the master table (:func:`build_master_table`), so in a project
    analysed in two levels a sub-theme rests on the participants whose PETs
    are linked to it.
    """
    options = options or ReportOptions()
    everything = ReportOptions(**{**vars(options), "selection": "all", "max_quotes": None, "notes": False})
    table = build_master_table(project, everything)
    who = "Respondents" if table.survey else "Participants"
    words = headings(table.words)
    top, sub = ("Theme", "Code") if table.survey else (words.group, words.sub)
    columns = [Column(top, width=1.4), Column(sub, width=1.8),
               Column(who, width=0.7, kind="number", align="center"),
               Column("Quotes", width=0.6, kind="number", align="center")]
    rows = []
    for theme in table.themes:
        for s in theme.sub_themes:
            rows.append(Row((theme.code.name, s.code.name, s.participants, s.available),
                            shown={2: f"{s.participants} of {table.total_participants}"}))
    groups = words.groups[:1].upper() + words.groups[1:]
    doc = ReportDocument(f"{groups} and {words.subs}" if not table.survey else "Themes and codes",
                         subtitle=f"{table.total_participants} {who.lower()}.")
    caption = f"{groups} and their {words.subs}" if not table.survey else "Themes and their codes"
    if not any(s.available for t in table.themes for s in t.sub_themes):
        doc.warnings.append("nothing in this selection is coded: every count in the table is 0")
    doc.blocks.append(Table(caption, columns, rows, merge_first=1, sheet="Themes",
                            notes=_notes(table, who)))
    return doc


def _notes(table: MasterTable, who: str) -> list[str]:
    if table.base is None and table.two_levels:
        w = table.words
        return [f"{who}: how many of the {table.total_participants} participants have one of their "
                f"{w.personal_themes} linked to the {w.sub_theme}, or a quote under it (a participant counts "
                f"once). Quotes: the passages coded with the linked {w.personal_themes} and their {w.statements}."]
    if table.base is None:
        return [f"{who}: how many of the {table.total_participants} {who.lower()} contribute at least one quote."]
    return [f"{who}: n of N = respondents whose answer carries the code (a respondent counts once) of the "
            f"{table.total_participants} in the base. {base_note(table.base, table.options.question)}"]
