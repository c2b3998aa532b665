"""Excel exports opened with openpyxl: frozen headers, filters, flat rows, numbers as numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import hand_count, reference_master, sample, squash

from qualcode.core.project import Project
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("xlsx")
    with Project.open(sample("interviews", folder / "i.qualcode")) as p:
        export_report(p, "master", folder / "master.xlsx")
        export_report(p, "recurrence", folder / "recurrence.xlsx")
        export_report(p, "coded-transcript", folder / "transcripts.xlsx")
    with Project.open(sample("survey", folder / "s.qualcode")) as p:
        export_report(p, "prevalence", folder / "prevalence.xlsx",
                      options=ReportOptions(question="q1_retention", by="role_group"))
        export_report(p, "code-sheet", folder / "codes.xlsx",
                      options=ReportOptions(question="q1_retention", attributes=["role_group"]))
    return folder


def _records(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def test_master_table_rows_equal_the_reference(out: Path) -> None:
    wb = load_workbook(out / "master.xlsx")
    ws = wb["Master table"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:H{ws.max_row}"
    records = _records(ws)
    mine = [(r["Group experiential theme"], r["Sub-theme"], r["Participant"], r["Experiential statement"], squash(r["Quote"]),
             r["Start line"], r["End line"], r["Citation"]) for r in records]
    expected = [(r["superordinate_theme"], r["sub_theme"], r["participant"], r["emergent_theme"], r["quote"],
                 int(r["start_line"]), int(r["end_line"]), r["citation"]) for r in reference_master()]
    assert mine == expected
    assert isinstance(records[0]["Start line"], int)
    long_quote = next(r for r, rec in enumerate(records, 2) if len(rec["Quote"]) > 160)
    assert ws.row_dimensions[long_quote].height > 15, "long quotes get tall rows"


def test_prevalence_numbers_are_numbers(out: Path) -> None:
    bases, counts = hand_count("role_group")
    wb = load_workbook(out / "prevalence.xlsx")
    assert wb.sheetnames == ["Prevalence", "Chart", "Notes"]
    assert "the base" in wb["Notes"]["B2"].value
    ws = wb["Prevalence"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref.startswith("A1:")
    records = _records(ws)
    base = records[0]
    assert base["Level"] == "base" and base["manager n"] == bases["manager"]
    for r in records[1:]:
        path = r["Theme"] if not r["Code"] else f"{r['Theme']}/{r['Code']}"
        for g in bases:
            assert r[f"{g} n"] == counts[(path, g)]
            assert r[f"{g} %"] == pytest.approx(100 * counts[(path, g)] / bases[g], abs=0.0501)  # rounded to one decimal
    assert len(wb["Chart"]._images) == 1


def test_recurrence_ticks_are_ones_and_zeros(out: Path) -> None:
    records = _records(load_workbook(out / "recurrence.xlsx")["Recurrence"])
    surveillance = next(r for r in records if r["Sub-theme"] == "Supervision as surveillance")
    assert [surveillance[p] for p in ("Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom")] == [0, 1, 0, 0, 0, 1]
    assert surveillance["Total"] == 2 and surveillance["Fewer than half"] == 1


def test_code_sheet_with_attributes(out: Path) -> None:
    ws = load_workbook(out / "codes.xlsx")["Code sheet"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["respondent_id", "role_group", "Workload and resourcing/Caseload size"]
    assert ws.freeze_panes == "A2" and ws.max_row == 277


def test_coded_transcript_one_row_per_line(out: Path) -> None:
    wb = load_workbook(out / "transcripts.xlsx")
    assert wb.sheetnames == ["Lines"]
    records = _records(wb["Lines"])
    maya = [r for r in records if r["Participant"] == "Maya"]
    assert [r["Line"] for r in maya] == list(range(1, len(maya) + 1))
    assert sum(1 for r in maya if r["Emergent themes"]) == sum(
        1 for r in {(x["start_line"]) for x in reference_master() if x["participant"] == "Maya"})


def test_a_printed_sheet_is_one_page_wide(out: Path) -> None:
    ws = load_workbook(out / "recurrence.xlsx").active
    assert ws.sheet_properties.pageSetUpPr.fitToPage  # never split across pages by column
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
