"""The command line's one catch: a refusal is one line and status 2; a bug is one line naming the log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import qualcode.cli.basic
from qualcode.app.paths import log_file
from qualcode.cli import BUG_STATUS, main
from qualcode.core.errors import Cancelled

REPO = Path(__file__).resolve().parents[2]


def _lines(text: str) -> list[str]:
    return text.splitlines()


@pytest.fixture
def study(tmp_path: Path) -> Path:
    path = tmp_path / "study.qualcode"
    assert main(["init", str(path)]) == 0
    return path


def test_a_refused_input_is_one_line_and_status_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.qualcode"
    assert main(["info", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _lines(err) == [f"qualcode: {missing}: no such project file"]


def test_a_missing_name_from_a_service_is_a_refusal_not_a_traceback(study: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["export", str(study), "prevalence", "-o", str(study.with_suffix(".docx")), "--by", "region"]) == 2
    assert _lines(capsys.readouterr().err) == ["qualcode: the project has no attribute ‘region’ (it has: none)"]


def test_a_bug_is_one_line_naming_the_log_which_holds_the_traceback(
        study: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args) -> int:
        raise RuntimeError("the counts went wrong")

    monkeypatch.setattr(qualcode.cli.basic, "run_info", broken)
    capsys.readouterr()
    status = main(["info", str(study)])
    assert status == BUG_STATUS and status not in (0, 1, 2)
    out, err = capsys.readouterr()
    log = log_file()
    assert out == ""
    assert _lines(err) == [f"qualcode: unexpected error (RuntimeError) — this is a bug; the details are in {log}"]
    assert str(log).startswith(os.environ["QUALCODE_SETTINGS_DIR"])  # the test's folder, not the researcher's
    written = log.read_text(encoding="utf-8")
    assert f"unexpected error (RuntimeError) during qualcode info {study}" in written
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: the counts went wrong" in written and "in broken" in written


def test_cancelled_and_interrupted_exit_130(study: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    def stopped(args) -> int:
        raise Cancelled("the search for names was cancelled")

    def interrupted(args) -> int:
        raise KeyboardInterrupt

    capsys.readouterr()
    monkeypatch.setattr(qualcode.cli.basic, "run_info", stopped)
    assert main(["info", str(study)]) == 130
    assert _lines(capsys.readouterr().err) == ["qualcode: the search for names was cancelled"]
    monkeypatch.setattr(qualcode.cli.basic, "run_info", interrupted)
    assert main(["info", str(study)]) == 130
    assert _lines(capsys.readouterr().err) == ["qualcode: interrupted"]


def test_the_terminal_sees_one_line_for_a_bug_in_a_real_process(study: Path, tmp_path: Path) -> None:
    settings = tmp_path / "settings"
    script = ("import qualcode.cli.basic as basic\n"
              "def broken(args):\n"
              "    return 1 / 0\n"
              "basic.run_info = broken\n"
              "from qualcode.cli import main\n"
              f"raise SystemExit(main(['info', {str(study)!r}]))\n")
    env = {**os.environ, "QUALCODE_SETTINGS_DIR": str(settings), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=REPO,
                          timeout=120)
    log = settings / "logs" / "qualcode.log"
    assert done.returncode == BUG_STATUS
    assert _lines(done.stderr) == [
        f"qualcode: unexpected error (ZeroDivisionError) — this is a bug; the details are in {log}"]
    assert "ZeroDivisionError: division by zero" in log.read_text(encoding="utf-8")


def test_a_machine_error_naming_a_file_is_a_refusal_not_a_bug(
        study: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def disk_full(args) -> int:
        raise OSError(28, "No space left on device", "/media/usb/out.docx")

    monkeypatch.setattr(qualcode.cli.basic, "run_info", disk_full)
    capsys.readouterr()
    assert main(["info", str(study)]) == 2
    assert _lines(capsys.readouterr().err) == [
        "qualcode: /media/usb/out.docx: no space left on device; nothing was changed"]


def test_an_oserror_with_no_file_and_no_machine_cause_is_still_a_bug(
        study: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def odd(args) -> int:
        raise OSError("something inside went wrong")

    monkeypatch.setattr(qualcode.cli.basic, "run_info", odd)
    capsys.readouterr()
    assert main(["info", str(study)]) == BUG_STATUS
    assert "this is a bug" in capsys.readouterr().err


def test_output_cut_short_by_a_closed_pipe_is_quiet(study: Path) -> None:
    """`qualcode info P | head -1`: no bug line, no traceback, the shell's status for a closed pipe."""
    script = "import sys\nfrom qualcode.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    proc = subprocess.Popen([sys.executable, "-c", script, "info", str(study), "--json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader goes away before qualcode writes
    _, err = proc.communicate(timeout=60)
    assert "this is a bug" not in err and "Traceback" not in err
