"""Light or dark: follow the desktop, or the researcher's own choice (Edit → Preferences…).

Qt follows the desktop's colour scheme only where its platform theme reports
one (GNOME and KDE do; a bare X server does not), so a chosen "dark" is also
drawn with an explicit dark palette, and "follow the system" applies that
palette when the desktop says it is dark but the style kept its light colours.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

APPEARANCE_NAMES = {"system": "Follow the system", "light": "Light", "dark": "Dark"}
_SCHEMES = {"system": Qt.ColorScheme.Unknown, "light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
_chosen = "system"
_listening = False
_busy = False


def dark_palette() -> QPalette:
    """Quiet dark colours with enough contrast for reading transcripts for hours."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f", QPalette.ColorRole.AlternateBase: "#2b2b2b",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#363636",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#3a6bc4", QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#363636", QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.Link: "#8ab8ff", QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#4a4a4a", QPalette.ColorRole.Dark: "#161616", QPalette.ColorRole.Light: "#505050",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7c7c7c"))
    return palette


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether windows are drawn dark (their background darker than their text)."""
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()


def apply_appearance(choice: str) -> None:
    """Draw the application light, dark, or as the desktop is (``choice``: a key of :data:`APPEARANCE_NAMES`)."""
    global _chosen, _listening
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    _chosen = choice if choice in APPEARANCE_NAMES else "system"
    hints = QGuiApplication.styleHints()
    hints.setColorScheme(_SCHEMES[_chosen])  # where the platform honours it (native dialogs too)
    desktop_dark = hints.colorScheme() == Qt.ColorScheme.Dark
    if _chosen == "dark" or (_chosen == "system" and desktop_dark):
        app.setPalette(dark_palette())
    elif _chosen == "light":
        app.setPalette(app.style().standardPalette())
    else:
        app.setPalette(QPalette())  # nothing set: the platform's own colours again
    if not _listening:  # the desktop switching between light and dark while qualcode runs
        hints.colorSchemeChanged.connect(_desktop_changed)
        _listening = True


def _desktop_changed(_scheme: Qt.ColorScheme) -> None:
    global _busy
    if _chosen != "system" or _busy:
        return
    _busy = True  # applying may announce the scheme again
    try:
        apply_appearance("system")
    finally:
        _busy = False
