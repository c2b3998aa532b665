"""Answers flagged as non-answers that a person coded: the report says how many, and why their codings are out.

Counted by hand on the survey below (8 respondents):

    R1 "Kind crew"     Staff            R5 "Nothing."        Staff, Praise   (a person coded it)
    R2 "Late again"    Delay            R6 "None."           Praise          (a person coded it)
    R3 "Lovely staff"  Staff, Praise    R7 "Did not answer"  —
    R4 "Quick"         —                R8 "N/A"             —

Non-answers: R5–R8 = 4, of which 2 (R5, R6) carry codings.  Base: R1–R4 = 4.
Staff: R1, R3 = 2 of 4 (R5's coding not counted); with --count-non-answers R1, R3, R5 = 3 of 8.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.cli import main
from qualcode.core.surveys.importing import import_survey
from qualcode.reports.options import ReportOptions
from qualcode.reports.prevalence.counts import build_prevalence
from qualcode.reports.prevalence.table import prevalence_document

ANSWERS = {"R1": "Kind crew", "R2": "Late again", "R3": "Lovely staff", "R4": "Quick", "R5": "Nothing.",
           "R6": "None.", "R7": "Did not answer", "R8": "N/A"}
CODED = {"R1": ["Staff"], "R2": ["Delay"], "R3": ["Staff", "Praise"], "R5": ["Staff", "Praise"], "R6": ["Praise"]}
NOTE = "2 answers counted as non-answers carry codings (their codings are not counted; --count-non-answers counts them)"


@pytest.fixture
def survey(project, tmp_path: Path):
    path = tmp_path / "fft.csv"
    path.write_text("id,q1\n" + "".join(f"{r},{a}\n" for r, a in ANSWERS.items()), encoding="utf-8")
    import_survey(project, path, "id", ["q1"])
    codes = {name: project.codes.create(name).id for name in ("Staff", "Delay", "Praise")}
    docs = {d.title: d for d in project.documents.list()}
    for who, names in CODED.items():
        for name in names:
            project.coding.apply(docs[who].id, 0, docs[who].length, codes[name])
    return project


def test_the_note_and_a_warning_say_how_many_coded_answers_were_left_out(survey) -> None:
    p = build_prevalence(survey, ReportOptions(question="q1"))
    assert p.base == 4
    counts = {r.code.name: r.overall.n for r in p.rows}
    assert counts == {"Staff": 2, "Delay": 1, "Praise": 1}
    assert NOTE in p.warnings
    note = " ".join(prevalence_document(p).tables[0].notes)
    assert "4 non-answers" in note and NOTE + "." in note


def test_counting_non_answers_counts_their_codings_and_drops_the_warning(survey) -> None:
    p = build_prevalence(survey, ReportOptions(question="q1", count_non_answers=True))
    assert p.base == 8
    assert {r.code.name: r.overall.n for r in p.rows} == {"Staff": 3, "Delay": 1, "Praise": 3}
    assert not any("carry codings" in w for w in p.warnings)


def test_no_warning_when_no_non_answer_is_coded(project, tmp_path: Path) -> None:
    path = tmp_path / "fft.csv"
    path.write_text("id,q1\nR1,Kind crew\nR2,Nothing.\n", encoding="utf-8")
    import_survey(project, path, "id", ["q1"])
    doc = next(d for d in project.documents.list() if d.title == "R1")
    project.coding.apply(doc.id, 0, doc.length, project.codes.create("Staff").id)
    p = build_prevalence(project, ReportOptions(question="q1"))
    assert not any("carry codings" in w for w in p.warnings)
    assert "carry codings" not in " ".join(prevalence_document(p).tables[0].notes)


def test_the_cli_prints_the_warning(survey, tmp_path: Path, capsys) -> None:
    location = survey.location
    survey.close()
    out = tmp_path / "prevalence.csv"
    assert main(["export", str(location), "prevalence", "--question", "q1", "-o", str(out)]) == 0
    assert f"qualcode: warning: {NOTE}" in capsys.readouterr().err
