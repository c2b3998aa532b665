"""Importing a REFI-QDA project (.qdpx) as a project: positions, text sources, codebook, cases, notes."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import pytest

from qualcode.core.transcripts.refi_import import import_refi_project
from qualcode.io.base import ImportRefused

INTEROP = Path("/work/shared/interop")
U1 = "11111111-1111-1111-1111-111111111111"
C1, C2, C3 = ("22222222-2222-2222-2222-22222222222" + str(i) for i in range(1, 4))
S1 = "33333333-3333-3333-3333-333333333333"


def _selection(guid: int, start: int, end: int, code: str = C1, name: str = "", extra: str = "") -> str:
    label = f" name={quoteattr(name)}" if name else ""
    return (f'<PlainTextSelection guid="44444444-4444-4444-4444-{guid:012d}" startPosition="{start}" '
            f'endPosition="{end}"{label}>{extra}<Coding guid="55555555-5555-5555-5555-{guid:012d}" '
            f'creatingUser="{U1}"><CodeRef targetGUID="{code}"/></Coding></PlainTextSelection>')


def make_qdpx(path: Path, text: bytes | None, selections: str = "", codes: str = "", extra: str = "",
              folder: str = "Sources", rich: bytes | None = None, source_extra: str = "") -> Path:
    codes = codes or (f'<Code guid="{C1}" name="Breakfast" color="#AA0000"><Description>food</Description>'
                      f'<Code guid="{C2}" name="Coffee"/></Code><Code guid="{C3}" name="Mood"/>')
    rich_attr = ' richTextPath="internal://s1.docx"' if rich is not None else ""
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Test">'
           f'<Users><User guid="{U1}" name="Ana"/></Users><CodeBook><Codes>{codes}</Codes></CodeBook>{extra}'
           f'<Sources><TextSource guid="{S1}" name="Interview one" plainTextPath="internal://s1.txt"{rich_attr}>'
           f'{source_extra}{selections}</TextSource></Sources></Project>')
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        if text is not None:
            z.writestr(f"{folder}/s1.txt", text)
        if rich is not None:
            z.writestr(f"{folder}/s1.docx", rich)
    return path


def _coded(project) -> list[tuple[str, str, str]]:
    from sqlalchemy import select

    from qualcode.store.schema import CoderRow

    with project.read() as s:
        coders = dict(s.execute(select(CoderRow.id, CoderRow.name)).all())
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    return sorted((project.codes.get(c.code_id).name, text[c.start:c.end], coders[c.coder_id])
                  for c in project.coding.for_document(doc.id))


def test_positions_count_code_points_combining_characters_and_emoji(project, tmp_path):
    text = "Cafe\u0301 😀 toast\nand tea"
    start = text.index("toast")
    path = make_qdpx(tmp_path / "p.qdpx", text.encode("utf-8"),
                     _selection(1, start, start + 5, name="toast") + _selection(2, 0, 5, C3))
    report = import_refi_project(project, path)
    assert report.documents == 1 and report.codings == 2
    assert _coded(project) == [("Breakfast", "toast", "Ana"), ("Mood", "Cafe\u0301", "Ana")]


def test_a_bom_is_not_counted_and_crlf_counts_two(project, tmp_path):
    """The rule: positions count the file's code points after its BOM; CRLF is two, then kept as one LF."""
    text = "line one\r\nline two\r\nthird"
    start = text.index("third")
    path = make_qdpx(tmp_path / "p.qdpx", b"\xef\xbb\xbf" + text.encode("utf-8"),
                     _selection(1, start, start + 5) + _selection(2, text.index("two"), text.index("two") + 3, C3))
    import_refi_project(project, path)
    assert project.documents.text(project.documents.list()[0].id) == "line one\nline two\nthird"
    assert _coded(project) == [("Breakfast", "third", "Ana"), ("Mood", "two", "Ana")]


def test_codebook_nesting_colours_descriptions_and_lower_case_sources(project, tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", b"hello world", _selection(1, 0, 5, C2), folder="sources")
    import_refi_project(project, path)
    coffee = project.codes.find("Breakfast/Coffee")
    breakfast = project.codes.find("Breakfast")
    assert coffee is not None and coffee.parent_id == breakfast.id
    assert breakfast.colour == "#AA0000" and breakfast.description == "food"
    doc = project.documents.list()[0]
    assert doc.line_width == project.line_width  # lines numbered on import, like any transcript
    assert _coded(project) == [("Coffee", "hello", "Ana")]


def test_flattened_names_are_offered_as_a_hierarchy(project, tmp_path):
    codes = (f'<Code guid="{C1}" name="Coke::diet Coke"/><Code guid="{C2}" name="Coke"/>'
             f'<Code guid="{C3}" name="and/or"/>')
    path = make_qdpx(tmp_path / "p.qdpx", b"some text", _selection(1, 0, 4), codes=codes)
    report = import_refi_project(project, path)
    assert "Coke::diet Coke" in report.hierarchy
    assert project.codes.find("Coke/diet Coke") is not None
    assert "and/or" in {c.name for c in project.codes.list()}  # ‘and’ is no code: kept whole
    assert _coded(project) == [("diet Coke", "some", "Ana")]


def test_flat_names_keeps_them_whole(project, tmp_path):
    codes = f'<Code guid="{C1}" name="Coke::diet Coke"/><Code guid="{C2}" name="Coke"/>'
    import_refi_project(project, make_qdpx(tmp_path / "p.qdpx", b"x y", codes=codes), flat_names=True)
    assert {c.name for c in project.codes.list()} == {"Coke::diet Coke", "Coke"}


def test_a_selection_unlike_its_text_is_reported_with_its_position(project, tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", b"short text",
                     _selection(1, 3, 8) + _selection(2, 0, 5, C3, name="something else"))
    report = import_refi_project(project, path)
    assert report.codings == 2
    assert any("characters 0–5" in line and "does not match" in line for line in report.not_read)


def test_a_selection_past_the_end_of_its_text_is_left_out_and_reported(project, tmp_path):
    """One selection a final newline too long must not block a whole project from another tool."""
    path = make_qdpx(tmp_path / "p.qdpx", b"short text", _selection(1, 3, 50) + _selection(2, 0, 5, C3))
    report = import_refi_project(project, path)
    assert report.codings == 1
    assert any("characters 3–50" in line and "outside" in line for line in report.not_read)


def test_a_selection_no_text_can_hold_refuses_the_file_changing_nothing(project, tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", b"short text", _selection(1, 8, 3) + _selection(2, 0, 5, C3))
    with pytest.raises(ImportRefused, match="at characters 8 to 3 starts after it ends"):
        import_refi_project(project, path)
    assert project.documents.list() == [] and project.codes.list() == []


def test_text_from_the_word_file_when_the_plain_text_is_empty(project, tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("Interviewer: How was breakfast?")
    doc.add_paragraph("Ana: Lovely toast.")
    doc.save(tmp_path / "s1.docx")
    text = "Interviewer: How was breakfast?\nAna: Lovely toast."
    start = text.index("toast")
    path = make_qdpx(tmp_path / "p.qdpx", b"\n", _selection(1, start, start + 5, name="toast"),
                     rich=(tmp_path / "s1.docx").read_bytes())
    report = import_refi_project(project, path)
    assert _coded(project) == [("Breakfast", "toast", "Ana")]
    assert any("DOCX file" in line for line in report.not_read)


def test_cases_notes_and_unsupported_sources(project, tmp_path):
    v1, v2, case, note1, note2 = (f"66666666-6666-6666-6666-00000000000{i}" for i in range(5))
    extra = (f'<Variables><Variable guid="{v1}" name="age" typeOfVariable="Integer"/>'
             f'<Variable guid="{v2}" name="role" typeOfVariable="Text"/></Variables>'
             f'<Cases><Case guid="{case}" name="P01"><VariableValue><VariableRef targetGUID="{v1}"/>'
             f'<IntegerValue>42</IntegerValue></VariableValue><VariableValue><VariableRef targetGUID="{v2}"/>'
             f'<TextValue>nurse</TextValue></VariableValue><SourceRef targetGUID="{S1}"/></Case></Cases>')
    notes = (f'<Notes><Note guid="{note1}" name="Plan"><PlainTextContent>Our plan</PlainTextContent></Note>'
             f'<Note guid="{note2}" name="On toast"><PlainTextContent>Crunchy</PlainTextContent></Note></Notes>'
             '<Sets><Set guid="77777777-7777-7777-7777-777777777777" name="Group"/></Sets><Whatever/>')
    qdpx = make_qdpx(tmp_path / "p.qdpx", b"toast and tea",
                     _selection(1, 0, 5, extra=f"<Description>why toast?</Description><NoteRef targetGUID=\"{note2}\"/>"),
                     extra=extra + notes)
    # put an audio source next to the text source
    with zipfile.ZipFile(qdpx) as z:
        qde = z.read("project.qde").decode().replace(
            "</Sources>", '<AudioSource guid="88888888-8888-8888-8888-888888888888" name="tape"/></Sources>')
        members = {n: z.read(n) for n in z.namelist()}
    members["project.qde"] = qde.encode()
    with zipfile.ZipFile(qdpx, "w") as z:
        for n, data in members.items():
            z.writestr(n, data)
    report = import_refi_project(project, qdpx)
    participant = project.participants.get("P01")
    assert participant.attributes == {"age": 42, "role": "nurse"}
    assert project.documents.participant_label(project.documents.list()[0].id) == "P01"
    notes_here = project.notes.for_document(project.documents.list()[0].id)
    assert sorted(n.text for n in notes_here) == ["On toast\nCrunchy", "why toast?"]
    assert "Our plan" in project.notes.memo().text
    assert any(line.startswith("audio sources") for line in report.not_read)
    assert any("Whatever" in line for line in report.not_read)
    assert any("sets" in line for line in report.not_read)


def test_into_an_existing_project_codes_and_documents_are_reused(project, tmp_path):
    project.codes.create("Breakfast")
    path = make_qdpx(tmp_path / "p.qdpx", b"hello world", _selection(1, 0, 5))
    import_refi_project(project, path)
    report = import_refi_project(project, path)
    assert report.documents == 0 and report.documents_reused == 1 and report.codings == 0
    assert len(project.documents.list()) == 1
    assert [c.name for c in project.codes.list()].count("Breakfast") == 1


def test_a_refused_import_leaves_the_project_unchanged(project, tmp_path):
    path = make_qdpx(tmp_path / "p.qdpx", b"hello", _selection(1, 0, 5) + _selection(1, 0, 3))  # repeated guid
    with pytest.raises(ImportRefused, match="guid"):
        import_refi_project(project, path)
    assert project.codes.list() == [] and project.documents.list() == []


@pytest.mark.skipif(not INTEROP.is_dir(), reason="the shared interop samples are not here")
def test_the_real_atlas_ti_sample(project):
    report = import_refi_project(project, INTEROP / "atlasti-sample.qdpx")
    assert report.codes == 14 and report.documents == 0  # its Sources/ folder is empty
    assert project.codes.find("Coke/diet Coke") is not None
    assert any("Mabel.txt" in line and "without its text" in line for line in report.not_read)
    assert any(line.startswith("pdf sources") for line in report.not_read)
    assert report.memos == 2


@pytest.mark.skipif(not INTEROP.is_dir(), reason="the shared interop samples are not here")
def test_the_real_nvivo_sample(project):
    report = import_refi_project(project, INTEROP / "nvivo-mac-15.0.0-sample.qdpx")
    assert report.codes == 262
    assert project.codes.find("rq1_definition/competencies/programming") is not None
    assert sum("holds no text" in line for line in report.not_read) == 2  # its .txt and .docx are both empty


def test_a_set_of_sources_becomes_a_yes_no_attribute_and_a_set_of_codes_is_reported(project, tmp_path):
    """NVivo's "Managers" set of interviews: the participants can be compared and filtered by it."""
    g = "66666666-6666-6666-6666-{:012d}".format
    qde = (f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Sets">'
           f'<CodeBook><Codes><Code guid="{C1}" name="Pay"/></Codes></CodeBook>'
           f'<Cases><Case guid="{g(1)}" name="Ann"><SourceRef targetGUID="{g(11)}"/></Case>'
           f'<Case guid="{g(2)}" name="Ben"><SourceRef targetGUID="{g(12)}"/></Case>'
           f'<Case guid="{g(3)}" name="Cat"><SourceRef targetGUID="{g(13)}"/></Case></Cases>'
           '<Sources>' + "".join(f'<TextSource guid="{g(10 + i)}" name="{who}" plainTextPath="internal://{who}.txt"/>'
                                 for i, who in ((1, "Ann"), (2, "Ben"), (3, "Cat"))) + '</Sources>'
           f'<Sets><Set guid="{g(21)}" name="Managers"><MemberSource targetGUID="{g(11)}"/>'
           f'<MemberSource targetGUID="{g(13)}"/></Set>'
           f'<Set guid="{g(22)}" name="Money codes"><MemberCode targetGUID="{C1}"/></Set></Sets></Project>')
    path = tmp_path / "sets.qdpx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("project.qde", qde)
        for who in ("Ann", "Ben", "Cat"):
            z.writestr(f"Sources/{who}.txt", f"{who}: my pay is fine.\n")
    report = import_refi_project(project, path)
    assert report.documents == 3
    managers = {p.pseudonym: p.attributes.get("Managers") for p in project.participants.list()}
    assert managers == {"Ann": "yes", "Ben": "no", "Cat": "yes"}
    assert "set ‘Managers’ → attribute ‘Managers’: yes for 2 of 3 participants" in report.summary()
    assert any("‘Money codes’" in line for line in report.not_read)


def test_notes_and_memos_keep_their_author(project, tmp_path):
    """Ana's note in NVivo is Ana's in qualcode, not the importing researcher's."""
    from sqlalchemy import select

    from qualcode.store.schema import CoderRow, MemoRow, NoteRow

    note, memo = "77777777-7777-7777-7777-000000000001", "77777777-7777-7777-7777-000000000002"
    notes = (f'<Notes><Note guid="{note}" name="Linguistic note" creatingUser="{U1}">'
             f'<PlainTextContent>toast as comfort</PlainTextContent></Note>'
             f'<Note guid="{memo}" name="About Mood" creatingUser="{U1}">'
             f'<PlainTextContent>a code for feelings</PlainTextContent></Note></Notes>')
    codes = (f'<Code guid="{C1}" name="Breakfast"/><Code guid="{C3}" name="Mood"><NoteRef targetGUID="{memo}"/>'
             '</Code>')
    path = make_qdpx(tmp_path / "p.qdpx", b"toast and tea",
                     _selection(1, 0, 5, extra=f'<NoteRef targetGUID="{note}"/>'), codes=codes, extra=notes)
    report = import_refi_project(project, path)
    assert report.notes == 1 and report.memos == 1
    with project.read() as s:
        authors = set(s.scalars(select(CoderRow.name).join(NoteRow, NoteRow.coder_id == CoderRow.id)))
        memo_authors = set(s.scalars(select(CoderRow.name).join(MemoRow, MemoRow.coder_id == CoderRow.id)))
    assert authors == {"Ana"} and memo_authors == {"Ana"}
    assert project.coder_name != "Ana"
