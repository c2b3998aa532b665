"""The master table of themes, and the short theme table that goes in the paper.

The master table is what an IPA thesis appendix holds: for each superordinate
theme its sub-themes, and under each sub-theme the supporting quotes, each in
quotation marks and cited ``(Pseudonym, 155-157)`` from the fixed line
numbers.  A sub-theme's quotes are the codings of every code below it (the
emergent themes clustered under it).  Survey answers are cited by respondent
id and the chosen attributes instead of lines.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from sqlalchemy import select as sql_select

from qualcode.core.model import Code, CodeRole, DocumentKind
from qualcode.core.themes.outline import PersonalPart, group_outline
from qualcode.core.themes.terms import TERMS, Edition, Terms, terms_of
from qualcode.reports.bases import Base, base_note, count_base, is_survey
from qualcode.reports.document import (
    DATA,
    DOCUMENT,
    Cell,
    Column,
    Paragraph,
    ReportDocument,
    Rich,
    Row,
    Span,
    Table,
)
from qualcode.reports.headings import headings
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
from qualcode.store.schema import DocumentRow, ParticipantRow

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
    personal: Code | None = None  # the participant's PET it reached the group theme through (IPA)

    @property
    def quoted(self) -> str:
        return f"“{self.quote.text}”"


@dataclass
class SubTheme:
    code: Code
    quotes: list[MasterQuote]
    available: int  # quotes before selection
    participants: int  # distinct participants among all its quotes and the owners of its linked PETs
    personal: tuple[PersonalPart, ...] = ()  # the PETs linked to it (IPA in two levels)


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
    total_participants: int  # the base: respondents who gave an answer (survey); participants with a transcript (IPA)
    survey: bool = False
    warnings: list[str] = field(default_factory=list)
    base: Base | None = None  # a survey's base, with the non-answers it left out
    terms: Terms | None = None  # the IPA words the project uses (None for a survey)

    @property
    def words(self) -> Terms:
        return self.terms or TERMS[Edition.Y2022]

    @property
    def two_levels(self) -> bool:
        """Whether any group theme gathers participants' PETs (a PET column is shown)."""
        return any(s.personal for t in self.themes for s in t.sub_themes)

    @property
    def label_header(self) -> str | None:
        """"Experiential statement" when quotes sit on codes below the sub-themes, else no column."""
        if not any(q.label and q.quote.code_id != s.code.id for t in self.themes for s in t.sub_themes
                   for q in s.quotes):
            return None
        return "Code" if self.survey else headings(self.words).statement


def build_master_table(project: Project, options: ReportOptions | None = None) -> MasterTable:
    """Read the themes and their quotes, choose quotes per sub-theme, note who dominates.

    In an IPA project a sub-theme's quotes are those of the personal themes
    (PETs) linked to it, participant by participant, and of the statements
    placed under it in the codebook (projects analysed in one level); a
    survey's themes hold codes, whose codings are the quotes.
    """
    options = options or ReportOptions()
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
                        survey=base is not None, base=base, terms=None if base is not None else terms_of(project))
    if base is not None and not quotes:
        table.warnings.append("no coded answer matches this selection: the table has no quotes")
    parts: list[tuple[Code, list[tuple[Code, list[int], tuple[PersonalPart, ...]]]]]
    if base is not None:
        parts = [(root.code, [(sub.code, [sub.code.id] if sub is root else sub.descendant_ids(), ())
                              for sub in subs]) for root, subs in theme_levels(theme_tree(project))]
    else:
        parts = [(t.code, [(p.code, list(p.code_ids), p.personal) for p in t.parts]) for t in group_outline(project)]
    owners: set[str] = set()
    for root, subs in parts:
        theme = SuperordinateTheme(root, [])
        for code, ids, personal in subs:
            found_quotes, pet_of, place = _part_quotes(ids, personal, by_code, order)
            choice = select(code.name, found_quotes, options.selection, options.quote_cap(), options.rank)
            chosen = sorted(choice.quotes, key=place) if personal else choice.quotes
            shown = [_master_quote(q, codes[q.code_id], attrs, options, notes, pet_of[q.coding_id])
                     for q in chosen]
            who = {p.participant for p in personal if p.participant and _wanted(p, options)}
            owners |= who
            sub = SubTheme(code, shown, choice.available, len(who | {q.participant for q in found_quotes}),
                           tuple(p for p in personal if _wanted(p, options)))
            theme.sub_themes.append(sub)
            warning = dominance_warning(code.name, choice.quotes, options.dominance)
            if warning:
                table.warnings.append(warning)
        if any(s.quotes for s in theme.sub_themes) or root.role == CodeRole.THEME:
            table.themes.append(theme)
    if base is None:
        table.total_participants = len(owners | {q.participant for q in quotes} | _sample(project, options))
    return table


def _sample(project: Project, options: ReportOptions) -> set[str]:
    """The participants with a transcript (only the one asked for, and those the filters keep): N of "n of N"."""
    with project.read() as s:
        rows = s.execute(sql_select(ParticipantRow.id, ParticipantRow.pseudonym)
                         .join(DocumentRow, DocumentRow.participant_id == ParticipantRow.id)
                         .where(DocumentRow.kind == DocumentKind.TRANSCRIPT.value).distinct()).all()
    people: dict[int, str] = {pid: name for pid, name in rows}
    if options.participant:
        people = {pid: name for pid, name in people.items() if name == options.participant}
    if options.filters:
        attrs = attributes_of(project, people, sorted(options.filters))
        people = {pid: name for pid, name in people.items() if matches(attrs.get(pid, {}), options.filters)}
    return set(people.values())


def _part_quotes(ids: list[int], personal: tuple[PersonalPart, ...], by_code: dict[int, list[Quote]],
                 order: dict[int, int]) -> tuple[list[Quote], dict[int, PersonalPart | None], Callable[[Quote], tuple[int, int]]]:
    """A part's quotes — those of the codes below it, then each linked PET's — the PET each came through,
    and the order a table lists them in (by PET, then transcript order)."""
    found: list[tuple[Quote, PersonalPart | None]] = [(q, None) for cid in ids for q in by_code.get(cid, [])]
    found += [(q, pet) for pet in personal for cid in pet.code_ids for q in by_code.get(cid, [])]
    pet_of = {q.coding_id: pet for q, pet in found}
    rank = {pet.code.id: i for i, pet in enumerate(personal, 1)}

    def place(q: Quote) -> tuple[int, int]:
        pet = pet_of[q.coding_id]
        return rank[pet.code.id] if pet else 0, order[q.coding_id]

    return sorted((q for q, _ in found), key=place), pet_of, place


def _wanted(pet: PersonalPart, options: ReportOptions) -> bool:
    """A linked PET counts for the table unless a participant was asked for and it is someone else's."""
    return not options.participant or pet.participant == options.participant


def _master_quote(q: Quote, code: Code, attrs: dict[int, dict[str, object]], options: ReportOptions,
                  notes: dict[int, list[NoteLine]], pet: PersonalPart | None = None) -> MasterQuote:
    person = attrs.get(q.participant_id or -1, {})
    values = tuple(person.get(a) for a in options.attributes)
    margin = options.notes_margin
    near = tuple(n for n in notes.get(q.document_id, ())
                 if n.first_line <= q.last_line + margin and q.first_line - margin <= n.last_line)
    citation = cite_by(q, person, options.cite) if options.cite else cite(q, values)
    label = "" if pet is not None and code.id == pet.code.id else code.name
    return MasterQuote(q, citation, label, near, values, pet.code if pet else None)


def master_table_document(table: MasterTable) -> ReportDocument:
    """The master table as one Word/HTML table (grouped) or one flat Excel/CSV table.

    With PETs linked to the group themes, a column names each participant's
    PET (merged down its quotes in Word and HTML), so the appendix reads
    group theme → sub-theme → each participant's PET → statements → quotes.
    """
    o = table.options
    label = table.label_header
    words = headings(table.words)
    top, sub = ("Theme", "Code") if table.survey else (words.group, words.sub)
    who = "Respondent" if table.survey else "Participant"
    pets = table.two_levels
    columns = [Column(top), Column(sub), Column(who, show_in=DATA)]
    if pets:
        columns.append(Column(words.personal, width=1.1))
    if label:
        columns.append(Column(label, width=1.1))
    columns += [Column("Quote", width=3.0, show_in=DATA), Column("Start line", kind="number", show_in=DATA),
                Column("End line", kind="number", show_in=DATA), Column("Citation", show_in=DATA)]
    columns += [Column(a.replace("_", " ").capitalize(), show_in=DATA) for a in o.attributes]
    columns.append(Column("Quote", width=3.2, show_in=DOCUMENT))
    if o.notes:
        columns.append(Column("Exploratory notes", width=1.6))
    filtered = bool(o.participant or o.filters or o.coders or o.question)
    rows: list[Row] = []
    for i, theme in enumerate(table.themes, 1):
        for j, s in enumerate(theme.sub_themes, 1):
            shown = {0: f"{i}. {theme.code.name}",
                     1: f"{i}.{j} {s.code.name}" + _sub_summary(s, table.total_participants, table.survey)}
            if not s.quotes:
                why = "No quotes in this selection." if filtered else "No quotes coded yet."
                empty = {len(columns) - (2 if o.notes else 1): why}
                rows.append(Row((theme.code.name, s.code.name) + (None,) * (len(columns) - 2),
                                shown=shown | empty))
            for mq in s.quotes:
                q = mq.quote
                cells: list[Cell] = [theme.code.name, s.code.name, q.participant]
                row_shown = dict(shown)
                if pets:
                    cells.append(mq.personal.name if mq.personal else "")
                    if mq.personal:
                        row_shown[len(cells) - 1] = f"{q.participant}: {mq.personal.name}"
                if label:
                    cells.append(mq.label if q.code_id != s.code.id else "")
                cells += [q.text, None if q.is_answer else q.first_line, None if q.is_answer else q.last_line,
                          mq.citation]
                cells += [cast(Cell, a) for a in mq.attributes]
                cells.append(Rich((Span(mq.quoted), Span(" "), Span(mq.citation, "nowrap"))))
                if o.notes:
                    cells.append("\n".join(n.label for n in mq.notes))
                rows.append(Row(tuple(cells), shown=row_shown))
    title = "Master table of themes" if table.survey else f"Master table of {words.groups}"
    caption = title + (f" — {o.question}" if o.question else "")
    doc = ReportDocument(title, subtitle=_subtitle(table))
    doc.blocks.append(Table(caption, columns, rows, group_by=2, sheet="Master table",
                            notes=_table_notes(table), merge_first=(2 if label else 1) if pets else 0))
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
    words = table.words
    counted = (f"n of N = participants with a quote under the {words.sub_theme} or one of their "
               f"{words.personal_themes} linked to it, of the {table.total_participants} participants with a "
               "transcript" if table.two_levels else
               f"n of N = participants with a quote under the {words.sub_theme}, of the "
               f"{table.total_participants} participants with a transcript")
    return ["Quotes are cited (Pseudonym, lines) from the transcripts' fixed line numbers.",
            f"{counted} (a participant counts once)."]
