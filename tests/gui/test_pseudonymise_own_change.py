"""Pseudonymising in the window is the window's own change: no "changed by another program" afterwards."""

from __future__ import annotations

import sqlite3

from qualcode.analysis.entities import BasicNameFinder
from qualcode.gui.importing import pseudonymise_dialog as dialog_module
from qualcode.gui.importing.pseudonymise_dialog import PseudonymiseDialog
from qualcode.gui.session import REFRESHED
from qualcode.gui.workers import ImmediatePool


def test_the_compaction_after_pseudonymising_is_not_reported_as_another_programs(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(dialog_module, "confirm_apply", lambda *_args: True)
    session = window.session
    messages: list[str] = []
    session.message.connect(messages.append)
    dialog = PseudonymiseDialog(session, window, finder=BasicNameFinder(), pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.find_names()
    assert dialog.model.entries, "the transcript names someone to replace"
    dialog.apply()
    assert dialog.report is not None and dialog.report.file_scrubbed  # the file was compacted (VACUUM)
    assert session.check_outside_changes() is False
    qtbot.wait(50)
    assert REFRESHED not in messages
    assert "changed by another program" not in window.statusBar().currentMessage()
    # Another program's write is still noticed (the watcher was not just silenced).
    with sqlite3.connect(session.project.location) as other:
        other.execute("PRAGMA user_version = 9")
    assert session.check_outside_changes() is True
    assert REFRESHED in messages
