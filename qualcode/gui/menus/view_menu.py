"""View: panels, the IPA margins, whose coding to show (coder filter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from qualcode.core.coding.workbench import coder_names

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def _fill_coders(window: MainWindow, menu: QMenu) -> None:
    """All coders, or one coder's work only (issue 7's comparison views build on this)."""
    menu.clear()
    session = window.session
    group = QActionGroup(menu)
    every = menu.addAction("All coders", lambda: session and session.set_coder_filter(None))
    every.setCheckable(True)
    every.setChecked(session is None or session.coder_filter is None)
    group.addAction(every)
    if session is None:
        return
    menu.addSeparator()
    for name in coder_names(session.project):
        act = menu.addAction(name, lambda n=name: session.set_coder_filter([n]))
        act.setCheckable(True)
        act.setChecked(session.coder_filter == [name])
        group.addAction(act)


def install(window: MainWindow) -> None:
    menu = window.menu("View")
    for dock in window.panels.values():
        menu.addAction(dock.toggleViewAction())
    menu.addSeparator()
    margins = window.document_page
    for label, widget, flag in (("Emergent themes margin", margins.emergent_margin, "emergent_margin"),
                                ("Exploratory notes margin", margins.notes_margin, "notes_margin")):
        act = menu.addAction(label)
        act.setCheckable(True)
        act.setChecked(window.settings.flag(flag, True))
        widget.setVisible(act.isChecked())
        act.toggled.connect(lambda on, w=widget, f=flag: (w.setVisible(on), window.settings.set_flag(f, on)))
    menu.addSeparator()
    menu.addAction(window.actions.show_all_codes)
    coders = menu.addMenu("Coding by")
    coders.setObjectName("coder-filter")
    coders.aboutToShow.connect(lambda: _fill_coders(window, coders))
    menu.addSeparator()
    menu.addAction("Reset panel layout", window.reset_layout)
