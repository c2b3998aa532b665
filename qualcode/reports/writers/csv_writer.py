"""CSV: the report's main table, flat, one value per column.

UTF-8 with a byte-order mark, because that is what makes Excel show curly
quotes, dashes and accents correctly when the file is double-clicked (and
every CSV reader, Python's included, accepts it) — unless the report is
meant for statistics software (``csv_bom``).  Ticks are 1/0, numbers are
plain numbers, so the file sorts and sums.  Text that a spreadsheet would
run as a formula (beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return, and not a number) gets a leading ``'``, as OWASP
recommends (:mod:`qualcode.io.csv_cells`).
"""

from __future__ import annotations

import csv
from pathlib import Path

from qualcode.io.csv_cells import neutralise
from qualcode.reports.document import ReportDocument, Table, cell_text, clean
from qualcode.reports.writers import ExportError, writer


def table_rows(table: Table) -> list[list[str]]:
    """The header and rows of ``table`` in its data reading."""
    shown = table.columns_for("data")
    out = [[neutralise(table.columns[i].csv_header or table.columns[i].header) for i in shown]]
    for row in table.rows:
        out.append([neutralise(clean(cell_text(row.value(i, "data"), table.columns[i], "data"))) for i in shown])
    return out


@writer("csv")
def write_csv(doc: ReportDocument, path: Path) -> None:
    if not doc.tables_for("data"):
        raise ExportError(f"{path.name}: this report has no table to write as CSV")
    with path.open("w", encoding="utf-8-sig" if doc.csv_bom else "utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(table_rows(doc.tables_for("data")[0]))
