"""The menu bar, built from small modules.

Each module has ``install(window)`` and adds its actions to
``window.menu("Name")`` (menus are created on first use, in the order of
:data:`MENU_ORDER`).  To add an entry — an import dialog, an export, the
theme board — write a module here and list it in :data:`MENU_MODULES`;
nothing else in the window needs to change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.gui.menus import (
    analysis_menu,
    coding_menu,
    edit_menu,
    export_menu,
    file_menu,
    help_menu,
    import_menu,
    view_menu,
)
from qualcode.gui.reliability import menu as reliability_menu

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

MENU_ORDER = ("File", "Edit", "Coding", "Codes", "View", "Analysis", "Reliability", "Export", "Tools", "Help")
MENU_MODULES = [file_menu, import_menu, edit_menu, coding_menu, view_menu, analysis_menu, export_menu, reliability_menu]
MENU_MODULES.append(help_menu)  # Help: the user guide, keyboard shortcuts, About


def install_menus(window: MainWindow) -> None:
    for module in MENU_MODULES:
        module.install(window)
