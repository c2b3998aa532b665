"""Writing an exploratory note: descriptive, linguistic or conceptual (or a free note)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.model import NoteKind
from qualcode.gui import tones

KIND_HELP = {
    NoteKind.DESCRIPTIVE: "what is said: events, objects, the content of the talk",
    NoteKind.LINGUISTIC: "how it is said: metaphors, repetition, pauses, tone",
    NoteKind.CONCEPTUAL: "an interpretative question the passage raises",
    NoteKind.FREE: "anything else",
}


class NoteDialog(QDialog):
    """``noteWritten(kind, text)`` on Save (Ctrl+Enter)."""

    noteWritten = Signal(object, str)

    def __init__(self, quote: str, kind: NoteKind = NoteKind.DESCRIPTIVE, text: str = "",
                 parent: QWidget | None = None, editing: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("note-dialog")
        self.setWindowTitle("Edit exploratory note" if editing else "Exploratory note")
        self.resize(480, 320)
        layout = QVBoxLayout(self)
        shown = quote if len(quote) < 240 else quote[:240] + "…"
        context = QLabel(f"“{shown}”", self)
        context.setWordWrap(True)
        context.setStyleSheet(f"{tones.muted_style()} font-style:italic")
        layout.addWidget(context)
        kinds = QHBoxLayout()
        self.kind_buttons: dict[NoteKind, QRadioButton] = {}
        self._group = QButtonGroup(self)
        for k in NoteKind:
            button = QRadioButton(f"&{k.value.capitalize()}", self)
            button.setToolTip(KIND_HELP[k])
            button.setEnabled(not editing or k == kind)
            self._group.addButton(button)
            self.kind_buttons[k] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_buttons[kind].setChecked(True)
        layout.addLayout(kinds)
        self.edit = QPlainTextEdit(self)
        self.edit.setPlainText(text)
        self.edit.setPlaceholderText("Your note…  (Ctrl+Enter saves)")
        layout.addWidget(self.edit, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.installEventFilter(self)  # Ctrl+Enter saves, wherever the dialog sits
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                    event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.accept()
                return True
        return super().eventFilter(watched, event)

    @property
    def kind(self) -> NoteKind:
        return next(k for k, b in self.kind_buttons.items() if b.isChecked())

    def accept(self) -> None:
        text = self.edit.toPlainText().strip()
        if not text:
            self.edit.setFocus()
            return
        super().accept()
        self.noteWritten.emit(self.kind, text)
