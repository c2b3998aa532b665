"""Walking through disagreements and recording a consensus, with agreement recomputed as we go."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_reliability_projects import TRANSCRIPT, code_answers, span, survey_project, transcript_project

from qualcode.core.coding.commands import UndoStack
from qualcode.core.reliability.agreement import compute_agreement, consensus_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.reliability.consensus import ResolveCommand, resolve, start_consensus, undo_decision
from qualcode.core.reliability.review import decisions, list_disagreements, unit_context

ANN = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay", "Caseload"], "R6": ["Supervision"]}
SAM = {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay"], "R6": ["Supervision"], "R7": ["Supervision"]}
PAIR = AgreementRequest(("Ann", "Sam"))


@pytest.fixture
def survey(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", ANN)
    code_answers(project, "Sam", SAM)
    yield project
    project.close()


def consensus_codings(project) -> list[tuple[str, str]]:
    titles = {d.id: d.title for d in project.documents.list()}
    return sorted((titles[e.document_id], e.code_name) for e in project.queries._extracts([], ["consensus"]))


def figures(project) -> dict[str, float]:
    return {c.coder: c.agreement for c in consensus_agreement(project, PAIR, "consensus")}


def test_disagreements_are_grouped_by_code_with_both_sides(survey) -> None:
    result = compute_agreement(survey, PAIR)
    found = list_disagreements(survey, result)
    assert list(found) == ["Caseload", "Supervision"]
    (caseload,) = found["Caseload"]
    assert survey.documents.get(caseload.document_id).title == "R4"
    assert caseload.side("Ann").applied is True and caseload.side("Sam").applied is False
    length = survey.documents.get(caseload.document_id).length
    assert caseload.side("Ann").spans == ((0, length, survey.codes.find("Caseload").id),)
    assert caseload.side("Sam").spans == () and caseload.decision is None
    context = unit_context(survey, caseload)
    assert context.text == "Pay, and a caseload I can actually manage." and context.citation == "(R4, 1)"


def test_the_consensus_starts_from_what_both_coded_and_takes_decisions(survey) -> None:
    result = compute_agreement(survey, PAIR)
    started = start_consensus(survey, result)
    assert started.codings_added == 4 and started.documents == 10
    assert consensus_codings(survey) == [("R1", "Caseload"), ("R2", "Pay"), ("R4", "Pay"), ("R6", "Supervision")]
    assert start_consensus(survey, result).codings_added == 0  # safe to run again
    before = figures(survey)
    # 3 codes × 10 answers: each coder differs from the agreed part on their one extra coding.
    assert before == {"Ann": pytest.approx(1 - 1 / 30), "Sam": pytest.approx(1 - 1 / 30)}
    found = list_disagreements(survey, result)
    decision = resolve(survey, found["Caseload"][0], ["Ann"], "caseload is named outright")
    assert decision.taken == ("Ann",) and decision.comment == "caseload is named outright"
    assert decision.decided_by == "Ann" and len(decision.coding_ids) == 1
    assert ("R4", "Caseload") in consensus_codings(survey)
    resolve(survey, found["Supervision"][0], [], "a manager noticing is not supervision")
    after = figures(survey)  # recomputed live: the consensus now follows Ann on both
    assert after["Ann"] == 1.0 and after["Sam"] == pytest.approx(1 - 2 / 30)
    again = list_disagreements(survey, result)
    assert again["Caseload"][0].decision.label == "Ann" and again["Supervision"][0].decision.label == "neither"
    assert survey.queries.audit_log()[-1].action == "resolve disagreement"


def test_a_decision_can_be_changed_or_undone(survey) -> None:
    result = compute_agreement(survey, PAIR)
    start_consensus(survey, result)
    (unit,) = list_disagreements(survey, result)["Supervision"]
    resolve(survey, unit, ["Sam"], "first thought")
    assert ("R7", "Supervision") in consensus_codings(survey)
    resolve(survey, unit, [], "on reflection, no")  # replaces the earlier decision and its codings
    assert ("R7", "Supervision") not in consensus_codings(survey)
    assert [d.comment for d in decisions(survey).values()] == ["on reflection, no"]
    undo_decision(survey, unit)
    assert decisions(survey) == {}
    with pytest.raises(ValueError, match="Kim is not one of the coders"):
        resolve(survey, unit, ["Kim"])


def test_decisions_are_undoable_commands(survey) -> None:
    result = compute_agreement(survey, PAIR)
    start_consensus(survey, result)
    (unit,) = list_disagreements(survey, result)["Caseload"]
    stack = UndoStack(survey)
    stack.push(ResolveCommand(unit, ("Ann",), "named outright"))
    assert stack.undo_label == "Resolve ‘Caseload’: take Ann"
    assert ("R4", "Caseload") in consensus_codings(survey)
    stack.undo()
    assert ("R4", "Caseload") not in consensus_codings(survey) and decisions(survey) == {}
    stack.redo()
    (decided,) = list_disagreements(survey, result)["Caseload"]
    stack.push(ResolveCommand(decided, ("Sam",), "changed my mind"))
    stack.undo()  # back to the earlier decision, not to none
    assert [d.comment for d in decisions(survey).values()] == ["named outright"]


def test_line_units_take_only_the_unit(tmp_path: Path) -> None:
    project, doc = transcript_project(tmp_path / "t.qualcode")
    production = project.codes.find("Production line").id
    project.coding.apply(doc, *span(TRANSCRIPT, "production line. You see one person,\nyou write it up"),
                         production, coder="Ann")
    project.coding.apply(doc, *span(TRANSCRIPT, "production line"), production, coder="Sam")
    result = compute_agreement(project, PAIR)
    start_consensus(project, result)
    (line3,) = list_disagreements(project, result)["Production line"]
    assert project.documents.line_index(doc).lines_of(line3.start, line3.end) == (3, 3)
    context = unit_context(project, line3, lines=1)
    assert context.first_line == 3 and context.text.startswith("Maya: It feels") and context.citation == "(Maya, 3)"
    resolve(project, line3, ["Ann"])
    texts = sorted(e.text for e in project.queries.codings_of_document(doc, ["consensus"]))
    assert texts == ["production line", "you write it up"]  # the agreed part, and line 3 clipped
    project.close()


def test_character_units_are_reviewed_as_coded_segments(tmp_path: Path) -> None:
    project, doc = transcript_project(tmp_path / "t.qualcode")
    held = project.codes.find("Being held").id
    project.coding.apply(doc, *span(TRANSCRIPT, "Supervision with Helen."), held, coder="Ann")
    project.coding.apply(doc, *span(TRANSCRIPT, "She holds it all for me."), held, coder="Sam")
    result = compute_agreement(project, AgreementRequest(("Ann", "Sam"), unit="character"))
    units = list_disagreements(project, result)["Being held"]
    assert {u.unit for u in units} == {"overlap"} and len(units) == 2
    project.close()
