"""A report as plain, format-free blocks: headings, paragraphs, tables, charts.

Every report (master table, prevalence, recurrence …) is built from the
project into one :class:`ReportDocument`; writers in :mod:`qualcode.reports.writers`
turn that into Word, Excel, CSV or HTML.  Nothing here knows a file format,
so a new format is one writer and a new report is one builder.

Two readings of the same table serve two kinds of file:

* *document* formats (Word, HTML) show what a reader of a thesis or report
  sees: leading ``group_by`` columns become group rows ("Superordinate theme:
  …"), quotes carry their quotation marks and citation in one cell;
* *data* formats (Excel, CSV) get a flat table, one value per column, that
  filters and sorts — the group columns are repeated on every row.  Tables
  that share a ``sheet`` name go on one Excel sheet, one below the other.

A :class:`Column` says in which of the two readings it appears.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

# Characters XML 1.0 (and so Word and Excel) cannot hold; everything else —
# curly quotes, dashes, accents, emoji — passes through untouched.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# "nowrap" keeps a citation's line range on one line ("155-157" never breaks at its hyphen).
Style = Literal["", "bold", "italic", "muted", "mark", "nowrap"]


def clean(text: str) -> str:
    """``text`` without the control characters no XML file can store."""
    return _INVALID_XML.sub("", text)


@dataclass(frozen=True)
class Span:
    """A run of text with one style; ``"\\n"`` inside the text is a line break."""

    text: str
    style: Style = ""


@dataclass(frozen=True)
class Rich:
    """Styled text in a cell (a quote and its citation, numbered lines)."""

    spans: tuple[Span, ...]

    @property
    def plain(self) -> str:
        return "".join(s.text for s in self.spans)

    def __str__(self) -> str:
        return self.plain


# What a cell may hold.  ``True``/``False`` are ticks: "✓"/"" in documents,
# 1/0 in data files.  Floats are shown with the column's ``decimals``.
Cell = str | int | float | bool | None | Rich
Reading = Literal["document", "data"]
BOTH: frozenset[str] = frozenset({"document", "data"})
DOCUMENT: frozenset[str] = frozenset({"document"})
DATA: frozenset[str] = frozenset({"data"})


@dataclass(frozen=True)
class Column:
    """A column: its header, relative width, and the readings it appears in.

    A ``share`` holds a proportion (0.9) that people read as a percentage
    ("90.0%"); Excel keeps the proportion with a percentage format, CSV the
    percentage as a plain number.  Statistics a reader may compute with
    (kappa, alpha) are ``exact``: Excel keeps the whole value and only shows
    ``decimals``, while CSV, which has no formats, rounds to ``csv_decimals``.
    """

    header: str
    width: float = 1.0  # relative to the other columns of the same reading
    kind: Literal["text", "number", "percent", "share", "tick"] = "text"
    decimals: int = 0
    show_in: frozenset[str] = BOTH
    align: Literal["left", "right", "center"] = "left"
    exact: bool = False  # Excel stores the whole value and shows ``decimals``
    csv_decimals: int | None = None  # a CSV's precision when it differs from what is shown
    csv_header: str = ""  # a CSV's column name when statistics software wants another ("percent_agreement")
    # Each "\n" of a Rich cell starts a fixed line whose first span is its number: a line
    # too long for the column wraps under its text, never under the number.
    numbered_lines: bool = False


@dataclass(frozen=True)
class Row:
    """One row, a value per column (every column, whatever the reading).

    ``emphasis`` marks a summary row (a superordinate theme's own counts, a
    total) that document formats show in bold.
    """

    cells: tuple[Cell, ...]
    emphasis: bool = False
    shown: Mapping[int, Cell] = field(default_factory=dict, compare=False)  # document-reading overrides

    def value(self, index: int, reading: Reading) -> Cell:
        """The cell at ``index`` as ``reading`` shows it (numbered group titles, say)."""
        if reading == "document" and index in self.shown:
            return self.shown[index]
        return self.cells[index]


@dataclass
class Table:
    """A table with a caption, ready to paste into a thesis or a report.

    ``group_by`` leading columns become group rows in document formats
    (level 1, then level 2 …); with ``split_groups`` the first group column
    starts a new heading and table instead (one per participant, say).
    """

    caption: str
    columns: list[Column]
    rows: list[Row]
    group_by: int = 0
    split_groups: bool = False
    merge_first: int = 0  # document formats merge repeated values down the first N columns
    notes: list[str] = field(default_factory=list)  # printed under the table: bases, keys
    sheet: str = "Table"  # Excel sheet name
    show_in: frozenset[str] = BOTH  # a table may exist only for documents, or only for data files
    # Rows may flow across pages (a transcript read in order) instead of being kept whole,
    # which would leave pages half empty before every long passage.
    keep_rows_whole: bool = True

    def columns_for(self, reading: Reading) -> list[int]:
        """Indexes of the columns shown in ``reading`` (group columns included)."""
        return [i for i, c in enumerate(self.columns) if reading in c.show_in]


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1  # 1 = the report's sections; the report title is level 0


@dataclass(frozen=True)
class Paragraph:
    text: str | Rich
    style: Literal["body", "warning", "note", "bullet"] = "body"


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart of percentages: categories × series (groups)."""

    title: str
    categories: list[str]
    series: dict[str, list[float]]  # group → one value per category
    value_label: str = "% of respondents"
    file_stem: str = "chart"


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | BarChart | PageBreak


@dataclass
class ReportDocument:
    """A whole report: a title, blocks in order, and warnings for the researcher."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    landscape: bool = False
    subtitle: str = ""
    # What a reader must know to read the whole report (the unit, the statistics): after the
    # last block in documents, on the Notes sheet in Excel.
    notes: list[str] = field(default_factory=list)
    # Excel: the title and subtitle above the first sheet's table, so the sheet stands on its own.
    title_on_sheet: bool = False
    # CSV: a byte-order mark makes Excel read UTF-8; statistics software may want none.
    csv_bom: bool = True

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def tables_for(self, reading: Reading) -> list[Table]:
        return [t for t in self.tables if reading in t.show_in]

    @property
    def charts(self) -> list[BarChart]:
        return [b for b in self.blocks if isinstance(b, BarChart)]


def cell_text(value: Cell, column: Column, reading: Reading) -> str:
    """A cell as text in ``reading`` (what CSV writes and HTML escapes)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        if reading == "data":
            return "1" if value else "0"
        return "✓" if value else ""
    if isinstance(value, float):
        decimals = column.csv_decimals if reading == "data" and column.csv_decimals is not None \
            else column.decimals
        if column.kind == "share":
            return f"{100 * value:.{decimals}f}" + ("%" if reading == "document" else "")
        return f"{value:.{decimals}f}"
    if isinstance(value, Rich):
        return value.plain
    return str(value)
