"""A mistyped report name (or other choice) is one line with the closest choice, exit status 2."""

from __future__ import annotations

import pytest

from qualcode.cli import main


@pytest.mark.parametrize(("argv", "line"), [
    (["export", "p.qualcode", "prevalance", "-o", "x.docx"],
     "qualcode export: ‘prevalance’ is not a report (did you mean ‘prevalence’?)"),
    (["export", "p.qualcode", "prevalence", "-o", "x.docx", "--format", "dcx"],
     "qualcode export: ‘dcx’ is not a --format value (did you mean ‘docx’?)"),
    (["exprot", "p.qualcode"], "qualcode: ‘exprot’ is not a command (did you mean ‘export’?)"),
])
def test_one_line_with_did_you_mean(argv: list[str], line: str, capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == line + "\n" and captured.out == ""


def test_nothing_close_lists_the_choices(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "p.qualcode", "zzzz", "-o", "x.docx"])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid choice: 'zzzz' (choose from 'master', 'themes'," in err


def test_other_usage_errors_still_show_usage(capsys) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["export", "p.qualcode", "prevalence"])  # -o missing
    assert exited.value.code == 2
    assert "usage:" in capsys.readouterr().err
