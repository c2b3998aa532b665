"""Generic report features the reliability table needs: shares, exact statistics, stacked tables, notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from qualcode.reports.document import DATA, Column, ReportDocument, Row, Table, cell_text
from qualcode.reports.writers import write

SHARE = Column("Agreement", kind="share", decimals=1, csv_header="percent_agreement")
KAPPA = Column("Kappa", kind="number", decimals=2, exact=True, csv_decimals=3, csv_header="kappa")


def _doc() -> ReportDocument:
    doc = ReportDocument("Title", subtitle="The sentence to quote.", notes=["How to read it."],
                         title_on_sheet=True, csv_bom=False)
    doc.blocks.append(Table("Main", [Column("Code"), SHARE, KAPPA], [Row(("A", 0.9, 0.6153846))], sheet="S"))
    doc.blocks.append(Table("Below", [Column("Code"), SHARE, KAPPA], [Row(("B", 1.0, 1.0))], sheet="S",
                            show_in=DATA))
    return doc


def test_a_share_reads_as_a_percentage_and_a_statistic_rounds_in_csv_only() -> None:
    assert cell_text(0.9, SHARE, "document") == "90.0%" and cell_text(0.9, SHARE, "data") == "90.0"
    assert cell_text(0.6153846, KAPPA, "document") == "0.62" and cell_text(0.6153846, KAPPA, "data") == "0.615"


def test_excel_stacks_tables_of_one_sheet_under_the_title_and_keeps_figures_whole(tmp_path: Path) -> None:
    write(_doc(), tmp_path / "r.xlsx")
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["S", "Notes"]
    rows = list(book["S"].iter_rows(values_only=True))
    assert rows[0][0] == "Title" and rows[1][0] == "The sentence to quote."
    assert rows[3] == ("Code", "Agreement", "Kappa") and rows[4] == ("A", 0.9, pytest.approx(0.6153846))
    assert book["S"]["B5"].number_format == "0.0%" and book["S"]["C5"].number_format == "0.00"
    assert rows[6][0] == "Below" and rows[8] == ("B", 1.0, 1.0)
    assert book["Notes"]["A1"].value == "How to read it."


def test_csv_takes_its_own_column_names_and_no_bom_when_asked(tmp_path: Path) -> None:
    write(_doc(), tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_bytes().startswith(b"Code,percent_agreement,kappa\r\nA,90.0,0.615")
