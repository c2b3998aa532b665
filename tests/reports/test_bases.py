"""One base, non-answers left out, half-up rounding — against counts made by hand.

The little survey below (12 respondents) is small enough to count on paper:

    R1–R4  group a, real answers        R9   group a, "N/A"
    R5–R8  group b, real answers        R10  group a, " - "
    R12    group b, blank               R11  group a, "Nothing."

Codes: theme Work → Pay (R1, R2, R3, R4, R5 and, by mistake, R9's "N/A"), Admin (R1).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.core.errors import QualcodeError
from qualcode.core.model import CodeRole
from qualcode.core.surveys import non_answers
from qualcode.core.surveys.importing import import_survey
from qualcode.reports.bases import BASE_RULE, half_up, percent_text
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import build_prevalence
from qualcode.reports.prevalence.table import prevalence_document
from qualcode.reports.theme_table import theme_table_document

ROWS = [("R1", "a", "More pay and less admin"), ("R2", "a", "Better pay"), ("R3", "a", "Pay rises"),
        ("R4", "a", "Pay"), ("R5", "b", "Fair pay"), ("R6", "b", "Time off"), ("R7", "b", "Training"),
        ("R8", "b", "Supervision"), ("R9", "a", "N/A"), ("R10", "a", " - "), ("R11", "a", "Nothing."),
        ("R12", "b", "")]


@pytest.fixture
def small(project, tmp_path: Path):
    path = tmp_path / "small.csv"
    path.write_text("id,group,q1\n" + "".join(f"{r},{g},{a}\n" for r, g, a in ROWS), encoding="utf-8")
    report = import_survey(project, path, "id", ["q1"], ["group"])
    work = project.codes.create("Work", CodeRole.THEME)
    pay = project.codes.create("Pay", CodeRole.CODE, work.id)
    admin = project.codes.create("Admin", CodeRole.CODE, work.id)
    docs = {d.title: d for d in project.documents.list()}
    for who in ("R1", "R2", "R3", "R4", "R5", "R9"):
        project.coding.apply(docs[who].id, 0, docs[who].length, pay.id)
    project.coding.apply(docs["R1"].id, 0, docs["R1"].length, admin.id)
    return project, report


def test_half_up_as_people_round_by_hand() -> None:
    assert percent_text(5, 8) == "5 (63%)"  # 62.5 → 63, not 62
    assert percent_text(1, 8) == "1 (13%)"  # 12.5 → 13, not 12
    assert percent_text(3, 8) == "3 (38%)"  # 37.5 → 38
    assert half_up(2.5) == 3 and half_up(0.125 * 100, 1) == 12.5 and half_up(1 / 3 * 100, 1) == 33.3
    assert percent_text(0, 0) == "0 (0%)"


@pytest.mark.parametrize("text", ["N/A", "n/a", " - ", "-", "none", "None.", "nothing", "Nothing!",
                                  "no comment", "?", "...", "—", "N/A.", "  NIL ", "Can’t think of anything.",
                                  "cant think of anything", "Nothing I can think of"])
def test_non_answers(text: str) -> None:
    assert non_answers.is_non_answer(text)


@pytest.mark.parametrize("text", ["No", "None of the staff listened", "Nothing was explained", "Pay",
                                  "I can't think of anything better than the crew who came",
                                  "n/a for me but my colleague needs more pay", "5", "OK", "❤️"])
def test_answers_that_are_answers(text: str) -> None:
    assert not non_answers.is_non_answer(text)


def test_import_flags_the_non_answers_and_keeps_the_list_in_the_project(small) -> None:
    project, report = small
    # 11 non-blank cells; R9 "N/A", R10 "-", R11 "Nothing." are non-answers; R12 is blank.
    assert report.questions == {"q1": (11, 1)}
    assert sum(report.non_answers["q1"].values()) == 3
    assert "3 non-answers" in report.summary() and "left out of bases" in report.summary()
    assert "n/a" in non_answers.phrases(project)  # stored with the project, editable
    non_answers.set_phrases(project, ["n/a"])  # the researcher's own list: "Nothing." is an answer now
    assert len(non_answers.find(project, project.documents.questions()[0][0].id)) == 2  # "N/A" and "-"


def test_prevalence_leaves_non_answers_out_of_base_and_counts(small) -> None:
    project, _ = small
    p = build_prevalence(project, ReportOptions(question="q1", by="group"))
    # Bases: a = R1–R4 (R9–R11 are non-answers) = 4; b = R5–R8 (R12 blank) = 4; all = 8.
    assert p.bases == {"a": 4, "b": 4} and p.base == 8
    rows = {r.code.name: r for r in p.rows}
    # Pay: R1–R5 = 5 of 8 (R9's coded "N/A" does not count); a: 4 of 4; b: 1 (R5) of 4.
    assert (rows["Pay"].overall.n, rows["Pay"].groups["a"].n, rows["Pay"].groups["b"].n) == (5, 4, 1)
    # Work counts R1 once although R1 has Pay and Admin: R1–R5 = 5.
    assert rows["Work"].overall.n == 5 and rows["Admin"].overall.n == 1
    table = prevalence_document(p).tables[0]
    pay = next(r for r in table.rows if r.cells[1] == "Pay")
    admin = next(r for r in table.rows if r.cells[1] == "Admin")
    last = len(table.columns) - 1
    assert pay.value(last, "document") == "5 (63%)" and admin.value(last, "document") == "1 (13%)"
    note = " ".join(table.notes)
    assert f"Base: {BASE_RULE}" in note and "3 non-answers" in note and "left out of the base" in note


def test_count_non_answers_keeps_them(small) -> None:
    project, _ = small
    p = build_prevalence(project, ReportOptions(question="q1", count_non_answers=True))
    # Base: 11 respondents wrote something; Pay: R1–R5 and R9 = 6 → 6/11 = 54.5% → 55%.
    assert p.base == 11
    pay = next(r for r in p.rows if r.code.name == "Pay")
    assert pay.overall.n == 6 and percent_text(pay.overall.n, pay.overall.base) == "6 (55%)"
    note = " ".join(prevalence_document(p).tables[0].notes)
    assert "counted as answers" in note


def test_the_theme_table_uses_the_same_base(small) -> None:
    project, _ = small
    table = theme_table_document(project, ReportOptions(question="q1")).tables[0]
    shown = {r.cells[1]: r.value(2, "document") for r in table.rows}
    # Pay: 5 of the 8 respondents who gave an answer (not "of 6", the respondents with a code).
    assert shown["Pay"] == "5 of 8" and shown["Admin"] == "1 of 8"
    assert any(f"Base: {BASE_RULE}" in n for n in table.notes)


def test_an_empty_selection_is_refused_and_an_uncoded_one_warned(small, tmp_path) -> None:
    project, _ = small
    with pytest.raises(QualcodeError, match="no respondents with group = c"):
        build_prevalence(project, ReportOptions(question="q1", filters={"group": ["c"]}))
    p = build_prevalence(project, ReportOptions(question="q1", coders=["Nobody"]))
    assert any("every count in the table is 0" in w for w in p.warnings)


def test_a_flat_codebook_shows_its_codes_at_the_codes_level(project, tmp_path: Path) -> None:
    path = tmp_path / "flat.csv"
    path.write_text("id,q1\nR1,Quick\nR2,Kind staff\nR3,Slow\n", encoding="utf-8")
    import_survey(project, path, "id", ["q1"])
    speed = project.codes.create("Speed")  # top-level codes, no themes (a label set such as the NHS FFT's)
    project.codes.create("Manner")
    docs = {d.title: d for d in project.documents.list()}
    for who in ("R1", "R3"):
        project.coding.apply(docs[who].id, 0, docs[who].length, speed.id)
    table = prevalence_document(build_prevalence(project, ReportOptions(level="codes"))).tables[0]
    # Speed: R1, R3 = 2 of 3 → 67%; Manner: 0 of 3
    shown = {r.cells[3]: (r.cells[2], r.value(len(table.columns) - 1, "document")) for r in table.rows[1:]}
    assert shown == {"Speed": ("code", "2 (67%)"), "Manner": ("code", "0 (0%)")}


def test_the_list_is_reviewed_and_edited_from_the_command_line(small, capsys) -> None:
    from qualcode.cli import main

    project, _ = small
    where = str(project.location)
    project.close()
    assert main(["non-answers", where]) == 0
    assert "q1: 3 non-answers (“N/A”, “-”, “Nothing.”)" in capsys.readouterr().out
    assert main(["non-answers", where, "--remove", "nothing"]) == 0  # "Nothing." is now an answer
    assert "q1: 2 non-answers (“N/A”, “-”)" in capsys.readouterr().out
    assert main(["non-answers", where, "--remove", "zzz"]) == 2
    assert "‘zzz’ is not on the list" in capsys.readouterr().err
