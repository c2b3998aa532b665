"""Importing files, and pseudonymising what was imported.

The main window adds these with two lines::

    from qualcode.gui.importing import build_import_actions, install_drop_support
    self.menu("File").addActions(build_import_actions(self)); install_drop_support(self)

Everything here reaches the project through ``window.session`` and leaves
the window's own code alone.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from qualcode.gui.importing.controller import ImportController


def import_controller(window: QWidget) -> ImportController:
    """The window's import controller (made on first use)."""
    controller = window.findChild(ImportController, "import-controller")
    return controller or ImportController(window)


def build_import_actions(window: QMainWindow) -> list[QAction]:
    """File menu actions: Import…, Pseudonymise names…, Export pseudonymisation record…"""
    controller = import_controller(window)
    importing = QAction("&Import files…", window)
    importing.setObjectName("action-import")
    importing.setShortcut(QKeySequence("Ctrl+Shift+I"))
    importing.setStatusTip("Transcripts (.txt, .docx, .odt, .rtf, .pdf, .vtt, .srt) and survey tables (.csv, .xlsx)")
    importing.triggered.connect(controller.choose_and_import)
    pseudonymise = QAction("&Pseudonymise names…", window)
    pseudonymise.setObjectName("action-pseudonymise")
    pseudonymise.setStatusTip("Find names of people, places and organisations and replace them consistently")
    pseudonymise.triggered.connect(lambda: open_pseudonymise_dialog(window))
    record = QAction("Export pseudonymisation &record…", window)
    record.setObjectName("action-pseudonym-record")
    record.triggered.connect(lambda: export_pseudonym_record(window))
    return [importing, pseudonymise, record]


def open_pseudonymise_dialog(window: QMainWindow) -> QWidget | None:
    from qualcode.gui.importing.pseudonymise_dialog import PseudonymiseDialog

    session = getattr(window, "session", None)
    if session is None:
        QMessageBox.information(window, "Pseudonymise names", "Open a project first.")
        return None
    dialog = PseudonymiseDialog(session, window)
    dialog.open()
    dialog.find_names()
    return dialog


def export_pseudonym_record(window: QMainWindow) -> None:
    """Every replacement made in the project (real names only where kept) as CSV."""
    from qualcode.core.transcripts.pseudonymise import stored_mapping
    from qualcode.gui.importing.pseudonymise_dialog import choose_csv
    from qualcode.io.exchange.pseudonym_csv import write_record_csv

    session = getattr(window, "session", None)
    if session is None:
        return
    stored = stored_mapping(session.project)
    if not stored:
        QMessageBox.information(window, "Pseudonymisation record", "No names have been replaced in this project yet.")
        return
    path = choose_csv(window, "Export the pseudonymisation record", save=True)
    if path:
        write_record_csv(path, stored)
        window.statusBar().showMessage(f"{len(stored)} replacements written to {path}", 8000)


class FileDropFilter(QObject):
    """Accepts files dragged onto the window and imports them."""

    def __init__(self, window: QWidget, controller: ImportController) -> None:
        super().__init__(window)
        self.setObjectName("file-drop-filter")
        self.controller = controller

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDropEvent))
            if _local_files(event):
                event.acceptProposedAction()
                return True
        elif event.type() == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            paths = _local_files(event)
            if paths:
                event.acceptProposedAction()
                self.controller.import_paths(paths)
                return True
        return False


def _local_files(event: QDropEvent) -> list[str]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile()]


def install_drop_support(window: QMainWindow) -> None:
    """Files dropped anywhere on the window are imported (tables via their mapping dialog)."""
    window.setAcceptDrops(True)
    window.installEventFilter(FileDropFilter(window, import_controller(window)))
