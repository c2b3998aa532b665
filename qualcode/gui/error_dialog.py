"""When something goes wrong: a refusal in its own words, or a bug report to copy.

A :class:`~qualcode.core.errors.QualcodeError` is a refusal the researcher
can put right; the dialog that asked shows its one-line message.  Anything
else is a bug in qualcode: its traceback goes to the log
(:func:`qualcode.app.logging.log_bug`) and :class:`BugDialog` says so in one
plain line, with the report (traceback, version, platform) ready to copy and
the log's path.  :func:`install_excepthook` does the same for exceptions
nobody caught, e.g. in a menu action.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.errors import Cancelled, QualcodeError, user_message
from qualcode.gui.screen_fit import fit_to_screen

log = logging.getLogger(__name__)

#: What a dialog says when the researcher stopped the work.
STOPPED = "Stopped; nothing was changed."

_LOGGED = "_qualcode_log_path"  # set on an exception once its traceback is in the log
_shown: list[BugDialog] = []  # open bug dialogs: kept alive, and one per problem
_refusals: list[QMessageBox] = []


def bug_report(error: BaseException) -> str:
    """The text to paste into a bug report: what failed, where, and on what."""
    import PySide6

    from qualcode import __version__

    head = [f"qualcode {__version__}",
            f"Python {platform.python_version()} · PySide6 {PySide6.__version__} · {platform.platform()}", ""]
    return "\n".join(head) + "".join(traceback.format_exception(type(error), error, error.__traceback__))


class BugDialog(QDialog):
    """Says, in one line, that qualcode (not the researcher) went wrong; the report is one click away."""

    def __init__(self, error: BaseException, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bug-dialog")
        self.setWindowTitle("qualcode met a problem")
        self.error = error
        self.summary = user_message(error)
        self.log_path = log_path
        self.explanation = QLabel(f"Something went wrong inside qualcode ({self.summary}). This is a bug in "
                                  "qualcode, not something you did; what was saved before is kept.")
        self.explanation.setWordWrap(True)
        self.report = QPlainTextEdit(bug_report(error))
        self.report.setObjectName("bug-report")
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        where = f"The report is also in the log: {log_path}" if log_path else "The report could not be logged."
        self.log_label = QLabel(where)
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("Copy report")
        self.copy_button.clicked.connect(self.copy_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 420)

    def copy_report(self) -> None:
        """Put the report (and where the log is) on the clipboard, for an e-mail or an issue."""
        text = self.report.toPlainText()
        if self.log_path:
            text += f"\nLog: {self.log_path}\n"
        QGuiApplication.clipboard().setText(text)
        self.copy_button.setText("Copied")


def log_once(error: BaseException) -> Path | None:
    """Write a bug's traceback to the log once (a worker logs it, its dialog then does not); the log's path."""
    if hasattr(error, _LOGGED):
        return getattr(error, _LOGGED)
    from qualcode.app.logging import log_bug

    path = log_bug(error)
    try:
        setattr(error, _LOGGED, path)
    except AttributeError:  # an exception type with __slots__: logging it twice is harmless
        pass
    return path


def report_bug(error: BaseException, parent: QWidget | None = None) -> BugDialog:
    """Log ``error``'s traceback and show the bug dialog (once while the same problem is open)."""
    path = log_once(error)
    summary = user_message(error)
    for dialog in _shown:
        if dialog.summary == summary and dialog.isVisible():
            dialog.raise_()
            return dialog
    dialog = BugDialog(error, path, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _shown.append(dialog)
    dialog.finished.connect(lambda _result, d=dialog: _shown.remove(d) if d in _shown else None)
    dialog.show()
    dialog.raise_()
    return dialog


def describe_failure(error: BaseException, parent: QWidget | None = None) -> str:
    """The words a dialog shows for work that failed; a bug also opens :class:`BugDialog`.

    A stop is :data:`STOPPED`, a refusal its own message, and a bug a short
    line pointing to the report.
    """
    if isinstance(error, Cancelled):
        return STOPPED
    if isinstance(error, QualcodeError):
        return error.message
    report_bug(error, parent)
    return f"something went wrong inside qualcode ({type(error).__name__}); see the report"


def show_uncaught(error: BaseException) -> None:
    """What the GUI does with an exception nobody caught: a refusal is shown, a bug reported."""
    parent = QApplication.activeWindow()
    if isinstance(error, QualcodeError) and not isinstance(error, Cancelled):
        log.info("refused: %s", error.message)
        box = QMessageBox(QMessageBox.Icon.Warning, "qualcode", error.message, QMessageBox.StandardButton.Ok,
                          parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        _refusals.append(box)  # kept alive while it is open (it may have no parent)
        box.finished.connect(lambda _result, b=box: _refusals.remove(b) if b in _refusals else None)
        box.show()
    elif isinstance(error, Cancelled):
        log.info("stopped: %s", error.message)
    else:
        report_bug(error, parent)


def install_excepthook() -> None:
    """Route exceptions nobody caught (a slot, a menu action) to :func:`show_uncaught`.

    Ctrl+C and exits still go to Python's own hook; so does anything raised
    off the GUI thread or before the application exists (after it is logged).
    """
    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if not isinstance(error, Exception):
            previous(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        if QApplication.instance() is None or threading.current_thread() is not threading.main_thread():
            log_once(error)
            previous(kind, error, tb)
            return
        try:
            show_uncaught(error)
        except Exception:
            log.exception("could not show the bug dialog")
            previous(kind, error, tb)

    sys.excepthook = hook
