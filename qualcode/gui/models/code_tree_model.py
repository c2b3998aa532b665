"""The code tree: superordinate themes → sub-themes → codes and emergent themes.

A thin Qt adapter over the session's codebook.  It changes nothing itself:
renaming in place, dragging a code under another (reparent) and dropping a
text selection on a code (apply) all become undoable commands through
:class:`~qualcode.gui.coding_actions.CodingActions`.

It stays incremental: a coding applied refreshes the counts of the codes
whose counts changed; a rename or recolour updates one row; only a change of
shape (new, moved, merged, deleted codes) rebuilds the tree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from qualcode.core.model import Code, CodeRole
from qualcode.core.queries import CodeCounts
from qualcode.gui.coding_actions import CodingActions
from qualcode.gui.session import Session, SpanTarget
from qualcode.gui.widgets.document.drag_data import CODE_MIME, SPAN_MIME, code_mime, read_code_mime, read_span_mime
from qualcode.gui.widgets.recent_codes_bar import code_icon

CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Code", "Seg.", "Part.")
Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class _Node:
    code: Code | None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    def row(self) -> int:
        return self.parent.children.index(self) if self.parent else 0


class CodeTreeModel(QAbstractItemModel):
    def __init__(self, session: Session, actions: CodingActions, parent=None) -> None:
        super().__init__(parent)
        self._session = session
        self._actions = actions
        self._root = _Node(None)
        self._by_id: dict[int, _Node] = {}
        self._counts: dict[int, CodeCounts] = {}
        self._shape: list[tuple[int, int | None]] = []
        self.reload()

    # -- keeping up with the project -------------------------------------------------
    def reload(self) -> None:
        """Rebuild the whole tree (a change of shape)."""
        self.beginResetModel()
        self._build(self._ordered_codes())
        self._counts = self._session.project.queries.code_counts(self._session.coder_filter)
        self.endResetModel()

    def _ordered_codes(self) -> list[Code]:
        return list(self._session.codes.values())  # the session keeps codebook order

    def _build(self, codes: list[Code]) -> None:
        self._root, self._by_id = _Node(None), {}
        for code in codes:
            parent = self._by_id.get(code.parent_id, self._root) if code.parent_id else self._root
            node = _Node(code, parent)
            parent.children.append(node)
            self._by_id[code.id] = node
        self._shape = [(c.id, c.parent_id) for c in codes]

    def sync_codes(self) -> None:
        """The codebook changed: update rows in place when the shape is the same, else rebuild."""
        codes = self._ordered_codes()
        if [(c.id, c.parent_id) for c in codes] != self._shape:
            self.reload()
            return
        for code in codes:
            node = self._by_id[code.id]
            if node.code != code:
                node.code = code
                index = self.createIndex(node.row(), 0, node)
                self.dataChanged.emit(index, index.siblingAtColumn(len(COLUMNS) - 1))

    def refresh_counts(self) -> None:
        """Re-read the counts and signal only the rows whose counts changed."""
        old, self._counts = self._counts, self._session.project.queries.code_counts(self._session.coder_filter)
        for code_id, node in self._by_id.items():
            if old.get(code_id) != self._counts.get(code_id):
                row = node.row()
                self.dataChanged.emit(self.createIndex(row, 1, node), self.createIndex(row, 2, node))

    def counts(self, code_id: int) -> CodeCounts:
        return self._counts.get(code_id, CodeCounts(0, 0))

    def code_at(self, index: Index) -> Code | None:
        node = index.internalPointer() if index.isValid() else None
        return node.code if node else None

    def index_of(self, code_id: int) -> QModelIndex:
        node = self._by_id.get(code_id)
        return self.createIndex(node.row(), 0, node) if node else QModelIndex()

    # -- QAbstractItemModel ------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        node = parent.internalPointer() if parent.isValid() else self._root
        if 0 <= row < len(node.children) and 0 <= column < len(COLUMNS):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row(), 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        node = parent.internalPointer() if parent.isValid() else self._root
        return len(node.children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section:
            return ("Coded segments, counting the codes below" if section == 1
                    else "Participants or respondents with at least one segment")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        code: Code = index.internalPointer().code
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == 0:
                return code.name
            counts = self.counts(code.id)
            return counts.segments if col == 1 else counts.participants
        if role == Qt.ItemDataRole.DecorationRole and col == 0:
            return code_icon(code.colour, code.role)
        if role == Qt.ItemDataRole.ToolTipRole and col == 0:
            parts = [f"<b>{code.name}</b> — {code.role.label.lower()}"]
            for label, text in (("", code.description), ("Include: ", code.inclusion),
                                ("Exclude: ", code.exclusion), ("Example: ", code.example)):
                if text:
                    parts.append(f"{label}{text}")
            return "<br>".join(parts)
        if role == Qt.ItemDataRole.FontRole and col == 0 and code.role != CodeRole.CODE:
            font = QFont()
            font.setBold(code.role == CodeRole.THEME)
            font.setItalic(code.role in (CodeRole.SUBTHEME, CodeRole.EMERGENT))
            return font
        if role == Qt.ItemDataRole.ForegroundRole and col > 0 and not self.counts(code.id).segments:
            return QColor("#a0a0a0")
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == CODE_ID_ROLE:
            return code.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
                 | Qt.ItemFlag.ItemIsDropEnabled)
        if index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Rename in place: an undoable command, refused (and reported) on a clash."""
        code = self.code_at(index)
        if role != Qt.ItemDataRole.EditRole or index.column() != 0 or code is None:
            return False
        return self._actions.rename_code(code.id, str(value))

    # -- drag and drop ----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        # Move: under another code in the tree; copy: onto the text or an answer, which it codes.
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [CODE_MIME, SPAN_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        ids = []
        for index in indexes:
            code = self.code_at(index)
            if code is not None and code.id not in ids:
                ids.append(code.id)
        return code_mime(ids)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        if data.hasFormat(SPAN_MIME):
            return self.code_at(parent) is not None  # a selection is dropped onto a code
        return data.hasFormat(CODE_MIME)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        """A text selection dropped on a code applies it; a code dropped on a code moves under it."""
        target = self.code_at(parent)
        span = read_span_mime(data)
        if span is not None:
            return target is not None and self._actions.apply_code(target.id, SpanTarget(*span))
        if not data.hasFormat(CODE_MIME):
            return False
        moved = False
        for code_id in read_code_mime(data):
            if target is None or code_id != target.id:
                moved |= self._actions.move_code(code_id, target.id if target else None)
        return moved  # the rebuild places the rows (removeRows stays a no-op)
