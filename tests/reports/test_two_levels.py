"""The IPA reports follow both levels: PETs per participant, GETs linking them — and older one-level projects.

The figures are counted by hand from the small projects of :mod:`level_projects`.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document
from level_projects import one_level_project, two_level_project
from openpyxl import load_workbook

from qualcode.core.errors import NotFound
from qualcode.core.project import Project
from qualcode.core.themes import terms
from qualcode.reports.export import export_report
from qualcode.reports.master_table import build_master_table, master_table_document
from qualcode.reports.options import ReportOptions
from qualcode.reports.personal_themes import build_personal_table, personal_table_document
from qualcode.reports.recurrence import build_recurrence, recurrence_document
from qualcode.reports.theme_table import theme_table_document


@pytest.fixture
def two(tmp_path: Path):
    project = two_level_project(tmp_path / "two.qualcode")
    yield project
    project.close()


@pytest.fixture
def one(tmp_path: Path):
    project = one_level_project(tmp_path / "one.qualcode")
    yield project
    project.close()


def _quotes(table) -> dict[str, list[tuple[str, str, str]]]:
    """Sub-theme → (PET, statement, citation) of each quote, in the order shown."""
    return {s.code.name: [(q.personal.name if q.personal else "", q.label, q.citation) for q in s.quotes]
            for t in table.themes for s in t.sub_themes}


def test_the_master_table_follows_the_links_to_each_participants_pets(two: Project) -> None:
    table = build_master_table(two)
    assert [t.code.name for t in table.themes] == ["Keeping afloat"]  # PETs are not group themes
    assert _quotes(table) == {
        "Drowning": [("Under water", "Going under", "(Ann, 2)"), ("Under water", "A rope thrown", "(Ann, 3-4)"),
                     ("Under water", "A rope thrown", "(Ann, 6)"),
                     ("Out of my depth", "Drowning in cases", "(Ben, 2)"), ("Out of my depth", "My anchor", "(Ben, 4)")],
        "Exhausted": [("Worn out", "Running on fumes", "(Ann, 5)"), ("Empty tank", "Nothing left", "(Cat, 3)")]}
    subs = {s.code.name: s for s in table.themes[0].sub_themes}
    assert (subs["Drowning"].participants, subs["Drowning"].available) == (2, 5)
    assert (subs["Exhausted"].participants, subs["Exhausted"].available) == (2, 2)
    assert table.total_participants == 4  # Dan has a transcript and no PET: still in the sample


def test_the_master_document_names_each_participants_pet_and_never_says_no_quotes(two: Project) -> None:
    doc = master_table_document(build_master_table(two))
    table = doc.tables[0]
    headers = [c.header for c in table.columns]
    assert headers[:5] == ["Group experiential theme", "Sub-theme", "Participant", "Personal experiential theme",
                           "Experiential statement"]
    pet = headers.index("Personal experiential theme")
    assert [r.value(pet, "document") for r in table.rows][:3] == ["Ann: Under water"] * 3
    assert table.merge_first == 2  # the PET and the statement merge down their quotes
    shown = [str(r.value(i, "document")) for r in table.rows for i in range(len(table.columns))]
    assert not any("No quotes" in s for s in shown)
    assert table.rows[0].value(1, "document") == "1.1 Drowning  (2 of 4 participants; 5 quotes)"
    assert doc.title == "Master table of group experiential themes"


def test_the_recurrence_counts_participants_through_their_pets(two: Project) -> None:
    r = build_recurrence(two)
    assert r.participants == ["Ann", "Ben", "Cat", "Dan"]
    present = {row.code.name: sorted(p for p, there in row.present.items() if there) for row in r.rows}
    assert present == {"Keeping afloat": ["Ann", "Ben", "Cat"], "Drowning": ["Ann", "Ben"], "Exhausted": ["Ann", "Cat"]}
    assert r.below_threshold == []  # 2 of 4 is half: present in at least half
    strict = build_recurrence(two, ReportOptions(threshold=0.75))  # 3 of 4 needed
    assert sorted(row.code.name for row in strict.below_threshold) == ["Drowning", "Exhausted"]
    doc = recurrence_document(strict)
    notes = " ".join(doc.tables[0].notes)
    assert "linked" in notes and "Base: the 4 participants with a transcript" in notes and "fewer than 3" in notes
    assert doc.tables[0].columns[0].header == "Group experiential theme"
    assert len(doc.warnings) == 2


def test_the_personal_themes_table_per_participant(two: Project) -> None:
    table = build_personal_table(two)
    pets = [(t.pet.participant, t.pet.code.name, t.statements, t.quotes) for t in table.themes]
    assert pets == [("Ann", "Under water", 2, 3), ("Ann", "Worn out", 1, 1), ("Ben", "Out of my depth", 2, 2),
                    ("Cat", "Empty tank", 1, 1)]
    doc = personal_table_document(table)
    t = doc.tables[0]
    assert t.split_groups and t.group_by == 2  # a section per participant in Word and HTML
    cite = next(i for i, c in enumerate(t.columns) if c.header == "Citation")
    assert [r.cells[cite] for r in t.rows] == ["(Ann, 2)", "(Ann, 3-4)", "(Ann, 6)", "(Ann, 5)", "(Ben, 2)",
                                               "(Ben, 4)", "(Cat, 3)"]
    assert t.rows[0].value(1, "document") == "1. Under water  (2 experiential statements; 3 quotes)"
    assert t.rows[3].value(1, "document") == "2. Worn out  (1 experiential statement; 1 quote)"
    maya = build_personal_table(two, ReportOptions(participant="Ben"))
    assert [t.pet.code.name for t in maya.themes] == ["Out of my depth"]
    with pytest.raises(NotFound):
        build_personal_table(two, ReportOptions(participant="Nobody"))


def test_the_theme_table_for_the_paper_follows_the_levels(two: Project) -> None:
    table = theme_table_document(two).tables[0]
    assert [c.header for c in table.columns][:2] == ["Group experiential theme", "Sub-theme"]
    assert [r.cells for r in table.rows] == [("Keeping afloat", "Drowning", 2, 5), ("Keeping afloat", "Exhausted", 2, 2)]
    assert table.rows[0].value(2, "document") == "2 of 4"


def test_the_2009_terms_in_every_heading(two: Project) -> None:
    terms.set_edition(two, "2009")
    master = master_table_document(build_master_table(two))
    assert [c.header for c in master.tables[0].columns][:5] == [
        "Superordinate theme", "Sub-theme", "Participant", "Superordinate theme (participant)", "Emergent theme"]
    assert master.title == "Master table of superordinate themes"
    assert recurrence_document(build_recurrence(two)).tables[0].columns[0].header == "Superordinate theme"
    assert theme_table_document(two).title == "Superordinate themes and sub-themes"
    pets = personal_table_document(build_personal_table(two))
    assert pets.title == "Superordinate themes (participant)"
    assert "Emergent theme" in [c.header for c in pets.tables[0].columns]


def test_an_older_one_level_project_keeps_its_quotes(one: Project) -> None:
    table = build_master_table(one)
    assert _quotes(table) == {
        "Targets": [("", "Numbers first", "(Ann, 2)"), ("", "The spreadsheet", "(Ben, 3)")],
        "Support": [("", "A kind word", "(Ann, 4)"), ("", "A kind word", "(Ann, 5)")]}  # statements under the theme
    doc = master_table_document(table)
    assert "Personal experiential theme" not in [c.header for c in doc.tables[0].columns]
    assert not any("No quotes" in str(r.value(i, "document")) for r in doc.tables[0].rows
                   for i in range(len(doc.tables[0].columns)))
    r = build_recurrence(one)
    counts = {row.code.name: row.count for row in r.rows}
    assert counts == {"Pressure": 2, "Targets": 2, "Support": 1}
    assert [row.code.name for row in build_recurrence(one, ReportOptions(threshold=0.75)).below_threshold] == ["Support"]
    assert build_personal_table(one).themes == []
    assert personal_table_document(build_personal_table(one)).warnings  # "no personal experiential themes yet"


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "csv", "html"])
def test_every_format_carries_the_pets_and_citations(two: Project, tmp_path: Path, fmt: str) -> None:
    wanted = {"master": ["Under water", "(Ann, 3-4)", "Drowning in cases", "Keeping afloat"],
              "personal-themes": ["Empty tank", "(Cat, 3)", "A rope thrown", "(Ann, 6)"],
              "recurrence": ["Keeping afloat", "Exhausted"],
              "themes": ["Keeping afloat", "Drowning"]}
    for name, texts in wanted.items():
        path = tmp_path / f"{name}.{fmt}"
        files = export_report(two, name, path).files
        if fmt == "docx":
            text = _docx_text(path)
        elif fmt == "xlsx":
            book = load_workbook(path)
            text = "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row)
        elif fmt == "csv":
            text = "\n".join(",".join(row) for f in files for row in csv.reader(f.open(encoding="utf-8-sig")))
        else:
            text = path.read_text(encoding="utf-8")
        for t in texts:
            assert t in text, (name, fmt, t)
        assert "No quotes coded yet" not in text
    if fmt == "csv":  # the recurrence in a data file: 1/0 ticks and the count, counted by hand
        rows = list(csv.DictReader((tmp_path / "recurrence.csv").open(encoding="utf-8-sig")))
        drowning = next(r for r in rows if r["Sub-theme"] == "Drowning")
        assert (drowning["Ann"], drowning["Ben"], drowning["Cat"], drowning["Dan"], drowning["Total"]) == \
            ("1", "1", "0", "0", "2")


def test_the_command_line_writes_one_participants_table(tmp_path: Path, capsys) -> None:
    from qualcode.cli import main

    two_level_project(tmp_path / "cli.qualcode").close()
    out = tmp_path / "ann.xlsx"
    assert main(["export", str(tmp_path / "cli.qualcode"), "personal-themes", "--participant", "Ann",
                 "-o", str(out)]) == 0
    rows = list(load_workbook(out)["Personal themes"].iter_rows(values_only=True))
    assert {r[0] for r in rows[1:]} == {"Ann"} and len(rows) == 1 + 4  # Ann's four quotes
    assert main(["export", str(tmp_path / "cli.qualcode"), "personal-themes", "--participant", "Anne",
                 "-o", str(tmp_path / "x.docx")]) == 2
    assert "did you mean ‘Ann’" in capsys.readouterr().err
