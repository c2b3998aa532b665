"""The theme board window at either IPA level: board (with recurrence across participants), map, Accept."""

from __future__ import annotations

from collections.abc import Hashable

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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
from qualcode.core.themes.terms import Terms, terms_of
from qualcode.gui import tones
from qualcode.gui.themes.board.other_cases import OtherCasesView
from qualcode.gui.themes.board.recurrence_view import RecurrenceView
from qualcode.gui.themes.board.signals import ThemeBoardModel
from qualcode.gui.themes.board.theme_map import ThemeMapView
from qualcode.gui.themes.board.view import ThemeBoardView


def _cap(words: str) -> str:
    return words[:1].upper() + words[1:]


def level_title(model: ThemeBoard, words: Terms) -> str:
    """What the board groups into what, in the project's terms: the heading of the window."""
    if model.mode == Clustered.PERSONAL_THEMES:
        return _cap(words.group_themes)
    if model.mode == Clustered.STATEMENTS:
        return f"{_cap(words.personal_themes)} for {model.case}"
    return "Suggested themes"


class ThemeBoardDialog(QDialog):
    """Edit a suggestion and accept it as one undoable step; nothing changes before Accept.

    At the personal level (one participant's statements into their PETs) it
    shows only that participant's material, and others' PETs when ticked; at
    the group level (every PET into GETs) the recurrence table sits beside the
    board and follows every edit.
    """

    def __init__(self, session, data: dict, vectors: dict[Hashable, np.ndarray] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.words = terms_of(session.project)
        self.model = ThemeBoard(data, vectors)  # Qt-free: what the board shows and every edit
        self.board_model = ThemeBoardModel(self.model, self)  # its changes as a Qt signal
        self.accepted_command: AcceptSuggestion | None = None
        self.setWindowTitle(f"Theme board — {level_title(self.model, self.words)}")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.summary = QLabel(self._summary())
        self.summary.setWordWrap(True)
        top.addWidget(self.summary, 1)
        self.show_others: QCheckBox | None = None
        self.others: OtherCasesView | None = None
        if self.model.mode == Clustered.STATEMENTS:
            self.show_others = QCheckBox(f"Show other participants’ {self.words.personal_themes}")
            self.show_others.setObjectName("show-others")
            self.show_others.setToolTip(f"Only {self.model.case}’s material is on this board; tick to look at the "
                                        "others’ themes beside it (for reference — they are not changed)")
            self.show_others.toggled.connect(self._toggle_others)
            top.addWidget(self.show_others)
        new_theme = QPushButton("New theme")
        new_theme.setToolTip("An empty theme to drag sub-themes or cards into")
        new_theme.clicked.connect(self._new_theme)
        top.addWidget(new_theme)
        layout.addLayout(top)
        self.board = ThemeBoardView(self.board_model)
        self.board.message.connect(self._say)
        self.map = ThemeMapView(self.board_model)
        self.map.cardClicked.connect(self.show_card)
        self.recurrence: RecurrenceView | None = None
        self.tabs = QTabWidget()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.board)
        if self.model.cross_case:
            themes = self.words.group_themes if self.model.mode == Clustered.PERSONAL_THEMES else "themes"
            self.recurrence = RecurrenceView(self.model.recurrence, self.board_model.changed, themes)
            self.split.addWidget(self.recurrence)
            self.split.setStretchFactor(0, 3)
            self.split.setStretchFactor(1, 2)
            self.split.setSizes([900, 520])
        self.tabs.addTab(self.split, "Board")
        self.tabs.addTab(self.map, "Map")
        layout.addWidget(self.tabs, 1)
        self.status = QLabel("Drag cards between sub-themes; click a name to rename; ⋯ to split, merge or reject. "
                             "Hover a card to see why it is there.")
        self.status.setStyleSheet(tones.muted_style())
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QDialogButtonBox()
        self.accept_button = buttons.addButton("Accept themes", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = buttons.addButton("Discard", QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setToolTip(self._accept_tip())
        self.accept_button.clicked.connect(self.apply)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self.edited = False
        self.board_model.changed.connect(self._on_changed)

    def _accept_tip(self) -> str:
        w, mode = self.words, self.model.mode
        if mode == Clustered.STATEMENTS:
            return (f"Create {self.model.case}’s {w.personal_themes} and place their {w.statements} in them "
                    "(one step you can undo)")
        if mode == Clustered.PERSONAL_THEMES:
            return (f"Create the {w.group_themes} and link the {w.personal_themes} to them — no "
                    f"{w.personal_theme} or {w.statement} moves (one step you can undo)")
        return "Create these themes in the project (one step you can undo)"

    def _toggle_others(self, shown: bool) -> None:
        """Others' PETs beside the board, only while ticked (built afresh: the project may have changed)."""
        if self.others is not None:
            self.others.hide()
            self.others.deleteLater()
            self.others = None
        if shown:
            self.others = OtherCasesView(self.session.project, self.model.case, self.words)
            self.split.addWidget(self.others)
            self.split.setSizes([900, 380])

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
        m, w = self.model, self.words
        scope = m.scope
        themes_word = ("superordinate theme", "superordinate themes")
        if m.mode == Clustered.STATEMENTS:
            where, themes_word = f"{m.case}’s {w.statements}", (w.personal_theme, w.personal_themes)
        elif m.mode == Clustered.PERSONAL_THEMES:
            where = f"the {w.personal_themes} of {len(m.participants())} participants"
            themes_word = (w.group_theme, w.group_themes)
        elif m.mode == Clustered.EMERGENT:
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
        text = (f"<b>{level_title(m, w)}</b> · suggested from {where} · {len(m.cards())} items · "
                f"{len(themes)} {themes_word[len(themes) != 1]}, {len(subs)} sub-theme{'s' * (len(subs) != 1)}"
                + (f" · {left} unclustered" if left else "")
                + f"<br><span style='color:{tones.css(tones.muted_text())}'>Similarity: {m.backend}. "
                "These are suggestions — the project changes only when you accept.</span>")
        return text

    def show_card(self, uid: int) -> None:
        """From the map to the card on the board."""
        self.tabs.setCurrentIndex(0)
        self.board.show_card(uid)
        card = self.model.item(uid)
        self._say(f"‘{card.id if self.model.mode.is_ipa else card.citation}’ "
                  f"is in ‘{self.model.group_of(uid).label}’.")

    def _say(self, message: str) -> None:
        self.status.setText(message)

    def _new_theme(self) -> None:
        theme = self.model.new_theme()
        self.model.add_subtheme(theme)
        self._say("New theme with an empty sub-theme: drag cards into it, or move a sub-theme here (⋯).")

    def _already_placed(self, data: dict) -> list[tuple[str, str]]:
        """Statements on the board that already sit under a theme: (name, its parent)."""
        if self.model.mode not in (Clustered.EMERGENT, Clustered.STATEMENTS):
            return []
        codes = {c.id: c for c in self.session.project.codes.list()}
        placed = {c.name: codes[c.parent_id].name for c in codes.values()
                  if c.role == CodeRole.EMERGENT and c.parent_id in codes}
        names = [str(i["id"]) for c in data["clusters"] if c.get("parent_key") and not c.get("rejected")
                 for i in c["items"]]
        return [(n, placed[n]) for n in names if n in placed]

    def _statements_word(self) -> str:
        return self.words.statements if self.model.mode == Clustered.STATEMENTS else "emergent themes"

    def apply(self) -> bool:
        """Accept the edited suggestion through the undo stack."""
        data = self.model.accept_data()
        placed = self._already_placed(data)
        if placed:
            name, parent = placed[0]
            answer = QMessageBox.question(
                self, f"Move {self._statements_word()}?",
                f"{len(placed)} of these {self._statements_word()} already sit under themes (e.g. ‘{name}’ under "
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
