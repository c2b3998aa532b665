"""The audit trail report: journal, memos and the themes' history, in every format."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from qualcode.core.journal.entries import Journal
from qualcode.core.journal.links import code_link
from qualcode.core.journal.memos import MemoOn, write_memo
from qualcode.core.model import CodeRole
from qualcode.reports.audit_trail import audit_trail_document
from qualcode.reports.document import Table
from qualcode.reports.export import export_report
from qualcode.reports.registry import report


@pytest.fixture
def study(transcript_project):
    project, _doc = transcript_project
    theme = project.codes.create("Relentless demand", CodeRole.THEME)
    other = project.codes.create("Pressure", CodeRole.THEME)
    project.codes.rename(theme.id, "Relentlessness")
    project.codes.merge(other.id, theme.id)
    Journal(project).add("Before any coding: my own clinic years", written_at=datetime(2025, 1, 5, 9, 30))
    Journal(project).add("Merged Pressure in: same experience", code_link(project, theme.id))
    write_memo(project, MemoOn(code_id=theme.id), "Pace of the day")
    return project


def test_the_document_has_the_journal_the_memos_and_the_history_in_order(study) -> None:
    doc = audit_trail_document(study)
    tables = {t.sheet: t for t in doc.tables}
    journal = tables["Journal"]
    assert str(journal.rows[0].cells[0]).startswith("2025-01-05 09:30")
    assert [r.cells[1] for r in journal.rows] == ["the project", "theme ‘Relentlessness’"]
    assert [(r.cells[0], r.cells[1], r.cells[2]) for r in tables["Memos"].rows] == [
        ("theme", "Relentlessness", "Pace of the day")]
    changes = [(r.cells[1], r.cells[2]) for r in tables["Themes"].rows]
    assert changes == [("created", "Relentless demand"), ("created", "Pressure"), ("renamed", "Relentlessness"),
                       ("merged", "Relentlessness")]
    timeline = tables["Timeline"]
    dates = [r.cells[0] for r in timeline.rows]
    assert dates == sorted(dates) and len(timeline.rows) == 2 + 1 + 4
    assert "2 journal entries, 1 memo, 4 recorded changes" in doc.subtitle


def test_an_empty_project_says_so_in_each_section(project) -> None:
    doc = audit_trail_document(project)
    assert [t.sheet for t in doc.tables] == ["Timeline"]
    text = " ".join(b.text for b in doc.blocks if hasattr(b, "text") and isinstance(b.text, str))
    assert "No journal entries yet." in text and "No memos yet." in text and "no change to any theme" in text


@pytest.mark.parametrize("fmt", report("audit-trail").formats)
def test_every_format_is_written_and_holds_the_entries(study, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"audit.{fmt}"
    result = export_report(study, "audit-trail", path)
    assert result.files == [path]
    if fmt == "docx":
        d = Document(str(path))
        cells = [c.text for t in d.tables for row in t.rows for c in row.cells]
        headings = [p.text for p in d.paragraphs if p.style.name.startswith("Heading")]
        assert {"Reflexive journal", "Memos", "History of the themes"} <= set(headings)
        assert "Merged Pressure in: same experience" in cells and "Pace of the day" in cells
    elif fmt == "xlsx":
        wb = load_workbook(path)
        assert {"Timeline", "Journal", "Memos", "Themes"} <= set(wb.sheetnames)
        values = [c.value for row in wb["Themes"].iter_rows() for c in row]
        assert "renamed from ‘Relentless demand’ to ‘Relentlessness’" in values
    elif fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert rows[0] == ["Date (UTC)", "Section", "Kind", "About", "Text", "Coder"]
        assert [r[1] for r in rows[1:]].count("Journal") == 2 and [r[1] for r in rows[1:]].count("Themes") == 4
    else:
        html = path.read_text(encoding="utf-8")
        assert "History of the themes" in html and "Before any coding: my own clinic years" in html
    assert not any(isinstance(b, Table) and not b.rows for b in audit_trail_document(study).blocks)


def test_a_project_with_accepts_from_before_schema_6_says_what_it_cannot_show(study) -> None:
    from sqlalchemy import text

    with study.transaction() as s:
        study.audit(s, "accept suggestion", "project", None, {"themes": 1, "sub_themes": 0, "items": 2})
    with study.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET batch = NULL WHERE action = 'accept suggestion'"))
    doc = audit_trail_document(study)
    said = [b.text for b in doc.blocks if hasattr(b, "style") and b.style == "note"]
    assert any(str(t).startswith("1 accept of suggested themes was recorded before") for t in said)
