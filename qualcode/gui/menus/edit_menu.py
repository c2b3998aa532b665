"""Edit: undo and redo (labelled with the action they undo), find, Preferences… (Ctrl+,)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Edit")
    acts = window.actions
    menu.addAction(acts.undo)
    menu.addAction(acts.redo)
    menu.addSeparator()
    menu.addAction(acts.find)
    menu.addSeparator()
    preferences = menu.addAction("&Preferences…", lambda: open_preferences(window))
    preferences.setObjectName("preferences")
    preferences.setShortcut(QKeySequence("Ctrl+,"))
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS puts it in the application menu
    preferences.setStatusTip("Coder name, line width, how passages are compared, export defaults, light or dark")


def open_preferences(window: MainWindow):
    from qualcode.gui.dialogs.preferences_dialog import open_preferences as open_dialog

    return open_dialog(window)
