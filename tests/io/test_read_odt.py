"""OpenDocument text files written by odfpy."""

from __future__ import annotations

from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from odf.table import Table, TableCell, TableColumn, TableRow
from odf.text import H, LineBreak, List, ListItem, P, S, Span, Tab

from qualcode.io.base import ImportRefused
from qualcode.io.registry import read_transcript


def paragraph(*parts) -> P:
    p = P()
    for part in parts:
        if isinstance(part, str):
            p.addText(part)
        else:
            p.addElement(part)
    return p


def test_headings_paragraphs_spaces_tabs_breaks_and_lists(tmp_path: Path) -> None:
    doc = OpenDocumentText()
    doc.text.addElement(H(outlinelevel=1, text="Interview 2 — Zoë"))
    doc.text.addElement(paragraph("Interviewer:", S(c=3), "What’s changed?"))
    doc.text.addElement(paragraph("P2: A lot.", LineBreak(), "Staffing,", Tab(), "mostly 😊"))
    styled = Span(text="really ")
    doc.text.addElement(paragraph("Interviewer: Was it ", styled, "hard?"))
    items = List()
    for text in ("P2: First, the rota.", "P2: Then the pay."):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    path = tmp_path / "zoe.odt"
    doc.save(str(path))
    source = read_transcript(path)
    assert source.text == (
        "Interview 2 — Zoë\n"
        "Interviewer:   What’s changed?\n"
        "P2: A lot.\nStaffing,\tmostly 😊\n"
        "Interviewer: Was it really hard?\n"
        "P2: First, the rota.\n"
        "P2: Then the pay."
    )
    assert [t.speaker for t in source.turns] == ["Interviewer", "P2", "Interviewer", "P2", "P2"]
    assert source.text[source.turns[1].start:source.turns[1].end] == "P2: A lot.\nStaffing,\tmostly 😊"


def test_speaker_table_in_odt(tmp_path: Path) -> None:
    doc = OpenDocumentText()
    table = Table(name="Transcript")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    for speaker, said in (("Moderator", "Who starts?"), ("Ama", "Me."), ("Moderator", "Go on."), ("Ama", "OK.")):
        row = TableRow()
        for value in (speaker, said):
            cell = TableCell()
            cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.text.addElement(table)
    path = tmp_path / "group.odt"
    doc.save(str(path))
    source = read_transcript(path)
    assert source.text == "Moderator: Who starts?\nAma: Me.\nModerator: Go on.\nAma: OK."
    assert [t.is_interviewer for t in source.turns] == [True, False, True, False]


def test_spreadsheet_named_odt_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "sheet.odt"
    OpenDocumentSpreadsheet().save(str(path))
    with pytest.raises(ImportRefused, match="sheet.odt: this is an OpenDocument spreadsheet file"):
        read_transcript(path)


def test_truncated_odt_is_refused(tmp_path: Path) -> None:
    doc = OpenDocumentText()
    doc.text.addElement(P(text="Interviewer: hello"))
    good = tmp_path / "good.odt"
    doc.save(str(good))
    path = tmp_path / "broken.odt"
    path.write_bytes(good.read_bytes()[:300])
    with pytest.raises(ImportRefused, match="broken.odt: the file is damaged or incomplete"):
        read_transcript(path)
