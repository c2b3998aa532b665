"""Starting the application, or rendering a screenshot of it offscreen."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _ensure_platform(screenshot: bool) -> None:
    """Offscreen rendering when asked for a screenshot without a display."""
    if screenshot and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def open_initial_view(window, project, name: str | None = None) -> None:
    """Show ``name`` (a document title or a survey question), else where the researcher left off.

    The rule lives in :mod:`qualcode.gui.resume`, shared with File → Open and Open recent.
    """
    from qualcode.gui.resume import open_where_left_off

    open_where_left_off(window, project, name)


DESKTOP_ID = "io.github.qualcode.qualcode"  # the .desktop file's name: the taskbar groups the window under it
ICONS = Path(__file__).resolve().parent / "icons"


def window_icon():
    """qualcode's icon (48 and 256 px, drawn by packaging/make_icons.py) for every window and the taskbar."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for size in (48, 256):
        icon.addFile(str(ICONS / f"qualcode-{size}.png"))
    return icon


def dress_application(app) -> None:
    """Name, icon and desktop entry: what the window manager shows for qualcode's windows."""
    app.setApplicationName("qualcode")
    app.setOrganizationName("qualcode")
    app.setWindowIcon(window_icon())
    app.setDesktopFileName(DESKTOP_ID)


def run(project_path: str | None = None, screenshot: str | None = None, document: str | None = None,
        size: str = "1400x860") -> int:
    _ensure_platform(bool(screenshot))
    if screenshot and not os.environ.get("QUALCODE_SETTINGS_DIR"):
        # A screenshot shows the default layout and leaves the researcher's own layout alone.
        import tempfile

        os.environ["QUALCODE_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="qualcode-screenshot-")
    from PySide6.QtWidgets import QApplication

    from qualcode.app.logging import setup_logging
    from qualcode.core.project import Project
    from qualcode.gui.error_dialog import install_excepthook
    from qualcode.gui.main_window import MainWindow

    setup_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    dress_application(app)
    install_excepthook()  # a bug anywhere in the window: the bug dialog with a report, not a silent failure
    from qualcode.app.settings.options import APPEARANCE
    from qualcode.gui.appearance import apply_appearance
    from qualcode.gui.settings import GuiSettings

    apply_appearance(GuiSettings().value(APPEARANCE))  # light, dark or the desktop's (Edit → Preferences…)
    project = Project.open(project_path) if project_path else None
    window = MainWindow(project, ask_coder=not screenshot)
    if project is not None:
        open_initial_view(window, project, document)
    if screenshot:
        width, height = (int(v) for v in size.lower().split("x"))
        window.resize(width, height)
        window.show()
        for _ in range(10):
            app.processEvents()
        window.grab().save(screenshot)
        print(f"Saved {screenshot}")
        window.close()
        return 0
    window.show()
    return app.exec()
