"""CSV exports read back with the csv module."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import MASTER_CSV, hand_count, sample, squash

from qualcode.core.project import Project
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions


def _read(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so Excel shows every character"
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def test_master_table_csv_is_the_reference_master_table(tmp_path: Path) -> None:
    with Project.open(sample("interviews", tmp_path / "i.qualcode")) as p:
        export_report(p, "master", tmp_path / "master.csv")
    mine = _read(tmp_path / "master.csv")
    with MASTER_CSV.open(encoding="utf-8", newline="") as f:
        reference = list(csv.DictReader(f))
    columns = {"superordinate_theme": "Group experiential theme", "sub_theme": "Sub-theme", "participant": "Participant",
               "emergent_theme": "Experiential statement", "start_line": "Start line", "end_line": "End line",
               "citation": "Citation"}
    assert len(mine) == len(reference) == 107
    for m, r in zip(mine, reference):
        assert {k: m[v] for k, v in columns.items()} == {k: r[k] for k in columns}
        assert squash(m["Quote"]) == r["quote"]


def test_prevalence_csv_equals_the_hand_count(tmp_path: Path) -> None:
    bases, counts = hand_count("region", question="q2_support")
    with Project.open(sample("survey", tmp_path / "s.qualcode")) as p:
        result = export_report(p, "prevalence", tmp_path / "prevalence.csv",
                               options=ReportOptions(question="q2_support", by="region"))
    assert [f.name for f in result.files] == ["prevalence.csv", "prevalence.png", "prevalence.svg"]
    rows = _read(tmp_path / "prevalence.csv")
    assert rows[0]["Level"] == "base"
    assert {g: int(rows[0][f"{g} n"]) for g in bases} == dict(bases)
    # 60 left q2 blank; 4 wrote a non-answer (R024 "?", R236 and R297 "n/a", R287 "Nothing to add"),
    # left out of the base (issue #12)
    assert int(rows[0]["All n"]) == 300 - 60 - 4
    for r in rows[1:]:
        path = r["Theme"] if not r["Code"] else f"{r['Theme']}/{r['Code']}"
        for g in bases:
            assert int(r[f"{g} n"]) == counts[(path, g)]
            assert float(r[f"{g} %"]) == pytest.approx(100 * counts[(path, g)] / bases[g], abs=0.0501)  # rounded to one decimal


def test_format_follows_the_option_over_the_suffix(tmp_path: Path) -> None:
    with Project.open(sample("interviews", tmp_path / "i.qualcode")) as p:
        export_report(p, "recurrence", tmp_path / "recurrence.txt", fmt="csv")
    rows = _read(tmp_path / "recurrence.txt")
    assert rows[0]["Group experiential theme"] == "Working on the production line" and rows[0]["Total"] == "5"
