"""The window: title, status counts, panels whose layout is remembered, File → New/Open, recent projects, coder."""

from __future__ import annotations

import pytest
from gui_helpers import select_text
from PySide6.QtWidgets import QApplication

from qualcode.core.project import Project
from qualcode.gui.dialogs.coder_dialog import CoderDialog
from qualcode.gui.main_window import MainWindow
from qualcode.gui.menus import file_menu
from qualcode.gui.settings import GuiSettings

pytestmark = pytest.mark.gui


def test_title_status_and_navigator(window, transcript_project):
    project, doc = transcript_project
    assert window.windowTitle() == f"{project.name} — qualcode"
    assert window.status_counts.text() == "1 documents · 1 participants · 6 codes · 0 codings · coder: Ann"
    nav = window.navigator.model
    item = nav.find_document(doc.id)
    assert item.text() == "Maya"
    assert item.parent().child(item.row(), 1).text() == "0"
    assert [window.menuBar().actions()[i].text() for i in range(5)] == ["&File", "&Edit", "&Coding", "&Codes", "&View"]


def test_counts_follow_the_coding(window, codes, transcript_project, qtbot):
    _project, doc = transcript_project
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    qtbot.waitUntil(lambda: "1 codings" in window.status_counts.text())
    item = window.navigator.model.find_document(doc.id)
    assert item.parent().child(item.row(), 1).text() == "1"
    assert "1 coded segments" in window.document_page.header.text()


def test_the_panel_layout_is_remembered(qtbot, transcript_project, settings):
    project, _doc = transcript_project
    first = MainWindow(project, settings)
    qtbot.addWidget(first)
    first.show()
    first.panels["segments"].hide()
    first.close()  # saves the layout (and closes the project)
    assert GuiSettings().window_layout()[1] is not None
    second = MainWindow(None, GuiSettings())
    qtbot.addWidget(second)
    second.show()
    second.set_project(Project.open(project.location))  # with no project the welcome page takes the window
    assert not second.panels["segments"].isVisible()
    assert second.panels["codes"].isVisible()
    second.reset_layout()
    assert second.panels["segments"].isVisible()


def test_settings_stay_in_the_private_folder(settings, tmp_path):
    import os

    path = str(settings.path)
    assert path.startswith(os.environ["QUALCODE_SETTINGS_DIR"])


def test_file_new_and_open_and_recent_projects(qtbot, tmp_path, settings, monkeypatch):
    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    assert win.windowTitle() == "qualcode" and not win.actions.quick_code.isEnabled()
    target = tmp_path / "Study.qualcode"
    monkeypatch.setattr(file_menu, "choose_new_project_path", lambda _w: str(target))
    new = next(a for a in win.menu("File").actions() if a.text() == "&New project…")
    new.trigger()
    assert target.exists() and win.windowTitle() == "Study — qualcode"
    assert win.actions.quick_code.isEnabled()
    assert settings.recent_projects[0] == str(target.resolve())
    win.close_project()
    assert win.windowTitle() == "qualcode"
    monkeypatch.setattr(file_menu, "choose_project_to_open", lambda _w: str(target))
    next(a for a in win.menu("File").actions() if a.text() == "&Open project…").trigger()
    assert win.session is not None and win.session.project.location == str(target)
    recent = win.findChild(type(win.menu("File")), "recent-projects")
    recent.aboutToShow.emit()
    assert recent.actions()[0].text().startswith("Study")
    win.close_project()


def test_opening_a_file_that_is_not_a_project_is_refused_politely(qtbot, tmp_path, settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    bad = tmp_path / "notes.qualcode"
    bad.write_text("not a database")
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    assert file_menu.open_project(win, str(bad)) is None
    assert warned and "notes.qualcode" in warned[0]
    assert win.session is None


def test_on_first_use_the_window_asks_who_is_coding(qtbot, transcript_project, codes):
    project, doc = transcript_project
    settings = GuiSettings()
    assert settings.coder_name is None
    win = MainWindow(project, settings, ask_coder=True)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CoderDialog))
    dialog = QApplication.activeModalWidget()
    dialog.name.setCurrentText("Bea")
    dialog.accept()
    assert settings.coder_name == "Bea" and project.coder_name == "Bea"
    win.open_document(doc.id)
    select_text(win, "production line")
    win.coding.apply_code(codes["production"])
    [_coding] = project.coding.for_document(doc.id)
    assert win.session.project.queries.codings_of_code(codes["production"])[0].coder == "Bea"
    assert "coder: Bea" in win.status_counts.text()
    win.close_project()


def test_the_coder_filter_shows_one_coders_work(window, codes, transcript_project, qtbot):
    project, doc = transcript_project
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    text = project.documents.text(doc.id)
    start = text.index("Supervision")
    project.coding.apply(doc.id, start, start + 11, codes["supervision"], coder="Bea")
    view = window.document_page.view
    assert len(view.spans()) == 2
    window.session.set_coder_filter(["Bea"])
    assert [s.code_id for s in view.spans()] == [codes["supervision"]]
    assert window.code_panel.model.counts(codes["production"]).segments == 0
    assert "showing Bea" in window.status_counts.text()
    menu = window.findChild(type(window.menu("View")), "coder-filter")
    menu.aboutToShow.emit()
    assert [a.text() for a in menu.actions() if a.text()] == ["All coders", "Ann", "Bea"]
    menu.actions()[0].trigger()
    assert len(view.spans()) == 2


def test_the_ipa_margins_can_be_hidden_and_stay_hidden(window):
    view_menu = window.menu("View")
    toggle = next(a for a in view_menu.actions() if a.text() == "Exploratory notes margin")
    toggle.trigger()
    assert not window.document_page.notes_margin.isVisible()
    assert GuiSettings().flag("notes_margin", True) is False


def test_a_menu_from_another_module_lands_in_its_place(window):
    analysis = window.menu("Analysis")
    names = [a.text() for a in window.menuBar().actions()]
    assert names.index("&Analysis") == names.index("&View") + 1
    assert window.menu("Analysis") is analysis


def test_the_project_reopens_where_the_researcher_left_off(qtbot, transcript_project, settings):
    from qualcode.core.transcripts.documents import TurnSpec
    from qualcode.gui.app import open_initial_view

    project, _doc = transcript_project
    text = "".join(f"Line {i} of a long interview about the work.\n" for i in range(1, 200))
    long = project.documents.add_transcript("Tom interview", text, [TurnSpec(0, 10, "Tom")], participant="Tom")
    first = MainWindow(project, settings)
    qtbot.addWidget(first)
    first.show()
    first.open_document(long.id)
    first.document_page.view.show_line_at_top(120)
    location = project.location
    first.close()
    reopened = Project.open(location)
    second = MainWindow(reopened, GuiSettings())
    qtbot.addWidget(second)
    second.show()
    open_initial_view(second, reopened)
    assert second.document_page.document_id == long.id
    assert second.document_page.view.firstVisibleBlock().blockNumber() + 1 == 120
    second.close()
