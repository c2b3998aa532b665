"""Place a later participant's personal themes under the group themes already there, one click each.

For each PET in no GET yet, the three most alike places (a GET, or one of
its sub-themes) are buttons; a click links the PET there as an undoable
step (Edit → Undo takes the link away).  The project's recurrence table —
participants × GETs through their PETs, the one rule in
:mod:`qualcode.core.themes.recurrence` — sits beside them and follows every
link.  Nothing is linked for the researcher.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qualcode.core.themes.levels import group_recurrence, statements_under
from qualcode.core.themes.placement import LinkPersonalTheme, Placement, placed_under
from qualcode.core.themes.terms import terms_of
from qualcode.gui import tones
from qualcode.gui.mnemonics import as_written
from qualcode.gui.themes.board.recurrence_view import RecurrenceView


class PlacementDialog(QDialog):
    """One row per unplaced PET: its participant, its statements (tooltip) and three places to link it to."""

    linked = Signal()  # a link was made or undone: the recurrence table redraws

    def __init__(self, session, placements: list[Placement], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.project = session, session.project
        self.placements = placements
        self.words = w = terms_of(self.project)
        self.setWindowTitle(f"Place {w.personal_themes} under {w.group_themes}")
        self.buttons: dict[tuple[int, int], QPushButton] = {}  # (PET, place) → its button
        self.states: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{len(placements)} {w.personal_themes if len(placements) != 1 else w.personal_theme} "
                       f"in no {w.group_theme} yet.</b> The three most alike places for each (cosine to the "
                       f"{w.personal_themes} already there); a click links it — nothing moves, and Edit → Undo "
                       "takes the link away.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        rows = QWidget()
        column = QVBoxLayout(rows)
        for placement in placements:
            column.addWidget(self._row(placement))
        if not placements:
            column.addWidget(QLabel(f"Every {w.personal_theme} is in a {w.group_theme}."))
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        split.addWidget(scroll)
        self.recurrence = RecurrenceView(lambda: group_recurrence(self.project), self.linked, w.group_themes)
        split.addWidget(self.recurrence)
        split.setSizes([560, 520])
        layout.addWidget(split, 1)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setStyleSheet(tones.muted_style())
        layout.addWidget(self.status)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        session.codesChanged.connect(self.refresh)  # an undo from the Edit menu shows here too
        self.refresh()

    def _row(self, placement: Placement) -> QFrame:
        box = QFrame()
        box.setObjectName(f"pet-{placement.personal_id}")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(box)
        who = f" — {placement.participant}" if placement.participant else ""
        title = QLabel(f"<b>{placement.personal_theme}</b>{who}")
        statements = [c.name for c in statements_under(self.project, placement.personal_id)]
        title.setToolTip(f"{self.words.statements.capitalize()}:\n" + "\n".join(statements))
        title.setWordWrap(True)
        v.addWidget(title)
        state = QLabel()
        state.setStyleSheet(f"color: {tones.css(tones.ink('good'))};")
        state.setWordWrap(True)
        self.states[placement.personal_id] = state
        v.addWidget(state)
        buttons = QVBoxLayout()  # one place a line: GET › sub-theme names are long
        for place in placement.places:
            name = place.name if len(place.name) <= 72 else place.name[:71].rstrip() + "…"
            button = QPushButton(f"{place.score:.2f}  ·  {as_written(name)}")  # the score first: a long name is cut, not it
            button.setStyleSheet("text-align: left; padding: 3px 8px;")
            button.setMinimumHeight(button.fontMetrics().height() + 12)
            button.setToolTip(f"Link ‘{placement.personal_theme}’ to ‘{place.name}’ (undoable)")
            button.clicked.connect(lambda _=False, p=placement.personal_id, g=place.code_id: self.link(p, g))
            self.buttons[(placement.personal_id, place.code_id)] = button
            buttons.addWidget(button)
        if not placement.places:
            buttons.addWidget(QLabel(f"No {self.words.group_theme} to place it under."))
        v.addLayout(buttons)
        return box

    def link(self, personal_id: int, place_id: int) -> bool:
        """What a click does: link the PET there through the undo stack."""
        command = LinkPersonalTheme(place_id, personal_id)
        done = self.session.run(command)
        self.status.setText(f"{command.label} — Edit → Undo takes it away." if done else "Not linked.")
        self.refresh()
        return done

    def refresh(self) -> None:
        """Which PETs are linked where now (after a click, or an undo or redo from the Edit menu)."""
        names = {p.code_id: p.name for pl in self.placements for p in pl.places}
        now = placed_under(self.project, [p.personal_id for p in self.placements])
        for (pet, place), button in self.buttons.items():
            button.setEnabled(place not in now.get(pet, []))
            button.setText(("✓ " if place in now.get(pet, []) else "") + button.text().removeprefix("✓ "))
        for pet, label in self.states.items():
            where = [names.get(g, "a group theme") for g in now.get(pet, [])]
            label.setText(f"✓ in {', '.join(f'‘{n}’' for n in where)}" if where else "")
            label.setVisible(bool(where))
        self.linked.emit()
