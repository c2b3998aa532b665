"""Starting the application, or rendering a screenshot of it offscreen."""

from __future__ import annotations

import os
import sys


def _ensure_platform(screenshot: bool) -> None:
    """Offscreen rendering when asked for a screenshot without a display."""
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run(project_path: str | None = None, screenshot: str | None = None, document: str | None = None,
        size: str = "1400x860") -> int:
    _ensure_platform(bool(screenshot))
    from PySide6.QtWidgets import QApplication

    from qualcode.core.project import Project
    from qualcode.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("qualcode")
    app.setOrganizationName("qualcode")
    project = Project.open(project_path) if project_path else None
    window = MainWindow(project)
    if project is not None:
        docs = project.documents.list()
        if document:
            chosen = next((d for d in docs if d.title == document), None)
            if chosen is None:
                raise SystemExit(f"qualcode: no document called ‘{document}’ in {project_path}")
            window.open_document(chosen.id)
        elif docs:
            window.open_document(docs[0].id)
    if screenshot:
        width, height = (int(v) for v in size.lower().split("x"))
        window.resize(width, height)
        window.show()
        for _ in range(5):
            app.processEvents()
        window.grab().save(screenshot)
        print(f"Saved {screenshot}")
        window.close()
        if project is not None:
            project.close()
        return 0
    window.show()
    code = app.exec()
    if project is not None:
        project.close()
    return code
