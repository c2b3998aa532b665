"""File → Import…, Import REFI-QDA project…, pseudonymisation, and files dropped onto the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from qualcode.gui.importing import build_import_actions, install_drop_support
from qualcode.gui.importing.refi_dialog import open_refi_import

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("File")
    refi = QAction("Import REFI-QDA &project (.qdpx)…", menu)
    refi.setObjectName("action-import-refi")
    refi.setStatusTip("Documents, codebook, codings, notes and cases from NVivo, ATLAS.ti, MAXQDA or QualCoder")
    refi.triggered.connect(lambda: open_refi_import(window))
    actions = [*build_import_actions(window), refi]
    # After New/Open/Open recent and before Restore…, Close and Quit: Quit stays the last entry of File.
    before = next((a for a in menu.actions() if a.text().replace("&", "").startswith("Restore from backup")), None)
    if before is None:
        menu.addSeparator()
        menu.addActions(actions)
    else:
        menu.insertSeparator(before)
        menu.insertActions(before, actions)
        menu.insertSeparator(before)
    install_drop_support(window)
