"""A later participant's PETs under the existing GETs: three suggested places each, one click to link, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from qualcode.core.themes import levels
from qualcode.gui.menus.analysis_menu import open_suggest_themes
from qualcode.gui.workers import ImmediatePool


def test_click_a_suggested_place_links_the_pet_and_undo_takes_it_away(ipa_window, two_levels, qtbot) -> None:
    built = {}
    win = ipa_window(lambda p: built.update(two_levels.with_group_themes(p)))
    project = win.session.project
    lee = built["pets"]["Lee"]
    numbers_get, numbers_sub = built["gets"]["Numbers"]
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    place = dialog.scope.checkedButton()
    assert place.objectName() == "place"  # Lee's PETs are waiting: that is where the analysis stands
    assert place.text() == ("Place 2 personal experiential themes not yet in a group experiential theme under the "
                            "existing group experiential themes")
    dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))
    dialog.start()
    placing = win.placement_dialog
    assert {p.personal_id for p in placing.placements} == set(lee.values())
    numbers = next(p for p in placing.placements if p.personal_id == lee["Numbers"])
    assert 1 <= len(numbers.places) <= 3 and numbers.places[0].code_id == numbers_sub
    button = placing.buttons[(lee["Numbers"], numbers_sub)]
    assert button.text().endswith("·  Performance culture › Targets before people")
    table = placing.recurrence.table
    lee_column = next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == "Lee")

    def numbers_row_tick() -> str:
        row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().strip() == "Performance culture")
        return table.item(row, lee_column).text()

    assert numbers_row_tick() == ""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert lee["Numbers"] in levels.links(project)[numbers_sub]
    assert not button.isEnabled() and numbers_row_tick() == "✓"
    assert "Undo" in win.actions.undo.text() and "Lee: the numbers" in win.actions.undo.text()
    assert levels.group_recurrence(project).row(str(numbers_get)).participants == ("Lee", "Maya", "Tom")

    win.session.undo_last()
    assert lee["Numbers"] not in levels.links(project)[numbers_sub]
    assert button.isEnabled() and numbers_row_tick() == ""
