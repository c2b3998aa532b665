"""File → Import…, and files dropped on the window: from paths to a report.

Transcripts go straight to the import; each survey table (.csv, .xlsx)
first opens the column mapping dialog.  The import runs in a background
worker with a progress bar and Cancel; at the end a report lists every file
— what was imported and what was refused, and why.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from qualcode.core.errors import Cancelled
from qualcode.core.import_plans import (
    CODEBOOK_SUFFIXES,
    TABLE_SUFFIXES,
    CodebookPlan,
    CodeSheetPlan,
    FileResult,
    Plan,
    TranscriptFiles,
    plan_files,
    read_survey_table,
    run_plans,
    split_by_kind,
)
from qualcode.gui.error_dialog import describe_failure
from qualcode.gui.importing.progress_dialog import WorkProgressDialog
from qualcode.gui.importing.report_dialog import ImportReportDialog, summary_text
from qualcode.gui.workers import run_in_background
from qualcode.io.base import ImportRefused

if TYPE_CHECKING:
    from qualcode.core.project import Project


def choose_files(parent: QWidget) -> list[str]:
    """Ask which files to import (tests replace this function)."""
    from qualcode.io.registry import supported_suffixes

    transcripts = " ".join(f"*{s}" for s in supported_suffixes())
    tables = " ".join(f"*{s}" for s in TABLE_SUFFIXES)
    codebooks = " ".join(f"*{s}" for s in CODEBOOK_SUFFIXES)
    filters = (f"Everything qualcode imports ({transcripts} {tables} {codebooks});;Transcripts ({transcripts});;"
               f"Survey tables and code sheets ({tables});;Codebooks ({codebooks} *.xlsx);;All files (*)")
    paths, _ = QFileDialog.getOpenFileNames(parent, "Import files", str(Path.home()), filters)
    return list(paths)


def ask_survey_mapping(parent: QWidget, project: Project, path: str) -> tuple[Plan | None, str]:
    """The mapping dialog for one table: its plan, or None and why not (tests replace this)."""
    from qualcode.gui.importing.survey_mapping_dialog import SurveyMappingDialog

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        table = read_survey_table(path)
    except ImportRefused as exc:
        return None, str(exc)
    finally:
        QGuiApplication.restoreOverrideCursor()
    dialog = SurveyMappingDialog(project, path, parent, table)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None, ""
    return dialog.plan(), ""


def confirm_new_codes(parent: QWidget, refused: Sequence[FileResult]) -> bool:
    """Ask whether a code sheet's columns that match no code become new codes (tests replace this)."""
    detail = "\n\n".join(r.message.split("; correct the header")[0] for r in refused)
    answer = QMessageBox.question(
        parent, "Columns that match no code",
        f"{detail}\n\nA typing slip in a header would create a new code and leave the real one at 0. "
        "Add these columns as new codes?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


class ImportController(QObject):
    """Runs imports for one main window; one batch at a time."""

    importFinished = Signal(list)  # list[FileResult]

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("import-controller")
        self.window = window
        self.pool = None  # tests use workers.ImmediatePool
        self.progress_dialog: WorkProgressDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self._cancel = threading.Event()
        self.busy = False
        self._plans: list[Plan] = []

    def project(self) -> Project | None:
        session = getattr(self.window, "session", None)
        return session.project if session is not None else None

    def _say(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, 8000)

    # -- entry points ----------------------------------------------------------------------
    def choose_and_import(self) -> None:
        if self._need_project():
            paths = choose_files(self.window)
            if paths:
                self.import_paths(paths)

    def import_paths(self, paths: Sequence[str | Path]) -> None:
        """Import files of any kind: transcripts at once, each table after its mapping dialog."""
        project = self._need_project()
        if project is None:
            return
        if self.busy:
            self._say("An import is still running; wait for it to finish.")
            return
        transcripts, tables, codebooks = split_by_kind(paths)
        plans: list[Plan] = [CodebookPlan(p) for p in codebooks]  # codes first: code sheets may use them
        if transcripts:
            plans.append(TranscriptFiles(tuple(transcripts)))
        skipped: list[FileResult] = []
        for path in tables:
            plan, problem = ask_survey_mapping(self.window, project, path)
            if plan is not None:
                plans.append(plan)
            elif problem:
                skipped.append(FileResult(path, False, problem))
            else:
                skipped.append(FileResult(path, False, f"{Path(path).name}: not imported (you closed the "
                                                       "column dialog)", cancelled=True))
        self.run(plans, skipped)

    def _need_project(self) -> Project | None:
        project = self.project()
        if project is None:
            QMessageBox.information(self.window, "Import",
                                    "Open or create a project first (File → New project…), then import into it.")
        return project

    # -- running -----------------------------------------------------------------------------
    def run(self, plans: Sequence[Plan], earlier: Sequence[FileResult] = ()) -> None:
        """Import the plans in a worker; ``earlier`` results (tables not imported) join the report."""
        project = self.project()
        if project is None:
            return
        if not plans:
            if earlier:
                self._finish(list(earlier))
            return
        self._plans = list(plans)
        self.busy = True
        self._cancel.clear()
        count = sum(len(plan_files(p)) for p in plans)
        self.progress_dialog = WorkProgressDialog(
            "Importing", f"Importing {count} file{'s' * (count != 1)} into “{project.name}”…", self._cancel.set,
            self.window)
        self.progress_dialog.show()
        run_in_background(run_plans, project, list(plans), pool=self.pool, is_cancelled=self._cancel.is_set,
                          on_progress=self._progress,
                          on_finished=lambda results: self._finish([*earlier, *results]),
                          on_error=self._failed)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.set_progress(done, total)

    def _close_progress(self) -> None:
        self.busy = False
        if self.progress_dialog is not None:
            self.progress_dialog.hide()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _finish(self, results: list[FileResult]) -> None:
        self._close_progress()
        # a code sheet refused for columns that match no code: ask, and import it again with new codes
        unknown = [r for r in results if not r.imported and "--new-codes" in r.message]
        again = [p for p in self._plans if isinstance(p, CodeSheetPlan) and not p.new_codes
                 and any(r.path == p.path for r in unknown)]
        if again and confirm_new_codes(self.window, unknown):
            self.run([replace(p, new_codes=True) for p in again], [r for r in results if r not in unknown])
            return
        self._say(summary_text(results))
        self.report_dialog = ImportReportDialog(results, self.window)
        self.report_dialog.open()
        self.importFinished.emit(results)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, Cancelled):  # the project is closing: no box to answer
            self._say("The import was stopped.")
            return
        QMessageBox.warning(self.window, "Import", f"The import stopped: {describe_failure(error, self.window)}")
