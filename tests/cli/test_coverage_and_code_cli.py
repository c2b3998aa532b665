"""``qualcode coverage``, ``qualcode code`` and the agreement options of issue #12 (items 1, 2, 8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from test_reliability_projects import TRANSCRIPT, code_answers, survey_project, transcript_project

from qualcode.cli import main
from qualcode.core.project import Project


@pytest.fixture
def interview(tmp_path: Path) -> Path:
    path = tmp_path / "interview.qualcode"
    project, _ = transcript_project(path)
    project.close()
    return path


def codings(path: Path, coder: str) -> list[tuple[int, int, str]]:
    with Project.open(path) as project:
        doc = project.documents.list()[0]
        return sorted((c.start, c.end, project.codes.get(c.code_id).name)
                      for c in project.coding.for_document(doc.id, [coder]))


def test_code_applies_and_removes_a_code_on_fixed_lines(interview: Path, capsys) -> None:
    assert main(["code", str(interview), "--document", "Maya", "--lines", "2-3", "--code", "Production line",
                 "--coder", "Sam"]) == 0
    # Lines 2–3 run from "Maya: It feels…" to "…already waiting." (the final newline is not coded).
    start = TRANSCRIPT.index("Maya: It feels")
    end = TRANSCRIPT.index("waiting.") + len("waiting.")
    assert codings(interview, "Sam") == [(start, end, "Production line")]
    assert "applied by Sam" in capsys.readouterr().out
    assert main(["code", str(interview), "--document", "Maya", "--lines", "2-3", "--code", "Production line",
                 "--coder", "Sam", "--uncode"]) == 0
    assert codings(interview, "Sam") == []
    assert "1 coding(s) of ‘Production line’ by Sam removed" in capsys.readouterr().out


@pytest.mark.parametrize(("args", "message"), [
    (["--lines", "9-12"], "has 5 lines; there is no line 12"),
    (["--lines", "3-2"], "is not a line range"),
    (["--document", "Nobody"], "no document called ‘Nobody’"),
    (["--code", "Nothing"], "no code called ‘Nothing’"),
])
def test_code_refusals_exit_2_with_one_line(interview: Path, capsys, args: list[str], message: str) -> None:
    base = {"--document": "Maya", "--lines": "2", "--code": "Production line", "--coder": "Sam"}
    base.update(dict(zip(args[::2], args[1::2])))
    assert main(["code", str(interview), *[x for kv in base.items() for x in kv]]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1


def test_lines_coded_with_qualcode_code_give_agreement_by_hand(interview: Path, capsys) -> None:
    for coder, lines in (("Ann", "2-3"), ("Sam", "2")):
        main(["code", str(interview), "--document", "Maya", "--lines", lines, "--code", "Production line",
              "--coder", coder])
    capsys.readouterr()
    assert main(["agreement", str(interview), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0"]) == 0
    data = json.loads(capsys.readouterr().out)
    # Five lines; Ann 2 and 3, Sam 2: 4 of 5 agree; p_e = (2·1 + 3·4)/25 = 14/25, kappa = (20 − 14)/(25 − 14).
    row = data["codes"][0]
    assert row["code"] == "Production line" and row["units"] == 5
    assert row["agreement"] == pytest.approx(0.8) and row["kappa"] == pytest.approx(6 / 11)


def test_coverage_marks_lists_and_unmarks(tmp_path: Path, capsys) -> None:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    code_answers(project, "Ann", {"R1": ["Caseload"], "R4": ["Pay"]})
    code_answers(project, "Sam", {"R1": ["Caseload"]})
    project.close()
    assert main(["coverage", str(path), "--coder", "Sam", "--list"]) == 0
    out = capsys.readouterr().out
    assert "inferred" in out and "q1: 10 of 10 answers" in out
    assert main(["coverage", str(path), "--coder", "Sam", "--undone", "R6", "R7", "R8", "R9", "R10"]) == 0
    assert main(["coverage", str(path), "--coder", "Sam"]) == 0
    out = capsys.readouterr().out
    assert "recorded" in out and "q1: 5 of 10 answers" in out
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0"]) == 0
    assert json.loads(capsys.readouterr().out)["overall"]["documents"] == 5
    assert main(["coverage", str(path), "--coder", "Sam", "--done", "q1"]) == 0
    main(["coverage", str(path), "--coder", "Sam"])
    assert "q1: 10 of 10 answers" in capsys.readouterr().out
    assert main(["coverage", str(path), "--coder", "Sam", "--done", "q7"]) == 2
    assert "no transcript, survey question or answer called ‘q7’" in capsys.readouterr().err


def test_an_ambiguous_code_name_is_refused_with_its_paths(tmp_path: Path, capsys) -> None:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    workload = project.codes.find("Workload").id
    support = project.codes.find("Support").id
    stress = [project.codes.create("Stress", parent_id=workload), project.codes.create("Stress", parent_id=support)]
    code_answers(project, "Ann", {"R1": ["Workload/Stress"]})
    code_answers(project, "Sam", {"R1": ["Support/Stress"]})
    project.close()
    assert len(stress) == 2
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--codes", "Stress"]) == 2
    assert "2 codes are called ‘Stress’: Workload/Stress; Support/Stress" in capsys.readouterr().err
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "--codes", "Support/Stress", "--json",
                 "--bootstrap", "0"]) == 0
    assert [c["code"] for c in json.loads(capsys.readouterr().out)["codes"]] == ["Support / Stress"]


def test_all_codes_compares_the_whole_codebook(tmp_path: Path, capsys) -> None:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    every = len(project.codes.list())
    code_answers(project, "Ann", {"R1": ["Caseload"], "R4": ["Pay"]})
    code_answers(project, "Sam", {"R1": ["Caseload"]})
    project.close()
    main(["agreement", str(path), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0"])
    assert [c["code"] for c in json.loads(capsys.readouterr().out)["codes"]] == ["Caseload", "Pay"]
    main(["agreement", str(path), "--coders", "Ann", "Sam", "--json", "--bootstrap", "0", "--all-codes"])
    assert len(json.loads(capsys.readouterr().out)["codes"]) == every
    main(["agreement", str(path), "--coders", "Ann", "Sam"])
    out = capsys.readouterr().out
    assert f"The figures pool the 2 codes either coder applied in the compared material; the {every - 2} codes " \
           "neither applied there, which would only add agreed absences, were left out." in out
    assert "Pooled Cohen's kappa" in out and "95% bootstrap CI" in out


def test_lights_kappa_over_fewer_pairs_is_said_under_the_table(tmp_path: Path, capsys) -> None:
    path = tmp_path / "survey.qualcode"
    project = survey_project(path)
    code_answers(project, "Ann", {"R1": ["Caseload"], "R2": ["Pay"]})
    code_answers(project, "Sam", {"R2": ["Pay"]})
    code_answers(project, "Lee", {"R2": ["Pay"]})
    project.close()
    assert main(["agreement", str(path), "--coders", "Ann", "Sam", "Lee", "--bootstrap", "0"]) == 0
    out = capsys.readouterr().out
    # Caseload: only Ann applied it (R1); Sam and Lee never did, so their pair's kappa is undefined.
    assert "Light's kappa left out undefined coder pairs for 1 code(s), e.g. Caseload: 2 of 3 pairs" in out
    # Pooled over both codes every pair varies (Sam and Lee applied Pay to R2): no pair left out there.
    assert "Pooled Light's kappa (mean pairwise Cohen's kappa) was" in out and "coder pairs undefined" not in out
