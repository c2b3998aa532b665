"""``qualcode split``, ``merge`` and ``agreement``, run as a second analyst runs them."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_reliability_projects import code_answers, survey_project

from qualcode.cli import main
from qualcode.core.project import Project
from qualcode.core.reliability.coverage import mark_coded

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def survey(tmp_path: Path) -> Path:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    code_answers(project, "Researcher", {"R1": ["Caseload"], "R2": ["Pay"], "R4": ["Pay", "Caseload"],
                                         "R6": ["Supervision"], "R9": ["Training"]})
    project.close()
    return path


def sam_codes(path: Path) -> None:
    with Project.open(path) as copy:
        titles = [d.title for d in copy.documents.list()]
        code_answers(copy, "Sam", {t: ["Pay"] for t in titles[:2]} | {titles[2]: ["Caseload"]})


def test_split_merge_agreement_from_the_shell(survey: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    def qualcode(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "qualcode", *args], capture_output=True, text=True, env=env,
                              cwd=REPO, timeout=120)

    copy = tmp_path / "sam.qualcode"
    done = qualcode("split", str(survey), str(copy), "--sample", "0.5", "--seed", "3", "--coder", "Sam",
                    "--stratify", "role_group")
    assert done.returncode == 0, done.stderr
    assert "5 of 10 documents (50%)" in done.stdout and "manager: 1 of 2" in done.stdout
    sam_codes(copy)
    merged = qualcode("merge", str(survey), str(copy))
    assert merged.returncode == 0 and "3 codings added (3 by Sam)" in merged.stdout
    table = qualcode("agreement", str(survey), "--coders", "Researcher", "Sam", "--json")
    assert table.returncode == 0, table.stderr
    data = json.loads(table.stdout)
    assert data["unit"] == "answer" and data["coders"] == ["Researcher", "Sam"]
    assert {"code", "units", "agreement", "kappa", "alpha"} == set(data["codes"][0])
    assert all(c["units"] == 5 for c in data["codes"])
    # Applied in the compared material, by hand: the sample is R2, R3, R8, R9, R10; Researcher applied Pay (R2)
    # and Training (R9) there, Sam Pay (R2, R3) and Caseload (R8); Supervision only in R6, outside the sample.
    assert [c["code"] for c in data["codes"]] == ["Caseload", "Pay", "Training"]
    assert data["overall"]["pooled"]["units"] == 15  # 5 answers × the 3 codes above
    refused = qualcode("agreement", str(survey), "--coders", "Researcher", "Zoe")
    assert refused.returncode == 2 and refused.stderr.startswith("qualcode: no coder called ‘Zoe’")


def test_agreement_prints_a_table_and_the_methods_sentence(survey: Path, tmp_path: Path, capsys) -> None:
    main(["split", str(survey), str(tmp_path / "sam.qualcode"), "--coder", "Sam"])
    sam_codes(tmp_path / "sam.qualcode")
    main(["merge", str(survey), str(tmp_path / "sam.qualcode")])
    capsys.readouterr()
    assert main(["agreement", str(survey), "--coders", "Researcher", "Sam"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["Code", "Units", "Agreement", "Kappa", "Alpha", "Reading"]
    assert "Overall (pooled)" in out
    assert "Agreement between coders Researcher and Sam was assessed on 10 survey answers" in out


def test_agreement_options_and_report_files(survey: Path, tmp_path: Path, capsys) -> None:
    with Project.open(survey) as project:
        code_answers(project, "Sam", {"R1": ["Caseload"], "R2": ["Pay"], "R6": ["Flexible working"]})
    for suffix in ("docx", "xlsx", "csv"):
        out = tmp_path / f"reliability.{suffix}"
        assert main(["agreement", str(survey), "--coders", "Researcher", "Sam", "--codes", "Workload", "Support",
                     "--roll-up", "-o", str(out)]) == 0
    rows = list(csv.DictReader((tmp_path / "reliability.csv").open(encoding="utf-8")))
    assert [r["code"] for r in rows[:2]] == ["Workload", "Support"]
    assert rows[0]["percent_agreement"] == "90.0"  # Caseload rolled up: R4 differs
    assert rows[1]["percent_agreement"] == "100.0"  # Supervision and Flexible working both count for Support
    assert Document(str(tmp_path / "reliability.docx")).tables[0].rows[1].cells[0].text == "Workload"
    assert load_workbook(tmp_path / "reliability.xlsx")["Reliability"]["A5"].value == "Workload"
    capsys.readouterr()
    assert main(["agreement", str(survey), "--coders", "Researcher", "Sam", "--unit", "character", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unit"] == "character"
    assert main(["agreement", str(survey), "--coders", "Researcher", "Sam", "--codes", "Nothing"]) == 2
    assert "no code called ‘Nothing’" in capsys.readouterr().err
    assert main(["agreement", str(survey), "--coders", "Researcher", "Sam", "-o", str(tmp_path / "x.pdf")]) == 2


def test_merge_and_split_refusals_exit_2(survey: Path, tmp_path: Path, capsys) -> None:
    assert main(["split", str(survey), str(survey)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["split", str(survey), str(tmp_path / "c.qualcode"), "--sample", "0.5", "--stratify", "region"]) == 2
    assert "no attribute called ‘region’" in capsys.readouterr().err
    assert main(["merge", str(survey), str(tmp_path / "missing.qualcode")]) == 2
    assert "no such file" in capsys.readouterr().err
    (tmp_path / "junk.qdpx").write_bytes(b"not a zip")
    assert main(["merge", str(survey), str(tmp_path / "junk.qdpx")]) == 2
    assert "not a REFI-QDA project" in capsys.readouterr().err


def test_merge_names_the_coder_on_request(survey: Path, tmp_path: Path, capsys) -> None:
    copy = tmp_path / "copy.qualcode"
    main(["split", str(survey), str(copy)])
    with Project.open(copy) as project:
        code_answers(project, "Researcher", {"R3": ["Supervision"]})
    capsys.readouterr()
    assert main(["merge", str(survey), str(copy)]) == 2
    assert "name the second coder" in capsys.readouterr().err
    assert main(["merge", str(survey), str(copy), "--coder", "Kim"]) == 0
    assert "1 coding added (1 by Kim)" in capsys.readouterr().out


def test_a_code_used_only_where_the_second_coder_never_coded_is_not_pooled(tmp_path: Path, capsys) -> None:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    every = len(project.codes.list())
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"], "R9": ["Training"]})
    code_answers(project, "Sam", {"R1": ["Caseload"], "R2": ["Pay"]})
    mark_coded(project, "Sam", [project.documents.by_title(t).id for t in ("R1", "R2", "R3", "R4", "R5")])
    project.close()
    # Compared: R1–R5 (Sam's coverage). Used there, by hand: Caseload (R1) and Pay (R2) by both;
    # Training only in R9, which Sam never covered → 2 codes pooled, 5 answers × 2 codes = 10 decisions.
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["code"] for c in data["codes"]] == ["Caseload", "Pay"]
    assert data["overall"]["pooled"]["units"] == 10
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0",
                 "--all-codes"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["codes"]) == every
    training = next(c for c in data["codes"] if c["code"] == "Training")
    assert training["units"] == 5 and training["agreement"] == 1.0  # only agreed absences in R1–R5
    out = tmp_path / "reliability.docx"
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--bootstrap", "0", "-o", str(out)]) == 0
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert (f"cover the 2 codes either coder applied in the compared material; the {every - 2} codes neither "
            "applied there, which would only add agreed absences, were left out.") in text
    assert "The figures pool the 2 codes either coder applied in the compared material" in text
