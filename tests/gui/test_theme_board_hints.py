"""Suggested codes for the selection: hints from similar coded passages, applied only by a click."""

from __future__ import annotations

from gui_helpers import select_text

from qualcode.gui.menus.analysis_menu import open_code_hints
from qualcode.gui.workers import ImmediatePool


def test_hints_apply_only_when_clicked(window, codes) -> None:
    project = window.session.project
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    for phrase, code in (("It feels like a production line", "production"), ("Supervision with Helen", "supervision")):
        start = text.index(phrase)
        project.coding.apply(doc.id, start, start + len(phrase), codes[code])
    before = sum(project.queries.codings_per_document().values())
    select_text(window, "She holds it all for me")
    dialog = open_code_hints(window, backend="tfidf", pool=ImmediatePool())
    assert dialog is not None and dialog.buttons, dialog.status.text()
    assert sum(project.queries.codings_per_document().values()) == before  # hints change nothing
    code_id = next(iter(dialog.buttons))
    assert dialog.apply(code_id)
    assert sum(project.queries.codings_per_document().values()) == before + 1
    assert not dialog.buttons[code_id].isEnabled()


def test_no_selection_no_hints(window) -> None:
    window.document_page.view.select_span(0, 0)
    assert open_code_hints(window, backend="tfidf", pool=ImmediatePool()) is None
