"""The codebook entry of one code: description, inclusion, exclusion, example.

Second analysts code from these definitions, and disagreements are settled
by refining them, so each field has room to be written properly.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPlainTextEdit, QWidget

from qualcode.core.model import Code
from qualcode.core.themes.codes import DETAIL_FIELDS
from qualcode.gui.screen_fit import fit_to_screen

FIELD_LABELS = {
    "description": ("Definition", "What the code means, in a sentence or two."),
    "inclusion": ("Include when", "What must be present for a segment to get this code."),
    "exclusion": ("Exclude when", "Near misses, and the code to use instead."),
    "example": ("Example", "A typical segment, in the participant's words."),
}


class CodeDetailsDialog(QDialog):
    """``detailsEdited(code_id, {field: text})`` on Save, with the changed fields only."""

    detailsEdited = Signal(int, dict)

    def __init__(self, code: Code, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("code-details")
        self.setWindowTitle(f"Codebook entry — {code.name}")
        fit_to_screen(self, 560, 520)
        self._code = code
        form = QFormLayout(self)
        title = QLabel(f"<b>{code.name}</b> <span style='color:#6f6f6f'>· {code.role.label}</span>", self)
        form.addRow(title)
        self.fields: dict[str, QPlainTextEdit] = {}
        for name in DETAIL_FIELDS:
            label, hint = FIELD_LABELS[name]
            edit = QPlainTextEdit(getattr(code, name), self)
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            self.fields[name] = edit
            form.addRow(label, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        super().accept()
        changed = {k: e.toPlainText().strip() for k, e in self.fields.items()
                   if e.toPlainText().strip() != getattr(self._code, k)}
        if changed:
            self.detailsEdited.emit(self._code.id, changed)
