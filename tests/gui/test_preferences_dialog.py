"""Edit → Preferences… (Ctrl+,): each preference takes effect at once and is still there next time."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication

from qualcode.app.settings.options import APPEARANCE, EMBEDDING_BACKEND, EXPORT_FOLDER, EXPORT_FORMAT, LINE_WIDTH
from qualcode.gui import screen_fit
from qualcode.gui.appearance import apply_appearance, is_dark
from qualcode.gui.dialogs.preferences_dialog import PreferencesDialog
from qualcode.gui.settings import GuiSettings


@pytest.fixture(autouse=True)
def _light_again():
    yield
    apply_appearance("system")  # the next test draws with the platform's colours


def _preferences_action(window) -> QAction:
    return next(a for a in window.menu("Edit").actions() if a.objectName() == "preferences")


def _open(window, qtbot) -> PreferencesDialog:
    _preferences_action(window).trigger()
    return window.preferences_dialog  # a child of the window, deleted when it closes


def test_edit_preferences_has_ctrl_comma(window) -> None:
    assert _preferences_action(window).shortcut() == QKeySequence("Ctrl+,")


def test_the_dialog_shows_the_settings_as_they_are(window, qtbot) -> None:
    window.settings.set_value(LINE_WIDTH, 72)
    window.settings.set_value(EXPORT_FORMAT, "html")
    dialog = _open(window, qtbot)
    assert dialog.coder.text() == "Ann"
    assert dialog.line_width.value() == 72
    assert dialog.export_format.currentData() == "html"
    assert dialog.backend.currentData() == "auto"
    assert dialog.chosen_appearance() == "system"


def test_ok_saves_every_preference_and_applies_it(window, qtbot, tmp_path: Path) -> None:
    project = window.session.project
    dialog = _open(window, qtbot)
    dialog.coder.setText("Bea")
    dialog.line_width.setValue(64)
    dialog.backend.setCurrentIndex(dialog.backend.findData("tfidf"))
    dialog.export_format.setCurrentIndex(dialog.export_format.findData("xlsx"))
    dialog.export_folder.setText(str(tmp_path))
    dialog.findChild(QAbstractButton, "appearance-dark").setChecked(True)
    dialog.accept()

    again = GuiSettings()  # what the next start of qualcode reads
    assert again.coder_name == "Bea"
    assert (again.value(LINE_WIDTH), again.value(EMBEDDING_BACKEND), again.value(EXPORT_FORMAT),
            again.value(EXPORT_FOLDER), again.value(APPEARANCE)) == (64, "tfidf", "xlsx", str(tmp_path), "dark")
    assert project.coder_name == "Bea" and "coder: Bea" in window.status_counts.text()
    assert project.line_width == 64  # the open project's next transcripts
    assert is_dark(QApplication.palette())

    from qualcode.gui.export.dialog import ExportDialog

    export = ExportDialog(project, "prevalence", window)
    qtbot.addWidget(export)
    assert export.format.currentData() == "xlsx"
    assert Path(export.path.text()).parent == tmp_path and export.path.text().endswith(".xlsx")


def test_a_new_transcript_gets_the_new_line_width(window, qtbot) -> None:
    dialog = _open(window, qtbot)
    dialog.line_width.setValue(50)
    dialog.apply()
    project = window.session.project
    doc = project.documents.add_transcript("P2", "word " * 60)
    assert doc.line_width == 50
    first = project.documents.list()[0]
    assert first.line_width == 80  # a transcript already imported keeps its lines


def test_a_report_not_offered_in_the_format_keeps_its_own(window, qtbot) -> None:
    from qualcode.gui.export.dialog import ExportDialog

    window.settings.set_value(EXPORT_FORMAT, "docx")
    export = ExportDialog(window.session.project, "code-sheet", window)  # Excel or CSV only
    qtbot.addWidget(export)
    assert export.format.currentData() == "xlsx" and export.path.text().endswith(".xlsx")


def test_cancel_changes_nothing(window, qtbot) -> None:
    dialog = _open(window, qtbot)
    dialog.coder.setText("Somebody else")
    dialog.line_width.setValue(120)
    dialog.findChild(QAbstractButton, "appearance-dark").setChecked(True)
    dialog.reject()
    assert window.settings.coder_name == "Ann" and window.session.project.coder_name == "Ann"
    assert GuiSettings().value(LINE_WIDTH) == 80 and window.session.project.line_width == 80
    assert not is_dark(QApplication.palette())


def test_light_is_light_even_after_dark(window, qtbot) -> None:
    apply_appearance("dark")
    assert is_dark(QApplication.palette())
    apply_appearance("light")
    assert not is_dark(QApplication.palette())


def test_the_suggestion_dialogs_start_from_the_chosen_backend(window, qtbot) -> None:
    from qualcode.gui.menus.analysis_menu import open_suggest_themes

    window.settings.set_value(EMBEDDING_BACKEND, "tfidf")
    dialog = open_suggest_themes(window)
    qtbot.addWidget(dialog)
    assert dialog.backend.currentData() == "tfidf"


def test_a_new_project_gets_the_line_width(window, qtbot, tmp_path: Path, monkeypatch) -> None:
    from qualcode.gui.menus import file_menu

    window.settings.set_value(LINE_WIDTH, 66)
    monkeypatch.setattr(file_menu, "choose_new_project_path", lambda w: str(tmp_path / "New.qualcode"))
    project = file_menu.new_project(window)
    assert project is not None and project.line_width == 66


def test_it_fits_a_1280x720_laptop(window, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(screen_fit, "available_geometry", lambda widget=None: QRect(0, 0, 1280, 720 - 32))
    dialog = _open(window, qtbot)
    room = screen_fit.room()
    assert dialog.width() <= room.width() and dialog.height() <= room.height()
    assert dialog.minimumSizeHint().width() <= room.width()
    dialog.resize(dialog.width(), min(dialog.height(), 400))  # even squeezed, OK and Cancel stay in sight
    buttons = [b for b in dialog.buttons.buttons() if b.isVisibleTo(dialog)]
    qtbot.wait(10)
    for button in buttons:
        corner = button.mapTo(dialog, QPoint(button.width() - 1, button.height() - 1))
        assert dialog.rect().contains(corner), button.text()
