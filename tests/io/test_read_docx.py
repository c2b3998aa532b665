"""Word transcripts written by python-docx, and broken Word files."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from qualcode.io.base import ImportRefused
from qualcode.io.registry import read_transcript


def save(document, tmp_path: Path, name: str = "interview.docx") -> Path:
    path = tmp_path / name
    document.save(path)
    return path


def test_paragraphs_in_order_with_breaks_and_tabs(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Interview with P3 — café owner", level=1)
    document.add_paragraph("Interviewer: How’s business?")
    answer = document.add_paragraph("P3: Up and down.")
    answer.add_run().add_break()  # a manual line break inside the paragraph
    answer.add_run("Mostly up.\tReally 😊")
    document.add_paragraph("")
    document.add_paragraph("Interviewer: Thanks.")
    source = read_transcript(save(document, tmp_path))
    assert source.text == (
        "Interview with P3 — café owner\n"
        "Interviewer: How’s business?\n"
        "P3: Up and down.\nMostly up.\tReally 😊\n"
        "\n"
        "Interviewer: Thanks."
    )
    assert [(t.speaker, source.text[t.start:t.end]) for t in source.turns] == [
        ("Interviewer", "Interviewer: How’s business?"),
        ("P3", "P3: Up and down.\nMostly up.\tReally 😊"),
        ("Interviewer", "Interviewer: Thanks."),
    ]
    assert source.participant == "P3"


def test_two_column_speaker_table_becomes_labelled_turns(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Transcript: focus group B")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Speaker", "Text"  # header row
    for speaker, said in (("Interviewer", "Why did you stay?"), ("Caroline", "The people."),
                          ("Interviewer", "Anything else?"), ("Caroline:", "Pay, eventually.")):
        row = table.add_row().cells
        row[0].text, row[1].text = speaker, said
    document.add_paragraph("[end of recording]")
    source = read_transcript(save(document, tmp_path))
    assert source.text == (
        "Transcript: focus group B\n"
        "Interviewer: Why did you stay?\n"
        "Caroline: The people.\n"
        "Interviewer: Anything else?\n"
        "Caroline: Pay, eventually.\n"
        "[end of recording]"
    )
    assert [(t.speaker, t.is_interviewer) for t in source.turns] == [
        ("Interviewer", True), ("Caroline", False), ("Interviewer", True), ("Caroline", False)]
    assert source.participant == "Caroline"


def test_time_column_table_keeps_the_time_on_each_turn(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=0, cols=3)
    for stamp, speaker, said in (("00:00:05", "I", "Ready?"), ("00:00:09", "R", "Yes, go on."),
                                 ("00:01:10", "I", "Right.")):
        row = table.add_row().cells
        row[0].text, row[1].text, row[2].text = stamp, speaker, said
    source = read_transcript(save(document, tmp_path))
    assert source.text.splitlines()[1] == "[00:00:09] R: Yes, go on."
    assert [(t.speaker, t.timestamp) for t in source.turns] == [
        ("I", "00:00:05"), ("R", "00:00:09"), ("I", "00:01:10")]


def test_ordinary_table_between_paragraphs_keeps_document_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=3)
    for r, values in enumerate((("Site", "Nurses", "Doctors"), ("North ward, level 2", "12", "4"))):
        for c, value in enumerate(values):
            table.rows[r].cells[c].text = value
    document.add_paragraph("After the table.")
    source = read_transcript(save(document, tmp_path))
    assert source.text == "Before the table.\nSite\tNurses\tDoctors\nNorth ward, level 2\t12\t4\nAfter the table."


def test_tracked_changes_hyperlinks_and_content_controls(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("P3: I ")
    paragraph._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Typist" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve">really </w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="Typist" w:date="2024-01-01T00:00:00Z">'
        '<w:r><w:delText xml:space="preserve">never </w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {nsdecls("w")} w:anchor="top"><w:r><w:t xml:space="preserve">liked </w:t></w:r></w:hyperlink>'))
    paragraph.add_run("it.")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(  # before the section properties, which come last
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Interviewer: In a control?</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'))
    source = read_transcript(save(document, tmp_path))
    assert source.text == "P3: I really liked it.\nInterviewer: In a control?"


def test_merged_cells_are_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Whole-row heading spanning three cells"
    for c, value in enumerate(("a", "b", "c")):
        table.rows[1].cells[c].text = value
    source = read_transcript(save(document, tmp_path))
    assert source.text == "Whole-row heading spanning three cells\na\tb\tc"


def test_truncated_docx_is_refused_as_damaged(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Interviewer: hello")
    good = save(document, tmp_path, "good.docx").read_bytes()
    path = tmp_path / "cut short.docx"
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(ImportRefused) as caught:
        read_transcript(path)
    assert str(caught.value).startswith("cut short.docx: the file is damaged or incomplete")
    assert "Word document" in caught.value.problem


def test_zip_without_word_parts_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "renamed.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not word")
    with pytest.raises(ImportRefused, match="renamed.docx: the file is damaged or incomplete"):
        read_transcript(path)


def test_excel_workbook_named_docx_is_refused(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "sheet.docx"
    openpyxl.Workbook().save(path)
    with pytest.raises(ImportRefused, match="sheet.docx: .*not a plain Word document"):
        read_transcript(path)


def test_password_protected_docx_is_refused(data_dir: Path) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_transcript(data_dir / "encrypted.docx")
    assert str(caught.value).startswith("encrypted.docx: the file is password-protected")
    assert "remove the password" in caught.value.problem


def test_old_doc_renamed_to_docx_is_refused(data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "typist.docx"
    path.write_bytes((data_dir / "legacy_word.doc").read_bytes())
    with pytest.raises(ImportRefused, match=r"typist.docx: this is an old-format Word \(.doc\) file"):
        read_transcript(path)


def test_rtf_named_docx_says_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "saved_wrong.docx"
    path.write_bytes(b"{\\rtf1\\ansi Hello}")
    with pytest.raises(ImportRefused, match="saved_wrong.docx: this is not a Word document but an RTF document"):
        read_transcript(path)
