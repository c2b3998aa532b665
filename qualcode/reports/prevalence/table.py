"""The prevalence table and chart as a report: the table that goes in a commissioned report.

Documents show one cell per group, ``44 (31%)``, under a header that states
the group's base (``Manager (n = 46)``); data files get separate ``n`` and
``%`` columns that sort and chart.  The first row states the base itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.reports.bases import PERCENT_RULE, base_note, half_up, percent_text
from qualcode.reports.document import (
    DATA,
    DOCUMENT,
    BarChart,
    Column,
    ReportDocument,
    Row,
    Table,
)
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import Count, Prevalence, PrevalenceRow, build_prevalence

if TYPE_CHECKING:
    from qualcode.core.project import Project

INDENT = "\u2003"  # an em space: indents sub-codes in Word and HTML alike
CHART_LIMIT = 20


def _label(value: str) -> str:
    return value[:1].upper() + value[1:]


def _pct(c: Count) -> str:
    return percent_text(c.n, c.base)


def _codes(p: Prevalence) -> list[PrevalenceRow]:
    """The code rows: below a theme, or at the top of a flat codebook (a top-level code with no children)."""
    parents = {r.code.parent_id for r in p.rows}
    return [r for r in p.rows if r.depth > 0 or r.code.id not in parents]


def _rows_shown(p: Prevalence) -> list[PrevalenceRow]:
    level = p.options.level
    if level == "themes":
        return [r for r in p.rows if r.depth == 0]
    if level == "codes":
        leaves = _codes(p)
        return leaves if p.options.order == "codebook" else sorted(leaves, key=lambda r: -r.overall.n)
    return p.rows


def prevalence_document(p: Prevalence) -> ReportDocument:
    grouped = p.by is not None
    columns = [Column("Theme", show_in=DATA), Column("Code", show_in=DATA), Column("Level", show_in=DATA),
               Column("Theme / code", width=2.2, show_in=DOCUMENT)]
    cells_of: list = []
    for g in (p.groups if grouped else []):
        columns += [Column(f"{g} n", kind="number", show_in=DATA),
                    Column(f"{g} %", kind="percent", decimals=1, show_in=DATA),
                    Column(f"{_label(g)}\n(n = {p.bases[g]})", width=1.0, align="right", show_in=DOCUMENT)]
        cells_of.append(g)
    columns += [Column("All n", kind="number", show_in=DATA),
                Column("All %", kind="percent", decimals=1, show_in=DATA),
                Column(f"All\n(n = {p.base})", width=1.0, align="right", show_in=DOCUMENT)]

    def counts(counts_: list[Count]) -> tuple[list[object], dict[int, object]]:
        cells: list[object] = []
        for c in counts_:
            cells += [c.n, half_up(c.percent, 1), _pct(c)]
        return cells, {}

    base_cells = []
    for g in cells_of:
        base_cells += [p.bases[g], 100.0, str(p.bases[g])]
    base_cells += [p.base, 100.0, str(p.base)]
    answered = f"{_label(p.unit)} who answered" + (f" {p.question}" if p.question else "") + " (base)"
    rows = [Row(("", "", "base", answered, *base_cells), emphasis=True)]
    flat = {r.code.id for r in _codes(p) if r.depth == 0}  # top-level codes of a flat codebook
    for r in _rows_shown(p):
        theme = r.theme.name
        code = "" if r.depth == 0 else r.code.name
        level = "theme" if r.depth == 0 and r.code.id not in flat else r.code.role.value
        indent = "" if p.options.level == "codes" else INDENT * r.depth
        group_cells, _ = counts([r.groups[g] for g in cells_of] + [r.overall])
        rows.append(Row((theme, code, level, indent + r.code.name, *group_cells), emphasis=r.depth == 0
                        and p.options.level == "all"))
    title = "Prevalence of themes" + (f" by {p.by.replace('_', ' ')}" if grouped else "")
    question = f"“{p.question_text}”" if p.question_text and p.question_text != p.question else p.question
    counted = "answer" if p.question else "transcript"
    order = "in codebook order" if p.options.order == "codebook" else "by prevalence (most first) within each theme"
    notes = [f"n = {p.unit} whose {counted} was coded with the code (for a theme, with any of its codes; "
             f"a {p.unit[:-1]} counts once); " + PERCENT_RULE + ". "
             + (base_note(p.base_detail, question) if p.base_detail else f"Base: the {p.unit} in the group.")
             + f" Each column header gives its base (n = …). Rows {order}."]
    if p.options.filters:
        notes.append("Only " + "; ".join(f"{k.replace('_', ' ')}: {', '.join(v)}"
                                         for k, v in p.options.filters.items()) + ".")
    doc = ReportDocument(title, subtitle=(f"Question: {question}. " if question else "")
                         + (f"{p.base} {p.unit} gave an answer." if p.question else f"{p.base} {p.unit}."))
    doc.blocks.append(Table(title, columns, rows, sheet="Prevalence", notes=notes))
    doc.warnings = list(p.warnings)
    doc.blocks.append(_chart(p, title))
    return doc


def _chart(p: Prevalence, title: str) -> BarChart:
    level = p.options.level
    rows = [r for r in p.rows if r.depth == 0] if level == "themes" else _codes(p)
    rows = sorted(rows, key=lambda r: -r.overall.n)[:CHART_LIMIT]
    series = {(f"{_label(g)} (n = {p.bases[g]})"): [r.groups[g].percent for r in rows] for g in p.groups} \
        if p.by else {f"All {p.unit} (n = {p.base})": [r.overall.percent for r in rows]}
    what = "themes" if level == "themes" else "codes"
    more = f" (the {CHART_LIMIT} most prevalent)" if len(rows) == CHART_LIMIT else ""
    names = [r.code.name if r.depth == 0 else f"{r.code.name} ({r.theme.name})" for r in rows]  # the theme shown
    return BarChart(f"{title}: {what}{more}", names, series,
                    value_label=f"% of {p.unit} who answered")


def prevalence_report(project: Project, options: ReportOptions | None = None) -> ReportDocument:
    return prevalence_document(build_prevalence(project, options))
