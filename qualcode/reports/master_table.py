"""The master table of themes, and the short theme table that goes in the paper.

The master table is what an IPA thesis appendix holds: for each superordinate
theme its sub-themes, and under each sub-theme the supporting quotes, each in
quotation marks and cited ``(Pseudonym, 155-157)`` from the fixed line
numbers.  A sub-theme's quotes are the codings of every code below it (the
emergent themes clustered under it).  Survey answers are cited by respondent
id and the chosen attributes instead of lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qualcode.core.model import Code, CodeRole
from qualcode.reports.bases import Base, base_note, count_base, is_survey
from qualcode.reports.document import (
    DATA,
    DOCUMENT,
    Column,
    Paragraph,
    ReportDocument,
    Rich,
    Row,
    Span,
    Table,
)
from qualcode.reports.options import ReportOptions
from qualcode.reports.selection import dominance_warning, select
from qualcode.reports.source import (
    NoteLine,
    Quote,
    attributes_of,
    cite,
    cite_by,
    fetch_notes,
    fetch_quotes,
    matches,
    participant_id,
    question_id,
    theme_levels,
    theme_tree,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project


@dataclass(frozen=True)
class MasterQuote:
    """A quote as the master table shows it."""

    quote: Quote
    citation: str
    label: str  # the emergent theme (or code) it was coded with
    notes: tuple[NoteLine, ...] = ()
    attributes: tuple[object, ...] = ()  # the chosen attributes' values, in the options' order

    @property
    def quoted(self) -> str:
        return f"“{self.quote.text}”"


@dataclass
class SubTheme:
    code: Code
    quotes: list[MasterQuote]
    available: int  # quotes before selection
    participants: int  # distinct participants among all its quotes


@dataclass
class SuperordinateTheme:
    code: Code
    sub_themes: list[SubTheme]

    @property
    def participants(self) -> set[str]:
        return {q.quote.participant for s in self.sub_themes for q in s.quotes}


@dataclass
class MasterTable:
    themes: list[SuperordinateTheme]
    options: ReportOptions
    total_participants: int  # the base: respondents who gave an answer (survey); participants quoted (IPA)
    survey: bool = False
    warnings: list[str] = field(default_factory=list)
    base: Base | None = None  # a survey's base, with the non-answers it left out

    @property
    def label_header(self) -> str | None:
        """"Emergent theme" when quotes sit on codes below the sub-themes, else no column."""
        if not any(q.quote.code_id != s.code.id for t in self.themes for s in t.sub_themes for q in s.quotes):
            return None
        return "Code" if self.survey else "Emergent theme"


def build_master_table(project: Project, options: ReportOptions | None = None) -> MasterTable:
    """Read the themes and their quotes, choose quotes per sub-theme, note who dominates."""
    options = options or ReportOptions()
    roots = theme_tree(project)
    codes = {c.id: c for c in project.codes.list()}
    qid = question_id(project, options.question)
    quotes = fetch_quotes(project, question=qid,
                          participant=participant_id(project, options.participant), coders=options.coders)
    base = count_base(project, qid, options, survey=True) if is_survey(project) else None
    if base is not None and base.excluded:  # a coded "N/A" is not a quote
        quotes = [q for q in quotes if q.document_id not in base.excluded]
    people = {q.participant_id for q in quotes if q.participant_id is not None}
    attrs = attributes_of(project, people, sorted(set(options.attributes) | set(options.filters) | set(options.cite)))
    if options.filters:
        quotes = [q for q in quotes if matches(attrs.get(q.participant_id or -1, {}), options.filters)]
    notes = fetch_notes(project, {q.document_id for q in quotes}) if options.notes else {}
    by_code: dict[int, list[Quote]] = {}
    order = {q.coding_id: i for i, q in enumerate(quotes)}
    for q in quotes:
        by_code.setdefault(q.code_id, []).append(q)
    table = MasterTable([], options, base.total if base else len({q.participant for q in quotes}),
                        survey=base is not None, base=base)
    if base is not None and not quotes:
        table.warnings.append("no coded answer matches this selection: the table has no quotes")
    for root, subs in theme_levels(roots):
        theme = SuperordinateTheme(root.code, [])
        for sub in subs:
            ids = [sub.code.id] if sub is root else sub.descendant_ids()
            found = sorted((q for cid in ids for q in by_code.get(cid, [])), key=lambda q: order[q.coding_id])
            choice = select(sub.name, found, options.selection, options.quote_cap(), options.rank)
            shown = [_master_quote(q, codes[q.code_id], attrs, options, notes) for q in choice.quotes]
            theme.sub_themes.append(SubTheme(sub.code, shown, choice.available, choice.participants))
            warning = dominance_warning(sub.name, choice.quotes, options.dominance)
            if warning:
                table.warnings.append(warning)
        if any(s.quotes for s in theme.sub_themes) or root.code.role == CodeRole.THEME:
            table.themes.append(theme)
    return table


def _master_quote(q: Quote, code: Code, attrs: dict[int, dict[str, object]], options: ReportOptions,
                  notes: dict[int, list[NoteLine]]) -> MasterQuote:
    person = attrs.get(q.participant_id or -1, {})
    values = tuple(person.get(a) for a in options.attributes)
    margin = options.notes_margin
    near = tuple(n for n in notes.get(q.document_id, ())
                 if n.first_line <= q.last_line + margin and q.first_line - margin <= n.last_line)
    citation = cite_by(q, person, options.cite) if options.cite else cite(q, values)
    return MasterQuote(q, citation, code.name, near, values)


def master_table_document(table: MasterTable) -> ReportDocument:
    """The master table as one Word/HTML table (grouped) or one flat Excel/CSV table."""
    o = table.options
    label = table.label_header
    top, sub = ("Theme", "Code") if table.survey else ("Superordinate theme", "Sub-theme")
    who = "Respondent" if table.survey else "Participant"
    columns = [Column(top), Column(sub), Column(who, show_in=DATA)]
    if label:
        columns.append(Column(label, width=1.1))
    columns += [Column("Quote", width=3.0, show_in=DATA), Column("Start line", kind="number", show_in=DATA),
                Column("End line", kind="number", show_in=DATA), Column("Citation", show_in=DATA)]
    columns += [Column(a.replace("_", " ").capitalize(), show_in=DATA) for a in o.attributes]
    columns.append(Column("Quote", width=3.2, show_in=DOCUMENT))
    if o.notes:
        columns.append(Column("Exploratory notes", width=1.6))
    rows: list[Row] = []
    for i, theme in enumerate(table.themes, 1):
        for j, s in enumerate(theme.sub_themes, 1):
            shown = {0: f"{i}. {theme.code.name}",
                     1: f"{i}.{j} {s.code.name}" + _sub_summary(s, table.total_participants, table.survey)}
            if not s.quotes:
                empty = {len(columns) - (2 if o.notes else 1): "No quotes coded yet."}
                rows.append(Row((theme.code.name, s.code.name) + (None,) * (len(columns) - 2),
                                shown=shown | empty))
            for mq in s.quotes:
                q = mq.quote
                cells: list[object] = [theme.code.name, s.code.name, q.participant]
                if label:
                    cells.append(mq.label if q.code_id != s.code.id else "")
                cells += [q.text, None if q.is_answer else q.first_line, None if q.is_answer else q.last_line,
                          mq.citation]
                cells += list(mq.attributes)
                cells.append(Rich((Span(mq.quoted), Span(" "), Span(mq.citation, "nowrap"))))
                if o.notes:
                    cells.append("\n".join(n.label for n in mq.notes))
                rows.append(Row(tuple(cells), shown=shown))
    caption = "Master table of themes" + (f" — {o.question}" if o.question else "")
    doc = ReportDocument("Master table of themes", subtitle=_subtitle(table))
    doc.blocks.append(Table(caption, columns, rows, group_by=2, sheet="Master table",
                            notes=_table_notes(table)))
    doc.warnings = list(table.warnings)
    doc.blocks += [Paragraph(w, "warning") for w in table.warnings]
    return doc


def _sub_summary(s: SubTheme, total: int, survey: bool) -> str:
    who = "respondents" if survey else "participants"
    shown = f"{len(s.quotes)} of {s.available} quotes" if len(s.quotes) != s.available else \
        f"{s.available} quote{'s' if s.available != 1 else ''}"
    return f"  ({s.participants} of {total} {who}; {shown})"


def _subtitle(table: MasterTable) -> str:
    o = table.options
    how = {"all": "all quotes", "typical": f"the {o.max_quotes} most typical quotes per sub-theme"
           if o.max_quotes else "all quotes, most typical first",
           "balanced": "a balanced selection of quotes" + (f" (at most {o.max_quotes} per sub-theme)"
                                                          if o.max_quotes else "")}[o.selection]
    return f"{table.total_participants} {'respondents' if table.survey else 'participants'}; {how}."


def _table_notes(table: MasterTable) -> list[str]:
    if table.options.cite:
        by = ", ".join(a.replace("_", " ") for a in table.options.cite)
        notes = [f"Quotes are cited by {by} only" + ("" if table.survey else ", with their lines") + "."]
        if table.base is not None:
            notes.append(f"n of N = respondents whose answer carries the code (a respondent counts once) of "
                         f"the base. {base_note(table.base, table.options.question)}")
        return notes
    if table.survey:
        notes = ["Quotes are cited by respondent id" +
                 (" and " + ", ".join(a.replace("_", " ") for a in table.options.attributes)
                  if table.options.attributes else "") + "."]
        if table.base is not None:
            notes.append(f"n of N = respondents whose answer carries the code (a respondent counts once) of "
                         f"the base. {base_note(table.base, table.options.question)}")
        return notes
    return ["Quotes are cited (Pseudonym, lines) from the transcripts' fixed line numbers."]
