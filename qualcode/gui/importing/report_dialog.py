"""What happened to each imported file: kept, refused (and why), or cancelled."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.import_plans import FileResult
from qualcode.gui import tones
from qualcode.gui.screen_fit import fit_to_screen


def summary_text(results: Sequence[FileResult]) -> str:
    kept = sum(r.imported for r in results)
    refused = sum(not r.imported and not r.cancelled for r in results)
    cancelled = sum(r.cancelled for r in results)
    parts = [f"{kept} of {len(results)} file{'s' * (len(results) != 1)} imported"]
    if refused:
        parts.append(f"{refused} refused — see why below; the other files were kept")
    if cancelled:
        parts.append(f"{cancelled} not imported because you cancelled")
    return "; ".join(parts) + "."


class ImportReportDialog(QDialog):
    """One row per file: the file, the outcome, and the message naming the problem."""

    def __init__(self, results: Sequence[FileResult], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import-report-dialog")
        self.setWindowTitle("Import report")
        fit_to_screen(self, 860, 380)
        # Problems first: they are what the researcher has to act on.
        self.results = sorted(results, key=lambda r: 0 if not r.imported and not r.cancelled else
                              1 if r.cancelled else 2)
        layout = QVBoxLayout(self)
        self.summary = QLabel(summary_text(self.results), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTableWidget(len(self.results), 3, self)
        self.table.setObjectName("report")
        self.table.setHorizontalHeaderLabels(["File", "Result", "What happened"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(self.results):
            outcome = "Imported" if r.imported else "Cancelled" if r.cancelled else "Refused"
            message = r.message.removeprefix(f"{r.name}: ")  # the File column names it
            detail = message[:1].upper() + message[1:] + "".join(f"\nNote: {w}" for w in r.warnings)
            for col, text in enumerate((r.name, outcome, detail)):
                item = QTableWidgetItem(text)
                item.setToolTip(r.message)
                if not r.imported:  # a refusal in red, a cancelled file grey: tones of the palette, light or dark
                    item.setBackground(QBrush(tones.shade(None if r.cancelled else "bad")))
                    item.setForeground(QBrush(tones.text()))
                self.table.setItem(row, col, item)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.table.resizeRowsToContents()  # now that the columns have their widths

    def outcome(self, name: str) -> str:
        """The result shown for a file (for tests and for reading aloud)."""
        for row, r in enumerate(self.results):
            if r.name == name:
                return self.table.item(row, 1).text()
        raise KeyError(name)
