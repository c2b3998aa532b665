"""View: panels, the IPA margins, text size, whose coding to show (coder filter)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from qualcode.core.coding.workbench import coder_names
from qualcode.gui.journal import menu as journal_menu

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


def set_text_zoom(window: MainWindow, percent: int) -> None:
    """Transcripts and answers at ``percent`` of their normal size, remembered for next time."""
    used = window.document_page.view.set_zoom(percent)
    window.survey_view.answer_view.set_zoom(used)
    window.settings.text_zoom = used
    if not window.document_page.columns_placed:
        window.document_page.fit_columns()
    window.statusBar().showMessage(f"Text size {used} %", 2000)


def _zoom_actions(window: MainWindow, menu: QMenu) -> None:
    from qualcode.gui.widgets.document.view import ZOOM_STEP

    def zoom_by(step: int) -> None:
        set_text_zoom(window, window.document_page.view.zoom + step)

    larger = menu.addAction("Larger text", lambda: zoom_by(ZOOM_STEP))
    larger.setObjectName("text-larger")
    larger.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
    smaller = menu.addAction("Smaller text", lambda: zoom_by(-ZOOM_STEP))
    smaller.setObjectName("text-smaller")
    smaller.setShortcut(QKeySequence("Ctrl+-"))
    normal = menu.addAction("Normal text size", lambda: set_text_zoom(window, 100))
    normal.setObjectName("text-normal")
    normal.setShortcut(QKeySequence("Ctrl+0"))
    for action in (larger, smaller, normal):
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        window.addAction(action)  # the shortcuts work wherever focus is in the window
    for view in (window.document_page.view, window.survey_view.answer_view):
        view.zoomRequested.connect(lambda direction: zoom_by(direction * ZOOM_STEP))
    zoom = window.settings.text_zoom
    window.document_page.view.set_zoom(zoom)
    window.survey_view.answer_view.set_zoom(zoom)


def install(window: MainWindow) -> None:
    menu = window.menu("View")
    _zoom_actions(window, menu)
    menu.addSeparator()
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
    window.document_page.showAllCodesRequested.connect(window.show_all_codes)
    coders = menu.addMenu("Coding by")
    coders.setObjectName("coder-filter")
    coders.aboutToShow.connect(lambda: _fill_coders(window, coders))
    menu.addSeparator()
    menu.addAction("Reset panel layout", window.reset_layout)
    menu.addSeparator()
    journal_menu.install(window)  # Journal & memos (Ctrl+Shift+J), Add journal entry about this (Ctrl+J)
