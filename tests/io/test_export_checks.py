"""``qualcode export`` refuses names the project does not hold, with "did you mean" (issue #12 item 5).

Never an all-zero table with exit 0: a value nobody has, a wrong attribute, a
wrong case, an unknown question, participant or coder exits 2 with one line.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample

from qualcode.cli import main


@pytest.fixture(scope="module")
def survey(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample("survey", tmp_path_factory.mktemp("checks") / "s.qualcode")


@pytest.mark.parametrize(("extra", "message"), [
    (["--where", "role_group=Stakeholders"], "nobody has role_group = ‘Stakeholders’"),
    (["--where", "role_group=Manager"], "nobody has role_group = ‘Manager’ (did you mean ‘manager’?)"),
    (["--where", "role_grup=manager"], "no attribute ‘role_grup’ (did you mean ‘role_group’?)"),
    (["--by", "Region"], "no attribute ‘Region’ (did you mean ‘region’?)"),
    (["--question", "q1_retension"], "no question ‘q1_retension’ (did you mean ‘q1_retention’?)"),
    (["--participant", "R1000"], "no participant or respondent ‘R1000’"),
    (["--attribute", "regoin"], "no attribute ‘regoin’ (did you mean ‘region’?)"),
    (["--coder", "Nobody"], "no coder ‘Nobody’"),
])
def test_a_name_the_project_does_not_hold_is_refused(survey, tmp_path: Path, capsys, extra, message) -> None:
    out = tmp_path / "p.docx"
    args = ["export", str(survey), "prevalence", "-o", str(out)]
    if "--question" not in extra:
        args += ["--question", "q1_retention"]
    assert main(args + extra) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_count_non_answers_widens_the_base(survey, tmp_path: Path, capsys) -> None:
    # q1: 276 answered; 3 of them wrote a non-answer (R076 "?", R134 "-", R193 "n/a").
    out = tmp_path / "p.csv"
    assert main(["export", str(survey), "prevalence", "-o", str(out), "--question", "q1_retention"]) == 0
    assert main(["export", str(survey), "prevalence", "-o", str(tmp_path / "all.csv"), "--question",
                 "q1_retention", "--count-non-answers"]) == 0
    left_out = out.read_text(encoding="utf-8-sig").splitlines()[1]
    counted = (tmp_path / "all.csv").read_text(encoding="utf-8-sig").splitlines()[1]
    assert ",273," in left_out and ",276," in counted
