"""The quote table for reports: illustrative quotes per theme, with who said them.

A commissioned report illustrates each theme with a handful of quotes,
chosen so that no one respondent or group speaks for everyone: at most N per
theme, a respondent at most once per theme, taken from each group in turn
(the groups of ``by``, e.g. role group) and, within a group, those of a
readable length first (or in the order of a ``rank`` callback).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from qualcode.core.errors import NotFound
from qualcode.core.model import Code
from qualcode.core.surveys import non_answers
from qualcode.reports.document import (
    BOTH,
    DATA,
    DOCUMENT,
    Cell,
    Column,
    Heading,
    ReportDocument,
    Rich,
    Row,
    Span,
    Table,
)
from qualcode.reports.options import ReportOptions
from qualcode.reports.selection import Rank, by_length, round_robin
from qualcode.reports.source import (
    Quote,
    attribute_values,
    attributes_of,
    cite_by,
    fetch_quotes,
    matches,
    participant_id,
    question_id,
    theme_levels,
    theme_tree,
)

if TYPE_CHECKING:
    from qualcode.core.project import Project

DEFAULT_PER_THEME = 5


@dataclass
class QuoteGroup:
    theme: Code
    code: Code  # the theme itself, or the sub-theme/code the quotes illustrate
    quotes: list[Quote]
    available: int


@dataclass
class QuoteTable:
    groups: list[QuoteGroup]
    attributes: list[str]
    values: dict[int, dict[str, object]]  # participant id → attribute values
    options: ReportOptions
    survey: bool


def spread(quotes: list[Quote], key: dict[int, str], limit: int | None,
           rank: Rank | None = None, theme: str = "") -> list[Quote]:
    """At most ``limit`` quotes: one per respondent, taking each group in turn."""
    ordered = rank(theme, quotes) if rank else by_length(quotes)
    seen: set[str] = set()
    groups: dict[str, list[Quote]] = {}
    for q in ordered:
        if q.participant in seen:
            continue
        seen.add(q.participant)
        groups.setdefault(key.get(q.participant_id or -1, ""), []).append(q)
    chosen = round_robin(list(groups.values()))
    return chosen[:limit] if limit else chosen


def build_quote_table(project: Project, options: ReportOptions | None = None) -> QuoteTable:
    options = options or ReportOptions()
    qid = question_id(project, options.question)
    quotes = fetch_quotes(project, question=qid,
                          participant=participant_id(project, options.participant), coders=options.coders)
    if not options.count_non_answers and any(q.is_answer for q in quotes):  # a coded "N/A" illustrates nothing
        said_nothing = non_answers.find(project, qid, all_answers=qid is None).document_ids
        quotes = [q for q in quotes if q.document_id not in said_nothing]
    shown = list(options.attributes) or ([options.by] if options.by else [])
    needed = sorted(set(shown) | set(options.filters) | set(options.cite) | ({options.by} if options.by else set()))
    values = attributes_of(project, {q.participant_id for q in quotes if q.participant_id}, needed)
    if options.filters:
        quotes = [q for q in quotes if matches(values.get(q.participant_id or -1, {}), options.filters)]
    group_of = {pid: str(v.get(options.by, "")) for pid, v in values.items()} if options.by else {}
    limit = options.max_quotes if options.max_quotes else DEFAULT_PER_THEME
    by_code: dict[int, list[Quote]] = {}
    for q in quotes:
        by_code.setdefault(q.code_id, []).append(q)
    order = {q.coding_id: i for i, q in enumerate(quotes)}
    per_theme = options.level == "themes"
    out = []
    for root, subs in theme_levels(theme_tree(project)):
        for node in ([root] if per_theme else subs):
            ids = node.descendant_ids() if node is not root or per_theme or not root.children else [root.code.id]
            found = sorted((q for cid in ids for q in by_code.get(cid, [])), key=lambda q: order[q.coding_id])
            chosen = spread(found, group_of, limit, options.rank, node.name)
            chosen.sort(key=lambda q: order[q.coding_id])
            out.append(QuoteGroup(root.code, node.code, chosen, len({q.participant for q in found})))
    return QuoteTable(out, shown, values, options, any(q.is_answer for q in quotes))


def _table(t: QuoteTable, first: int = 1, section: str | None = None,
           show_in: frozenset[str] = BOTH) -> tuple[Table, int]:
    """The quote table (of one section); returns it and how many quotes it numbered."""
    who = "Respondent" if t.survey else "Participant"
    per_theme = t.options.level == "themes"
    cite_names = list(t.options.cite)
    numbered = t.options.numbered
    columns = [Column("Theme"), Column("Code" if t.survey else "Sub-theme")]
    columns += [Column("No.", width=0.4, kind="number", align="right")] if numbered else []
    columns += [Column("Quote", width=3.4, show_in=DOCUMENT)]
    columns += [Column("Cited as", width=0.9)] if cite_names else [Column(who, width=0.9)]
    columns += [Column(a.replace("_", " ").capitalize(), width=0.9) for a in t.attributes if a not in cite_names]
    columns += [Column("Lines", show_in=DATA), Column("Quote", width=3.4, show_in=DATA)]
    if section is not None:
        columns.append(Column(t.options.sections_by.replace("_", " ").capitalize() if t.options.sections_by
                              else "Section", show_in=DATA))
    lead = 1 if numbered else 0  # the number sits after the two group columns
    rows = []
    n = 0
    for g in t.groups:
        title = {1: f"{g.code.name}  ({len(g.quotes)} of {g.available} {who.lower()}s quoted)"}
        for q in g.quotes:
            attrs = t.values.get(q.participant_id or -1, {})
            number = [first + n] if numbered else []
            n += 1
            who_cell = cite_by(q, attrs, cite_names) if cite_names else q.participant
            cells: list[Cell] = [g.theme.name, g.code.name, *number, Rich((Span(f"“{q.text}”"),)), who_cell]
            cells += [cast(Cell, attrs.get(a)) for a in t.attributes if a not in cite_names]
            cells += [None if q.is_answer else q.lines, q.text, *([section] if section is not None else [])]
            rows.append(Row(tuple(cells), shown=title))
        if not g.quotes:
            rows.append(Row((g.theme.name, g.code.name) + (None,) * (len(columns) - 2),
                            shown=title | {lead + 2: "No quotes."}))
    notes = []
    kept = [f"{k.replace('_', ' ')}: {', '.join(map(str, v))}" for k, v in t.options.filters.items()
            if k != t.options.sections_by or section is None]  # a section's own value is its heading
    if kept:
        notes.append("Only " + "; ".join(kept) + ".")
    if t.options.question:
        notes.append(f"Answers to {t.options.question}.")
    if cite_names:
        notes.append("Quotes are cited by " + ", ".join(a.replace("_", " ") for a in cite_names) + " only.")
    caption = "Illustrative quotes by theme" + (f" — {section}" if section else "")
    table = Table(caption, columns, rows, group_by=1 if per_theme else 2, sheet="Quotes", notes=notes,
                  show_in=show_in)
    return table, n


def quote_table_document(t: QuoteTable) -> ReportDocument:
    who = "Respondent" if t.survey else "Participant"
    per_theme = t.options.level == "themes"
    limit = t.options.max_quotes or DEFAULT_PER_THEME
    spread_note = f", spread across groups by {t.options.by.replace('_', ' ')}" if t.options.by else ""
    doc = ReportDocument("Illustrative quotes by theme",
                         subtitle=f"At most {limit} quotes per {'theme' if per_theme else 'code'}, one per "
                                  f"{who.lower()}{spread_note}.")
    table, _ = _table(t)
    doc.blocks.append(table)
    if not any(g.quotes for g in t.groups):
        doc.warnings.append("no coded answer or extract matches this selection: the table has no quotes")
    return doc


def quote_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    """The quote table; with ``sections_by``, one section (heading and table) per value of the attribute.

    Each section chooses its own quotes (at most N per code from that group);
    Excel and CSV get one flat table with the section as a column.  Numbers
    (``numbered``) run on across the sections.
    """
    options = options or ReportOptions()
    if not options.sections_by:
        return quote_table_document(build_quote_table(project, options))
    attr = options.sections_by
    wanted = options.filters.get(attr)
    values = [v for v in attribute_values(project, attr) if wanted is None or v in wanted]
    label = attr.replace("_", " ").capitalize()
    doc: ReportDocument | None = None
    flat: Table | None = None
    first = 1
    for value in values:
        part = build_quote_table(project, replace(options, filters={**options.filters, attr: [value]}))
        if doc is None:
            doc = quote_table_document(part)
            doc.blocks = []
            doc.subtitle = doc.subtitle[:-1] + f"; a section per {attr.replace('_', ' ')}."
        doc.blocks.append(Heading(f"{label}: {value}", 1))
        table, n = _table(part, first, str(value), show_in=DOCUMENT)
        doc.blocks.append(table)
        data, _ = _table(part, first, str(value), show_in=DATA)
        if flat is None:
            flat = data
        else:
            flat.rows.extend(data.rows)
        first += n
    if doc is None or flat is None:
        raise NotFound(f"nobody has a value of ‘{attr}’, so there are no sections to make")
    flat.caption = "Illustrative quotes by theme"
    doc.blocks.append(flat)
    return doc
