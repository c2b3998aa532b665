"""The REFI-QDA writer on values made by hand: valid files, exact positions, names with any character."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from pathlib import Path
from xml.etree import ElementTree

import pytest

from qualcode.io.exchange.qda_xml.codebook_file import NothingToExport, codebook_xml
from qualcode.io.exchange.qda_xml.project_file import project_xml, write_qdpx
from qualcode.io.exchange.qda_xml.values import (
    ExportedCase,
    ExportedCode,
    ExportedCoder,
    ExportedCoding,
    ExportedDocument,
    ExportedNote,
    ExportedProject,
    ExportedSet,
)
from qualcode.io.output import OutputRefused

xmlschema = pytest.importorskip("xmlschema")
SCHEMAS = Path(__file__).parent / "data" / "refi"
P = "{urn:QDA-XML:project:1.0}"
ANN = "0a2b3c4d-0000-4000-8000-000000000001"
ODD_NAMES = ['Quotes "double" and \'single\'', "<b>tags</b> & ampersands", "Coke::diet Coke", "a/b\\c",
             "Cafe\u0301 😀 👩‍👩‍👧", "עברית and العربية", "  spaces  kept  ", "tab\there", "x" * 500, "]]>"]


def _valid(data: bytes, schema: str) -> None:
    xmlschema.XMLSchema(str(SCHEMAS / schema)).validate(io.BytesIO(data))


def _project(text: str, spans: list[tuple[int, int]]) -> ExportedProject:
    codes = [ExportedCode("c-top", "Top", colour="#112233", description="About the top.", inclusion="when x"),
             ExportedCode("c-child", "Child", "c-top", role="subtheme", colour="red")]
    return ExportedProject(
        "Study", [ExportedCoder(ANN, "Ann")], codes,
        [ExportedDocument("d-1", "Interview 1", text, datetime(2024, 5, 1, 9, 30))],
        [ExportedCoding(f"k-{i}", "d-1", "c-child", a, b, ANN, datetime(2024, 5, 2)) for i, (a, b) in enumerate(spans)],
        [ExportedNote("n-1", "Descriptive note", "on the span", ANN, None, "d-1", None, *spans[0]),
         ExportedNote("n-2", "Memo on ‘Top’", "a code memo", code_guid="c-top"),
         ExportedNote("n-3", "Project memo", "the journal")],
        {"age": "number", "joined": "date", "role": "category"},
        [ExportedCase("p-1", "Maya", ("d-1",), (("age", "34"), ("joined", "2020-02-29"), ("role", "PWP")))],
        [ExportedSet("s-1", "Sub-themes", "qualcode role: subtheme", ("c-child",))])


def _selected(path: Path) -> list[tuple[str, int, int]]:
    """Each selection's text as another tool finds it: the source file's code points [start:end]."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        out = []
        for source in root.iter(f"{P}TextSource"):
            member = "sources/" + source.get("plainTextPath", "").removeprefix("internal://")
            text = archive.read(member).decode("utf-8")
            for selection in source.iter(f"{P}PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                out.append((text[start:end], start, end))
    return out


def test_the_project_file_validates_and_keeps_everything_in_its_place(tmp_path):
    text = "Interviewer: How is work?\nMaya: Relentless."
    start = text.index("Relentless")
    data, warnings = project_xml(_project(text, [(start, start + 10)]))
    _valid(data, "Project.xsd")
    assert warnings == []
    root = ElementTree.fromstring(data)
    assert [child.tag.removeprefix(P) for child in root] == [
        "Users", "CodeBook", "Variables", "Cases", "Sources", "Notes", "Sets", "NoteRef"]
    top = root.find(f"{P}CodeBook/{P}Codes/{P}Code")
    assert top.get("color") == "#112233" and top.find(f"{P}Code").get("name") == "Child"
    assert top.find(f"{P}Code").get("color") is None  # "red" is no #RRGGBB: the other tool picks one
    assert top.findtext(f"{P}Description") == "About the top.\n\nInclusion: when x"
    variables = {v.get("name"): v.get("typeOfVariable") for v in root.iter(f"{P}Variable")}
    assert variables == {"age": "Integer", "joined": "Date", "role": "Text"}
    assert root.find(f"{P}Variables/{P}Variable[@name='role']").findtext(f"{P}Description") == \
        "qualcode attribute type: category"  # REFI-QDA has no category; the type is kept for a reader
    selection = root.find(f".//{P}PlainTextSelection")
    assert selection.find(f"{P}Coding").get("creatingUser") == ANN
    notes = {n.get("guid"): n for n in root.iter(f"{P}Note")}
    assert selection.find(f"{P}NoteRef").get("targetGUID") in notes
    assert root.find(f"{P}NoteRef").get("targetGUID") in notes  # the project memo, on the project
    assert top.find(f"{P}NoteRef") is not None  # the code memo, on its code


def test_positions_are_code_points_with_combining_characters_and_emoji(tmp_path):
    text = "Cafe\u0301 au lait 😀 then 👩‍👩‍👧 family\nnext line: ok"
    words = ["Cafe\u0301", "lait", "😀", "👩‍👩‍👧 family", "ok"]
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    out = tmp_path / "p.qdpx"
    write_qdpx(_project(text, spans), out)
    assert sorted(t for t, _, _ in _selected(out)) == sorted(words)
    with zipfile.ZipFile(out) as archive:
        raw = archive.read(next(n for n in archive.namelist() if n.startswith("sources/")))
    assert not raw.startswith(b"\xef\xbb\xbf") and raw.decode("utf-8") == text  # UTF-8, no BOM, unchanged


def test_a_span_outside_its_text_is_left_out_and_said():
    data, warnings = project_xml(_project("short", [(0, 5), (3, 99)]))
    _valid(data, "Project.xsd")
    assert len(ElementTree.fromstring(data).findall(f".//{P}Coding")) == 1
    assert any("outside" in w for w in warnings)


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_code_name_with_any_character_survives(name):
    codes = [ExportedCode("c-1", name, description=name)]
    project = ExportedProject(name, codes=codes)
    data, warnings = project_xml(project)
    _valid(data, "Project.xsd")
    code = ElementTree.fromstring(data).find(f"{P}CodeBook/{P}Codes/{P}Code")
    assert code.get("name") == name and code.findtext(f"{P}Description") == name.strip() and warnings == []
    book, _ = codebook_xml(codes)
    _valid(book, "Codebook.xsd")
    assert ElementTree.fromstring(book).find("{urn:QDA-XML:codebook:1.0}Codes/*").get("name") == name


def test_control_characters_xml_cannot_hold_are_replaced_and_reported():
    data, warnings = project_xml(ExportedProject("p", codes=[ExportedCode("c-1", "bell\x07 here")]))
    _valid(data, "Project.xsd")
    assert ElementTree.fromstring(data).find(f".//{P}Code").get("name") == "bell\ufffd here"
    assert warnings and "bell" in warnings[0]


def test_guids_that_are_not_standard_are_replaced_consistently():
    project = _project("some text here", [(0, 4)])
    data, _ = project_xml(project)
    root = ElementTree.fromstring(data)
    child = root.find(f".//{P}Code/{P}Code").get("guid")
    assert root.find(f".//{P}CodeRef").get("targetGUID") == child  # "c-child" became one guid everywhere
    assert root.find(f"{P}Sets/{P}Set/{P}MemberCode").get("targetGUID") == child


def test_the_codebook_file_validates_with_its_sets():
    project = _project("x", [(0, 1)])
    data, _ = codebook_xml(project.codes, project.sets)
    _valid(data, "Codebook.xsd")
    root = ElementTree.fromstring(data)
    member = root.find("{urn:QDA-XML:codebook:1.0}Sets/*/{urn:QDA-XML:codebook:1.0}MemberCode")
    assert member.get("guid") == root.find(".//{urn:QDA-XML:codebook:1.0}Code/{urn:QDA-XML:codebook:1.0}Code").get("guid")


def test_an_empty_codebook_is_refused_in_one_line():
    with pytest.raises(NothingToExport, match="no codes"):
        codebook_xml([])


def test_an_empty_project_still_validates():
    data, _ = project_xml(ExportedProject("Empty"))
    _valid(data, "Project.xsd")


def test_never_written_over_what_it_reads(tmp_path):
    source = tmp_path / "study.qualcode"
    source.write_bytes(b"x")
    with pytest.raises(OutputRefused):
        write_qdpx(ExportedProject("p"), source, reads=(source,))
    assert source.read_bytes() == b"x"


@pytest.mark.parametrize("fields", [
    {"description": "Feeling out of place.", "inclusion": "Said of oneself.", "exclusion": "", "example": "I felt lost"},
    {"description": "", "inclusion": "", "exclusion": "Others' feelings.\n\nAlso rumours.", "example": ""},
    {"description": "First.\n\nSecond paragraph: an Example: in passing.", "inclusion": "a", "exclusion": "b",
     "example": "c"},
    {"description": "", "inclusion": "", "exclusion": "", "example": ""},
])
def test_criteria_read_back_what_description_wrote(fields):
    from qualcode.io.exchange.qda_xml.elements import criteria, description

    code = ExportedCode("g", "Lost", **fields)
    assert criteria(description(code)) == fields
