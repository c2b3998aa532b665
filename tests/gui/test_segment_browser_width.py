"""The Segments panel shows the extracts themselves on a 1280×720 laptop (they were pushed out of sight)."""

from __future__ import annotations

from gui_helpers import select_text

from qualcode.gui.widgets.segment_browser import CODE, CODE_WIDTH, CODER, EXTRACT, WIDE_ENOUGH_FOR_CODES


def _fits(browser) -> bool:
    table = browser.table
    header = table.horizontalHeader()
    right = max(header.sectionViewportPosition(c) + header.sectionSize(c)
                for c in range(5) if not table.isColumnHidden(c))
    return right <= table.viewport().width() + 1


def test_one_codes_segments_show_their_words_not_its_name_again(window, codes, qtbot) -> None:
    window.resize(1280, 720)
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    browser = window.segment_browser
    browser.show_code(codes["production"])
    qtbot.waitUntil(lambda: browser.model.rowCount() == 1)
    table = browser.table
    assert table.isColumnHidden(CODE) and table.isColumnHidden(CODER)  # the title names the code; one coder
    assert not table.isColumnHidden(EXTRACT)
    assert _fits(browser)
    assert table.horizontalHeader().sectionSize(EXTRACT) >= table.viewport().width() // 2


def test_a_themes_segments_name_each_code_without_crowding_out_the_words(window, codes, qtbot) -> None:
    from PySide6.QtCore import Qt

    window.resize(1280, 720)
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "I’m not sure I’m any good at this any more — it’s relentless")
    window.coding.apply_code(codes["relentless"])
    browser = window.segment_browser
    browser.show_code(codes["work"])  # the theme: both codes below it
    qtbot.waitUntil(lambda: browser.model.rowCount() == 2)
    table = browser.table
    # A laptop's narrow panel: the words, with each row's code in its tooltip.
    assert table.viewport().width() < WIDE_ENOUGH_FOR_CODES
    assert table.isColumnHidden(CODE) and _fits(browser)
    assert "Production line" in browser.model.index(0, EXTRACT).data(Qt.ItemDataRole.ToolTipRole)
    # Widened, the panel names each row's code too, in a column that leaves the words room.
    window.resizeDocks([window.panels["segments"]], [560], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: not table.isColumnHidden(CODE))
    assert table.horizontalHeader().sectionSize(CODE) <= CODE_WIDTH
    assert _fits(browser)
    assert table.horizontalHeader().sectionSize(EXTRACT) >= table.viewport().width() * 0.3

