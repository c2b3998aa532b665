"""Survey and code-sheet import into a project."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.surveys.code_sheets import import_code_sheet
from qualcode.core.surveys.importing import import_survey
from qualcode.io.base import ImportRefused


@pytest.fixture
def survey(project, tmp_path: Path):
    answers = tmp_path / "answers.csv"
    answers.write_text("id,group,q1\nR1,a,More pay\nR2,b,\nR3,a,Less admin and better pay\n", encoding="utf-8")
    report = import_survey(project, answers, "id", ["q1"], ["group"])
    assert report.questions == {"q1": (2, 1)}  # two answers, one blank (the base of prevalence)
    project.codes.create("Pay")
    return project, tmp_path


def test_a_mistyped_code_column_is_named_with_the_likely_code(survey) -> None:
    project, tmp = survey
    sheet = tmp / "sheet.csv"
    sheet.write_text("id,Pya,Admin\nR1,1,0\nR3,1,1\n", encoding="utf-8")
    report = import_code_sheet(project, sheet, "id", coder="Sam", question="q1", new_codes=True)
    assert report.codings == 3 and report.codes_created == 2
    assert any("‘Pya’" in w and "did you mean ‘Pay’" in w for w in report.warnings)
    assert report.summary().endswith("(2 new codes)")


def test_a_refused_survey_leaves_the_project_as_it_was(survey) -> None:
    project, tmp = survey
    before = project.queries.counts()
    bad = tmp / "bad.csv"
    bad.write_text("id,q2\nR1,x\nR1,y\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="bad.csv.*more than once"):
        import_survey(project, bad, "id", ["q2"])
    assert project.queries.counts() == before
