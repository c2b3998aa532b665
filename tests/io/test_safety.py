"""The checks in qualcode.io.safety, one by one, without the command line."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest
from hostile_files import Member, docx_package, members_of, xlsx_package, zip_bytes

from qualcode.io.base import ImportRefused
from qualcode.io.readers import xlsx_grid
from qualcode.io.registry import read_capped, read_transcript
from qualcode.io.safety import archives, check_archive_file
from qualcode.io.survey_table import read_table
from qualcode.io.textnorm import decode_bytes, decode_lines


def test_a_member_count_in_the_end_record_is_refused_before_zipfile_lists_the_members(
        tmp_path: Path, monkeypatch) -> None:
    data = bytearray(zip_bytes([Member("a.txt", b"x")]))
    end = data.rfind(b"PK\x05\x06")
    data[end + 8:end + 12] = struct.pack("<HH", 60_000, 60_000)  # "60,000 members"
    path = tmp_path / "many.docx"
    path.write_bytes(bytes(data))

    def never(*args, **kwargs):
        raise AssertionError("zipfile was asked to list the members")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(ImportRefused, match="many.docx: it holds 60,000 files; qualcode reads packages of at most"):
        read_transcript(path)


def test_a_real_document_with_a_large_compressible_part_is_not_refused(write_bytes) -> None:
    # 900 KB of repeated XML shrinks far more than 100 times, but is under the 1 MB grace.
    body = "Interviewer: How was it?\n" + "Maya: The rota was fine. " * 36_000
    source = read_transcript(write_bytes("long.docx", docx_package(body)))
    assert source.text.count("The rota was fine.") == 36_000


def test_an_encrypted_member_and_an_unknown_compression_are_refused(tmp_path: Path) -> None:
    data = bytearray(zip_bytes(members_of(docx_package())))
    central = data.find(b"PK\x01\x02")
    data[central + 8:central + 10] = struct.pack("<H", 1)  # flag bit 0: encrypted
    path = tmp_path / "locked.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused, match="locked.docx: the file is password-protected"):
        read_transcript(path)
    data[central + 8:central + 10] = struct.pack("<H", 0)
    data[central + 10:central + 12] = struct.pack("<H", 9)  # Deflate64
    path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused, match="is packed with a compression method qualcode cannot read"):
        read_transcript(path)


def test_a_dtd_in_utf16_xml_is_found(tmp_path: Path) -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE x [<!ENTITY e "hidden">]><x>&e;</x>'
    path = tmp_path / "book.xlsx"
    path.write_bytes(zip_bytes([Member("xl/workbook.xml", xml.encode("utf-16"))]))
    with pytest.raises(ImportRefused, match=r"contains a DOCTYPE/entity declaration \(in xl/workbook.xml\)"):
        check_archive_file(path)


def test_check_archive_file_refuses_what_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "codes.xlsx"
    path.write_text("id,answer\n")
    with pytest.raises(ImportRefused, match=r"codes.xlsx: the file is damaged or is not a .xlsx package"):
        check_archive_file(path)


def test_read_capped_never_opens_a_pipe(tmp_path: Path) -> None:
    import os

    pipe = tmp_path / "notes.txt"
    os.mkfifo(pipe)
    with pytest.raises(ImportRefused, match=r"notes.txt: this is a named pipe \(FIFO\), not a file"):
        read_capped(pipe)


def test_a_sheet_over_the_cell_cap_is_refused_with_its_row(write_bytes, monkeypatch) -> None:
    path = write_bytes("wide.xlsx", xlsx_package([["id", "answer"]] + [[f"R{n}", "fine"] for n in range(50)]))
    monkeypatch.setattr(xlsx_grid, "MAX_CELLS", 40)
    with pytest.raises(ImportRefused, match=r"wide.xlsx: the sheet 'Sheet' holds more than 40 cells \(row 21\)"):
        read_table(path)


def test_multi_line_answers_are_not_taken_for_swallowed_rows(write_bytes) -> None:
    data = (b'id,date,answer\nR1,2024-03-01,"I liked the team\nbut the pay, frankly, is low"\n'
            b'R2,2024-03-02,"Two things:\n1, more staff\n2, fewer forms"\nR3,2024-03-03,Fine\n')
    table = read_table(write_bytes("answers.csv", data))
    assert table.values("answer")[1] == "Two things:\n1, more staff\n2, fewer forms"
    assert table.row_lines == [2, 4, 7]


def test_a_numbered_list_in_an_answer_is_not_taken_for_swallowed_rows(write_bytes) -> None:
    data = b'id,answer\n1,"Two things:\n1, more staff\n2, fewer forms"\n2,Fine\n3,Good\n'
    assert read_table(write_bytes("list.csv", data)).values("answer")[0] == "Two things:\n1, more staff\n2, fewer forms"


def test_a_late_quote_in_the_middle_column_is_refused(write_bytes) -> None:
    data = b'id,answer,score\nR1,"Good team,3\nR2,Low pay",2\nR3,Fine,5\n'
    with pytest.raises(ImportRefused, match=r"scores.csv: line 2: the quoted text .* runs on into line 3"):
        read_table(write_bytes("scores.csv", data))


def test_a_file_in_one_legacy_encoding_is_still_decoded_as_a_whole() -> None:
    # "Ні" in Windows-1251 happens to be valid UTF-8; the rest of the file is not.
    cyrillic = "id,answer\nR1,Ні\nR2,Дякую, все добре, дуже дякую за вашу роботу та підтримку\n".encode("cp1251")
    assert decode_lines(cyrillic, "uk.csv") == decode_bytes(cyrillic, "uk.csv")
    western = "id,answer\nR1,caf\u00e9\n".encode("cp1252")
    assert decode_lines(western, "fr.csv").text == "id,answer\nR1,caf\u00e9\n"


def test_the_limits_are_the_documented_ones() -> None:
    assert (archives.MAX_UNZIPPED_BYTES, archives.MAX_MEMBERS, archives.MAX_RATIO) == (200 * 1024 * 1024, 10_000, 100)
