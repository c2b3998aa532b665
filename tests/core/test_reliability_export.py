"""The reliability table as Word, Excel and CSV, opened again with their own libraries."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook
from test_reliability_projects import code_answers, survey_project

from qualcode.core.reliability.agreement import compute_agreement, consensus_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.reports.reliability_table import write_report


@pytest.fixture
def result(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R4": ["Pay", "Caseload"], "R6": ["Supervision"]})
    code_answers(project, "Sam", {"R1": ["Caseload"], "R4": ["Pay"], "R6": ["Supervision"]})
    code_answers(project, "consensus", {"R1": ["Caseload"], "R4": ["Pay", "Caseload"], "R6": ["Supervision"]})
    request = AgreementRequest(("Ann", "Sam"), code_ids=tuple(c.id for c in project.codes.list()))
    yield compute_agreement(project, request), consensus_agreement(project, request, "consensus")
    project.close()


def test_csv_has_one_row_per_code_then_the_overall_figures(result, tmp_path: Path) -> None:
    path = write_report(result[0], tmp_path / "table.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert list(rows[0]) == ["code", "units", "percent_agreement", "kappa", "alpha", "reading"]
    caseload = next(r for r in rows if r["code"] == "Caseload")
    assert caseload == {"code": "Caseload", "units": "10", "percent_agreement": "90.0", "kappa": "0.615",
                        "alpha": "0.627", "reading": "weak"}
    staffing = next(r for r in rows if r["code"] == "Staffing")
    assert staffing["kappa"] == "" and staffing["reading"] == "not computable: no variation"
    assert [r["code"] for r in rows[-3:]] == ["Overall (pooled)", "Overall (mean over codes)",
                                             "Overall (mean weighted by prevalence)"]


def test_word_has_the_sentence_the_table_and_the_notes(result, tmp_path: Path) -> None:
    path = write_report(result[0], tmp_path / "table.docx", result[1])
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Agreement between coders Ann and Sam was assessed on 10 survey answers" in text
    assert "Each survey answer is a unit" in text and "0.80 or above good" in text
    assert "Ann: agreement 100.0%" in text
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Code", "Units", "Agreement", "Kappa", "Alpha", "Reading"]
    caseload = next(r for r in table.rows if r.cells[0].text == "Caseload")
    assert [c.text for c in caseload.cells] == ["Caseload", "10", "90.0%", "0.62", "0.63", "weak"]
    staffing = next(r for r in table.rows if r.cells[0].text == "Staffing")
    assert staffing.cells[3].text == "—" and "no variation" in staffing.cells[5].text


def test_excel_keeps_numbers_as_numbers(result, tmp_path: Path) -> None:
    path = write_report(result[0], tmp_path / "table.xlsx", result[1])
    book = load_workbook(path)
    sheet = book["Reliability"]
    assert sheet["A2"].value.startswith("Agreement between coders Ann and Sam")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=5, values_only=True) if r[0]}
    assert rows["Caseload"][1:5] == (10, pytest.approx(0.9), pytest.approx(0.16 / 0.26), pytest.approx(1 - 19 / 51))
    assert rows["Staffing"][3] is None
    assert rows["Ann"][2] == 1.0
    assert "Each survey answer is a unit" in book["Notes"]["A1"].value


def test_other_suffixes_are_refused(result, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="choose a .docx, .xlsx or .csv"):
        write_report(result[0], tmp_path / "table.pdf")
