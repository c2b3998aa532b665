"""Help → Keyboard shortcuts: read from the window's own actions, so the list cannot drift.

Every QAction of the main window (menus, context menus, window-wide keys)
that has a shortcut is listed with where to find it in the menus.  A new
action with a shortcut appears here by itself; tests check that none is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qualcode.gui.screen_fit import fit_to_screen


@dataclass(frozen=True)
class ShortcutRow:
    """One line of the list: what the key does, where the action lives, the keys."""

    action: str
    place: str
    keys: str


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def menu_path(action: QAction) -> str:
    """``Edit → Find in document`` style place of ``action`` in the menu bar (context menus are not places)."""
    for owner in action.associatedObjects():
        names, menu = [], owner
        while isinstance(menu, QMenu) and menu.title():
            names.append(_plain(menu.title()))
            menu = next((m for m in menu.menuAction().associatedObjects() if isinstance(m, QMenu) and m.title()),
                        None)
        if names:
            return " → ".join(reversed(names))
    return "Anywhere in the window"


def _in_dialog(action: QAction) -> bool:
    parent = action.parent()
    while parent is not None:
        if isinstance(parent, QDialog):
            return True
        parent = parent.parent()
    return False


def shortcut_rows(window: QMainWindow) -> list[ShortcutRow]:
    """Every action of ``window`` that has a shortcut, by menu then name."""
    rows: dict[tuple[str, str], ShortcutRow] = {}
    for action in window.findChildren(QAction):
        try:
            keys = [k for k in action.shortcuts() if not k.isEmpty()]
        except RuntimeError:  # closed while being listed (a dialog's own actions)
            continue
        if _in_dialog(action):
            continue  # a dialog's own keys (Enter, Esc) are not the window's
        if not keys or action.isSeparator():
            continue
        name = _plain(action.text()) or _plain(action.toolTip()) or action.objectName()
        if name.startswith("Undo ") or name.startswith("Redo "):
            name = name.split(" ", 1)[0]  # "Undo Apply code ‘…’": the label of the moment
        text = ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
        row = ShortcutRow(name, menu_path(action), text)
        rows[(row.place, row.action)] = row
    return sorted(rows.values(), key=lambda r: (_rank(window, r.place), r.place, r.action))


def _rank(window: QMainWindow, place: str) -> int:
    top = place.split(" → ", 1)[0]
    titles = [_plain(a.text()) for a in window.menuBar().actions()]
    return titles.index(top) if top in titles else len(titles)


class ShortcutsDialog(QDialog):
    """A table of every shortcut, with a box that narrows it as you type."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setObjectName("keyboard-shortcuts")
        self.rows = shortcut_rows(window)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Type to find a shortcut (a word or a key)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.narrow)
        self.table = QTableWidget(len(self.rows), 3, self)
        self.table.setHorizontalHeaderLabels(["Action", "In the menu", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for i, row in enumerate(self.rows):
            for j, text in enumerate((row.action, row.place, row.keys)):
                item = QTableWidgetItem(text)
                if j == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, j, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        note = QLabel("Select text in a transcript first for the coding keys. In survey mode, keys 1–9 put the "
                      "pinned codes on the whole answer.", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 720)

    def narrow(self, text: str) -> None:
        wanted = text.casefold().strip()
        for i, row in enumerate(self.rows):
            shown = not wanted or any(wanted in v.casefold() for v in (row.action, row.place, row.keys))
            self.table.setRowHidden(i, not shown)

    def listed(self) -> list[str]:
        """The actions' names as listed (for tests and for reading back)."""
        return [row.action for row in self.rows]
