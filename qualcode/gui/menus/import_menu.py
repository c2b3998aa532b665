"""File → Import…, Import REFI-QDA project…, pseudonymisation, and files dropped onto the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.gui.importing import build_import_actions, install_drop_support
from qualcode.gui.importing.refi_dialog import open_refi_import

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("File")
    menu.addSeparator()
    menu.addActions(build_import_actions(window))
    refi = menu.addAction("Import REFI-QDA &project (.qdpx)…")
    refi.setObjectName("action-import-refi")
    refi.setStatusTip("Documents, codebook, codings, notes and cases from NVivo, ATLAS.ti, MAXQDA or QualCoder")
    refi.triggered.connect(lambda: open_refi_import(window))
    install_drop_support(window)
