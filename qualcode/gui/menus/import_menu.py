"""File → Import…, pseudonymisation, and files dropped onto the window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.gui.importing import build_import_actions, install_drop_support

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("File")
    menu.addSeparator()
    menu.addActions(build_import_actions(window))
    install_drop_support(window)
