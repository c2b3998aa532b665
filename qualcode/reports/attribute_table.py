"""Frequency tables of the closed questions (attributes), by group.

A report describes who answered before what they said: role, region, years
in post.  One table per attribute — each value's respondents, ``n (%)``, per
group of ``by`` and overall — counted once per respondent in one query.  The
base of a column is every respondent in that group (the selection's
``--where`` filters applied); respondents with no value are a row of their own,
"(not stated)", so each column adds up to its base.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import select

from qualcode.reports.bases import NOT_STATED, PERCENT_RULE, half_up, percent, percent_text
from qualcode.reports.document import DATA, DOCUMENT, Cell, Column, ReportDocument, Row, Table
from qualcode.reports.options import ReportOptions
from qualcode.reports.source import attribute_names, attributes_of, matches
from qualcode.store.schema import ParticipantRow

if TYPE_CHECKING:
    from qualcode.core.project import Project


def _text(value: object) -> str:
    return NOT_STATED if value in (None, "") else str(value)


def _order(values: set[str]) -> list[str]:
    """Values in a natural order (numbers by size), "(not stated)" last."""
    def key(v: str) -> tuple[bool, int, float, str]:
        try:
            return (v == NOT_STATED, 0, float(v), "")
        except ValueError:
            return (v == NOT_STATED, 1, 0.0, v.casefold())
    return sorted(values, key=key)


def attribute_table_document(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    """One frequency table per attribute (all of them, or ``options.attributes``), by ``options.by``."""
    options = options or ReportOptions()
    with project.read() as s:
        kinds = dict(s.execute(select(ParticipantRow.id, ParticipantRow.kind)).tuples().all())
    survey = "respondent" in kinds.values()
    people = [pid for pid, kind in kinds.items() if kind == ("respondent" if survey else "participant")]
    names = list(options.attributes) or [a for a in attribute_names(project) if a != options.by]
    values = attributes_of(project, people, sorted(set(names) | set(options.filters)
                                                   | ({options.by} if options.by else set())))
    if options.filters:
        people = [p for p in people if matches(values.get(p, {}), options.filters)]
    unit = "respondents" if survey else "participants"
    group_of = {p: _text(values.get(p, {}).get(options.by)) if options.by else "All" for p in people}
    groups = _order(set(group_of.values())) if options.by else []
    bases = Counter(group_of.values())
    doc = ReportDocument("Who answered" if survey else "Participants",
                         subtitle=f"{len(people)} {unit}" + (f", by {options.by.replace('_', ' ')}" if options.by
                                                             else "") + ".")
    if not people:
        doc.warnings.append(f"no {unit} in this selection")
    for name in names:
        counts: Counter[tuple[str, str]] = Counter()
        overall: Counter[str] = Counter()
        for p in people:
            v = _text(values.get(p, {}).get(name))
            counts[(v, group_of[p])] += 1
            overall[v] += 1
        label = name.replace("_", " ").capitalize()
        columns = [Column("Attribute", show_in=DATA), Column(label, width=1.8)]
        for g in groups:
            columns += [Column(f"{g} n", kind="number", show_in=DATA),
                        Column(f"{g} %", kind="percent", decimals=1, show_in=DATA),
                        Column(f"{g}\n(n = {bases[g]})", width=1.0, align="right", show_in=DOCUMENT)]
        columns += [Column("All n", kind="number", show_in=DATA),
                    Column("All %", kind="percent", decimals=1, show_in=DATA),
                    Column(f"All\n(n = {len(people)})", width=1.0, align="right", show_in=DOCUMENT)]
        rows = []
        for v in _order(set(overall)):
            cells: list[Cell] = [name, v]
            for g in groups:
                n = counts[(v, g)]
                cells += [n, half_up(percent(n, bases[g]), 1), percent_text(n, bases[g])]
            n = overall[v]
            cells += [n, half_up(percent(n, len(people)), 1), percent_text(n, len(people))]
            rows.append(Row(tuple(cells)))
        note = (f"n = {unit} with the value; {PERCENT_RULE}. Base: every {unit[:-1]} in the group "
                f"(n in each column header); “{NOT_STATED}” counts those with no value, so a column adds up "
                "to its base.")
        if options.filters:
            note += " Only " + "; ".join(f"{k.replace('_', ' ')}: {', '.join(v)}"
                                         for k, v in options.filters.items()) + "."
        doc.blocks.append(Table(label + (f" by {options.by.replace('_', ' ')}" if options.by else ""),
                                columns, rows, sheet="Attributes", notes=[note]))
    return doc
