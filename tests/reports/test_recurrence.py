"""The recurrence table against the reference analysis of the six interviews."""

from __future__ import annotations

from report_samples import reference_master

from qualcode.reports.options import ReportOptions
from qualcode.reports.recurrence import build_recurrence, recurrence_document


def test_ticks_match_the_reference_and_two_themes_are_flagged(interviews) -> None:
    r = build_recurrence(interviews)
    assert r.participants == ["Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom"]
    reference: dict[str, set[str]] = {}
    for row in reference_master():
        reference.setdefault(row["sub_theme"], set()).add(row["participant"])
        reference.setdefault(row["superordinate_theme"], set()).add(row["participant"])
    assert len(r.rows) == 4 + 11
    for row in r.rows:
        assert {p for p, there in row.present.items() if there} == reference[row.code.name]
    flagged = {row.code.name: row.count for row in r.below_threshold}
    assert flagged == {"Supervision as surveillance": 2, "Am I still any good at this?": 2}


def test_threshold_is_an_option(interviews) -> None:
    strict = build_recurrence(interviews, ReportOptions(threshold=0.7))
    names = {row.code.name for row in strict.below_threshold}
    assert {"Supervision as surveillance", "Am I still any good at this?", "Compassion wearing thin",
            "Drawing the line", "Numbers before people"} <= names
    assert "Why I stay" not in names


def test_the_document_has_totals_and_flags(interviews) -> None:
    doc = recurrence_document(build_recurrence(interviews))
    table = doc.tables[0]
    headers = [c.header for c in table.columns]
    assert headers[3:9] == ["Daniel", "Gareth", "Maya", "Priya", "Ruth", "Tom"]
    assert headers[-2:] == ["Total", "Fewer than half"]
    surveillance = next(row for row in table.rows if row.cells[1] == "Supervision as surveillance")
    assert surveillance.cells[3:] == (False, True, False, False, False, True, 2, True)
    assert surveillance.value(len(headers) - 2, "document") == "2/6"
    assert len(doc.warnings) == 2 and "fewer than half" in doc.warnings[0]
