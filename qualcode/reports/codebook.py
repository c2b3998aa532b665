"""The codebook as a report: hierarchy, definitions, criteria, examples, counts.

The table a methods chapter or a second coder needs: every code in codebook
order, themes in bold with their codes indented beneath, each with its
definition, inclusion and exclusion criteria, an example, and how much it
is used.  The Excel reading doubles as an editable codebook that
:mod:`qualcode.io.exchange.codebooks.excel_format` reads back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.core.model import CodeRole, join_path
from qualcode.reports.document import DATA, DOCUMENT, Column, ReportDocument, Rich, Row, Span, Table
from qualcode.reports.options import ReportOptions

if TYPE_CHECKING:
    from qualcode.core.project import Project

INDENT = "\u2003"
# The Excel codebook's columns, in order; the importer reads them by header.
XLSX_HEADERS = ("Path", "Level", "Role", "Name", "Description", "Inclusion", "Exclusion", "Example",
                "Colour", "Quotes", "Participants", "GUID")
# …and, in a project with IPA's two levels, whose each PET is (its statements too) and the PETs a GET gathers.
IPA_HEADERS = ("Participant", "Gathers")


def codebook_document(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    codes = project.codes.list()
    if options is not None and options.level == "themes":  # the structure without the emergent themes
        codes = [c for c in codes if c.role is not CodeRole.EMERGENT]
    counts = project.queries.code_counts(options.coders if options else None)
    by_id = {c.id: c for c in codes}
    survey = bool(project.documents.questions())
    who = "Respondents" if survey else "Participants"

    def path(code_id: int) -> list[str]:
        names = []
        node = by_id.get(code_id)
        while node is not None:
            names.append(node.name)
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        return names[::-1]

    columns = [Column("Path", width=1.6, show_in=DATA), Column("Level", kind="number", show_in=DATA),
               Column("Role", show_in=DATA), Column("Name", show_in=DATA),
               Column("Code", width=2.2, show_in=DOCUMENT),
               Column("Description", width=2.0), Column("Inclusion", width=2.0), Column("Exclusion", width=2.0),
               Column("Example", width=1.8), Column("Colour", show_in=DATA),
               Column("Answers" if survey else "Quotes", width=0.65, kind="number", align="right"),
               Column(who, width=0.8, kind="number", align="right"), Column("GUID", show_in=DATA)]
    from qualcode.core.themes.levels import links, participant_names

    gathers, owners = links(project), participant_names(project)
    two_levels = bool(gathers) or any(c.role is CodeRole.PERSONAL for c in codes)
    if two_levels:
        columns += [Column("Participant", show_in=DATA), Column("Gathers", show_in=DATA)]
    guids = {c.id: c.guid for c in codes}

    def owner(code_id: int) -> str:
        node = by_id.get(code_id)
        while node is not None and node.role is not CodeRole.PERSONAL:
            node = by_id.get(node.parent_id) if node.parent_id is not None else None
        return owners.get(node.participant_id, "") if node is not None and node.participant_id is not None else ""

    rows = []
    for c in codes:
        p = path(c.id)
        depth = len(p) - 1
        n = counts.get(c.id)
        role = "Theme" if survey and c.role is CodeRole.THEME else c.role.label
        shown_name = Rich((Span(INDENT * depth + c.name, "bold" if depth == 0 else ""),
                           Span(f"\n{INDENT * depth}{role}", "muted")))
        cells = (join_path(p), depth + 1, c.role.value, c.name, shown_name, c.description, c.inclusion,
                 c.exclusion, c.example, c.colour, n.segments if n else 0, n.participants if n else 0, c.guid)
        if two_levels:
            cells += (owner(c.id), "; ".join(guids[g] for g in gathers.get(c.id, ()) if g in guids))
        rows.append(Row(cells, shown={8: f"“{c.example}”" if c.example else ""}))
    doc = ReportDocument(f"Codebook — {project.name}", landscape=True,
                         subtitle=f"{len(codes)} codes. {'Answers' if survey else 'Quotes'}: coded extracts; {who.lower()}: how many have at "
                                  "least one (a theme counts those of every code below it).")
    doc.blocks.append(Table("Codebook", columns, rows, sheet="Codebook"))
    return doc
