"""Table models for the journal window: entries (date, about, first line) and memos (on, name, text)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from qualcode.core.journal.entries import JournalEntry
from qualcode.core.journal.memos import MemoEntry

Index = QModelIndex | QPersistentModelIndex


def _first_line(text: str, width: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= width else line[:width - 1] + "…"


class _RowsModel(QAbstractTableModel):
    """A read-only table of frozen values, replaced as a whole when the project changes."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None


class JournalTableModel(_RowsModel):
    """Entries oldest first: when (local time), what about, and the entry's first line."""

    HEADERS = ("Written (UTC)", "About", "Entry")

    def entry(self, row: int) -> JournalEntry:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int | None:
        return next((i for i, e in enumerate(self._rows) if e.id == entry_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e: JournalEntry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{e.written_at:%Y-%m-%d %H:%M}", e.about, _first_line(e.text))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{e.written_at:%Y-%m-%d %H:%M} UTC · {e.coder}\n{e.text}"
        return None


class MemoTableModel(_RowsModel):
    """Memos: what they are on, its name, the memo's first line, when last written."""

    HEADERS = ("On", "Name", "Memo", "Last written (UTC)")

    def memo(self, row: int) -> MemoEntry:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        m: MemoEntry = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (m.kind, m.name, _first_line(m.text), f"{m.updated_at:%Y-%m-%d %H:%M}")[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return m.text
        return None
