"""Excel workbooks (.xlsx) via openpyxl in read-only mode.

Read-only mode streams rows, so a 50,000-respondent export does not build
a full cell model.  ``data_only`` gives the values Excel last calculated,
not the formulas.  Numbers, dates and booleans become the text a
researcher sees in the cell, typed again later by column.

The dimension record at the top of a sheet (``A1:B3``) is written by the
program that saved it and is often stale; read-only mode would trust it and
stop early, so it is reset and every row in the file is read.  A cap on the
cells read keeps a sheet that claims a million empty rows from running for
minutes.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.grid import Cell, Grid, clean_cell, no_such, trim_row
from qualcode.io.readers.office import damaged_message, open_package

_KIND, _APP = "Excel workbook", "Excel"
#: The most cells (rows × columns as stored) read from one sheet.
MAX_CELLS = 20_000_000


def read_xlsx_grid(path: Path, data: bytes, sheet: str | None = None) -> Grid:
    """The rows of one sheet (the first unless ``sheet`` names another)."""
    import openpyxl

    open_package(path, data, _KIND, _APP, "Excel (.xls)").close()
    try:
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except ImportRefused:
        raise
    except Exception:  # openpyxl raises many kinds for a broken package
        raise ImportRefused(path, damaged_message(_KIND, _APP)) from None
    try:
        names = workbook.sheetnames
        warnings = []
        if sheet is None:
            if not workbook.worksheets:
                raise ImportRefused(path, "the workbook has no worksheets")
            worksheet = workbook.worksheets[0]
            if len(names) > 1:
                warnings.append(f"the workbook has {len(names)} sheets; read the first, '{worksheet.title}'")
        elif sheet in names:
            worksheet = workbook[sheet]
        else:
            raise ImportRefused(path, no_such("sheet", sheet, names))
        worksheet.reset_dimensions()  # read every row, whatever the stale dimension record says
        rows, lines = [], []
        cells = 0
        for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
            cells += len(values) or 1  # an empty row costs time too
            if cells > MAX_CELLS:
                raise ImportRefused(
                    path, f"the sheet '{worksheet.title}' holds more than {MAX_CELLS:,} cells (row {number}); "
                    "qualcode reads sheets up to that size — delete the empty rows and columns or split it",
                )
            row = trim_row([cell_text(v) for v in values])
            if row:
                rows.append(row)
                lines.append(number)
        return Grid(rows, lines, sheet=worksheet.title, warnings=warnings, ragged_allowed=True)
    finally:
        workbook.close()


def cell_text(value: object) -> Cell:
    """A cell value as the text shown in Excel: 3 not 3.0, dates as ISO."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return clean_cell(str(value))
