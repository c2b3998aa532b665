"""Coding: apply codes, in-vivo codes, emergent themes, exploratory notes, the coder."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.core.model import CodeRole

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def install(window: MainWindow) -> None:
    menu = window.menu("Coding")
    acts = window.actions
    for action in (acts.quick_code, acts.in_vivo, acts.repeat_code):
        menu.addAction(action)
    menu.addSeparator()
    menu.addAction(acts.emergent_theme)
    notes = menu.addMenu("Exploratory note")
    for action in acts.notes.values():
        notes.addAction(action)
    menu.addSeparator()
    menu.addAction(acts.change_coder)

    codes = window.menu("Codes")
    codes.addAction("New superordinate theme", lambda: window.code_panel.new_code(CodeRole.THEME, top_level=True))
    codes.addAction("New code", lambda: window.code_panel.new_code())
    codes.addAction("Rename selected code", lambda: window.code_panel.rename_selected())
    codes.addAction("Codebook entry of selected code…", lambda: window.with_selected_code(acts.open_code_details))
    codes.addAction("Merge selected code into…", lambda: window.with_selected_code(acts.open_merge))
    codes.addSeparator()
    delete = codes.addAction("Delete selected code…", lambda: window.code_panel.delete_selected())
    delete.setObjectName("delete-code")
    delete.setStatusTip("Delete the code selected in the code tree; you choose what happens to its codings")
