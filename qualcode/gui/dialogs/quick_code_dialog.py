"""The quick-code box: type a few letters, Enter applies; a new name creates the code.

Opened with a shortcut over a selection, it lists recent codes first and
narrows by fuzzy match as the researcher types.  The same box picks the
target of a merge (``allow_create=False``) and names an emergent theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from qualcode.core.model import Code, CodeRole
from qualcode.gui import tones
from qualcode.gui.fuzzy import fuzzy_filter, fuzzy_score
from qualcode.gui.session import Session
from qualcode.gui.widgets.recent_codes_bar import code_icon

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
NEW_NAME_ROLE = Qt.ItemDataRole.UserRole + 2
MAX_SHOWN = 60


class QuickCodeDialog(QDialog):
    """``codeChosen(code_id)`` or ``newCodeNamed(name)`` when the researcher presses Enter."""

    codeChosen = Signal(int)
    newCodeNamed = Signal(str)

    def __init__(self, session: Session, parent: QWidget | None = None, title: str = "Quick code",
                 prompt: str = "Type to find a code; Enter applies it. A new name creates the code.",
                 allow_create: bool = True, initial_text: str = "", exclude: set[int] | None = None,
                 new_role: CodeRole = CodeRole.CODE) -> None:
        super().__init__(parent)
        self.setObjectName("quick-code")
        self.setWindowTitle(title)
        self.setModal(True)
        self.resize(440, 380)
        self._session = session
        self._allow_create = allow_create
        self._exclude = exclude or set()
        self._new_role = new_role
        self._paths = self._code_paths()
        layout = QVBoxLayout(self)
        hint = QLabel(prompt, self)
        hint.setWordWrap(True)
        hint.setStyleSheet(tones.muted_style())
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Code name…")
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        layout.addWidget(hint)
        layout.addWidget(self.edit)
        layout.addWidget(self.list, 1)
        self.edit.textChanged.connect(self._refill)
        self.edit.installEventFilter(self)
        self.edit.returnPressed.connect(self.accept)
        self.list.itemActivated.connect(lambda _item: self.accept())
        self.edit.setText(initial_text)
        self._refill(initial_text)
        self.edit.selectAll()

    def _code_paths(self) -> dict[int, str]:
        codes = self._session.codes
        paths = {}
        for code in codes.values():
            parent = codes.get(code.parent_id) if code.parent_id else None
            paths[code.id] = f"{paths.get(parent.id, parent.name)} / " if parent else ""
        return paths

    def _candidates(self, query: str) -> list[Code]:
        codes = [c for c in self._session.codes.values() if c.id not in self._exclude]
        if query.strip():
            return fuzzy_filter(query, codes, name=lambda c: c.name)[:MAX_SHOWN]
        recent = [self._session.code(i) for i in self._session.recent_codes if i not in self._exclude]
        recent = [c for c in recent if c is not None]
        return recent + [c for c in codes if c not in recent][:MAX_SHOWN]

    def _refill(self, query: str) -> None:
        self.list.clear()
        matches = self._candidates(query)
        for code in matches:
            item = QListWidgetItem(code_icon(code.colour, code.role), code.name)
            path = self._paths.get(code.id, "")
            item.setToolTip(f"{path}{code.name} — {code.role.label.lower()}")
            if path:
                item.setText(f"{code.name}    — {path.rstrip(' /')}")
            item.setData(CODE_ROLE, code.id)
            self.list.addItem(item)
        name = query.strip()
        exact = any(c.name.casefold() == name.casefold() and c.parent_id is None for c in matches)
        if self._allow_create and name and not exact:
            what = "emergent theme" if self._new_role == CodeRole.EMERGENT else "code"
            item = QListWidgetItem(f"+ Create {what} “{name}”")
            item.setData(NEW_NAME_ROLE, name)
            # A close match to an existing code comes first (a few letters find it); otherwise the new name.
            best = fuzzy_score(name, matches[0].name) if matches else None
            close = best is not None and best >= 6 * len(name)
            self.list.insertItem(self.list.count() if close else 0, item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.list.keyPressEvent(event)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        super().accept()
        new_name = item.data(NEW_NAME_ROLE)
        if new_name:
            self.newCodeNamed.emit(str(new_name))
        else:
            self.codeChosen.emit(int(item.data(CODE_ROLE)))
