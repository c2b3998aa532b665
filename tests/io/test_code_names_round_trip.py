"""Any character in a code name survives every export → import (issue #12 items 6 and 7).

A code sheet, a codebook JSON and an Excel codebook written by qualcode and
read back give the same codes and codings — for names with "/", "\\", ">",
quotes, emoji and 200 characters.  Paths escape a name's "/" as "\\/" and its
"\\" as "\\\\" (qualcode.core.model.split_path).  A code-sheet column that
matches no code is refused with "did you mean" unless new codes are asked for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.model import CodeRole, join_path, split_path
from qualcode.core.project import Project
from qualcode.core.surveys.code_sheets import import_code_sheet
from qualcode.core.surveys.importing import import_survey
from qualcode.core.themes.codebook import import_codebook
from qualcode.io.base import ImportRefused
from qualcode.reports.export import export_report
from qualcode.reports.options import ReportOptions

LONG = "L" * 199 + "!"  # 200 characters
# theme → its codes; every name is one a real codebook could hold
CODEBOOK = {
    "Accreditation/regulation": ["IAPT Team/Services", "a\\b", "x > y"],
    "Quotes \"straight\" and ‘curly’": ["emoji 😀🎉", LONG, "ends with a backslash\\"],
}
ANSWERS = {"R1": "Too many audits", "R2": "The regulator", "R3": "Nothing helps", "R4": "More staff"}
# respondent → the codes (theme, code) on their answer, chosen by hand
CODED = {"R1": [(0, 0), (0, 2)], "R2": [(0, 1), (1, 0)], "R3": [(1, 1), (1, 2)], "R4": [(0, 0), (1, 1)]}


def survey_project(folder: Path, name: str, codebook: bool = True) -> Project:
    answers = folder / "answers.csv"
    answers.write_text("id,q1\n" + "".join(f"{r},{a}\n" for r, a in ANSWERS.items()), encoding="utf-8")
    project = Project.create(folder / f"{name}.qualcode")
    project.set_coder("Ann")
    import_survey(project, answers, "id", ["q1"])
    if codebook:
        for theme, codes in CODEBOOK.items():
            t = project.codes.create(theme, CodeRole.THEME)
            for c in codes:
                project.codes.create(c, CodeRole.CODE, t.id)
    return project


def paths(project: Project) -> dict[int, tuple[str, ...]]:
    codes = {c.id: c for c in project.codes.list()}

    def path(cid: int) -> tuple[str, ...]:
        c = codes[cid]
        return (*path(c.parent_id), c.name) if c.parent_id is not None else (c.name,)

    return {cid: path(cid) for cid in codes}


def codings(project: Project) -> set[tuple[str, tuple[str, ...]]]:
    by_path = paths(project)
    docs = {d.id: d.title for d in project.documents.list()}
    return {(docs[d], by_path[c.code_id]) for d in docs for c in project.coding.for_document(d)}


def coded(project: Project) -> Project:
    ids = {p: cid for cid, p in paths(project).items()}
    themes = list(CODEBOOK)
    docs = {d.title: d for d in project.documents.list()}
    for rid, pairs in CODED.items():
        for t, c in pairs:
            code = ids[(themes[t], CODEBOOK[themes[t]][c])]
            project.coding.apply(docs[rid].id, 0, docs[rid].length, code)
    return project


def test_the_path_rule_is_an_identity() -> None:
    for names in (["A/B"], ["a\\b", "x > y"], ["\"q\" ‘c’", "😀🎉"], [LONG], ["T", "a\\/b/", "\\"]):
        assert split_path(join_path(names)) == names
    assert join_path(["Workload", "Accreditation/regulation"]) == "Workload/Accreditation\\/regulation"
    assert split_path("a\\b/c") == ["a\\b", "c"]  # a lone backslash typed by hand stays in the name


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_a_code_sheet_round_trip_is_an_identity(tmp_path: Path, suffix: str) -> None:
    first = coded(survey_project(tmp_path, "first"))
    sheet = tmp_path / f"sheet.{suffix}"
    export_report(first, "code-sheet", sheet, options=ReportOptions(question="q1"))
    (tmp_path / "second").mkdir()
    second = survey_project(tmp_path / "second", "second")
    report = import_code_sheet(second, sheet, "respondent_id", coder="Ann", question="q1")
    # 8 codings by hand: R1 2, R2 2, R3 2, R4 2; no code created, none stray
    assert report.codings == 8 and report.codes_created == 0
    assert codings(second) == codings(first) and len(codings(first)) == 8
    assert sorted(paths(second).values()) == sorted(paths(first).values())  # 2 themes + 6 codes
    assert len(paths(second)) == 8


@pytest.mark.parametrize("suffix", ["json", "xlsx"])
def test_a_codebook_round_trip_is_an_identity(tmp_path: Path, suffix: str) -> None:
    first = survey_project(tmp_path, "first")
    book = tmp_path / f"codebook.{suffix}"
    export_report(first, "codebook", book)
    (tmp_path / "second").mkdir()
    second = survey_project(tmp_path / "second", "second", codebook=False)
    created, existing = import_codebook(second, book)
    assert (created, existing) == (8, 0)  # 2 themes and 6 codes, no more, no fewer
    assert sorted(paths(second).values()) == sorted(paths(first).values())
    roles = {p: c.role for c in second.codes.list() for cid, p in paths(second).items() if cid == c.id}
    assert roles[("Accreditation/regulation",)] == CodeRole.THEME
    assert roles[("Accreditation/regulation", "IAPT Team/Services")] == CodeRole.CODE


def test_a_column_that_matches_no_code_is_refused_with_did_you_mean(tmp_path: Path) -> None:
    project = survey_project(tmp_path, "p")
    sheet = tmp_path / "typo.csv"
    sheet.write_text("id,Accreditation\\/regulation/x > y,Accreditation\\/regulation/IAPT Team\\/Servces\n"
                     "R1,1,0\nR2,0,1\n", encoding="utf-8")
    before = len(project.codes.list())
    with pytest.raises(ImportRefused, match="1 column matches no code of the codebook: "
                       "‘Accreditation\\\\/regulation/IAPT Team\\\\/Servces’ \\(did you mean "
                       "‘Accreditation\\\\/regulation/IAPT Team\\\\/Services’\\?\\).*--new-codes"):
        import_code_sheet(project, sheet, "id", coder="Sam", question="q1")
    assert len(project.codes.list()) == before and not codings(project)  # nothing kept
    report = import_code_sheet(project, sheet, "id", coder="Sam", question="q1", new_codes=True)
    assert report.codes_created == 1 and report.codings == 2


def test_a_hand_typed_header_with_an_unescaped_slash_finds_its_code(tmp_path: Path) -> None:
    project = survey_project(tmp_path, "p")
    sheet = tmp_path / "by_hand.csv"
    # "IAPT Team/Services" typed as it is, alone and under its theme: both are the one code of that name
    sheet.write_text("id,IAPT Team/Services,Accreditation/regulation/x > y\nR1,1,1\nR2,1,0\n", encoding="utf-8")
    report = import_code_sheet(project, sheet, "id", coder="Sam", question="q1")
    assert report.codes_created == 0 and report.codings == 3
    assert codings(project) == {("R1", ("Accreditation/regulation", "IAPT Team/Services")),
                                ("R2", ("Accreditation/regulation", "IAPT Team/Services")),
                                ("R1", ("Accreditation/regulation", "x > y"))}


def test_the_command_line_refuses_a_typo_unless_new_codes(tmp_path: Path, capsys) -> None:
    from qualcode.cli import main

    survey_project(tmp_path, "p").close()
    sheet = tmp_path / "typo.csv"
    sheet.write_text("id,x > yy\nR1,1\n", encoding="utf-8")
    args = ["import", str(tmp_path / "p.qualcode"), str(sheet), "--code-sheet", "--id-column", "id",
            "--coder", "Sam", "--question", "q1"]
    assert main(args) == 2
    assert "‘x > yy’ (did you mean ‘Accreditation\\/regulation/x > y’?)" in capsys.readouterr().err
    assert main([*args, "--new-codes"]) == 0
    assert "1 codings for 1 respondents (1 new code)" in capsys.readouterr().out
