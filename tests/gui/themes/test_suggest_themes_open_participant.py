"""Analysis → Suggest themes… asks first about the participant whose transcript is open."""

from __future__ import annotations

from qualcode.core.coding.commands import UndoStack
from qualcode.gui.menus.analysis_menu import open_suggest_themes
from qualcode.gui.themes.suggest_themes_dialog import ONE_PARTICIPANT
from qualcode.gui.workers import ImmediatePool


def _open(win, title: str) -> None:
    doc = next(d for d in win.session.project.documents.list() if d.title == title)
    win.open_document(doc.id)


def test_the_open_transcripts_participant_is_offered_when_their_statements_wait(ipa_window, two_levels) -> None:
    win = ipa_window(two_levels.statements_only)
    _open(win, "Tom interview")  # not the first in the list (Lee, Maya, Tom)
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    assert dialog is not None
    assert dialog.participant.currentText() == "Tom"
    assert dialog.request().participant == "Tom" and dialog._scope_key() == ONE_PARTICIPANT
    dialog.close()


def test_with_the_open_participant_done_the_first_still_waiting_is_offered(ipa_window, two_levels) -> None:
    def build(project) -> None:
        statements = two_levels.statements_only(project)
        two_levels.personal_themes(project, statements, UndoStack(project), "Lee")  # Lee's PETs are made

    win = ipa_window(build)
    _open(win, "Lee interview")
    dialog = open_suggest_themes(win, pool=ImmediatePool())
    assert dialog is not None
    assert dialog.waiting.get("Lee", 0) == 0
    assert dialog.participant.currentText() == "Maya"  # Lee has nothing left to group; Maya is next
    dialog.close()
