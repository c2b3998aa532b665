"""The table of proposed replacements: accept, edit or reject each name."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from qualcode.core.model import NAME_KINDS, MappingEntry

ACCEPT, ORIGINAL, REPLACEMENT, KIND, COUNT, EXAMPLE, WHERE = range(7)
HEADERS = ["Replace", "Name found", "Replacement", "Kind", "Count", "Example in context", "First seen"]
KIND_LABELS = {"person": "Person", "place": "Place", "organisation": "Organisation", "other": "Other"}

Index = QModelIndex | QPersistentModelIndex


class PseudonymTableModel(QAbstractTableModel):
    """One row per name; the researcher edits ``accepted``, ``replacement`` and ``kind``."""

    def __init__(self, entries: list[MappingEntry] | None = None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.entries: list[MappingEntry] = list(entries or [])
        self.read_only = False

    def set_entries(self, entries: list[MappingEntry]) -> None:
        self.beginResetModel()
        self.entries = list(entries)
        self.endResetModel()

    def add(self, entry: MappingEntry) -> None:
        row = len(self.entries)
        self.beginInsertRows(QModelIndex(), row, row)
        self.entries.append(entry)
        self.endInsertRows()

    def set_all_accepted(self, accepted: bool) -> None:
        for e in self.entries:
            e.accepted = accepted
        if self.entries:
            self.dataChanged.emit(self.index(0, ACCEPT), self.index(len(self.entries) - 1, ACCEPT))

    def row_of(self, original: str) -> int:
        return next(i for i, e in enumerate(self.entries) if e.original == original)

    # -- Qt ----------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return base
        if index.column() == ACCEPT:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (REPLACEMENT, KIND):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        e, col = self.entries[index.row()], index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == ACCEPT:
            return Qt.CheckState.Checked if e.accepted else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return {ORIGINAL: e.original, REPLACEMENT: e.replacement,
                    KIND: KIND_LABELS.get(e.kind, e.kind) if role == Qt.ItemDataRole.DisplayRole else e.kind,
                    COUNT: e.count, EXAMPLE: _example_html(e), WHERE: e.where}.get(col)
        if role == Qt.ItemDataRole.ToolTipRole and col == EXAMPLE:
            return e.example
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and not e.accepted and col in (ORIGINAL, REPLACEMENT, KIND):
            return self.parent().palette().color(QPalette.ColorRole.PlaceholderText) \
                if isinstance(self.parent(), QWidget) else None
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.read_only:
            return False
        e, col = self.entries[index.row()], index.column()
        if col == ACCEPT and role == Qt.ItemDataRole.CheckStateRole:
            e.accepted = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[arg-type]
        elif col == REPLACEMENT and role == Qt.ItemDataRole.EditRole:
            e.replacement = str(value).strip()
            e.accepted = bool(e.replacement)  # an emptied replacement means: leave the name
        elif col == KIND and role == Qt.ItemDataRole.EditRole and value in NAME_KINDS:
            e.kind = str(value)
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        return True


def _example_html(e: MappingEntry) -> str:
    a, b = e.example_at
    if not e.example or a == b:
        return escape(e.example)
    return f"{escape(e.example[:a])}<b>{escape(e.example[a:b])}</b>{escape(e.example[b:])}"


class HtmlDelegate(QStyledItemDelegate):
    """Draws a cell's HTML (the name in bold inside its example)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setHtml(opt.text)
        doc.setDocumentMargin(2)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        painter.save()
        rect = opt.rect
        painter.translate(rect.left(), rect.top() + max(0, (rect.height() - doc.size().height()) / 2))
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if opt.state & QStyle.StateFlag.State_Selected:
            context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = QTextDocument()
        doc.setHtml(str(index.data() or ""))
        return QSize(int(doc.idealWidth()), int(doc.size().height()))


class KindDelegate(QStyledItemDelegate):
    """A choice of person, place, organisation or other."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        for kind in NAME_KINDS:
            box.addItem(KIND_LABELS[kind], kind)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
