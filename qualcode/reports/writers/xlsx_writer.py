"""Excel: one sheet per table (tables sharing a sheet name stack on it), flat, with frozen headers and filters.

Each table is written in its data reading — one value per column, group
columns repeated on every row — because that is what sorts, filters and
pivots.  Numbers stay numbers, ticks are 1/0, long text wraps in wide
columns.  A chart goes on its own sheet as a picture.  Text is always
text: openpyxl takes a string beginning with ``=`` for a formula, and an
answer such as ``=HYPERLINK(…)`` must never run, so no cell is written as
one (:func:`_text_only`).
"""

from __future__ import annotations

import io
import math
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from qualcode.reports.document import BarChart, Column, ReportDocument, Rich, Table, cell_text, clean
from qualcode.reports.writers import writer

HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_WIDTH = 80  # characters; longer text (quotes) wraps
WIDE_LABEL = 45  # theme names and the like fit whole up to this width
LINE_POINTS = 15  # the height of one line of 11 pt text


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", name).strip()[:31] or "Sheet"
    title, n = base, 2
    while title.lower() in taken:
        title = f"{base[:28]} {n}"
        n += 1
    taken.add(title.lower())
    return title


def _value(value: object, column: Column) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Rich):
        return clean(value.plain)
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, float):
        # Shares keep every place: two decimals of a proportion would show 90.0% as 90%.
        return value if column.exact or column.kind == "share" else round(value, column.decimals)
    return value


def _write_table(ws, table: Table, above: tuple[str, ...] = (), continuing: bool = False) -> None:
    """``table`` on ``ws`` in its data reading.

    ``continuing``: the sheet holds a table already, and this one goes below
    it after a blank row and its caption.  On a new sheet, ``above`` (a title
    and a sentence) may come first.  The first table on a sheet sets the
    frozen header and the filter.
    """
    shown = table.columns_for("data")
    if continuing:
        ws.append([])
        ws.append([clean(table.caption)])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    elif above:
        for line in above:
            ws.append([clean(line)])
        ws.append([])
    ws.append([table.columns[i].header for i in shown])
    header = ws.max_row  # (an appended empty row adds no cells, so count after the header)
    for row in table.rows:
        ws.append([_value(row.value(i, "data"), table.columns[i]) for i in shown])
        if row.emphasis:  # a summary row (a total, a theme's own counts), bold as in documents
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    for cell in ws[header]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    wrapped: list[tuple[int, float]] = []
    for j, i in enumerate(shown, 1):
        column = table.columns[i]
        letter = get_column_letter(j)
        wide = column.kind == "text" and column.width >= 1.5
        longest = max((len(_shown(r.value(i, "data"), column)) for r in table.rows[:500]), default=0)
        fit = max(len(column.header), longest) + 2
        width = min(MAX_WIDTH if wide else WIDE_LABEL, max(8, fit))
        if continuing:
            width = max(width, ws.column_dimensions[letter].width or 0)
        ws.column_dimensions[letter].width = width
        number_format = _number_format(column)
        if number_format:
            for (cell,) in ws.iter_rows(min_row=header + 1, min_col=j, max_col=j):
                cell.number_format = number_format
        if wide:
            wrapped.append((j, width))
            for (cell,) in ws.iter_rows(min_row=header + 1, min_col=j, max_col=j):
                cell.alignment = WRAP
    if wrapped:
        # Row heights for wrapped text, so every program shows whole quotes (not all refit rows on opening).
        for r, row in enumerate(ws.iter_rows(min_row=header + 1), header + 1):
            lines = max(_lines(str(row[j - 1].value or ""), width) for j, width in wrapped)
            if lines > 1:
                ws.row_dimensions[r].height = LINE_POINTS * lines
                for cell in row:  # labels beside a long quote sit at its top, not its bottom
                    if cell.alignment is not WRAP and not cell.alignment.wrap_text:
                        cell.alignment = TOP
    if continuing:
        return
    if above:
        _above(ws, above, len(shown))
    ws.freeze_panes = f"A{header + 1}"
    ws.auto_filter.ref = f"A{header}:{get_column_letter(len(shown))}{ws.max_row}"
    ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    # Printed, a table is one page wide (as many pages long as it needs), never split by column.
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _shown(value: object, column: Column) -> str:
    """Roughly what a cell shows: a formatted figure, not every place of the stored value."""
    if isinstance(value, float) and (column.exact or column.kind == "share"):
        return cell_text(value, column, "document")
    return str(value or "")


def _number_format(column: Column) -> str:
    places = "0." + "0" * column.decimals if column.decimals else "0"
    if column.kind == "percent":
        return places
    if column.kind == "share":
        return places + "%"
    if column.exact and column.decimals:
        return places
    return ""


def _above(ws, lines: tuple[str, ...], columns: int) -> None:
    """The title in large bold, then each sentence wrapped across the table's width."""
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    across = sum(ws.column_dimensions[get_column_letter(j)].width or 8 for j in range(1, columns + 1))
    for r, line in enumerate(lines[1:], 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(1, columns))
        ws.cell(row=r, column=1).alignment = WRAP
        ws.row_dimensions[r].height = LINE_POINTS * (_lines(clean(line), across) + 1)


def _lines(text: str, width: float) -> int:
    return sum(max(1, math.ceil(len(part) / (width - 1))) for part in text.split("\n"))


def _notes_sheet(wb: Workbook, doc: ReportDocument, tables: list[Table], taken: set[str]) -> None:
    """The report's notes, then bases, keys and filters under each table's caption, away from the data."""
    notes = [(t.caption, n) for t in tables for n in t.notes]
    if not notes and not doc.notes:
        return
    ws = wb.create_sheet(_sheet_title("Notes", taken))
    width = 140 if notes else 120  # across both columns when table notes follow
    for note in doc.notes:
        ws.append([clean(note)])
        ws.cell(row=ws.max_row, column=1).alignment = WRAP
        ws.row_dimensions[ws.max_row].height = LINE_POINTS * _lines(clean(note), width)
        if notes:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # printed one page wide, as the tables are
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if not notes:
        ws.column_dimensions["A"].width = width
        return
    if doc.notes:
        ws.append([])
    ws.append(["Table", "Note"])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for caption, note in notes:
        ws.append([clean(caption), clean(note)])
        ws.cell(row=ws.max_row, column=2).alignment = WRAP
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 100


def _chart_sheet(wb: Workbook, chart: BarChart, title: str) -> None:
    from openpyxl.drawing.image import Image

    from qualcode.reports.writers.charts import render

    ws = wb.create_sheet(title)
    ws["A1"] = clean(chart.title)
    ws["A1"].font = Font(bold=True)
    image = Image(io.BytesIO(render(chart, "png", dpi=110)))
    ws.add_image(image, "A3")


def _text_only(wb: Workbook) -> None:
    """Every cell openpyxl took for a formula becomes the text it came from (reports write no formulas)."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


@writer("xlsx")
def write_xlsx(doc: ReportDocument, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    tables = doc.tables_for("data")
    sheets: dict[str, object] = {}
    for table in tables:
        if table.sheet in sheets:
            _write_table(sheets[table.sheet], table, continuing=True)
            continue
        ws = sheets[table.sheet] = wb.create_sheet(_sheet_title(table.sheet, taken))
        first = len(sheets) == 1 and doc.title_on_sheet
        _write_table(ws, table, tuple(t for t in (doc.title, doc.subtitle) if t) if first else ())
    for k, chart in enumerate(doc.charts, 1):
        _chart_sheet(wb, chart, _sheet_title("Chart" if len(doc.charts) == 1 else f"Chart {k}", taken))
    _notes_sheet(wb, doc, tables, taken)
    if doc.warnings:
        ws = wb.create_sheet(_sheet_title("Warnings", taken))
        ws.append(["Warning"])
        ws["A1"].font = Font(bold=True)
        for w in doc.warnings:
            ws.append([clean(w)])
        ws.column_dimensions["A"].width = 120
    if not wb.sheetnames:
        wb.create_sheet("Report")
    _text_only(wb)
    wb.properties.title = doc.title
    wb.properties.creator = "qualcode"
    wb.save(str(path))
