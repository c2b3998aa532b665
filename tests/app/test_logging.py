"""The log file: in the user's data folder, rotating, never a reason to crash."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from qualcode.app.logging import log_bug, log_path, setup_logging, shutdown_logging
from qualcode.app.paths import log_file


@pytest.fixture(autouse=True)
def _closed_afterwards() -> Iterator[None]:
    yield
    shutdown_logging()


def test_setup_writes_qualcodes_log_lines_to_the_log_file(tmp_path: Path) -> None:
    path = setup_logging()
    assert path == log_file() == log_path()
    assert path.parent.is_dir()  # the folder is created
    logging.getLogger("qualcode.core.somewhere").info("opened the project")
    logging.getLogger("qualcode.core.somewhere").debug("not kept unless verbose")
    logging.getLogger("someone.else").warning("not ours")
    text = path.read_text(encoding="utf-8")
    assert "INFO qualcode.core.somewhere: opened the project" in text
    assert "not kept unless verbose" not in text and "not ours" not in text


def test_setting_up_twice_writes_each_line_once() -> None:
    setup_logging()
    path = setup_logging(verbose=True)
    logging.getLogger("qualcode").debug("once")
    assert path.read_text(encoding="utf-8").count("once") == 1


def test_a_bug_goes_to_the_log_with_its_traceback() -> None:
    try:
        {}["missing"]
    except KeyError as exc:
        where = log_bug(exc, during="qualcode info study.qualcode")
    assert where == log_file()
    text = where.read_text(encoding="utf-8")
    assert "ERROR qualcode: unexpected error (KeyError) during qualcode info study.qualcode — a bug" in text
    assert "Traceback (most recent call last)" in text and "KeyError: 'missing'" in text


def test_an_unwritable_log_folder_is_no_crash_and_no_noise(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capfd: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUALCODE_SETTINGS_DIR", str(blocker / "settings"))  # cannot be created
    setup_logging()
    assert log_path() is None
    logging.getLogger("qualcode").error("nowhere to go")
    try:
        raise RuntimeError("a bug with no log")
    except RuntimeError as exc:
        assert log_bug(exc) is None
    out, err = capfd.readouterr()
    assert (out, err) == ("", "")
