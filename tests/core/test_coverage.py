"""Coverage — which coder coded which documents through — is explicit (issue #12, item 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reliability_projects import code_answers, survey_project

from qualcode.core.errors import NotFound
from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.reliability.coverage import (
    coded_documents,
    coverage_lines,
    find_documents,
    has_record,
    mark_coded,
    unmark_coded,
)

ANN = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay", "Caseload"], "R6": ["Supervision"]}
SAM = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay"]}


@pytest.fixture
def survey(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", ANN)
    code_answers(project, "Sam", SAM)
    yield project
    project.close()


def ids(project, *titles: str) -> list[int]:
    return [project.documents.by_title(t).id for t in titles]


def test_marking_one_more_answer_keeps_what_was_inferred(survey) -> None:
    assert not has_record(survey, "Sam") and len(coded_documents(survey, ["Sam"])["Sam"]) == 10
    unmark_coded(survey, "Sam", ids(survey, "R8", "R9", "R10"))
    assert has_record(survey, "Sam") and len(coded_documents(survey, ["Sam"])["Sam"]) == 7  # 10 − 3
    mark_coded(survey, "Sam", ids(survey, "R9"), keep_inferred=True)
    assert len(coded_documents(survey, ["Sam"])["Sam"]) == 8
    assert coverage_lines(survey, "Sam")[0].done == 8 and coverage_lines(survey, "Sam")[0].of == 10


def test_agreement_leaves_out_what_not_every_coder_coded_through_and_says_so(survey) -> None:
    unmark_coded(survey, "Sam", ids(survey, "R6", "R7", "R8", "R9", "R10"))
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam")))
    assert result.report.documents == 5
    assert "5 answers coded through by both coders (5 answers coded through by only one of them left out)" \
        in result.report.description
    # Used in R1–R5, by hand: Caseload (R1, R4) and Pay (R2, R4); Supervision only in R6 (Ann), which is no
    # longer compared, so it is pooled only with all codes: R1–R5 agree on it (all absent).
    assert [c.code for c in result.report.codes] == ["Caseload", "Pay"]
    every = compute_agreement(survey, AgreementRequest(("Ann", "Sam"), all_codes=True))
    supervision = next(c for c in every.report.codes if c.code == "Supervision")
    assert supervision.agreement == 1.0


def test_documents_are_named_by_title_or_question(survey) -> None:
    assert len(find_documents(survey, ["q1"])) == 10 and find_documents(survey, ["r3"]) == ids(survey, "R3")
    with pytest.raises(NotFound, match="no transcript, survey question or answer called ‘q9’"):
        find_documents(survey, ["q9"])
    with pytest.raises(NotFound, match="no coder called ‘Lee’"):
        coverage_lines(survey, "Lee")
