"""The code tree: reparent by drag, merge, rename in place, colour, codebook entry, counts, filter."""

from __future__ import annotations

import json

import pytest
from gui_helpers import select_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from qualcode.core.model import CodeRole
from qualcode.gui.dialogs.code_details_dialog import CodeDetailsDialog
from qualcode.gui.dialogs.quick_code_dialog import QuickCodeDialog
from qualcode.gui.models.code_tree_model import CODE_MIME

pytestmark = pytest.mark.gui


def drag_code(window, code_id: int, onto: int | None) -> bool:
    panel = window.code_panel
    mime = panel.proxy.mimeData([panel.proxy_index(code_id)])
    assert json.loads(bytes(mime.data(CODE_MIME)).decode()) == [code_id]
    target = panel.proxy_index(onto) if onto is not None else panel.tree.rootIndex()
    return panel.proxy.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)


def test_dragging_a_code_onto_another_reparents_it(window, codes):
    assert drag_code(window, codes["supervision"], codes["numbers"])
    project = window.session.project
    assert project.codes.get(codes["supervision"]).parent_id == codes["numbers"]
    model = window.code_panel.model
    index = model.index_of(codes["supervision"])
    assert model.code_at(index.parent()).id == codes["numbers"]
    assert window.code_panel.tree.isExpanded(window.code_panel.proxy_index(codes["numbers"]))
    assert window.actions.undo.text() == "&Undo Move “Supervision”"
    window.actions.undo.trigger()
    assert project.codes.get(codes["supervision"]).parent_id == codes["held"]


def test_a_code_cannot_go_inside_its_own_sub_code(window, codes):
    assert not drag_code(window, codes["work"], codes["production"])
    assert "cannot go inside itself" in window.statusBar().currentMessage()
    assert window.session.project.codes.get(codes["work"]).parent_id is None


def test_dropping_on_empty_space_moves_a_code_to_the_top_level(window, codes):
    assert drag_code(window, codes["production"], None)
    assert window.session.project.codes.get(codes["production"]).parent_id is None


def test_merge_through_the_menu_moves_every_segment(window, codes, qtbot):
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "relentless")
    window.coding.apply_code(codes["relentless"])
    menu = window.code_panel.build_menu(window.session.code(codes["relentless"]))
    next(a for a in menu.actions() if a.text() == "Merge into…").trigger()
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QuickCodeDialog)
    qtbot.keyClicks(dialog.edit, "Production")
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    project = window.session.project
    assert project.codes.find("Relentless pace") is None
    assert {c.code_id for c in project.coding.for_document(window.document_page.document_id)} == {codes["production"]}
    assert window.code_panel.model.counts(codes["production"]).segments == 2
    assert window.actions.undo.text() == "&Undo Merge “Relentless pace” into “Production line”"
    window.actions.undo.trigger()
    assert project.codes.find("Relentless pace") is not None


def test_rename_in_place(window, codes, qtbot):
    panel = window.code_panel
    panel.select_code(codes["production"])
    panel.tree.setFocus()
    qtbot.keyClick(panel.tree, Qt.Key.Key_F2)
    editor = panel.tree.findChild(QLineEdit)
    assert editor is not None and editor.text() == "Production line"
    editor.selectAll()
    qtbot.keyClicks(editor, "Conveyor belt")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: window.session.project.codes.get(codes["production"]).name == "Conveyor belt")
    assert panel.model.index_of(codes["production"]).data() == "Conveyor belt"


def test_a_clashing_name_is_refused_and_said(window, codes):
    model = window.code_panel.model
    assert not model.setData(model.index_of(codes["relentless"]), "numbers before people")
    assert window.session.project.codes.get(codes["relentless"]).name == "Relentless pace"
    assert "already exists" in window.statusBar().currentMessage()


def test_colour_from_the_menu_repaints_the_spans(window, codes):
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    menu = window.code_panel.build_menu(window.session.code(codes["production"]))
    colours = next(a.menu() for a in menu.actions() if a.text() == "Colour")
    next(a for a in colours.actions() if a.text() == "Red").trigger()
    assert window.session.project.codes.get(codes["production"]).colour == "#e15759"
    assert [s.colour for s in window.document_page.view.spans()] == ["#e15759"]


def test_the_codebook_entry_editor(window, codes):
    dialog = window.actions.open_code_details(codes["production"])
    assert isinstance(dialog, CodeDetailsDialog)
    dialog.fields["description"].setPlainText("Care experienced as factory work.")
    dialog.fields["inclusion"].setPlainText("Metaphors of lines, belts, throughput.")
    dialog.fields["example"].setPlainText("It feels like a production line.")
    dialog.accept()
    code = window.session.project.codes.get(codes["production"])
    assert code.description == "Care experienced as factory work."
    assert code.inclusion.startswith("Metaphors") and code.exclusion == ""
    assert "Care experienced" in window.code_panel.model.index_of(code.id).data(Qt.ItemDataRole.ToolTipRole)


def test_role_change_is_undoable(window, codes):
    menu = window.code_panel.build_menu(window.session.code(codes["relentless"]))
    roles = next(a.menu() for a in menu.actions() if a.text() == "Make it a")
    next(a for a in roles.actions() if a.text() == "Sub-theme").trigger()
    assert window.session.project.codes.get(codes["relentless"]).role == CodeRole.SUBTHEME
    window.actions.undo.trigger()
    assert window.session.project.codes.get(codes["relentless"]).role == CodeRole.CODE


def test_counts_of_segments_and_participants_refresh_without_a_rebuild(window, codes, qtbot):
    model = window.code_panel.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    select_text(window, "production line")
    with qtbot.waitSignal(window.session.countsStale, timeout=2000):
        window.coding.apply_code(codes["production"])
    assert (model.counts(codes["production"]).segments, model.counts(codes["production"]).participants) == (1, 1)
    assert model.counts(codes["work"]).segments == 1  # a theme counts the codes below it
    assert resets == []
    index = model.index_of(codes["production"])
    assert index.siblingAtColumn(1).data() == 1 and index.siblingAtColumn(2).data() == 1


def test_the_filter_box_keeps_matches_and_their_parents(window, codes, qtbot):
    panel = window.code_panel
    qtbot.keyClicks(panel.filter, "product")
    proxy = panel.proxy
    assert proxy.rowCount() == 1  # only the theme that leads to the match
    theme = proxy.index(0, 0)
    assert theme.data() == "Working on the production line"
    sub = proxy.index(0, 0, theme)
    assert sub.data() == "Numbers before people" and proxy.index(0, 0, sub).data() == "Production line"
    panel.filter.clear()
    assert proxy.rowCount() == 2


def test_new_code_under_the_selected_theme_opens_for_naming(window, codes, qtbot):
    panel = window.code_panel
    panel.select_code(codes["held"])
    code = panel.new_code()
    assert code is not None and code.parent_id == codes["held"] and code.name == "New code"
    editor = panel.tree.findChild(QLineEdit)
    assert editor is not None
    editor.setText("Peer support")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.session.project.codes.get(code.id).name == "Peer support")


def test_pins_for_survey_keys_from_the_menu(window, codes):
    menu = window.code_panel.build_menu(window.session.code(codes["production"]))
    pins = next(a.menu() for a in menu.actions() if a.text() == "Pin to survey key")
    next(a for a in pins.actions() if a.text() == "3").trigger()
    assert window.session.pins == {3: codes["production"]}
    assert window.settings.pins(window.session.project.location) == {3: codes["production"]}


def _answer_delete_with(monkeypatch, button_text: str) -> list[str]:
    """Make the delete question click the button whose text starts with ``button_text``."""
    from PySide6.QtWidgets import QMessageBox

    offered: list[str] = []

    def click(box: QMessageBox) -> int:
        offered.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text().startswith(button_text)).click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click)
    return offered


def test_deleting_a_coded_code_asks_what_happens_to_its_codings(window, codes, monkeypatch, qtbot):
    project = window.session.project
    (doc,) = project.documents.list()
    project.coding.apply(doc.id, 0, 10, codes["production"])
    panel = window.code_panel
    qtbot.waitUntil(lambda: panel.model.counts(codes["production"]).segments == 1, timeout=2000)
    offered = _answer_delete_with(monkeypatch, "Move them")
    panel._delete(project.codes.get(codes["production"]))
    assert "Move them to “Numbers before people”" in offered and "Delete the codings too" in offered
    names = {c.name for c in project.codes.list()}
    assert "Production line" not in names
    assert len(project.queries.codings_of_code(codes["numbers"], include_descendants=False)) == 1
    window.session.undo.undo()
    assert len(project.queries.codings_of_code(codes["production"])) == 1
    _answer_delete_with(monkeypatch, "Delete the codings")
    panel._delete(project.codes.get(codes["production"]))
    assert project.queries.counts()["codings"] == 0
