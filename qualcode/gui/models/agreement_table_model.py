"""The reliability table as a Qt model: one row per code, then the overall figures."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from qualcode.analysis.agreement import AgreementReport
from qualcode.gui import tones
from qualcode.reports.reliability_table import HEADERS, TableRow, table_rows

#: A reading's tone (qualcode.gui.tones.HUES), mixed into the palette's background at paint time.
READING_TONES = {"good": "good", "tentative": "warning", "weak": "bad"}
NUMBER_COLUMNS = (1, 2, 3, 4)

Index = QModelIndex | QPersistentModelIndex


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1%}" if percent else f"{value:.2f}"


class AgreementTableModel(QAbstractTableModel):
    """Read-only; ``set_report`` replaces the whole table (a new computation)."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self._rows: list[TableRow] = []

    def set_report(self, report: AgreementReport | None) -> None:
        self.beginResetModel()
        self._rows = table_rows(report) if report is not None else []
        self.endResetModel()

    def row_of(self, index: int) -> TableRow:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.TextAlignmentRole \
                and section in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.code, f"{row.units:,}", _number(row.agreement, True), _number(row.kappa),
                    _number(row.alpha), row.reading)[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBER_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and column == 5:  # readable under the palette's text, light or dark
            return QBrush(tones.shade(READING_TONES.get(row.reading)))
        if role == Qt.ItemDataRole.ForegroundRole and column == 5:
            return QBrush(tones.text())
        if role == Qt.ItemDataRole.FontRole and row.overall:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and row.reading.startswith("not computable"):
            return ("Kappa and alpha need variation: here every unit got the same value from every coder "
                    "(for example, a theme nobody applied directly).")
        return None
