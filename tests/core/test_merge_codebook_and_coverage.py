"""Merge reports every codebook difference and records only what the second coder coded through (issue #12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reliability_projects import code_answers, survey_project

from qualcode.core.project import Project
from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.reliability.coverage import coded_documents, mark_coded
from qualcode.core.reliability.merge import merge_project
from qualcode.core.reliability.second_coder_copy import SampleSpec, prepare_copy
from qualcode.store.schema import QuestionRow

Q2 = {"R1": "More time.", "R2": "A pay rise.", "R3": "Less paperwork.", "R4": "Nothing else."}


@pytest.fixture
def survey(tmp_path: Path):
    """Ten answers to q1 and four to q2; Ann coded both questions."""
    project = survey_project(tmp_path / "survey.qualcode")
    with project.transaction() as s:
        q2 = QuestionRow(name="q2", text="Anything else?", position=2)
        s.add(q2)
        s.flush()
        for i, (rid, text) in enumerate(Q2.items(), 1):
            person = project.participants.ensure_in(s, rid, kind="respondent")
            project.documents.add_answer_in(s, q2.id, person.id, text, title=f"{rid} (q2)", source_name="s.csv",
                                            position=i)
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"], "R2 (q2)": ["Pay"]})
    yield project
    project.close()


def test_a_copy_coded_for_one_question_counts_only_that_question(survey, tmp_path: Path) -> None:
    path = tmp_path / "sam.qualcode"
    prepare_copy(survey, path, "Sam", SampleSpec(None, 1, None))  # every answer of both questions
    with Project.open(path) as copy:
        code_answers(copy, "Sam", {"R1": ["Caseload"], "R2": ["Pay"]})  # q1 only
    report = merge_project(survey, path)
    # Inferred in the copy: every answer to q1 (Sam coded some), none of q2 (Sam coded none).
    assert report.coded_through == 10 and report.not_coded_through == 4
    assert "inferred" in report.coded_through_how and "4 documents of the copy not coded through" in report.summary()
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam")))
    assert result.report.documents == 10  # q2 is not agreed absence: it is left out
    assert next(c for c in result.report.codes if c.code == "Pay").agreement == 1.0


def test_what_the_second_coder_marked_done_in_the_copy_is_what_counts(survey, tmp_path: Path) -> None:
    path = tmp_path / "sam.qualcode"
    prepare_copy(survey, path, "Sam", SampleSpec(None, 1, None))
    with Project.open(path) as copy:
        code_answers(copy, "Sam", {"R1": ["Caseload"]})
        mark_coded(copy, "Sam", [copy.documents.by_title(t).id for t in ("R1", "R2", "R3 (q2)")])
    report = merge_project(survey, path)
    assert report.coded_through == 3 and report.coded_through_how == "marked done in the copy"
    titles = {survey.documents.get(d).title for d in coded_documents(survey, ["Sam"])["Sam"]}
    assert titles == {"R1", "R2", "R3 (q2)"}


def test_every_codebook_difference_is_reported_and_nothing_is_absorbed(survey, tmp_path: Path) -> None:
    path = tmp_path / "sam.qualcode"
    prepare_copy(survey, path, "Sam", SampleSpec(None, 1, None))
    with Project.open(path) as copy:
        copy.set_coder("Sam")
        copy.codes.rename(copy.codes.find("Supervision").id, "Clinical supervision")
        copy.codes.move(copy.codes.find("Flexible working").id, copy.codes.find("Workload").id)
        copy.codes.delete(copy.codes.find("Staffing").id)
        pay = copy.codes.create("Pay", parent_id=copy.codes.find("Workload").id)  # a second "Pay"
        copy.coding.apply(copy.documents.by_title("R4").id, 0, 4, pay.id)
    ours_pay = survey.codes.find("Pay and careers/Pay")
    report = merge_project(survey, path)
    assert report.codes_renamed == ["Support/Supervision → Clinical supervision (the same code; our name kept)"]
    assert report.codes_moved == ["Support/Flexible working: they moved it from Support to Workload "
                                  "(our place kept)"]
    assert report.codes_deleted == ["Workload/Staffing (kept here)"]
    assert report.codes_added == ["Workload/Pay"]
    assert report.codes_kept_apart == ["Workload/Pay (theirs) and Pay and careers/Pay (ours)"]
    assert report.codes_matched["name"] == 0  # the new "Pay" was not matched to ours by name
    theirs = survey.codes.find("Workload/Pay")
    assert theirs.id != ours_pay.id and theirs.guid == pay.guid
    sams = [c for c in survey.coding.for_document(survey.documents.by_title("R4").id, ["Sam"])]
    assert [c.code_id for c in sams] == [theirs.id]  # their codings stay on their code
    summary = report.summary()
    for heading in ("Codes renamed (1):", "Codes moved (1):", "Codes deleted in the copy (1):",
                    "Codes with one of our names under another parent (kept apart) (1):"):
        assert heading in summary
    assert survey.codes.find("Support/Supervision") is not None  # our codebook is unchanged
