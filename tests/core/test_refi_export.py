"""``qualcode export P project -o X.qdpx`` / ``codebook -o X.qdc``: valid REFI-QDA files that hold the project.

Both sample projects are exported and validated against the standard's
schemas, positions are checked against a transcript read from a file with a
BOM and CRLF line ends, and an export is imported into a new project to see
the same documents, codes, codings with their coders, and participants.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample

from qualcode.cli import main
from qualcode.core.exchange.outgoing import export_qdc, export_qdpx
from qualcode.core.project import Project
from qualcode.store.schema import CodingRow, ParticipantRow

xmlschema = pytest.importorskip("xmlschema")
SCHEMAS = Path(__file__).resolve().parents[1] / "io" / "data" / "refi"
P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("refi-export")
    return {kind: sample(kind, folder / f"{kind}.qualcode") for kind in ("interviews", "survey")}


def _qde(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("project.qde")


def _selections(path: Path) -> list[tuple[str, str]]:
    """(code guid, the selected text as another tool reads it from sources/) for every coding."""
    out = []
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("project.qde"))
        for source in root.iter(f"{P}TextSource"):
            text = archive.read("sources/" + source.get("plainTextPath").removeprefix("internal://")).decode("utf-8")
            for selection in source.iter(f"{P}PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                out += [(ref.get("targetGUID"), text[start:end]) for ref in selection.iter(f"{P}CodeRef")]
    return out


@pytest.mark.parametrize("kind", ["interviews", "survey"])
def test_each_sample_exports_a_valid_project_and_codebook(samples, tmp_path, capsys, kind):
    qdpx, qdc = tmp_path / f"{kind}.qdpx", tmp_path / f"{kind}.qdc"
    assert main(["export", str(samples[kind]), "project", "-o", str(qdpx)]) == 0
    assert main(["export", str(samples[kind]), "codebook", "-o", str(qdc)]) == 0
    assert f"Wrote {qdpx}" in capsys.readouterr().out
    data = _qde(qdpx)
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(io.BytesIO(data))
    xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd")).validate(str(qdc))
    root = ElementTree.fromstring(data)
    with Project.open(samples[kind], read_only=True) as project:
        documents = project.documents.list()
        codes = project.codes.list()
        with project.read() as s:
            codings = s.scalar(select(func.count(CodingRow.id)))
            cases = s.scalar(select(func.count(ParticipantRow.id)))
        texts = {d.guid: project.documents.text(d.id) for d in documents}
    assert len(root.findall(f"{P}Sources/{P}TextSource")) == len(documents)
    assert len(root.findall(f".//{P}Coding")) == codings > 0
    assert len(root.findall(f".//{P}CodeBook//{P}Code")) == len(codes)
    assert len(ElementTree.parse(qdc).getroot().findall(f".//{C}Code")) == len(codes)
    assert len(root.findall(f"{P}Cases/{P}Case")) == cases > 0
    with zipfile.ZipFile(qdpx) as archive:  # each source file is the document's text, unchanged
        for source in root.iter(f"{P}TextSource"):
            member = "sources/" + source.get("plainTextPath").removeprefix("internal://")
            assert archive.read(member).decode("utf-8") == texts[source.get("guid")]


def test_theme_roles_become_sets_of_codes(samples, tmp_path):
    out = tmp_path / "i.qdpx"
    with Project.open(samples["interviews"], read_only=True) as project:
        export_qdpx(project, out)
        themes = {c.guid for c in project.codes.list() if c.role.value == "theme"}
    assert themes
    sets = {s.findtext(f"{P}Description"): {m.get("targetGUID") for m in s.iter(f"{P}MemberCode")}
            for s in ElementTree.fromstring(_qde(out)).iter(f"{P}Set")}
    assert sets["qualcode role: theme"] == themes


def test_positions_hold_for_a_file_with_bom_crlf_combining_characters_and_emoji(project, tmp_path):
    from qualcode.core.transcripts.importing import import_transcripts

    lines = ["Interviewer: How was the cafe\u0301?", "Maya: The cafe\u0301 was 😀 lovely, 👩‍👩‍👧 came too.",
             "Interviewer: And then?", "Maya: Then we walked home."]
    source = tmp_path / "maya.txt"
    source.write_bytes(b"\xef\xbb\xbf" + "\r\n\r\n".join(lines).encode("utf-8"))
    import_transcripts(project, [source])
    document = project.documents.list()[0]
    text = project.documents.text(document.id)
    code = project.codes.create("Places")
    words = ["cafe\u0301 was 😀 lovely", "👩‍👩‍👧", "walked home"]
    for word in words:
        start = text.index(word)
        project.coding.apply(document.id, start, start + len(word), code.id)
    out = tmp_path / "p.qdpx"
    export_qdpx(project, out)
    assert sorted(t for _, t in _selections(out)) == sorted(words)


def test_notes_and_memos_are_notes_referred_to_from_what_they_are_on(transcript_project, tmp_path):
    project, document = transcript_project
    text = project.documents.text(document.id)
    start = text.index("production line")
    code = project.codes.create("Production line", colour="#aa3366")
    project.coding.apply(document.id, start, start + 15, code.id)
    project.notes.add(document.id, start, start + 15, "a factory image", kind="linguistic")
    project.notes.set_memo("why this code", code_id=code.id)
    project.notes.set_memo("first interview", document_id=document.id)
    project.notes.set_memo("reflexive journal")
    out = tmp_path / "p.qdpx"
    export_qdpx(project, out)
    root = ElementTree.fromstring(_qde(out))
    notes = {n.get("guid"): (n.get("name"), n.findtext(f"{P}PlainTextContent")) for n in root.iter(f"{P}Note")}
    def referred(element):
        return [notes[r.get("targetGUID")] for r in element.findall(f"{P}NoteRef")]
    assert referred(root.find(f".//{P}PlainTextSelection")) == [("Linguistic note", "a factory image")]
    assert referred(root.find(f".//{P}CodeBook/{P}Codes/{P}Code"))[0][1] == "why this code"
    assert referred(root.find(f".//{P}TextSource"))[0][1] == "first interview"
    assert referred(root)[0][1] == "reflexive journal"
    case = root.find(f"{P}Cases/{P}Case")
    assert case.get("name") == "Maya" and case.find(f"{P}SourceRef").get("targetGUID") == document.guid


def test_the_codebook_alone(samples, tmp_path):
    out = tmp_path / "codes.qdc"
    with Project.open(samples["survey"], read_only=True) as project:
        assert export_qdc(project, out) == []
        paths = {tuple(project.codes.path(c.id)) for c in project.codes.list()}
    found = set()

    def walk(element, above):
        for code in element.findall(f"{C}Code"):
            found.add((*above, code.get("name")))
            walk(code, (*above, code.get("name")))
    walk(ElementTree.parse(out).getroot().find(f"{C}Codes"), ())
    assert found == paths


def test_the_command_refuses_another_suffix_and_the_project_itself(samples, tmp_path, capsys):
    assert main(["export", str(samples["survey"]), "project", "-o", str(tmp_path / "p.docx")]) != 0
    assert ".qdpx" in capsys.readouterr().err
    before = samples["survey"].read_bytes()
    assert main(["export", str(samples["survey"]), "project", "-o", str(samples["survey"]),
                 "--format", "qdpx"]) != 0
    assert samples["survey"].read_bytes() == before


def test_ipa_levels_personal_themes_on_their_case_and_group_themes_linking_them(transcript_project, tmp_path):
    from qualcode.store.schema import CodeRow, ThemeLinkRow

    project, _ = transcript_project
    maya = project.participants.get("Maya")
    group = project.codes.create("Relentless demand", role="theme")
    with project.transaction() as s:
        personal = CodeRow(name="Feeling like a machine", role="personal", participant_id=maya.id)
        s.add(personal)
        s.flush()
        s.add(ThemeLinkRow(group_id=group.id, personal_id=personal.id))
        personal_guid = personal.guid
    out = tmp_path / "p.qdpx"
    export_qdpx(project, out)
    data = _qde(out)
    xmlschema.XMLSchema(str(SCHEMAS / "Project.xsd")).validate(io.BytesIO(data))
    root = ElementTree.fromstring(data)
    case = root.find(f"{P}Cases/{P}Case")
    assert [r.get("targetGUID") for r in case.findall(f"{P}CodeRef")] == [personal_guid]
    link = root.find(f"{P}Links/{P}Link")
    assert (link.get("originGUID"), link.get("targetGUID")) == (group.guid, personal_guid)
    sets = {s.findtext(f"{P}Description"): [m.get("targetGUID") for m in s.iter(f"{P}MemberCode")]
            for s in root.iter(f"{P}Set")}
    assert sets["qualcode role: personal"] == [personal_guid] and sets["qualcode role: theme"] == [group.guid]
