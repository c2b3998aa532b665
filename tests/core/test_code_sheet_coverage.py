"""A code-sheet import records what the coder coded through: every answer the sheet has a row for (issue #12, item 1)."""

from __future__ import annotations

from pathlib import Path

from test_reliability_projects import code_answers, survey_project

from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.reliability.coverage import coded_documents
from qualcode.core.surveys.code_sheets import import_code_sheet


def test_a_row_of_zeros_is_an_answer_read_and_left_uncoded(tmp_path: Path) -> None:
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"]})
    sheet = tmp_path / "sam.csv"
    # Six rows: R1 and R2 coded, R3–R6 read and left uncoded; R7–R10 not in the sheet.
    sheet.write_text("id,Caseload,Pay\nR1,1,0\nR2,0,1\nR3,0,0\nR4,0,0\nR5,0,0\nR6,0,0\n", encoding="utf-8")
    report = import_code_sheet(project, sheet, "id", "Sam", question="q1")
    assert report.codings == 2 and report.coded_through == 6
    titles = {project.documents.get(d).title for d in coded_documents(project, ["Sam"])["Sam"]}
    assert titles == {"R1", "R2", "R3", "R4", "R5", "R6"}
    result = compute_agreement(project, AgreementRequest(("Ann", "Sam")))
    # Six answers compared (not the two Sam coded, nor all ten): both coded R1 Caseload and R2 Pay alike.
    assert result.report.documents == 6
    assert all(c.agreement == 1.0 for c in result.report.codes)
    project.close()
