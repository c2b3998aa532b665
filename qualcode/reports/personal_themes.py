"""The table of personal experiential themes: one participant's analysis, for the thesis.

IPA finishes each case before looking across (Smith, Flowers & Larkin
2022): for each participant, their personal experiential themes (PETs) —
with sub-themes where the researcher made them — the experiential
statements gathered under each, and the passages those statements rest on,
cited ``(Pseudonym, 155-157)`` from the fixed line numbers.  One section per
participant (a heading and a table in Word and HTML), or one participant
only; Excel and CSV get one flat table that filters by participant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from qualcode.core.model import Code
from qualcode.core.themes.outline import PersonalPart, personal_outline
from qualcode.core.themes.terms import Terms, terms_of
from qualcode.reports.document import DATA, DOCUMENT, Cell, Column, ReportDocument, Rich, Row, Span, Table
from qualcode.reports.headings import capital, headings
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import Quote, cite, fetch_quotes, participant_id

if TYPE_CHECKING:
    from qualcode.core.project import Project

NOBODY = "No participant"


@dataclass(frozen=True)
class StatementRow:
    """A statement of a PET and its quotes (``statement`` None: passages coded with the PET or sub-theme itself)."""

    sub_theme: Code | None
    statement: Code | None
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class PersonalTheme:
    pet: PersonalPart
    rows: tuple[StatementRow, ...]

    @property
    def quotes(self) -> int:
        return sum(len(r.quotes) for r in self.rows)

    @property
    def statements(self) -> int:
        return sum(r.statement is not None for r in self.rows)


@dataclass
class PersonalTable:
    themes: list[PersonalTheme]
    options: ReportOptions
    terms: Terms


def build_personal_table(project: Project, options: ReportOptions | None = None) -> PersonalTable:
    """Every participant's PETs (or ``options.participant``'s), their statements and quotes, in codebook order."""
    options = options or ReportOptions()
    participant_id(project, options.participant)  # an unknown pseudonym is refused, never an empty table
    pets = personal_outline(project, options.participant)
    wanted = [cid for p in pets for cid in p.code_ids]
    quotes = fetch_quotes(project, wanted, coders=options.coders) if wanted else []
    by_code: dict[int, list[Quote]] = {}
    for q in quotes:
        by_code.setdefault(q.code_id, []).append(q)
    themes = []
    for pet in pets:
        rows = []
        subs = {s.sub_theme.id: s.sub_theme for s in pet.statements if s.sub_theme is not None}
        if by_code.get(pet.code.id):  # passages coded with the PET itself
            rows.append(StatementRow(None, None, tuple(by_code[pet.code.id])))
        for sub_id, sub in subs.items():
            if by_code.get(sub_id):
                rows.append(StatementRow(sub, None, tuple(by_code[sub_id])))
        rows += [StatementRow(s.sub_theme, s.code, tuple(by_code.get(s.code.id, []))) for s in pet.statements]
        rows.sort(key=lambda r: list(subs).index(r.sub_theme.id) + 1 if r.sub_theme is not None else 0)
        themes.append(PersonalTheme(pet, tuple(rows)))
    return PersonalTable(themes, options, terms_of(project))


def personal_table_document(table: PersonalTable) -> ReportDocument:
    """A heading and a table per participant (Word, HTML); one flat table (Excel, CSV)."""
    words = headings(table.terms)
    with_subs = any(t.pet.has_sub_themes for t in table.themes)
    columns = [Column("Participant"), Column(words.personal)]
    if with_subs:
        columns.append(Column(words.sub, width=1.0))
    columns += [Column(words.statement, width=1.3),
                Column("Quote", width=3.0, show_in=DATA), Column("Start line", kind="number", show_in=DATA),
                Column("End line", kind="number", show_in=DATA), Column("Citation", show_in=DATA),
                Column("Quote", width=3.2, show_in=DOCUMENT)]
    quote_at = len(columns) - 1
    rows: list[Row] = []
    number: dict[str, int] = {}
    for t in table.themes:
        who = t.pet.participant or NOBODY
        number[who] = number.get(who, 0) + 1
        heading = {1: f"{number[who]}. {t.pet.code.name}  ({_count(t.statements, table.terms.statement, words.statements)}"
                    f"; {_count(t.quotes, 'quote', 'quotes')})"}
        if not t.rows:
            rows.append(Row((who, t.pet.code.name) + (None,) * (len(columns) - 2),
                            shown=heading | {quote_at: f"No {words.statements} under it yet."}))
        for r in t.rows:
            sub = [r.sub_theme.name if r.sub_theme else ""] if with_subs else []
            statement = r.statement.name if r.statement else ""
            if not r.quotes:
                rows.append(Row((who, t.pet.code.name, *sub, statement) + (None,) * (len(columns) - 3 - len(sub)),
                                shown=heading | {quote_at: "No quotes coded yet."}))
            for q in r.quotes:
                citation = cite(q)
                cells: list[Cell] = [who, t.pet.code.name, *sub, statement, q.text, q.first_line, q.last_line,
                                     citation, Rich((Span(f"“{q.text}”"), Span(" "), Span(citation, "nowrap")))]
                rows.append(Row(tuple(cells), shown=heading))
    people = sorted({t.pet.participant or NOBODY for t in table.themes}, key=str.casefold)
    one = table.options.participant
    title = capital(words.personals) + (f" — {one}" if one else "")
    subtitle = (f"{_count(len(table.themes), words.personal.lower(), words.personals)} of "
                f"{_count(len(people), 'participant', 'participants')}"
                + (f" ({', '.join(people)})" if people and not one else "") + "; all quotes.")
    doc = ReportDocument(title, subtitle=subtitle)
    notes = [f"Each {words.personal.lower()} is one participant's: the {words.statements} under it and the "
             "passages they were coded on. Quotes are cited (Pseudonym, lines) from the transcripts' fixed line "
             f"numbers. The counts beside each theme: {words.statements} under it, and quotes coded with them."]
    caption = f"{capital(words.personals)}, their {words.statements} and quotes"
    doc.blocks.append(Table(caption, columns, rows, group_by=2, split_groups=True,
                            merge_first=2 if with_subs else 1, sheet="Personal themes", notes=notes))
    if not table.themes:
        doc.warnings.append(f"no {words.personals} yet" + (f" for {one}" if one else "")
                            + ": accept suggested ones (qualcode suggest --items statements) or make them on the board")
    return doc


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def personal_themes_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    return personal_table_document(build_personal_table(project, options))
