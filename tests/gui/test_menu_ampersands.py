"""Menus and buttons built from code names show "&" as written ("Food & drink"), not as a shortcut mark."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from gui_helpers import select_text
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from qualcode.gui import margin_actions

pytestmark = pytest.mark.gui

NAME = "Staff manner & personal attributes"


def _as_written(text: str) -> str:
    assert QKeySequence.mnemonic(text).isEmpty(), text  # no letter became a shortcut key
    return text.replace("&&", "&")


def test_the_margin_menu_names_the_code_as_written(qtbot, monkeypatch) -> None:
    shown: list[str] = []

    class Recording(QMenu):
        def __init__(self, _parent) -> None:
            super().__init__()

        def exec(self, *_args):  # record instead of opening
            shown.extend(a.text() for a in self.actions())

    monkeypatch.setattr(margin_actions, "QMenu", Recording)
    code = SimpleNamespace(id=7, name=NAME)
    window = SimpleNamespace(
        document_page=SimpleNamespace(view=SimpleNamespace(all_spans=lambda: {3: SimpleNamespace(code_id=7)})),
        session=SimpleNamespace(code=lambda code_id: code), coding=SimpleNamespace(remove_coding=lambda _i: None),
        actions=None, code_panel=None)
    margin_actions._emergent_menu(window, 3, None)
    assert _as_written(shown[0]) == f"Remove “{NAME}” from these lines"


def test_code_tree_menu_and_undo_show_the_name_as_written(window, codes) -> None:
    window.session.project.codes.rename(codes["relentless"], NAME)
    menu = window.code_panel.build_menu(window.session.code(codes["relentless"]))
    texts = [_as_written(a.text()) for a in menu.actions() if NAME in a.text().replace("&&", "&")]
    assert f"Apply “{NAME}” to the selection" in texts and f"Delete “{NAME}”…" in texts
    select_text(window, "relentless")
    window.coding.apply_code(codes["relentless"])
    undo = window.actions.undo.text()
    assert undo.replace("&&", "").count("&") == 1  # only "&Undo" marks a shortcut key
    assert undo.startswith("&Undo") and NAME in undo.replace("&&", "&")
