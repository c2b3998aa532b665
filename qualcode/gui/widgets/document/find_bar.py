"""Find in the document (Ctrl+F): a slim bar above the text, as in a browser."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from qualcode.gui.widgets.document.view import DocumentView


def find_all(text: str, needle: str) -> list[int]:
    """Offsets of every occurrence of ``needle`` (case-insensitive) in ``text``."""
    needle = needle.casefold()
    if not needle:
        return []
    hay = text.casefold()
    if len(hay) != len(text):  # casefolding changed lengths (ß → ss): search as typed
        hay, needle = text.lower(), needle.lower()
    out, pos = [], hay.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = hay.find(needle, pos + 1)
    return out


class FindBar(QWidget):
    """Searches the shown document case-insensitively; Enter next, Shift+Enter previous, Esc closes."""

    def __init__(self, view: DocumentView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find-bar")
        self._view = view
        self._hits: list[int] = []
        self._current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Find in document")
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._search)
        self.count = QLabel("", self)
        self.count.setMinimumWidth(70)
        previous = QToolButton(self)
        previous.setText("↑")
        previous.setToolTip("Previous match (Shift+Enter)")
        previous.clicked.connect(self.previous)
        following = QToolButton(self)
        following.setText("↓")
        following.setToolTip("Next match (Enter)")
        following.clicked.connect(self.next)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(previous)
        layout.addWidget(following)
        layout.addWidget(close)
        self.edit.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.previous() if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else self.next()
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return super().eventFilter(watched, event)

    def open_bar(self) -> None:
        self.show()
        selected = self._view.textCursor().selectedText()
        if selected and "\u2029" not in selected and len(selected) < 80:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        self.hide()
        self._view.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
        else:
            super().keyPressEvent(event)

    def _search(self, text: str) -> None:
        self._hits = find_all(self._view.text, text)
        self._current = -1
        if self._hits:
            cursor_offset = self._view.selected_span()
            start = cursor_offset[0] if cursor_offset else 0
            self._current = next((i for i, h in enumerate(self._hits) if h >= start), 0) - 1
            self.next()
        else:
            self.count.setText("no matches" if text else "")

    def next(self) -> None:
        self._step(1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, direction: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + direction) % len(self._hits)
        start = self._hits[self._current]
        self._view.select_span(start, start + len(self.edit.text()))
        self.count.setText(f"{self._current + 1} of {len(self._hits)}")
