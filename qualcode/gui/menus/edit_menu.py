"""Edit: undo and redo (labelled with the action they undo), find."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Edit")
    acts = window.actions
    menu.addAction(acts.undo)
    menu.addAction(acts.redo)
    menu.addSeparator()
    menu.addAction(acts.find)
