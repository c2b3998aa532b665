"""File → Restore from backup…, and the offer made when a project turns out to be damaged.

The dialog lists the automatic backups beside a project (newest first, with
their reason and counts) and restores the chosen one to a *new* file, which
is then opened; replacing the project itself is a second, confirmed choice.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.errors import QualcodeError
from qualcode.core.safety.backups import Backup, backup_folder, latest_good, list_backups
from qualcode.core.safety.restore import default_output, restore

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

_COLUMNS = ("Taken", "Before", "Size", "Documents", "Codes", "Codings")


class RestoreBackupDialog(QDialog):
    """Choose a backup; :attr:`replace` says whether to restore over the project (else to a new file)."""

    def __init__(self, project_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore-backup-dialog")
        self.setWindowTitle("Restore from backup")
        self.project_path = project_path
        self.backups: list[Backup] = list_backups(project_path)
        self.replace = False
        layout = QVBoxLayout(self)
        intro = QLabel(f"Backups of {Path(project_path).name} in {backup_folder(project_path)}, newest first. "
                       "The backup is restored to a new file, which is then opened; the project stays as it is.",
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), len(_COLUMNS), self)
        self.table.setHorizontalHeaderLabels(_COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, b in enumerate(self.backups):
            cells = (f"{b.created:%Y-%m-%d %H:%M:%S}", b.reason, f"{b.size / 1024:.0f} KB",
                     *(str(b.counts.get(k, "")) for k in ("documents", "codes", "codings")))
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        if self.backups:
            self.table.selectRow(0)
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore to a new file…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.replace_button: QPushButton = buttons.addButton("Replace the project…",
                                                             QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button.setEnabled(bool(self.backups))
        self.replace_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self.accept)
        self.replace_button.clicked.connect(self._replace)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def _replace(self) -> None:
        answer = QMessageBox.question(
            self, "Replace the project",
            f"Replace {Path(self.project_path).name} by this backup? The project as it is now is backed up first.")
        if answer == QMessageBox.StandardButton.Yes:
            self.replace = True
            self.accept()


def choose_restored_path(window: QWidget, suggested: Path) -> str | None:
    """Ask where the restored project goes (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(window, "Restore to", str(suggested), "qualcode projects (*.qualcode)")
    return path or None


def run_dialog(dialog: RestoreBackupDialog) -> bool:
    """Show the dialog (tests replace this function)."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def restore_from_backup(window: MainWindow) -> str | None:
    """File → Restore from backup…: of the open project, or of a project chosen (a damaged one cannot be opened)."""
    from qualcode.gui.menus.file_menu import choose_project_to_open, open_project

    session = window.session
    project_path = session.project.location if session is not None else choose_project_to_open(window)
    if not project_path:
        return None
    dialog = RestoreBackupDialog(project_path, window)
    if not dialog.backups:
        QMessageBox.information(window, "Restore from backup",
                                f"There are no backups of {project_path} yet (they go in {backup_folder(project_path)}).")
        return None
    if not run_dialog(dialog) or dialog.chosen() is None:
        return None
    backup = dialog.chosen()
    assert backup is not None
    if dialog.replace:
        window.close_project()  # reopened below, so every panel reads the restored content
        target = None
    else:
        target = choose_restored_path(window, default_output(project_path, backup))
        if not target:
            return None
    try:
        written, _ = restore(project_path, backup.path, target, replace=dialog.replace)
    except QualcodeError as exc:
        QMessageBox.warning(window, "Restore from backup", exc.message)
        return None
    open_project(window, str(written))
    window.statusBar().showMessage(f"Restored the backup of {backup.created:%Y-%m-%d %H:%M} ({backup.reason})", 8000)
    return str(written)


def offer_latest_backup(window: MainWindow, project_path: str, problem: str) -> str | None:
    """A damaged project: offer its latest good backup, restored to a new file and opened."""
    from qualcode.gui.menus.file_menu import open_project

    good = latest_good(project_path)
    if good is None:
        QMessageBox.warning(window, "Open project", problem)
        return None
    answer = QMessageBox.question(
        window, "Open project",
        f"{problem.split('; ')[0]}.\n\nRestore the latest good backup ({good.created:%Y-%m-%d %H:%M}, before {good.reason}) "
        "to a new file and open it? The damaged file is left as it is.")
    if answer != QMessageBox.StandardButton.Yes:
        return None
    try:
        written, _ = restore(project_path, good.path)
    except QualcodeError as exc:
        QMessageBox.warning(window, "Open project", exc.message)
        return None
    open_project(window, str(written))
    return str(written)
