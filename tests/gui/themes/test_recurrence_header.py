"""The recurrence table's first heading is never cut at its start: it fits, or is elided at its end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from qualcode.core.themes.recurrence import RecurrenceRow, RecurrenceTable
from qualcode.gui.themes.board.recurrence_view import RecurrenceView

PEOPLE = tuple(f"P{i:02d}" for i in range(1, 13))


def _view(qtbot, width: int) -> RecurrenceView:
    rows = (RecurrenceRow("a", "Losing the self one knew", None, PEOPLE[:8], False, False),
            RecurrenceRow("b", "Being watched", "a", PEOPLE[:3], False, True))
    table = RecurrenceTable(PEOPLE, 0.5, rows)
    view = RecurrenceView(lambda: table, themes="group experiential themes")
    qtbot.addWidget(view)
    view.resize(width, 300)
    view.show()
    qtbot.waitExposed(view)
    return view


def _shown_heading(view: RecurrenceView) -> str:
    """The first heading as the header draws it in its section (Qt elides with the header's mode)."""
    header = view.table.horizontalHeader()
    text = view.table.horizontalHeaderItem(0).text()
    room = header.sectionSize(0) - 2 * header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMargin) - 2
    return QFontMetrics(header.font()).elidedText(text, header.textElideMode(), room)


def test_a_narrow_table_elides_the_first_heading_at_its_end_with_a_tooltip(qtbot) -> None:
    view = _view(qtbot, 560)  # a laptop's side panel: twelve participants leave the heading little room
    item = view.table.horizontalHeaderItem(0)
    full = "Group experiential themes / sub-theme"
    assert item.text() == full and item.toolTip() == full
    shown = _shown_heading(view)
    assert shown != full, "the heading is too long for this width: it must be elided, not clipped"
    assert shown.endswith("…") and full.startswith(shown[:-1])  # its start is readable
    assert view.table.horizontalHeader().textElideMode() == Qt.TextElideMode.ElideRight
    # Drawn from the left edge: a centred heading wider than its section loses its first letters.
    assert Qt.AlignmentFlag(item.textAlignment()) & Qt.AlignmentFlag.AlignLeft


def test_a_wide_table_shows_the_whole_heading(qtbot) -> None:
    view = _view(qtbot, 1240)
    assert _shown_heading(view) == "Group experiential themes / sub-theme"
