"""File → Merge a second coder's project: pick the file, name the coder, read the report.

Nothing in the project is overwritten; the report says what was added,
what matched and how, and what could not be matched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.project import PROJECT_SUFFIX, Project
from qualcode.core.reliability.merge import MergeReport, merge_project
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.workers import run_in_background

FILTER = f"Second coder's project (*{PROJECT_SUFFIX} *.qdpx);;qualcode projects (*{PROJECT_SUFFIX});;" \
         "REFI-QDA projects (*.qdpx);;All files (*)"


class MergeDialog(QDialog):
    """``merged(MergeReport)`` when the merge is done."""

    merged = Signal(object)

    def __init__(self, project: Project, parent: QWidget | None = None, pool: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("merge-dialog")
        self.setWindowTitle("Merge a second coder's project")
        self.project = project
        self.report: MergeReport | None = None
        self._pool = pool
        layout = QVBoxLayout(self)
        intro = QLabel("Their codings arrive under their coder's name; documents and codes are matched by "
                       "their ids, then by source or name. Nothing here is overwritten, and merging the same "
                       "file again adds nothing.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("path")
        browse = QPushButton("Browse…", self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("Project or .qdpx", row)
        self.coder = QLineEdit(self)
        self.coder.setObjectName("coder")
        self.coder.setPlaceholderText("keep their own coder name")
        form.addRow("Record codings as", self.coder)
        self.add_codes = QCheckBox("Add codes the second coder created", self)
        self.add_codes.setChecked(True)
        form.addRow("", self.add_codes)
        layout.addLayout(form)
        self.output = QPlainTextEdit(self)
        self.output.setObjectName("report")
        self.output.setReadOnly(True)
        self.output.setPlaceholderText("The merge report appears here.")
        layout.addWidget(self.output, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.merge_button = self.buttons.addButton("Merge", QDialogButtonBox.ButtonRole.ActionRole)
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self.merge)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(640, 460)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "The second coder's project", str(Path(self.project.location)
                                                                                     .parent), FILTER)
        if path:
            self.path.setText(path)

    def merge(self) -> None:
        path = self.path.text().strip()
        if not path:
            self.output.setPlainText("Choose the second coder's project first.")
            return
        self.merge_button.setEnabled(False)
        self.output.setPlainText("Merging…")
        run_in_background(merge_project, self.project, path, self.coder.text().strip() or None,
                          self.add_codes.isChecked(), pool=self._pool, on_finished=self._done,
                          on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.merge_button.setEnabled(True)
        self.output.setPlainText(f"Nothing was merged: {describe_failure(error, self)}")

    def _done(self, report: MergeReport) -> None:
        self.report = report
        self.merge_button.setEnabled(True)
        self.output.setPlainText(report.summary())
        self.merged.emit(report)
