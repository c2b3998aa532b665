"""Import plans run without Qt: every file gets a result, chosen attribute types stick."""

from __future__ import annotations

from pathlib import Path

from qualcode.core.import_plans import (
    AttributesPlan,
    CodebookPlan,
    SurveyPlan,
    allowed_attribute_types,
    respondents_with_answers,
    run_plans,
    sheet_names,
    split_by_kind,
)

SURVEY = Path(__file__).resolve().parents[2] / "sample_projects" / "survey"


def test_files_are_sorted_by_what_they_hold() -> None:
    assert split_by_kind(["a.txt", "b.CSV", "c.xlsx", "d.docx", "e.json", "f.pages"]) == (
        ["a.txt", "d.docx", "f.pages"], ["b.CSV", "c.xlsx"], ["e.json"])


def test_a_text_column_cannot_become_a_number() -> None:
    assert allowed_attribute_types("number") == ("number", "category", "text")
    assert allowed_attribute_types("text") == ("text", "category")


def test_survey_attributes_and_codebook_in_one_batch(project, tmp_path: Path) -> None:
    roles = tmp_path / "roles.csv"
    roles.write_text("respondent_id,band\nR001,5\nR002,6\n", encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    results = run_plans(project, [
        CodebookPlan(str(SURVEY / "codebook.json")),
        SurveyPlan(str(SURVEY / "responses.csv"), "respondent_id", ("q1_retention",), ("years_in_post",),
                   {"years_in_post": "category"}),
        AttributesPlan(str(roles), "respondent_id", {"band": "category"}),
        CodebookPlan(str(broken)),
    ])
    assert [r.imported for r in results] == [True, True, True, False]
    assert results[3].message.startswith("broken.json: ")
    types = project.participants.attribute_types()
    assert types == {"years_in_post": "category", "band": "category"}
    assert project.participants.get("R002").attributes["band"] == "6"
    assert len(respondents_with_answers(project, "q1_retention")) == 276
    assert sheet_names(roles) == []
