"""Excel workbooks (.xlsx) via openpyxl in read-only mode.

Read-only mode streams rows, so a 50,000-respondent export does not build
a full cell model.  ``data_only`` gives the values Excel last calculated,
not the formulas.  Numbers, dates and booleans become the text a
researcher sees in the cell, typed again later by column.
"""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from pathlib import Path

from qualcode.io.base import ImportRefused
from qualcode.io.readers.grid import Cell, Grid, clean_cell, no_such, trim_row
from qualcode.io.readers.office import damaged_message, open_package

_KIND, _APP = "Excel workbook", "Excel"


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
        rows, lines = [], []
        for number, values in enumerate(worksheet.iter_rows(min_row=1, values_only=True), start=1):
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
