"""A progress bar with Cancel for work running in a background worker."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


class WorkProgressDialog(QDialog):
    """Shows ``progress(done, total)`` and offers Cancel; closes itself when told the work ended."""

    def __init__(self, title: str, text: str, on_cancel: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("work-progress-dialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # busy until the first figure arrives
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancel")
        self._on_cancel = on_cancel
        self.cancel_button.clicked.connect(self.cancel)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button, alignment=Qt.AlignmentFlag.AlignRight)

    def set_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def cancel(self) -> None:
        """Ask the work to stop; the dialog stays until the work has stopped."""
        self.cancel_button.setEnabled(False)
        self.label.setText("Cancelling… (the file being imported is rolled back, finished files are kept)")
        self._on_cancel()

    def reject(self) -> None:  # Esc or the close button mean Cancel while work runs
        if self.cancel_button.isEnabled():
            self.cancel()
