"""Preparing a copy for a second coder: the sample, the codebook, and what must not travel."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_reliability_projects import code_answers, survey_project, transcript_project

from qualcode.core.project import Project
from qualcode.core.reliability.blind import is_blind
from qualcode.core.reliability.second_coder_copy import SampleSpec, SplitError, choose_sample, origin_of, prepare_copy


@pytest.fixture
def survey(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"]})
    project.notes.add(project.documents.by_title("R1").id, 0, 9, "first note")
    yield project
    project.close()


def titles(path: Path) -> list[str]:
    with Project.open(path) as copy:
        return [d.title for d in copy.documents.list()]


def test_a_sample_has_its_size_and_the_seed_makes_it_repeatable(survey, tmp_path: Path) -> None:
    report = prepare_copy(survey, tmp_path / "a.qualcode", "Sam", SampleSpec(0.3, seed=7))
    assert report.documents == 3 and report.of_documents == 10
    prepare_copy(survey, tmp_path / "b.qualcode", "Sam", SampleSpec(0.3, seed=7))
    assert titles(tmp_path / "a.qualcode") == titles(tmp_path / "b.qualcode")
    draws = {tuple(choose_sample({i: "" for i in range(100)}, 0.2, seed)[0]) for seed in range(5)}
    assert len(draws) == 5  # other seeds draw other documents
    assert all(len(d) == 20 for d in draws)


def test_a_stratified_sample_takes_its_share_of_every_group(tmp_path: Path) -> None:
    strata = {i: "manager" for i in range(20)} | {i: "practitioner" for i in range(20, 80)} | \
        {i: "supervisor" for i in range(80, 100)}
    chosen, per_group = choose_sample(strata, 0.25, seed=3)
    assert len(chosen) == 25
    assert per_group == {"manager": (5, 20), "practitioner": (15, 60), "supervisor": (5, 20)}
    assert Counter(strata[i] for i in chosen) == {"manager": 5, "practitioner": 15, "supervisor": 5}
    # Largest remainders: 10% of 3 + 4 + 3 is one document, from the biggest remainder.
    _, small = choose_sample({0: "a", 1: "a", 2: "a", 3: "b", 4: "b", 5: "b", 6: "b", 7: "c", 8: "c", 9: "c"},
                             0.1, seed=1)
    assert sum(t for t, _ in small.values()) == 1 and small["b"] == (1, 4)


def test_stratifying_by_attribute_or_question(survey, tmp_path: Path) -> None:
    report = prepare_copy(survey, tmp_path / "c.qualcode", "Sam", SampleSpec(0.5, seed=1, stratify="role_group"))
    # 1 + 2.5 + 1.5: the two halves tie, broken by name.
    assert report.strata == {"manager": (1, 2), "practitioner": (3, 5), "supervisor": (1, 3)}
    with Project.open(tmp_path / "c.qualcode") as copy:
        roles = Counter(copy.participants.get(d.title).attributes["role_group"] for d in copy.documents.list())
    assert roles == {"manager": 1, "practitioner": 3, "supervisor": 1}
    by_question = prepare_copy(survey, tmp_path / "d.qualcode", None, SampleSpec(0.5, stratify="question"))
    assert by_question.strata == {"q1": (5, 10)}
    with pytest.raises(SplitError, match="no attribute called ‘region’.*role_group"):
        prepare_copy(survey, tmp_path / "e.qualcode", None, SampleSpec(0.5, stratify="region"))
    assert not (tmp_path / "e.qualcode").exists()


def test_the_codebook_travels_with_its_guids_and_no_coding_or_note_does(survey, tmp_path: Path) -> None:
    prepare_copy(survey, tmp_path / "copy.qualcode", "Sam")
    with Project.open(tmp_path / "copy.qualcode") as copy:
        ours = {c.guid: c for c in survey.codes.list()}
        theirs = {c.guid: c for c in copy.codes.list()}
        assert theirs.keys() == ours.keys()
        for guid, code in theirs.items():
            assert (code.name, code.role, code.description, code.inclusion, code.example) == \
                (ours[guid].name, ours[guid].role, ours[guid].description, ours[guid].inclusion,
                 ours[guid].example)
            parent = ours[guid].parent_id
            assert (code.parent_id is None) == (parent is None)
        assert copy.codes.path(copy.codes.find("Caseload").id) == ["Workload", "Caseload"]
        counts = copy.queries.counts()
        assert counts["codings"] == 0 and counts["segments"] == 0 and counts["documents"] == 10
        assert all(not copy.notes.for_document(d.id) for d in copy.documents.list())
        assert copy.participants.get("R7").attributes == {"role_group": "supervisor"}
        assert [q.name for q, _ in copy.documents.questions()] == ["q1"]
        assert {d.guid for d in copy.documents.list()} == {d.guid for d in survey.documents.list()}
        assert copy.coder_name == "Sam" and is_blind(copy)


def test_transcripts_keep_their_text_lines_and_turns(tmp_path: Path) -> None:
    project, doc = transcript_project(tmp_path / "t.qualcode")
    prepare_copy(project, tmp_path / "copy.qualcode", "Sam")
    with Project.open(tmp_path / "copy.qualcode") as copy:
        (theirs,) = copy.documents.list()
        assert copy.documents.text(theirs.id) == project.documents.text(doc)
        assert copy.documents.line_index(theirs.id) == project.documents.line_index(doc)
        assert copy.documents.turns(theirs.id) == project.documents.turns(doc)
        assert theirs.source_hash == "h-maya" and copy.documents.participant_label(theirs.id) == "Maya"
    project.close()


def test_the_copy_records_its_origin_and_the_original_its_audit(survey, tmp_path: Path) -> None:
    prepare_copy(survey, tmp_path / "copy.qualcode", "Sam", SampleSpec(0.2, seed=4, stratify="role_group"))
    with Project.open(tmp_path / "copy.qualcode") as copy:
        origin = origin_of(copy)
        assert origin["project"] == "Retention (test)" and origin["coder"] == "Sam"
        assert origin["sample"] == {"fraction": 0.2, "seed": 4, "stratify": "role_group", "restricted_to": None}
        assert origin["documents"] == 2 and origin["of_documents"] == 10
        assert origin["project_guid"] == survey.get_meta("project_guid")
        assert copy.queries.audit_log()[-1].action == "prepared as a copy for a second coder"
    entry = survey.queries.audit_log()[-1]
    assert entry.action == "prepare copy for second coder" and entry.detail["documents"] == 2
    assert origin_of(survey) is None


def test_refusals(survey, tmp_path: Path) -> None:
    (tmp_path / "taken.qualcode").write_text("x")
    with pytest.raises(SplitError, match="already exists"):
        prepare_copy(survey, tmp_path / "taken.qualcode")
    with pytest.raises(SplitError, match="share above 0"):
        prepare_copy(survey, tmp_path / "f.qualcode", sample=SampleSpec(1.5))
