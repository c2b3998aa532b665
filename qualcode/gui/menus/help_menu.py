"""Help: the user guide (F1), the keyboard shortcuts, About qualcode."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def _show(window: MainWindow, dialog: QDialog) -> QDialog:
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    dialog.setModal(False)  # read the guide beside the work
    window.help_dialog = dialog
    dialog.show()
    return dialog


def open_guide(window: MainWindow) -> QDialog:
    from qualcode.gui.help.guide import GuideDialog

    return _show(window, GuideDialog(window))


def open_shortcuts(window: MainWindow) -> QDialog:
    from qualcode.gui.help.shortcuts import ShortcutsDialog

    return _show(window, ShortcutsDialog(window))


def open_about(window: MainWindow) -> QDialog:
    from qualcode.gui.help.about import AboutDialog

    return _show(window, AboutDialog(window))


def install(window: MainWindow) -> None:
    menu = window.menu("Help")
    guide = menu.addAction("&User guide", lambda: open_guide(window))
    guide.setObjectName("help-guide")
    guide.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents) if not QKeySequence(
        QKeySequence.StandardKey.HelpContents).isEmpty() else QKeySequence("F1"))
    guide.setStatusTip("An IPA study and a survey analysis, step by step")
    keys = menu.addAction("&Keyboard shortcuts", lambda: open_shortcuts(window))
    keys.setObjectName("help-shortcuts")
    keys.setShortcut(QKeySequence("Ctrl+/"))
    keys.setStatusTip("Every shortcut, read from the menus")
    menu.addSeparator()
    about = menu.addAction("&About qualcode", lambda: open_about(window))
    about.setObjectName("help-about")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.setStatusTip("Version, licence, privacy, and where qualcode keeps its settings and log")
