"""Code sheets (one 0/1 column per code) and attribute sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from qualcode.io.base import ImportRefused
from qualcode.io.survey_table import read_attributes, read_code_sheet


def test_code_sheet_marks_and_theme_paths(write_bytes) -> None:
    data = (
        "Respondent,Region,Working conditions/Staffing/Short staffed,Working conditions/Pay,Recognition\r\n"
        "R1,North,1,0,\r\n"
        "R2,South,x,yes,✓\r\n"
        "R3,North,,no,TRUE\r\n"
        "R4,East,0,N,2\r\n"
    ).encode()
    sheet = read_code_sheet(write_bytes("codes.csv", data), "Respondent")
    assert sheet.codes == [["Working conditions", "Staffing", "Short staffed"], ["Working conditions", "Pay"],
                           ["Recognition"]]
    assert sheet.rows == [
        ("R1", [["Working conditions", "Staffing", "Short staffed"]]),
        ("R2", [["Working conditions", "Staffing", "Short staffed"], ["Working conditions", "Pay"], ["Recognition"]]),
        ("R3", [["Recognition"]]),
        ("R4", [["Recognition"]]),  # a count of 2 is applied
    ]
    assert sheet.ignored_columns == ["Region"]
    assert "'Region' were not read as codes" in sheet.warnings[0]


def test_code_sheet_from_excel_with_booleans_and_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "Barriers/Time", "Barriers/Money"])
    workbook.active.append([101, True, 0])
    workbook.active.append([102, False, 1.0])
    path = tmp_path / "coded.xlsx"
    workbook.save(path)
    sheet = read_code_sheet(path, "id")
    assert sheet.rows == [("101", [["Barriers", "Time"]]), ("102", [["Barriers", "Money"]])]


def test_code_column_with_unreadable_marks_is_refused(write_bytes) -> None:
    data = b"id,Pay\r\n1,1\r\n2,0\r\n3,maybe\r\n4,1\r\n"
    with pytest.raises(ImportRefused) as caught:
        read_code_sheet(write_bytes("typo.csv", data), "id")
    assert str(caught.value).startswith("typo.csv: the code column 'Pay' has cells that are neither applied")
    assert "'maybe' on line 4" in caught.value.problem


def test_code_sheet_with_wrong_id_column_or_duplicates(write_bytes) -> None:
    path = write_bytes("c.csv", b"Respondent,Pay\r\nR1,1\r\nR1,0\r\n")
    with pytest.raises(ImportRefused, match=r"c.csv: there is no column named 'respondant' \(did you mean 'Respondent'\?\)"):
        read_code_sheet(path, "respondant")
    with pytest.raises(ImportRefused, match=r"c.csv: 1 respondent id\(s\) in 'Respondent' appear more than once: 'R1' on lines 2, 3"):
        read_code_sheet(path, "Respondent")


def test_attributes_are_typed_by_column(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["Pseudonym", "Role", "Years", "Hours", "Interviewed", "Note"])
    workbook.active.append(["Caroline", "Nurse", 12, 37.5, dt.datetime(2024, 5, 3), "Asked for a copy — sent."])
    workbook.active.append(["Zoë", "Midwife", 3, 22.5, dt.datetime(2024, 5, 9), None])
    workbook.active.append(["Amir", "Nurse", 7, 30, dt.datetime(2024, 6, 1), "Second interview planned."])
    path = tmp_path / "participants.xlsx"
    workbook.save(path)
    attributes = read_attributes(path, "Pseudonym")
    assert attributes == {
        "Caroline": {"Role": "Nurse", "Years": 12, "Hours": 37.5, "Interviewed": dt.date(2024, 5, 3),
                     "Note": "Asked for a copy — sent."},
        "Zoë": {"Role": "Midwife", "Years": 3, "Hours": 22.5, "Interviewed": dt.date(2024, 5, 9), "Note": None},
        "Amir": {"Role": "Nurse", "Years": 7, "Hours": 30, "Interviewed": dt.date(2024, 6, 1),
                 "Note": "Second interview planned."},
    }


def test_attributes_from_semicolon_csv_in_cp1252(write_bytes) -> None:
    data = "Participant;Site;Started\r\nP1;Genève;03/05/2021\r\nP2;Zürich;28/11/2019\r\n".encode("cp1252")
    attributes = read_attributes(write_bytes("sites.csv", data), "Participant")
    assert attributes == {"P1": {"Site": "Genève", "Started": dt.date(2021, 5, 3)},
                          "P2": {"Site": "Zürich", "Started": dt.date(2019, 11, 28)}}
