"""Other participants' personal themes, beside one participant's board — shown only when asked.

IPA brackets what was found in other cases while working on this one, so the
board at the personal level shows only this participant's statements; the
researcher may tick to look at the others' PETs (read-only, for reference).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from qualcode.core.themes.idiographic import other_cases
from qualcode.core.themes.terms import Terms


class OtherCasesView(QWidget):
    """Participant → PET → statements, for every participant but the board's own."""

    def __init__(self, project, participant: str | None, words: Terms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("other-cases")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        cases = other_cases(project, participant)
        caption = QLabel(f"<b>Other participants’ {words.personal_themes}</b> — for reference; this board "
                         f"groups only {participant}’s {words.statements}.")
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        for case in cases:
            top = QTreeWidgetItem([f"{case.participant} ({len(case.themes)})"])
            for name, statements in case.themes:
                pet = QTreeWidgetItem([name])
                pet.addChildren([QTreeWidgetItem([s]) for s in statements])
                top.addChild(pet)
            self.tree.addTopLevelItem(top)
            top.setExpanded(True)
        if not cases:
            self.tree.addTopLevelItem(QTreeWidgetItem([f"No other participant has {words.personal_themes} yet."]))
        layout.addWidget(self.tree, 1)

    def participants(self) -> list[str]:
        """Whose themes are shown (tests and screen readers read this)."""
        return [self.tree.topLevelItem(i).text(0).rsplit(" (", 1)[0] for i in range(self.tree.topLevelItemCount())
                if self.tree.topLevelItem(i).childCount()]
