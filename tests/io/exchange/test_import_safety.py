"""Hostile and broken .qdpx files through ``qualcode import P X.qdpx`` (issue #14 item 5).

Each is refused before anything is written: exit status 2, one line naming
the file and the problem, no traceback, and the project file exactly as it
was (its bytes, and its SQL dump).  The files are made here, byte by byte
where a zip must lie about itself.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hostile_files import DOCTYPE, MB, Member, zip_bytes

from qualcode.cli import main

USER = "11111111-1111-4111-8111-111111111111"
CODE = "22222222-2222-4222-8222-222222222222"
SOURCE = "44444444-4444-4444-4444-444444444444"
TEXT = "Interviewer: How was the first week?\nMaya: I felt lost, then the team helped.\n"


def _selection(start: object, end: object, n: int = 1, coding: str | None = None) -> str:
    coding_guid = "" if coding == "" else f' guid="{coding or f"66666666-6666-4666-8666-{n:012d}"}"'
    return (f'<PlainTextSelection guid="55555555-5555-4555-8555-{n:012d}" startPosition="{start}" '
            f'endPosition="{end}"><Coding{coding_guid} creatingUser="{USER}"><CodeRef targetGUID="{CODE}"/>'
            "</Coding></PlainTextSelection>")


def _qde(selections: str = "", *, doctype: str = "", codes: str = "", sources: str | None = None,
         name: str = "Study") -> bytes:
    codes = codes or f'<Code guid="{CODE}" name="Feeling lost" isCodable="true"/>'
    if sources is None:
        sources = (f'<TextSource guid="{SOURCE}" name="maya.txt" plainTextPath="internal://{SOURCE}.txt">'
                   f"{selections}</TextSource>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<Project xmlns="urn:QDA-XML:project:1.0" '
            f'name="{name}"><Users><User guid="{USER}" name="Sam"/></Users><CodeBook><Codes>{codes}</Codes>'
            f"</CodeBook><Sources>{sources}</Sources></Project>").encode()


def _qdpx(qde: bytes, *extra: Member, text: bytes = TEXT.encode()) -> bytes:
    return zip_bytes([Member("project.qde", qde), Member(f"sources/{SOURCE}.txt", text), *extra])


def _two_sources(second_guid: str | None) -> str:
    guid = "" if second_guid is None else f' guid="{second_guid}"'
    return (f'<TextSource guid="{SOURCE}" name="maya.txt" plainTextPath="internal://{SOURCE}.txt"/>'
            f'<TextSource{guid} name="ravi.txt" plainTextPath="internal://{SOURCE}.txt"/>')


LENGTH = len(TEXT)
HOSTILE: dict[str, tuple[bytes, str]] = {
    "dot-dot.qdpx": (_qdpx(_qde(), Member("../../evil.txt", b"x")),
                     "it holds a member named ‘../../evil.txt’, which points outside the project"),
    "dot-dot-inside.qdpx": (_qdpx(_qde(), Member("sources/../../evil.txt", b"x")),
                            "it holds a member named ‘sources/../../evil.txt’, which points outside"),
    "absolute.qdpx": (_qdpx(_qde(), Member("/etc/evil.txt", b"x")),
                      "it holds a member named ‘/etc/evil.txt’, which points outside the project"),
    "drive.qdpx": (_qdpx(_qde(), Member("C:/Users/evil.txt", b"x")),
                   "it holds a member named ‘C:/Users/evil.txt’, which points outside the project"),
    "drive-backslash.qdpx": (_qdpx(_qde(), Member("C:\\evil.txt", b"x")),
                             "it holds a member named ‘C:\\evil.txt’, which points outside the project"),
    "backslash-dot-dot.qdpx": (_qdpx(_qde(), Member("..\\evil.txt", b"x")),
                               "it holds a member named ‘..\\evil.txt’, which points outside the project"),
    "doctype.qdpx": (_qdpx(_qde(doctype=DOCTYPE, name="&secret;")),
                     "the file contains a DOCTYPE/entity declaration (in project.qde), which qualcode does not read"),
    "bomb.qdpx": (_qdpx(_qde(), Member("sources/padding.txt", zeros=300 * MB)),
                  "it unzips to 300 MB; qualcode reads packages of up to 200 MB unzipped"),
    "forged-source-size.qdpx": (zip_bytes([Member("project.qde", _qde()),
                                           Member(f"sources/{SOURCE}.txt", TEXT.encode(), declared=10)]),
                                f"the file is damaged: sources/{SOURCE}.txt"),
    "forged-project-size.qdpx": (zip_bytes([Member("project.qde", _qde(), declared=12),
                                            Member(f"sources/{SOURCE}.txt", TEXT.encode())]),
                                 "the file is damaged: project.qde"),
    "malformed.qdpx": (_qdpx(_qde()[:-20]), "project.qde is not valid XML (no element found: line 2"),
    "not-qda-xml.qdpx": (_qdpx(b'<?xml version="1.0"?><Project name="x"/>'),
                         "project.qde is not a QDA-XML project (urn:QDA-XML:project:1.0)"),
    "no-project.qdpx": (zip_bytes([Member(f"sources/{SOURCE}.txt", TEXT.encode())]),
                        "not a REFI-QDA project: it holds no project.qde"),
    "not-a-zip.qdpx": (b"PK but not really a zip", "not a REFI-QDA project (.qdpx is a zip file, and this is not one)"),
    "position-text.qdpx": (_qdpx(_qde(_selection("ten", 20))),
                           "a text selection in ‘maya.txt’ has startPosition=\"ten\", which is not a character "
                           "position (a whole number)"),
    "negative.qdpx": (_qdpx(_qde(_selection(-5, 10))),
                      "the text selection in ‘maya.txt’ at characters -5 to 10 starts before the text; "
                      "the file does not match its own text"),
    "start-after-end.qdpx": (_qdpx(_qde(_selection(40, 12))),
                             "the text selection in ‘maya.txt’ at characters 40 to 12 starts after it ends"),
    "duplicate-code-guid.qdpx": (_qdpx(_qde(codes=f'<Code guid="{CODE}" name="A"/><Code guid="{CODE.upper()}" '
                                                  'name="B"/>')),
                                 f"two codes have the guid {CODE} (‘A’ and ‘B’); each guid must be unique"),
    "duplicate-coding-guid.qdpx": (_qdpx(_qde(_selection(0, 10, 1, coding=CODE) + _selection(20, 30, 2, coding=CODE))),
                                   f"two codings have the guid {CODE}"),
    "duplicate-source-guid.qdpx": (_qdpx(_qde(sources=_two_sources(SOURCE))),
                                   f"two sources have the guid {SOURCE} (‘maya.txt’ and ‘ravi.txt’)"),
    "missing-code-guid.qdpx": (_qdpx(_qde(codes='<Code name="Pay" isCodable="true"/>')),
                               "the code ‘Pay’ has no guid; every code in a REFI-QDA project needs one"),
    "missing-coding-guid.qdpx": (_qdpx(_qde(_selection(0, 10, coding=""))),
                                 "the coding in ‘maya.txt’ at characters 0 to 10 has no guid"),
    "missing-source-guid.qdpx": (_qdpx(_qde(sources=_two_sources(None))),
                                 "the source ‘ravi.txt’ has no guid"),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project with a transcript, codes and a coding already in it: the import must not touch them."""
    folder = tmp_path_factory.mktemp("template")
    path, transcript = folder / "p.qualcode", folder / "ravi.txt"
    transcript.write_text("Ravi: Nobody explained the rota to me.\n", encoding="utf-8")
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(transcript)]) == 0
    return path


def _dump(project: Path) -> list[str]:
    with sqlite3.connect(project) as connection:
        return list(connection.iterdump())


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_or_broken_qdpx_is_refused_in_one_line_leaving_the_project_as_it_was(
        template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> None:
    content, expected = HOSTILE[name]
    project, file = tmp_path / "p.qualcode", tmp_path / name
    project.write_bytes(template.read_bytes())
    file.write_bytes(content)
    before_bytes, before_dump = project.read_bytes(), _dump(project)
    capsys.readouterr()
    status = main(["import", str(project), str(file)])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"qualcode: {name}: "), err
    assert expected in lines[0], err
    assert project.read_bytes() == before_bytes
    assert _dump(project) == before_dump


def test_a_selection_past_the_end_of_a_text_read_from_a_word_file_is_left_out_and_reported(
        template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word's text is re-read, not the file's own: positions may drift, so they are reported, not refused."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from hostile_files import docx_package

    project, file = tmp_path / "p.qualcode", tmp_path / "word.qdpx"
    project.write_bytes(template.read_bytes())
    source = (f'<TextSource guid="{SOURCE}" name="maya.docx" plainTextPath="internal://{SOURCE}.txt" '
              f'richTextPath="internal://{SOURCE}.docx">{_selection(0, 5)}{_selection(3, 5000, 2)}</TextSource>')
    file.write_bytes(zip_bytes([Member("project.qde", _qde(sources=source)), Member(f"sources/{SOURCE}.txt", b"\n"),
                                Member(f"sources/{SOURCE}.docx", docx_package("Maya: I felt lost."))]))
    capsys.readouterr()
    assert main(["import", str(project), str(file)]) == 0
    out = capsys.readouterr().out
    assert "1 codings" in out
    assert "selection in ‘maya.docx’ at characters 3–5000 lies outside its text" in out
