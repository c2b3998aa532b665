"""File: new and open projects, recent projects, restore from backup, close, quit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from qualcode.core.project import PROJECT_SUFFIX, Project, ProjectDamaged, ProjectError

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow

FILTER = f"qualcode projects (*{PROJECT_SUFFIX});;All files (*)"


def choose_new_project_path(window: MainWindow) -> str | None:
    """Ask where the new project goes (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(window, "New project", str(Path.home() / f"Study{PROJECT_SUFFIX}"), FILTER)
    if path and not path.endswith(PROJECT_SUFFIX):
        path += PROJECT_SUFFIX
    return path or None


def choose_project_to_open(window: MainWindow) -> str | None:
    path, _ = QFileDialog.getOpenFileName(window, "Open project", str(Path.home()), FILTER)
    return path or None


def new_project(window: MainWindow) -> Project | None:
    path = choose_new_project_path(window)
    if not path:
        return None
    try:
        project = Project.create(path)
    except ProjectError as exc:
        QMessageBox.warning(window, "New project", str(exc))
        return None
    from qualcode.app.settings.options import LINE_WIDTH

    project.set_meta("line_width", str(window.settings.value(LINE_WIDTH)))  # Edit → Preferences…
    window.set_project(project)
    return project


def open_project(window: MainWindow, path: str | None = None) -> Project | None:
    path = path or choose_project_to_open(window)
    if not path:
        return None
    try:
        project = Project.open(path)
    except ProjectDamaged as exc:  # offer the latest good backup, restored to a new file
        from qualcode.gui.dialogs.restore_dialog import offer_latest_backup

        offer_latest_backup(window, path, exc.message)
        return window.session.project if window.session is not None else None
    except ProjectError as exc:
        window.settings.forget_recent_project(path)
        QMessageBox.warning(window, "Open project", str(exc))
        return None
    window.set_project(project)
    from qualcode.gui.resume import open_where_left_off

    open_where_left_off(window, project)  # as relaunching does: the document and line, or answer, left off at
    return project


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    recent = window.settings.recent_projects
    for path in recent:
        menu.addAction(f"{Path(path).stem}    —  {path}", lambda p=path: open_project(window, p))
    if not recent:
        menu.addAction("No recent projects").setEnabled(False)


def _restore(window: MainWindow) -> None:
    from qualcode.gui.dialogs.restore_dialog import restore_from_backup

    restore_from_backup(window)


def install(window: MainWindow) -> None:
    menu = window.menu("File")
    new = menu.addAction("&New project…", lambda: new_project(window))
    new.setShortcut(QKeySequence.StandardKey.New)
    opener = menu.addAction("&Open project…", lambda: open_project(window))
    opener.setShortcut(QKeySequence.StandardKey.Open)
    recent = menu.addMenu("Open &recent")
    recent.setObjectName("recent-projects")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    _fill_recent(window, recent)
    menu.addSeparator()
    menu.addAction("Restore from &backup…", lambda: _restore(window))
    menu.addSeparator()
    menu.addAction("&Close project", window.close_project)
    quit_action = menu.addAction("&Quit", window.close)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
