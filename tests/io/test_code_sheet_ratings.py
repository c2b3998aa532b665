"""Ratings and blank columns in a code sheet are not codes (the NHS FFT sheet's 'Comment sentiment')."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.io.code_marks import code_columns
from qualcode.io.survey_table import read_code_sheet, read_table

SHEET = (
    "id,Sentiment,Service type 2,Pay,Staff manner & personal attributes,Times mentioned\r\n"
    "R1,1,,1,,1\r\n"
    "R2,5,,,1,2\r\n"
    "R3,3,,0,1,0\r\n"
    "R4,,,x,,1\r\n"
)
REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "nhs-fft-neas.csv"


def test_a_rating_and_a_blank_column_are_left_out_with_a_note(write_bytes) -> None:
    sheet = read_code_sheet(write_bytes("codes.csv", SHEET.encode()), "id")
    assert sheet.codes == [["Pay"], ["Staff manner & personal attributes"], ["Times mentioned"]]
    # R1: Pay and one mention; R2: Staff manner and a count of 2 (still a code: one number above 1)
    assert sheet.rows == [
        ("R1", [["Pay"], ["Times mentioned"]]),
        ("R2", [["Staff manner & personal attributes"], ["Times mentioned"]]),
        ("R3", [["Staff manner & personal attributes"]]),
        ("R4", [["Pay"], ["Times mentioned"]]),
    ]
    rating, blank = [w for w in sheet.warnings if "left out" in w]
    assert rating.startswith("column(s) 'Sentiment' (numbers 1–5, a rating) were left out: a rating is not a code")
    assert "as an attribute" in rating
    assert blank == "column(s) 'Service type 2' were left out: blank in every row, so no code was made"


def test_the_preview_rule_is_the_import_rule(write_bytes) -> None:
    table = read_table(write_bytes("codes.csv", SHEET.encode()))
    codes, others = code_columns(table.columns, table.rows, "id")
    assert codes == ["Pay", "Staff manner & personal attributes", "Times mentioned"]
    assert others == ["‘Sentiment’ (numbers 1–5, a rating)", "‘Service type 2’ (blank in every row)"]


@pytest.mark.skipif(not REAL.exists(),
                    reason="the NHS FFT sheet (../shared/data/nhs-fft-neas.csv) is not here")
def test_real_sheet_sentiment_and_empty_columns_are_not_codes() -> None:
    sheet = read_code_sheet(REAL, "Comment ID", ignore_columns=["FFT answer", "Trust", "Respondent ID", "Date",
                                                                 "Service type 1", "FFT question"])
    names = {p[-1] for p in sheet.codes}
    assert not names & {"Comment sentiment", "FFT categorical answer", "Service type 2", "Person identifiable info?"}
    assert "Positive experience & gratitude" in names


def test_a_slash_with_a_space_beside_it_is_part_of_the_code_name(write_bytes) -> None:
    data = (b"id,Transport to/ from services,Impact of treatment /care,Staff/Manner,Staff/Numbers,A\\/B\r\n"
            b"R1,1,0,1,0,1\r\nR2,0,1,0,1,0\r\n")
    sheet = read_code_sheet(write_bytes("slashes.csv", data), "id")
    assert sheet.codes == [["Transport to/ from services"], ["Impact of treatment /care"], ["Staff", "Manner"],
                           ["Staff", "Numbers"], ["A/B"]]


def test_a_spaced_slash_header_makes_one_code_on_import(project, tmp_path: Path) -> None:
    from qualcode.core.surveys.code_sheets import import_code_sheet
    from qualcode.core.surveys.importing import import_survey

    (tmp_path / "a.csv").write_text("id,q1\nR1,The ambulance came late\nR2,Kind crew\n", encoding="utf-8")
    import_survey(project, tmp_path / "a.csv", "id", ["q1"])
    (tmp_path / "s.csv").write_text("id,Transport to/ from services,Staff/Manner\nR1,1,0\nR2,0,1\n", encoding="utf-8")
    report = import_code_sheet(project, tmp_path / "s.csv", "id", "Sam", "q1")
    names = {c.name: c.parent_id for c in project.codes.list()}
    assert names["Transport to/ from services"] is None and "Transport to" not in names
    assert names["Manner"] is not None and report.codings == 2
    assert not any("Transport" in w for w in report.warnings)
