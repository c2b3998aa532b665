"""The theme board window: board (with recurrence when across participants), map, Accept."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.model import CodeRole
from qualcode.core.themes.accept import AcceptError, AcceptSuggestion
from qualcode.core.themes.board import ThemeBoard
from qualcode.core.themes.clustered import Clustered
from qualcode.gui.themes.board.recurrence_view import RecurrenceView
from qualcode.gui.themes.board.signals import ThemeBoardModel
from qualcode.gui.themes.board.theme_map import ThemeMapView
from qualcode.gui.themes.board.view import ThemeBoardView


class ThemeBoardDialog(QDialog):
    """Edit a suggestion and accept it as one undoable step; nothing changes before Accept."""

    def __init__(self, session, data: dict, vectors: dict[Hashable, np.ndarray] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = ThemeBoard(data, vectors)  # Qt-free: what the board shows and every edit
        self.board_model = ThemeBoardModel(self.model, self)  # its changes as a Qt signal
        self.accepted_command: AcceptSuggestion | None = None
        self.setWindowTitle("Theme board — suggested themes")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        new_theme = QPushButton("New theme")
        new_theme.setToolTip("An empty superordinate theme to drag sub-themes or cards into")
        new_theme.clicked.connect(self._new_theme)
        top.addWidget(new_theme)
        layout.addLayout(top)
        self.board = ThemeBoardView(self.board_model)
        self.board.message.connect(self._say)
        self.map = ThemeMapView(self.board_model)
        self.map.cardClicked.connect(self.show_card)
        self.recurrence: RecurrenceView | None = None
        self.tabs = QTabWidget()
        if self.model.cross_case:
            split = QSplitter(Qt.Orientation.Horizontal)
            self.recurrence = RecurrenceView(self.board_model)
            split.addWidget(self.board)
            split.addWidget(self.recurrence)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setSizes([900, 520])
            self.tabs.addTab(split, "Board")
        else:
            self.tabs.addTab(self.board, "Board")
        self.tabs.addTab(self.map, "Map")
        layout.addWidget(self.tabs, 1)
        self.status = QLabel("Drag cards between sub-themes; click a name to rename; ⋯ to split, merge or reject. "
                             "Hover a card to see why it is there.")
        self.status.setStyleSheet("color: #555;")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton("Accept themes", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Discard", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setToolTip("Create these themes in the project (one step you can undo)")
        self.accept_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.edited = False
        self.board_model.changed.connect(self._on_changed)

    def _on_changed(self) -> None:
        self.edited = True
        self.summary.setText(self._summary())

    def reject(self) -> None:
        """Discard, Esc or the close box: ask first when the researcher has edited the board."""
        if self.edited and self.accepted_command is None:
            answer = QMessageBox.question(self, "Discard the theme board?",
                                          "Your edits to these suggested themes will be lost. Nothing has "
                                          "changed in the project.",
                                          QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                          QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def _summary(self) -> str:
        m = self.model
        scope = m.scope
        if m.mode == Clustered.EMERGENT:
            where = f"{scope['participant']}’s emergent themes" if scope.get("participant") \
                else f"emergent themes across {len(m.participants())} participants"
        elif m.mode == Clustered.SEGMENTS:
            where = f"segments of ‘{scope.get('code')}’"
        else:
            where = f"answers to ‘{scope.get('question')}’" + (" (uncoded only)" if scope.get("uncoded_only") else "")
        themes = [t for t in m.themes() if not t.rejected]
        subs = [s for s in m.all_subthemes() if not m.is_rejected(s)]
        unclustered = m.unclustered()
        left = len(unclustered.cards) if unclustered is not None else 0
        text = (f"<b>Suggested from {where}</b> · {len(m.cards())} items · {len(themes)} superordinate themes, "
                f"{len(subs)} sub-themes" + (f" · {left} unclustered" if left else "")
                + f"<br><span style='color:#666'>Similarity: {m.backend}. "
                "These are suggestions — the project changes only when you accept.</span>")
        return text

    def show_card(self, uid: int) -> None:
        """From the map to the card on the board."""
        self.tabs.setCurrentIndex(0)
        self.board.show_card(uid)
        card = self.model.item(uid)
        self._say(f"‘{card.id if self.model.mode == Clustered.EMERGENT else card.citation}’ "
                  f"is in ‘{self.model.group_of(uid).label}’.")

    def _say(self, message: str) -> None:
        self.status.setText(message)

    def _new_theme(self) -> None:
        theme = self.model.new_theme()
        self.model.add_subtheme(theme)
        self._say("New theme with an empty sub-theme: drag cards into it, or move a sub-theme here (⋯).")

    def _already_placed(self, data: dict) -> list[tuple[str, str]]:
        """Emergent themes on the board that already sit under a theme: (name, its parent)."""
        if self.model.mode != Clustered.EMERGENT:
            return []
        codes = {c.id: c for c in self.session.project.codes.list()}
        placed = {c.name: codes[c.parent_id].name for c in codes.values()
                  if c.role == CodeRole.EMERGENT and c.parent_id in codes}
        names = [str(i["id"]) for c in data["clusters"] if c.get("parent_key") and not c.get("rejected")
                 for i in c["items"]]
        return [(n, placed[n]) for n in names if n in placed]

    def apply(self) -> bool:
        """Accept the edited suggestion through the undo stack."""
        data = self.model.accept_data()
        placed = self._already_placed(data)
        if placed:
            name, parent = placed[0]
            answer = QMessageBox.question(
                self, "Move emergent themes?",
                f"{len(placed)} of these emergent themes already sit under themes (e.g. ‘{name}’ under "
                f"‘{parent}’, perhaps from one participant’s table). Accepting moves them under the new "
                "themes; Edit → Undo puts them back.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                self._say("Nothing accepted.")
                return False
        command = AcceptSuggestion(data, allow_moves=bool(placed))
        try:
            done = self.session.run(command)
        except AcceptError as exc:  # nothing was written: accept is one transaction
            self._say(f"Could not accept: {exc}")
            return False
        if done:
            self.accepted_command = command
            record = command.record
            self._say(f"Accepted: {record.summary if record else ''}. Edit → Undo puts everything back.")
            self.accept()
            return True
        self._say("Could not accept — see the status bar.")
        return False
