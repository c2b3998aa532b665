"""Agreement from a project: units built from the database, checked against hand-worked figures."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from test_reliability_projects import TRANSCRIPT, code_answers, span, survey_project, transcript_project

from qualcode.core.reliability.agreement import build_reliability_data, compute_agreement, consensus_agreement
from qualcode.core.reliability.blind import is_blind, set_blind, visible_coders
from qualcode.core.reliability.comparison import AgreementRequest, ReliabilityError, default_codes
from qualcode.core.reliability.coverage import coded_documents, has_record, mark_coded

ANN = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay", "Caseload"], "R6": ["Supervision"]}
SAM = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay"], "R6": ["Supervision"], "R7": ["Supervision"]}


@pytest.fixture
def survey(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", ANN)
    code_answers(project, "Sam", SAM)
    yield project
    project.close()


def row(result, code: str):
    return next(r for r in result.report.codes if r.code == code)


def test_answer_units_match_the_hand_worked_table(survey) -> None:
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam")))
    assert result.request.unit == "answer"  # chosen: every document compared is an answer
    assert result.report.units == 10 and result.report.documents == 10
    # Caseload: Ann R1 R4, Sam R1 → 9 of 10 agree; p_e = .2·.1 + .8·.9 = .74 → kappa = (.9 − .74)/.26.
    caseload = row(result, "Caseload")
    assert caseload.units == 10 and caseload.agreement == pytest.approx(0.9)
    assert caseload.kappa == pytest.approx(0.16 / 0.26)
    # alpha = 1 − (n − 1)·o01 / (n0·n1) with n = 20 values, 17 zeros, 3 ones, one split unit.
    assert caseload.alpha == pytest.approx(1 - 19 / 51)
    assert row(result, "Pay").kappa == pytest.approx(1.0)
    assert row(result, "Supervision").agreement == pytest.approx(0.9)
    # By default only codes someone applied are compared, in codebook order.
    assert [r.code for r in result.report.codes] == ["Caseload", "Pay", "Supervision"]


def test_codes_nobody_applied_are_compared_only_when_chosen(survey) -> None:
    every = tuple(c.id for c in survey.codes.list())
    assert default_codes(survey) == {survey.codes.find(n).id for n in ("Caseload", "Pay", "Supervision")}
    assert survey.codes.find("Workload").id in default_codes(survey, roll_up=True)  # through Caseload
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam"), code_ids=every))
    staffing = row(result, "Staffing")  # nobody used it: agreed absences, no variation
    assert staffing.agreement == 1.0 and staffing.kappa is None and staffing.reading.startswith("not computable")
    assert [r.code for r in result.report.codes][:3] == ["Workload", "Caseload", "Staffing"]  # codebook order
    # Nine codes of agreed absences would inflate pooled agreement; three do not.
    assert result.report.overall_pooled.agreement > compute_agreement(
        survey, AgreementRequest(("Ann", "Sam"))).report.overall_pooled.agreement


def test_the_json_shape_is_the_documented_one(survey) -> None:
    data = compute_agreement(survey, AgreementRequest(("Ann", "Sam"))).report.to_json()
    assert data["unit"] == "answer" and data["coders"] == ["Ann", "Sam"]
    assert set(data["codes"][0]) == {"code", "units", "agreement", "kappa", "alpha"}
    assert {"pooled", "mean", "weighted_mean"} <= set(data["overall"])


def test_only_documents_both_coded_count_and_the_sentence_states_the_sample(survey) -> None:
    assert not has_record(survey, "Sam")
    assert len(coded_documents(survey, ["Sam"])["Sam"]) == 10  # coded one answer → the whole question
    mark_coded(survey, "Sam", [survey.documents.by_title(t).id for t in ("R1", "R2", "R3", "R4", "R5")])
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam")))
    assert result.report.documents == 5 and result.of_documents == 10
    # Codes used in R1–R5 by hand: Ann Caseload (R1, R4) and Pay (R2, R4), Sam Caseload (R1) and Pay
    # (R2, R4); Supervision only in R6 and R7, which are no longer compared → 2 codes pooled by default.
    assert [r.code for r in result.report.codes] == ["Caseload", "Pay"]
    assert "the 2 codes either coder applied in the compared material" in result.methods
    every = compute_agreement(survey, AgreementRequest(("Ann", "Sam"), all_codes=True))
    assert row(every, "Supervision").agreement == 1.0  # R6 and R7 are no longer compared
    assert row(result, "Caseload").agreement == pytest.approx(0.8)
    assert "on 5 of 10 survey answers (50%)" in result.methods
    assert "Ann and Sam" in result.methods and "Cohen's kappa" in result.methods


def test_codes_can_be_chosen_and_sub_codes_rolled_up(survey) -> None:
    workload = survey.codes.find("Workload").id
    flat = compute_agreement(survey, AgreementRequest(("Ann", "Sam"), code_ids=(workload,)))
    assert [r.code for r in flat.report.codes] == ["Workload"]
    assert row(flat, "Workload").kappa is None  # nobody applied the theme itself
    rolled = compute_agreement(survey, AgreementRequest(("Ann", "Sam"), code_ids=(workload,), roll_up=True))
    assert row(rolled, "Workload").agreement == pytest.approx(0.9)  # Caseload's codings count for Workload
    assert {c.code_id for c in rolled.codings} == {survey.codes.find("Caseload").id}


def test_refusals_are_worded_for_the_researcher(survey) -> None:
    with pytest.raises(ReliabilityError, match="at least two different coders"):
        compute_agreement(survey, AgreementRequest(("Ann",)))
    with pytest.raises(ReliabilityError, match="no coder called ‘Zoe’"):
        compute_agreement(survey, AgreementRequest(("Ann", "Zoe")))
    with pytest.raises(ReliabilityError, match="unit must be one of"):
        compute_agreement(survey, AgreementRequest(("Ann", "Sam"), unit="paragraph"))
    survey.set_coder("Kim")
    with pytest.raises(ReliabilityError, match="Kim has not coded"):
        compute_agreement(survey, AgreementRequest(("Ann", "Kim")))


def test_three_coders_give_lights_kappa_and_alpha_with_missing_data(survey) -> None:
    code_answers(survey, "Lee", {"R1": ["Caseload"], "R4": ["Pay", "Caseload"]})
    mark_coded(survey, "Lee", [survey.documents.by_title(t).id for t in ("R1", "R2", "R3", "R4")])
    shared = compute_agreement(survey, AgreementRequest(("Ann", "Sam", "Lee")))
    assert shared.report.documents == 4 and "Light's kappa" in shared.report.kappa_name
    every = compute_agreement(survey, AgreementRequest(("Ann", "Sam", "Lee"), shared_only=False))
    assert every.report.documents == 10  # Lee is missing on six answers; alpha allows it


@pytest.fixture
def interview(tmp_path: Path):
    project, doc = transcript_project(tmp_path / "interview.qualcode")
    production, held = project.codes.find("Production line").id, project.codes.find("Being held").id
    for coder, spans in (("Ann", [(production, "production line. You see one person,\nyou write it up"),
                                  (held, "Supervision with Helen. She holds it all for me."),
                                  (held, "What helps?")]),
                         ("Sam", [(production, "production line"), (held, "She holds it all for me.")])):
        for code, words in spans:
            project.coding.apply(doc, *span(TRANSCRIPT, words), code, coder=coder)
    yield project, doc
    project.close()


def presence(data, code: str) -> list[list[float]]:
    return data.presence[data.codes.index(code)].tolist()


def test_line_units_follow_the_fixed_lines(interview) -> None:
    project, _ = interview
    data = build_reliability_data(project, AgreementRequest(("Ann", "Sam")))
    assert data.unit == "line" and data.units == 5
    assert presence(data, "Production line") == [[0, 0], [1, 1], [1, 0], [0, 0], [0, 0]]
    assert presence(data, "Being held") == [[0, 0], [0, 0], [0, 0], [1, 0], [1, 1]]
    result = compute_agreement(project, AgreementRequest(("Ann", "Sam")))
    assert row(result, "Production line").agreement == pytest.approx(0.8)


def test_interviewer_turns_are_left_out_on_request(interview) -> None:
    project, _ = interview
    data = build_reliability_data(project, AgreementRequest(("Ann", "Sam"), exclude_interviewer=True))
    assert data.units == 3  # lines 1 and 4 are the interviewer's, blank ends included
    assert presence(data, "Being held") == [[0, 0], [0, 0], [1, 1]]  # Ann's coding of a question is gone
    assert "excluded spans" in data.description
    result = compute_agreement(project, AgreementRequest(("Ann", "Sam"), exclude_interviewer=True, roll_up=True))
    assert result.methods.endswith("percent agreement was 83.3%. Interviewer turns were excluded. "
                                   "Codings of sub-codes counted towards the codes above them.")


def test_sentence_units_come_from_the_sentencizer(interview) -> None:
    project, _ = interview
    data = build_reliability_data(project, AgreementRequest(("Ann", "Sam"), unit="sentence"))
    assert data.units == 6  # the final newline joins the last sentence
    assert presence(data, "Production line") == [[0, 0], [1, 1], [1, 0], [0, 0], [0, 0], [0, 0]]
    assert presence(data, "Being held") == [[0, 0], [0, 0], [0, 0], [1, 0], [1, 0], [1, 1]]


def test_character_units_weigh_runs_of_characters(interview) -> None:
    project, _ = interview
    result = compute_agreement(project, AgreementRequest(("Ann", "Sam"), unit="character"))
    assert result.report.units == len(TRANSCRIPT)
    ann = len("production line. You see one person,\nyou write it up")
    sam = len("production line")
    assert row(result, "Production line").agreement == pytest.approx(1 - (ann - sam) / len(TRANSCRIPT))


def test_overlap_units_match_segments_by_share(interview) -> None:
    project, _ = interview
    strict = build_reliability_data(project, AgreementRequest(("Ann", "Sam"), unit="overlap", share=0.9))
    assert sorted(presence(strict, "Production line")) == [[0, 1], [1, 0]]  # 15 of 52 characters: no match
    loose = build_reliability_data(project, AgreementRequest(("Ann", "Sam"), unit="overlap", share=0.25))
    assert presence(loose, "Production line") == [[1, 1]]


def test_consensus_agreement_is_each_coder_against_the_consensus(survey) -> None:
    code_answers(survey, "consensus", ANN)
    mark_coded(survey, "consensus", [d.id for d in survey.documents.list()])
    figures = {c.coder: c for c in consensus_agreement(survey, AgreementRequest(("Ann", "Sam")), "consensus")}
    assert figures["Ann"].agreement == 1.0 and figures["Ann"].alpha == pytest.approx(1.0)
    assert figures["Sam"].agreement < 1.0


def test_blind_coding_shows_only_the_current_coder(survey) -> None:
    assert visible_coders(survey) is None and visible_coders(survey, ["Ann", "Sam"]) == ["Ann", "Sam"]
    seen: list[str] = []
    survey.events.subscribe(lambda e: seen.append(e.kind))
    survey.set_coder("Sam")
    set_blind(survey, True)
    assert is_blind(survey) and seen == ["codings"]  # views refresh
    assert visible_coders(survey, ["Ann"]) == ["Sam"]  # a filter cannot reveal another coder
    extracts = survey.queries.codings_of_document(survey.documents.by_title("R4").id, visible_coders(survey))
    assert {e.coder for e in extracts} == {"Sam"}
    set_blind(survey, False)
    assert visible_coders(survey) is None
    assert [e.action for e in survey.queries.audit_log()][-2:] == ["blind coding on", "blind coding off"]


def test_building_units_stays_numeric(survey) -> None:
    data = build_reliability_data(survey, AgreementRequest(("Ann", "Sam")))
    assert all(np.isin(p[~np.isnan(p)], (0, 1)).all() for p in data.presence)
