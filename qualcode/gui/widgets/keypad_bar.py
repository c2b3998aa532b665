"""The survey keypad: the codes pinned to keys 1–9, and how to reach any other code.

Clicking a key's button toggles its code on the current answer, as pressing
the key does; past the nine keys, Ctrl+K's quick-code box reaches every code.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from qualcode.gui import tones
from qualcode.gui.mnemonics import as_written
from qualcode.gui.session import Session
from qualcode.gui.widgets.flow_layout import FlowLayout
from qualcode.gui.widgets.recent_codes_bar import code_icon


class KeypadBar(QWidget):
    """The codes pinned to keys 1-9; clicking one toggles it on the current answer too."""

    keyPressed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keypad")
        self._layout = FlowLayout(self)
        self.buttons: dict[int, QToolButton] = {}

    def set_pins(self, session: Session) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            if item.widget():
                item.widget().hide()
                item.widget().deleteLater()
        self.buttons = {}
        label = QLabel("Keys:" if session.pins else "Pin codes to keys 1–9 from the code tree's menu.", self)
        label.setStyleSheet(tones.muted_style())
        self._layout.addWidget(label)
        for key in range(1, 10):
            code = session.code(session.pins.get(key, -1))
            if code is None:
                continue
            button = QToolButton(self)
            button.setText(f"{key}  {as_written(code.name)}")  # "&" in "Staff manner & …" is no shortcut key
            button.setIcon(code_icon(code.colour, code.role))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setAutoRaise(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setToolTip(f"Press {key} to put “{code.name}” on the whole answer (again to take it off)")
            button.clicked.connect(lambda _=False, k=key: self.keyPressed.emit(k))
            self._layout.addWidget(button)
            self.buttons[key] = button
        # Codes past the nine keys are reachable from the keyboard too: Ctrl+K types a code's name.
        more = QLabel("Ctrl+K: any other code", self)
        more.setObjectName("keypad-more")
        more.setStyleSheet(tones.muted_style())
        more.setToolTip("Ctrl+K opens the quick-code box: type a few letters of any code, Enter puts it on the "
                        "whole answer (or on the words selected in the answer below)")
        self._layout.addWidget(more)
