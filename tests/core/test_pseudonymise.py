"""Pseudonymisation of a project that is already coded: names out, quotes and line numbers intact."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qualcode.analysis.entities import BASIC_FINDER_LABEL, BasicNameFinder
from qualcode.core.model import MappingEntry
from qualcode.core.transcripts.documents import TurnSpec
from qualcode.core.transcripts.name_proposals import count_occurrences, propose_mapping
from qualcode.core.transcripts.pseudonymise import (
    PseudonymiseCancelled,
    PseudonymiseError,
    apply_mapping,
    stored_mapping,
)
from qualcode.io.exchange.pseudonym_csv import read_mapping_csv, write_mapping_csv, write_record_csv

MAYA = (
    "Interviewer: Who do you turn to when it gets too much at work?\n\n"
    "Maya: Supervision with Helen, every Thursday, at the clinic in Kelbridge. Helen holds it all for me, "
    "she really does, and without Helen I think I would have left Kelbridge Community Trust long ago.\n\n"
    "Interviewer: And at home?\n\n"
    "Maya: My partner Sam listens. Sam says I go somewhere else in the evenings.\n"
)
TOM = (
    "Interviewer: Tell me about your team.\n\n"
    "Tom: We're in Kelbridge too. Helen supervises a few of us; Dev and me have worked together for years.\n"
)
MAPPING = [
    MappingEntry("Helen", "[Colleague 1]"),
    MappingEntry("Sam", "[Partner]"),
    MappingEntry("Dev", "[Colleague 2]"),
    MappingEntry("Kelbridge", "[Town A]", "place"),
    MappingEntry("Kelbridge Community Trust", "[Organisation 1]", "organisation"),
]


def _turns(text: str) -> list[TurnSpec]:
    turns, pos = [], 0
    for block in text.split("\n\n"):
        speaker = block.split(":")[0]
        turns.append(TurnSpec(pos, pos + len(block.rstrip("\n")), speaker, speaker == "Interviewer"))
        pos += len(block) + 2
    return turns


def _replaced(text: str) -> str:
    for e in sorted(MAPPING, key=lambda e: -len(e.original)):
        text = text.replace(e.original, e.replacement)
    return text


@pytest.fixture
def coded(project):
    """Two interviews, narrow lines (so names move text across many lines), codings and notes."""
    maya = project.documents.add_transcript("maya", MAYA, _turns(MAYA), participant="Maya", line_width=30,
                                            source_name="maya.txt", source_hash="m")
    tom = project.documents.add_transcript("tom", TOM, _turns(TOM), participant="Tom", line_width=30,
                                           source_name="tom.txt", source_hash="t")
    held = project.codes.create("Being held")
    partner = project.codes.create("Partner notices")
    team = project.codes.create("Team as family")

    def span(text: str, quote: str, skip: int = 0, cut: int = 0) -> tuple[int, int]:
        start = text.index(quote) + skip
        return start, text.index(quote) + len(quote) - cut

    project.coding.apply(maya.id, *span(MAYA, "Helen holds it all for me"), held.id)
    project.coding.apply(maya.id, *span(MAYA, "Supervision with Helen, every Thursday"), held.id)
    # A segment that starts inside a name and one that ends inside one (a careless sweep).
    project.coding.apply(maya.id, *span(MAYA, "elen I think I would have left Kelbridge Comm"), held.id)
    project.coding.apply(maya.id, *span(MAYA, "Sam says I go somewhere else"), partner.id)
    project.coding.apply(tom.id, *span(TOM, "Dev and me have worked together"), team.id)
    project.notes.add(maya.id, *span(MAYA, "Helen holds it all for me"), "Helen as a container", "conceptual")
    project.notes.set_memo("Sam is Maya's anchor at home", document_id=maya.id)
    return project, maya, tom


def _extracts(project) -> dict[int, tuple[str, str, int, int]]:
    out = {}
    for doc in project.documents.list():
        for ex in project.queries.codings_of_document(doc.id):
            out[ex.coding_id] = (ex.text, ex.citation, ex.first_line, ex.last_line)
    return out


def test_round_trip_with_codings_notes_and_turns(coded) -> None:
    project, maya, tom = coded
    before = _extracts(project)
    lines_before = {d.id: project.documents.line_index(d.id).count for d in (maya, tom)}
    report = apply_mapping(project, MAPPING)
    assert report.documents == 2 and report.names == 5
    assert report.replacements == 10 and report.segments_moved >= 4

    # The text holds only replacements, consistently across both interviews.
    assert project.documents.text(maya.id) == _replaced(MAYA)
    assert project.documents.text(tom.id) == _replaced(TOM)
    for text in project.documents.texts([maya.id, tom.id]).values():
        assert "Helen" not in text and "Kelbridge" not in text and "Sam" not in text

    after = _extracts(project)
    assert after.keys() == before.keys()
    for coding_id, (text, cite, first, last) in before.items():
        new_text, new_cite, new_first, new_last = after[coding_id]
        assert (new_cite, new_first, new_last) == (cite, first, last)  # line numbers and citations unchanged
        if not text.startswith("elen"):
            assert new_text == _replaced(text)
    # The segment that cut two names now holds both replacements whole.
    cut = next(v[0] for k, v in after.items() if before[k][0].startswith("elen"))
    assert cut == "[Colleague 1] I think I would have left [Organisation 1]"
    for doc in (maya, tom):
        assert project.documents.line_index(doc.id).count == lines_before[doc.id]
        assert project.documents.get(doc.id).length == len(project.documents.text(doc.id))

    # Turns still start at their speaker label and end at the end of the turn.
    text = project.documents.text(maya.id)
    for turn in project.documents.turns(maya.id):
        assert text[turn.start:].startswith(turn.speaker + ":")
        assert text[turn.end - 1] in ".?"
    assert [t.speaker for t in project.documents.turns(maya.id)] == ["Interviewer", "Maya"] * 2

    # Notes and memos lose the names too; the note stays on its quote.
    (note,) = project.notes.for_document(maya.id)
    assert note.text == "[Colleague 1] as a container"
    assert text[note.start:note.end] == "[Colleague 1] holds it all for me"
    assert project.notes.memo(document_id=maya.id).text == "[Partner] is Maya's anchor at home"
    # The audit trail keeps no copy of the names either.
    assert not any("Helen" in str(a.detail) for a in project.queries.audit_log())
    assert project.queries.audit_log()[-1].action == "pseudonymise"


def test_the_journal_loses_the_names_too(coded) -> None:
    """What a researcher typed in the reflexive journal is as private as the transcript."""
    from qualcode.core.journal.entries import Journal
    from qualcode.core.journal.links import document_link

    project, maya, _ = coded
    journal = Journal(project)
    journal.add("Helen came up again; I felt protective of Sam", document_link(project, maya.id, 1, 2))
    apply_mapping(project, MAPPING)
    [entry] = journal.entries()
    assert "Helen" not in entry.text and "Sam" not in entry.text
    assert "[Colleague 1] came up again" in entry.text


def test_the_mapping_is_stored_apart_without_the_real_names(coded, tmp_path: Path) -> None:
    project, *_ = coded
    apply_mapping(project, MAPPING)
    stored = stored_mapping(project)
    assert {(p.replacement, p.kind, p.occurrences) for p in stored} >= {("[Colleague 1]", "person", 4),
                                                                        ("[Town A]", "place", 2)}
    assert all(p.original is None for p in stored)
    record = tmp_path / "ethics.csv"
    write_record_csv(record, stored)
    rows = list(csv.DictReader(record.open(encoding="utf-8")))
    assert rows[0].keys() >= {"original", "replacement", "kind", "count", "applied_at"}
    assert {r["original"] for r in rows} == {""}
    assert "Helen" not in record.read_text(encoding="utf-8")


def test_no_copy_of_a_real_name_is_left_in_the_project_file(coded) -> None:
    project, *_ = coded
    report = apply_mapping(project, MAPPING)
    assert report.file_scrubbed
    path = Path(project.location)
    # The file and its log; the backups folder beside it (a folder) keeps the pre-anonymisation copy on purpose.
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*") if p.is_file())
    assert b"Kelbridge" not in data and b"Helen" not in data


def test_originals_are_kept_only_when_asked(coded) -> None:
    project, *_ = coded
    apply_mapping(project, MAPPING, keep_originals=True)
    assert {p.original: p.replacement for p in stored_mapping(project)}["Helen"] == "[Colleague 1]"


def test_a_mapping_file_round_trips_and_rejections_are_honoured(coded, tmp_path: Path) -> None:
    project, maya, _ = coded
    path = tmp_path / "mapping.csv"
    write_mapping_csv(path, MAPPING)
    edited = path.read_text(encoding="utf-8").replace("Sam,[Partner]", "Sam,")
    path.write_text(edited, encoding="utf-8")
    entries = read_mapping_csv(path)
    assert [e.original for e in entries if not e.accepted] == ["Sam"]
    count_occurrences(project, entries)
    assert {e.original: e.count for e in entries}["Helen"] == 4
    apply_mapping(project, entries)
    assert "Sam" in project.documents.text(maya.id)


def test_proposals_skip_pseudonyms_and_speaker_labels_and_are_consistent(project) -> None:
    text = "Sam: How is work?\n\nMaya: Helen helps. Helen and Sam both do.\n"
    project.documents.add_transcript("maya", text, _turns(text), participant="Maya")
    other = "Tom: I met Helen in Kelbridge.\n"
    project.documents.add_transcript("tom", other, _turns(other), participant="Tom")
    proposal = propose_mapping(project, finder=BasicNameFinder())
    names = {e.original: e for e in proposal.entries}
    assert "Maya" not in names and "Tom" not in names  # participants' pseudonyms
    assert "Sam" not in names  # a speaker label: not unless asked
    assert names["Helen"].count == 3 and names["Helen"].replacement == "[Colleague 1]"
    assert names["Helen"].where == "(Maya, 3)"
    assert proposal.basic_finder and proposal.finder == BASIC_FINDER_LABEL

    asked = {e.original: e for e in propose_mapping(project, finder=BasicNameFinder(),
                                                      include_speaker_labels=True).entries}
    assert asked["Sam"].count == 2  # the label and the mention
    apply_mapping(project, [asked["Sam"]], include_speaker_labels=True)
    doc = project.documents.by_title("maya")
    assert next(t.speaker for t in project.documents.turns(doc.id)) == asked["Sam"].replacement
    assert project.documents.text(doc.id).startswith(asked["Sam"].replacement + ": How")


def test_numbering_goes_on_from_an_earlier_run(project) -> None:
    text = "Maya: Helen helps.\n"
    project.documents.add_transcript("maya", text, _turns(text), participant="Maya")
    apply_mapping(project, propose_mapping(project, finder=BasicNameFinder()).entries)
    later = "Tom: Dev helps.\n"
    project.documents.add_transcript("tom", later, _turns(later), participant="Tom")
    (entry,) = propose_mapping(project, finder=BasicNameFinder()).entries
    assert (entry.original, entry.replacement) == ("Dev", "[Colleague 2]")


def test_segments_that_meet_on_one_replacement_are_merged(project) -> None:
    text = "Maya: I saw Helen Smith today.\n"
    doc = project.documents.add_transcript("maya", text, participant="Maya")
    code = project.codes.create("Seeing")
    a = text.index("Helen")
    project.coding.apply(doc.id, a, a + 11, code.id)  # "Helen Smith"
    project.coding.apply(doc.id, a + 2, a + 11, code.id)  # "len Smith"
    project.notes.add(doc.id, a + 2, a + 11, "cut", "free")
    report = apply_mapping(project, [MappingEntry("Helen Smith", "[Colleague 1]")])
    assert report.segments_merged == 1
    (coding,) = project.coding.for_document(doc.id)
    (note,) = project.notes.for_document(doc.id)
    assert (note.start, note.end) == (coding.start, coding.end)
    assert project.documents.text(doc.id)[coding.start:coding.end] == "[Colleague 1]"


def test_survey_answers_are_pseudonymised_too(project, tmp_path: Path) -> None:
    from qualcode.core.surveys.importing import import_survey

    sheet = tmp_path / "survey.csv"
    sheet.write_text("id,q1\nR1,My manager Deborah Jones never listens\nR2,Deborah Jones is great\n",
                     encoding="utf-8")
    import_survey(project, sheet, "id", ["q1"])
    proposal = propose_mapping(project, finder=BasicNameFinder())
    assert [(e.original, e.count) for e in proposal.entries] == [("Deborah Jones", 2)]
    apply_mapping(project, proposal.entries)
    texts = project.documents.texts(d.id for d in project.documents.list())
    assert sorted(texts.values()) == ["My manager [Colleague 1] never listens", "[Colleague 1] is great"]


def test_bad_mappings_are_refused_and_cancel_changes_nothing(coded) -> None:
    project, maya, _ = coded
    with pytest.raises(PseudonymiseError, match="‘Helen’ has no replacement"):
        apply_mapping(project, [MappingEntry("Helen", "  ")])
    with pytest.raises(PseudonymiseError, match="twice"):
        apply_mapping(project, [MappingEntry("Helen", "[A]"), MappingEntry("Helen", "[B]")])
    with pytest.raises(PseudonymiseCancelled):
        apply_mapping(project, MAPPING, is_cancelled=lambda: True)
    assert project.documents.text(maya.id) == MAYA
    assert stored_mapping(project) == []
