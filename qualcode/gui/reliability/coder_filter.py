"""Whose codings the views show: all coders, some of them, or — in blind coding — only yours.

Every view reads the same filter (``session.coder_filter``), and the filter
always goes through :func:`qualcode.core.reliability.blind.visible_coders`, so blind
coding holds in every view at once and no menu can reveal another coder.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from qualcode.core import events
from qualcode.core.project import Project
from qualcode.core.reliability.blind import coder_summaries, is_blind, set_blind, visible_coders


def window_project(window: Any) -> Project | None:
    """The open project of a main window (with a session) or of any object with ``project``."""
    session = getattr(window, "session", None)
    if session is not None:
        return session.project
    return getattr(window, "project", None)


def current_filter(window: Any) -> list[str] | None:
    session = getattr(window, "session", None)
    return None if session is None else session.coder_filter


def apply_coder_filter(window: Any, chosen: list[str] | None) -> list[str] | None:
    """Show ``chosen`` coders (None: everyone), as blind coding allows; return what is shown."""
    project = window_project(window)
    if project is None:
        return None
    shown = visible_coders(project, chosen)
    session = getattr(window, "session", None)
    if session is not None:
        session.set_coder_filter(shown)
    else:
        project.emit(events.CODINGS_CHANGED)
    return shown


def set_blind_coding(window: Any, on: bool) -> None:
    """Turn blind coding on or off and make every view follow."""
    project = window_project(window)
    if project is None:
        return
    set_blind(project, on)
    apply_coder_filter(window, None)  # on: only yours; off: everyone again


class CoderFilterMenu(QMenu):
    """Checkable coders, refreshed each time the menu opens; ``codersChosen(list | None)``."""

    codersChosen = Signal(object)

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__("Coders &shown", parent)
        self.setObjectName("coder-filter-menu")
        self._window = window
        self.aboutToShow.connect(self.refill)
        self.refill()

    def refill(self) -> None:
        self.clear()
        project = window_project(self._window)
        if project is None:
            self.addAction("No project open").setEnabled(False)
            return
        if is_blind(project):
            self.addAction(f"Blind coding: only {project.coder_name}'s codings are shown").setEnabled(False)
            return
        chosen = current_filter(self._window)
        every = self.addAction("All coders", lambda: self._choose(None))
        every.setCheckable(True)
        every.setChecked(chosen is None)
        self.addSeparator()
        for coder in coder_summaries(project):
            label = f"{coder.name}    ({coder.codings:,} codings in {coder.documents:,} documents)"
            act = self.addAction(label)
            act.setObjectName(f"coder-{coder.name}")
            act.setCheckable(True)
            act.setChecked(chosen is not None and coder.name in chosen)
            act.toggled.connect(lambda on, name=coder.name: self._toggle(name, on))

    def _toggle(self, name: str, on: bool) -> None:
        project = window_project(self._window)
        if project is None:
            return
        chosen = set(current_filter(self._window) or [])
        chosen = chosen | {name} if on else chosen - {name}
        self._choose(sorted(chosen) or None)

    def _choose(self, chosen: list[str] | None) -> None:
        shown = apply_coder_filter(self._window, chosen)
        self.codersChosen.emit(shown)


class CoderFilterButton(QToolButton):
    """The same menu on a tool button, for a panel's toolbar."""

    def __init__(self, window: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("Coders")
        self.setToolTip("Whose codings to show")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = CoderFilterMenu(window, self)
        self.setMenu(self.filter_menu)
