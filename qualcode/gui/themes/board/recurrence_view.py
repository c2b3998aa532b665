"""The recurrence table: participants × themes, ticks and counts; themes in fewer than half flagged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from qualcode.core.themes.recurrence import RecurrenceTable
from qualcode.gui import tones


class RecurrenceView(QWidget):
    """Follows its source: every move, rename, rejection or link redraws the table.

    ``table`` is where the rows come from — the board as it stands, or the
    project's group themes (:func:`qualcode.core.themes.levels.group_recurrence`);
    ``themes`` is what its rows are called ("group experiential themes").
    """

    def __init__(self, table: Callable[[], RecurrenceTable], changed: SignalInstance | None = None,
                 themes: str = "themes", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source, self.themes = table, themes
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(False)
        layout.addWidget(self.caption)
        layout.addWidget(self.table)
        if changed is not None:
            changed.connect(self.refresh)
        self.refresh()

    def flagged(self) -> list[str]:
        """Themes and sub-themes (not rejected) present in fewer than half the participants."""
        return self.source().flagged()

    def refresh(self) -> None:
        rec = self.source()
        people, rows = rec.participants, rec.rows
        half = rec.threshold * len(people)
        flag = tones.shade("bad")  # "fewer than half", a tone of the palette: readable light or dark
        self.caption.setText(f"<b>Recurrence</b> — {len(people)} participants × {self.themes}; one is kept "
                             f"when present in at least half ({half:g}). <span style='background:{tones.css(flag)}; "
                             f"color:{tones.css(tones.text())}'>&nbsp;Fewer than half&nbsp;</span>")
        self.table.clear()
        self.table.setColumnCount(len(people) + 2)
        first = f"{self.themes[:1].upper()}{self.themes[1:]} / sub-theme"
        self.table.setHorizontalHeaderLabels([first, *people, "Count"])
        # A long first heading in a narrow window is cut at its end ("Group experiential th…"), never its start.
        heading = self.table.horizontalHeaderItem(0)
        heading.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        heading.setToolTip(first)
        self.table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setRowCount(len(rows))
        bold = QFont()
        bold.setBold(True)
        for r, row in enumerate(rows):
            is_theme = not row.parent
            title = row.theme + ("  (rejected)" if row.rejected else "")
            name = QTableWidgetItem(title if is_theme else f"    {title}")
            name.setToolTip(row.theme)
            if is_theme:
                name.setFont(bold)
            cells = [name]
            for person in people:
                tick = QTableWidgetItem("✓" if person in row.participants else "")
                tick.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                cells.append(tick)
            count = QTableWidgetItem(f"{row.count}/{len(people)}")
            count.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            cells.append(count)
            for c, cell in enumerate(cells):
                if row.rejected:
                    cell.setForeground(QBrush(tones.muted_text()))
                elif row.below_threshold:
                    cell.setBackground(QBrush(flag))
                    cell.setForeground(QBrush(tones.text()))
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, len(people) + 2):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.resizeRowsToContents()
