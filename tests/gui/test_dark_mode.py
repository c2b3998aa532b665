"""Dark mode (Edit → Preferences… → Dark): the workbench's own drawing follows the palette, not fixed light colours."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QPalette

from qualcode.gui.appearance import apply_appearance
from qualcode.gui.widgets.document.line_gutter import LineGutter


@pytest.fixture
def dark(qapp):
    apply_appearance("dark")
    yield
    apply_appearance("light")


def _pixel(widget, x: int, y: int) -> QColor:
    return widget.grab().toImage().pixelColor(x, y)


def test_the_read_only_banner_is_drawn_in_the_palettes_notice_colours(window, dark, qtbot) -> None:
    banner = window.read_only_banner
    banner.setText("Read-only: the folder cannot be written.")
    banner.show()
    qtbot.wait(10)
    assert banner.backgroundRole() == QPalette.ColorRole.ToolTipBase
    assert banner.foregroundRole() == QPalette.ColorRole.ToolTipText
    assert _pixel(banner, 2, 2).lightness() < 100  # dark, not the light yellow it was


def test_the_gutter_and_the_notes_margin_are_dark(window, dark, qtbot) -> None:
    page = window.document_page
    qtbot.wait(10)
    gutter = page.view.findChild(LineGutter)
    assert _pixel(gutter, 1, 1) == page.view.palette().color(QPalette.ColorRole.Window)
    margin = page.notes_margin
    assert margin.width() > 0
    assert _pixel(margin, margin.width() - 2, 1) == margin.palette().color(QPalette.ColorRole.AlternateBase)
    assert margin.palette().color(QPalette.ColorRole.AlternateBase).lightness() < 100


def test_speaker_names_are_light_on_a_dark_page(window, dark) -> None:
    view = window.document_page.view
    block = view.document().findBlockByNumber(0)
    inks = [QColor(r.format.foreground().color()) for r in block.layout().formats() if r.format.fontWeight() > 500]
    assert inks, "the first line starts with a speaker's name"
    ink = inks[0]
    assert ink.lightness() > view.palette().color(QPalette.ColorRole.Base).lightness() + 80
