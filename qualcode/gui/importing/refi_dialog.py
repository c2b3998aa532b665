"""File → Import → REFI-QDA project…: a .qdpx from NVivo, ATLAS.ti, MAXQDA or QualCoder, with its report.

The import runs in the background (a large project reads for a while) and
its report — what came in and what was not read — stays in the dialog and
can be saved as a text file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.transcripts.refi_import import RefiImportReport, import_refi_project
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.workers import run_in_background

FILTER = "REFI-QDA projects (*.qdpx)"


class RefiImportDialog(QDialog):
    """Choose a .qdpx, import it, read (and keep) the report."""

    def __init__(self, project, parent: QWidget | None = None, pool=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import a REFI-QDA project")
        self.project, self._pool = project, pool
        self.report: RefiImportReport | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Documents, codebook, codings, notes and cases from NVivo, ATLAS.ti, MAXQDA "
                                "or QualCoder (.qdpx). The project is backed up first."))
        self.flat_names = QCheckBox("Keep code names like ‘Coke::diet Coke’ whole (do not nest them)")
        layout.addWidget(self.flat_names)
        self.output = QPlainTextEdit(readOnly=True)
        self.output.setObjectName("refi-import-report")
        layout.addWidget(self.output)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.choose = QPushButton("Choose a .qdpx and import…")
        self.save = QPushButton("Save report…")
        self.save.setEnabled(False)
        buttons.addButton(self.choose, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.choose.clicked.connect(self._choose)
        self.save.clicked.connect(self._save)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "REFI-QDA project", str(Path(self.project.location).parent),
                                              FILTER)
        if path:
            self.run(path)

    def run(self, path: str) -> None:
        self.choose.setEnabled(False)
        self.output.setPlainText(f"Importing {Path(path).name}…")
        run_in_background(import_refi_project, self.project, path, self.flat_names.isChecked(),
                          pool=self._pool, on_finished=self._done, on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.choose.setEnabled(True)
        self.output.setPlainText(f"Nothing was imported: {describe_failure(error, self)}")

    def _done(self, report: RefiImportReport) -> None:
        self.report = report
        self.choose.setEnabled(True)
        self.save.setEnabled(True)
        self.output.setPlainText(report.summary())

    def _save(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save the import report",
                                              str(Path(self.project.location).with_suffix(".import.txt")),
                                              "Text (*.txt)")
        if path:
            Path(path).write_text(self.report.summary() + "\n", encoding="utf-8")


def open_refi_import(window: QMainWindow) -> RefiImportDialog | None:
    session = getattr(window, "session", None)
    if session is None:
        QMessageBox.information(window, "Import a REFI-QDA project", "Open or create a project first.")
        return None
    dialog = RefiImportDialog(session.project, window)
    dialog.open()
    return dialog
