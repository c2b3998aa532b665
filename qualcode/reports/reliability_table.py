"""The reliability table for a methods section, as Word, Excel or CSV.

One table — code, units, percent agreement, kappa, alpha, and a reading in
plain words — with the overall figures below it, the methods-section
sentence above it, and notes that state the unit and the statistics.  A
figure that cannot be computed is shown as a dash with the reason, never as
a zero.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from qualcode.analysis.agreement import GOOD, TENTATIVE, AgreementReport
from qualcode.core.errors import InvalidValue
from qualcode.core.reliability.agreement import AgreementResult, ConsensusAgreement

FORMATS = (".docx", ".xlsx", ".csv")
HEADERS = ("Code", "Units", "Agreement", "Kappa", "Alpha", "Reading")


@dataclass(frozen=True)
class TableRow:
    code: str
    units: int
    agreement: float | None
    kappa: float | None
    alpha: float | None
    reading: str
    overall: bool = False


def table_rows(report: AgreementReport) -> list[TableRow]:
    """Per-code rows in codebook order, then the three overall figures."""
    rows = [TableRow(c.code, c.units, c.agreement, c.kappa, c.alpha, c.reading) for c in report.codes]
    for name, o in (("Overall (pooled)", report.overall_pooled),
                    ("Overall (mean over codes)", report.overall_mean),
                    ("Overall (mean weighted by prevalence)", report.overall_weighted)):
        rows.append(TableRow(name, o.units, o.agreement, o.kappa, o.alpha, o.reading, overall=True))
    return rows


def notes(result: AgreementResult) -> list[str]:
    """What a reader must know to read the table, in plain words."""
    report = result.report
    out = [report.description,
           f"Agreement is the share of units on which two coders gave the same value (present or absent); "
           f"kappa is {report.kappa_name}; alpha is Krippendorff's alpha (nominal), which allows missing data.",
           f"Reading of kappa and alpha: {GOOD:.2f} or above good, {TENTATIVE:.3f} to {GOOD:.2f} tentative, "
           f"below that weak.",
           "Units for a code count those coded by at least two coders; overall units count unit × code decisions."]
    if result.request.roll_up:
        out.append("A coding of a sub-code counts as a coding of every code above it in the table.")
    if result.request.exclude_interviewer:
        out.append("Interviewer turns were left out.")
    if any(c.alpha is None for c in report.codes):
        out.append("— marks a figure that could not be computed; the reading says why.")
    return out


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent else f"{value:.2f}"


def write_csv(result: AgreementResult, path: Path) -> None:
    """One row per code and overall figure; agreement in percent, kappa and alpha to three places."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "units", "percent_agreement", "kappa", "alpha", "reading"])
        for r in table_rows(result.report):
            w.writerow([r.code, r.units, "" if r.agreement is None else round(100 * r.agreement, 1),
                        "" if r.kappa is None else round(r.kappa, 3),
                        "" if r.alpha is None else round(r.alpha, 3), r.reading])


def write_xlsx(result: AgreementResult, path: Path, consensus: Sequence[ConsensusAgreement] = ()) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Reliability"
    sheet.append([title(result)])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([result.methods])
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    sheet.row_dimensions[2].height = 75
    sheet.append([])
    sheet.append(list(HEADERS))
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for r in table_rows(result.report):
        sheet.append([r.code, r.units, r.agreement, r.kappa, r.alpha, r.reading])
        row = sheet[sheet.max_row]
        row[2].number_format = "0.0%"
        row[3].number_format = row[4].number_format = "0.00"
        if r.overall:
            for cell in row:
                cell.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    for column, width in zip("ABCDEF", (42, 9, 11, 9, 9, 34)):
        sheet.column_dimensions[column].width = width
    if consensus:
        sheet.append([])
        sheet.append(["Each coder against the consensus (pooled)"])
        sheet[sheet.max_row][0].font = Font(bold=True)
        for c in consensus:
            sheet.append([c.coder, c.units, c.agreement, c.kappa, c.alpha])
            row = sheet[sheet.max_row]
            row[2].number_format = "0.0%"
            row[3].number_format = row[4].number_format = "0.00"
    about = book.create_sheet("Notes")
    for line in notes(result):
        about.append([line])
    about.column_dimensions["A"].width = 120
    book.save(path)


def write_docx(result: AgreementResult, path: Path, consensus: Sequence[ConsensusAgreement] = ()) -> None:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.add_heading(title(result), level=1)
    doc.add_paragraph(result.methods)
    table = doc.add_table(rows=1, cols=len(HEADERS))
    table.style = "Light List Accent 1"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, HEADERS):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.font.size = Pt(9.5)
    for r in table_rows(result.report):
        cells = table.add_row().cells
        values = (r.code, f"{r.units:,}", _number(r.agreement, True), _number(r.kappa), _number(r.alpha), r.reading)
        for i, (cell, text) in enumerate(zip(cells, values)):
            cell.text = text
            paragraph = cell.paragraphs[0]
            if 1 <= i <= 4:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in paragraph.runs:
                run.font.size = Pt(9.5)
                run.bold = r.overall or None
    for i, cell in enumerate(table.rows[0].cells):
        if 1 <= i <= 4:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _fit_columns(table, (2.05, 0.6, 1.1, 0.7, 0.7, 1.35))
    if consensus:
        doc.add_heading("Each coder against the consensus", level=2)
        for c in consensus:
            doc.add_paragraph(f"{c.coder}: agreement {_number(c.agreement, True)}, kappa {_number(c.kappa)}, "
                              f"alpha {_number(c.alpha)} over {c.units:,} unit × code decisions.",
                              style="List Bullet")
    doc.add_heading("Notes", level=2)
    for line in notes(result):
        paragraph = doc.add_paragraph(line)
        for run in paragraph.runs:
            run.font.size = Pt(9)
    doc.save(path)


def _fit_columns(table, inches: Sequence[float]) -> None:
    """Fixed column widths (Word ignores widths unless every cell has one) and no bold first column."""
    from docx.oxml.ns import qn
    from docx.shared import Inches

    table.autofit = False
    for column, width in zip(table.columns, inches):
        column.width = Inches(width)
    for row in table.rows:
        for cell, width in zip(row.cells, inches):
            cell.width = Inches(width)
    look = table._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:  # header row only: 0x0020, no vertical banding 0x0400
        look.set(qn("w:val"), "0420")
        look.set(qn("w:firstColumn"), "0")


def title(result: AgreementResult) -> str:
    coders = result.report.coders
    names = coders[0] if len(coders) == 1 else ", ".join(coders[:-1]) + " and " + coders[-1]
    return f"Agreement between coders {names} ({result.report.kind.units})"


def write_report(result: AgreementResult, path: str | Path,
                 consensus: Sequence[ConsensusAgreement] = ()) -> Path:
    """Write the reliability table in the format the suffix names (.docx, .xlsx or .csv)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".docx":
        write_docx(result, path, consensus)
    elif suffix == ".xlsx":
        write_xlsx(result, path, consensus)
    elif suffix == ".csv":
        write_csv(result, path)
    else:
        raise InvalidValue(f"{path.name}: choose a .docx, .xlsx or .csv file for the reliability table")
    return path
