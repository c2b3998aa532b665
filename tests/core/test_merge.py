"""Merging a second coder's project back: right coder, matching, reporting, nothing overwritten."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from test_reliability_projects import TRANSCRIPT, answer_ids, code_answers, span, survey_project, transcript_project

from qualcode.core.project import Project
from qualcode.core.reliability import merge as merge_module
from qualcode.core.reliability.coverage import coded_documents, has_record
from qualcode.core.reliability.merge import MergeError, merge_project
from qualcode.core.reliability.second_coder_copy import SampleSpec, prepare_copy
from qualcode.io.exchange.qdpx import read_qdpx

DATA = Path(__file__).parent / "data"


@pytest.fixture
def survey(tmp_path: Path):
    project = survey_project(tmp_path / "survey.qualcode")
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay", "Caseload"]})
    yield project
    project.close()


@pytest.fixture
def copy_path(survey, tmp_path: Path) -> Path:
    """Sam's copy of half the answers, coded blind."""
    path = tmp_path / "sam.qualcode"
    prepare_copy(survey, path, "Sam", SampleSpec(0.5, seed=2))
    with Project.open(path) as copy:
        assert copy.coder_name == "Sam"
        titles = [d.title for d in copy.documents.list()]
        code_answers(copy, "Sam", {t: ["Pay"] for t in titles[:3]} | {titles[3]: ["Caseload", "Supervision"]})
    return path


def codings_by(project: Project, coder: str) -> list[tuple[str, str, int, int]]:
    titles = {d.id: d.title for d in project.documents.list()}
    return sorted((titles[e.document_id], e.code_name, e.start, e.end)
                  for e in project.queries._extracts([], [coder]))


def test_codings_arrive_under_their_coder_and_ours_stay(survey, copy_path: Path) -> None:
    before = codings_by(survey, "Ann")
    report = merge_project(survey, copy_path)
    assert report.added == {"Sam": 5} and report.already_here == 0
    assert report.documents_matched == {"guid": 5, "source hash": 0, "title": 0}
    assert report.codes_matched["guid"] == 9 and not report.codes_added
    assert codings_by(survey, "Ann") == before
    with Project.open(copy_path) as copy:
        assert codings_by(survey, "Sam") == codings_by(copy, "Sam")
    assert has_record(survey, "Sam") and len(coded_documents(survey, ["Sam"])["Sam"]) == 5
    assert report.coded_through == 5
    assert "5 codings added (5 by Sam)" in report.summary()
    assert survey.queries.audit_log()[-1].action == "merge second coder"


def test_merging_twice_adds_nothing(survey, copy_path: Path) -> None:
    merge_project(survey, copy_path)
    count = survey.queries.counts()["codings"]
    again = merge_project(survey, copy_path)
    assert again.added == {} and again.already_here == 5
    assert survey.queries.counts()["codings"] == count


def test_codes_match_by_guid_then_path_then_name_and_new_ones_are_added(survey, copy_path: Path) -> None:
    survey.codes.create("Recognition")  # made independently on both sides: matched by name
    with Project.open(copy_path) as copy:
        copy.set_coder("Sam")
        copy.codes.rename(copy.codes.find("Pay").id, "Salary")  # same guid: still our "Pay"
        copy.codes.update(copy.codes.find("Caseload").id, description="People on the books")
        support = copy.codes.find("Support").id
        morale = copy.codes.create("Morale", parent_id=support, description="How people feel")
        copy.codes.create("Recognition")
        doc = copy.documents.list()[0]
        copy.coding.apply(doc.id, 0, 5, morale.id)
        copy.coding.apply(doc.id, 0, 5, copy.codes.find("Recognition").id)
    pay_before = survey.codes.find("Pay")
    report = merge_project(survey, copy_path)
    assert report.codes_matched == {"guid": 9, "path": 1, "name": 0}
    assert report.codes_added == ["Support/Morale"]
    added = survey.codes.find("Support/Morale")
    assert added.guid == morale.guid and added.description == "How people feel"
    assert survey.codes.find("Pay") == pay_before and survey.codes.find("Salary") is None  # nothing renamed
    assert survey.codes.find("Caseload").description == ""  # nothing overwritten …
    assert report.definition_differences == ["Caseload: description"]  # … but reported
    assert report.added == {"Sam": 7}


def test_new_codes_can_be_refused_and_are_then_reported(survey, copy_path: Path) -> None:
    with Project.open(copy_path) as copy:
        copy.set_coder("Sam")
        morale = copy.codes.create("Morale")
        copy.coding.apply(copy.documents.list()[0].id, 0, 5, morale.id)
    report = merge_project(survey, copy_path, add_codes=False)
    assert report.codes_unmatched == ["Morale: no code here with its guid, path or name"]
    assert report.codings_skipped == ["1 coding of codes that were not matched"]
    assert survey.codes.find("Morale") is None


def test_unmatched_documents_are_reported_and_their_codings_left_out(survey, tmp_path: Path) -> None:
    other = survey_project(tmp_path / "other.qualcode", {"R1": ("manager", "A different answer entirely."),
                                                         "R99": ("manager", "Nobody here wrote this.")})
    code_answers(other, "Sam", {"R1": ["Pay"], "R99": ["Pay"]})
    other.close()
    report = merge_project(survey, tmp_path / "other.qualcode")
    assert report.documents_unmatched == [
        "R1: its text differs from ours, so its codings would point at the wrong words",
        "R99: no document here with its guid, source or title"]
    assert report.codings_skipped == ["2 codings in documents that were not matched"]
    assert report.added == {} and report.codes_matched["path"] == 9  # an independent codebook: matched by path


def test_documents_match_by_title_within_a_question_and_by_source_hash(survey, tmp_path: Path) -> None:
    other = survey_project(tmp_path / "other.qualcode")  # same answers, new guids
    code_answers(other, "Sam", {"R2": ["Pay"], "R5": ["Flexible working"]})
    other.close()
    report = merge_project(survey, tmp_path / "other.qualcode")
    assert report.documents_matched == {"guid": 0, "source hash": 0, "title": 10}
    assert report.added == {"Sam": 2}
    interviews, _ = transcript_project(tmp_path / "t.qualcode")
    again, doc = transcript_project(tmp_path / "t2.qualcode")
    again.coding.apply(doc, *span(TRANSCRIPT, "production line"), again.codes.find("Production line").id,
                       coder="Sam")
    again.close()
    assert merge_project(interviews, tmp_path / "t2.qualcode").documents_matched["source hash"] == 1
    interviews.close()


def test_a_coder_who_already_codes_here_is_not_mixed_with_the_incoming_one(survey, tmp_path: Path) -> None:
    path = tmp_path / "careless.qualcode"
    prepare_copy(survey, path)  # no coder named: the copy codes as "Researcher"…
    with Project.open(path) as copy:
        code_answers(copy, "Ann", {"R1": ["Pay"]})  # …and the second analyst typed the first one's name
    with pytest.raises(MergeError, match="‘Ann’ already codes these documents"):
        merge_project(survey, path)
    assert survey.queries.counts()["codings"] == 4
    report = merge_project(survey, path, coder="Sam")
    assert report.added == {"Sam": 1}


def test_a_merge_is_one_transaction(survey, copy_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = survey.queries.counts()

    def fail(*_args: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(merge_module, "mark_coded_in", fail)
    with pytest.raises(RuntimeError):
        merge_project(survey, copy_path)
    assert survey.queries.counts() == before


def test_a_project_cannot_be_merged_into_itself(survey) -> None:
    with pytest.raises(MergeError, match="into itself"):
        merge_project(survey, survey.location)


def test_the_atlas_ti_export_is_read_and_what_is_left_out_is_said(tmp_path: Path) -> None:
    incoming = read_qdpx(DATA / "atlasti-sample.qdpx")
    assert incoming.name == "ATLAS.ti standard project"
    assert len(incoming.codes) == 14 and len(incoming.documents) == 6 and len(incoming.codings) == 7
    assert {c.coder for c in incoming.codings} == {"Friedrich Markgraf"}
    assert any("without their text" in line for line in incoming.not_read)
    assert "pdf sources: 2" in incoming.not_read and "notes: 2" in incoming.not_read
    project = Project.create(tmp_path / "breakfast.qualcode")
    project.documents.add_transcript("Mabel", "I'm a single mum. " * 30)
    report = merge_project(project, DATA / "atlasti-sample.qdpx")
    assert report.documents_matched["title"] == 1  # "Mabel.txt" is our "Mabel"
    assert report.added == {"Friedrich Markgraf": 3}
    assert "Coke/diet Coke" in report.codes_added  # "Coke::diet Coke" keeps its hierarchy
    assert project.codes.path(project.codes.find("diet Coke").id) == ["Coke", "diet Coke"]
    assert project.codes.find("Coke").description == "the breakfast of champions"
    project.close()


def qdpx(path: Path, text: str) -> Path:
    qde = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="From another tool">
  <Users><User guid="11111111-1111-1111-1111-111111111111" name="Sam"/></Users>
  <CodeBook><Codes>
    <Code guid="22222222-2222-2222-2222-222222222222" name="Support" isCodable="true">
      <Code guid="33333333-3333-3333-3333-333333333333" name="Being held" isCodable="true"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="44444444-4444-4444-4444-444444444444" name="Maya.txt">
      <PlainTextContent>{text}</PlainTextContent>
      <PlainTextSelection guid="55555555-5555-5555-5555-555555555555" startPosition="{text.index('She')}"
          endPosition="{text.index('She') + 24}" creatingUser="11111111-1111-1111-1111-111111111111">
        <Coding guid="66666666-6666-6666-6666-666666666666" creatingUser="11111111-1111-1111-1111-111111111111">
          <CodeRef targetGUID="33333333-3333-3333-3333-333333333333"/>
        </Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>"""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
    return path


def test_a_qdpx_with_its_text_merges_at_the_same_characters(tmp_path: Path) -> None:
    project, doc = transcript_project(tmp_path / "t.qualcode")
    report = merge_project(project, qdpx(tmp_path / "sam.qdpx", TRANSCRIPT))
    assert report.documents_matched["title"] == 1 and report.added == {"Sam": 1}
    assert report.codes_matched == {"guid": 0, "path": 0, "name": 1} and report.codes_added == ["Support"]
    (extract,) = project.queries.codings_of_document(doc, ["Sam"])
    assert extract.text == "She holds it all for me." and extract.code_name == "Being held"
    changed = merge_project(project, qdpx(tmp_path / "edited.qdpx", TRANSCRIPT.replace("Helen", "Ellen")))
    assert changed.added == {} and "its text differs" in changed.documents_unmatched[0]
    project.close()


def test_answers_coded_in_the_copy_keep_their_offsets(survey, copy_path: Path) -> None:
    merge_project(survey, copy_path)
    ids = answer_ids(survey)
    for title, _code, start, end in codings_by(survey, "Sam"):
        assert (start, end) == (0, survey.documents.get(ids[title]).length)
