"""What the IPA margins do when clicked: select the passage, edit, delete, find the theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from qualcode.gui.mnemonics import as_written

if TYPE_CHECKING:
    from qualcode.gui.main_window import MainWindow


def wire_margins(window: MainWindow) -> None:
    page = window.document_page
    page.notes_margin.itemClicked.connect(lambda note_id: _select_note(window, note_id))
    page.notes_margin.itemActivated.connect(window.actions.edit_note)
    page.notes_margin.itemMenuRequested.connect(lambda note_id, pos: _note_menu(window, note_id, pos))
    page.emergent_margin.itemClicked.connect(lambda coding_id: _select_coding(window, coding_id))
    page.emergent_margin.itemMenuRequested.connect(lambda coding_id, pos: _emergent_menu(window, coding_id, pos))


def _select_note(window: MainWindow, note_id: int) -> None:
    view = window.document_page.view
    note = next((n for n in view.notes if n.id == note_id), None)
    if note is not None:
        view.select_span(note.start, note.end, centre=False)


def _select_coding(window: MainWindow, coding_id: int) -> None:
    view = window.document_page.view
    span = view.all_spans().get(coding_id)
    if span is not None:
        view.select_span(span.start, span.end, centre=False)


def _note_menu(window: MainWindow, note_id: int, pos: QPoint) -> None:
    menu = QMenu(window)
    menu.addAction("Edit note…", lambda: window.actions.edit_note(note_id))
    menu.addAction("Delete note", lambda: window.coding and window.coding.delete_note(note_id))
    menu.exec(pos)
    menu.deleteLater()


def _emergent_menu(window: MainWindow, coding_id: int, pos: QPoint) -> None:
    span = window.document_page.view.all_spans().get(coding_id)
    code = window.session.code(span.code_id) if window.session and span else None
    if code is None or window.coding is None:
        return
    coding = window.coding
    menu = QMenu(window)
    menu.addAction(f"Remove “{as_written(code.name)}” from these lines", lambda: coding.remove_coding(coding_id))
    menu.addAction("Codebook entry…", lambda: window.actions.open_code_details(code.id))
    menu.addAction("Show in the code tree", lambda: window.code_panel.select_code(code.id))
    menu.exec(pos)
    menu.deleteLater()
