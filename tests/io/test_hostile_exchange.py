"""Malformed exchange files through ``qualcode import --codebook``, ``accept`` and ``merge``.

Every file is made at test time (see ``hostile_exchange_files.py``):
codebook and suggestion JSON of the wrong shape, 20,000-deep nesting, files
that are not UTF-8, ``.qdpx`` projects with positions that are no numbers,
repeated or missing GUIDs, a binary source, a forged size.  Each refusal is
exit status 2 with one line naming the file and the place of the problem,
no traceback, the project unchanged (a full SQL dump compared).  Most run
in-process through ``qualcode.cli.main`` (fast); the deepest and largest
also run as a real process, within 30 s and 1 GB.  What a merge can read
around (positions outside the text, a source type qualcode does not know, a
source in Windows-1252) is merged, with each left-out piece in the report.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest
from hostile_exchange_files import MAYA, codebook_files, deep_path_codebook_xlsx, qdpx_files, suggestion_files
from test_hostile_input import assert_refused, dump

from qualcode.cli import main


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("exchange")
    for prefix, made in (("codebook-", codebook_files()), ("suggestion-", suggestion_files()), ("", qdpx_files())):
        for name, content in made.items():
            (folder / f"{prefix}{name}").write_bytes(content)
    (folder / "codebook-deep-path.xlsx").write_bytes(deep_path_codebook_xlsx())
    return folder


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("project") / "p.qualcode"
    assert main(["init", str(path)]) == 0
    assert main(["import", str(path), str(MAYA)]) == 0
    return path


@pytest.fixture
def study(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.qualcode"
    path.write_bytes(template.read_bytes())
    return path


def refused(capsys: pytest.CaptureFixture[str], command: str, project: Path, file: Path, *options: str) -> str:
    """The one line ``qualcode COMMAND PROJECT FILE`` refuses with; the project is left as it was."""
    before = dump(project)
    capsys.readouterr()
    started = time.monotonic()
    status = main([command, str(project), str(file), *options])
    err = capsys.readouterr().err
    assert status == 2, err
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert len(err.strip().splitlines()) == 1, err
    assert dump(project) == before
    assert time.monotonic() - started < 30
    return err.strip()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("version-text.json", "version is not a whole number (it is text)"),
        ("version-nan.json", "is not valid JSON (NaN is not a JSON number)"),
        ("codes-object.json", "codes is not a list (it is an object)"),
        ("name-number.json", "codes[1].name is not text (it is a number)"),
        ("name-object.json", "codes[0].name is not text (it is an object)"),
        ("role-list.json", "codes[0].role is not text (it is a list)"),
        ("colour-number.json", "codes[0].colour is not text (it is a number)"),
        ("description-list.json", "codes[0].children[0].description is not text (it is a list)"),
        ("children-text.json", "codes[0].children is not a list (it is text)"),
        ("codebook-name-list.json", "name is not text (it is a list)"),
        ("deep.json", "is nested too deeply to be a codebook or a suggestion"),
        ("deep-codes.json", "the codes under ‘level’ nest more than 100 levels deep; "
                            "qualcode reads codebooks up to 100 levels"),
        ("not-utf8.json", "this is not UTF-8 text (byte 94 cannot be read); save the file as UTF-8"),
    ],
)
def test_a_codebook_of_the_wrong_shape_is_refused_naming_the_place(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    line = refused(capsys, "import", study, files / f"codebook-{name}", "--codebook")
    assert line.startswith(f"qualcode: codebook-{name}: {expected}")


def test_an_excel_codebook_path_thousands_of_codes_deep_is_refused(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = refused(capsys, "import", study, files / "codebook-deep-path.xlsx", "--codebook")
    assert line == ("qualcode: codebook-deep-path.xlsx: line 2: the path under ‘a’ is 10,000 codes deep; "
                    "qualcode reads codebooks up to 100 levels")


def test_a_code_sheet_header_thousands_of_codes_deep_is_refused(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    survey = tmp_path / "survey.csv"
    survey.write_text("id,answer\nR1,The rota is unfair\n", encoding="utf-8")
    assert main(["import", str(study), str(survey), "--survey", "--id-column", "id", "--question-column", "answer"]) == 0
    sheet = tmp_path / "deep-sheet.csv"
    sheet.write_text("id," + "/".join(["a"] * 5000) + "\nR1,1\n", encoding="utf-8")
    line = refused(capsys, "import", study, sheet, "--code-sheet", "--id-column", "id", "--coder", "Sam")
    assert line == ("qualcode: deep-sheet.csv: the column headed ‘a/…’ names a code 5,000 levels deep; "
                    "qualcode reads codebooks up to 100 levels")


@pytest.mark.parametrize(
    "name, expected",
    [
        ("clusters-text.json", "clusters[0] is not an object (it is text)"),
        ("label-list.json", "clusters[0].label is not text (it is a list)"),
        ("parent-list.json", "clusters[1].parent is not text (it is a list)"),
        ("items-text.json", "clusters[1].items is not a list (it is text)"),
        ("item-number.json", "clusters[1].items[0] is not an object (it is a number)"),
        ("item-without-id.json", "clusters[1].items[0] has no \"id\""),
        ("code-id-text.json", "clusters[1].items[0].code_id is not a whole number (it is text)"),
        ("mode-list.json", "mode is not text (it is a list)"),
        ("segment-id-text.json", "clusters[1].items[0].id is not a segment number (it is text)"),
        ("scope-text.json", "scope is not an object (it is text)"),
        ("deep.json", "is nested too deeply to be a codebook or a suggestion"),
        ("not-utf8.json", "this is not UTF-8 text (byte 48 cannot be read); save the file as UTF-8"),
    ],
)
def test_a_suggestion_of_the_wrong_shape_is_refused_naming_the_place(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    line = refused(capsys, "accept", study, files / f"suggestion-{name}")
    assert line.startswith(f"qualcode: suggestion-{name}: {expected}")


def test_a_suggestion_naming_a_code_that_is_not_here_is_refused(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "elsewhere.json"
    path.write_text('{"mode": "emergent", "clusters": [{"label": "Work"}, {"label": "Pay", "parent": "Work", '
                    '"items": [{"id": "Rota", "code_id": 999}]}]}', encoding="utf-8")
    line = refused(capsys, "accept", study, path)
    assert line == ("qualcode: elsewhere.json: no code with code_id 999 in the project "
                    "(was the suggestion made in another project?)")


GUID = {"code": "22222222-2222-4222-8222-222222222222", "coding": "66666666-6666-4666-8666-666666666666",
        "source": "44444444-4444-4444-4444-444444444444", "user": "11111111-1111-4111-8111-111111111111"}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("position-text.qdpx", "a text selection in ‘maya.txt’ has startPosition=\"ten\", which is not a "
                               "character position (a whole number)"),
        ("position-fraction.qdpx", "a text selection in ‘maya.txt’ has startPosition=\"1.5\""),
        ("duplicate-code-guid.qdpx", f"two codes have the guid {GUID['code']} (‘Pay’ and ‘Rota’); "
                                     "each guid must be unique"),
        ("duplicate-coding-guid.qdpx", f"two codings have the guid {GUID['coding']} (in ‘maya.txt’ at characters "
                                       "0 to 10 and in ‘maya.txt’ at characters 20 to 30)"),
        ("duplicate-source-guid.qdpx", f"two sources have the guid {GUID['source']} (‘maya.txt’ and "
                                       "‘maya-again.txt’)"),
        ("duplicate-user-guid.qdpx", f"two users have the guid {GUID['user']} (‘Sam’ and ‘Kim’)"),
        ("missing-code-guid.qdpx", "the code ‘Pay’ has no guid; every code in a REFI-QDA project needs one"),
        ("missing-coding-guid.qdpx", "the coding in ‘maya.txt’ at characters 0 to 10 has no guid"),
        ("missing-source-guid.qdpx", "the source ‘maya.txt’ has no guid"),
        ("binary-source.qdpx", f"the text of source ‘maya.txt’ (Sources/{GUID['source']}.txt) cannot be read: "
                               "this does not look like a text file (it holds binary data)"),
        ("deep-codes.qdpx", "the codes under ‘level’ nest more than 100 levels deep"),
        ("forged-source-size.qdpx", f"the file is damaged: Sources/{GUID['source']}.txt cannot be unzipped"),
    ],
)
def test_a_broken_qdpx_is_refused_before_merging(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str], name: str, expected: str) -> None:
    line = refused(capsys, "merge", study, files / name)
    assert line.startswith(f"qualcode: {name}: {expected}")


def codings(project: Path) -> list[tuple[str, str, str]]:
    """(coder, code, coded words) of every coding in the project."""
    with sqlite3.connect(project) as connection:
        return list(connection.execute(
            "SELECT coder.name, code.name, substr(document.text, segment.start + 1, segment.end - segment.start) "
            "FROM coding JOIN coder ON coder.id = coding.coder_id JOIN code ON code.id = coding.code_id "
            "JOIN segment ON segment.id = coding.segment_id JOIN document ON document.id = segment.document_id"))


@pytest.mark.parametrize(
    "name, left_out",
    [
        ("start-after-end.qdpx", "maya.txt, characters 40 to 12: it starts after it ends"),
        ("negative.qdpx", "maya.txt, characters -5 to 10: it starts before the text"),
        ("past-the-end.qdpx", "maya.txt, characters 10 to 20422: it runs past the end of the text "
                              "(19,922 characters)"),
        ("inline-text.qdpx", "maya.txt, characters 10 to 19923: it runs past the end of the text "
                             "(19,922 characters)"),
    ],
)
def test_codings_outside_the_text_are_listed_with_their_positions(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str], name: str, left_out: str) -> None:
    capsys.readouterr()
    assert main(["merge", str(study), str(files / name)]) == 0
    out = capsys.readouterr().out
    assert "Codings left out (1):" in out and f"  {left_out}\n" in out
    assert codings(study) == []


def test_a_source_of_a_type_qualcode_does_not_know_is_reported_not_dropped(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["merge", str(study), str(files / "unknown-source.qdpx")]) == 0
    out = capsys.readouterr().out
    assert "Not read (1):\n  sources of a type qualcode does not know (SpreadsheetSource): 1\n" in out
    assert codings(study) == [("Sam", "Pay", "Interviewe")]


def test_a_windows_1252_source_is_decoded_and_said_so(
        files: Path, study: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["merge", str(study), str(files / "windows-1252-source.qdpx")]) == 0
    out = capsys.readouterr().out
    assert "source ‘maya.txt’ was not UTF-8, as the standard asks; its text was read as Windows-1252" in out
    assert codings(study) == [("Sam", "Pay", "production line")]


@pytest.mark.parametrize(
    "command, name, options, expected",
    [
        ("import", "codebook-deep.json", ("--codebook",), "is nested too deeply"),
        ("import", "codebook-deep-path.xlsx", ("--codebook",), "line 2: the path under ‘a’ is 10,000 codes deep"),
        ("accept", "suggestion-deep.json", (), "is nested too deeply"),
        ("accept", "suggestion-not-utf8.json", (), "this is not UTF-8 text"),
        ("merge", "deep-codes.qdpx", (), "the codes under ‘level’ nest more than 100 levels deep"),
    ],
)
def test_the_deepest_files_are_refused_by_a_real_process_quickly(
        files: Path, study: Path, tmp_path: Path, command: str, name: str, options: tuple[str, ...],
        expected: str) -> None:
    line = assert_refused(tmp_path, study, files / name, f"qualcode: {name}: {expected}", *options, command=command)
    assert line.startswith("qualcode: ")


@pytest.mark.parametrize("command, options", [("import", ("--codebook",)), ("accept", ())])
def test_a_named_pipe_called_json_is_refused_not_waited_on(
        study: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str,
        options: tuple[str, ...]) -> None:
    pipe = tmp_path / "codebook.json"
    os.mkfifo(pipe)
    line = refused(capsys, command, study, pipe, *options)
    assert line == "qualcode: codebook.json: this is a named pipe (FIFO), not a file; qualcode imports only ordinary files"
