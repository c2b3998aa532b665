"""Survey exports and sheets: shapes, encodings, delimiters, types, answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
import pytest

from qualcode.io import registry
from qualcode.io.base import ImportRefused
from qualcode.io.survey_table import detect_type, read_table, survey_answers

RETENTION = "What would improve retention?"
ROWS = [
    ["R1", "Nurse", "North", "Better pay — and more staff on nights.", "3"],
    ["R2", "Doctor", "South", "", "12"],
    ["R3", "Nurse", "North", "  Flexible rotas, please 😊  ", "7"],
    ["R4", "Porter", "East", "Being listened to by managers when things go wrong.", "1"],
]
HEADER = ["Respondent", "Role", "Region", RETENTION, "Years in post"]


def csv_bytes(rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize(
    "delimiter, encoding",
    [(",", "utf-8"), (",", "utf-8-sig"), (";", "cp1252-safe"), ("\t", "utf-16"), (";", "utf-8")],
)
def test_csv_delimiters_and_encodings(write_bytes, delimiter: str, encoding: str) -> None:
    rows = [HEADER] + ROWS
    if encoding == "cp1252-safe":  # cp1252 has no emoji: keep the Western characters only
        rows = [[c.replace(" 😊", "") for c in r] for r in rows]
        data = csv_bytes(rows, delimiter, "cp1252")
    else:
        data = csv_bytes(rows, delimiter, encoding)
    table = read_table(write_bytes("export.csv", data))
    assert table.columns == HEADER
    assert table.rows[0] == ["R1", "Nurse", "North", "Better pay — and more staff on nights.", "3"]
    assert table.rows[1][3] is None  # blank cells are None
    assert table.row_lines == [2, 3, 4, 5]
    assert table.shape == "plain"


def test_column_types_and_answers_with_blank_counts(write_bytes) -> None:
    table = read_table(write_bytes("survey.csv", csv_bytes([HEADER] + ROWS)))
    assert table.column_types == {
        "Respondent": "category", "Role": "category", "Region": "category", RETENTION: "text",
        "Years in post": "number"}
    answers = survey_answers(table, "Respondent", [RETENTION], ["Role", "Years in post"])
    assert [(r.id, r.attributes) for r in answers.respondents] == [
        ("R1", {"Role": "Nurse", "Years in post": 3}), ("R2", {"Role": "Doctor", "Years in post": 12}),
        ("R3", {"Role": "Nurse", "Years in post": 7}), ("R4", {"Role": "Porter", "Years in post": 1})]
    question = answers.questions[0]
    assert question.answers == [
        ("R1", "Better pay — and more staff on nights."), ("R3", "Flexible rotas, please 😊"),
        ("R4", "Being listened to by managers when things go wrong.")]
    assert question.blank == 1


def test_multiline_answer_inside_quotes_keeps_its_line_break(write_bytes) -> None:
    data = b'id,answer\r\n1,"First line\r\nsecond line"\r\n2,short\r\n'
    table = read_table(write_bytes("multi.csv", data))
    assert table.rows[0][1] == "First line\nsecond line"
    assert table.row_lines == [2, 4]


def test_qualtrics_three_header_rows(write_bytes) -> None:
    ids = ["StartDate", "EndDate", "Status", "Progress", "Finished", "ResponseId", "Q1", "Q2", "Q3_TEXT"]
    text = ["Start Date", "End Date", "Response Type", "Progress", "Finished", "Response ID",
            "What is your role?", "How many years have you worked here?", RETENTION]
    import_ids = [json.dumps({"ImportId": v}) for v in
                  ("startDate", "endDate", "status", "progress", "finished", "_recordId", "QID1", "QID2", "QID3_TEXT")]
    data_rows = [
        ["2024-03-01 10:15:00", "2024-03-01 10:20:00", "0", "100", "True", "R_1abc", "Nurse", "3", "More staff."],
        ["2024-03-02 11:00:00", "2024-03-02 11:09:00", "0", "100", "True", "R_2def", "Doctor", "12", ""],
    ]
    table = read_table(write_bytes("qualtrics.csv", csv_bytes([ids, text, import_ids] + data_rows)))
    assert table.shape == "qualtrics"
    assert table.columns == ids
    assert table.descriptions["Q3_TEXT"] == RETENTION
    assert table.id_column == "ResponseId"
    assert table.row_lines == [4, 5]
    assert table.column_types["StartDate"] == "date"
    answers = survey_answers(table, "ResponseId", ["Q3_TEXT"], ["Q1", "Q2", "StartDate"])
    assert answers.questions[0].question == RETENTION
    assert answers.questions[0].answers == [("R_1abc", "More staff.")]
    assert answers.respondents[1].attributes == {
        "Q1": "Doctor", "Q2": 12, "StartDate": dt.datetime(2024, 3, 2, 11, 0)}


def test_surveymonkey_two_row_header_is_combined(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Respondent ID", "Collector ID", "Start Date", "What is your role?", None, None,
                  RETENTION, "Which region?"])
    sheet.append([None, None, None, "Nurse", "Doctor", "Other (please specify)", "Open-Ended Response", "Response"])
    sheet.append([11401, 9001, dt.datetime(2024, 3, 1, 9, 30), "Nurse", None, None, "More staff.", "North"])
    sheet.append([11402, 9001, dt.datetime(2024, 3, 1, 10, 0), None, None, "Porter", None, "South"])
    path = tmp_path / "monkey.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.shape == "surveymonkey"
    assert table.columns == [
        "Respondent ID", "Collector ID", "Start Date", "What is your role? - Nurse", "What is your role? - Doctor",
        "What is your role? - Other (please specify)", RETENTION, "Which region?"]
    assert table.descriptions["What is your role? - Doctor"] == "What is your role?"
    assert table.id_column == "Respondent ID"
    assert table.rows[0][:3] == ["11401", "9001", "2024-03-01 09:30:00"]
    assert table.row_lines == [3, 4]
    answers = survey_answers(table, "Respondent ID", [RETENTION], ["Which region?"])
    assert answers.questions[0].answers == [("11401", "More staff.")]
    assert answers.questions[0].blank == 1


def test_microsoft_forms_export_notes_the_id_column(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", RETENTION])
    sheet.append([1, dt.datetime(2024, 3, 1, 10, 15), dt.datetime(2024, 3, 1, 10, 20), "anonymous", None, "Pay."])
    sheet.append([2, dt.datetime(2024, 3, 2, 8, 0), dt.datetime(2024, 3, 2, 8, 3), "anonymous", None, "Time."])
    path = tmp_path / "forms.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert (table.shape, table.id_column, table.sheet) == ("microsoft_forms", "ID", "Sheet")
    assert table.column_types["Start time"] == "date"
    assert table.rows[0][0] == "1"  # 1, not 1.0


def test_google_forms_export_without_ids_numbers_respondents_by_line(write_bytes) -> None:
    rows = [["Timestamp", "Email Address", RETENTION],
            ["2024/03/01 10:15:00 AM GMT", "a@example.org", "Better rotas."],
            ["2024/03/01 1:15:00 PM GMT+1", "b@example.org", "Recognition."]]
    table = read_table(write_bytes("google.csv", csv_bytes(rows)))
    assert table.shape == "google_forms" and table.id_column is None
    assert "no respondent id" in table.warnings[0]
    assert table.column_types["Timestamp"] == "date"
    answers = survey_answers(table, None, [RETENTION], ["Timestamp"])
    assert [r.id for r in answers.respondents] == ["2", "3"]
    assert answers.respondents[1].attributes["Timestamp"] == dt.datetime(2024, 3, 1, 13, 15)


def test_xlsx_values_not_formulas_and_second_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Summary"
    workbook.active.append(["group", "count"])
    workbook.active.append(["all", "=COUNTA(Responses!A:A)-1"])
    data = workbook.create_sheet("Responses")
    data.append(["id", "score", "joined", "remote"])
    data.append(["a", 2.5, dt.date(2023, 1, 5), True])
    data.append(["b", 3.0, dt.date(2022, 11, 30), False])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    table = read_table(path, sheet="Responses")
    assert table.rows == [["a", "2.5", "2023-01-05", "TRUE"], ["b", "3", "2022-11-30", "FALSE"]]
    assert table.column_types == {"id": "category", "score": "number", "joined": "date", "remote": "category"}
    answers = survey_answers(table, "id", [], ["score", "joined"])
    assert answers.respondents[0].attributes == {"score": 2.5, "joined": dt.date(2023, 1, 5)}
    first = read_table(path)
    assert "2 sheets; read the first, 'Summary'" in first.warnings[0]
    # openpyxl stores no calculated value for a formula it wrote: never the formula text.
    assert first.rows == [["all", None]]


def test_wrong_sheet_name_suggests_the_closest(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Responses"
    workbook.active.append(["id"])
    workbook.active.append(["1"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    with pytest.raises(ImportRefused, match=r"book.xlsx: there is no sheet named 'responses' \(did you mean 'Responses'\?\)"):
        read_table(path, sheet="responses")


def test_wrong_column_name_lists_columns_and_suggests_the_closest(write_bytes) -> None:
    table = read_table(write_bytes("survey.csv", csv_bytes([HEADER] + ROWS)))
    with pytest.raises(ImportRefused) as caught:
        survey_answers(table, "Respondent", [RETENTION], ["Reigon"])
    message = str(caught.value)
    assert message.startswith("survey.csv: there is no column named 'Reigon' (did you mean 'Region'?)")
    assert "'Respondent', 'Role', 'Region'" in message


def test_duplicate_respondent_ids_are_named_with_their_lines(write_bytes) -> None:
    rows = [HEADER] + ROWS + [["R3", "Nurse", "West", "Again.", "2"], ["R1", "Nurse", "West", "x", "2"]]
    table = read_table(write_bytes("dupes.csv", csv_bytes(rows)))
    with pytest.raises(ImportRefused) as caught:
        survey_answers(table, "Respondent", [RETENTION])
    assert str(caught.value).startswith("dupes.csv: 2 respondent id(s) in 'Respondent' appear more than once")
    assert "'R1' on lines 2, 7" in caught.value.problem and "'R3' on lines 4, 6" in caught.value.problem


def test_blank_respondent_id_is_refused_with_its_line(write_bytes) -> None:
    rows = [HEADER] + ROWS + [["", "Nurse", "West", "Anonymous answer.", "2"]]
    table = read_table(write_bytes("blank_id.csv", csv_bytes(rows)))
    with pytest.raises(ImportRefused, match=r"blank_id.csv: the respondent id \('Respondent'\) is blank on line\(s\) 6"):
        survey_answers(table, "Respondent", [RETENTION])


def test_empty_csv_and_empty_sheet_are_refused(write_bytes, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="nothing.csv: the file is empty"):
        read_table(write_bytes("nothing.csv", b""))
    with pytest.raises(ImportRefused, match="blank.csv: the file is empty"):
        read_table(write_bytes("blank.csv", b"\r\n\r\n"))
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(ImportRefused, match="empty.xlsx: the sheet 'Sheet' is empty"):
        read_table(path)


def test_header_without_rows_is_refused(write_bytes) -> None:
    with pytest.raises(ImportRefused, match="header_only.csv: the file has column names but no rows of answers"):
        read_table(write_bytes("header_only.csv", csv_bytes([HEADER])))


def test_sheet_without_a_header_is_refused(write_bytes) -> None:
    with pytest.raises(ImportRefused) as caught:
        read_table(write_bytes("no_header.csv", csv_bytes(ROWS)))
    assert str(caught.value).startswith("no_header.csv: the first row looks like data, not a header")
    assert "'3' in column 5" in caught.value.problem


def test_header_less_sheet_of_categories_is_refused(write_bytes) -> None:
    rows = [["Nurse", "North", "Pay."], ["Doctor", "South", "Time."], ["Nurse", "North", "Rotas."]]
    with pytest.raises(ImportRefused, match="cats.csv: the first row looks like data.*'Nurse' in column 1"):
        read_table(write_bytes("cats.csv", csv_bytes(rows)))


def test_short_rows_are_padded_with_a_warning_naming_lines(write_bytes) -> None:
    rows = [HEADER] + ROWS * 5 + [["R9", "Nurse"]]
    table = read_table(write_bytes("short.csv", csv_bytes(rows)))
    assert table.rows[-1] == ["R9", "Nurse", None, None, None]
    assert "line(s) 22 had fewer fields than the header" in table.warnings[0]


def test_too_ragged_csv_is_refused_with_line_numbers(write_bytes) -> None:
    rows = [HEADER] + [["R1", "Nurse", "North", "fine", "3"]] * 4 + [["R5", "Nurse"]] * 5
    with pytest.raises(ImportRefused) as caught:
        read_table(write_bytes("ragged.csv", csv_bytes(rows)))
    assert str(caught.value).startswith("ragged.csv: 5 of 9 rows have fewer fields than the header (lines 6, 7")
    assert "too ragged" in caught.value.problem


def test_row_longer_than_header_is_refused(write_bytes) -> None:
    data = b"id,role,answer\r\n1,Nurse,fine\r\n2,Doctor,more staff, better pay\r\n"
    with pytest.raises(ImportRefused, match=r"long.csv: line\(s\) 3 have more fields than the header \(4 instead of 3\)"):
        read_table(write_bytes("long.csv", data))


def test_password_protected_and_truncated_xlsx(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="encrypted.xlsx: the file is password-protected .*Excel"):
        read_table(data_dir / "encrypted.xlsx")
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "answer"])
    workbook.active.append([1, "hello"])
    good = tmp_path / "good.xlsx"
    workbook.save(good)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:1500])
    with pytest.raises(ImportRefused, match="cut.xlsx: the file is damaged or incomplete .*Excel workbook"):
        read_table(cut)


def test_unsupported_table_types_and_size_cap(tmp_path: Path, monkeypatch) -> None:
    old = tmp_path / "old.xls"
    old.write_bytes(b"x")
    with pytest.raises(ImportRefused, match=r"old.xls: '.xls' files cannot be read as a survey table; save it as"):
        read_table(old)
    big = tmp_path / "big.csv"
    big.write_bytes(b"id\n1\n")
    monkeypatch.setattr(registry, "MAX_FILE_BYTES", 3)
    with pytest.raises(ImportRefused, match="big.csv: the file is 0 MB; qualcode imports files up to 0 MB"):
        read_table(big)


@pytest.mark.parametrize(
    "cells, expected",
    [
        (["1", "2.5", "-3", None], "number"),
        (["2024-03-01", "2023-12-31"], "date"),
        (["31/12/2023", "01/02/2024"], "date"),
        (["Nurse", "Doctor", "Nurse", "Porter", "Nurse", "Doctor"], "category"),
        (["Yes", "No", "Yes"], "category"),
        (["Better pay", "More staff", "Flexible hours", "Recognition", "Training"], "text"),
        (["I would stay if the rota were fairer and managers listened to us more."] * 2, "text"),
        ([None, "  "], "text"),
    ],
)
def test_detect_type(cells, expected) -> None:
    assert detect_type(cells)[0] == expected


def test_header_less_sheet_with_id_column_is_refused(write_bytes) -> None:
    rows = [["R1", "I would stay if the rota were fairer."], ["R2", "More staff on nights, honestly."],
            ["R3", "Recognition from managers."], ["R4", "Nothing, I am leaving anyway."]]
    with pytest.raises(ImportRefused, match="ids.csv: the first row looks like data.*'R1' in column 1 has the same form"):
        read_table(write_bytes("ids.csv", csv_bytes(rows)))


def test_qualtrics_legacy_two_header_rows(write_bytes) -> None:
    rows = [["ResponseId", "StartDate", "Q1"], ["Response ID", "Start Date", RETENTION],
            ["R_1", "2024-01-02 10:00:00", "Pay."], ["R_2", "2024-01-03 11:00:00", "Time."]]
    table = read_table(write_bytes("legacy_qualtrics.csv", csv_bytes(rows)))
    assert (table.shape, table.id_column, table.row_lines) == ("qualtrics", "ResponseId", [3, 4])
    assert table.descriptions == {"ResponseId": "Response ID", "StartDate": "Start Date", "Q1": RETENTION}


def test_a_csv_code_sheet_reads_back_names_and_ids_its_export_protected(tmp_path) -> None:
    """Exports put a quote before cells a spreadsheet would run (see io/csv_cells); import takes it off."""
    from qualcode.io.csv_cells import neutralise
    from qualcode.io.survey_table import read_code_sheet

    code, rid = '=SUM(A1,"y")', "@R1"
    sheet = tmp_path / "codes.csv"
    sheet.write_text(f'respondent_id,"{neutralise(code).replace(chr(34), chr(34) * 2)}",Pay\n'
                     f"{neutralise(rid)},1,0\nR2,0,1\n", encoding="utf-8")
    read = read_code_sheet(sheet, "respondent_id")
    assert [c[-1] for c in read.codes] == [code, "Pay"]
    assert read.rows == [(rid, [[code]]), ("R2", [["Pay"]])]
