"""Compound commands are one transaction or nothing, and undo then redo puts back the very same rows."""

from __future__ import annotations

import logging

import pytest

from qualcode.core.coding.codings import CodingError
from qualcode.core.coding.commands import ApplyCode, CreateCode, DeleteCode, MergeCodes, UndoStack
from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.themes.accept import AcceptError, AcceptSuggestion
from qualcode.core.themes.codes import CodeError


def state(project: Project) -> tuple:
    """Everything a researcher sees of the codebook: codes, codings (ids and guids too), memos, notes."""
    codings = sorted((c.id, c.guid, c.code_id, c.coder_id, c.document_id, c.start, c.end, c.created_at)
                     for d in project.documents.list() for c in project.coding.for_document(d.id))
    notes = [n for d in project.documents.list() for n in project.notes.for_document(d.id)]
    return project.codes.list(), codings, project.notes.memos(), notes


def audit_count(project: Project) -> int:
    return len(project.queries.audit_log())


# -- a refused step leaves no trace ------------------------------------------------------
@pytest.mark.parametrize("where", ["span outside the document", "document gone"])
def test_create_and_apply_refused_leaves_no_code_and_no_undo_step(transcript_project, where) -> None:
    project, doc = transcript_project
    existing = project.codes.create("Production line")
    stack = UndoStack(project)
    stack.push(ApplyCode(doc.id, 0, 10, existing.id, existing.name))
    before, entries = state(project), audit_count(project)
    span = (doc.id, 5, doc.length + 5) if where == "span outside the document" else (doc.id + 99, 0, 5)
    command = CreateCode("relentless", CodeRole.EMERGENT, apply_to=span)
    with pytest.raises(CodingError):
        stack.push(command)
    assert state(project) == before  # the code was not created
    assert audit_count(project) == entries
    assert command.code is None and command.coding is None
    assert stack.undo_label == "Apply “Production line”"  # no entry for the refused step
    assert project.codes.find("relentless") is None


def test_a_refused_undo_undoes_nothing_and_stays_on_the_stack(transcript_project) -> None:
    project, doc = transcript_project
    stack = UndoStack(project)
    command = stack.push(CreateCode("production line", CodeRole.EMERGENT, apply_to=(doc.id, 5, 25)))
    project.coding.apply(doc.id, 40, 60, command.code.id)  # used again outside the stack
    before, entries = state(project), audit_count(project)
    with pytest.raises(CodeError, match="in use"):
        stack.undo()
    assert state(project) == before  # the quick-code's own coding is still there too
    assert audit_count(project) == entries
    assert stack.undo_label == "Create and apply “production line”" and stack.redo_label is None


def test_delete_refused_half_way_moves_no_codings(transcript_project) -> None:
    project, doc = transcript_project
    parent = project.codes.create("Workload", CodeRole.THEME)
    project.codes.create("Caseload", parent_id=parent.id)
    doomed = project.codes.create("Pressure", parent_id=parent.id)
    project.codes.create("Caseload", parent_id=doomed.id)  # would clash with its new sibling
    project.coding.apply(doc.id, 0, 10, doomed.id)
    stack = UndoStack(project)
    before, entries = state(project), audit_count(project)
    with pytest.raises(CodeError, match="already exists"):
        stack.push(DeleteCode(doomed.id, "Pressure", codings="parent"))
    assert state(project) == before  # the codings moved to the parent first went back
    assert audit_count(project) == entries
    assert stack.undo_label is None


def test_merge_into_own_sub_code_refused_without_trace(transcript_project) -> None:
    project, doc = transcript_project
    source = project.codes.create("Workload", CodeRole.THEME)
    target = project.codes.create("Caseload", parent_id=source.id)
    project.coding.apply(doc.id, 0, 10, source.id)
    stack = UndoStack(project)
    before, entries = state(project), audit_count(project)
    with pytest.raises(CodeError, match="its own sub-code"):
        stack.push(MergeCodes(source.id, target.id, "Workload", "Caseload"))
    assert state(project) == before and audit_count(project) == entries
    assert stack.undo_label is None


def test_accept_refused_half_way_creates_no_themes(transcript_project) -> None:
    project, _doc = transcript_project
    project.codes.create("Feeling like a number", CodeRole.EMERGENT)
    data = {"mode": "emergent", "clusters": [
        {"label": "Numbers", "parent": None, "items": []},
        {"label": "Counted", "parent": "Numbers",
         "items": [{"id": "Feeling like a number"}, {"id": "Not in this project"}]}]}
    stack = UndoStack(project)
    before, entries = state(project), audit_count(project)
    with pytest.raises(AcceptError, match="Not in this project"):
        stack.push(AcceptSuggestion(data))
    assert state(project) == before and audit_count(project) == entries
    assert stack.undo_label is None


# -- undo, then redo, exactly ------------------------------------------------------------
def _undo_redo_exactly(project: Project, stack: UndoStack, command) -> None:
    before = state(project)
    stack.push(command)
    done = state(project)
    assert done != before
    stack.undo()
    assert state(project) == before
    stack.redo()
    assert state(project) == done  # the same codes and codings: ids, guids, colours, positions
    stack.undo()
    assert state(project) == before


def test_create_and_apply_undo_redo_exactly(transcript_project) -> None:
    project, doc = transcript_project
    _undo_redo_exactly(project, UndoStack(project),
                       CreateCode("production line", CodeRole.EMERGENT, apply_to=(doc.id, 5, 25)))


def test_undo_of_a_new_code_keeps_its_memo_for_redo(transcript_project) -> None:
    project, _doc = transcript_project
    stack = UndoStack(project)
    command = stack.push(CreateCode("Held by supervision"))
    project.notes.set_memo("She holds it all for me", code_id=command.code.id)
    done = state(project)
    stack.undo()
    assert project.notes.memos() == []
    stack.redo()
    assert state(project) == done


@pytest.mark.parametrize("codings", ["delete", "parent"])
def test_delete_code_undo_redo_exactly(transcript_project, codings) -> None:
    project, doc = transcript_project
    parent = project.codes.create("Workload", CodeRole.THEME)
    code = project.codes.create("Pressure", parent_id=parent.id)
    project.codes.create("Caseload", parent_id=code.id)
    project.coding.apply(doc.id, 0, 10, code.id)
    project.coding.apply(doc.id, 0, 10, parent.id)  # a duplicate when moved to the parent
    project.coding.apply(doc.id, 20, 30, code.id)
    project.notes.set_memo("why this code", code_id=code.id)
    _undo_redo_exactly(project, UndoStack(project), DeleteCode(code.id, "Pressure", codings))


def test_merge_codes_undo_redo_exactly(transcript_project) -> None:
    project, doc = transcript_project
    a = project.codes.create("Production line")
    b = project.codes.create("Conveyor belt")
    project.codes.create("Speed", parent_id=b.id)
    project.coding.apply(doc.id, 0, 10, a.id)
    project.coding.apply(doc.id, 0, 10, b.id)
    project.coding.apply(doc.id, 20, 30, b.id)
    stack = UndoStack(project)
    before = state(project)
    stack.push(MergeCodes(b.id, a.id, "Conveyor belt", "Production line"))
    done = state(project)
    stack.undo()
    assert state(project) == before
    stack.redo()
    # Redo merges again: the same result, and the dropped duplicate goes again.
    assert state(project) == done


def test_accept_emergent_themes_undo_redo_exactly(transcript_project) -> None:
    project, _doc = transcript_project
    for name in ("Feeling like a number", "Targets over people", "Held by supervision"):
        project.codes.create(name, CodeRole.EMERGENT)
    data = {"mode": "emergent", "clusters": [
        {"label": "Numbers", "parent": None, "items": []},
        {"label": "Counted", "parent": "Numbers",
         "items": [{"id": "Feeling like a number"}, {"id": "Targets over people"}]},
        {"label": "Support", "parent": None, "items": []},
        {"label": "Held", "parent": "Support", "items": [{"id": "Held by supervision"}]}]}
    _undo_redo_exactly(project, UndoStack(project), AcceptSuggestion(data))


def test_accept_coded_segments_undo_redo_exactly(transcript_project) -> None:
    project, doc = transcript_project
    seed = project.codes.create("seed")
    segments = [project.coding.apply(doc.id, a, b, seed.id).segment_id for a, b in ((0, 10), (20, 30))]
    data = {"mode": "segments", "clusters": [
        {"label": "Work", "parent": None, "items": []},
        {"label": "Pace", "parent": "Work", "items": [{"id": segments[0]}, {"id": segments[1]}]}]}
    stack = UndoStack(project)
    command = AcceptSuggestion(data)
    _undo_redo_exactly(project, stack, command)
    stack.redo()
    assert command.record is not None and len(command.record.codings) == 2
    # What the redone accept made is what later commands refer to: they still find it.
    pace = project.codes.find("Work/Pace")
    assert pace is not None and pace.id == command.record.created_codes[1]


# -- one debug line per step --------------------------------------------------------------
def test_each_do_undo_and_redo_logs_one_debug_line(transcript_project, caplog) -> None:
    project, doc = transcript_project
    code = project.codes.create("Production line")
    stack = UndoStack(project)
    with caplog.at_level(logging.DEBUG, logger="qualcode.commands"):
        stack.push(ApplyCode(doc.id, 10, 30, code.id, code.name))
        stack.undo()
        stack.redo()
        with pytest.raises(CodingError):
            stack.push(ApplyCode(doc.id, 10, doc.length + 1, code.id, code.name))
    lines = [r.getMessage() for r in caplog.records if r.name == "qualcode.commands"]
    assert lines[:3] == ["do Apply “Production line” (ApplyCode)", "undo Apply “Production line” (ApplyCode)",
                         "redo Apply “Production line” (ApplyCode)"]
    assert len(lines) == 4 and lines[3].startswith("do Apply “Production line” (ApplyCode) refused:")


def test_undoing_a_changed_consensus_decision_is_one_step(tmp_path, monkeypatch) -> None:
    from test_reliability_projects import code_answers, survey_project

    from qualcode.core.errors import QualcodeError
    from qualcode.core.reliability import consensus
    from qualcode.core.reliability.agreement import compute_agreement
    from qualcode.core.reliability.comparison import AgreementRequest
    from qualcode.core.reliability.review import decisions, list_disagreements

    survey = survey_project(tmp_path / "survey.qualcode")
    code_answers(survey, "Ann", {"R1": ["Caseload"], "R4": ["Pay", "Caseload"]})
    code_answers(survey, "Sam", {"R1": ["Caseload"], "R4": ["Pay"]})
    result = compute_agreement(survey, AgreementRequest(("Ann", "Sam")))
    consensus.start_consensus(survey, result)
    stack = UndoStack(survey)
    (unit,) = list_disagreements(survey, result)["Caseload"]
    stack.push(consensus.ResolveCommand(unit, ("Ann",), "named outright"))
    (decided,) = list_disagreements(survey, result)["Caseload"]
    stack.push(consensus.ResolveCommand(decided, ("Sam",), "changed my mind"))
    before, entries = state(survey), audit_count(survey)

    def refuse(*_args, **_kwargs):
        raise QualcodeError("the earlier decision cannot be put back")

    monkeypatch.setattr(consensus, "_resolve_in", refuse)
    with pytest.raises(QualcodeError):
        stack.undo()
    # Taking the decision back was not kept without putting the earlier one back.
    assert [d.comment for d in decisions(survey).values()] == ["changed my mind"]
    assert state(survey) == before and audit_count(survey) == entries
    assert stack.undo_label == "Resolve ‘Caseload’: take Sam"
    survey.close()
