"""Refusals, bugs and stops: what the researcher sees when a command or background work fails,
and closing a project while work is still running."""

from __future__ import annotations

import platform
import sys
import threading
import time

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from qualcode import __version__
from qualcode.app.logging import setup_logging
from qualcode.app.paths import log_file
from qualcode.core.errors import Cancelled, QualcodeError
from qualcode.gui.error_dialog import STOPPED, BugDialog, describe_failure, install_excepthook
from qualcode.gui.reliability import merge_dialog
from qualcode.gui.reliability.merge_dialog import MergeDialog
from qualcode.gui.workers import ImmediatePool, run_in_background, running_workers, stop_running_work

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def _log_here():
    """The log goes to this test's own folder (as the app's start-up sets it up); no dialog outlives the test."""
    setup_logging()
    yield
    for dialog in bug_dialogs():
        dialog.close()
    QApplication.processEvents()


def bug_dialogs() -> list[BugDialog]:
    return [w for w in QApplication.allWidgets() if isinstance(w, BugDialog) and w.isVisible()]


class Broken:
    """A command with a bug in it."""

    label = "Rename ‘Pay’"

    def do(self, project) -> None:
        raise RuntimeError("the index went missing")

    def undo(self, project) -> None:  # pragma: no cover - never done, so never undone
        pass


class Refused(Broken):
    def do(self, project) -> None:
        raise QualcodeError("‘Pay’ is already a code; choose another name")


# -- commands -------------------------------------------------------------------------------------
def test_a_command_with_a_bug_shows_the_report_with_the_log_path_and_nothing_crashes(window):
    messages: list[str] = []
    window.session.message.connect(messages.append)
    assert window.session.run(Broken()) is False
    [dialog] = bug_dialogs()
    assert "RuntimeError: the index went missing" in dialog.explanation.text()
    report = dialog.report.toPlainText()
    assert dialog.report.isReadOnly()
    assert "Traceback" in report and "the index went missing" in report
    assert f"qualcode {__version__}" in report and platform.python_version() in report  # version and platform
    assert dialog.log_path == log_file() and str(log_file()) in dialog.log_label.text()
    assert "RuntimeError: the index went missing" in log_file().read_text(encoding="utf-8")
    dialog.copy_button.click()
    assert "the index went missing" in QGuiApplication.clipboard().text()
    assert messages[-1] == "Rename ‘Pay’ — not done: a bug in qualcode (see the report)"
    assert window.session.undo.undo_label is None  # a failed command is not remembered
    assert window.session.project.codes.list() is not None  # the project is still open and readable


def test_a_refused_command_is_a_status_message_not_a_bug(window):
    messages: list[str] = []
    window.session.message.connect(messages.append)
    assert window.session.run(Refused()) is False
    assert messages == ["‘Pay’ is already a code; choose another name"]
    assert bug_dialogs() == []


def test_the_same_bug_twice_opens_one_dialog(window):
    window.session.run(Broken())
    window.session.run(Broken())
    assert len(bug_dialogs()) == 1


def test_an_exception_nobody_caught_gets_the_bug_dialog_and_a_refusal_its_message(qtbot, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    install_excepthook()
    try:
        raise ValueError("a slot went wrong")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    [dialog] = bug_dialogs()
    assert "ValueError: a slot went wrong" in dialog.explanation.text()
    assert "a slot went wrong" in log_file().read_text(encoding="utf-8")
    refusal = QualcodeError("/tmp/x.qualcode: no such project file")
    sys.excepthook(QualcodeError, refusal, None)
    boxes = [w for w in QApplication.allWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert [b.text() for b in boxes] == ["/tmp/x.qualcode: no such project file"]
    assert len(bug_dialogs()) == 1  # a refusal is not a bug
    for box in boxes:
        box.close()


# -- workers ---------------------------------------------------------------------------------------
def test_a_worker_sends_back_the_exception_itself(qtbot):
    refusal = QualcodeError("survey.csv: no column called ‘Answer’; choose the answer column")
    got: list[BaseException] = []

    def refuse() -> None:
        raise refusal

    def crash() -> None:
        raise RuntimeError("numpy said no")

    run_in_background(refuse, on_error=got.append)
    run_in_background(crash, on_error=got.append)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    assert refusal in got  # the very object, not its text
    [bug] = [e for e in got if e is not refusal]
    assert isinstance(bug, RuntimeError) and bug.__traceback__ is not None  # the report can show where
    assert describe_failure(refusal) == refusal.message and bug_dialogs() == []
    assert "something went wrong inside qualcode (RuntimeError)" in describe_failure(bug)
    assert len(bug_dialogs()) == 1
    assert log_file().read_text(encoding="utf-8").count("RuntimeError: numpy said no") == 1  # logged once, by the worker


def test_cancelled_is_neither_a_refusal_nor_a_bug(qtbot):
    cancelled, errors = [], []

    def stop() -> None:
        raise Cancelled()

    run_in_background(stop, pool=ImmediatePool(), on_cancelled=lambda: cancelled.append(1), on_error=errors.append)
    assert cancelled == [1] and errors == []
    run_in_background(stop, pool=ImmediatePool(), on_error=errors.append)  # no Stop text of its own
    [error] = errors
    assert isinstance(error, Cancelled) and describe_failure(error) == STOPPED
    assert bug_dialogs() == []


@pytest.mark.parametrize("raised, shown, bug", [
    (QualcodeError("nowhere.qualcode: no such project file"), "Nothing was merged: nowhere.qualcode: no such "
                                                              "project file", False),
    (RuntimeError("merge went wrong"), "Nothing was merged: something went wrong inside qualcode (RuntimeError); "
                                       "see the report", True),
    (Cancelled(), f"Nothing was merged: {STOPPED}", False),
])
def test_a_dialog_tells_a_refusal_from_a_bug_from_a_stop(qtbot, project, monkeypatch, raised, shown, bug):
    def merge_project(*_args, **_kwargs):
        raise raised

    monkeypatch.setattr(merge_dialog, "merge_project", merge_project)
    dialog = MergeDialog(project, pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.path.setText("nowhere.qualcode")
    dialog.merge()
    assert dialog.output.toPlainText() == shown
    assert dialog.merge_button.isEnabled()
    assert len(bug_dialogs()) == int(bug)


# -- closing while work runs -------------------------------------------------------------------------
def test_closing_the_window_stops_running_work_before_the_project_closes(window, qtbot, monkeypatch):
    project = window.session.project
    started, order = threading.Event(), []
    statuses: list[str] = []
    window.statusBar().messageChanged.connect(statuses.append)

    def slow_write(is_cancelled=None) -> None:
        started.set()
        while not is_cancelled():
            time.sleep(0.01)
        time.sleep(0.2)  # a last write after the stop was asked for
        project.set_meta("worker", "done")
        order.append("worker finished")
        raise Cancelled()

    real_close = project.close

    def close() -> None:
        order.append("project closed")
        real_close()

    monkeypatch.setattr(project, "close", close)
    cancelled: list[int] = []
    worker = run_in_background(slow_write, on_cancelled=lambda: cancelled.append(1))
    assert started.wait(5)
    window.close()
    assert worker.is_cancelled() and worker.is_done()
    assert order == ["worker finished", "project closed"]
    assert "Stopping…" in statuses
    assert window.session is None and running_workers() == []
    qtbot.waitUntil(lambda: cancelled == [1], timeout=5000)  # the dialog still hears it stopped


def test_waiting_for_work_that_will_not_stop_is_bounded(qtbot):
    started, release = threading.Event(), threading.Event()

    def stubborn() -> None:  # takes no is_cancelled: it cannot be stopped
        started.set()
        release.wait(10)

    worker = run_in_background(stubborn)
    assert started.wait(5)
    began = time.monotonic()
    assert stop_running_work(timeout=0.2) is False
    assert time.monotonic() - began < 2
    release.set()
    assert worker.wait(5)
    qtbot.waitUntil(lambda: running_workers() == [], timeout=5000)

