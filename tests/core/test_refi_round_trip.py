"""Export → import into a new project (issue #14 item 4): the same documents, codes, codings and participants.

The export is :mod:`qualcode.core.exchange.outgoing`, the import
:mod:`qualcode.core.transcripts.refi_import`; each sample project goes through
both and is compared with itself.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample

from qualcode.core.exchange.outgoing import export_qdpx
from qualcode.core.project import Project
from qualcode.core.transcripts.refi_import import import_refi_project
from qualcode.io.exchange.qda_xml.elements import description
from qualcode.io.exchange.qda_xml.values import ExportedCode
from qualcode.store.schema import CoderRow

_NOTE_TITLE = re.compile(r"\A(Descriptive|Linguistic|Conceptual|Free) note\n")


def _snapshot(project: Project) -> dict[str, object]:
    """What a researcher would check: texts, code paths and colours, who coded what where, notes, cases."""
    with project.read() as s:
        coders = dict(s.execute(select(CoderRow.id, CoderRow.name)).all())
    texts = {d.id: project.documents.text(d.id) for d in project.documents.list()}
    codes = project.codes.list()
    paths = {c.id: tuple(project.codes.path(c.id)) for c in codes}
    codings = Counter((texts[c.document_id], c.start, c.end, paths[c.code_id], coders[c.coder_id])
                      for document in texts for c in project.coding.for_document(document))
    # The importer keeps a note's title ("Linguistic note") as its first line: compared without it.
    notes = Counter((texts[n.document_id][n.start:n.end], _NOTE_TITLE.sub("", n.text))
                    for document in texts for n in project.notes.for_document(document))
    return {
        "texts": Counter(texts.values()),
        "codes": {paths[c.id]: c.colour for c in codes},
        # REFI-QDA has one description: the criteria and example follow it as labelled paragraphs.
        "descriptions": {paths[c.id]: description(ExportedCode(c.guid, c.name, description=c.description,
                                                               inclusion=c.inclusion, exclusion=c.exclusion,
                                                               example=c.example)) for c in codes},
        "codings": codings,
        "notes": notes,
        "participants": {p.pseudonym: {k: v for k, v in p.attributes.items() if v is not None}
                         for p in project.participants.list()},
    }


def _round_trip(kind: str, tmp_path: Path) -> tuple[dict[str, object], dict[str, object]]:
    with Project.open(sample(kind, tmp_path / f"{kind}.qualcode")) as original:
        export_qdpx(original, tmp_path / "out.qdpx")
        before = _snapshot(original)
    with Project.create(tmp_path / "again.qualcode") as again:
        import_refi_project(again, tmp_path / "out.qdpx")
        after = _snapshot(again)
    return before, after


def test_the_interview_sample_comes_back_the_same(tmp_path):
    before, after = _round_trip("interviews", tmp_path)
    assert before["codings"] and before["notes"] and before["participants"]
    for key in before:
        assert after[key] == before[key], key


def test_the_survey_sample_comes_back_with_the_same_answers_codes_codings_and_respondents(tmp_path):
    before, after = _round_trip("survey", tmp_path)
    # Answers with the same text (two respondents writing "N/A") stay one document each, with their codings.
    texts = before["texts"]
    assert isinstance(texts, Counter) and sum(texts.values()) > len(texts)  # the sample has such answers
    for key in before:
        assert after[key] == before[key], key


def test_every_survey_answer_keeps_its_own_document_and_respondent(tmp_path):
    with Project.open(sample("survey", tmp_path / "survey.qualcode")) as original:
        export_qdpx(original, tmp_path / "out.qdpx")
        answers = {(p.pseudonym, original.documents.text(d.id)) for p in original.participants.list()
                   for d in original.documents.list() if d.participant_id == p.id}
        count, codings = len(original.documents.list()), sum(
            len(original.coding.for_document(d.id)) for d in original.documents.list())
        questions = [(q.name, q.text, n) for q, n in original.documents.questions()]
    with Project.create(tmp_path / "again.qualcode") as again:
        report = import_refi_project(again, tmp_path / "out.qdpx")
        documents = again.documents.list()
        assert (report.documents, len(documents)) == (count, count)
        assert report.codings == codings == sum(len(again.coding.for_document(d.id)) for d in documents)
        assert {(p.pseudonym, again.documents.text(d.id)) for p in again.participants.list()
                for d in documents if d.participant_id == p.id} == answers
        # Each question's set brings the answers back as answers to that question, not as transcripts.
        assert questions and [(q.name, q.text, n) for q, n in again.documents.questions()] == questions
        assert not any(line.startswith("sets") for line in report.not_read), report.not_read


@pytest.mark.parametrize("name", ['Quotes "q" & <b>', "Coke::diet Coke", "a/b\\c", "Cafe\u0301 😀 👩‍👩‍👧",
                                  "عربى", "]]> &amp;"])
def test_a_code_name_with_any_character_survives_the_round_trip(project, tmp_path, name):
    document = project.documents.add_transcript("One", "Some words to code here.", participant="Maya")
    code = project.codes.create(name)
    project.coding.apply(document.id, 5, 10, code.id)
    export_qdpx(project, tmp_path / "out.qdpx")
    with Project.create(tmp_path / "again.qualcode") as again:
        import_refi_project(again, tmp_path / "out.qdpx", flat_names=True)
        assert [c.name for c in again.codes.list()] == [name]
        coded = again.coding.for_document(again.documents.list()[0].id)
        assert [(c.start, c.end) for c in coded] == [(5, 10)]


def test_a_codes_criteria_and_example_come_back_as_themselves(project, tmp_path):
    """REFI-QDA has one description: qualcode writes the rest as labelled paragraphs and reads them back apart."""
    details = {"description": "Feeling out of place at work.", "inclusion": "Said of oneself.",
               "exclusion": "Others' feelings.\n\nAnd rumours.", "example": "I felt lost at first."}
    project.codes.create("Feeling lost", **details)
    export_qdpx(project, tmp_path / "out.qdpx")
    with Project.create(tmp_path / "again.qualcode") as again:
        import_refi_project(again, tmp_path / "out.qdpx")
        back = again.codes.list()[0]
        assert {k: getattr(back, k) for k in details} == details
