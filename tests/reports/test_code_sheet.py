"""The code sheet: the reference coding sheet comes back out, and goes back in."""

from __future__ import annotations

import csv
from pathlib import Path

from report_samples import SURVEY, reference_coding, sample

from qualcode.reports.code_sheet import code_sheet_document
from qualcode.reports.options import ReportOptions
from qualcode.reports.writers import write


def test_the_sheet_equals_the_reference_sheet(survey, tmp_path: Path) -> None:
    out = tmp_path / "sheet.csv"
    write(code_sheet_document(survey, ReportOptions(question="q1_retention")), out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        mine = list(csv.reader(f))
    with (SURVEY / "reference_coding_q1_retention.csv").open(encoding="utf-8", newline="") as f:
        reference = list(csv.reader(f))
    assert mine == reference


def test_it_round_trips_through_import_code_sheet(survey, tmp_path: Path) -> None:
    from qualcode.core.project import Project
    from qualcode.core.surveys.answers import answer_code_ids
    from qualcode.core.surveys.code_sheets import import_code_sheet

    for fmt in ("xlsx", "csv"):
        out = tmp_path / f"sheet.{fmt}"
        write(code_sheet_document(survey, ReportOptions(question="q2_support",
                                                        attributes=["role_group", "region", "years_in_post"])), out)
        fresh = Project.open(sample("survey-uncoded", tmp_path / f"fresh-{fmt}.qualcode"))
        try:
            report = import_code_sheet(fresh, out, id_column="respondent_id", coder="Researcher",
                                       question="q2_support")
            assert report.codes_created == 0

            def codings(project) -> set[tuple[str, str]]:
                paths = {c.id: "/".join(project.codes.path(c.id)) for c in project.codes.list()}
                docs = {d.id: project.documents.participant_label(d.id)
                        for d in project.documents.list() if d.question_id == 2}
                return {(docs[d], paths[c]) for d, cs in answer_code_ids(project, list(docs)).items() for c in cs}

            assert codings(fresh) == codings(survey)
            codes, rows = reference_coding("q2_support")
            assert len(codings(fresh)) == sum(r[c] == "1" for r in rows for c in codes)
        finally:
            fresh.close()
