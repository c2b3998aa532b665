"""Excel: one sheet per table, flat, with frozen headers and filters.

Each table is written in its data reading — one value per column, group
columns repeated on every row — because that is what sorts, filters and
pivots.  Numbers stay numbers, ticks are 1/0, long text wraps in wide
columns.  A chart goes on its own sheet as a picture.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from qualcode.io.export import writer
from qualcode.reports.document import BarChart, Column, ReportDocument, Rich, Table, clean

HEADER_FILL = PatternFill("solid", fgColor="D9E2F3")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
WIDTH_PER_UNIT = 18  # characters per unit of relative column width
MAX_WIDTH = 80


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
        return round(value, column.decimals)
    return value


def _write_table(ws, table: Table) -> None:  # noqa: ANN001 - openpyxl Worksheet
    shown = table.columns_for("data")
    ws.append([table.columns[i].header for i in shown])
    for row in table.rows:
        ws.append([_value(row.value(i, "data"), table.columns[i]) for i in shown])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = WRAP
    for j, i in enumerate(shown, 1):
        column = table.columns[i]
        letter = get_column_letter(j)
        wide = column.kind == "text" and column.width >= 1.5
        ws.column_dimensions[letter].width = min(MAX_WIDTH, max(10, int(column.width * WIDTH_PER_UNIT),
                                                              len(column.header) + 2))
        if column.kind == "percent":
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = "0." + "0" * column.decimals if column.decimals else "0"
        if wide:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(shown))}{ws.max_row}"
    ws.print_title_rows = "1:1"
    if table.notes:
        # Bases and keys go beside the data, never inside the filtered range.
        note_col = len(shown) + 2
        for k, note in enumerate(table.notes, 1):
            ws.cell(row=k, column=note_col, value=clean(note)).font = Font(italic=True, color="555555")


def _chart_sheet(wb: Workbook, chart: BarChart, title: str) -> None:
    from openpyxl.drawing.image import Image

    from qualcode.io.export.charts import render

    ws = wb.create_sheet(title)
    ws["A1"] = clean(chart.title)
    ws["A1"].font = Font(bold=True)
    image = Image(io.BytesIO(render(chart, "png", dpi=110)))
    ws.add_image(image, "A3")


@writer("xlsx")
def write_xlsx(doc: ReportDocument, path: Path) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    for table in doc.tables_for("data"):
        _write_table(wb.create_sheet(_sheet_title(table.sheet, taken)), table)
    for k, chart in enumerate(doc.charts, 1):
        _chart_sheet(wb, chart, _sheet_title("Chart" if len(doc.charts) == 1 else f"Chart {k}", taken))
    if doc.warnings:
        ws = wb.create_sheet(_sheet_title("Warnings", taken))
        ws.append(["Warning"])
        ws["A1"].font = Font(bold=True)
        for w in doc.warnings:
            ws.append([clean(w)])
        ws.column_dimensions["A"].width = 120
    if not wb.sheetnames:
        wb.create_sheet("Report")
    wb.properties.title = doc.title
    wb.properties.creator = "qualcode"
    wb.save(str(path))
