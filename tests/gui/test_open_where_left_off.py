"""File → Open recent and File → Open return to where the researcher left off, as relaunching does (issue 16)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu

from qualcode.core.model import DocumentKind
from qualcode.core.project import Project
from qualcode.core.transcripts.documents import TurnSpec
from qualcode.gui.main_window import MainWindow
from qualcode.gui.menus import file_menu
from qualcode.gui.menus.file_menu import open_project


def _long_interview_project(path: Path) -> tuple[Project, int]:
    project = Project.create(path)
    project.set_coder("Ann")
    project.documents.add_transcript("Maya interview", "Maya: Short one.\n", participant="Maya")
    text = "".join(f"Line {i} of a long interview about the work.\n" for i in range(1, 300))
    tom = project.documents.add_transcript("Tom interview", text, [TurnSpec(0, 10, "Tom")], participant="Tom")
    return project, tom.id


def _top_line(win: MainWindow) -> int:
    return win.document_page.view.firstVisibleBlock().blockNumber() + 1


def _open_recent(win: MainWindow, path: Path) -> None:
    menu = win.findChild(QMenu, "recent-projects")
    menu.aboutToShow.emit()  # filled as the researcher opens it
    [entry] = [a for a in menu.actions() if a.text().endswith(str(path))]
    entry.trigger()


@pytest.fixture
def two_projects(qtbot, tmp_path: Path, settings):
    a, tom = _long_interview_project(tmp_path / "A.qualcode")
    b = Project.create(tmp_path / "B.qualcode")
    b.documents.add_transcript("Other interview", "Priya: Something else.\n", participant="Priya")
    b_path = Path(b.location)
    b.close()
    win = MainWindow(a, settings)
    qtbot.addWidget(win)
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    yield win, Path(a.location), b_path, tom
    if win.session is not None:
        win.close_project()


def test_open_recent_returns_to_the_document_and_line_left_off(two_projects) -> None:
    win, a_path, b_path, tom = two_projects
    win.open_document(tom)
    win.document_page.view.show_line_at_top(150)
    assert _top_line(win) == 150
    open_project(win, str(b_path))  # File → Open… B
    assert win.session.project.name == "B"
    assert win.document_page.document_id != tom
    _open_recent(win, a_path)
    assert win.session.project.location == str(a_path)
    assert win.stack.currentWidget() is win.document_page
    assert win.document_page.document_id == tom
    assert _top_line(win) == 150


def test_file_open_returns_there_too(two_projects, monkeypatch) -> None:
    win, a_path, _b_path, tom = two_projects
    win.open_document(tom)
    win.document_page.view.show_line_at_top(220)
    win.close_project()
    monkeypatch.setattr(file_menu, "choose_project_to_open", lambda _w: str(a_path))
    file_menu.open_project(win)  # File → Open… with A chosen in the file dialog
    assert win.document_page.document_id == tom
    assert _top_line(win) == 220


def test_a_project_never_opened_here_shows_its_first_transcript(two_projects) -> None:
    win, _a_path, b_path, _tom = two_projects
    open_project(win, str(b_path))
    [doc] = win.session.project.documents.list(DocumentKind.TRANSCRIPT)
    assert win.document_page.document_id == doc.id


def test_a_survey_answer_is_returned_to(qtbot, survey, settings, tmp_path: Path) -> None:
    project, qid, ids, _codes = survey
    win = MainWindow(project, settings)
    qtbot.addWidget(win)
    win.show()
    win.open_question(qid)
    win.survey_view.go_to(7)
    location = project.location
    other = Project.create(tmp_path / "other.qualcode")
    other_path = other.location
    other.close()
    open_project(win, other_path)
    _open_recent(win, Path(location))
    assert win.stack.currentWidget() is win.survey_view
    assert win.survey_view.current_document_id() == ids[7]
    win.close_project()
