"""The Memos tab: one memo per thing — the project, each theme and code, each document.

The list on the left shows the memos written, searchable; the editor on the
right writes the memo of whatever is chosen in "Memo on".  A memo is saved
with Save, when another thing is chosen, or when the window closes; an
empty memo is removed.  Each save is one undoable command.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.journal.commands import WriteMemo
from qualcode.core.journal.links import THEME_ROLES
from qualcode.core.journal.memos import MemoOn, all_memos, memo_text
from qualcode.gui.journal.models import MemoTableModel
from qualcode.gui.session import Session


def key_of(on: MemoOn) -> str:
    """A memo target as a plain string, which a combo box finds by value (a Python object it would not)."""
    return f"code:{on.code_id}" if on.code_id is not None else \
        f"document:{on.document_id}" if on.document_id is not None else "project"


def on_of(key: str) -> MemoOn:
    kind, _, value = key.partition(":")
    return MemoOn(code_id=int(value)) if kind == "code" else \
        MemoOn(document_id=int(value)) if kind == "document" else MemoOn()


class MemoPage(QWidget):
    """``goToRequested(MemoOn)`` asks the window to show the code or document a memo is on."""

    goToRequested = Signal(object)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._on: MemoOn | None = None
        self._name = ""  # what the memo is on, for the Edit menu's "Undo Write memo on …"
        self._saved = ""  # the memo's text as last read or saved, to tell an edit
        self.search = QLineEdit(self, objectName="memo-search", placeholderText="Search the memos (any case)…",
                                clearButtonEnabled=True)
        self.model = MemoTableModel(self)
        self.table = QTableView(self, objectName="memo-table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 170)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.search)
        column.addWidget(self.table, 1)

        self.target = QComboBox(self, objectName="memo-target")
        self.target.setMinimumContentsLength(24)
        self.target.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.go = QPushButton("Go to it", self, objectName="memo-go")
        on_row = QHBoxLayout()
        on_row.addWidget(QLabel("Memo on:", self))
        on_row.addWidget(self.target, 1)
        on_row.addWidget(self.go)
        self.text = QPlainTextEdit(self, objectName="memo-text")
        self.text.setPlaceholderText("No memo yet. Write one; it is saved with Save (Ctrl+Return), when you "
                                     "choose another thing, or when you close this window.")
        self.status = QLabel(self, objectName="memo-status")
        self.remove = QPushButton("Remove memo", self, objectName="memo-remove")
        self.save = QPushButton("Save", self, objectName="memo-save")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.save)
        right = QWidget(self)
        editor = QVBoxLayout(right)
        editor.setContentsMargins(0, 0, 0, 0)
        editor.addLayout(on_row)
        editor.addWidget(self.text, 1)
        editor.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([520, 440])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.search.textChanged.connect(self.reload)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.target.currentIndexChanged.connect(self._target_changed)
        self.go.clicked.connect(lambda: self._on is not None and self.goToRequested.emit(self._on))
        self.save.clicked.connect(self.save_now)
        self.remove.clicked.connect(self._remove)
        QShortcut(QKeySequence("Ctrl+Return"), self.text, self.save_now)
        self.fill_targets()
        self.reload()

    def fill_targets(self) -> None:
        """The project, then themes, codes and statements in codebook order, then documents."""
        chosen = self._on
        project = self.session.project
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(f"The project — {project.name}", "project")
        codes = project.codes.list()
        for c in codes:
            if c.role.value in THEME_ROLES:
                self.target.addItem(f"Theme — {c.name}", f"code:{c.id}")
        for c in codes:
            if c.role.value not in THEME_ROLES:
                self.target.addItem(f"Code — {c.name}", f"code:{c.id}")
        for d in project.documents.list():
            self.target.addItem(f"Document — {d.title}", f"document:{d.id}")
        index = self.target.findData(key_of(chosen)) if chosen is not None else 0
        self.target.setCurrentIndex(max(index, 0))
        self.target.blockSignals(False)
        self._load(on_of(self.target.currentData()))

    def reload(self) -> None:
        self.model.set_rows(all_memos(self.session.project, self.search.text()))

    def show_memo(self, on: MemoOn) -> None:
        """Write the memo of ``on`` (a code or document chosen elsewhere in the window)."""
        index = self.target.findData(key_of(on))
        if index >= 0:
            self.target.setCurrentIndex(index)
        self.text.setFocus()

    def _row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if current.isValid():
            self.show_memo(self.model.memo(current.row()).on)

    def _target_changed(self, _index: int) -> None:
        self.save_if_changed()
        self._load(on_of(self.target.currentData()))

    def _load(self, on: MemoOn | None) -> None:
        self._on = on
        self._name = self.target.currentText().split(" — ", 1)[-1]
        self._saved = memo_text(self.session.project, on) if on is not None else ""
        self.text.setPlainText(self._saved)
        self.remove.setEnabled(bool(self._saved))
        self.go.setEnabled(on is not None and on.target != "project")
        self.status.setText("" if self._saved else "No memo yet")

    def save_if_changed(self) -> None:
        if self._on is not None and self.text.toPlainText().strip() != self._saved:
            self.save_now()

    def save_now(self) -> None:
        if self._on is None or self.text.toPlainText().strip() == self._saved:
            return
        if self.session.run(WriteMemo(self._on, self.text.toPlainText(), self._name)):
            self._saved = self.text.toPlainText().strip()
            self.remove.setEnabled(bool(self._saved))
            self.status.setText("Saved" if self._saved else "Memo removed")

    def _remove(self) -> None:
        self.text.setPlainText("")
        self.save_now()

    def memos_changed(self) -> None:
        """Memos changed (a save, an undo, another program): list again; re-read the memo unless being edited."""
        self.reload()
        if self._on is not None and self.text.toPlainText().strip() == self._saved:
            self._load(self._on)
