"""The Reliability menu, and the second coder's two entries in the File menu.

    build_reliability_menu(window)   # or list this module in qualcode.gui.menus.MENU_MODULES

``window`` is the main window: it has ``session`` (with ``project`` and
``run(command)``) or, for a bare window, ``project``; and ``menu(name)``
when it builds its menu bar from parts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from qualcode.core.reliability.blind import is_blind
from qualcode.gui.reliability.coder_filter import CoderFilterMenu, set_blind_coding, window_project

FILE_ACTIONS = ("Prepare a copy for a second coder…", "Merge a second coder's project…")


class ReliabilityActions:
    """The menu's actions and the dialogs they open (kept so tests and the window can reach them)."""

    def __init__(self, window: Any, pool: Any = None) -> None:
        self.window = window
        self.pool = pool
        self.dialog = None  # the last dialog opened
        self.prepare = QAction(FILE_ACTIONS[0], window)
        self.prepare.setStatusTip("A copy with the documents and codebook but no codings, for blind coding")
        self.prepare.triggered.connect(lambda: self.open_prepare_copy())
        self.merge = QAction(FILE_ACTIONS[1], window)
        self.merge.setStatusTip("Bring a second coder's codings back (a qualcode project or a .qdpx)")
        self.merge.triggered.connect(lambda: self.open_merge())
        self.blind = QAction("&Blind coding (show only my codings)", window)
        self.blind.setCheckable(True)
        self.blind.toggled.connect(lambda on: set_blind_coding(window, on))
        self.agreement = QAction("&Agreement between coders…", window)
        self.agreement.triggered.connect(lambda: self.open_agreement())
        self.review = QAction("&Review disagreements…", window)
        self.review.setStatusTip("Compute agreement, then walk through the units where coders differ")
        self.review.triggered.connect(lambda: self.open_review())

    def refresh(self) -> None:
        project = window_project(self.window)
        for action in (self.prepare, self.merge, self.blind, self.agreement, self.review):
            action.setEnabled(project is not None)
        self.blind.blockSignals(True)
        self.blind.setChecked(project is not None and is_blind(project))
        self.blind.blockSignals(False)

    def _run_command(self, command: object) -> bool:
        session = getattr(self.window, "session", None)
        if session is not None and hasattr(session, "run"):
            return session.run(command)
        command.do(window_project(self.window))  # type: ignore[attr-defined]
        return True

    def _open(self, dialog):
        self.dialog = dialog
        dialog.show()
        return dialog

    def open_prepare_copy(self):
        from qualcode.gui.reliability.prepare_copy_dialog import PrepareCopyDialog

        project = window_project(self.window)
        return self._open(PrepareCopyDialog(project, self.window, self.pool)) if project else None

    def open_merge(self):
        from qualcode.gui.reliability.merge_dialog import MergeDialog

        project = window_project(self.window)
        return self._open(MergeDialog(project, self.window, self.pool)) if project else None

    def open_agreement(self):
        from qualcode.gui.reliability.agreement_dialog import AgreementDialog

        project = window_project(self.window)
        if project is None:
            return None
        return self._open(AgreementDialog(project, self.window, self.pool, self._run_command))

    def open_review(self):
        """The review needs an agreement first: open the agreement dialog, review when it is computed."""
        dialog = self.open_agreement()
        if dialog is None:
            return None
        if len(dialog.chosen_coders()) < 2:
            QMessageBox.information(self.window, "Review disagreements",
                                    "A review needs two coders who coded the same documents.")
            return dialog
        def review_once(_result: object) -> None:
            dialog.computed.disconnect(review_once)
            dialog.open_review()

        dialog.computed.connect(review_once)
        dialog.compute()
        return dialog


def _add_to_file_menu(window: Any, actions: ReliabilityActions) -> None:
    """Put the second coder's entries in File, before "Close project" when the window has one."""
    if not hasattr(window, "menu"):
        return
    file_menu = window.menu("File")
    file_menu.aboutToShow.connect(actions.refresh)  # right whichever menu is opened first
    close = next((a for a in file_menu.actions() if a.text().replace("&", "").startswith("Close project")), None)
    if close is None:
        file_menu.addSeparator()
        file_menu.addAction(actions.prepare)
        file_menu.addAction(actions.merge)
        return
    file_menu.insertAction(close, actions.prepare)
    file_menu.insertAction(close, actions.merge)
    file_menu.insertSeparator(close)


def build_reliability_menu(window: Any, pool: Any = None) -> QMenu:
    """Fill (or make) the window's Reliability menu; the actions stay on ``window.reliability``."""
    menu = window.menu("Reliability") if hasattr(window, "menu") else QMenu("&Reliability", window)
    menu.setObjectName("menu-reliability")
    actions = ReliabilityActions(window, pool)
    window.reliability = actions
    menu.addMenu(CoderFilterMenu(window, menu))
    menu.addAction(actions.blind)
    menu.addSeparator()
    menu.addAction(actions.prepare)
    menu.addAction(actions.merge)
    menu.addSeparator()
    menu.addAction(actions.agreement)
    menu.addAction(actions.review)
    menu.aboutToShow.connect(actions.refresh)
    _add_to_file_menu(window, actions)
    actions.refresh()
    return menu


def install(window: Any) -> None:
    """For :data:`qualcode.gui.menus.MENU_MODULES`."""
    build_reliability_menu(window)
