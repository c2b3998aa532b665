"""Code names with "&" (the NHS framework's "Staff manner & personal attributes") show as written.

A Qt button reads "&" as the mark of a shortcut key: unescaped, the survey
keypad and the recent-codes row drew "Staff manner _personal attributes".
"""

from __future__ import annotations

from types import SimpleNamespace

from PySide6.QtGui import QKeySequence

from qualcode.core.model import CodeRole
from qualcode.gui.widgets.keypad_bar import KeypadBar
from qualcode.gui.widgets.recent_codes_bar import RecentCodesBar

NAME = "Staff manner & personal attributes"


def test_the_keypad_shows_an_ampersand_in_a_code_name(qtbot):
    code = SimpleNamespace(name=NAME, colour="#4e79a7", role=CodeRole.CODE)
    session = SimpleNamespace(pins={1: 7}, code=lambda code_id: code if code_id == 7 else None)
    bar = KeypadBar()
    qtbot.addWidget(bar)
    bar.set_pins(session)
    text = bar.buttons[1].text()
    assert QKeySequence.mnemonic(text).isEmpty()  # no shortcut key stole the "&"
    assert text.replace("&&", "&") == f"1  {NAME}"


def test_the_recent_codes_row_shows_an_ampersand_in_a_code_name(qtbot):
    bar = RecentCodesBar()
    qtbot.addWidget(bar)
    text = bar._button("Food & drink", "#4e79a7", CodeRole.CODE).text()
    assert QKeySequence.mnemonic(text).isEmpty()
    assert text.replace("&&", "&") == "Food & drink"
