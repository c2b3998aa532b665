"""``qualcode export``: every report from the command line, warnings on stderr, refusals with a reason."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "reports"))
from report_samples import sample

from qualcode.cli import main


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("cli")
    return sample("interviews", folder / "i.qualcode"), sample("survey", folder / "s.qualcode")


@pytest.mark.parametrize(("what", "project", "suffix", "extra"), [
    ("master", 0, "docx", ["--balance", "--max-quotes", "3", "--notes"]),
    ("themes", 0, "html", []),
    ("quotes", 1, "xlsx", ["--question", "q1_retention", "--by", "role_group", "--max-quotes", "2",
                           "--attribute", "role_group", "--where", "region=North,Wales"]),
    ("prevalence", 1, "docx", ["--question", "q2_support", "--by", "region"]),
    ("recurrence", 0, "csv", ["--threshold", "60%"]),
    ("coded-transcript", 0, "docx", ["--participant", "Priya"]),
    ("codebook", 1, "json", []),
    ("codebook", 1, "xlsx", []),
    ("code-sheet", 1, "csv", ["--question", "q1_retention", "--attribute", "region"]),
])
def test_each_report(projects, tmp_path: Path, capsys, what: str, project: int, suffix: str,
                     extra: list[str]) -> None:
    out = tmp_path / f"{what}.{suffix}"
    assert main(["export", str(projects[project]), what, "-o", str(out), *extra]) == 0
    assert out.exists() and out.stat().st_size > 0
    assert f"Wrote {out}" in capsys.readouterr().out


def test_warnings_go_to_stderr(projects, tmp_path: Path, capsys) -> None:
    assert main(["export", str(projects[0]), "recurrence", "-o", str(tmp_path / "r.docx")]) == 0
    err = capsys.readouterr().err
    assert "warning: ‘Supervision as surveillance’ is present for 2 of 6 participants" in err
    assert "‘Am I still any good at this?’" in err


def test_prevalence_writes_the_chart_beside_the_report(projects, tmp_path: Path, capsys) -> None:
    out = tmp_path / "p.html"
    assert main(["export", str(projects[1]), "prevalence", "-o", str(out), "--question", "q1_retention"]) == 0
    assert (tmp_path / "p.png").exists() and (tmp_path / "p.svg").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["prevalence", "-o", "x.docx"], "say which question"),
    (["code-sheet", "-o", "x.docx", "--question", "q1_retention"], "can be written as xlsx, csv, not docx"),
    (["master", "-o", "x.pdf"], "cannot tell the format from ‘.pdf’"),
    (["quotes", "-o", "x.docx", "--by", "shoe_size"], "no attribute ‘shoe_size’"),
    (["master", "-o", "x.docx", "--question", "q9"], "no question ‘q9’"),
    (["master", "-o", "x.docx", "--participant", "Zed"], "no participant or respondent ‘Zed’"),
    (["master", "-o", "x.docx", "--max-quotes", "0"], "at least 1"),
])
def test_refusals_say_why(projects, tmp_path: Path, capsys, args: list[str], message: str) -> None:
    args = [a if a != "x.docx" and not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["export", str(projects[1]), *args]) == 2
    assert message in capsys.readouterr().err


def test_bad_threshold_is_refused_by_the_parser(projects, tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export", str(projects[0]), "recurrence", "-o", str(tmp_path / "r.csv"), "--threshold", "2"])
    assert "between 0 and 1" in capsys.readouterr().err
