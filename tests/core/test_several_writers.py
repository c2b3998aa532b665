"""Several writers on one project file: undo by GUID, consensus decisions kept, one line when refused.

Two ``Project`` objects opened on the same file stand for two programs
(a window and the CLI): each has its own connections, as two processes do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from test_reliability_projects import code_answers, survey_project

from qualcode.core.coding.commands import DeleteCode, MergeCodes, UndoStack
from qualcode.core.project import Project
from qualcode.core.reliability.agreement import compute_agreement
from qualcode.core.reliability.comparison import AgreementRequest
from qualcode.core.reliability.consensus import resolve, start_consensus
from qualcode.core.reliability.review import decisions, list_disagreements
from qualcode.core.themes.codes import CodeError
from qualcode.core.themes.kept_rows import UndoRefused


def dump(project: Project) -> str:
    """Every row of the file, as SQL (what "nothing was changed" is checked against)."""
    with sqlite3.connect(project.location) as conn:
        return "\n".join(conn.iterdump())


def _rows(project: Project, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(project.location) as conn:
        return sorted(conn.execute(sql, args).fetchall())


def codings_of(project: Project, name: str) -> list[tuple[str, int, int, str]]:
    """A code's codings by GUID, span and coder (read from the file, as any program would)."""
    return _rows(project, "SELECT coding.guid, segment.start, segment.end, coder.name FROM coding "
                          "JOIN segment ON segment.id = coding.segment_id JOIN coder ON coder.id = coding.coder_id "
                          "JOIN code ON code.id = coding.code_id WHERE code.name = ?", name)


@pytest.fixture
def two_writers(transcript_project):
    """The window's project, and the same file opened again by "another program"."""
    project, doc = transcript_project
    other = Project.open(project.location)
    other.set_coder("Ben")
    yield project, other, doc
    other.close()


def test_undo_of_delete_after_another_writer_reused_the_ids(two_writers) -> None:
    project, other, doc = two_writers
    keep = project.codes.create("Production line")
    project.coding.apply(doc.id, 0, 10, keep.id)
    doomed = project.codes.create("Pressure")
    project.coding.apply(doc.id, 20, 30, doomed.id)
    project.coding.apply(doc.id, 40, 60, doomed.id)
    mine = codings_of(project, "Pressure")
    stack = UndoStack(project)
    stack.push(DeleteCode(doomed.id, "Pressure"))
    # Another program adds a code and codings: SQLite hands them the ids just freed.
    theirs_code = other.codes.create("Relentless")
    assert theirs_code.id == doomed.id
    other.coding.apply(doc.id, 70, 80, theirs_code.id)
    other.coding.apply(doc.id, 90, 99, theirs_code.id)
    theirs = codings_of(other, "Relentless")
    assert stack.undo() == "Delete “Pressure”"
    assert codings_of(project, "Pressure") == mine  # the same codings, by GUID
    assert codings_of(project, "Relentless") == theirs  # theirs untouched
    assert project.codes.find("Pressure").id != theirs_code.id
    stack.redo()  # redo deletes the restored code, not theirs
    assert project.codes.find("Pressure") is None and codings_of(project, "Relentless") == theirs


def test_undo_of_merge_leaves_another_writers_new_coding_where_they_put_it(two_writers) -> None:
    project, other, doc = two_writers
    target = project.codes.create("Production line")
    source = project.codes.create("Conveyor belt")
    project.coding.apply(doc.id, 0, 10, target.id)
    project.coding.apply(doc.id, 0, 10, source.id)  # folded into the target's on merge
    project.coding.apply(doc.id, 20, 30, source.id)
    belt = codings_of(project, "Conveyor belt")
    stack = UndoStack(project)
    stack.push(MergeCodes(source.id, target.id, "Conveyor belt", "Production line"))
    added = other.coding.apply(doc.id, 40, 50, target.id)  # takes the folded coding's id
    stack.undo()
    assert codings_of(project, "Conveyor belt") == belt
    line = codings_of(project, "Production line")
    assert added.guid in {g for g, *_ in line} and len(line) == 2


def test_undo_refused_in_one_line_when_another_writer_removed_a_moved_coding(two_writers) -> None:
    project, other, doc = two_writers
    target = project.codes.create("Production line")
    source = project.codes.create("Conveyor belt")
    project.coding.apply(doc.id, 20, 30, source.id)
    moved = project.coding.apply(doc.id, 40, 50, source.id)
    stack = UndoStack(project)
    stack.push(MergeCodes(source.id, target.id, "Conveyor belt", "Production line"))
    other.coding.remove(moved.id)
    other.coding.apply(doc.id, 60, 70, target.id)  # gets the removed coding's id
    before = dump(project)
    with pytest.raises(UndoRefused) as refused:
        stack.undo()
    assert refused.value.message == ("1 of the codings ‘Conveyor belt’ gave away was since removed or moved by "
                                     "someone else, so it cannot come back; nothing was changed")
    assert dump(project) == before
    assert stack.undo_label == "Merge “Conveyor belt” into “Production line”"  # still there to retry


def test_undo_refused_when_the_name_was_taken_meanwhile(two_writers) -> None:
    project, other, doc = two_writers
    code = project.codes.create("Pressure")
    project.coding.apply(doc.id, 20, 30, code.id)
    stack = UndoStack(project)
    stack.push(DeleteCode(code.id, "Pressure"))
    other.codes.create("pressure")
    before = dump(project)
    with pytest.raises(CodeError, match="^a code called ‘pressure’ already exists at the top level now, so "
                                        "‘Pressure’ cannot come back; rename one and undo again; nothing was changed$"):
        stack.undo()
    assert dump(project) == before


def test_undo_refused_when_a_coded_passage_is_gone(two_writers) -> None:
    project, other, doc = two_writers
    code = project.codes.create("Pressure")
    other_code = project.codes.create("Relentless")
    project.coding.apply(doc.id, 20, 30, code.id)
    shared = project.coding.apply(doc.id, 20, 30, other_code.id)  # the same passage (segment)
    stack = UndoStack(project)
    stack.push(DeleteCode(code.id, "Pressure"))
    other.coding.remove(shared.id)  # the passage's last coding: the segment goes with it
    before = dump(project)
    with pytest.raises(UndoRefused, match="a passage it coded has been removed"):
        stack.undo()
    assert dump(project) == before


def test_a_second_undo_elsewhere_is_refused_not_doubled(two_writers) -> None:
    project, other, doc = two_writers
    code = project.codes.create("Pressure")
    project.coding.apply(doc.id, 20, 30, code.id)
    record = project.codes.delete(code.id)
    other.codes.undelete(record)
    with pytest.raises(UndoRefused, match="in the project already"):
        project.codes.undelete(record)
    assert len(codings_of(project, "Pressure")) == 1


# -- consensus decisions move with their codings ------------------------------------------
PAIR = AgreementRequest(("Ann", "Sam"))


@pytest.fixture
def decided(tmp_path: Path):
    """A survey where the consensus took Ann's ‘Caseload’ on R4, and both coders coded ‘Staffing’ there."""
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R4": ["Caseload", "Staffing"]})
    code_answers(project, "Sam", {"R1": ["Caseload"], "R4": ["Staffing"]})
    result = compute_agreement(project, PAIR)
    start_consensus(project, result)  # the consensus gets R1 Caseload and R4 Staffing
    (unit,) = list_disagreements(project, result)["Caseload"]
    resolve(project, unit, ["Ann"], "caseload named outright")
    yield project
    project.close()


def consensus_codings(project: Project) -> dict[int, tuple[str, str]]:
    """The consensus coder's codings: id → (answer, code)."""
    rows = _rows(project, "SELECT coding.id, document.title, code.name FROM coding "
                          "JOIN segment ON segment.id = coding.segment_id "
                          "JOIN document ON document.id = segment.document_id "
                          "JOIN coder ON coder.id = coding.coder_id JOIN code ON code.id = coding.code_id "
                          "WHERE coder.name = 'consensus'")
    return {i: (title, code) for i, title, code in rows}


def the_decision(project: Project):
    (decision,) = decisions(project).values()
    return decision


def test_delete_to_parent_keeps_the_decision_and_undo_gives_it_back(decided) -> None:
    project = decided
    caseload, workload = project.codes.find("Caseload"), project.codes.find("Workload")
    before = the_decision(project)
    stack = UndoStack(project)
    stack.push(DeleteCode(caseload.id, "Caseload", codings="parent"))
    moved = the_decision(project)
    assert moved.code_id == workload.id and moved.comment == "caseload named outright"
    assert [consensus_codings(project)[i] for i in moved.coding_ids] == [("R4", "Workload")]
    stack.undo()
    assert the_decision(project) == before


def test_merge_moves_the_decision_onto_the_coding_that_stays(decided) -> None:
    project = decided
    caseload, staffing = project.codes.find("Caseload"), project.codes.find("Staffing")
    before = the_decision(project)
    stack = UndoStack(project)
    stack.push(MergeCodes(caseload.id, staffing.id, "Caseload", "Staffing"))
    moved = the_decision(project)
    # The consensus's R4 Caseload coding was folded into its R4 Staffing one: the decision points at that.
    assert moved.code_id == staffing.id
    assert [consensus_codings(project)[i] for i in moved.coding_ids] == [("R4", "Staffing")]
    stack.undo()
    assert the_decision(project) == before
    assert [consensus_codings(project)[i] for i in before.coding_ids] == [("R4", "Caseload")]


def test_delete_with_codings_takes_the_decision_and_undo_brings_it_back(decided) -> None:
    project = decided
    before = the_decision(project)
    stack = UndoStack(project)
    stack.push(DeleteCode(before.code_id, "Caseload", codings="delete"))
    assert decisions(project) == {}
    stack.undo()
    assert the_decision(project) == before


def test_merge_refused_when_both_codes_have_a_decision_on_the_same_passage(decided) -> None:
    project = decided
    code_answers(project, "Ann", {"R7": ["Supervision", "Flexible working"]})
    result = compute_agreement(project, PAIR)
    found = list_disagreements(project, result)
    resolve(project, found["Supervision"][0], ["Ann"])
    resolve(project, found["Flexible working"][0], [])
    supervision, flexible = project.codes.find("Supervision"), project.codes.find("Flexible working")
    before = dump(project)
    with pytest.raises(CodeError) as refused:
        UndoStack(project).push(MergeCodes(flexible.id, supervision.id, "Flexible working", "Supervision"))
    assert refused.value.message.startswith("‘Flexible working’ and ‘Supervision’ both have a consensus decision "
                                            "on the same passage of ‘R7’")
    assert "\n" not in refused.value.message
    assert dump(project) == before
