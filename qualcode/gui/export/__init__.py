"""The Export menu: one dialog per report, built from the report registry.

The main window adds the menu with one line::

    self.menuBar().insertMenu(self.menu("View").menuAction(), build_export_menu(self))
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QWidget

from qualcode.core.project import Project
from qualcode.reports.registry import REPORTS

IPA = ("master", "themes", "recurrence", "personal-themes", "coded-transcript")
SURVEY = ("prevalence", "quotes", "code-sheet", "attributes")
RECORD = ("codebook", "audit-trail")  # what the analysis is made of, and how it was made


def _project(window: QWidget) -> Project | None:
    session = getattr(window, "session", None)
    if session is not None:
        return session.project
    return getattr(window, "project", None)


def open_export_dialog(window: QWidget, name: str) -> None:
    """Open the dialog of report ``name`` on the window's project (if one is open)."""
    from qualcode.gui.export.dialog import ExportDialog

    project = _project(window)
    if project is None:
        return
    dialog = ExportDialog(project, name, window)
    dialog.setModal(False)
    dialog.show()
    window._export_dialog = dialog  # keep it alive while it is open


def build_export_menu(window: QWidget, menu: QMenu | None = None) -> QMenu:
    """``Export`` with the thesis reports, the survey reports and the codebook (fills ``menu`` if given)."""
    menu = menu if menu is not None else QMenu("E&xport", window)
    menu.setObjectName("menu-export")
    for group in (IPA, SURVEY, RECORD):
        for name in group:
            spec = REPORTS[name]
            action = menu.addAction(f"{spec.title}…")
            action.setObjectName(f"export-{name}")
            action.setStatusTip(spec.description)
            action.triggered.connect(lambda _=False, n=name: open_export_dialog(window, n))
        menu.addSeparator()
    menu.aboutToShow.connect(lambda: [a.setEnabled(_project(window) is not None) for a in menu.actions()])
    return menu
