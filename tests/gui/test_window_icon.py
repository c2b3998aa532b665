"""The window carries qualcode's icon and names its desktop entry (the taskbar groups it under the app)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from qualcode.gui.app import DESKTOP_ID, ICONS, dress_application


def test_the_window_has_the_icon_shipped_in_the_package(qtbot, project, settings) -> None:
    from qualcode.gui.main_window import MainWindow

    assert {p.name for p in ICONS.glob("*.png")} >= {"qualcode-48.png", "qualcode-256.png"}
    app = QApplication.instance()
    dress_application(app)
    window = MainWindow(project, settings)
    qtbot.addWidget(window)
    icon = window.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {48, 256}
    assert app.desktopFileName() == DESKTOP_ID == "io.github.qualcode.qualcode"
    window.close_project()
