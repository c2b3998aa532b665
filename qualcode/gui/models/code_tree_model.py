"""The code tree: superordinate themes → sub-themes → codes, with counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from qualcode.core.model import Code, CodeRole
from qualcode.core.project import Project
from qualcode.core.queries import CodeCounts

CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("Code", "Segments", "Participants")


@dataclass
class _Node:
    code: Code | None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class CodeTreeModel(QAbstractItemModel):
    """A read model of the codebook; it reloads when the project says codes changed."""

    def __init__(self, project: Project, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._project = project
        self._root = _Node(None)
        self._counts: dict[int, CodeCounts] = {}
        self._by_id: dict[int, _Node] = {}
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._root = _Node(None)
        self._by_id = {}
        for code in self._project.codes.list():
            parent = self._by_id.get(code.parent_id, self._root) if code.parent_id else self._root
            node = _Node(code, parent)
            parent.children.append(node)
            self._by_id[code.id] = node
        self._counts = self._project.queries.code_counts()
        self.endResetModel()

    def refresh_counts(self) -> None:
        self._counts = self._project.queries.code_counts()
        if self._root.children:
            self.dataChanged.emit(self.index(0, 1), self.index(self.rowCount() - 1, 2))
            for node in self._by_id.values():
                if node.children:
                    first = self.createIndex(0, 1, node.children[0])
                    last = self.createIndex(len(node.children) - 1, 2, node.children[-1])
                    self.dataChanged.emit(first, last)

    def code_at(self, index: QModelIndex) -> Code | None:
        node = index.internalPointer() if index.isValid() else None
        return node.code if node else None

    def index_of(self, code_id: int) -> QModelIndex:
        node = self._by_id.get(code_id)
        return self.createIndex(node.row(), 0, node) if node else QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        node = parent.internalPointer() if parent.isValid() else self._root
        if 0 <= row < len(node.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node: _Node = index.internalPointer()
        parent = node.parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        code: Code = index.internalPointer().code
        col = index.column()
        counts = self._counts.get(code.id, CodeCounts(0, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return code.name
            return counts.segments if col == 1 else counts.participants
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return QColor(code.colour)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            lines = [f"{code.role.label}: {code.name}"]
            if code.description:
                lines.append(code.description)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.FontRole and col == 0 and code.role in (CodeRole.THEME, CodeRole.SUBTHEME):
            font = QFont()
            font.setBold(code.role == CodeRole.THEME)
            font.setItalic(code.role == CodeRole.SUBTHEME)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CODE_ID_ROLE:
            return code.id
        return None
