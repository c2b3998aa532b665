"""The pseudonymisation review dialog: proposals, accept/edit/reject, replace, export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from qualcode.analysis.entities import BasicNameFinder
from qualcode.core.transcripts.pseudonymise import stored_mapping
from qualcode.gui.importing import pseudonymise_dialog as dialog_module
from qualcode.gui.importing.pseudonym_table import ACCEPT, COUNT, EXAMPLE, KIND, ORIGINAL, REPLACEMENT
from qualcode.gui.importing.pseudonymise_dialog import PseudonymiseDialog
from qualcode.gui.workers import ImmediatePool


@pytest.fixture
def review(qtbot, window, monkeypatch):
    """The dialog over Maya's coded transcript, the search already done (basic finder, synchronous)."""
    monkeypatch.setattr(dialog_module, "confirm_apply", lambda *_args: True)
    session = window.session
    doc = session.project.documents.by_title("Maya interview")
    text = session.project.documents.text(doc.id)
    start = text.index("Supervision with Helen")
    code = session.project.codes.find("Supervision")
    session.project.coding.apply(doc.id, start, start + len("Supervision with Helen. She holds it all"), code.id)
    window.open_document(doc.id)
    dialog = PseudonymiseDialog(session, window, finder=BasicNameFinder(), pool=ImmediatePool())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.find_names()
    return window, dialog, doc


def _row(dialog: PseudonymiseDialog, original: str) -> dict[int, object]:
    m = dialog.model
    r = m.row_of(original)
    return {c: m.index(r, c).data() for c in (ORIGINAL, REPLACEMENT, KIND, COUNT, EXAMPLE)} | \
        {ACCEPT: m.index(r, ACCEPT).data(Qt.ItemDataRole.CheckStateRole)}


def test_proposals_are_listed_with_kind_count_and_example(review) -> None:
    _window, dialog, _doc = review
    assert dialog.proposal is not None and dialog.progress is None
    helen = _row(dialog, "Helen")
    assert helen[REPLACEMENT] == "[Colleague 1]" and helen[KIND] == "Person" and helen[COUNT] == 1
    assert "<b>Helen</b>" in str(helen[EXAMPLE]) and helen[ACCEPT] == Qt.CheckState.Checked
    assert "Maya" not in [e.original for e in dialog.model.entries]  # her pseudonym
    # The fallback finder says what it is.
    assert "basic name finder — check carefully" in dialog.finder_label.text()
    assert [e.original for e in dialog.model.entries] == ["Helen"]
    assert dialog.apply_button.text() == "Replace 1 name"


def test_edit_reject_and_apply(review, tmp_path: Path, monkeypatch) -> None:
    window, dialog, doc = review
    m = dialog.model
    m.setData(m.index(m.row_of("Helen"), REPLACEMENT), "[Supervisor]")
    for e in m.entries:
        if e.original != "Helen":
            m.setData(m.index(m.row_of(e.original), ACCEPT), Qt.CheckState.Unchecked.value,
                      Qt.ItemDataRole.CheckStateRole)
    assert dialog.apply_button.text() == "Replace 1 name"
    project = window.session.project
    (before,) = project.queries.codings_of_document(doc.id)
    window.session.undo.push(_NoOp())
    assert window.session.undo.undo_label
    dialog.apply()
    assert dialog.report is not None and dialog.report.replacements == 1
    assert "line numbers unchanged" in dialog.result.text()
    (after,) = project.queries.codings_of_document(doc.id)
    assert after.text == "Supervision with [Supervisor]. She holds it all"
    assert after.citation == before.citation
    # The open document shows the new text; old undo steps (old offsets) are gone.
    assert "[Supervisor]" in window.document_page.view.text
    assert window.session.undo.undo_label is None
    assert not dialog.apply_button.isEnabled() and dialog.close_button.text() == "Close"
    # The mapping is kept apart without the real name; the export for the ethics record has it.
    assert [(p.replacement, p.original) for p in stored_mapping(project)] == [("[Supervisor]", None)]
    out = tmp_path / "ethics.csv"
    monkeypatch.setattr(dialog_module, "choose_csv", lambda *_args, **_kw: str(out))
    dialog.export_mapping()
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows == [{"original": "Helen", "replacement": "[Supervisor]", "kind": "person", "count": "1"}]


def test_cancelling_the_search_changes_nothing(qtbot, window) -> None:
    dialog = PseudonymiseDialog(window.session, window, finder=BasicNameFinder(), pool=ImmediatePool())
    qtbot.addWidget(dialog)

    def press_cancel_then_search(*args, progress=None, is_cancelled=None):
        dialog.progress.cancel()  # the researcher presses Cancel on the progress dialog
        return dialog_module.propose_mapping(*args, progress=progress, is_cancelled=is_cancelled)

    dialog._start("Finding names", "…", press_cancel_then_search, window.session.project, BasicNameFinder(),
                  False, on_finished=dialog._show_proposal)
    assert dialog.proposal is None and dialog.progress is None
    assert dialog.result.text() == "Cancelled; nothing was changed."


def test_a_name_added_by_hand_and_a_shared_replacement(review) -> None:
    from qualcode.core.model import MappingEntry

    _window, dialog, _doc = review
    dialog.add_entry(MappingEntry("Honestly", "[Colleague 1]", "other"))
    added = _row(dialog, "Honestly")
    assert added[COUNT] == 1 and "<b>Honestly</b>" in str(added[EXAMPLE])
    assert "more than one name ([Colleague 1] for Helen, Honestly)" in dialog.warning.text()


class _NoOp:
    label = "Nothing"

    def do(self, project) -> None:
        pass

    def undo(self, project) -> None:
        pass
