"""Report authors' options (issue #12 item 9), each against a hand count of a small survey.

    R1 a "More pay and less admin"   codes Pay, Admin      R4 b "Time off"      code Leave
    R2 a "Better pay"                code Pay              R5 b "Fair pay"      code Pay
    R3 a "Less paperwork"            code Admin

Codebook order: theme Work → Admin, Pay; theme Rest → Leave.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from qualcode.core.model import CodeRole
from qualcode.core.project import Project
from qualcode.core.surveys.code_sheets import import_code_sheet
from qualcode.core.surveys.importing import import_survey
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import build_prevalence

ANSWERS = [("R1", "a", "More pay and less admin"), ("R2", "a", "Better pay"), ("R3", "a", "Less paperwork"),
           ("R4", "b", "Time off"), ("R5", "b", "Fair pay")]
CODED = {"R1": ["Pay", "Admin"], "R2": ["Pay"], "R3": ["Admin"], "R4": ["Leave"], "R5": ["Pay"]}


def build(folder: Path, name: str = "s", coded: bool = True) -> Project:
    path = folder / "answers.csv"
    path.write_text("id,role,q1\n" + "".join(f"{r},{g},{a}\n" for r, g, a in ANSWERS), encoding="utf-8")
    project = Project.create(folder / f"{name}.qualcode")
    project.set_coder("Ann")
    import_survey(project, path, "id", ["q1"], ["role"])
    work = project.codes.create("Work", CodeRole.THEME)
    ids = {"Admin": project.codes.create("Admin", CodeRole.CODE, work.id).id,
           "Pay": project.codes.create("Pay", CodeRole.CODE, work.id).id}
    rest = project.codes.create("Rest", CodeRole.THEME)
    ids["Leave"] = project.codes.create("Leave", CodeRole.CODE, rest.id).id
    if coded:
        docs = {d.title: d for d in project.documents.list()}
        for who, codes in CODED.items():
            for c in codes:
                project.coding.apply(docs[who].id, 0, docs[who].length, ids[c])
    return project


@pytest.fixture
def small(tmp_path: Path):
    project = build(tmp_path)
    yield project
    project.close()


def test_order_by_prevalence_or_as_in_the_codebook(small) -> None:
    # Work: R1, R2, R3, R5 = 4; Rest: R4 = 1. Under Work, Pay (R1, R2, R5 = 3) before Admin (R1, R3 = 2).
    by_prevalence = [r.code.name for r in build_prevalence(small, ReportOptions()).rows]
    assert by_prevalence == ["Work", "Pay", "Admin", "Rest", "Leave"]
    in_codebook = [r.code.name for r in build_prevalence(small, ReportOptions(order="codebook")).rows]
    assert in_codebook == ["Work", "Admin", "Pay", "Rest", "Leave"]


def test_a_code_sheet_with_the_answers_reads_back_as_the_same_codings(small, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    export_report(small, "code-sheet", sheet, options=ReportOptions(answers=True, attributes=["role"]))
    with sheet.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0])[:3] == ["respondent_id", "role", "answer"]
    assert {r["respondent_id"]: r["answer"] for r in rows}["R1"] == "More pay and less admin"
    assert rows[0]["Work/Pay"] == "1" and rows[0]["Work/Admin"] == "1" and rows[0]["Rest/Leave"] == "0"
    (tmp_path / "second").mkdir()
    second = build(tmp_path / "second", coded=False)
    report = import_code_sheet(second, sheet, "respondent_id", coder="Ann", question="q1")
    # 6 codings by hand: R1 2, R2 1, R3 1, R4 1, R5 1; the answer column is not a code
    assert report.codings == 6 and report.codes_created == 0
    assert not any("answer" in w for w in report.warnings if "were not read as codes" not in w)
    second.close()


def test_quotes_cited_by_an_attribute_alone_and_numbered(small) -> None:
    from qualcode.reports.quotes import quote_report

    doc = quote_report(small, ReportOptions(cite=["role"], numbered=True, question="q1"))
    table = doc.tables[0]
    headers = [c.header for c in table.columns]
    assert "Respondent" not in headers and "Cited as" in headers
    quoted = [r for r in table.rows if r.cells[4] is not None]
    # Codebook order: Admin (R1, R3), Pay (R1, R2, R5), Leave (R4) → 6 quotes numbered 1–6
    assert [r.cells[2] for r in quoted] == [1, 2, 3, 4, 5, 6]
    assert [r.cells[4] for r in quoted] == ["(a)", "(a)", "(a)", "(a)", "(b)", "(b)"]
    assert any("cited by role only" in n for n in table.notes)


def test_the_master_table_cites_by_attribute(small) -> None:
    from qualcode.reports.master_table import build_master_table

    table = build_master_table(small, ReportOptions(cite=["role"]))
    assert {q.citation for t in table.themes for s in t.sub_themes for q in s.quotes} == {"(a)", "(b)"}


def test_quote_tables_in_sections_by_group(small) -> None:
    from qualcode.reports.document import Heading
    from qualcode.reports.quotes import quote_report

    doc = quote_report(small, ReportOptions(sections_by="role", numbered=True))
    headings = [b.text for b in doc.blocks if isinstance(b, Heading)]
    assert headings == ["Role: a", "Role: b"]
    a, b, flat = doc.tables
    # section a: Admin R1 R3, Pay R1 R2 → quotes 1–4; section b: Pay R5, Leave R4 → 5–6 (numbers run on)
    assert [r.cells[2] for r in a.rows if r.cells[2]] == [1, 2, 3, 4]
    assert [r.cells[2] for r in b.rows if r.cells[2]] == [5, 6]
    # Excel and CSV: one flat table with the section as a column
    assert [r.cells[-1] for r in flat.rows if r.cells[2]] == ["a"] * 4 + ["b"] * 2


def test_frequency_tables_of_the_closed_questions_by_group(tmp_path: Path, capsys) -> None:
    from qualcode.cli import main

    path = tmp_path / "closed.csv"
    # role × band by hand: a: x, x, y; b: x, (blank), y, y, y → 8 respondents
    path.write_text("id,role,band,q1\nR1,a,x,A\nR2,a,x,B\nR3,a,y,C\nR4,b,x,D\nR5,b,,E\nR6,b,y,F\n"
                    "R7,b,y,G\nR8,b,y,H\n", encoding="utf-8")
    project = Project.create(tmp_path / "c.qualcode")
    import_survey(project, path, "id", ["q1"], ["role", "band"])
    project.close()
    out = tmp_path / "who.csv"
    assert main(["export", str(tmp_path / "c.qualcode"), "attributes", "-o", str(out), "--by", "role",
                 "--attribute", "band"]) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = {r["Band"]: r for r in csv.DictReader(f)}
    # x: a 2 of 3 = 66.7%, b 1 of 5 = 20%, all 3 of 8 = 37.5%; y: a 1/3, b 3/5 = 60%, all 4/8 = 50%
    assert (rows["x"]["a n"], rows["x"]["a %"], rows["x"]["b n"], rows["x"]["All %"]) == ("2", "66.7", "1", "37.5")
    assert (rows["y"]["b n"], rows["y"]["b %"], rows["y"]["All n"]) == ("3", "60.0", "4")
    assert rows["(not stated)"]["b n"] == "1"  # R5: each column adds up to its base (a 3, b 5)


def test_the_code_chart_shows_the_theme_and_the_values(small) -> None:
    from qualcode.reports.prevalence.table import prevalence_document
    from qualcode.reports.writers.charts import render

    chart = prevalence_document(build_prevalence(small, ReportOptions(level="codes"))).charts[0]
    # Pay R1 R2 R5 = 3 of 5 = 60%; Admin R1 R3 = 40%; Leave R4 = 20%
    assert chart.categories == ["Pay (Work)", "Admin (Work)", "Leave (Rest)"]
    svg = render(chart, "svg").decode("utf-8")
    assert all(value in svg for value in ("60%", "40%", "20%")) and "Pay (Work)" in svg


def test_an_uncoded_selection_is_warned_about_in_every_survey_report(tmp_path: Path, capsys) -> None:
    from qualcode.cli import main

    build(tmp_path, "u", coded=False).close()
    for what in ("prevalence", "quotes", "themes", "master"):
        assert main(["export", str(tmp_path / "u.qualcode"), what, "-o", str(tmp_path / f"{what}.csv")]) == 0
        err = capsys.readouterr().err
        assert "qualcode: warning: no" in err and ("is coded" in err or "has no quotes" in err), (what, err)
