"""The first screen: a sample project, a new project, files to import, recent projects (issue 16, item 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from qualcode.core.errors import NotFound
from qualcode.core.project import Project
from qualcode.gui.main_window import MainWindow
from qualcode.gui.welcome import samples
from qualcode.gui.welcome.samples import sample_copy, sample_sources
from qualcode.gui.workers import ImmediatePool

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def empty_window(qtbot, settings):
    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.session is not None:
        win.close_project()


def test_with_no_project_the_welcome_offers_every_start(empty_window) -> None:
    page = empty_window.welcome
    assert empty_window.stack.currentWidget() is page
    text = page.text()
    for words in ("Welcome to qualcode", "Open the sample IPA study", "Open the sample survey", "New project…",
                  "New project from files…", "Open project…", "never sends your data"):
        assert words in text
    assert page.recent.isVisibleTo(page) and not page.import_button.isVisibleTo(page)


def test_clicking_a_recent_project_opens_it_where_i_left_off(empty_window, transcript_project, qtbot) -> None:
    project, doc = transcript_project
    location = project.location
    project.close()
    empty_window.settings.add_recent_project(location)
    empty_window.settings.set_last_place(location, doc.id, 3)
    page = empty_window.welcome
    page.fill_recent()
    item = page.recent.item(0)
    assert Path(item.data(Qt.ItemDataRole.UserRole)) == Path(location).resolve()
    rect = page.recent.visualItemRect(item)
    qtbot.mouseClick(page.recent.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert empty_window.session is not None and Path(empty_window.session.project.location) == Path(location).resolve()
    assert empty_window.document_page.document_id == doc.id


def test_the_open_project_page_says_how_to_import_and_imports(window) -> None:
    window.stack.setCurrentWidget(window.welcome)
    page = window.welcome
    assert "Import files" in page.text() and ".docx" in page.text() and not page.recent.isVisibleTo(page)
    action = next(a for a in window.findChildren(QAction) if a.objectName() == "action-import")
    fired = []
    action.triggered.disconnect()
    action.triggered.connect(lambda *_: fired.append(True))
    page.import_button.click()
    assert fired == [True]


def test_closing_the_project_brings_the_welcome_back_with_it_listed(window) -> None:
    location = window.session.project.location
    window.close_project()
    page = window.welcome
    assert window.stack.currentWidget() is page and "Welcome to qualcode" in page.text()
    listed = [page.recent.item(i).data(Qt.ItemDataRole.UserRole) for i in range(page.recent.count())]
    assert str(Path(location).resolve()) in listed


@pytest.mark.skipif(sample_sources() is None or not (REPO / "sample_projects" / "survey.qualcode").is_file(),
                    reason="the sample projects are not built here")
def test_the_sample_opens_as_my_own_copy_and_the_original_is_untouched(empty_window, tmp_path) -> None:
    original = REPO / "sample_projects" / "survey.qualcode"
    before = original.stat().st_mtime_ns
    empty_window.welcome.open_sample("survey", pool=ImmediatePool())
    session = empty_window.session
    assert session is not None
    assert Path(session.project.location).resolve() == (samples.samples_folder() / "survey.qualcode").resolve()
    assert session.project.queries.counts()["documents"] > 0
    assert empty_window.stack.currentWidget() is empty_window.survey_view  # the first question, ready to code
    assert original.stat().st_mtime_ns == before
    empty_window.close_project()
    assert sample_copy("survey") == samples.samples_folder() / "survey.qualcode"  # made once, then reused


def test_without_the_samples_the_buttons_say_so(monkeypatch, settings, qtbot) -> None:
    import qualcode.gui.welcome.page as page_module

    monkeypatch.setattr(page_module, "sample_sources", lambda: None)
    monkeypatch.setattr(samples, "sample_sources", lambda: None)
    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    button = win.welcome.sample_buttons["interviews"]
    assert not button.isEnabled() and "not installed" in button.toolTip()
    with pytest.raises(NotFound, match="not installed"):
        sample_copy("interviews")
    with pytest.raises(NotFound, match="no sample project called"):
        sample_copy("novels")


@pytest.mark.skipif(sample_sources() is None, reason="the sample projects' sources are not here")
def test_in_a_fresh_clone_the_sample_is_built_from_its_sources(monkeypatch, tmp_path) -> None:
    """A fresh clone has the sample files but no built .qualcode: the first click builds my copy from them."""
    sources = tmp_path / "sample_projects"
    shutil.copytree(sample_sources(), sources, ignore=shutil.ignore_patterns("*.qualcode*"))
    monkeypatch.setattr(samples, "sample_sources", lambda: sources)
    made = sample_copy("survey", tmp_path / "mine")
    assert made == tmp_path / "mine" / "survey.qualcode"
    with Project.open(str(made)) as project:
        assert project.queries.counts()["documents"] > 0
    assert not list(sources.glob("*.qualcode"))  # nothing written beside the sources


def test_with_no_project_the_welcome_takes_the_window_and_the_panels_come_back(empty_window, transcript_project,
                                                                               qtbot) -> None:
    """Empty Documents, Codes and Segments panels beside the welcome page only took its room."""
    window = empty_window
    window.resize(1280, 690)
    qtbot.wait(10)
    assert not any(dock.isVisible() for dock in window.panels.values())
    assert window.welcome.width() >= window.width() - 20
    project, _doc = transcript_project
    window.set_project(project)
    assert all(window.panels[k].isVisible() for k in ("documents", "codes", "segments"))
    window.panels["segments"].hide()  # the researcher closes one
    window.close_project()
    assert not any(dock.isVisible() for dock in window.panels.values())
    window.set_project(Project.open(project.location))
    assert window.panels["documents"].isVisible() and window.panels["codes"].isVisible()
    assert not window.panels["segments"].isVisible()  # still closed, as they left it
