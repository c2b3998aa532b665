"""Shares under 1% (or over 99%) read "<1%" / ">99%" in documents, not "0%" / "100%"; data keep the number."""

from __future__ import annotations

from pathlib import Path

from qualcode.core.surveys.importing import import_survey
from qualcode.reports.bases import percent_label, percent_text
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import build_prevalence
from qualcode.reports.prevalence.table import prevalence_document


def test_small_and_large_shares_by_hand() -> None:
    assert percent_text(3, 3605) == "3 (<1%)"  # 0.08%
    assert percent_text(3604, 3605) == "3604 (>99%)"  # 99.97%
    assert percent_text(1, 200) == "1 (1%)"  # 0.5% rounds half up to 1%
    assert percent_text(199, 200) == "199 (>99%)"  # 99.5% would round to 100%
    assert percent_text(0, 10) == "0 (0%)" and percent_text(10, 10) == "10 (100%)"
    assert percent_text(1, 2001, 1) == "1 (<0.1%)" and percent_label(99.96, 1) == ">99.9%"
    assert percent_label(0.0) == "0%" and percent_label(100.0) == "100%" and percent_label(0.3) == "<1%"


def test_the_prevalence_document_shows_under_one_percent_and_the_data_keep_the_number(project, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("id,q1\n" + "".join(f"R{i},Answer number {i}\n" for i in range(250)), encoding="utf-8")
    import_survey(project, path, "id", ["q1"])
    rare = project.codes.create("Rare")
    common = project.codes.create("Common")
    for doc in project.documents.list():
        project.coding.apply(doc.id, 0, doc.length, (rare if doc.title == "R7" else common).id)
    p = build_prevalence(project, ReportOptions(question="q1"))
    table = prevalence_document(p).tables[0]
    last = len(table.columns) - 1
    shown = {str(r.cells[3]).strip(): r.value(last, "document") for r in table.rows}
    assert shown["Rare"] == "1 (<1%)" and shown["Common"] == "249 (>99%)"  # 0.4% and 99.6%
    data = {str(r.cells[3]).strip(): [r.value(i, "data") for i in range(len(table.columns))] for r in table.rows}
    assert 0.4 in data["Rare"] and 99.6 in data["Common"]
