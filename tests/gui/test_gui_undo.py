"""Undo and redo of every coding action, each saved at once (nothing lost if the app is killed)."""

from __future__ import annotations

import pytest
from gui_helpers import select_text

from qualcode.core.model import NoteKind
from qualcode.core.project import Project

pytestmark = pytest.mark.gui


def test_undo_and_redo_carry_the_action_in_their_label(window, codes):
    select_text(window, "production line")
    acts = window.actions
    assert not acts.undo.isEnabled()
    window.coding.apply_code(codes["production"])
    assert acts.undo.text() == "&Undo Apply “Production line”" and acts.undo.isEnabled()
    acts.undo.trigger()
    assert window.session.project.coding.for_document(window.document_page.document_id) == []
    assert window.document_page.view.spans() == []
    assert acts.redo.text() == "&Redo Apply “Production line”"
    acts.redo.trigger()
    [coding] = window.session.project.coding.for_document(window.document_page.document_id)
    assert coding.code_id == codes["production"]
    assert [s.code_id for s in window.document_page.view.spans()] == [codes["production"]]
    assert window.statusBar().currentMessage() == "Redid Apply “Production line”"


def test_every_action_is_saved_at_once(window, codes, tmp_path):
    """A second connection (as after a crash and restart) sees each action without any save."""
    project = window.session.project
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    window.coding.add_note(NoteKind.CONCEPTUAL, "Is care being industrialised?")
    window.coding.rename_code(codes["relentless"], "Relentlessness")
    other = Project.open(project.location)
    try:
        doc = window.document_page.document_id
        assert [c.code_id for c in other.coding.for_document(doc)] == [codes["production"]]
        assert [n.text for n in other.notes.for_document(doc)] == ["Is care being industrialised?"]
        assert other.codes.get(codes["relentless"]).name == "Relentlessness"
        window.actions.undo.trigger()  # the rename
        window.actions.undo.trigger()  # the note
        assert other.notes.for_document(doc) == []
        assert other.codes.get(codes["relentless"]).name == "Relentless pace"
    finally:
        other.close()


def test_a_long_sequence_undoes_back_to_the_start(window, codes):
    project = window.session.project
    doc = window.document_page.document_id
    select_text(window, "production line")
    window.coding.apply_code(codes["production"])
    select_text(window, "Supervision with Helen")
    window.coding.apply_code(codes["supervision"])
    window.coding.in_vivo()
    window.coding.merge_codes(codes["relentless"], codes["production"])
    window.coding.move_code(codes["supervision"], codes["work"])
    for _ in range(5):
        window.actions.undo.trigger()
    assert project.coding.for_document(doc) == []
    assert project.codes.get(codes["supervision"]).parent_id == codes["held"]
    assert project.codes.get(codes["relentless"]).name == "Relentless pace"
    assert not window.actions.undo.isEnabled()
