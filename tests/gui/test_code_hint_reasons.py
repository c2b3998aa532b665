"""Each code hint's tooltip says why: the nearest coded passages and the words that weighed most."""

from __future__ import annotations

from gui_helpers import select_text

from qualcode.gui.menus.analysis_menu import open_code_hints
from qualcode.gui.workers import ImmediatePool


def test_hint_tooltip_quotes_the_nearest_coded_passage(window, codes) -> None:
    project = window.session.project
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    phrases = {"It feels like a production line": "production", "Supervision with Helen": "supervision"}
    for phrase, code in phrases.items():
        start = text.index(phrase)
        project.coding.apply(doc.id, start, start + len(phrase), codes[code])
    select_text(window, "She holds it all for me")
    dialog = open_code_hints(window, backend="tfidf", pool=ImmediatePool())
    assert dialog is not None and dialog.buttons, dialog.status.text()
    for code_id, button in dialog.buttons.items():
        tip = button.toolTip()
        assert "Nearest coded examples:" in tip
        quoted = [p for p, c in phrases.items() if codes[c] == code_id]
        assert quoted and f"“{quoted[0]}”" in tip


def test_hints_from_one_example_per_code_say_they_come_from_similar_passages(window, codes) -> None:
    project = window.session.project
    doc = project.documents.list()[0]
    text = project.documents.text(doc.id)
    for phrase, code in {"It feels like a production line": "production", "Supervision with Helen": "supervision"}.items():
        start = text.index(phrase)
        project.coding.apply(doc.id, start, start + len(phrase), codes[code])
    select_text(window, "She holds it all for me")
    dialog = open_code_hints(window, backend="tfidf", pool=ImmediatePool())
    assert dialog is not None and dialog.buttons
    assert "from similar coded passages" in dialog.status.text()
