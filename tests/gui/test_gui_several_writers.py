"""The window beside another program writing the same project: it notices, refreshes, and never codes stale words."""

from __future__ import annotations

import pytest
from gui_helpers import select_text

from qualcode.core.model import MappingEntry
from qualcode.core.project import Project
from qualcode.core.transcripts.pseudonymise import apply_mapping
from qualcode.gui.session import REFRESHED, TEXT_CHANGED


@pytest.fixture
def other(window):
    """The same file opened by "another program" (the CLI, a second window)."""
    project = Project.open(window.session.project.location)
    yield project
    project.close()


def code_names(win) -> set[str]:
    return {c.name for c in win.session.codes.values()}


def test_the_window_notices_another_program_and_shows_its_changes(qtbot, window, other) -> None:
    view = window.document_page.view
    assert "Helen" in view.text
    other.codes.create("Held by supervision")
    apply_mapping(other, [MappingEntry("Helen", "Supervisor A")])
    qtbot.waitUntil(lambda: "Supervisor A" in view.text, timeout=6000)  # the poll, not an action
    assert "Helen" not in view.text
    assert "Held by supervision" in code_names(window)
    assert window.code_panel.model is not None
    assert window.statusBar().currentMessage() == REFRESHED


def test_own_changes_are_not_taken_for_another_programs(qtbot, window, codes) -> None:
    select_text(window, "production line")
    assert window.coding.apply_code(codes["production"])
    qtbot.wait(50)
    assert window.session.check_outside_changes() is False


def test_a_coding_on_a_selection_made_before_the_text_changed_is_refused(qtbot, window, other, codes) -> None:
    window.session._outside_timer.stop()  # the other program writes between two polls
    select_text(window, "She holds it all")
    apply_mapping(other, [MappingEntry("Helen", "Supervisor A")])
    before = len(other.coding.for_document(window.document_page.document_id))
    assert window.coding.apply_code(codes["supervision"]) is False
    assert window.statusBar().currentMessage() == TEXT_CHANGED
    assert len(other.coding.for_document(window.document_page.document_id)) == before
    # The view was refreshed on the way: selecting again codes the right words.
    view = window.document_page.view
    assert "Supervisor A" in view.text
    start, end = select_text(window, "She holds it all")
    assert window.coding.apply_code(codes["supervision"])
    doc = window.document_page.document_id
    text = other.documents.text(doc)
    (made,) = [c for c in other.coding.for_document(doc) if c.code_id == codes["supervision"]]
    assert text[made.start:made.end] == "She holds it all" and (made.start, made.end) == (start, end)


def test_a_second_window_on_the_same_project_warns(qtbot, window, settings) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qualcode.gui.main_window import MainWindow

    location = window.session.project.location
    second = MainWindow(Project.open(location), settings)
    qtbot.addWidget(second)
    box = second.findChild(QMessageBox, "already-open-warning")
    assert box is not None and box.isVisible()
    assert "already open in another window" in box.text() and "process" in box.text()
    assert second.session is not None  # warned, not refused
    second.close_project()
    window.close_project()  # the lock goes with the window's project
    third = MainWindow(Project.open(location), settings)
    qtbot.addWidget(third)
    assert third.findChild(QMessageBox, "already-open-warning") is None
    third.close_project()


def test_a_lock_left_by_a_crashed_window_does_not_warn(qtbot, project, settings) -> None:
    from PySide6.QtWidgets import QMessageBox

    from qualcode.gui.main_window import MainWindow
    from qualcode.gui.project_lock import lock_path

    lock_path(project.location).write_text("qualcode window, process 999999 on elsewhere\n")  # nobody holds it
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    assert win.findChild(QMessageBox, "already-open-warning") is None
    win.close_project()
