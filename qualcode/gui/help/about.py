"""Help → About qualcode: version, licence, privacy, and where its own files are.

The paths are what a researcher needs for a bug report or a backup of their
settings; they are selectable text, so they can be copied.
"""

from __future__ import annotations

import html
import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from qualcode import __version__
from qualcode.app.paths import cache_dir, log_file
from qualcode.app.settings import settings_file
from qualcode.gui.screen_fit import fit_to_screen

LICENCE = "GNU General Public License, version 3 or later (GPL-3.0-or-later)"
PRIVACY = ("Nothing leaves this machine. qualcode makes no network connections: your projects, transcripts, "
           "survey answers, codes and settings stay on this computer, and the language models that suggest "
           "themes and codes run here too.")


def about_html() -> str:
    """The About text (HTML), with this machine's paths."""
    rows = [("Settings", settings_file()), ("Log (for bug reports)", log_file()), ("Cache", cache_dir())]
    paths = "".join(f"<tr><td><b>{html.escape(k)}</b>&nbsp;&nbsp;</td><td>{html.escape(str(v))}</td></tr>"
                    for k, v in rows)
    return (f"<h2>qualcode {html.escape(__version__)}</h2>"
            "<p>Private, fast qualitative thematic coding for interpretative phenomenological analysis (IPA) "
            "and open survey answers.</p>"
            f"<p><b>Privacy.</b> {html.escape(PRIVACY)}</p>"
            f"<p><b>Licence.</b> {html.escape(LICENCE)}. You may use, study, share and change it; "
            "there is no warranty.</p>"
            f"<table>{paths}</table>"
            f"<p style='color:gray'>Python {platform.python_version()} · PySide6 {pyside_version} · "
            f"{html.escape(platform.system())}</p>")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About qualcode")
        self.setObjectName("about-qualcode")
        self.text = QLabel(about_html(), self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 460)
