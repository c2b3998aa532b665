"""The window on a read-only, locked or damaged project, and File → Restore from backup…."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from qualcode.core.coding.commands import ApplyCode
from qualcode.core.project import Project
from qualcode.core.safety.backups import list_backups
from qualcode.gui.dialogs import restore_dialog
from qualcode.gui.main_window import MainWindow
from qualcode.gui.menus import file_menu

pytestmark = pytest.mark.gui
CODEBOOK = Path(__file__).resolve().parents[2] / "codebooks" / "reflexive-ta.json"


def _messages(win: MainWindow) -> list[str]:
    seen: list[str] = []
    assert win.session is not None
    win.session.message.connect(seen.append)
    return seen


def test_a_read_only_project_shows_a_banner_and_refuses_edits_with_a_message(qtbot, transcript_project,
                                                                             codes, settings):
    project, doc = transcript_project
    path = project.location
    project.close()
    win = MainWindow(Project.open(path, read_only=True), settings)
    qtbot.addWidget(win)
    assert not win.read_only_banner.isHidden()
    assert win.read_only_banner.text().startswith("Read-only: opened read-only.")
    seen = _messages(win)
    assert win.session.run(ApplyCode(doc.id, 0, 11, codes["production"], "Production line")) is False
    assert seen == [f"{path} is read-only: opened read-only; nothing was changed"]
    assert win.session.project.queries.counts()["codings"] == 0
    win.close_project()
    assert win.read_only_banner.isHidden()


def test_a_lock_held_elsewhere_is_a_message_within_seconds_and_the_action_can_be_retried(window, codes,
                                                                                          transcript_project):
    project, doc = transcript_project
    seen = _messages(window)
    other = sqlite3.connect(project.location, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    command = ApplyCode(doc.id, 0, 11, codes["production"], "Production line")
    started = time.monotonic()
    try:
        assert window.session.run(command) is False
    finally:
        other.rollback()
        other.close()
    assert time.monotonic() - started < 6
    assert len(seen) == 1 and "another program is writing to this project" in seen[0]
    assert "try again" in seen[0]
    assert window.session.run(command) is True  # the same action, retried, is saved
    assert project.queries.counts()["codings"] == 1


def test_file_restore_from_backup_restores_to_a_new_file_and_opens_it(window, transcript_project, tmp_path,
                                                                      monkeypatch):
    from qualcode.core.themes.codebook import import_codebook

    project, _doc = transcript_project
    codes_before = len(project.codes.list())
    import_codebook(project, CODEBOOK)
    target = tmp_path / "restored.qualcode"
    monkeypatch.setattr(restore_dialog, "run_dialog", lambda dialog: dialog.chosen() is not None)
    monkeypatch.setattr(restore_dialog, "choose_restored_path", lambda _w, suggested: str(target))
    action = next(a for a in window.menu("File").actions() if a.text() == "Restore from &backup…")
    action.trigger()
    assert target.exists()
    assert window.session is not None and window.session.project.location == str(target)
    assert len(window.session.project.codes.list()) == codes_before
    assert Path(project.location).exists()


def test_opening_a_damaged_project_offers_its_latest_good_backup(qtbot, tmp_path, settings, monkeypatch):
    from qualcode.core.themes.codebook import import_codebook

    path = tmp_path / "study.qualcode"
    with Project.create(path) as project:
        project.codes.create("Mine")
        import_codebook(project, CODEBOOK)
    (good,) = list_backups(path)
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'code'").fetchone()[0]
    con.close()
    with open(path, "r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\x0d\x00\x00\xff" + b"\xee" * 300)
    asked: list[str] = []

    def yes(*args, **_kw):
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    win = MainWindow(None, settings)
    qtbot.addWidget(win)
    file_menu.open_project(win, str(path))
    assert len(asked) == 1 and "the project file is damaged" in asked[0]
    assert f"{good.created:%Y-%m-%d %H:%M}" in asked[0]
    assert win.session is not None and win.session.project.location != str(path)
    assert [c.name for c in win.session.project.codes.list()] == ["Mine"]
    win.close_project()
