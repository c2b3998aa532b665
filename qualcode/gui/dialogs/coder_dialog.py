"""Who is coding?  Asked once, remembered, changeable from the Coding menu.

Every coding belongs to a coder, so agreement between a first and second
analyst can be computed later; the name is kept in the settings, not the
project, because one researcher works on several projects.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class CoderDialog(QDialog):
    """``coderChosen(name)`` on OK."""

    coderChosen = Signal(str)

    def __init__(self, known: list[str], current: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coder-dialog")
        self.setWindowTitle("Who is coding?")
        layout = QVBoxLayout(self)
        text = QLabel("Your codings and notes are recorded under this name, so a second analyst's work "
                      "can be compared with yours.", self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.name = QComboBox(self)
        self.name.setEditable(True)
        self.name.addItems(known)
        self.name.setCurrentText(current)
        self.name.lineEdit().setPlaceholderText("Your name or initials")
        layout.addWidget(self.name)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(380, 150)

    def accept(self) -> None:
        name = self.name.currentText().strip()
        if not name:
            return
        super().accept()
        self.coderChosen.emit(name)
