"""Code hints in a transcript learn from the same participant's coding unless the researcher unticks it."""

from __future__ import annotations

from gui_helpers import select_text

from qualcode.core.model import CodeRole
from qualcode.gui.menus.analysis_menu import open_code_hints
from qualcode.gui.workers import ImmediatePool


def test_hints_default_to_the_same_participants_material(ipa_window, two_levels) -> None:
    made = {}

    def build(project) -> None:
        made.update(two_levels.statements_only(project))
        tom = next(d for d in project.documents.list() if d.title == "Tom interview")
        text = project.documents.text(tom.id)
        quote = "We are ranked on a league table of targets and numbers."
        made["Ranked and compared"] = project.codes.create("Ranked and compared", CodeRole.CODE).id
        start = text.index(quote)
        project.coding.apply(tom.id, start, start + len(quote), made["Ranked and compared"])

    win = ipa_window(build)
    maya = next(d for d in win.session.project.documents.list() if d.title == "Maya interview")
    win.open_document(maya.id)
    select_text(win, "My review was all about hitting the target numbers.")
    dialog = open_code_hints(win, backend="tfidf", pool=ImmediatePool())
    assert dialog is not None and dialog.same_participant.isChecked()
    assert dialog.same_participant.text() == "Learn only from Maya’s coded passages"
    maya_codes = {made[n] for n in ("Targets over people", "Judged on the figures", "Supervision holds me",
                                    "Someone in my corner")}
    assert dialog.buttons and set(dialog.buttons) <= maya_codes
    dialog._pool = ImmediatePool()
    dialog.same_participant.setChecked(False)  # everyone's coding: Tom's and Lee's codes are offered too
    assert set(dialog.buttons) - maya_codes
    assert dialog.same_participant.isVisible()
