"""Rows of coded extracts: participant, lines, code, coder, the words themselves."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qualcode.core.queries import Extract

COLUMNS = ("Participant", "Lines", "Code", "Coder", "Extract")
Index = QModelIndex | QPersistentModelIndex


class SegmentTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Extract] = []

    def set_extracts(self, extracts: list[Extract]) -> None:
        self.beginResetModel()
        self._rows = list(extracts)
        self.endResetModel()

    def extract(self, row: int) -> Extract:
        return self._rows[row]

    def extracts(self) -> list[Extract]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.participant or e.document_title, e.lines, e.code_name, e.coder,
                    " ".join(e.text.split()))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (f"<p>{html.escape(e.text)}</p><p style='color:#555'>{html.escape(e.citation)} · "
                    f"{html.escape(e.code_name)} · {html.escape(e.coder)}</p>")
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
