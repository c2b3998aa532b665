"""Small hand-made projects for the reliability tests (and a check that they are what they say).

Other reliability tests import the builders from here, so every test reads
from the same few answers and transcripts whose agreement is worked out by
hand in the tests themselves.
"""

from __future__ import annotations

from pathlib import Path

from qualcode.core.project import Project
from qualcode.core.transcripts.documents import TurnSpec
from qualcode.store.schema import QuestionRow

ANSWERS = {
    "R1": ("manager", "Caseloads are far too high and nobody listens."),
    "R2": ("manager", "Better pay would keep me here."),
    "R3": ("practitioner", "Supervision with someone who has time for me."),
    "R4": ("practitioner", "Pay, and a caseload I can actually manage."),
    "R5": ("practitioner", "Flexible hours so I can do the school run."),
    "R6": ("supervisor", "Protected time for supervision, not squeezed in."),
    "R7": ("supervisor", "Honestly? A manager who notices."),
    "R8": ("practitioner", "More staff. We are always two short."),
    "R9": ("practitioner", "Training that is not just an online module."),
    "R10": ("supervisor", "Pay that reflects what we carry."),
}

TRANSCRIPT = (
    "Interviewer: How has work been lately?\n"
    "Maya: It feels like a production line. You see one person,\n"
    "you write it up, the next one is already waiting.\n"
    "Interviewer: What helps?\n"
    "Maya: Supervision with Helen. She holds it all for me.\n"
)


def survey_project(path: Path, answers: dict[str, tuple[str, str]] = ANSWERS, question: str = "q1") -> Project:
    """A survey with one open question, one answer per respondent, and a two-level codebook."""
    project = Project.create(path, name="Retention (test)")
    project.set_coder("Ann")
    with project.transaction() as s:
        q = QuestionRow(name=question, text="What would keep you in your job?", position=1)
        s.add(q)
        s.flush()
        for i, (rid, (role, text)) in enumerate(answers.items(), 1):
            person = project.participants.ensure_in(s, rid, kind="respondent")
            project.participants.set_attributes_in(s, person.id, {"role_group": role}, {"role_group": "category"})
            project.documents.add_answer_in(s, q.id, person.id, text, title=rid, source_name="survey.csv",
                                            position=i)
    workload = project.codes.create("Workload", "theme", description="Too much work for the time")
    project.codes.create("Caseload", parent_id=workload.id, inclusion="numbers of people held")
    project.codes.create("Staffing", parent_id=workload.id)
    pay = project.codes.create("Pay and careers", "theme")
    project.codes.create("Pay", parent_id=pay.id, example="Better pay would keep me here.")
    project.codes.create("Training", parent_id=pay.id)
    support = project.codes.create("Support", "theme")
    project.codes.create("Supervision", parent_id=support.id)
    project.codes.create("Flexible working", parent_id=support.id)
    return project


def answer_ids(project: Project) -> dict[str, int]:
    return {d.title: d.id for d in project.documents.list()}


def code_answers(project: Project, coder: str, coding: dict[str, list[str]]) -> None:
    """Apply codes (by name) to whole answers (by respondent id) as ``coder``."""
    ids = answer_ids(project)
    with project.transaction() as s:
        for rid, names in coding.items():
            doc = project.documents.get(ids[rid])
            for name in names:
                project.coding.apply_in(s, doc.id, 0, doc.length, project.codes.find(name).id, coder=coder)


def transcript_project(path: Path) -> tuple[Project, int]:
    """Maya's short transcript: five fixed lines, interviewer turns on lines 1 and 4."""
    project = Project.create(path, name="Interviews (test)")
    project.set_coder("Ann")
    turns = []
    start = 0
    for line in TRANSCRIPT.splitlines(keepends=True):
        speaker = line.split(":")[0] if ":" in line.split(" ")[0] else None
        if speaker:
            turns.append([start, start + len(line) - 1, speaker])
        else:
            turns[-1][1] = start + len(line) - 1
        start += len(line)
    doc = project.documents.add_transcript(
        "Maya", TRANSCRIPT, [TurnSpec(a, b, who, who == "Interviewer") for a, b, who in turns],
        participant="Maya", source_name="maya.txt", source_hash="h-maya")
    project.codes.create("Production line")
    project.codes.create("Being held")
    return project, doc.id


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_survey_builder_makes_ten_answers_with_roles(tmp_path: Path) -> None:
    project = survey_project(tmp_path / "s.qualcode")
    assert len(project.documents.list()) == 10
    assert project.participants.get("R3").attributes == {"role_group": "practitioner"}
    assert project.codes.path(project.codes.find("Caseload").id) == ["Workload", "Caseload"]
    project.close()


def test_the_transcript_builder_has_five_lines_and_two_interviewer_turns(tmp_path: Path) -> None:
    project, doc = transcript_project(tmp_path / "t.qualcode")
    assert project.documents.line_index(doc).count == 5
    turns = project.documents.turns(doc)
    assert [t.speaker for t in turns] == ["Interviewer", "Maya", "Interviewer", "Maya"]
    assert [t.is_interviewer for t in turns] == [True, False, True, False]
    first = turns[0]
    assert TRANSCRIPT[first.start:first.end] == "Interviewer: How has work been lately?"
    project.close()
