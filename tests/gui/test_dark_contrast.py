"""Dark mode: text on the colours that carry meaning stays readable (WCAG contrast ≥ 4.5).

Each check switches the running application to dark (as Edit → Preferences →
Appearance does) and measures what the widget draws or is told to draw.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPalette

from qualcode.core.import_plans import FileResult
from qualcode.gui.appearance import apply_appearance
from qualcode.gui.tones import contrast

READABLE = 4.5


@pytest.fixture
def dark(qapp):
    apply_appearance("dark")
    yield
    apply_appearance("light")


def _css_colours(style: str) -> dict[str, QColor]:
    """``background`` and ``color`` from a style sheet or a span's style attribute."""
    found = dict(re.findall(r"(background|(?<![-\w])color)\s*:\s*(#[0-9a-fA-F]{6})", style))
    return {k: QColor(v) for k, v in found.items()}


def _strongest(image: QImage, rect: QRect, against: QColor) -> float:
    """The highest contrast any pixel in ``rect`` has with ``against`` (the core of a letter's stroke)."""
    best = 1.0
    for x in range(rect.left(), rect.right() + 1):
        for y in range(rect.top(), rect.bottom() + 1):
            best = max(best, contrast(image.pixelColor(x, y), against))
    return best


def test_the_survey_tables_selected_row_and_code_chips_read_in_dark(survey_window, qtbot) -> None:
    view = survey_window.survey_view
    view.go_to(1)
    assert view.toggle_key(1)  # answer 2 gets a chip (not selected)
    view.go_to(0)
    assert view.toggle_key(1)  # answer 1 gets one too and stays selected
    apply_appearance("dark")  # switched while the window is open, as from Preferences
    try:
        qtbot.wait(20)
        model, table = view.model, view.table
        image = table.viewport().grab().toImage()
        scale = image.devicePixelRatio()
        assert scale == 1
        # The selected row: a dark calm highlight, the answer's text light on it.
        answer = table.visualRect(model.index(0, model.answer_column))
        ground = image.pixelColor(answer.right() - 3, answer.bottom() - 3)
        assert ground.lightness() < 110, f"the selected row is {ground.name()} in a dark window"
        assert _strongest(image, answer.adjusted(2, 2, -2, -2), ground) >= READABLE
        # The chips' labels in the Codes column, selected row and not.
        metrics = QFontMetrics(table.font())
        for row in (0, 1):
            cell = table.visualRect(model.index(row, model.codes_column))
            chip = QRect(cell.left() + 4, cell.top() + 4, metrics.horizontalAdvance("1 Staffing") + 12,
                         metrics.height() + 4)
            fill = image.pixelColor(chip.left() + 3, chip.center().y())
            inside = chip.adjusted(6, 3, -6, -3)  # the label, not the chip's coloured border
            assert _strongest(image, inside, fill) >= READABLE, f"row {row + 1}'s code label is faint"
    finally:
        apply_appearance("light")


def test_the_code_filter_notice_reads_in_dark(window, dark, codes) -> None:
    page = window.document_page
    page.set_visible_codes({codes["production"]})
    html = page.header.text()
    notice = re.search(r"<span style='(background:[^']*)'>&nbsp;showing one code only", html)
    assert notice, html
    colours = _css_colours(notice.group(1))
    assert colours["background"].lightness() < 128  # not the pale yellow of a light window
    assert contrast(colours["background"], colours["color"]) >= READABLE
    window_colour = page.palette().color(QPalette.ColorRole.Window)
    for muted in re.findall(r"color:(#[0-9a-fA-F]{6})'>· ", html):  # the counts beside the name
        assert contrast(QColor(muted), window_colour) >= READABLE


def test_refused_and_cancelled_import_rows_read_in_dark(qtbot, dark) -> None:
    from qualcode.gui.importing.report_dialog import ImportReportDialog

    dialog = ImportReportDialog([FileResult("/d/a.docx", False, "a.docx: not a Word file"),
                                 FileResult("/d/b.docx", False, "b.docx: cancelled", cancelled=True),
                                 FileResult("/d/c.docx", True, "c.docx: imported")])
    qtbot.addWidget(dialog)
    for row in range(2):
        item = dialog.table.item(row, 2)
        background, ink = item.background().color(), item.foreground().color()
        assert background.lightness() < 128, item.text()
        assert contrast(background, ink) >= READABLE, item.text()


def test_the_pseudonymise_warning_reads_in_dark(dark) -> None:
    from qualcode.gui.importing import pseudonymise_dialog
    from qualcode.gui.tones import notice_style

    assert "tones.notice_style()" in Path(pseudonymise_dialog.__file__).read_text(encoding="utf-8")
    colours = _css_colours(notice_style())
    assert colours["background"].lightness() < 128
    assert contrast(colours["background"], colours["color"]) >= READABLE


def test_agreement_readings_read_in_dark(dark) -> None:
    from qualcode.gui.models.agreement_table_model import AgreementTableModel

    model = AgreementTableModel()
    model._rows = [type("Row", (), {"reading": r, "overall": False})() for r in  # only the reading is read
                   ("good", "tentative", "weak", "not computable")]
    for row in range(4):
        index = model.index(row, 5)
        background = model.data(index, Qt.ItemDataRole.BackgroundRole).color()
        ink = model.data(index, Qt.ItemDataRole.ForegroundRole).color()
        assert background.lightness() < 128
        assert contrast(background, ink) >= READABLE


def test_reliability_panels_and_the_units_shade_read_in_dark(dark) -> None:
    from qualcode.gui.reliability.side_by_side import _marked
    from qualcode.gui.tones import panel_style

    for style in (panel_style(8), _marked("the unit", [2] * 8, "#f2c14e")):
        colours = _css_colours(style)
        assert colours["background"].lightness() < 128, style
        assert contrast(colours["background"], colours["color"]) >= READABLE, style


def test_the_recurrence_tables_flagged_rows_read_in_dark(qtbot, dark) -> None:
    from qualcode.core.themes.recurrence import RecurrenceRow, RecurrenceTable
    from qualcode.gui.themes.board.recurrence_view import RecurrenceView

    table = RecurrenceTable(("P1", "P2", "P3"), 0.5, (RecurrenceRow("a", "Alone", None, ("P1",), False, True),))
    view = RecurrenceView(lambda: table)
    qtbot.addWidget(view)
    cell = view.table.item(0, 0)
    assert contrast(cell.background().color(), cell.foreground().color()) >= READABLE


def test_theme_board_cards_and_map_read_in_dark(dark) -> None:
    """The board's cards were light slips with dark text, and the map a light page, in a dark window."""
    from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem

    from qualcode.gui.themes.board.cards import card_style

    style = card_style()
    item, selected = style.split("QListWidget::item {")[1], style.split("QListWidget::item:selected {")[1]
    for block in (item, selected):
        colours = _css_colours(block.split("}")[0])
        assert contrast(colours["color"], colours["background"]) >= READABLE, block
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert contrast(_css_colours(item)["background"], window) < 2  # a dark slip on a dark board, not a light patch

    import numpy as np

    from qualcode.core.themes.board import ThemeBoard
    from qualcode.gui.themes.board.signals import ThemeBoardModel
    from qualcode.gui.themes.board.theme_map import ThemeMapView

    board = ThemeBoard({"mode": "answers", "clusters": [
        {"key": "T1", "label": "Money", "parent": None, "parent_key": None, "items": []},
        {"key": "T1.1", "label": "Pay", "parent": "Money", "parent_key": "T1",
         "items": [{"id": "1", "text": "more pay"}, {"id": "2", "text": "pay rise"}]},
        {"key": "T1.2", "label": "Time", "parent": "Money", "parent_key": "T1",
         "items": [{"id": "3", "text": "less time"}, {"id": "4", "text": "no time"}]}]},
        {"1": np.array([1.0, 0.0, 0.1]), "2": np.array([0.9, 0.1, 0.0]),
         "3": np.array([0.0, 1.0, 0.2]), "4": np.array([0.1, 0.9, 0.0])})
    view = ThemeMapView(ThemeBoardModel(board))
    ground = view.backgroundBrush().color()
    texts = [i for i in view.scene().items() if isinstance(i, QGraphicsSimpleTextItem)]
    assert texts and contrast(ground, window) < 2
    for text in texts:
        assert contrast(text.brush().color(), ground) >= READABLE, text.text()
