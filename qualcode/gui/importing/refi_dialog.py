"""File → Import → REFI-QDA project…: a .qdpx from NVivo, ATLAS.ti, MAXQDA or QualCoder, with its report.

The import runs in the background (a large project reads for a while) and
its report — what came in and what was not read — stays in the dialog, is
kept in the project's history (its audit log), and can be saved as a text
file or a web page.  The dialog fits a 1280×720 screen; the report scrolls.
"""

from __future__ import annotations

import html
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
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.transcripts.refi_import import RefiImportReport, import_refi_project
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.screen_fit import fit_to_screen
from qualcode.gui.workers import run_in_background
from qualcode.io.output import OutputRefused, write_text

FILTER = "REFI-QDA projects (*.qdpx)"
REPORT_FILTERS = "Text (*.txt);;Web page (*.html)"


def report_html(report: RefiImportReport) -> str:
    """The report as a small web page: the summary, then what was not read as a list."""
    head, _, rest = report.summary().partition("\nNot read:\n")
    items = [line.strip().removeprefix("- ") for line in rest.splitlines() if line.strip()]
    title = html.escape(f"Import report: {Path(report.source).name}")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in head.splitlines())
    if items:
        body += "<h2>Not read</h2><ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in items) + "</ul>"
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body><h1>{title}</h1>{body}</body></html>\n")


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
        self.output.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout.addWidget(self.output, 1)
        self.progress = QProgressBar()
        self.progress.setFormat("%v of %m sources")
        self.progress.hide()
        layout.addWidget(self.progress)
        self.kept = QLabel("")
        self.kept.setWordWrap(True)
        layout.addWidget(self.kept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.choose = QPushButton("Choose a .qdpx and import…")
        self.save = QPushButton("Save report…")
        self.save.setEnabled(False)
        self.stop = QPushButton("Stop")
        self.stop.setToolTip("Stop the import; nothing of it is kept")
        self.stop.hide()
        buttons.addButton(self.stop, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.choose, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.choose.clicked.connect(self._choose)
        self.save.clicked.connect(self._save)
        self.stop.clicked.connect(self._stop)
        self._worker = None
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 600)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "REFI-QDA project", str(Path(self.project.location).parent),
                                              FILTER)
        if path:
            self.run(path)

    def run(self, path: str) -> None:
        self.choose.setEnabled(False)
        self.output.setPlainText(f"Importing {Path(path).name}…")
        self.progress.setRange(0, 0)  # busy until the first source is counted
        self.progress.show()
        self.stop.show()
        self.stop.setEnabled(True)
        self._worker = run_in_background(import_refi_project, self.project, path, self.flat_names.isChecked(),
                                         pool=self._pool, on_finished=self._done, on_error=self._failed,
                                         on_progress=self._advance, on_cancelled=self._cancelled)

    def _advance(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _stop(self) -> None:
        if self._worker is not None:
            self.stop.setEnabled(False)
            self.output.setPlainText("Stopping…")
            self._worker.cancel()

    def _finish(self) -> None:
        self._worker = None
        self.progress.hide()
        self.stop.hide()
        self.choose.setEnabled(True)

    def _cancelled(self) -> None:
        self._finish()
        self.output.setPlainText("Import stopped: nothing of it was kept; the project is as it was.")

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.output.setPlainText(f"Nothing was imported: {describe_failure(error, self)}")

    def _done(self, report: RefiImportReport) -> None:
        self.report = report
        self._finish()
        self.save.setEnabled(True)
        self.output.setPlainText(report.summary())
        self.kept.setText("This report is kept in the project's history; Save report… writes it as a text file "
                          "or a web page.")

    def _save(self) -> None:
        if self.report is None:
            return
        path, chosen = QFileDialog.getSaveFileName(self, "Save the import report",
                                                   str(Path(self.project.location).with_suffix(".import.txt")),
                                                   REPORT_FILTERS)
        if path:
            self.save_report(path, as_html=path.lower().endswith((".html", ".htm")) or "html" in chosen)

    def save_report(self, path: str, as_html: bool = False) -> Path | None:
        """Write the report (never over the project or the imported file); says where, or why not."""
        if self.report is None:
            return None
        if as_html and not path.lower().endswith((".html", ".htm")):
            path += ".html"
        text = report_html(self.report) if as_html else self.report.summary() + "\n"
        try:
            written = write_text(path, text, reads=(self.project.location, self.report.source))
        except OutputRefused as exc:
            self.kept.setText(f"Report not saved: {exc.message}")
            return None
        self.kept.setText(f"Report saved as {written}; it is also kept in the project's history.")
        return written


def open_refi_import(window: QMainWindow) -> RefiImportDialog | None:
    session = getattr(window, "session", None)
    if session is None:
        QMessageBox.information(window, "Import a REFI-QDA project", "Open or create a project first.")
        return None
    dialog = RefiImportDialog(session.project, window)
    dialog.open()
    return dialog
